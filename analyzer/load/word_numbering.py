"""The list numbers Word draws before paragraphs (``word/numbering.xml``), and the paragraph styles
they and hidden text come from (``word/styles.xml``).

Word does not store ``一、`` or ``（一）`` of an automatically numbered paragraph in its text: it
draws them from the paragraph's list (``w:numPr``, given directly or by its paragraph style) and a
running counter. :class:`Numbering` replays those counters in document order and gives each
numbered paragraph its :class:`~analyzer.model.ListLabel` (Word's list level, number format, the
number and the label as drawn). The label is *not* inserted into ``Document.text`` (offsets stay
those of the text as stored); the heading detector reads it as a numbering cue.

Counting follows ECMA-376 §17.9 as Word applies it: lists (``w:num``) sharing one abstract list
continue one count unless a ``w:startOverride`` restarts it; a level restarts after any shallower
level is used (unless ``w:lvlRestart`` says 0); ``w:start`` defaults to 0; ``w:isLgl`` shows every
level in decimal. Paragraphs Word numbers but draftcheck drops (empty ones) still count.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from analyzer.model import ListLabel

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_VAL = _w("val")
_OFF = {"0", "false", "off"}


def _val(el, tag: str) -> str | None:
    child = el.find(_w(tag)) if el is not None else None
    return None if child is None else child.get(_VAL)


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def toggle(el) -> bool | None:
    """A w:vanish-like toggle: None when absent, else its value (no w:val means on)."""
    if el is None:
        return None
    return (el.get(_VAL) or "true").lower() not in _OFF


# ---- styles -------------------------------------------------------------------------------------

@dataclass
class _Style:
    based_on: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    hidden: bool | None = None       # w:rPr/w:vanish of the style


class Styles:
    """Paragraph and character styles: inherited numbering (w:numPr) and hidden text (w:vanish)."""

    def __init__(self, root=None):
        self._styles: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        self.default_hidden = False
        if root is None:
            return
        defaults = root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
        if defaults is not None:
            self.default_hidden = bool(toggle(defaults.find(_w("vanish"))))
        for st in root.iter(_w("style")):
            sid = st.get(_w("styleId"))
            if not sid:
                continue
            ppr = st.find(_w("pPr"))
            numpr = ppr.find(_w("numPr")) if ppr is not None else None
            rpr = st.find(_w("rPr"))
            self._styles[sid] = _Style(
                based_on=_val(st, "basedOn"),
                num_id=_val(numpr, "numId"),
                ilvl=_int(_val(numpr, "ilvl")),
                hidden=toggle(rpr.find(_w("vanish"))) if rpr is not None else None)
            if st.get(_w("type")) == "paragraph" and (st.get(_w("default")) or "").lower() in ("1", "true"):
                self.default_paragraph = sid

    def _chain(self, sid: str | None):
        seen: set[str] = set()
        while sid and sid not in seen and sid in self._styles:
            seen.add(sid)
            yield sid, self._styles[sid]
            sid = self._styles[sid].based_on

    def numbering(self, sid: str | None) -> tuple[str | None, int | None, str | None]:
        """(numId, ilvl, the style giving them) a paragraph style passes on, nearest first."""
        for name, st in self._chain(sid or self.default_paragraph):
            if st.num_id is not None:
                return st.num_id, st.ilvl, name
        return None, None, None

    def hidden(self, sid: str | None) -> bool | None:
        for _name, st in self._chain(sid):
            if st.hidden is not None:
                return st.hidden
        return None


# ---- number formats ----------------------------------------------------------------------------

_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def _chinese(n: int, digits: str = _CN_DIGITS, units: str = "十百千") -> str:
    """Chinese counting as Word draws it: 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五."""
    if n <= 0 or n >= 10000:
        return str(n)
    parts: list[str] = []
    zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // power % 10
        if d == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append(digits[0])
            zero = False
        parts.append(("" if power == 10 and n < 20 and not parts else digits[d]) + unit)
    return "".join(parts)


def _letters(n: int) -> str:
    # Word: A … Z, AA … ZZ, AAA … (a repeated letter, not base 26)
    if n <= 0:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str | None) -> str:
    """The number ``n`` in Word's number format ``fmt`` (w:numFmt); unknown formats as decimal."""
    fmt = fmt or "decimal"
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "koreanCounting"):
        return _chinese(n)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _CN_LEGAL, "拾佰仟")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(c)] for c in str(n)) if n >= 0 else str(n)
    if fmt in ("ideographTraditional", "ideographZodiac"):
        seq = _TIANGAN if fmt == "ideographTraditional" else _DIZHI
        return seq[n - 1] if 1 <= n <= len(seq) else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


# ---- lists and counters -------------------------------------------------------------------------

@dataclass
class _Level:
    start: int = 0
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None       # w:lvlRestart
    legal: bool = False              # w:isLgl
    style: str | None = None         # w:pStyle: the paragraph style this level belongs to


