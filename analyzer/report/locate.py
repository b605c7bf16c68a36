"""Turn offsets into places a reader can find: line, paragraph, section.

Offsets index ``Document.text`` (paragraphs joined by ``\\n``). Plain-text inputs are located by
line number (what an editor shows); Word/PDF inputs by paragraph number (what Word's navigation
and a printed copy show), counting only non-empty paragraphs, as the loader does.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from analyzer.model import Document, DocResult, Structure

from .labels import section_label

LINE_FORMATS = ("txt", "md")


@dataclass(frozen=True)
class Location:
    line: int          # 1-based line of Document.text
    paragraph: int     # 1-based index among non-empty paragraphs (0 when before the first)
    by_line: bool      # True when the reader should be told the line, else the paragraph

    def __str__(self) -> str:
        return f"第{self.line}行" if self.by_line else f"第{self.paragraph}段"


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


def section_at(structure: Structure, offset: int) -> str | None:
    """Role of the section whose span holds ``offset`` (None: title, opening, closing)."""
    best = None
    for role, sec in structure.sections.items():
        if sec.start <= offset < sec.end:
            if best is None or sec.start >= structure.sections[best].start:
                best = role
    return best


def finding_section(doc_result: DocResult, finding) -> str | None:
    if finding.section:
        return finding.section
    return section_at(doc_result.structure, finding.start)


def section_heading(doc_result: DocResult, role: str | None) -> str:
    """The heading as written when the draft has it, else the standard label."""
    sec = doc_result.structure.sections.get(role) if role else None
    return sec.heading if sec and sec.heading else section_label(role)


def shorten(text: str, limit: int = 60) -> str:
    """One-line excerpt for tables and the terminal."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "……"
