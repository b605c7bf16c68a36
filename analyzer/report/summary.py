"""Per-draft figures every format shows (counts, copy ratios, same-hand group, verdict).

Only counting and lookup of what detection already produced — no detection here.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from analyzer.model import BatchResult, DocResult

from .labels import member_name, sort_categories
from .verdict import condemned_copy_ratio, copy_ratios, verdict


@dataclass
class DraftSummary:
    id: str
    member: str
    role: str
    path: str
    length: int
    severities: Counter = field(default_factory=Counter)
    categories: Counter = field(default_factory=Counter)
    ratios: dict[str, float] = field(default_factory=dict)   # per source kind (+ "all")
    copy_ratio: float = 0.0                                    # the verdict's ratio
    reuse_chars: dict[str, int] = field(default_factory=dict)  # characters reused, per kind
    group: str = ""                                            # 疑似代写 group label(s)
    verdict: str = ""


def group_labels(result: BatchResult) -> dict[str, list[str]]:
    """doc id → labels of the same-hand groups it belongs to (第1组, 第2组 ...)."""
    out: dict[str, list[str]] = {}
    for i, g in enumerate(result.same_hand, 1):
        for d in g.docs:
            out.setdefault(d, []).append(f"第{i}组")
    return out


def covered_chars(spans: list[tuple[int, int]]) -> int:
    total, cur_s, cur_e = 0, None, None
    for s, e in sorted(spans):
        if cur_e is None or s > cur_e:
            if cur_e is not None:
                total += cur_e - cur_s
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    if cur_e is not None:
        total += cur_e - cur_s
    return total


def summarize(result: BatchResult, res: DocResult, groups: dict[str, list[str]] | None = None) -> DraftSummary:
    doc = res.document
    groups = group_labels(result) if groups is None else groups
    per_kind: dict[str, list[tuple[int, int]]] = {}
    for r in result.reuse:
        if r.doc == doc.id:
            per_kind.setdefault(r.source_kind, []).append((r.start, r.end))
    ratios = copy_ratios(res.figures)
    reuse_chars = {k: covered_chars(v) for k, v in per_kind.items()}
    if not ratios and reuse_chars and doc.text:
        # The reuse stage left no ratio: show the covered share of the text (display only).
        ratios = {k: n / len(doc.text) for k, n in reuse_chars.items()}
    s = DraftSummary(
        id=doc.id, member=member_name(doc), role=doc.role or "", path=doc.path, length=len(doc.text),
        severities=Counter(f.severity for f in res.findings),
        categories=Counter(f.category for f in res.findings),
        ratios=ratios, reuse_chars=reuse_chars,
        group="、".join(groups.get(doc.id, [])),
    )
    figs = res.figures if copy_ratios(res.figures) else {f"copy_ratio_{k}": v for k, v in ratios.items()}
    s.copy_ratio = condemned_copy_ratio(figs)
    s.verdict = verdict(DocResult(doc, res.structure, res.findings, figs))
    return s


def summarize_all(result: BatchResult) -> list[DraftSummary]:
    groups = group_labels(result)
    return [summarize(result, r, groups) for r in result.documents]


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


def doc_label(result: BatchResult, doc_id: str) -> str:
    """Member name (or id) of a draft or source document, for tables."""
    for r in result.documents:
        if r.document.id == doc_id:
            return member_name(r.document)
    src = result.sources.get(doc_id)
    if src is not None:
        name = src.member or src.id
        if src.kind == "history" and src.year:
            name = f"{name}（{src.year}年）"
        return name
    return doc_id


def doc_text(result: BatchResult, doc_id: str) -> str | None:
    for r in result.documents:
        if r.document.id == doc_id:
            return r.document.text
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
