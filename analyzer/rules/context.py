"""Per-document matching context: the normalised copy, marker matches and units, computed once."""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass

from ..model import Document, Item, Section, Structure
from ..normalize import normalize

# Sentence ends: 。！？；!?; (runs count as one) plus closing quotes/brackets; newlines end too.
# A full stop typed as ASCII after Chinese text (drafts written with half-width punctuation) ends a
# sentence too; between digits or letters it is a decimal point or an abbreviation.
_ASCII_STOP = re.compile(r"(?<=[\u4e00-\u9fff”\"）)])\.(?![0-9A-Za-z])")
_SENT_RE = re.compile(r"[^。！？；!?;\n]+(?:[。！？；!?;]+[”’」』）)】》〉］\]}]*)?|[。！？；!?;]+")
_CLAUSE_RE = re.compile(r"[^，,、：:。！？；!?;\n]+[，,、：:。！？；!?;]*")

ITEM_KIND = {"problems": "problem", "causes": "cause", "measures": "measure", "criticism": "criticism"}


# Full-width ASCII variants fold one-to-one to ASCII (what NFKC does to them). The common ones are
# replaced with str.replace (fast); any other full-width form goes through a regex.
_COMMON_FW = [(ch, chr(ord(ch) - 0xFEE0)) for ch in "，：；（）！？０１２３４５６７８９％．－／"]
_FW = re.compile("[\uff01-\uff5e]")
# Whitespace other than newlines, and format characters: these need the full normaliser.
_NEEDS_FULL = re.compile("[ \t\r\x0b\x0c\xa0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f"
                         "\u3000\u00ad\u180e\ufeff\ufff9-\ufffb]")


def _fold_fullwidth(text: str) -> str:
    for fw, ascii_ in _COMMON_FW:
        if fw in text:
            text = text.replace(fw, ascii_)
    if _FW.search(text):
        text = _FW.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)
    return text


class _Identity:
    """A normalised copy whose offsets are the original ones (see :func:`fast_normalize`)."""

    __slots__ = ("text", "orig")

    def __init__(self, text: str):
        self.text = text
        self.orig = range(len(text) + 1)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return start, max(start, end)


def fast_normalize(text: str):
    """:func:`analyzer.normalize.normalize`, with a one-to-one fast path.

    When the text has no whitespace but newlines, no format characters, is NFKC-stable once the
    full-width ASCII forms are folded, and has no traditional characters, the matching copy is
    the folded text itself with an identity offset map (newlines are kept: no marker spans a line).
    Otherwise the full normaliser runs."""
    if not _NEEDS_FULL.search(text):
        folded = _fold_fullwidth(text)
        if unicodedata.is_normalized("NFKC", folded):
            from ..normalize import _t2s

            if _t2s().convert(folded) == folded:
                return _Identity(folded)
    return normalize(text)


def norm_offset(norm, pos: int) -> int:
    """The offset in the normalised copy of original offset ``pos``."""
    return pos if isinstance(norm, _Identity) else bisect_left(norm.orig, pos)


@dataclass
class Unit:
    start: int
    end: int
    role: str | None                 # section role
    item: Item | None = None         # the item the unit lies in (None for section/document units)
    item_index: int | None = None


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


