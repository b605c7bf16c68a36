"""A city's drafts as a department sends them: renamed copies, zips, team folders, rosters, empty folders.

Each test runs the real command line (``python -m analyzer.cli``) on files written here.
"""
from __future__ import annotations

import json
import shutil

from tests.conftest import SAMPLES
from tests.test_cli import run

DRAFTS = SAMPLES / "drafts"


def _batch_json(folder, out, *extra):
    res = run("batch", folder, "--no-store", "--format", "json", "-o", out, *extra)
    assert "Traceback" not in res.stderr and "程序内部出错" not in res.stderr, res.stderr
    return res, json.loads(out.read_text(encoding="utf-8"))


def test_a_renamed_copy_of_a_members_docx_is_reported_not_a_crash(tmp_path):
    folder = tmp_path / "材料"
    shutil.copytree(DRAFTS, folder)
    # the classic ghost-writing case: one member's file handed in again under another name
    shutil.copy(folder / "刘建平.docx", folder / "王小明.docx")
    res, report = _batch_json(folder, tmp_path / "r.json")
    assert res.returncode in (0, 1)
    ids = {d["id"] for d in report["documents"]}
    assert {"刘建平", "王小明"} <= ids
    assert any({"刘建平", "王小明"} <= set(g["docs"]) for g in report["same_hand"])
    copied = [r for r in report["reuse"] if r["doc"] == "王小明" and r["source"] == "刘建平"]
    assert copied and sum(r["end"] - r["start"] for r in copied) > 500
