"""Places a report names: the section a finding lies in, its heading as written, one-line excerpts.

Line and paragraph numbers themselves come from ``analyzer.locate`` (the analysis layer uses them
too, e.g. for the 整改清单's 来源段落).
"""
from __future__ import annotations

from analyzer.locate import LINE_FORMATS, Location, line_number, locate, paragraph_index, paragraph_spans
from analyzer.model import DocResult, Structure

from .labels import section_label

__all__ = ["LINE_FORMATS", "Location", "finding_section", "line_number", "locate", "paragraph_index",
           "paragraph_spans", "section_at", "section_heading", "shorten"]


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
