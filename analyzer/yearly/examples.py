"""The examples of the year-on-year rules, run as small drafts (``draftcheck rules test`` and the tests).

An example is a mapping: ``meeting_date``; this year's ``problems``, ``measures`` and ``last_year``
(paragraphs of a 上年度整改落实情况 section); ``history``: the member's earlier draft as a mapping with
``year``, ``problems`` and ``measures``. Drafts are written with ordinary headings so that the real
structure parser reads them.
"""
from __future__ import annotations

from typing import Any

from analyzer.model import BatchResult, Document, Finding

_NUMS = "一二三四五六七八九十"


def draft_text(example: dict[str, Any], year: int | None = None, title: str = "个人对照检查材料") -> str:
    """A draft holding the example's sections, each item numbered （一）（二）……"""
    head = f"{year}年度民主生活会{title}" if year else title
    lines = [head, "按照统一部署，现将个人对照检查情况报告如下。"]
    parts = [("last_year", "上年度民主生活会整改落实情况"), ("problems", "存在的问题"),
             ("causes", "问题产生的原因"), ("measures", "整改措施")]
    n = 0
    for key, heading in parts:
        items = example.get(key) or ([] if key != "causes" else ["理想信念有所松懈，没有从党性上严格要求自己。"])
        if isinstance(items, str):
            items = [items]
        if not items:
            continue
        lines.append(f"{_NUMS[n]}、{heading}")
        n += 1
        lines += [f"（{_NUMS[i]}）{text}" for i, text in enumerate(items)]
    return "\n".join(lines) + "\n"


def _date(value):
    from datetime import date

    from .meeting import parse_date

    return value if isinstance(value, date) else parse_date(str(value))


def run_example(example: dict[str, Any], ruleset=None) -> list[Finding]:
    """The year-on-year findings the example's draft gets (its earlier draft as history)."""
    from analyzer.pipeline import analyse_document
    from analyzer.rules import load_ruleset

    from .stage import year_on_year

    rs = ruleset or load_ruleset()
    meeting = _date(example["meeting_date"]) if example.get("meeting_date") else None
    year = meeting.year - 1 if meeting else None
    doc = Document(id="example", path="<example>", text=draft_text(example, year), format="txt",
                   member="示例", year=year)
    history = []
    if example.get("history"):
        h = example["history"]
        hyear = int(h.get("year") or (year - 1 if year else 0)) or None
        history.append(Document(id=f"example-{hyear}", path="<history>", text=draft_text(h, hyear),
                                format="txt", kind="history", member="示例", year=hyear))
    result = BatchResult(rules=rs.id)
    result.documents = [analyse_document(doc, rs)]
    before = len(result.documents[0].findings)
    year_on_year(result, rs, meeting, history=history)
    return result.documents[0].findings[before:]


def check_examples(ruleset=None) -> list[str]:
    """Chinese lines, one per example that does not behave as its rule says (empty: all good)."""
    from .findings import yearly_rules

    bad = []
    for code, rule in yearly_rules().items():
        for expect in ("fail", "pass"):
            for ex in rule["examples"][expect]:
                got = [f for f in run_example(ex, ruleset) if f.rule == code]
                if (expect == "fail") != bool(got):
                    what = "应标出却未标出" if expect == "fail" else "不应标出却标出了"
                    bad.append(f"✗ {code} {what}：{example_summary(ex)[:60]}")
    return bad


def example_summary(example: dict[str, Any]) -> str:
    """One line for ``rules show``."""
    names = {"meeting_date": "会议日期", "history": "上年材料", "last_year": "上年整改情况",
             "problems": "问题", "measures": "措施"}
    parts = []
    for key in ("meeting_date", "history", "last_year", "problems", "measures"):
        value = example.get(key)
        if not value:
            continue
        if key == "history":
            inner = "；".join(f"{names[k]}：{' / '.join(value[k])}" for k in ("problems", "measures") if value.get(k))
            parts.append(f"{names[key]}（{inner}）")
        elif isinstance(value, list):
            parts.append(f"{names[key]}：{' / '.join(map(str, value))}")
        else:
            parts.append(f"{names[key]}：{value}")
    return "；".join(parts)
