"""Problem lineage across a member's years: YR001 repeated, YR002/YR003 rectification, YR005 measures.

The corpus under tests/fixtures/yearly/corpus (six members of a county standing committee, 2021年度
drafts, earlier drafts of 2019 and 2020 for five of them) was written by hand with its labels; the
thresholds come from the separate labelled pairs in tests/fixtures/yearly/pairs.yaml.
"""
from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest
import yaml

from analyzer.model import Document, Item
from analyzer.yearly.config import number
from analyzer.yearly.lineage import Similarity, body, body_text, earlier_drafts, mask_years, one_to_one
from analyzer.yearly.stage import _template_sentences
from tests.test_cli import run

FIX = Path(__file__).parent / "fixtures" / "yearly"
CORPUS = FIX / "corpus"
LABELS = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))


def _scorer():
    spec = importlib.util.spec_from_file_location("yearly_score", Path(__file__).parent.parent / "bench" / "yearly_score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def report():
    got = run("batch", CORPUS / "drafts", "--history", CORPUS / "history", "--manifest", CORPUS / "manifest.csv",
              "--no-store", "--format", "json")
    assert got.returncode in (0, 1), got.stderr
    return json.loads(got.stdout)


def _yr(report, doc_id, code=None):
    doc = next(d for d in report["documents"] if d["id"] == doc_id)
    return [f for f in doc["findings"] if f["rule"].startswith("YR") and (code is None or f["rule"] == code)]


def test_labelled_repeats_and_stale_deadlines_are_found(report):
    s = _scorer().score(LABELS, report)
    assert s["members"] == 6 and not s["missing_documents"]
    assert (s["repeated_found"], s["repeated"], s["repeated_false"]) == (3, 3, 0), s["misses"] + s["false_alarms"]
    assert (s["stale_found"], s["stale"], s["stale_false"]) == (3, 3, 0), s["misses"] + s["false_alarms"]


def test_meeting_date_comes_from_the_manifest(report):
    assert report["meeting_date"]["how"] == "manifest" and report["meeting_date"]["date"] == "2022-01-18"


def test_a_problem_raised_three_years_running_names_both_years(report):
    (f,) = _yr(report, "M04", "YR001")
    assert "2019年、2020年" in f["message"] and f["section"] == "problems"
    assert f["excerpt"].startswith("（一）政务新媒体账号管理不严")


def test_reported_done_while_raised_again(report):
    (claim,) = _yr(report, "M01", "YR003")
    assert claim["section"] == "last_year" and "已整改到位" in claim["excerpt"]
    assert "第1条问题又查摆了它" in claim["message"]


def test_explained_repeats_and_honest_new_problems_are_not_flagged(report):
    # M02: 城南棚改 reported as still open with its reason; the safety item says 去年查摆的……整改不彻底
    assert _yr(report, "M02", "YR001") == []
    # M05: 杨柳村 reported open (换届前难以调整); M03: new problems on the same topics as last year
    assert _yr(report, "M05", "YR001") == [] and _yr(report, "M03", "YR001") == []
    # M01's 理论学习与工作结合不紧 shares the 2019 topic 理论学习, not the problem
    assert not any("理论学习" in f["excerpt"] for f in _yr(report, "M01", "YR001"))


def test_unreported_rectification(report):
    for doc in ("M03", "M04"):      # no 上年度整改落实情况 part, nothing said of last year's measures
        (f,) = _yr(report, doc, "YR002")
        assert "没有报告上年度整改落实情况" in f["message"] and f["severity"] == "warning"
    for doc in ("M01", "M02", "M05"):   # every earlier measure is reported on
        assert _yr(report, doc, "YR002") == []


def test_measure_carried_over(report):
    (f,) = _yr(report, "M04", "YR005")
    assert f["excerpt"].startswith("（一）2020年底前对全县政务新媒体账号")
    assert all(not _yr(report, d, "YR005") for d in ("M01", "M02", "M03", "M05", "M06"))


def test_a_member_without_earlier_drafts_gets_no_lineage_finding(report):
    assert [f["rule"] for f in _yr(report, "M06")] == []


def test_store_across_two_runs(tmp_path):
    """Last year's batch stored; this year's batch finds the repeats without --history."""
    last_year = tmp_path / "2020"
    last_year.mkdir()
    for p in (CORPUS / "history").glob("*-2020.txt"):
        shutil.copy(p, last_year / p.name)
    store = tmp_path / "历史库.sqlite3"
    first = run("batch", last_year, "--manifest", CORPUS / "manifest.csv", "--store", store, "--format", "json")
    assert first.returncode in (0, 1), first.stderr
    second = run("batch", CORPUS / "drafts", "--manifest", CORPUS / "manifest.csv", "--store", store, "--format", "json")
    data = json.loads(second.stdout)
    assert [f["rule"] for f in _yr(data, "M01", "YR001")] == ["YR001"]        # 防汛 (2020); 信访 was 2019's
    assert _yr(data, "M01", "YR001")[0]["excerpt"].startswith("（一）防汛防灾责任落实不到位")
    assert len(_yr(data, "M04", "YR001")) == 1 and len(_yr(data, "M04", "YR005")) == 1
    assert _yr(data, "M06") == []


def test_check_with_history(tmp_path):
    got = run("check", CORPUS / "drafts" / "M04.txt", "--history", CORPUS / "history", "--manifest",
              CORPUS / "manifest.csv", "--format", "json")
    data = json.loads(got.stdout)
    assert sorted(f["rule"] for f in _yr(data, "M04")) == ["YR001", "YR002", "YR004", "YR005"]


# ---- the parts ------------------------------------------------------------------------------------

def test_body_drops_a_stock_label_but_keeps_a_lone_sentence():
    it = Item(kind="problem", start=0, end=0, text="（二）安全生产抓得不严。对全县燃气管道老化情况底数不清，冬季有2个小区发生燃气泄漏。",
              label="安全生产抓得不严")
    assert body(it) == "对全县燃气管道老化情况底数不清，冬季有2个小区发生燃气泄漏。"
    assert body_text("1.理论学习不够深入。") == "理论学习不够深入。"


def test_one_to_one_keeps_the_best_pairs():
    import numpy as np

    m = np.array([[0.5, 0.4], [0.45, 0.1]])
    assert one_to_one(m, 0.2) == [(0, 0, 0.5)]          # row 1's best column is taken; 0.1 is below
    assert one_to_one(m, 0.05) == [(0, 0, 0.5), (1, 1, 0.1)]


def test_earlier_drafts_are_the_same_member_of_earlier_years():
    me = Document(id="A", path="A.txt", text="甲", format="txt", member="林卫国", year=2021)
    hist = [Document(id="A-2020", path="x", text="乙", format="txt", kind="history", member="林卫国", year=2020),
            Document(id="A-2021", path="y", text="丙", format="txt", kind="history", member="林卫国", year=2021),
            Document(id="B-2020", path="z", text="丁", format="txt", kind="history", member="周敏", year=2020),
            Document(id="A-old", path="w", text="2019年度民主生活会个人对照检查材料", format="txt", kind="history",
                     member="林卫国")]
    assert [(d.id, y) for d, y in earlier_drafts(me, hist)] == [("A-old", 2019), ("A-2020", 2020)]


def test_masking_years_shows_a_measure_carried_over():
    assert mask_years("（一）2021年起每月接访1次") == mask_years("1.2022年起每月接访1次")
    assert mask_years("2021年起每月接访1次") != mask_years("2021年起每季度接访1次")


def test_shipped_thresholds_separate_the_labelled_pairs():
    """The calibration data: at the shipped thresholds repeats are found and topic-mates are not."""
    data = yaml.safe_load((FIX / "pairs.yaml").read_text(encoding="utf-8"))
    texts = [t for p in data["pairs"] for t in (p["old"], p["new"])] + \
        [t for m in data["mentions"] for t in (m["old"], m["passage"])]
    from analyzer.segment import sentences

    sim = Similarity(list(_template_sentences()) + [t[s:e] for t in dict.fromkeys(texts) for s, e in sentences(t)])
    th = number("lineage", "threshold")
    scored = [(p["same"], sim.matrix([body_text(p["old"])], [body_text(p["new"])])[0, 0]) for p in data["pairs"]]
    same = [s for y, s in scored if y]
    other = [s for y, s in scored if not y]
    assert sum(s >= th for s in same) / len(same) >= 0.95
    assert sum(s >= th for s in other) <= 1
    mt = number("lineage", "mention_threshold")
    ms = [(m["same"], sim.matrix([body_text(m["old"])], [m["passage"]])[0, 0]) for m in data["mentions"]]
    assert all((s >= mt) == y for y, s in ms)
