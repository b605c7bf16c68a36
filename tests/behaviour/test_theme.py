"""Theme choice as a user meets it: the title settles the theme, or the general rules are used and
the note says which theme the year would suggest. Drafts written for these tests (fictional 青杠乡)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BODY = """一、存在的主要问题
（一）联系群众不够紧密。2020年6月青杠乡石门村反映饮水管网漏水，我三个月没有去现场，直到9月才协调维修。
（二）抓落实有差距。全乡12个村的集体经济项目，我只到过5个村，其余村只听汇报。
二、产生问题的原因
（一）宗旨意识淡化，把群众的小事看成小事。
（二）作风不实，满足于听汇报、看材料。
三、整改措施
（一）2021年3月底前走遍12个村的集体经济项目，每村形成一份问题清单。
（二）每月到信访接待室接访一天，群众反映的饮水问题7日内答复。
"""


def _check(tmp_path: Path, title: str) -> tuple[dict, str]:
    draft = tmp_path / "材料.txt"
    draft.write_text((title + "\n" if title else "") + BODY, encoding="utf-8")
    out = tmp_path / "报告.json"
    run = subprocess.run([sys.executable, "-m", "analyzer.cli", "check", str(draft), "-o", str(out)],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode in (0, 1), run.stderr
    return json.loads(out.read_text(encoding="utf-8")), run.stderr


def _codes(report: dict) -> set[str]:
    return {f["rule"] for d in report["documents"] for f in d["findings"]}


def test_no_title_means_general_rules_and_a_note(tmp_path):
    report, stderr = _check(tmp_path, "")
    assert report["rules"] == "general"
    assert "THM001" not in _codes(report)
    assert "通用规则" in stderr and "--rules" in stderr


def test_a_year_inside_the_problems_does_not_settle_the_theme(tmp_path):
    """BODY speaks of 2020年6月 in a problem; that is no meeting year."""
    report, stderr = _check(tmp_path, "个人对照检查材料")
    assert report["rules"] == "general"


@pytest.mark.parametrize("title, theme", [
    ("2022年度民主生活会个人对照检查材料", "2022-annual"),
    ("党史学习教育专题民主生活会个人检视剖析材料", "2021-party-history"),
    ("2023年主题教育专题民主生活会个人对照检查材料", "2023-theme-education"),
])
def test_a_title_that_names_the_meeting_settles_the_theme(tmp_path, title, theme):
    report, stderr = _check(tmp_path, title)
    assert report["rules"] == theme
    assert "通用规则" not in stderr


def test_general_rules_still_check_sections(tmp_path):
    draft = tmp_path / "材料.txt"
    draft.write_text(BODY.split("三、整改措施")[0], encoding="utf-8")
    out = tmp_path / "报告.json"
    subprocess.run([sys.executable, "-m", "analyzer.cli", "check", str(draft), "-o", str(out)],
                   capture_output=True, text=True, cwd=tmp_path)
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["rules"] == "general"
    assert "SEC001" in _codes(report)
