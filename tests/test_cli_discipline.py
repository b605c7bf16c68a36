"""Command-line discipline: rule codes checked, format from -o, --version/-V, --quiet, compare
formats, and disk or permission failures as one Chinese line."""
from __future__ import annotations

import errno
import json
import re
import subprocess
import sys

import openpyxl
import pytest

from analyzer import __version__

from tests.conftest import SAMPLES
from tests.test_cli import run

DRAFTS = SAMPLES / "drafts"
VAGUE = DRAFTS / "赵国庆.txt"


def _main(monkeypatch, capsys, *args) -> tuple[int, str, str]:
    """Run the entry point in this process (so a failure can be injected)."""
    from analyzer.cli import main

    monkeypatch.setattr(sys, "argv", ["draftcheck", *map(str, args)])
    with pytest.raises(SystemExit) as exc:
        main()
    out = capsys.readouterr()
    return exc.value.code, out.out, out.err


# ---- rule codes ---------------------------------------------------------------------------------

def test_an_unknown_code_is_refused_with_the_nearest_real_one():
    """Before: --select VAG0001 switched every rule off and the vague draft passed (exit 0)."""
    out = run("check", VAGUE, "--select", "VAG0001", "--format", "json")
    assert out.returncode == 2 and out.stdout == ""
    assert "--select" in out.stderr and "“VAG0001”" in out.stderr and "最接近的是“VAG001”" in out.stderr
    out = run("check", VAGUE, "--ignore", "vag001")
    assert out.returncode == 2 and "--ignore" in out.stderr and "“VAG001”" in out.stderr


def test_an_unknown_code_in_the_config_file_names_the_file(tmp_path):
    (tmp_path / "draftcheck.toml").write_text('[tool.draftcheck]\nselect = ["PAIR", "GNE"]\n', encoding="utf-8")
    out = run("check", VAGUE, cwd=tmp_path)
    assert out.returncode == 2
    assert "draftcheck.toml" in out.stderr and "select" in out.stderr and "“GNE”" in out.stderr
    assert "“GEN”" in out.stderr   # the nearest prefix


def test_real_codes_prefixes_categories_and_batch_codes_are_accepted():
    for sel in ("VAG001", "VAG", "vague", "REU001"):
        out = run("check", VAGUE, "--select", sel, "--format", "json")
        assert out.returncode in (0, 1), (sel, out.stderr)
    findings = json.loads(run("check", VAGUE, "--select", "VAG", "--format", "json").stdout)["documents"][0]["findings"]
    assert findings and all(f["rule"].startswith("VAG") for f in findings)


def test_rules_list_names_categories_in_chinese():
    out = run("rules", "list")
    assert out.returncode == 0
    assert "[批评变希望·" in out.stdout and "[表述空泛·" in out.stdout
    for slug in ("hope-as-criticism", "vague·", "missing-section", "generic-measure", "copied"):
        assert slug not in out.stdout
    show = run("rules", "show", "CRI001")
    assert "类别：批评变希望" in show.stdout and "hope-as-criticism" not in show.stdout


def test_rules_show_fills_placeholders_and_leaves_out_design_notes():
    out = run("rules", "show", "SEC001")
    assert out.returncode == 0
    assert "{" not in out.stdout and "genre.md" not in out.stdout


# ---- format from -o --------------------------------------------------------------------------------

@pytest.mark.parametrize("name, check", [
    ("报告.json", lambda p: json.loads(p.read_text(encoding="utf-8"))["schema"] == "draftcheck-report/1"),
    ("报告.html", lambda p: p.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")),
    ("报告.xlsx", lambda p: openpyxl.load_workbook(p).sheetnames[0] == "汇总"),
    ("报告.txt", lambda p: "赵国庆" in p.read_text(encoding="utf-8")),
])
def test_format_follows_the_extension_of_o(tmp_path, name, check):
    path = tmp_path / name
    out = run("check", VAGUE, "-o", path)
    assert out.returncode in (0, 1), out.stderr
    assert check(path)


@pytest.mark.parametrize("fmt, name, words", [
    ("html", "报告.xlsx", ["扩展名是 .xlsx", "--format html 不符"]),
    ("json", "报告.html", ["扩展名是 .html", "--format json 不符"]),
    ("docx", "批注.docx", ["写进一个目录"]),
    (None, "报告.pdf", ["看不出要哪种报告"]),
])
def test_a_format_the_extension_contradicts_is_refused(tmp_path, fmt, name, words):
    """Before: --format html -o 报告.xlsx wrote HTML into a file named .xlsx."""
    path = tmp_path / name
    out = run("check", VAGUE, "-o", path, *(["--format", fmt] if fmt else []))
    assert out.returncode == 2
    assert all(w in out.stderr for w in words), out.stderr
    assert not path.exists()


def test_plan_wants_an_xlsx(tmp_path):
    out = run("plan", VAGUE, "-o", tmp_path / "整改清单.html")
    assert out.returncode == 2 and ".xlsx" in out.stderr and not (tmp_path / "整改清单.html").exists()


# ---- version, quiet ---------------------------------------------------------------------------------

@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag):
    out = run(flag)
    assert out.returncode == 0 and out.stdout.strip() == f"draftcheck {__version__}"


