"""Excel report (openpyxl): 汇总, 问题明细, 雷同片段, 疑似代写, 整改清单 (+ 年度对比 when earlier drafts
were compared, 未能读取 when files failed).

Chinese headers, frozen header row, autofilter, column widths fitted to the content, wrapped text.
Cells are always written as text or numbers — a draft line starting with “=” is never a formula.
"""
from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from analyzer.atomic import atomic_write_bytes
from analyzer.decide import RETURN, REVISE, ensure
from analyzer.model import BatchResult, DocResult

from .labels import (SEVERITY_ORDER, category_label, member_name, severity_label,
                     source_kind_label)
from .locate import Location, finding_section, locate, paragraph_spans, section_heading
from .summary import batch_categories, category_names, doc_label, reuse_excerpts, shown_path

HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
HEADER_FONT = Font(bold=True)
VERDICT_FILLS = {RETURN: PatternFill("solid", fgColor="F8CBAD"),
                 REVISE: PatternFill("solid", fgColor="FFE699")}
SEVERITY_FILLS = {"error": PatternFill("solid", fgColor="F8CBAD"),
                  "warning": PatternFill("solid", fgColor="FFF2CC")}
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_CELL = 32000
MAX_WIDTH = 60


@dataclass(frozen=True)
class Place:
    """A 位置 cell: the line or paragraph number as a number (it sorts and filters as one),
    shown as 第5段 / 第12行 by the cell's number format; 0 shows 全文 (a finding on the whole draft)."""

    number: int
    unit: str = "段"

    @classmethod
    def of(cls, location: Location, *, whole: bool = False) -> "Place":
        return cls(0 if whole else location.number, location.unit)

    @property
    def number_format(self) -> str:
        return f'"第"0"{self.unit}";;"全文"'

    def __str__(self) -> str:
        return f"第{self.number}{self.unit}" if self.number else "全文"


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = _ILLEGAL.sub("", value)
        if len(value) > MAX_CELL:
            value = value[:MAX_CELL] + "……（已截断）"
    return value


def _display_width(value: Any) -> int:
    text = f"{value:.0%}" if isinstance(value, float) else str(value if value is not None else "")
    if isinstance(value, Place):
        text = str(value)
    longest = 0
    for line in text.split("\n"):
        if len(line) >= MAX_WIDTH:  # columns are never wider than MAX_WIDTH: no need to measure on
            return MAX_WIDTH
        longest = max(longest, sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line))
    return longest


def _sheet(wb: Workbook, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], *,
           percent_cols: Sequence[str] = (), wide_cols: Sequence[str] = (),
           first: bool = False) -> Worksheet:
    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    widths = [_display_width(h) for h in headers]
    wrap = Alignment(vertical="top", wrap_text=True)
    r = 1
    for row in rows:
        ws.append([v.number if isinstance(v, Place) else _clean(v) for v in row])
        r += 1  # (ws.max_row scans every cell)
        for ci, value in enumerate(row, 1):
            cell = ws.cell(row=r, column=ci)
            if isinstance(value, str) and cell.data_type == "f":
                cell.data_type = "s"  # never evaluate draft text as a formula
            if isinstance(value, Place):
                cell.number_format = value.number_format
            cell.alignment = wrap
            widths[ci - 1] = max(widths[ci - 1], _display_width(value))
    for ci, name in enumerate(headers, 1):
        letter = get_column_letter(ci)
        width = min(MAX_WIDTH, max(6, widths[ci - 1] + 2))
        if name in wide_cols:
            width = max(width, 40) if widths[ci - 1] > 20 else width
        ws.column_dimensions[letter].width = width
        if name in percent_cols:
            for cell in ws[letter][1:]:
                cell.number_format = "0%"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(ws.max_row, 1)}"
    return ws


KINDS = ("member", "template", "history", "team")
COPY_HEADERS = ["雷同比例（计入结论）", "总雷同比例", "扣除往年"]
KIND_HEADERS = [f"与{source_kind_label(k)}雷同" for k in KINDS]


