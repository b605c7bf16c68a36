"""No report ever replaces an input: ``-o`` is checked once, before any work, for every format of
``check`` and ``batch`` (``analyzer.atomic.check_output_path``)."""
from __future__ import annotations

import hashlib
import sys

import pytest

DRAFT_A = """李明同志个人对照检查材料

一、存在的主要问题
（一）理论学习不够深入。今年参加中心组学习12次，但自学笔记只有3篇，对新修订的条例没有逐条研读。
二、产生问题的原因
（一）理想信念有所松懈，把学习当成软任务。
三、整改措施
（一）2024年6月底前完成条例逐条学习，写出5000字心得，报党组审阅。
"""

DRAFT_B = """王芳同志个人对照检查材料

一、存在的主要问题
（一）联系群众不够紧密。全年下基层调研只有4次，群众反映的停车难问题至今没有答复。
二、产生问题的原因
（一）宗旨意识淡化，习惯在办公室听汇报。
三、整改措施
（一）每月至少下基层2天，9月底前对停车难问题作出书面答复并公开。
"""

FORMATS = ["text", "json", "html", "xlsx", "docx"]


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def drafts(tmp_path):
    folder = tmp_path / "材料"
    folder.mkdir()
    (folder / "李明.txt").write_text(DRAFT_A, encoding="utf-8")
    (folder / "王芳.txt").write_text(DRAFT_B, encoding="utf-8")
    team = tmp_path / "班子对照检查材料.txt"
    team.write_text(DRAFT_A.replace("李明同志个人", "县委常委班子"), encoding="utf-8")
    return folder, team


def _run(monkeypatch, capsys, args) -> tuple[int, str]:
    from analyzer.cli import main

    monkeypatch.setattr(sys, "argv", ["draftcheck", *map(str, args)])
    with pytest.raises(SystemExit) as exc:
        main()
    return exc.value.code, capsys.readouterr().err


def _refused(monkeypatch, capsys, args, inputs, why: str) -> None:
    before = {p: _digest(p) for p in inputs}
    code, err = _run(monkeypatch, capsys, args)
    assert code == 2, err
    assert err.startswith("错误：") and why in err and "Traceback" not in err
    assert err.count("\n") == 1  # one line
    assert {p: _digest(p) for p in inputs} == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_batch_refuses_an_output_that_is_a_draft_in_the_folder(drafts, fmt, monkeypatch, capsys):
    folder, _team = drafts
    draft = folder / "王芳.txt"
    _refused(monkeypatch, capsys, ["batch", folder, "--no-store", "--format", fmt, "-o", draft],
             [draft, folder / "李明.txt"], "覆盖原稿")


@pytest.mark.parametrize("fmt", FORMATS)
def test_check_refuses_an_output_that_is_its_input(drafts, fmt, monkeypatch, capsys):
    folder, _team = drafts
    draft = folder / "李明.txt"
    _refused(monkeypatch, capsys, ["check", draft, "--format", fmt, "-o", draft], [draft], "覆盖原稿")


@pytest.mark.parametrize("command", ["check", "batch"])
def test_output_spelt_through_dotdot_or_a_symlink_is_still_the_input(drafts, command, monkeypatch, capsys,
                                                                        tmp_path):
    folder, _team = drafts
    draft = folder / "王芳.txt"
    (folder / "子目录").mkdir()
    link = tmp_path / "报告.json"
    link.symlink_to(draft)
    head = ["check", draft] if command == "check" else ["batch", folder, "--no-store"]
    for out in (folder / "子目录" / ".." / "王芳.txt", link):
        _refused(monkeypatch, capsys, [*head, "--format", "json", "-o", out], [draft], "覆盖原稿")


def test_batch_refuses_to_replace_the_team_draft(drafts, monkeypatch, capsys):
    folder, team = drafts
    _refused(monkeypatch, capsys, ["batch", folder, "--team", team, "--no-store", "--format", "json",
                                   "-o", team], [team], "覆盖原稿")


@pytest.mark.parametrize("command", ["check", "batch"])
def test_annotated_copies_never_go_into_a_folder_holding_a_draft(drafts, command, monkeypatch, capsys):
    folder, _team = drafts
    head = ["check", folder / "李明.txt"] if command == "check" else ["batch", folder, "--no-store"]
    _refused(monkeypatch, capsys, [*head, "--format", "docx", "-o", folder],
             [folder / "李明.txt", folder / "王芳.txt"], "原稿")
    assert sorted(p.name for p in folder.iterdir()) == ["李明.txt", "王芳.txt"]


def test_batch_refuses_a_report_the_next_batch_would_read_as_a_draft(drafts, monkeypatch, capsys):
    folder, _team = drafts
    for fmt, out in (("text", folder / "审核报告.txt"), ("docx", folder / "批注")):
        _refused(monkeypatch, capsys, ["batch", folder, "--no-store", "--format", fmt, "-o", out],
                 [folder / "李明.txt"], "输入目录")
    assert sorted(p.name for p in folder.iterdir()) == ["李明.txt", "王芳.txt"]


def test_reports_beside_or_outside_the_drafts_are_written(drafts, monkeypatch, capsys, tmp_path):
    folder, _team = drafts
    inside = folder / "审核报告.json"   # not a draft format: the next batch does not read it
    code, err = _run(monkeypatch, capsys, ["batch", folder, "--no-store", "--format", "json", "-o", inside])
    assert code in (0, 1), err
    assert '"documents"' in inside.read_text(encoding="utf-8")
    out = tmp_path / "批注"
    code, err = _run(monkeypatch, capsys, ["check", folder / "李明.txt", "--format", "docx", "-o", out])
    assert code in (0, 1), err
    assert [p.name for p in out.iterdir()] == ["李明_批注.docx"]


def test_a_folder_given_where_a_report_file_is_wanted_is_refused(drafts, monkeypatch, capsys, tmp_path):
    folder, _team = drafts
    code, err = _run(monkeypatch, capsys, ["check", folder / "李明.txt", "--format", "json", "-o", tmp_path])
    assert code == 2 and "是一个目录" in err and "Traceback" not in err
