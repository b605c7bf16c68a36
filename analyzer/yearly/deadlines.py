"""The one deadline parser: what a measure's 完成时限 says, and the latest date it allows.

Its patterns are the ``act_deadline`` marker of ``rules/markers.yaml`` — the same data GEN001 uses to
decide that a measure has a deadline — so ``draftcheck plan``, the stale-deadline check and GEN001
cannot disagree on what a deadline is. Named groups in the patterns say what a match means (see the
comment above the marker); this module only interprets them.

Matching runs on the normalised copy of the text (full-width digits and punctuation folded) and spans
map back to the original text. Of overlapping matches the longest wins (``2021年底前`` over ``年底前``).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from analyzer.errors import ConfigError

# A deadline that names no date: done immediately, kept up, repeated, or starting at a time.
DATED, RELATIVE, ONGOING, PERIODIC, START = "dated", "relative", "ongoing", "periodic", "start"
_PARTS = {"初": 10, "上旬": 10, "中旬": 20}        # last day of the part; 底 末 下旬 → end of month
_UNITS_DAYS = {"工作日": 1.4, "日": 1, "天": 1, "周": 7, "星期": 7, "个月": 31, "小时": 1 / 24}
_REL_YEAR = {"今": 0, "本": 0, "当": 0, "明": 1, "次": 1}


def _number(text: str | None) -> int | None:
    if not text:
        return None
    from analyzer.rules.kinds import cn_number

    return cn_number(text.replace("两", "二").lstrip("0") or "0")


@dataclass(frozen=True)
class Deadline:
    """One deadline phrase of a text (``start``/``end`` are offsets into the text given to the parser)."""

    text: str
    start: int
    end: int
    kind: str                    # dated | relative | ongoing | periodic | start
    year: int | None = None      # the year as written (four digits), None when not written
    rel_year: int | None = None  # 0 for 今年/本年, 1 for 明年/次年
    month: int | None = None
    day: int | None = None
    part: str | None = None      # 底 末 初 上旬 中旬 下旬
    quarter: int | None = None
    half: int | None = None      # 1 上半年, 2 下半年
    yearend: bool = False
    days: float | None = None    # relative deadlines: the period in days

    @property
    def year_written(self) -> bool:
        return self.year is not None

    def due(self, meeting_year: int | None = None) -> date | None:
        """The latest day this deadline allows; a deadline without a year is read in ``meeting_year``
        (``今年`` is the meeting's year, ``明年`` the next). None when it names no calendar date."""
        if self.kind != DATED:
            return None
        year = self.year
        if year is None:
            if meeting_year is None:
                return None
            year = meeting_year + (self.rel_year or 0)
        if self.month is not None:
            last = calendar.monthrange(year, self.month)[1]
            if self.day is not None:
                return date(year, self.month, min(self.day, last))
            return date(year, self.month, min(_PARTS.get(self.part or "", last), last))
        if self.quarter is not None:
            month = 3 * self.quarter
            return date(year, month, calendar.monthrange(year, month)[1])
        if self.half is not None:
            return date(year, 6, 30) if self.half == 1 else date(year, 12, 31)
        return date(year, 12, 31)

    def due_after(self, meeting: date) -> date | None:
        """Relative deadlines (30日内, 3个月内) counted from the meeting day."""
        if self.kind != RELATIVE or self.days is None:
            return None
        return meeting + timedelta(days=round(self.days))


def _from_match(m: re.Match, start: int, end: int, text: str) -> Deadline:
    g = {k: v for k, v in m.groupdict().items() if v}
    base = dict(text=text, start=start, end=end)
    if "start" in g:
        return Deadline(kind=START, **base)
    if "periodic" in g:
        return Deadline(kind=PERIODIC, **base)
    if "n" in g and "unit" in g:
        n = _number(g["n"])
        return Deadline(kind=RELATIVE, days=None if n is None else n * _UNITS_DAYS[g["unit"]], **base)
    year = int(g["year"]) if "year" in g else None
    rel = _REL_YEAR.get(g.get("rel", ""))
    month = _number(g.get("month"))
    quarter = _number(g.get("quarter") or g.get("quarter2"))
    if month is not None and not 1 <= month <= 12:
        month = None
    half = 1 if "flood" in g else {"上": 1, "下": 2}.get(g.get("half", ""))   # 汛期前: the first half
    if month is None and quarter is None and half is None and "yearend" not in g and year is None \
            and rel is None:
        return Deadline(kind=ONGOING, **base)
    day = _number(g.get("day"))
    if day is not None and not 1 <= day <= 31:
        day = None
    return Deadline(kind=DATED, year=year, rel_year=rel, month=month, day=day, part=g.get("part"),
                    quarter=quarter if quarter and 1 <= quarter <= 4 else None,
                    half=half, yearend="yearend" in g, **base)


class DeadlineParser:
    """Finds deadlines with the regexes of one ``act_deadline`` marker."""

    def __init__(self, regexes):
        self.regexes = list(regexes)

    @classmethod
    def from_marker(cls, marker) -> "DeadlineParser":
        return cls(marker.regexes)

    def parse(self, text: str, start: int = 0, end: int | None = None) -> list[Deadline]:
        """Every deadline in ``text[start:end]`` in order; overlapping matches keep the longest."""
        from analyzer.rules.context import fast_normalize

        end = len(text) if end is None else end
        part = text[start:end]
        norm = fast_normalize(part)
        found = []
        for rx in self.regexes:
            for m in rx.finditer(norm.text):
                if m.end() > m.start():
                    found.append(m)
        found.sort(key=lambda m: (m.start(), -m.end()))
        out: list[Deadline] = []
        last_end = -1
        for m in found:
            if m.end() <= last_end:
                continue
            if m.start() < last_end:   # overlaps the previous one without lying inside it
                continue
            s, e = norm.to_original(m.start(), m.end())
            out.append(_from_match(m, start + s, start + e, part[s:e]))
            last_end = m.end()
        return out


@lru_cache(maxsize=1)
def shipped_parser() -> DeadlineParser:
    """The parser built from the shipped ``rules/markers.yaml`` (a rule set's own marker is preferred
    where one is at hand: :func:`parser_for`)."""
    import yaml

    from analyzer.paths import RULES_DIR
    from analyzer.rules.engine import LEXICON_DIR
    from analyzer.rules.markers import build_marker

    path = RULES_DIR / "markers.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    spec = (data.get("markers") or {}).get("act_deadline")
    if spec is None:
        raise ConfigError(f"{path}：缺少完成时限标记 act_deadline，无法解析整改措施的时限")
    return DeadlineParser.from_marker(build_marker("act_deadline", spec, str(path), LEXICON_DIR))


def parser_for(ruleset=None) -> DeadlineParser:
    """The deadline parser of a rule set (its ``act_deadline`` marker), else the shipped one."""
    markers = getattr(ruleset, "markers", None) if ruleset is not None else None
    if markers and "act_deadline" in markers:
        return DeadlineParser.from_marker(markers["act_deadline"])
    return shipped_parser()


def parse_deadlines(text: str, ruleset=None) -> list[Deadline]:
    return parser_for(ruleset).parse(text)
