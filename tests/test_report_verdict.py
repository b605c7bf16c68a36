"""The verdict rule shared by every format."""
from __future__ import annotations

from analyzer.report.verdict import (PASS, RETURN, REVISE, condemned_copy_ratio, copy_ratios, verdict,
                                     verdict_of)

from test_report_fixture import chen


def test_severities_decide():
    assert verdict_of([]) == PASS
    assert verdict_of(["info", "info"]) == PASS
    assert verdict_of(["info", "warning"]) == REVISE
    assert verdict_of(["warning"] * 9) == REVISE
    assert verdict_of(["warning"] * 10) == RETURN
    assert verdict_of(["warning", "error"]) == RETURN


def test_copy_ratio_from_the_reuse_stage_figures():
    figs = {"total_ratio": 0.5, "ratio_without_team": 0.12,
            "ratio_by_kind": {"member": 0.02, "template": 0.1, "history": 0.0, "team": 0.4}}
    assert condemned_copy_ratio(figs) == 0.12  # team text is allowed
    assert verdict_of([], figs) == REVISE
    assert verdict_of([], {**figs, "ratio_without_team": 0.31}) == RETURN
    assert copy_ratios(figs)["team"] == 0.4


def test_other_figure_shapes():
    assert condemned_copy_ratio({"copy_ratio": 35}) == 0.35          # percent
    assert condemned_copy_ratio({"copy_ratio_template": 0.2, "copy_ratio_member": 0.15}) == 0.35
    assert condemned_copy_ratio({"copy_ratios": {"team": 0.5}, "copy_ratio": 0.6}) == 0.1
    assert condemned_copy_ratio({"copy_ratio": "n/a"}) == 0.0
    assert condemned_copy_ratio(None) == 0.0


def test_verdict_of_doc_result():
    res = chen()
    assert verdict(res) == RETURN
    res.findings = [f for f in res.findings if f.severity == "info"]
    res.figures = {}
    assert verdict(res) == PASS