def test_quiet_leaves_out_remarks_but_not_errors(tmp_path):
    loud = run("check", VAGUE, "-o", tmp_path / "a.json")
    assert "报告已写入" in loud.stderr
    quiet = run("check", VAGUE, "-o", tmp_path / "b.json", "--quiet")
    assert quiet.returncode == loud.returncode and quiet.stderr == ""
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"not a zip")
    failing = run("check", bad, "-q")
    assert failing.returncode == 2 and "坏.docx" in failing.stderr


# ---- compare ------------------------------------------------------------------------------------------

A, B = DRAFTS / "许明远.docx", DRAFTS / "钱海涛.docx"


def test_compare_json_gives_places_as_paragraphs():
    out = run("compare", A, B, "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["schema"] == "draftcheck-compare/1" and data["figures"]["passages"] == len(data["passages"]) >= 1
    for p in data["passages"]:
        assert p["a"]["where"].startswith("第") and p["a"]["where"].endswith("段")
        assert p["b"]["where"].startswith("第") and p["b"]["where"].endswith("段")
    assert "归根结底是党性锤炼出了问题" in data["passages"][0]["a"]["text"]


def test_compare_text_shows_paragraphs_not_offsets():
    out = run("compare", A, B)
    assert out.returncode == 0
    assert "第10段" in out.stdout
    assert not re.search(r"\[\d+–\d+\]", out.stdout)   # before: [1083–1111]


def test_compare_html_is_one_offline_page(tmp_path):
    import lxml.html

    path = tmp_path / "比对.html"
    out = run("compare", A, B, "-o", path)
    assert out.returncode == 0, out.stderr
    page = lxml.html.fromstring(path.read_text(encoding="utf-8"))
    pairs = page.xpath('//div[@class="pair"]')
    assert len(pairs) == len(json.loads(run("compare", A, B, "--format", "json").stdout)["passages"])
    assert "第10段" in pairs[0].xpath('div[@class="cap"]')[0].text_content()
    assert not page.xpath("//script[@src] | //link")


# ---- disk and permission failures --------------------------------------------------------------------

@pytest.mark.parametrize("err, words", [
    (PermissionError(errno.EACCES, "Permission denied"), ["没有写入权限", "换一个有写入权限的位置"]),
    (OSError(errno.ENOSPC, "No space left on device"), ["磁盘空间已满", "清理磁盘空间"]),
    (OSError(errno.EROFS, "Read-only file system"), ["只读"]),
    (OSError(errno.ENOENT, "No such file or directory"), ["路径不存在"]),
])
@pytest.mark.parametrize("fmt", ["json", "xlsx", "html"])
def test_a_failed_write_is_one_chinese_line_with_the_fix(monkeypatch, capsys, tmp_path, err, words, fmt):
    """Before: 错误：程序内部出错（PermissionError…）."""
    import analyzer.atomic

    def refuse(*a, **k):   # the writer's first step on the disk fails
        raise err

    monkeypatch.setattr(analyzer.atomic.tempfile, "mkstemp", refuse)
    target = tmp_path / f"报告.{fmt}"
    code, _, stderr = _main(monkeypatch, capsys, "check", VAGUE, "-o", target)
    lines = [x for x in stderr.strip().splitlines() if not x.startswith("提示：")]   # notes are not errors
    assert code == 2 and len(lines) == 1, stderr
    assert lines[0].startswith(f"错误：{target}：") and all(w in lines[0] for w in words), lines[0]
    assert "程序内部出错" not in stderr and "Error" not in stderr and "denied" not in stderr


def test_a_full_disk_for_real(tmp_path):
    """A 16 KB tmpfs: the batch's report does not fit; the old file stays as it was."""
    small = tmp_path / "小盘"
    small.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(small)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        old = small / "报告.json"
        old.write_text("{}", encoding="utf-8")
        out = run("batch", DRAFTS, "--no-store", "-o", old)
        assert out.returncode == 2
        assert "磁盘空间已满" in out.stderr and "Traceback" not in out.stderr
        assert old.read_text(encoding="utf-8") == "{}"
    finally:
        subprocess.run(["umount", str(small)], capture_output=True)
