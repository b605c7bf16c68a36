"""Lookups every format shares: category names of a batch, a document's label, text and path as
shown, both excerpts of a reused passage. Figures and verdicts are the decide stage's
(``DocResult.decision``); nothing is counted or decided here.
"""
from __future__ import annotations

import os

from analyzer.model import BatchResult, Document

from .labels import member_name, sort_categories


def batch_categories(result: BatchResult) -> list[str]:
    return sort_categories({f.category for r in result.documents for f in r.findings})


def category_names(result: BatchResult) -> dict[str, str]:
    """category → Chinese label, using a rule's own name for categories this module does not know."""
    from .labels import category_label

    names: dict[str, str] = {}
    for r in result.documents:
        for f in r.findings:
            if f.category not in names:
                names[f.category] = category_label(f.category, f.name)
    return names


def _draft(result: BatchResult, doc_id: str) -> Document | None:
    """The batch's (first) draft ``doc_id``, from an index kept with the result: reports look up both
    sides of every passage, and a city's batch has thousands of drafts."""
    index = result.__dict__.get("_drafts_by_id")
    if index is None or index[0] != len(result.documents):
        index = (len(result.documents), {r.document.id: r.document for r in reversed(result.documents)})
        result.__dict__["_drafts_by_id"] = index
    return index[1].get(doc_id)


def doc_label(result: BatchResult, doc_id: str) -> str:
    """Member name (or id) of a draft or source document, for tables."""
    draft = _draft(result, doc_id)
    if draft is not None:
        return member_name(draft)
    src = result.sources.get(doc_id)
    if src is not None:
        name = src.member or src.id
        if src.kind == "history" and src.year:
            name = f"{name}（{src.year}年）"
        return name
    return doc_id


def doc_text(result: BatchResult, doc_id: str) -> str | None:
    draft = _draft(result, doc_id)
    if draft is not None:
        return draft.text
    src = result.sources.get(doc_id)
    return src.text if src is not None else None


def reuse_excerpts(result: BatchResult, reuse) -> tuple[str, str]:
    """Both excerpts of a reuse passage, cut from the texts when the stage left them empty."""
    here = reuse.excerpt
    if not here:
        t = doc_text(result, reuse.doc)
        here = t[reuse.start:reuse.end] if t else ""
    there = reuse.source_excerpt
    if not there:
        t = doc_text(result, reuse.source)
        there = t[reuse.source_start:reuse.source_end] if t else ""
    return here, there


def shown_path(result: BatchResult, document: Document | None) -> str:
    """A document's path as a report shows it: relative to the batch folder when there is one;
    the shipped templates by file name (their install location means nothing to a reviewer)."""
    if document is None or not document.path:
        return ""
    from analyzer.load.common import display_path
    from analyzer.paths import TEMPLATES_DIR

    path = os.path.abspath(document.path)
    try:
        if document.kind == "template" and os.path.commonpath([path, os.path.abspath(TEMPLATES_DIR)]) \
                == os.path.abspath(TEMPLATES_DIR):
            return f"内置范文/{os.path.basename(path)}"
        if result.root:
            return display_path(os.path.relpath(path, os.path.abspath(result.root)))
    except ValueError:  # another drive (Windows)
        pass
    return display_path(document.path)


def copy_figure_items(result: BatchResult, copy) -> list[tuple[str, str]]:
    """The CNKI-style copy figures of one draft as (label, value) pairs, in reading order;
    empty when the draft was not compared with anything (``draftcheck check``)."""
    from analyzer.decide import percent

    from .labels import source_kind_label

    if not copy.compared:
        return []
    items = [("总雷同比例", percent(copy.total)), ("扣除班子", percent(copy.without_team)),
             ("扣除往年", percent(copy.without_history))]
    if copy.max_source:
        items.append(("单一来源最大", f"{percent(copy.max_source_ratio)}（{source_kind_label(copy.max_source_kind or '')}"
                                   f"“{doc_label(result, copy.max_source)}”）"))
    else:
        items.append(("单一来源最大", percent(0.0)))
    items.append(("最长片段", f"{copy.longest_passage}字"))
    return items
