"""The meeting's date: given (``--meeting-date``, the manifest's ``meeting_date`` column) or inferred.

Inference gives a lower bound, never a guess past the evidence:
- a title naming the year it reviews (``2020年度民主生活会``) means the meeting is early the next year
  (bound: 1 January of that year); a title year without 年度 (``2020年专题民主生活会``) means that year;
- every calendar date the draft speaks of as past — outside the measures section, not a deadline, not
  a plan (计划、力争……), not inside a document title 《》 — is a bound too (``2021年1月8日`` → that day,
  ``2021年1月`` → the first of the month); dates far beyond the title's year are ignored.
The latest bound is the inferred date. Deadlines checked against a lower bound are only called stale
when they lie before it, so an inferred date errs towards not flagging.

Words, patterns and limits are data: ``meeting_date`` in ``rules/batch/yearly.yaml``.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from typing import Iterable, Sequence

from analyzer.errors import ConfigError
from analyzer.model import DocResult, MeetingDate

_CN_DIGITS = str.maketrans("〇零○一二三四五六七八九", "00012345678" + "9")
_DATE_FORMS = (
    re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$"),
    re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$"),
)


def parse_date(text: str) -> date | None:
    """``2021-01-20``, ``2021/1/20``, ``2021.1.20``, ``2021年1月20日`` or ``20210120``; None if not a date."""
    from analyzer.rules.context import fast_normalize

    value = fast_normalize(str(text)).text
    for rx in _DATE_FORMS:
        m = rx.match(value)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


def date_option(text: str | None, what: str = "--meeting-date") -> date | None:
    """The value of ``--meeting-date``, or a ConfigError naming the fix."""
    if text is None or not str(text).strip():
        return None
    got = parse_date(text)
    if got is None or not 1949 <= got.year <= 2100:
        raise ConfigError(f"{what} 的值“{text}”不是有效日期。请写成 年-月-日，如 2021-01-20")
    return got


def _year(text: str) -> int:
    return int(text.translate(_CN_DIGITS)) if not text.isdigit() else int(text)


def _number(text: str | None) -> int | None:
    from analyzer.rules.kinds import cn_number

    return cn_number(text) if text else None


def _head(res: DocResult) -> tuple[int, int]:
    """The title block and opening: up to the first section, at most 300 characters."""
    text = res.document.text
    first = min((s.start for s in res.structure.sections.values()), default=len(text))
    return 0, min(first, 300, len(text))


def title_bound(res: DocResult) -> tuple[date, str, int] | None:
    """The bound the title's year gives, its Chinese basis, and the year the title names."""
    from analyzer.rules.context import fast_normalize

    from .config import compiled

    s, e = _head(res)
    head = fast_normalize(res.document.text[s:e]).text
    m = compiled("meeting_date", "annual_title").search(head)
    if m:
        y = int(m.group(1))
        return date(y + 1, 1, 1), f"标题为“{y}年度”，会议在{y + 1}年初召开", y
    m = compiled("meeting_date", "year_title").search(head)
    if m:
        y = int(m.group(1))
        return date(y, 1, 1), f"标题写明{y}年的会议", y
    if res.document.year is not None:
        y = res.document.year
        return date(y, 1, 1), f"名单中的年度为{y}", y
    return None


def past_dates(res: DocResult, deadlines=None) -> list[tuple[date, int, int]]:
    """Dates the draft speaks of as past: (date, start, end) in the original text."""
    from analyzer.rules.context import fast_normalize

    from .config import compiled
    from .deadlines import parse_deadlines

    doc, st = res.document, res.structure
    text = doc.text
    measures = st.sections.get("measures")
    skip = [(measures.start, measures.end)] if measures is not None else []
    skip += [(d.start, d.end) for d in (deadlines if deadlines is not None else parse_deadlines(text))]
    norm = fast_normalize(text)
    ntext = norm.text
    rx = compiled("meeting_date", "date_mention")
    future = compiled("meeting_date", "future_before")
    out = []
    for m in rx.finditer(ntext):
        s, e = norm.to_original(m.start(), m.end())
        if any(a < e and s < b for a, b in skip):
            continue
        before = ntext[max(0, m.start() - 6):m.start()]
        if future.search(before):
            continue
        opened, closed = ntext.rfind("《", 0, m.start()), ntext.rfind("》", 0, m.start())
        if opened > closed:
            continue
        month, day = _number(m.group("month")), _number(m.group("day"))
        try:
            when = date(_year(m.group("year")), month or 0, day or 1)
        except (TypeError, ValueError):
            continue
        out.append((when, s, e))
    return out


def infer(res: DocResult) -> MeetingDate | None:
    """The latest lower bound the draft gives for its meeting's date, or None."""
    from .config import number

    bounds: list[tuple[date, str]] = []
    title = title_bound(res)
    limit = None
    if title is not None:
        bounds.append(title[:2])
        slack = timedelta(days=number("meeting_date", "title_year_slack_days"))
        limit = date(title[2], 12, 31) + slack
    for when, s, e in past_dates(res):
        if when.year < 1990 or (limit is not None and when > limit):
            continue
        bounds.append((when, f"材料提到已发生的“{res.document.text[s:e]}”"))
    if not bounds:
        return None
    when, basis = max(bounds, key=lambda b: b[0])
    return MeetingDate(when, "inferred", basis)


def _common(dates: Iterable[date]) -> date | None:
    ranked = Counter(dates).most_common()
    if not ranked:
        return None
    top = ranked[0][1]
    return max(d for d, n in ranked if n == top)


def assign(results: Sequence[DocResult], option: date | None = None) -> MeetingDate | None:
    """Set ``DocResult.meeting_date`` on every draft and return the batch's meeting date.

    Per draft: ``--meeting-date``, else the manifest's date, else the latest bound of its team
    (its team, else ``unit``; the drafts of one team are read at one meeting) — the second latest when the team has
    three drafts or more, so that one misread date cannot move a whole team. The batch's date is the
    one most drafts share."""
    if option is not None:
        md = MeetingDate(option, "option", "命令行 --meeting-date")
        for res in results:
            res.meeting_date = md
        return md
    own: dict[int, MeetingDate] = {}
    teams: dict[str | None, list[int]] = {}
    for i, res in enumerate(results):
        given = res.document.meeting_date
        if given is not None:
            res.meeting_date = MeetingDate(given, "manifest", "名单的 meeting_date 列")
            continue
        got = infer(res)
        if got is not None:
            own[i] = got
        teams.setdefault(res.document.team or res.document.unit, []).append(i)
    for idx in teams.values():
        ranked = sorted((own[i] for i in idx if i in own), key=lambda m: m.date, reverse=True)
        team = ranked[1] if len(ranked) >= 3 else (ranked[0] if ranked else None)
        for i in idx:
            mine = own.get(i)
            if mine is not None and (team is None or mine.date >= team.date):
                results[i].meeting_date = mine
            elif team is not None:
                results[i].meeting_date = MeetingDate(team.date, "inferred", f"据同一班子的材料推断：{team.basis}")
    dates = [r.meeting_date for r in results if r.meeting_date is not None]
    if not dates:
        return None
    manifest = [m for m in dates if m.how == "manifest"]
    pool = manifest or dates
    when = _common(m.date for m in pool)
    return next(m for m in pool if m.date == when)


def report_due(md: MeetingDate | None) -> date | None:
    """上报时限: the day rectification is to be reported by (the meeting date + ``report_back.days``)."""
    from .config import number

    if md is None:
        return None
    return md.date + timedelta(days=int(number("report_back", "days")))
