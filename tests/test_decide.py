"""The decide stage: verdicts from configured thresholds, copy figures read once, 整改清单 rows."""
from __future__ import annotations

import pytest

from analyzer.decide import (PASS, RETURN, REVISE, copy_figures, decide, default_thresholds, percent,
                             read_thresholds, verdict_of)
from analyzer.errors import ConfigError
from analyzer.model import BatchResult

from test_report_fixture import CHEN_FIGURES, chen, make_batch, wang

THRESHOLDS = """\
return:
  errors: 1
  warnings: 10
  copy_ratio: 0.30
revise:
  warnings: 1
  copy_ratio: 0.10
"""


def test_severities_decide():
    assert verdict_of({})[0] == PASS
    assert verdict_of({"info": 5})[0] == PASS                 # hints never block a draft
    assert verdict_of({"warning": 1, "info": 1})[0] == REVISE
    assert verdict_of({"warning": 9})[0] == REVISE
    assert verdict_of({"warning": 10})[0] == RETURN
    assert verdict_of({"warning": 1, "error": 1}) == (RETURN, ["1处错误", "1处警告"])


def test_copy_ratio_decides_as_shown():
    """A ratio shown as 30% is judged as 30%: the verdict compares the figure the reader sees."""
    assert verdict_of({}, 0.09)[0] == PASS
    assert verdict_of({}, 0.12) == (REVISE, ["雷同比例12%"])
    assert percent(0.2996) == "30%"
    assert verdict_of({}, 0.2996)[0] == RETURN
    assert verdict_of({}, 0.294)[0] == REVISE


def test_thresholds_are_data(tmp_path):
    """The shipped file holds the thresholds; another file changes the verdicts, nothing in code."""
    th = default_thresholds()
    assert (th.return_warnings, th.return_copy_ratio, th.revise_copy_ratio) == (10, 0.30, 0.10)
    strict = tmp_path / "strict.yaml"
    strict.write_text(THRESHOLDS.replace("warnings: 10", "warnings: 3").replace("copy_ratio: 0.10", "copy_ratio: 0.05"),
                      encoding="utf-8")
    th2 = read_thresholds(strict)
    assert verdict_of({"warning": 3}, 0.0, th2)[0] == RETURN and verdict_of({"warning": 3})[0] == REVISE
    assert verdict_of({}, 0.06, th2)[0] == REVISE and verdict_of({}, 0.06)[0] == PASS
    assert "3处以上“警告”" in th2.describe() and "5%" in th2.describe()


@pytest.mark.parametrize("text, words", [
    (THRESHOLDS.replace("copy_ratio: 0.30", "copy_ratio: 30"), "0 到 1 之间的比例"),
    (THRESHOLDS.replace("warnings: 10", "warnings: 2.5"), "不小于 1 的整数"),
    (THRESHOLDS.replace("revise:", "revize:"), "return（退回）和 revise（修改）"),
    (THRESHOLDS.replace("  errors: 1\n", ""), "return 应有且只有"),
    (THRESHOLDS.replace("copy_ratio: 0.10", "copy_ratio: 0.5"), "不应大于"),
])
def test_bad_thresholds_are_refused_in_chinese(tmp_path, text, words):
    path = tmp_path / "verdict.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        read_thresholds(path)
    assert words in str(err.value) and str(path) in str(err.value)


def test_figures_read_from_the_reuse_stage():
    c = copy_figures(chen())
    assert c.compared and c.counted == CHEN_FIGURES["ratio_without_team"]
    assert c.by_source == CHEN_FIGURES["ratio_by_source"] and c.max_source == "范文01"
    assert copy_figures(wang()).compared is False   # checked alone: not compared with anything


def test_figures_measured_once_when_the_stage_did_not_run():
    """A result built without the reuse stage gets its figures here, from the passages: share of
    letters and digits, the total the union of the sources."""
    batch = decide(make_batch())
    w = batch.documents[1].decision.copy
    text = batch.documents[1].document.text
    passage = next(r for r in batch.reuse if r.doc == "王敏")
    share = sum(ch.isalnum() for ch in text[passage.start:passage.end]) / sum(ch.isalnum() for ch in text)
    assert w.by_source == {"陈立": pytest.approx(share, abs=1e-4), "范文01": pytest.approx(share, abs=1e-4)}
    assert w.total == pytest.approx(share, abs=1e-4)        # both sources cover the same passage
    assert w.max_source_kind in ("member", "template") and w.longest_passage == passage.end - passage.start


def test_decision_carries_counts_groups_and_plan():
    batch = decide(make_batch())
    d = batch.documents[0].decision
    assert d.severities == {"info": 1, "warning": 3, "error": 1}
    assert d.categories["vague"] == 1 and d.group_label == "第1组"
    assert [p.problem for p in d.plan][:2] == ["理论学习不够深入", "舆情处置迟缓"]
    assert d.verdict == RETURN and d.reasons[:2] == ["1处错误", "3处警告"]


def test_check_pipeline_decides(tmp_path):
    """``draftcheck check`` results arrive decided: reports never decide."""
    from analyzer.pipeline import check_paths
    from analyzer.rules import load_ruleset

    path = tmp_path / "王强.txt"
    path.write_text("县委常委 王强\n个人对照检查材料\n一、存在的问题\n（一）学习不够深入。\n", encoding="utf-8")
    result = check_paths([path], load_ruleset(None))
    d = result.documents[0].decision
    assert d is not None and d.verdict == RETURN      # causes and measures are missing: errors
    # check is a batch of one: compared with the shipped templates, nothing copied
    assert d.copy.compared is True and d.copy.copied_chars == 0 and d.copy.passages == 0


def test_empty_result_is_fine():
    assert decide(BatchResult(rules="x")).documents == []
