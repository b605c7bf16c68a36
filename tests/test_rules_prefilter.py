"""The literal prefilter of marker regexes: a regex is skipped on a region only when it cannot match."""
from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from analyzer.model import Document
from analyzer.paths import CORPORA_DIR
from analyzer.rules import load_ruleset
from analyzer.rules.context import Context
from analyzer.rules.markers import fold_pattern, required_literals
from analyzer.structure import parse


@pytest.mark.parametrize("pattern, needs", [
    ("受[^。，]{1,12}(影响|制约|限制)", ("受",)),
    ("(工作)?任务(重|繁重|繁杂|较多)", ("任务",)),
    ("客观(困难|因素|情况)", ("客观",)),
    ("补不上|推不快|顾不上", ("推不快", "补不上", "顾不上")),
    # the most selective part wins: one two-character literal over a choice of three
    ("(疫情|汛期|换届)[^。]{0,8}(牵扯|挤占)精力", ("精力",)),
    ("[县市区][\\u4e00-\\u9fff]{1,8}", ("县", "区", "市")),
])
def test_required_literals(pattern, needs):
    assert set(required_literals(re.compile(fold_pattern(pattern)))) == set(needs)


@pytest.mark.parametrize("pattern", [
    "[^。]{2,16}(?=难以)",              # the literal is in an assertion only: no constraint
    "(?:我|本人)?[0-9]+次",             # the choice is optional; 次 is still required
    "(?i)xx|某某",                       # case-insensitive: no prefilter
    "[^，]{0,3}",                        # nothing is required
])
def test_required_literals_never_claims_more_than_the_regex_needs(pattern):
    got = required_literals(re.compile(pattern))
    if pattern.startswith("(?:我"):
        assert got == ("次",)
    else:
        assert got is None


def _drafts() -> list[Document]:
    paths = sorted((CORPORA_DIR / "holdout" / "gold").glob("*.txt")) + \
        sorted((CORPORA_DIR / "samples" / "src").rglob("*.txt"))
    return [Document(id=p.stem, path=str(p), text=p.read_text(encoding="utf-8"), format="txt") for p in paths]


def test_every_match_of_every_shipped_marker_holds_a_required_literal():
    markers = load_ruleset().markers
    texts = [d.text for d in _drafts()]
    assert texts
    checked = 0
    for m in markers.values():
        for rx, needs in zip(m.regexes, m.needs):
            if needs is None:
                continue
            for t in texts:
                for hit in rx.finditer(t):
                    assert any(lit in hit.group() for lit in needs), (m.id, rx.pattern, hit.group())
                    checked += 1
    assert checked > 100


def test_prefilter_does_not_change_findings():
    rs = load_ruleset()
    plain = copy.copy(rs.markers)
    for mid, m in plain.items():
        m2 = copy.copy(m)
        m2.needs = [None] * len(m.regexes)
        plain[mid] = m2
    for doc in _drafts():
        st = parse(doc)
        fast, slow = Context(doc, st, rs.markers), Context(doc, st, plain)
        for mid in rs.markers:
            for region in {(s.start, s.end) for s in st.sections.values()} | {(0, len(doc.text))}:
                assert fast._entry(mid, region) == slow._entry(mid, region), (doc.id, mid, region)


# ---- the reader behind the prefilter and the backtracking check (public API only) ---------------

from analyzer.rules import regex_syntax  # noqa: E402
from analyzer.rules.markers import check_regex  # noqa: E402


def test_the_analysis_reads_patterns_without_python_internals():
    import inspect

    from analyzer.rules import markers

    for module in (markers, regex_syntax):
        source = inspect.getsource(module)
        assert "_parser" not in source and "sre_" not in source and "_constants" not in source


@pytest.mark.parametrize("pattern, needs", [
    ("[:]“[^”“\\n]{8,60}”", (":“",)),              # a one-character class joins the literal run
    ("整改完成{2}", ("整改完",)),                    # the repeated character stands apart
    ("a{}b", ("a{}b",)),                            # braces that are not a quantifier are literal
    ("\\u4e0d\\u591f", ("不够",)),
    ("(?P<y>[一二]{2})年(?P=y)", ("年",)),           # a back-reference adds no constraint
    ("(?>常态)化", ("常态",)),                       # a group is a part of its own
    ("[a-c]+x|y", ("x", "y")),
])
def test_required_literals_of_more_syntax(pattern, needs):
    assert set(required_literals(re.compile(pattern))) == set(needs)


@pytest.mark.parametrize("pattern", [
    "(?i:不够)",          # scoped flags: not modelled
    "(a)?(?(1)b|c)",      # conditional
    "\\N{DIGIT ONE}",     # named character
    "(?x) 不 够",         # verbose
    "(?#说明)不够",       # comment group
])
def test_syntax_the_reader_does_not_model_gets_no_prefilter(pattern):
    assert required_literals(re.compile(pattern)) is None
    assert regex_syntax.nested_repeat(pattern) in (None, False)


@pytest.mark.parametrize("pattern, nested", [
    ("(a+)+", True), ("(.*)*", True), ("(?:[^。]{1,9})*", True), ("(x|y+){2,}", True),
    ("(?:ab)+c", False), ("(x?)*", False), ("[a-z]+[0-9]{1,60}", False), ("(?:不{2}){1,3}", False),
    ("(?=(a+)+)b", True),
])
def test_nested_repeats(pattern, nested):
    assert regex_syntax.nested_repeat(pattern) is nested


def test_check_regex_refuses_nested_repeats_in_chinese():
    from analyzer.errors import ConfigError

    with pytest.raises(ConfigError) as err:
        check_regex("(不够[^。]+)+", "rules/vague.yaml 标记 demo")
    assert "灾难性回溯" in str(err.value) and "rules/vague.yaml" in str(err.value)
    assert check_regex("不够[^。]{0,8}深入", "x").pattern == "不够[^。]{0,8}深入"
