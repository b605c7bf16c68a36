"""Year-on-year findings, worded by the rules of ``rules/batch/yearly.yaml`` (codes YR001–YR005).

``stale_deadlines`` is the YR004 check: every measure's deadline (the one parser) against the meeting
date of its draft. The lineage rules (YR001–YR003, YR005) are made in :mod:`analyzer.yearly.lineage`.
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from analyzer.errors import ConfigError
from analyzer.model import SEVERITIES, DocResult, Finding

from .config import YEARLY_RULES, yearly_data

RULE_KEYS = {"code", "name", "category", "severity", "description", "message", "suggestion", "norm",
             "sample", "examples"}
HOW_CN = {"option": "会议日期取自命令行 --meeting-date", "manifest": "会议日期取自名单",
          "inferred": "会议日期据材料推断，实际会议不早于此日"}


class _Blank(dict):
    def __missing__(self, key):
        return ""


@lru_cache(maxsize=1)
def yearly_rules() -> dict[str, dict[str, Any]]:
    """The rules by code, checked: every key known, every required key present."""
    out: dict[str, dict[str, Any]] = {}
    for i, rule in enumerate(yearly_data().get("rules") or []):
        if not isinstance(rule, dict):
            raise ConfigError(f"{YEARLY_RULES}：第{i + 1}条规则应为映射")
        keys = set(rule)
        if keys != RULE_KEYS:
            wrong = sorted(keys ^ RULE_KEYS)
            raise ConfigError(f"{YEARLY_RULES}：第{i + 1}条规则的键不对：{'、'.join(wrong)}")
        if rule["severity"] not in SEVERITIES:
            raise ConfigError(f"{YEARLY_RULES}：规则 {rule['code']} 的级别应为 {'、'.join(SEVERITIES)} 之一")
        ex = rule["examples"]
        if not isinstance(ex, dict) or not ex.get("fail") or not ex.get("pass"):
            raise ConfigError(f"{YEARLY_RULES}：规则 {rule['code']} 须有 examples 的 fail 和 pass 两类例子")
        out[str(rule["code"])] = rule
    return out


def rule(code: str) -> dict[str, Any]:
    got = yearly_rules().get(code)
    if got is None:
        raise ConfigError(f"{YEARLY_RULES}：缺少规则 {code}")
    return got


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _section_at(res: DocResult, pos: int) -> str | None:
    return next((role for role, sec in res.structure.sections.items() if sec.start <= pos < sec.end), None)


def make_finding(code: str, res: DocResult, start: int, end: int, **values: Any) -> Finding:
    """A finding of rule ``code`` on ``res.document.text[start:end]``."""
    data = rule(code)
    excerpt = res.document.text[start:end]
    short = excerpt if len(excerpt) <= 40 else excerpt[:38] + "……"
    fill = _Blank(excerpt=short, **values)
    return Finding(rule=data["code"], category=data["category"], severity=data["severity"], start=start, end=end,
                   excerpt=excerpt, message=data["message"].format_map(fill),
                   suggestion=data["suggestion"].format_map(fill), section=_section_at(res, start),
                   name=data["name"], data={k: v for k, v in values.items() if k != "excerpt"})


def _measure_spans(res: DocResult) -> list[tuple[int, int]]:
    st = res.structure
    if st.measures:
        return [(m.start, m.end) for m in st.measures]
    sec = st.sections.get("measures")
    return [(sec.start, sec.end)] if sec is not None else []


def stale_deadlines(res: DocResult, parser) -> list[Finding]:
    """YR004: deadlines of the draft's measures that lie before its meeting date."""
    from analyzer.rules.context import fast_normalize

    from .config import compiled

    md = res.meeting_date
    if md is None:
        return []
    past = compiled("stale_deadline", "past_before")
    text = res.document.text
    out: list[Finding] = []
    for s, e in _measure_spans(res):
        for d in parser.parse(text, s, e):
            due = d.due(md.date.year)
            if due is None or due >= md.date:
                continue
            before = fast_normalize(text[max(s, d.start - 8):d.start]).text
            if past.search(before):   # last year's promise quoted, not a new deadline
                continue
            note = "" if d.year_written else f"；未写年份，按会议所在的{md.date.year}年理解"
            out.append(make_finding("YR004", res, d.start, d.end, meeting=cn_date(md.date),
                                    how=HOW_CN.get(md.how, md.how), note=note, year=md.date.year,
                                    due=due.isoformat(), meeting_date=md.date.isoformat()))
    return out
