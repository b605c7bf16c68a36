"""Annotated Word copies: each draft with a Word comment anchored on every finding's span.

For a ``.docx`` input the copy keeps the author's formatting; runs are split at the finding's
boundaries so that each comment covers exactly the excerpt. Other inputs (txt, md, pdf, ...) get a
new ``.docx`` holding the draft's lines. Output files are named ``原名_批注.docx``; an input is
never overwritten (an output directory that holds an input is refused).

Offsets map to Word paragraphs the way the loader built ``Document.text``: the non-empty body
paragraphs and table cells in reading order, joined by ``\\n``; ``Document.paragraphs`` holds
each paragraph's span. Each span's text is looked up in the Word paragraphs in order, so a
paragraph whose text the loader trimmed still maps exactly.
"""
from __future__ import annotations

import copy
import io
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.run import Run

from analyzer.model import BatchResult, DocResult, Finding

from analyzer.atomic import atomic_write_bytes, check_output_path
from .labels import category_label, severity_label
from .locate import paragraph_spans, shorten

AUTHOR = "draftcheck"
INITIALS = "DC"
SUFFIX = "_批注"
_TEXT_TAGS = {qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:noBreakHyphen"), qn("w:ptab")}
_W_P, _W_R, _W_TBL, _W_TR, _W_TC = qn("w:p"), qn("w:r"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_W_HYPER, _W_SDT, _W_SDTC = qn("w:hyperlink"), qn("w:sdt"), qn("w:sdtContent")
_SKIP_ANCESTORS = {qn("w:del"), qn("w:moveFrom")}


@dataclass
class _Para:
    """A Word paragraph with its runs and each run's text range."""

    p: object                                 # lxml w:p element
    runs: list = field(default_factory=list)  # w:r elements carrying text
    text: str = ""
    variant: str = "direct"

    def index(self, variant: str) -> None:
        self.variant = variant
        self.runs = _runs(self.p, variant)
        self.text = "".join(_run_text(r) for r in self.runs)


def _run_text(r) -> str:
    return "".join(str(c) for c in r if c.tag in _TEXT_TAGS)


def _runs(p, variant: str) -> list:
    """Runs of ``p``: ``direct`` = as python-docx's Paragraph.text reads them (w:r and
    w:hyperlink children); ``all`` = every run of the paragraph except deleted text."""
    if variant == "direct":
        out = []
        for child in p:
            if child.tag == _W_R:
                out.append(child)
            elif child.tag == _W_HYPER:
                out.extend(c for c in child if c.tag == _W_R)
        return out
    out = []
    for r in p.iter(_W_R):
        anc = r.getparent()
        ok = True
        while anc is not None and anc is not p:
            if anc.tag in _SKIP_ANCESTORS or anc.tag == _W_P:
                ok = False
                break
            anc = anc.getparent()
        if ok:
            out.append(r)
    return out


def _block_paragraphs(container) -> list:
    """w:p elements of a body/cell in reading order, descending into tables and content controls."""
    out = []
    for child in container:
        if child.tag == _W_P:
            out.append(child)
        elif child.tag == _W_TBL:
            for tr in child.iter(_W_TR):
                if tr.getparent() is not child:
                    continue
                for tc in tr:
                    if tc.tag == _W_TC:
                        out.extend(_block_paragraphs(tc))
        elif child.tag == _W_SDT:
            for sc in child:
                if sc.tag == _W_SDTC:
                    out.extend(_block_paragraphs(sc))
    return out


def _split_run(r, k: int):
    """Split run ``r`` so that its first ``k`` characters stay in ``r``; return the new run."""
    pos = 0
    children = [c for c in r if c.tag != qn("w:rPr")]
    for idx, child in enumerate(children):
        t = str(child) if child.tag in _TEXT_TAGS else ""
        if pos + len(t) <= k:
            pos += len(t)
            if pos == k:
                cut = idx + 1
                break
            continue
        # the cut falls inside this child: only w:t can be cut inside (others are one char)
        inner = k - pos
        tail = copy.deepcopy(child)
        child.text = t[:inner]
        tail.text = t[inner:]
        for el in (child, tail):
            el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        child.addnext(tail)
        children = [c for c in r if c.tag != qn("w:rPr")]
        cut = idx + 1
        break
    else:
        return None
    new = copy.deepcopy(r)
    for c in [c for c in new if c.tag != qn("w:rPr")]:
        new.remove(c)
    for c in children[cut:]:
        new.append(c)  # moves the element
    r.addnext(new)
    return new


def _split_at(para: _Para, local: int) -> None:
    """Make ``local`` (an offset in the paragraph text) a run boundary."""
    pos = 0
    for r in para.runs:
        t = _run_text(r)
        if pos < local < pos + len(t):
            _split_run(r, local - pos)
            return
        pos += len(t)


def _range_runs(para_a: _Para, a: int, para_b: _Para, b: int):
    """First run starting at ``a`` in ``para_a`` and last run ending at ``b`` in ``para_b``."""
    first = last = None
    pos = 0
    for r in para_a.runs:
        t = _run_text(r)
        if t and pos >= a and first is None:
            first = r
        pos += len(t)
    pos = 0
    for r in para_b.runs:
        t = _run_text(r)
        pos += len(t)
        if t and pos <= b:
            last = r
    return first, last


def _comment_lines(f: Finding, exact: bool) -> list[str]:
    head = f"【{severity_label(f.severity)}】{f.name or category_label(f.category)}（{f.rule}）：{f.message}"
    lines = [head]
    if f.suggestion:
        lines.append(f"修改建议：{f.suggestion}")
    if f.end <= f.start:
        lines.append("（本条针对全文）")
    elif not exact:
        lines.append(f"（未能精确定位，原文：「{f.excerpt[:60]}」）")
    return lines


def _add_comment(document, runs, lines: list[str]) -> None:
    comment = document.add_comment([Run(runs[0], None), Run(runs[1], None)], text=lines[0],
                                   author=AUTHOR, initials=INITIALS)
    for line in lines[1:]:
        comment.add_paragraph(line)


class _Mapper:
    """Maps Document.text offsets to (Word paragraph, offset inside its text)."""

    def __init__(self, res: DocResult, paras: list[_Para]):
        self.text = res.document.text
        self.paras = paras
        self.spans = paragraph_spans(res.document)
        self._starts = [s for s, _ in self.spans]
        self.where: list[tuple[int, int] | None] = []   # per span: (para index, local offset)
        j, local = 0, 0
        for s, e in self.spans:
            target = self.text[s:e]
            hit = None
            for jj in range(j, min(len(paras), j + 60)):
                start_at = local if jj == j else 0
                k = paras[jj].text.find(target, start_at)
                if k >= 0:
                    hit = (jj, k)
                    break
            self.where.append(hit)
            if hit:
                j, local = hit[0], hit[1] + len(target)

    def _span_index(self, offset: int, *, end: bool) -> int | None:
        starts = self._starts
        i = bisect_right(starts, offset - 1 if end else offset) - 1
        if i >= 0:
            s, e = self.spans[i]
            if (s < offset <= e) if end else (s <= offset < e):
                return i
        return None

    def map(self, offset: int, *, end: bool) -> tuple[int, int] | None:
        i = self._span_index(offset, end=end)
        if i is None:  # in a gap between paragraphs: snap to the next start / previous end
            if end:
                cands = [k for k, (s, e) in enumerate(self.spans) if e <= offset]
                i, offset = (cands[-1], self.spans[cands[-1]][1]) if cands else (None, offset)
            else:
                cands = [k for k, (s, e) in enumerate(self.spans) if s >= offset]
                i, offset = (cands[0], self.spans[cands[0]][0]) if cands else (None, offset)
            if i is None:
                return None
        hit = self.where[i]
        if hit is None:
            return None
        return hit[0], hit[1] + offset - self.spans[i][0]


def _annotate(document, res: DocResult, paras: list[_Para]) -> int:
    """Add one comment per finding; returns how many were anchored exactly."""
    mapper = _Mapper(res, paras)
    plans = []
    for f in sorted(res.findings, key=lambda f: (f.start, f.end)):
        a = mapper.map(f.start, end=False) if f.end > f.start else None
        b = mapper.map(f.end, end=True) if f.end > f.start else None
        if a and b and (a[0], a[1]) < (b[0], b[1]):
            plans.append((f, a, b, True))
            continue
        # not mappable: anchor on the paragraph holding the excerpt, else the first paragraph
        target = next((k for k, p in enumerate(paras) if f.excerpt and f.excerpt in p.text), None)
        if target is not None:
            k = paras[target].text.find(f.excerpt)
            plans.append((f, (target, k), (target, k + len(f.excerpt)), f.end > f.start))
        else:
            first = next((k for k, p in enumerate(paras) if p.text.strip()), None)
            if first is not None:
                plans.append((f, (first, 0), (first, len(paras[first].text)), f.end <= f.start))
    # split runs at every boundary first, then anchor
    cuts: dict[int, set[int]] = {}
    for _, a, b, _ in plans:
        cuts.setdefault(a[0], set()).add(a[1])
        cuts.setdefault(b[0], set()).add(b[1])
    for j, offsets in cuts.items():
        for off in sorted(offsets, reverse=True):
            _split_at(paras[j], off)
            paras[j].index(paras[j].variant)
    exact = 0
    for f, a, b, ok in plans:
        first, last = _range_runs(paras[a[0]], a[1], paras[b[0]], b[1])
        if first is None or last is None:
            continue
        _add_comment(document, (first, last), _comment_lines(f, ok))
        exact += ok
    _year_comment(document, res, paras)
    return exact


def _year_lines(res: DocResult) -> list[str]:
    """The 年度对比 view as comment lines: each earlier problem → this year's match → status."""
    if res.years is None or not res.years.rows():
        return []
    lines = [f"【年度对比】与本人{res.years.earlier_label()}材料比对（往年的问题 → 今年对应的问题 → 状态）"]
    for r in res.years.rows():
        now = f" → 今年：「{shorten(r.new, 40)}」" if r.new else ""
        lines.append(f"{r.year}：「{shorten(r.old, 40)}」{now}：{r.status_cn}；{r.report}")
    due, md = res.report_due, res.meeting_date
    if due is not None and md is not None:
        lines.append(f"整改情况上报时限：{due.year}年{due.month}月{due.day}日前（会后{(due - md.date).days}日内）")
    return lines


def _year_comment(document, res: DocResult, paras: list[_Para]) -> None:
    """The 年度对比 view as one comment on the draft's first line (its title)."""
    lines = _year_lines(res)
    first = next((p for p in paras if p.text.strip() and p.runs), None)
    if lines and first is not None:
        _add_comment(document, (first.runs[0], first.runs[-1]), lines)


def _word_paragraphs(document, res: DocResult) -> list[_Para]:
    """Index the Word paragraphs with the run reading that matches the loader's text best."""
    elements = _block_paragraphs(document.element.body)
    best = None
    for variant in ("direct", "all"):
        paras = []
        for p in elements:
            para = _Para(p)
            para.index(variant)
            paras.append(para)
        mapper = _Mapper(res, paras)
        found = sum(1 for w in mapper.where if w)
        if best is None or found > best[0]:
            best = (found, paras)
        if found == len(mapper.where):
            break
    return best[1]


def _new_docx(res: DocResult):
    """A fresh Word document holding the draft's lines (for non-docx inputs)."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(14)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    title = res.structure.title
    headings = {(h.start, h.end) for h in res.structure.headings if h.level == 1}
    section_heads = {(s.heading_start, s.heading_end) for s in res.structure.sections.values()}
    pos = 0
    for line in res.document.text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        para = document.add_paragraph()
        run = para.add_run(line)
        if title and title[0] <= start < title[1]:
            para.alignment = 1  # centre
            run.bold = True
            run.font.size = Pt(18)
        elif any(s <= start < e for s, e in headings | section_heads):
            run.bold = True
    document.core_properties.author = AUTHOR
    document.core_properties.title = f"{res.document.member or res.document.id} 对照检查材料（审核批注）"
    return document


def output_name(res: DocResult) -> str:
    return f"{Path(res.document.path).stem or res.document.id}{SUFFIX}.docx"


def annotate_document(res: DocResult):
    """The annotated ``docx.Document`` for one draft (and whether it copies the input)."""
    path = Path(res.document.source_file or res.document.path)  # a zip entry: its scratch copy
    document = None
    if res.document.format == "docx" and path.is_file():
        try:
            document = docx.Document(str(path))
        except Exception:  # noqa: BLE001 — unreadable now: fall back to a fresh document
            document = None
    if document is None:
        document = _new_docx(res)
    paras = _word_paragraphs(document, res)
    _annotate(document, res, paras)
    return document


def write_annotated(result: BatchResult, out_dir: Path) -> list[Path]:
    """One ``原名_批注.docx`` per draft in ``out_dir``; returns the written paths."""
    out_dir = Path(out_dir)
    check_output_path(out_dir, [r.document.path for r in result.documents], folder=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    used: set[str] = set()
    for res in result.documents:
        name = output_name(res)
        stem = name[:-5]
        n = 2
        while name in used:
            name = f"{stem}_{n}.docx"
            n += 1
        used.add(name)
        target = out_dir / name
        document = annotate_document(res)
        buf = io.BytesIO()
        document.save(buf)
        atomic_write_bytes(target, buf.getvalue())
        written.append(target)
    return written
