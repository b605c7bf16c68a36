"""Normalisation for matching, on a copy that maps back to original offsets.

Steps (per character, so the map stays exact): drop format characters (Unicode category Cf:
zero-width space/joiners, BOM, soft hyphen...), NFKC (full-width ASCII, ideographic space,
compatibility forms; list markers such as ① are kept), traditional → simplified Chinese (OpenCC
``t2s``), fold runs of whitespace to one space (and drop whitespace between two CJK characters,
where it is only a disguise).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class NormalizedText:
    """``text`` is the normalised copy; ``orig[i]`` is the original offset of ``text[i]``.

    ``orig`` has ``len(text) + 1`` entries; the last one is the original length, so that
    an end offset maps too.
    """

    text: str
    orig: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text to the original text."""
        if end <= start:
            o = self.orig[start]
            return o, o
        return self.orig[start], self.orig[end - 1] + 1 if end - 1 < len(self.text) else self.orig[end]


def fold_char(ch: str) -> str:
    """NFKC of one character, except the enclosed numbers and letters (①, ⑴, ⒈, ⓐ: U+2460–U+24FF),
    which drafts use as list markers: folded they would read as quantities (① → 1)."""
    if "\u2460" <= ch <= "\u24ff":
        return ch
    return unicodedata.normalize("NFKC", ch)


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # local import: only normalisation needs it

    return opencc.OpenCC("t2s")


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _to_simplified(chars: list[str]) -> list[str]:
    """Convert traditional to simplified keeping one output unit per input unit."""
    joined = "".join(chars)
    if not any(_is_cjk(c) for c in joined):
        return chars
    converted = _t2s().convert(joined)
    if len(converted) == len(joined):
        return list(converted)
    conv = _t2s().convert
    return [conv(c) if len(conv(c)) == len(c) else c for c in chars]


def to_simplified(text: str) -> str:
    """Traditional → simplified, one character for one: the result has ``text``'s offsets."""
    return "".join(_to_simplified(list(text)))


def _fold(ch: str) -> str:
    """One character as matching sees it: format characters dropped, else ``fold_char``."""
    return "" if unicodedata.category(ch) == "Cf" else fold_char(ch)


_FOLDED: dict[str, str] = {}  # character -> _fold(character): a draft uses a few thousand


def normalize(text: str) -> NormalizedText:
    """Return the matching copy of ``text`` with its offset map."""
    units: list[str] = []
    owners: list[int] = []
    fold = _FOLDED
    for i, ch in enumerate(text):
        folded = fold.get(ch)
        if folded is None:
            folded = fold[ch] = _fold(ch)
        if len(folded) == 1:
            units.append(folded)
            owners.append(i)
            continue
        for out in folded:
            units.append(out)
            owners.append(i)
    units = _to_simplified(units) if units else units

    out_chars: list[str] = []
    out_orig: list[int] = []
    pending_space: int | None = None
    for ch, owner in zip(units, owners):
        if ch.isspace():
            if pending_space is None:
                pending_space = owner
            continue
        if pending_space is not None:
            prev = out_chars[-1] if out_chars else ""
            if prev and not (_is_cjk(prev) and _is_cjk(ch)):
                out_chars.append(" ")
                out_orig.append(pending_space)
            pending_space = None
        out_chars.append(ch)
        out_orig.append(owner)
    out_orig.append(len(text))
    return NormalizedText("".join(out_chars), tuple(out_orig))