def _summary_sheet(wb: Workbook, result: BatchResult) -> None:
    cats = batch_categories(result)
    names = category_names(result)
    headers = (["成员", "职务", "文件", "字数"] + [severity_label(s) for s in SEVERITY_ORDER]
               + [names.get(c, category_label(c)) for c in cats]
               + COPY_HEADERS + ["单一来源最大", "单一来源", "最长片段（字）"] + KIND_HEADERS
               + ["疑似代写组", "结论", "结论依据"])
    rows = []
    for res in result.documents:
        doc, d = res.document, res.decision
        c = d.copy
        row: list[Any] = [member_name(doc), doc.role or "", shown_path(result, doc), len(doc.text)]
        row += [d.severities.get(sev, 0) for sev in SEVERITY_ORDER]
        row += [d.categories.get(cat, 0) for cat in cats]
        if c.compared:
            row += [c.without_team, c.total, c.without_history, c.max_source_ratio,
                    doc_label(result, c.max_source) if c.max_source else "", c.longest_passage]
            row += [c.by_kind.get(k, 0.0) for k in KINDS]
        else:  # not compared (draftcheck check): no copy figures
            row += [None] * (len(COPY_HEADERS) + 3 + len(KINDS))
        row += [d.group_label, d.verdict, "；".join(d.reasons) or "无错误和警告"]
        rows.append(row)
    ws = _sheet(wb, "汇总", headers, rows, first=True,
                percent_cols=COPY_HEADERS + ["单一来源最大"] + KIND_HEADERS)
    vcol = headers.index("结论") + 1
    for r in range(2, ws.max_row + 1):
        cell = ws.cell(row=r, column=vcol)
        fill = VERDICT_FILLS.get(cell.value)
        if fill:
            cell.fill = fill


def finding_rows(result: BatchResult, res: DocResult) -> list[list[Any]]:
    doc = res.document
    spans = paragraph_spans(doc)
    rows = []
    for f in sorted(res.findings, key=lambda f: (f.start, f.end)):
        role = finding_section(res, f)
        rows.append([member_name(doc), shown_path(result, doc), section_heading(res, role),
                     Place.of(locate(doc, f.start, spans), whole=f.end <= f.start),
                     severity_label(f.severity), f.rule, f.name or category_label(f.category),
                     category_label(f.category, f.name), f.excerpt, f.message, f.suggestion])
    return rows


FINDING_HEADERS = ["成员", "文件", "栏目", "位置", "级别", "规则", "规则名称", "类别", "原文摘录",
                   "问题说明", "修改建议"]
PLAN_HEADERS = ["成员", "序号", "问题", "整改措施", "完成时限", "责任人", "来源段落", "往年查摆", "上报时限"]
YEAR_HEADERS = ["成员", "往年年度", "往年查摆的问题", "今年对应的问题", "相似度", "状态", "今年材料报告的整改情况"]


def _findings_sheet(wb: Workbook, result: BatchResult) -> None:
    rows = [row for res in result.documents for row in finding_rows(result, res)]
    ws = _sheet(wb, "问题明细", FINDING_HEADERS, rows, wide_cols=["原文摘录", "问题说明", "修改建议"])
    sev_col = FINDING_HEADERS.index("级别") + 1
    fills = {severity_label(k): v for k, v in SEVERITY_FILLS.items()}
    for r in range(2, ws.max_row + 1):
        cell = ws.cell(row=r, column=sev_col)
        if cell.value in fills:
            cell.fill = fills[cell.value]


def _doc_by_id(result: BatchResult):
    return {r.document.id: r.document for r in result.documents} | dict(result.sources)


