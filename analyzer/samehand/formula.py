"""Formula passages two drafts of the batch share and nobody else uses.

A writer has his own opening and closing formulas (遵照……部署，本人紧扣……主题 / 以上剖析，自觉还不够深刻，
恳请同志们不留情面、直言相告) and carries them from one draft to the next. The reuse stage rightly reports
such a passage as the same words in two members' drafts and the style features never see it (reused
spans are masked before habits are counted), yet it is one of the clearest signs of one hand: the
passage is not content (no event, figure or name), it is not in the distributed template, the team's
material or the standard formulations, and the other members of the batch open and close in their own
words.

What counts (per pair of drafts, on the text normalised line by line):

* only the *formula zones* of each draft: the opening (from the first line of prose — the unit,
  title and name lines above it are the occasion's or the member's own — to the first top-level
  section heading ``一、`` / ``第一部分``, at most ``ZONE_CHARS`` characters) and the closing (the
  trailing paragraphs that do not start with a heading or item marker, at most two);
* *distinctive* character 4-grams (inside runs of Chinese characters): used by at most ``kmax``
  member drafts anywhere in their text, in no reference file (template, team material), with no
  institution or place character and nothing masked — the member's own name, role and unit, the
  batch's boilerplate and the standard formulations are masked first;
* around each distinctive 4-gram both zones contain, the longest passage (within one line, across
  punctuation) the two have in common; it counts when at least ``MIN_RUN`` of its characters are
  covered by distinctive 4-grams, and scores those characters beyond ``ALLOWANCE``, weighted by how
  rare its most-shared 4-gram is (1.0 for exactly two drafts, less for more).

Genre formulas (以上对照检查，如有不妥，请同志们批评指正) drop out because other members of the batch, the
shipped templates or the standard-phrase list use them; a sentence two honest members happen to share
survives only if nobody else, and no template, has it — which is why the result only *supports* the
style evidence and is never an edge alone (see ``core``).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from ..model import Document
from ..normalize import normalize
from .features import _PLACE_CHARS, _mask_array

GRAM = 4
MIN_RUN = 8          # distinctive characters in one passage
ALLOWANCE = 5        # ... of which this many count for nothing (a coincidence of a few characters is common)
ZONE_CHARS = 600     # the opening zone ends at the first section heading, and at this length at most
CLOSING_LINES = 2

_SECTION = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十]+部分)")
_ITEM = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、.．]|[①-⑳]"
    r"|第[一二三四五六七八九十]+部分|[一二三四五六七八九十]是|问题\d|[其第][一二三四五六七八九十][，,、])"
)
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_PROSE = re.compile(r"[，,。；;]")


@dataclass
class FormulaProfile:
    doc_id: str
    text: str                                  # normalised text (line by line), masked characters as \u0000
    plain: str                                 # the same without masking (for showing passages)
    orig: list[int]                            # original offset of each character of ``text``
    zones: list[tuple[int, int]]               # opening / closing spans in ``text``
    zone_text: str = ""                        # zone passages joined by \n
    zone_plain: str = ""
    zone_pos: list[int] = field(default_factory=list)   # index in ``text`` of each zone_text character
    zone_of: list[int] = field(default_factory=list)    # which zone each zone_text character is in
    zone_kinds: list[str] = field(default_factory=list)  # "opening" / "closing" for each zone
    zone_grams: set[str] = field(default_factory=set)
    grams: set[str] = field(default_factory=set)  # every 4-gram of the draft (for batch frequency)


@dataclass
class FormulaMatch:
    score: float = 0.0                          # weighted distinctive characters beyond the allowance
    zones: int = 0                              # opening and/or closing
    # (passage as in draft i, zone kind "opening"/"closing", distinctive characters, weight)
    passages: list[tuple[str, str, int, float]] = field(default_factory=list)


def _grams(text: str) -> set[str]:
    out = set()
    for m in _CJK_RUN.finditer(text):
        s = m.group()
        out.update(s[i:i + GRAM] for i in range(len(s) - GRAM + 1))
    return out


def _zones(text: str) -> list[tuple[int, int, str]]:
    """Opening and closing spans of ``text`` (lines separated by \n), with their kind."""
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line), line))
        pos += len(line) + 1
    zones = []
    first = next((i for i, (_, _, l) in enumerate(lines) if _SECTION.match(l)), None)
    # The opening starts at the first line of prose: the header lines above it (unit, title, name and
    # role) are dictated by the occasion or are the member's own particulars, not a writer's formula.
    prose = next((i for i, (_, _, l) in enumerate(lines) if _PROSE.search(l)), None)
    if first is not None and prose is not None and prose < first:
        start = lines[prose][0]
        zones.append((start, min(lines[first][0], start + ZONE_CHARS), "opening"))
    body = lines[first + 1:] if first is not None else lines[1:]
    tail: list[tuple[int, int]] = []
    for start, end, line in reversed(body):
        if not line.strip("\u0000 "):
            continue
        if _ITEM.match(line) or len(tail) >= CLOSING_LINES:
            break
        tail.append((start, end))
    if tail:
        start = max(tail[-1][0], tail[0][1] - ZONE_CHARS)
        if not zones or start >= zones[0][1]:
            zones.append((start, tail[0][1], "closing"))
    return zones


def build_formula_profile(doc: Document, boilerplate: Sequence[str] = ()) -> FormulaProfile:
    own = [s for s in (doc.member, doc.role, doc.unit) if s and len(s) >= 2]
    # Roles are often listed with 、 (党委委员、副总经理): mask each part as well.
    own += [p for s in own for p in re.split(r"[、，,\s]+", s) if len(p) >= 2]
    masked = _mask_array(doc, (), list(boilerplate) + own)
    plain: list[str] = []
    orig: list[int] = []
    pos = 0
    for line in doc.text.split("\n"):  # line by line: normalising folds line breaks away
        nl = normalize(line)
        plain.extend(nl.text)
        orig.extend(pos + o for o in nl.orig[:len(nl.text)])
        plain.append("\n")
        orig.append(pos + len(line))
        pos += len(line) + 1
    plain_s = "".join(plain)
    text = "".join("\u0000" if (o < len(masked) and masked[o]) or ch in _PLACE_CHARS else ch
                   for ch, o in zip(plain, orig))
    found = _zones(text)
    zones = [(a, b) for a, b, _ in found]
    zone_text = "\n".join(text[a:b] for a, b in zones)
    zone_plain = "\n".join(plain_s[a:b] for a, b in zones)
    zone_pos: list[int] = []
    zone_of: list[int] = []
    for z, (a, b) in enumerate(zones):
        if z:
            zone_pos.append(a - 1)
            zone_of.append(z)
        zone_pos.extend(range(a, b))
        zone_of.extend([z] * (b - a))
    return FormulaProfile(doc.id, text, plain_s, orig, zones, zone_text, zone_plain, zone_pos, zone_of,
                          [k for _, _, k in found], _grams(zone_text), _grams(text))


def reference_grams(reference: Iterable[Document]) -> set[str]:
    out: set[str] = set()
    for d in reference:
        out |= _grams(normalize(d.text).text)
    return out


class FormulaBatch:
    def __init__(self, profiles: list[FormulaProfile], reference: Iterable[Document] = ()):
        self.profiles = profiles
        self.n = len(profiles)
        self.kmax = max(2, self.n // 2)
        self.df: Counter = Counter()
        for p in profiles:
            self.df.update(p.grams)
        self.ref = reference_grams(reference)

    def idf(self, df: int) -> float:
        if df < 2 or df > self.kmax:
            return 0.0
        top = math.log((self.n + 1) / 2)
        return math.log((self.n + 1) / df) / top if top > 0 else 1.0

    def match(self, i: int, j: int, source: Document | None = None) -> FormulaMatch:
        """Distinctive formula passages drafts ``i`` and ``j`` share (``source``: draft i, for quoting)."""
        a, b = self.profiles[i], self.profiles[j]
        m = FormulaMatch()
        shared = {g for g in a.zone_grams & b.zone_grams if g not in self.ref and self.idf(self.df[g]) > 0}
        if not shared:
            return m
        # Maximal passages (within one line) the two zones have in common around each distinctive 4-gram.
        ia, ib = _index(a.zone_text, shared), _index(b.zone_text, shared)
        spans: set[tuple[int, int]] = set()
        pa_, pb_ = a.zone_plain, b.zone_plain
        for g, positions in ia.items():
            for x in positions:
                for y in ib[g]:
                    left = 0
                    while (x - left > 0 and y - left > 0 and pa_[x - left - 1] == pb_[y - left - 1]
                           and pa_[x - left - 1] != "\n"):
                        left += 1
                    right = 0
                    while (x + GRAM + right < len(pa_) and y + GRAM + right < len(pb_)
                           and pa_[x + GRAM + right] == pb_[y + GRAM + right] and pa_[x + GRAM + right] != "\n"):
                        right += 1
                    spans.add((x - left, x + GRAM + right))
        spans = {sp for sp in spans if not any(o != sp and o[0] <= sp[0] and sp[1] <= o[1] for o in spans)}
        zones_hit = set()
        for s0, e0 in sorted(spans):
            covered = [False] * (e0 - s0)
            w = 1.0
            for k in range(s0, e0 - GRAM + 1):
                g = a.zone_text[k:k + GRAM]
                if g in shared:
                    w = min(w, self.idf(self.df[g]))
                    for x in range(k - s0, k - s0 + GRAM):
                        covered[x] = True
            k = sum(covered)
            if k < MIN_RUN:
                continue
            m.score += max(0, k - ALLOWANCE) * w
            zones_hit.add(a.zone_of[s0])
            while s0 < e0 and (pa_[s0] in _TRIM or pa_[s0] in "。！？!?"):
                s0 += 1
            while e0 > s0 and pa_[e0 - 1] in _TRIM:
                e0 -= 1
            o0, o1 = a.orig[a.zone_pos[s0]], a.orig[a.zone_pos[e0 - 1]] + 1
            quote = source.text[o0:o1] if source is not None else pa_[s0:e0]
            m.passages.append((quote, a.zone_kinds[a.zone_of[s0]], k, w))
        m.zones = len(zones_hit)
        return m


def _index(text: str, grams: set[str]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for k in range(len(text) - GRAM + 1):
        g = text[k:k + GRAM]
        if g in grams:
            out.setdefault(g, []).append(k)
    return out


_TRIM = set("，,、；;：: \u3000")
