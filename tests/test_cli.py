"""The command line as a user meets it: Chinese output, exit codes 0/1/2, no tracebacks."""
import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SAMPLES

DRAFTS = SAMPLES / "drafts"
TEAM = SAMPLES / "team" / "班子对照检查材料.txt"


def run(*args, cwd=ROOT):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "120"}
    return subprocess.run([sys.executable, "-m", "analyzer.cli", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd, env=env, timeout=300)


def test_help_is_chinese():
    out = run("--help")
    assert out.returncode == 0
    assert "用法" in out.stdout and "批量审核" in out.stdout and "显示本帮助并退出" in out.stdout
    sub = run("batch", "--help")
    assert "班子对照检查材料" in sub.stdout and "--no-store" in sub.stdout


def test_check_prints_a_readable_chinese_report_for_a_vague_draft():
    out = run("check", DRAFTS / "赵国庆.txt")
    assert out.returncode in (0, 1)
    assert "Traceback" not in out.stderr
    assert "表述空泛" in out.stdout          # the vague rule fires on the vague sample
    assert "建议" in out.stdout              # each finding carries a suggestion
    assert "存在的主要问题" in out.stdout    # findings are grouped under the draft's own headings


def test_missing_measures_exits_1_at_default_fail_on_and_0_when_raised_above():
    out = run("check", DRAFTS / "孙丽萍.txt", "--format", "json")
    assert out.returncode == 1
    doc = json.loads(out.stdout)["documents"][0]
    assert doc["sections"]["measures"] is None
    assert any(f["category"] == "missing-section" for f in doc["findings"])
    # nothing reaches a level above error, so --fail-on error is the strictest gate; info catches all
    assert run("check", DRAFTS / "沈卫东.docx", "--fail-on", "info").returncode == 1


def test_wrong_path_gives_one_chinese_line_and_exit_2(tmp_path):
    out = run("check", tmp_path / "不存在的材料.docx")
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert "不存在的材料.docx" in out.stderr and "不存在" in out.stderr


def test_unreadable_file_gives_one_chinese_line_and_exit_2(tmp_path):
    fake = tmp_path / "扫描件.docx"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    out = run("check", fake)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    lines = [l for l in out.stderr.splitlines() if "扫描件.docx" in l]
    assert lines and "图片" in lines[0]


def test_unknown_option_is_a_chinese_usage_error():
    out = run("check", "--bogus", DRAFTS / "赵国庆.txt")
    assert out.returncode == 2
    assert "没有选项 '--bogus'" in out.stderr and "Traceback" not in out.stderr


def test_suppression_matching_nothing_is_refused():
    out = run("check", DRAFTS / "赵国庆.txt", "--ignore", "ZZZ999", "--format", "json")
    assert out.returncode == 2 and out.stdout == ""
    assert "ZZZ999" in out.stderr and "没有规则代码" in out.stderr


def test_ignore_removes_a_rule_family():
    out = run("check", DRAFTS / "赵国庆.txt", "--ignore", "VAG", "--format", "json")
    findings = json.loads(out.stdout)["documents"][0]["findings"]
    assert findings and not any(f["rule"].startswith("VAG") for f in findings)


@pytest.fixture(scope="module")
def sample_batch(tmp_path_factory):
    out = tmp_path_factory.mktemp("batch") / "报告.json"
    proc = run("batch", DRAFTS, "--team", TEAM, "--history", SAMPLES / "history",
               "--manifest", SAMPLES / "manifest.csv", "--no-store", "--format", "json", "-o", out)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def test_batch_on_samples_reports_every_draft_with_members(sample_batch):
    docs = {d["id"]: d for d in sample_batch["documents"]}
    assert len(docs) == len(list(DRAFTS.iterdir()))
    assert docs["韩志刚"]["role"] == "政法委书记"
    assert sample_batch["schema"] == "draftcheck-report/1" and sample_batch["errors"] == []


def test_batch_on_samples_finds_template_copy_recycling_and_team_claims(sample_batch):
    kinds = {(r["doc"], r["source_kind"]) for r in sample_batch["reuse"]}
    assert ("刘建平", "template") in kinds
    assert ("韩志刚", "history") in kinds
    assert ("沈卫东", "team") in kinds
    # a team claim is reported as a claim, never as copying
    claim_findings = [f for d in sample_batch["documents"] if d["id"] == "沈卫东" for f in d["findings"]
                      if f["category"] in ("copied", "recycled")]
    assert claim_findings == []


def test_batch_on_samples_groups_the_ghostwritten_pair_only(sample_batch):
    groups = [sorted(g["docs"]) for g in sample_batch["same_hand"]]
    assert groups == [["许明远", "钱海涛"]]
    evidence = " ".join(sample_batch["same_hand"][0]["evidence"])
    assert "疑似" in evidence and "县委办-周文" in evidence


def test_batch_json_is_byte_identical_across_runs(tmp_path):
    outs = []
    for n in range(2):
        out = tmp_path / f"r{n}.json"
        run("batch", DRAFTS, "--team", TEAM, "--no-store", "--format", "json", "-o", out)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_batch_of_a_missing_directory_exits_2(tmp_path):
    out = run("batch", tmp_path / "没有这个目录")
    assert out.returncode == 2 and "目录不存在" in out.stderr and "Traceback" not in out.stderr


def test_batch_infers_the_theme_and_survives_a_batch_with_nothing_shared(tmp_path):
    """The holdout drafts (2023 主题教育) share no text beyond the theme's own wording."""
    holdout = ROOT / "corpora" / "holdout"
    out = tmp_path / "holdout.json"
    proc = run("batch", holdout / "inputs", "--manifest", holdout / "manifest.csv", "--no-store",
               "--format", "json", "-o", out)
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["rules"] == "2023-theme-education"
    assert "2023-theme-education" in proc.stderr
    assert report["reuse"] == [] and report["same_hand"] == []


def test_an_unreadable_extra_template_is_listed_under_errors(tmp_path):
    templates = tmp_path / "范文"
    templates.mkdir()
    (templates / "坏范文.docx").write_bytes(b"PK\x03\x04 not really a zip")
    out = tmp_path / "r.json"
    proc = run("batch", DRAFTS, "--templates", templates, "--no-store", "--format", "json", "-o", out)
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [e["path"].endswith("坏范文.docx") for e in report["errors"]] == [True]
    assert len(report["documents"]) == len(list(DRAFTS.iterdir()))