def _level(el) -> _Level:
    return _Level(start=_int(_val(el, "start"), 0), fmt=_val(el, "numFmt") or "decimal",
                  text=_val(el, "lvlText") or "", restart=_int(_val(el, "lvlRestart")),
                  legal=bool(toggle(el.find(_w("isLgl")))), style=_val(el, "pStyle"))


@dataclass
class _List:
    abstract: str
    levels: dict[int, _Level] = field(default_factory=dict)       # the w:num's own level overrides
    starts: dict[int, int] = field(default_factory=dict)          # w:startOverride per level


class Numbering:
    """Replays Word's list counters over the paragraphs in document order."""

    def __init__(self, root=None, styles: Styles | None = None):
        self.styles = styles or Styles()
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._links: dict[str, str] = {}                 # abstract id -> numStyleLink name
        self._style_links: dict[str, str] = {}           # styleLink name -> abstract id
        self._lists: dict[str, _List] = {}
        self._counts: dict[str, dict[int, int]] = {}     # abstract id -> level -> last number
        self._started: set[tuple[str, int]] = set()      # (numId, level) whose startOverride applied
        if root is None:
            return
        for ab in root.iter(_w("abstractNum")):
            aid = ab.get(_w("abstractNumId"))
            if aid is None:
                continue
            self._abstract[aid] = {_int(lv.get(_w("ilvl")), 0): _level(lv) for lv in ab.findall(_w("lvl"))}
            if _val(ab, "numStyleLink"):
                self._links[aid] = _val(ab, "numStyleLink")
            if _val(ab, "styleLink"):
                self._style_links[_val(ab, "styleLink")] = aid
        for num in root.iter(_w("num")):
            nid = num.get(_w("numId"))
            aid = _val(num, "abstractNumId")
            if nid is None or aid is None:
                continue
            lst = _List(abstract=aid)
            for ov in num.findall(_w("lvlOverride")):
                ilvl = _int(ov.get(_w("ilvl")), 0)
                start = _int(_val(ov, "startOverride"))
                if start is not None:
                    lst.starts[ilvl] = start
                lv = ov.find(_w("lvl"))
                if lv is not None:
                    lst.levels[ilvl] = _level(lv)
            self._lists[nid] = lst

    def _abstract_id(self, lst: _List) -> str:
        aid = lst.abstract
        link = self._links.get(aid)
        if link is not None:  # a list defined through a numbering style: follow it to its definition
            num_id, _ilvl, _name = self.styles.numbering(link)
            target = self._lists.get(num_id) if num_id else None
            aid = self._style_links.get(link) or (target.abstract if target else aid)
        return aid

    def _numpr(self, ppr, pstyle: str | None) -> tuple[str | None, int | None, str | None]:
        numpr = ppr.find(_w("numPr")) if ppr is not None else None
        num_id, ilvl = _val(numpr, "numId"), _int(_val(numpr, "ilvl"))
        from_style = None
        if num_id is None:
            num_id, style_ilvl, from_style = self.styles.numbering(pstyle)
            ilvl = ilvl if ilvl is not None else style_ilvl
        return num_id, ilvl, from_style

    def label(self, ppr, pstyle: str | None) -> ListLabel | None:
        """Count the paragraph with properties ``ppr`` (its w:pPr, or None) and style ``pstyle``;
        return the label Word draws before it, if any."""
        if not self._lists:
            return None
        num_id, ilvl, from_style = self._numpr(ppr, pstyle)
        lst = self._lists.get(num_id) if num_id not in (None, "0") else None
        if lst is None:
            return None
        aid = self._abstract_id(lst)
        levels = {**self._abstract.get(aid, {}), **lst.levels}
        if ilvl is None:  # a style's list: the level that names the style, else the first
            ilvl = next((k for k, lv in sorted(levels.items()) if lv.style and lv.style == from_style), 0)
        if ilvl not in levels:
            return None
        counts = self._counts.setdefault(aid, {})
        level = levels[ilvl]
        if ilvl in lst.starts and (num_id, ilvl) not in self._started:
            self._started.add((num_id, ilvl))
            counts[ilvl] = lst.starts[ilvl]
        elif ilvl in counts:
            counts[ilvl] += 1
        else:
            counts[ilvl] = lst.starts.get(ilvl, level.start)
        for deeper in [k for k in counts if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart != 0 and (restart is None or ilvl < restart):
                del counts[deeper]
        return ListLabel(level=ilvl, format=level.fmt, number=counts[ilvl],
                         text=self._draw(level, levels, counts))

    @staticmethod
    def _draw(level: _Level, levels: dict[int, _Level], counts: dict[int, int]) -> str:
        out = level.text
        for k in range(9, -1, -1):  # %10 is not a placeholder; %1 … %9 are levels 0 … 8
            token = f"%{k}"
            if k == 0 or token not in out:
                continue
            lv = levels.get(k - 1)
            n = counts.get(k - 1, lv.start if lv else 1)
            fmt = "decimal" if level.legal and lv is not None and lv.fmt != "none" else (lv.fmt if lv else "decimal")
            out = out.replace(token, format_number(n, fmt))
        return out
