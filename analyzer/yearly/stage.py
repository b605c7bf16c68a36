"""The year-on-year stage of the pipeline: meeting dates, stale deadlines, and each member's drafts
against the member's earlier ones."""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Sequence

from analyzer.model import BatchResult, Document, DocResult

from .deadlines import parser_for
from .findings import stale_deadlines
from .lineage import Earlier, Similarity, compare, earlier_drafts
from .meeting import assign, report_due


def _sentences(text: str) -> list[str]:
    from analyzer.segment import sentences

    return [text[s:e] for s, e in sentences(text)]


@lru_cache(maxsize=1)
def _template_sentences() -> tuple[str, ...]:
    """Sentences of the shipped templates: genre text every IDF should know."""
    from analyzer.reuse import load_templates

    return tuple(s for doc in load_templates() for s in _sentences(doc.text))


def compare_years(results: Sequence[DocResult], history: Sequence[Document]) -> None:
    """Fill ``DocResult.years`` and add the lineage findings for every draft with earlier drafts."""
    from analyzer.structure import parse

    todo: list[tuple[DocResult, list[Earlier]]] = []
    parsed: dict[int, Earlier] = {}
    for res in results:
        found = earlier_drafts(res.document, history)
        if not found:
            continue
        earlier = []
        for doc, year in found:
            if id(doc) not in parsed:
                parsed[id(doc)] = Earlier(doc, year, parse(doc))
            earlier.append(parsed[id(doc)])
        todo.append((res, earlier))
    if not todo:
        return
    # IDF over sentences: a few drafts give hundreds of them, so words of the genre weigh little
    texts = list(_template_sentences())
    for doc in [res.document for res, _ in todo] + [e.doc for e in parsed.values()]:
        texts += _sentences(doc.text)
    sim = Similarity(texts)
    for res, earlier in todo:
        res.years, findings = compare(res, earlier, sim)
        res.findings.extend(findings)


def year_on_year(result: BatchResult, ruleset=None, meeting_date: date | None = None,
                 history: Sequence[Document] = ()) -> None:
    """Set the meeting dates of ``result`` and add the year-on-year findings to its drafts
    (``history``: earlier drafts of the members, from ``--history`` and the history store)."""
    result.meeting_date = assign(result.documents, meeting_date)
    parser = parser_for(ruleset)
    for res in result.documents:
        res.report_due = report_due(res.meeting_date)
        res.findings.extend(stale_deadlines(res, parser))
    compare_years(result.documents, history)
