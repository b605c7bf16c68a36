"""One self-contained HTML report (jinja2; inline CSS and JS, works offline).

Contents: overview cards, member × category table, pairwise reuse heatmap, same-hand groups with
evidence, every draft's text with highlighted finding and reuse spans (findings listed beside
the text), and a side-by-side view of each reused passage against its source.
"""
from __future__ import annotations

import difflib
from collections import Counter
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from analyzer import __version__
from analyzer.atomic import atomic_write_bytes
from analyzer.decide import PASS, RETURN, REVISE, default_thresholds, ensure, percent
from analyzer.model import BatchResult, DocResult
from analyzer.plan import UNSET

from .labels import (SEVERITY_ORDER, category_label, member_name, severity_label,
                     source_kind_label)
from .locate import finding_section, locate, paragraph_spans, section_heading, shorten
from .summary import (batch_categories, category_names, copy_figure_items, doc_label, reuse_excerpts,
                      shown_path)

TEMPLATES = Path(__file__).parent / "templates"
SEV_RANK = {s: i for i, s in enumerate(reversed(SEVERITY_ORDER))}  # info 0, warning 1, error 2
CONTEXT = 30
DIFF_LIMIT = 4000


def environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)),
                       autoescape=select_autoescape(["html", "j2"]),
                       trim_blocks=True, lstrip_blocks=True)


def _highlight(text: str, findings: list, reuses: list, prefix: str) -> Markup:
    """The draft text as HTML with <span> highlights for findings and reuse spans."""
    n = len(text)
    bounds = {0, n}
    fspans = [(i, max(0, min(f.start, n)), max(0, min(f.end, n))) for i, f in enumerate(findings)]
    rspans = [(i, max(0, min(r.start, n)), max(0, min(r.end, n))) for i, r in enumerate(reuses)]
    for _, s, e in fspans + rspans:
        if e > s:
            bounds.update((s, e))
    points = sorted(bounds)
    f_first = {}
    for i, s, e in fspans:
        if e > s:
            f_first.setdefault(s, []).append(i)
    r_first = {}
    for i, s, e in rspans:
        if e > s:
            r_first.setdefault(s, []).append(i)
    out: list[str] = []
    for a, b in zip(points, points[1:]):
        for i in f_first.get(a, []):
            out.append(f'<a class="anchor" id="{prefix}-f{i}"></a>')
        for i in r_first.get(a, []):
            out.append(f'<a class="anchor" id="{prefix}-r{i}"></a>')
        seg = str(escape(text[a:b]))
        fs = [i for i, s, e in fspans if s <= a and b <= e and e > s]
        rs = [i for i, s, e in rspans if s <= a and b <= e and e > s]
        if not fs and not rs:
            out.append(seg)
            continue
        classes = ["hl"]
        attrs = []
        if fs:
            top = max((findings[i].severity for i in fs), key=lambda s: SEV_RANK.get(s, 0))
            classes.append(f"sev-{top}")
            attrs.append(f'data-f="{" ".join(f"{prefix}-f{i}" for i in fs)}"')
        if rs:
            kinds = sorted({reuses[i].source_kind for i in rs})
            classes.append("reuse")
            classes += [f"reuse-{k}" for k in kinds]
            attrs.append(f'data-r="{" ".join(f"{prefix}-r{i}" for i in rs)}"')
        title = "；".join([findings[i].name or category_label(findings[i].category) for i in fs]
                         + [f"雷同：{source_kind_label(reuses[i].source_kind)}" for i in rs])
        out.append(f'<span class="{" ".join(classes)}" {" ".join(attrs)} title="{escape(title)}">{seg}</span>')
    return Markup("".join(out))


def diff_pair(a: str, b: str) -> tuple[Markup, Markup]:
    """Both sides with the characters they share plain and the differing ones marked."""
    if len(a) + len(b) > DIFF_LIMIT:
        return Markup(escape(a)), Markup(escape(b))
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    left, right = [], []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        la, rb = str(escape(a[i1:i2])), str(escape(b[j1:j2]))
        if op == "equal":
            left.append(f'<span class="same">{la}</span>')
            right.append(f'<span class="same">{rb}</span>')
        else:
            if la:
                left.append(f'<span class="diff">{la}</span>')
            if rb:
                right.append(f'<span class="diff">{rb}</span>')
    return Markup("".join(left)), Markup("".join(right))


def context_around(text: str | None, start: int, end: int) -> tuple[str, str]:
    if not text:
        return "", ""
    before = text[max(0, start - CONTEXT):start].split("\n")[-1]
    after = text[end:end + CONTEXT].split("\n")[0]
    return before, after