def _reuse_sheet(wb: Workbook, result: BatchResult) -> None:
    docs = _doc_by_id(result)
    headers = ["成员", "位置", "本稿片段", "来源类型", "来源", "来源位置", "来源片段", "相似度", "字数", "比对方式"]
    rows = []
    for r in sorted(result.reuse, key=lambda r: (r.doc, r.start)):
        here, there = reuse_excerpts(result, r)
        d, s = docs.get(r.doc), docs.get(r.source)
        source_path = shown_path(result, s)
        rows.append([doc_label(result, r.doc), Place.of(locate(d, r.start)) if d else None,
                     here, source_kind_label(r.source_kind),
                     doc_label(result, r.source) + (f"（{source_path}）" if source_path else ""),
                     Place.of(locate(s, r.source_start)) if s is not None else None, there,
                     round(float(r.similarity), 4), r.end - r.start,
                     {"fingerprint": "文本指纹", "sentence": "句子比对"}.get(r.method, r.method)])
    _sheet(wb, "雷同片段", headers, rows, percent_cols=["相似度"], wide_cols=["本稿片段", "来源片段"])


def _samehand_sheet(wb: Workbook, result: BatchResult) -> None:
    headers = ["组别", "涉及成员", "综合得分", "证据"]
    rows = []
    for i, g in enumerate(result.same_hand, 1):
        names = "、".join(doc_label(result, d) for d in g.docs)
        for ev in g.evidence or ["（未提供证据）"]:
            rows.append([f"第{i}组", names, round(float(g.score), 3), ev])
    _sheet(wb, "疑似代写", headers, rows, wide_cols=["证据"])


def plan_table(doc_results: Iterable[DocResult]) -> list[list[Any]]:
    rows = []
    for res in doc_results:
        for n, p in enumerate(res.decision.plan, 1):
            rows.append([member_name(res.document), n, p.problem, p.measure, p.deadline, p.owner, p.source,
                         p.carried, p.report_due])
    return rows


def add_plan_sheet(wb: Workbook, doc_results: Iterable[DocResult], *, first: bool = False) -> Worksheet:
    return _sheet(wb, "整改清单", PLAN_HEADERS, plan_table(doc_results), first=first,
                  wide_cols=["问题", "整改措施"])


def _years_sheet(wb: Workbook, result: BatchResult) -> None:
    """年度对比: each member's earlier problems → this year's match → status (drafts with earlier ones)."""
    rows = [[member_name(res.document), r.year, r.old, r.new or "（今年未查摆）", r.score if r.new else None,
             r.status_cn, r.report]
            for res in result.documents if res.years is not None for r in res.years.rows()]
    if rows:
        _sheet(wb, "年度对比", YEAR_HEADERS, rows, percent_cols=["相似度"],
               wide_cols=["往年查摆的问题", "今年对应的问题", "今年材料报告的整改情况"])


def _errors_sheet(wb: Workbook, result: BatchResult) -> None:
    if result.errors:
        _sheet(wb, "未能读取", ["文件", "原因"], [[e.path, e.message] for e in result.errors])


def build_workbook(result: BatchResult) -> Workbook:
    ensure(result)
    wb = Workbook()
    _summary_sheet(wb, result)
    _findings_sheet(wb, result)
    _reuse_sheet(wb, result)
    _samehand_sheet(wb, result)
    add_plan_sheet(wb, result.documents)
    _years_sheet(wb, result)
    _errors_sheet(wb, result)
    wb.properties.creator = "draftcheck"
    wb.properties.title = f"对照检查材料审核报告（{result.rules}）"
    return wb


def _save(wb: Workbook, path: Path) -> None:
    buf = io.BytesIO()
    wb.save(buf)
    atomic_write_bytes(Path(path), buf.getvalue())


def write_xlsx(result: BatchResult, path: Path) -> None:
    """Write the department's workbook to ``path`` (atomically)."""
    _save(build_workbook(result), path)


def write_plan(doc_results: Iterable[DocResult], path: Path) -> None:
    """``draftcheck plan``: a workbook holding only the 整改清单 sheet."""
    docs = list(doc_results)
    ensure(BatchResult(rules="", documents=docs))
    wb = Workbook()
    add_plan_sheet(wb, docs, first=True)
    wb.properties.creator = "draftcheck"
    wb.properties.title = "整改清单（草稿）"
    _save(wb, path)