class Context:
    """Everything the rules need about one document, computed lazily and cached."""

    def __init__(self, doc: Document, structure: Structure, markers: dict):
        self.doc = doc
        self.text = doc.text
        self.structure = structure
        self._markers = markers
        self._norm = None
        self._layout: str | None = None
        self._matches: dict = {}
        self._groups: dict = {}
        self._regions: list[tuple[int, int]] | None = None
        self._region_cache: dict = {}
        self._sentences: list[tuple[int, int]] | None = None
        self._sent_starts: list[int] | None = None
        self._items: dict[str, list[Item]] = {}
        self._tokens: set[int] | None = None
        self.cache: dict = {}

    # ---- normalised text and marker matches ----------------------------------------------
    @property
    def layout(self) -> str:
        """The text with a PDF's soft line breaks as spaces (same offsets): sentences span them."""
        if self._layout is None:
            from ..reflow import layout_text

            self._layout = layout_text(self.text)
        return self._layout

    @property
    def norm(self):
        if self._norm is None:
            self._norm = fast_normalize(self.layout)
        return self._norm

    def _token_bounds(self) -> set[int]:
        if self._tokens is None:
            from ..segment import token_spans

            bounds: set[int] = set()
            for _w, s, e in token_spans(self.norm.text):
                bounds.add(s)
                bounds.add(e)
            self._tokens = bounds
        return self._tokens

    def _region(self, start: int, end: int) -> tuple[int, int]:
        """The smallest section holding [start, end): markers are scanned per section, lazily."""
        got = self._region_cache.get((start, end))
        if got is None:
            if self._regions is None:
                secs = {(x.start, x.end) for x in self.structure.sections.values()}
                for role in ("opening", "closing"):
                    edge = self._edge(role)
                    if edge is not None:
                        secs.add((edge.start, edge.end))
                self._regions = sorted(secs, key=lambda r: r[1] - r[0])
            got = (0, len(self.text))
            for s, e in self._regions:
                if s <= start and end <= e:
                    got = (s, e)
                    break
            self._region_cache[(start, end)] = got
        return got

    def matches(self, marker_id: str) -> list[tuple[int, int]]:
        return self._entry(marker_id, (0, len(self.text)))[1]

    def _entry(self, marker_id: str, region: tuple[int, int]) -> tuple[list[int], list[tuple[int, int]]]:
        got = self._matches.get((marker_id, region))
        if got is None:
            whole = self._matches.get((marker_id, (0, len(self.text))))
            if whole is not None:
                return whole
            marker = self._markers[marker_id]
            norm = self.norm
            text = norm.text
            identity = isinstance(norm, _Identity)
            ns, ne = norm_offset(norm, region[0]), norm_offset(norm, region[1])
            part = text[ns:ne]
            bounds = self._token_bounds() if marker.tokens else None
            runs = []
            for rx, needs in zip(marker.regexes, marker.needs):
                if needs is not None:   # a literal every match contains is absent: nothing to find
                    for lit in needs:   # (one character is found by memchr, far faster than a word)
                        if lit[-1] in part and lit in part:
                            break
                    else:
                        continue
                found = [m.span() for m in rx.finditer(text, ns, ne)]
                if found:
                    runs.append(found)
            kept: list[tuple[int, int]] = []
            if runs:
                # one regex's matches are ordered and disjoint; several are merged, dropping a
                # match that lies inside a longer one of the same marker
                spans = runs[0] if len(runs) == 1 else sorted((sp for run in runs for sp in run),
                                                              key=lambda x: (x[0], -x[1]))
                for s, e in spans:
                    if e <= s or (bounds is not None and (s not in bounds or e not in bounds)):
                        continue
                    if not identity:
                        s, e = norm.to_original(s, e)
                    if kept and e <= kept[-1][1]:
                        continue
                    kept.append((s, e))
            got = ([s for s, _ in kept], kept)
            self._matches[(marker_id, region)] = got
        return got

    def _group(self, names: tuple[str, ...], region: tuple[int, int]):
        key = (names, region)
        got = self._groups.get(key)
        if got is None:
            spans = sorted(sp for n in names for sp in self._entry(n, region)[1])
            got = ([s for s, _ in spans], spans)
            self._groups[key] = got
        return got

    def find(self, marker_id: str, start: int, end: int) -> list[tuple[int, int]]:
        """Matches of the marker lying inside [start, end)."""
        starts, spans = self._entry(marker_id, self._region(start, end))
        i = bisect_left(starts, start)
        out = []
        while i < len(spans) and spans[i][0] < end:
            if spans[i][1] <= end:
                out.append(spans[i])
            i += 1
        return out

    def has(self, marker_id: str, start: int, end: int) -> bool:
        return self.has_any((marker_id,), start, end)

    def has_any(self, names: tuple[str, ...], start: int, end: int) -> bool:
        """True when one of the markers matches inside [start, end)."""
        region = self._region(start, end)
        starts, spans = self._entry(names[0], region) if len(names) == 1 else self._group(names, region)
        i = bisect_left(starts, start)
        while i < len(spans) and spans[i][0] < end:
            if spans[i][1] <= end:
                return True
            i += 1
        return False

    # ---- units ------------------------------------------------------------------------------
    def sentences(self, start: int, end: int) -> list[tuple[int, int]]:
        if self._sentences is None:
            out = []
            for m in _SENT_RE.finditer(_ASCII_STOP.sub("。", self.layout)):   # same length, same offsets
                s, e = _trim(self.layout, *m.span())
                if e > s:
                    out.append((s, e))
            self._sentences = out
            self._sent_starts = [s for s, _ in out]
        i = bisect_left(self._sent_starts, start)
        if i > 0 and self._sentences[i - 1][1] > start:
            i -= 1
        out = []
        while i < len(self._sentences) and self._sentences[i][0] < end:
            s, e = self._sentences[i]
            s, e = max(s, start), min(e, end)
            s, e = _trim(self.layout, s, e)
            if e > s:
                out.append((s, e))
            i += 1
        return out

    def clauses(self, start: int, end: int) -> list[tuple[int, int]]:
        out = []
        for m in _CLAUSE_RE.finditer(self.text, start, end):
            s, e = _trim(self.text, *m.span())
            if e > s:
                out.append((s, e))
        return out

    def section(self, role: str) -> Section | None:
        if role in ("opening", "closing"):
            return self._edge(role)
        return self.structure.sections.get(role)

    def _edge(self, role: str) -> Section | None:
        secs = self.structure.sections.values()
        if not secs:
            return None
        if role == "closing":
            s, e = _trim(self.text, max(x.end for x in secs), len(self.text))
        else:
            title_end = self.structure.title[1] if self.structure.title else 0
            s, e = _trim(self.text, title_end, min(x.start for x in secs))
        return Section(role, "", s, e, s, s) if e > s else None

    def items(self, role: str) -> list[Item]:
        """Items of a section; paragraphs of the section body when the parser found none."""
        got = self._items.get(role)
        if got is not None:
            return got
        kind = ITEM_KIND.get(role)
        items = list(self.structure.items(kind)) if kind else []
        sec = self.section(role)
        if not items and sec is not None:
            body_start = max(sec.start, sec.heading_end)
            pos = body_start
            for line in self.text[body_start:sec.end].split("\n"):
                s, e = _trim(self.text, pos, pos + len(line))
                pos += len(line) + 1
                if e > s:
                    items.append(Item(kind or role, s, e, self.text[s:e]))
        self._items[role] = items
        return items

    def role_at(self, pos: int) -> str | None:
        best = None
        for role, sec in self.structure.sections.items():
            if sec.start <= pos < sec.end:
                if best is None or sec.start >= self.structure.sections[best].start:
                    best = role
        return best

    def unit_counts(self, names: tuple[str, ...], units: list[Unit]) -> list[int]:
        """How many matches of the markers lie inside each unit (units sorted, not overlapping)."""
        key = ("counts", names, id(units))
        got = self.cache.get(key)
        if got is not None:
            return got
        counts = [0] * len(units)
        if units:
            starts, unit_regions, by_region = self._unit_layout(units)
            for region in by_region:
                spans = self._group(names, region)[1] if len(names) > 1 else self._entry(names[0], region)[1]
                for s, e in spans:
                    i = bisect_left(starts, s + 1) - 1
                    if i >= 0 and e <= units[i].end and unit_regions[i] == region:
                        counts[i] += 1
        self.cache[key] = counts
        return counts

    def _unit_layout(self, units: list[Unit]):
        """Unit starts, each unit's scan region, and the regions in use (cached per unit list)."""
        key = ("layout", id(units))
        got = self.cache.get(key)
        if got is None:
            starts = [u.start for u in units]
            unit_regions = [self._region(u.start, u.end) for u in units]
            got = (starts, unit_regions, dict.fromkeys(unit_regions))
            self.cache[key] = got
        return got

    def _split_section(self, sec: Section, items: list[Item], role: str, unit: str) -> list[Unit]:
        """Sentences (or clauses) of the whole section body, each tied to the item it lies in.

        Text outside every item (a stray line the parser did not take as an item, a lead-in
        before the first item) is split and checked too, with no item: what the layout parser
        makes of one line never switches a check off for the rest of the section."""
        split = self.sentences if unit == "sentence" else self.clauses
        body = (max(sec.start, sec.heading_end), sec.end)
        # a combined part (问题及整改措施) is one span for two roles: there each role is its items
        shared = any(o is not sec and o.start == sec.start and o.end == sec.end
                     for o in self.structure.sections.values())
        if shared and items:
            return [Unit(s, e, role, it, i) for i, it in enumerate(items) for s, e in split(it.start, it.end)]
        spans: list[tuple[int, int, Item | None, int | None]] = []
        pos = body[0]
        for i, it in sorted(enumerate(items), key=lambda x: x[1].start):
            if it.end <= pos or it.start >= body[1]:
                continue
            if it.start > pos:
                spans.append((pos, it.start, None, None))
            spans.append((max(it.start, pos), min(it.end, body[1]), it, i))
            pos = max(pos, it.end)
        if pos < body[1]:
            spans.append((pos, body[1], None, None))
        return [Unit(s, e, role, it, i) for s0, e0, it, i in spans for s, e in split(s0, e0)]

    def units(self, roles: list[str], unit: str) -> list[Unit]:
        key = (tuple(roles), unit)
        got = self.cache.get(key)
        if got is not None:
            return got
        out: list[Unit] = []
        if unit == "document":
            out.append(Unit(0, len(self.text), None))
        else:
            for role in roles:
                sec = self.section(role)
                if sec is None:
                    continue
                if unit == "section":
                    out.append(Unit(sec.start, sec.end, role))
                    continue
                items = self.items(role) if role in ITEM_KIND else []
                if unit == "item":
                    out += [Unit(it.start, it.end, role, it, i) for i, it in enumerate(items)]
                    continue
                out += self._split_section(sec, items, role, unit)
        self.cache[key] = out
        return out