def _draft(result: BatchResult, res: DocResult, di: int) -> dict[str, Any]:
    doc = res.document
    prefix = f"d{di}"
    spans = paragraph_spans(doc)
    findings = sorted(res.findings, key=lambda f: (f.start, f.end, f.rule))
    reuses = sorted((r for r in result.reuse if r.doc == doc.id), key=lambda r: (r.start, r.end))
    docs = {r.document.id: r.document for r in result.documents} | dict(result.sources)
    fitems = []
    for i, f in enumerate(findings):
        fitems.append({
            "id": f"{prefix}-f{i}", "severity": f.severity, "sev_label": severity_label(f.severity),
            "name": f.name or category_label(f.category), "rule": f.rule,
            "category": category_label(f.category, f.name),
            "section": section_heading(res, finding_section(res, f)),
            "where": str(locate(doc, f.start, spans)) if f.end > f.start else "全文",
            "excerpt": shorten(f.excerpt, 80), "message": f.message, "suggestion": f.suggestion,
            "anchored": f.end > f.start,
        })
    ritems = []
    for i, r in enumerate(reuses):
        here, there = reuse_excerpts(result, r)
        left, right = diff_pair(here, there)
        src = docs.get(r.source)
        lb, la = context_around(doc.text, r.start, r.end)
        rb, ra = context_around(src.text if src is not None else None, r.source_start, r.source_end)
        ritems.append({
            "id": f"{prefix}-r{i}", "kind": r.source_kind, "kind_label": source_kind_label(r.source_kind),
            "source": doc_label(result, r.source), "source_id": r.source, "source_path": shown_path(result, src),
            "similarity": r.similarity, "where": str(locate(doc, r.start, spans)),
            "source_where": str(locate(src, r.source_start)) if src is not None else "",
            "left": left, "right": right, "left_before": lb, "left_after": la,
            "right_before": rb, "right_after": ra, "chars": r.end - r.start,
        })
    decision = res.decision
    return {
        "plan": decision.plan, "unset": UNSET,
        "years": res.years.rows() if res.years is not None else [],
        "years_with": res.years.earlier_label() if res.years is not None else "",
        "report_due": res.report_due,
        "id": prefix, "doc_id": doc.id, "member": member_name(doc), "role": doc.role or "",
        "path": shown_path(result, doc), "verdict": decision.verdict, "decision": decision,
        "figures": copy_figure_items(result, decision.copy), "reasons": "；".join(decision.reasons),
        "counts": decision.severities,
        "text": _highlight(doc.text, findings, reuses, prefix),
        "findings": fitems, "reuses": ritems,
    }


def _heatmap(result: BatchResult, drafts: list[dict[str, Any]]) -> dict[str, Any]:
    """Rows: drafts; columns: the drafts, then every other source any draft was found in. A cell is
    the decide stage's share of the row draft found in the column source, and links to the first
    passage of that pair in the row draft's side-by-side view."""
    rows = [r.document.id for r in result.documents]
    cols = list(rows)
    kinds: dict[str, str] = {}
    for r in result.reuse:
        kinds.setdefault(r.source, r.source_kind)
    for res in result.documents:
        for src, ratio in res.decision.copy.by_source.items():
            if ratio > 0 and src not in cols:
                cols.append(src)
    first_pair = {(d["doc_id"], r["source_id"]): f'{r["id"]}-pair' for d in drafts for r in reversed(d["reuses"])}
    cells = []
    for res in result.documents:
        d = res.document.id
        by_source = res.decision.copy.by_source
        line = []
        for s in cols:
            if s == d:
                line.append({"diag": True})
                continue
            ratio = by_source.get(s, 0.0)
            line.append({"diag": False, "ratio": ratio, "text": percent(ratio) if ratio else "",
                         "link": first_pair.get((d, s)) if ratio else None,
                         "alpha": round(min(1.0, ratio * 2.5), 3) if ratio else 0})
        cells.append({"label": doc_label(result, d), "cells": line})
    col_info = [{"label": doc_label(result, c),
                 "kind": source_kind_label(kinds.get(c, "member")) if c not in rows else "成员"}
                for c in cols]
    return {"cols": col_info, "rows": cells, "show": bool(result.reuse)}


def render_html(result: BatchResult) -> str:
    ensure(result)
    cats = batch_categories(result)
    names = category_names(result)
    drafts = [_draft(result, res, i) for i, res in enumerate(result.documents)]
    decisions = [res.decision for res in result.documents]
    all_sev = Counter()
    for d in decisions:
        all_sev.update(d.severities)
    verdicts = Counter(d.verdict for d in decisions)
    max_cat = max([d.categories.get(c, 0) for d in decisions for c in cats] or [1]) or 1
    groups = [{"n": i, "members": [doc_label(result, d) for d in g.docs], "score": g.score,
               "evidence": g.evidence,
               "anchors": [dr["id"] for dr in drafts if dr["doc_id"] in g.docs]}
              for i, g in enumerate(result.same_hand, 1)]
    cards = [
        {"label": "审核材料", "value": len(result.documents), "cls": ""},
        {"label": RETURN, "value": verdicts.get(RETURN, 0), "cls": "bad"},
        {"label": REVISE, "value": verdicts.get(REVISE, 0), "cls": "warn"},
        {"label": PASS, "value": verdicts.get(PASS, 0), "cls": "good"},
        {"label": "错误", "value": all_sev.get("error", 0), "cls": "bad"},
        {"label": "警告", "value": all_sev.get("warning", 0), "cls": "warn"},
        {"label": "提示", "value": all_sev.get("info", 0), "cls": ""},
        {"label": "雷同片段", "value": len(result.reuse), "cls": "warn" if result.reuse else ""},
        {"label": "疑似代写组", "value": len(result.same_hand), "cls": "bad" if result.same_hand else ""},
    ]
    if result.errors:
        cards.append({"label": "未能读取", "value": len(result.errors), "cls": "bad"})
    template = environment().get_template("report.html.j2")
    return template.render(
        rules=result.rules, version=__version__, cards=cards, drafts=drafts,
        categories=[{"code": c, "label": names.get(c, category_label(c))} for c in cats],
        max_cat=max_cat, heatmap=_heatmap(result, drafts), groups=groups,
        errors=result.errors, severity_order=SEVERITY_ORDER, severity_label=severity_label,
        verdict_cls={RETURN: "bad", REVISE: "warn", PASS: "good"}, percent=percent,
        verdict_rank={PASS: 0, REVISE: 1, RETURN: 2},
        verdict_rule=default_thresholds().describe(),
    )


def write_html(result: BatchResult, path: Path) -> None:
    """Write the self-contained HTML report to ``path`` (atomically, UTF-8)."""
    atomic_write_bytes(Path(path), render_html(result).encode("utf-8"))
