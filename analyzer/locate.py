"""Turn offsets into places a reader can find: a line or a paragraph number.

Offsets index ``Document.text`` (paragraphs joined by ``\\n``). Plain-text inputs are located by
line number (what an editor shows); Word/PDF inputs by paragraph number (what Word's navigation
and a printed copy show), counting only non-empty paragraphs, as the loader does.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from analyzer.model import Document

LINE_FORMATS = ("txt", "md")


@dataclass(frozen=True)
class Location:
    line: int          # 1-based line of Document.text
    paragraph: int     # 1-based index among non-empty paragraphs (0 when before the first)
    by_line: bool      # True when the reader should be told the line, else the paragraph

    @property
    def number(self) -> int:
        """The number the reader is told (line or paragraph)."""
        return self.line if self.by_line else self.paragraph

    @property
    def unit(self) -> str:
        return "行" if self.by_line else "段"

    def __str__(self) -> str:
        return f"第{self.number}{self.unit}"


def paragraph_spans(document: Document) -> list[tuple[int, int]]:
    """The document's paragraph spans, derived from the text when the loader left them out."""
    if document.paragraphs:
        return list(document.paragraphs)
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in document.text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def line_number(text: str, offset: int) -> int:
    offset = max(0, min(offset, len(text)))
    return text.count("\n", 0, offset) + 1


def paragraph_index(spans: list[tuple[int, int]], offset: int) -> int:
    """0-based index of the paragraph holding ``offset`` (the previous one when in a gap)."""
    starts = [s for s, _ in spans]
    return max(0, bisect_right(starts, offset) - 1)


def locate(document: Document, offset: int, spans: list[tuple[int, int]] | None = None) -> Location:
    spans = paragraph_spans(document) if spans is None else spans
    para = paragraph_index(spans, offset) + 1 if spans else 0
    return Location(line_number(document.text, offset), para, document.format in LINE_FORMATS)
