"""Terminal output (rich): per-draft findings by section for ``check``, a one-screen summary for
``batch``, and a progress bar on stderr for long batches."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from analyzer.decide import PASS, RETURN, REVISE, ensure, percent
from analyzer.model import BatchResult, DocResult

from .labels import (SECTION_ORDER, SEVERITY_ORDER, SEVERITY_STYLES, category_label, category_short,
                     member_name, severity_label, source_kind_label)
from .locate import finding_section, locate, paragraph_spans, section_heading, shorten
from .summary import category_names, copy_figure_items, doc_label, reuse_excerpts

VERDICT_STYLES = {RETURN: "bold red", REVISE: "yellow", PASS: "green"}
PROGRESS_MIN_TOTAL = 5
COMPACT_LIMIT = 12


def _sev_text(severity: str) -> Text:
    return Text(f"[{severity_label(severity)}]", style=SEVERITY_STYLES.get(severity, ""))


def _sorted_findings(res: DocResult):
    by_section: dict = {}
    for f in res.findings:
        by_section.setdefault(finding_section(res, f), []).append(f)
    order = {role: i for i, role in enumerate(SECTION_ORDER)}
    roles = sorted(by_section, key=lambda r: (order.get(r, len(order)),
                                              min(f.start for f in by_section[r])))
    for role in roles:
        yield role, sorted(by_section[role], key=lambda f: (f.start, f.end, f.rule))


def _doc_header(res: DocResult) -> Text:
    doc = res.document
    v = res.decision.verdict
    head = Text()
    head.append(member_name(doc), style="bold")
    if doc.role:
        head.append(f"（{doc.role}）")
    head.append(f"  {doc.path}", style="dim")
    head.append("  结论：")
    head.append(v, style=VERDICT_STYLES.get(v, ""))
    return head


def _counts_line(res: DocResult) -> Text:
    t = Text()
    for sev in SEVERITY_ORDER:
        n = res.decision.severities.get(sev, 0)
        t.append(f"{severity_label(sev)} {n}  ", style=SEVERITY_STYLES[sev] if n else "dim")
    return t


def render_document(res: DocResult, console: Console, *, compact: bool = False,
                    min_severity: str = "info") -> None:  # noqa: C901
    """One draft: findings grouped by section, each with excerpt, place, message, suggestion."""
    rank = SEVERITY_ORDER.index(min_severity) if min_severity in SEVERITY_ORDER else 2
    keep = set(SEVERITY_ORDER[: rank + 1])
    doc = res.document
    spans = paragraph_spans(doc)
    console.print(_doc_header(res))
    console.print(_counts_line(res))
    if not res.findings:
        console.print(Text("  未发现问题。", style="green"))
    for role, findings in _sorted_findings(res):
        shown = [f for f in findings if f.severity in keep]
        if not shown:
            continue
        console.print(Text(f"■ {section_heading(res, role)}", style="bold blue"))
        for f in shown:
            where = str(locate(doc, f.start, spans)) if f.end > f.start else "全文"
            line = Text("  ")
            line.append_text(_sev_text(f.severity))
            line.append(f" {f.name or category_label(f.category)}", style="bold")
            line.append(f"  {f.rule} · {where}", style="dim")
            console.print(line)
            limit = 40 if compact else 80
            if f.excerpt.strip():
                console.print(Text(f"    「{shorten(f.excerpt, limit)}」", style="italic"))
            console.print(Text(f"    {f.message}"))
            if f.suggestion and not compact:
                console.print(Text(f"    建议：{f.suggestion}", style="green"))
    if res.years is not None and not compact:
        _render_years(res, console)
    console.print()


def _render_years(res: DocResult, console: Console, *, one_line: bool = False) -> None:
    """年度对比: each earlier problem → this year's match → status (``one_line``: a row per line, for
    the batch summary)."""
    head = f"{member_name(res.document)}：" if one_line else "■ "
    console.print(Text(f"{head}年度对比（与本人{res.years.earlier_label()}材料）",
                       style="bold" if one_line else "bold blue"))
    for r in res.years.rows():
        status = Text(r.status_cn, style="red" if r.status in ("repeated", "claimed") else "")
        if one_line:   # the status first: a narrow terminal cuts the excerpts, not the verdict
            line = Text(f"  {r.year} ")
            line.append_text(status)
            line.append(f"：「{shorten(r.old, 30)}」" + (f" → 今年：「{shorten(r.new, 30)}」" if r.new else ""))
            _print_line(console, line)
            continue
        console.print(Text(f"  {r.year}：「{shorten(r.old, 40)}」"))
        line = Text("      → ")
        line.append(f"今年：「{shorten(r.new, 30)}」 " if r.new else "")
        line.append_text(status)
        console.print(line)
    due, md = res.report_due, res.meeting_date
    if due is not None and md is not None:
        console.print(Text(f"  整改情况上报时限：{due.year}年{due.month}月{due.day}日前（会后{(due - md.date).days}日内）",
                           style="dim"))


def _top_categories(decision, names: dict[str, str], limit: int = 3) -> str:
    ranked = sorted(decision.categories.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return " ".join(f"{category_short(c, names.get(c, ''))}{n}" for c, n in ranked)


def _summary_table(result: BatchResult, width: int = 120) -> Table:
    """Columns drop out on narrow terminals (职务 below 112, 主要问题 below 92 columns)."""
    names = category_names(result)
    show_role, show_top, show_group = width >= 112, width >= 92, width >= 72
    table = Table(title=f"批量审核汇总（规则集 {result.rules}，共 {len(result.documents)} 份）",
                  show_lines=False, header_style="bold")
    table.add_column("成员", no_wrap=True, min_width=6)
    if show_role:
        table.add_column("职务", no_wrap=True, overflow="ellipsis", max_width=12)
    for sev in SEVERITY_ORDER:
        table.add_column(severity_label(sev), justify="right", style=SEVERITY_STYLES[sev], no_wrap=True)
    if show_top:
        table.add_column("主要问题", overflow="ellipsis", no_wrap=True, max_width=30)
    table.add_column("雷同", justify="right", no_wrap=True)
    if show_group:
        table.add_column("代写组", no_wrap=True, min_width=6)
    table.add_column("结论", no_wrap=True, min_width=12)
    for res in result.documents:
        d = res.decision
        row = [escape(member_name(res.document))] + ([escape(res.document.role or "")] if show_role else [])
        row += [str(d.severities.get(sev, 0)) for sev in SEVERITY_ORDER]
        if show_top:
            row.append(escape(_top_categories(d, names)))
        row.append(percent(d.copy.counted) if d.copy.counted else "")
        if show_group:
            row.append(d.group_label)
        style = VERDICT_STYLES.get(d.verdict, "")
        row.append(f"[{style}]{d.verdict}[/]" if style else d.verdict)
        table.add_row(*row)
    return table


def _print_line(console: Console, text: Text) -> None:
    """Print on exactly one line, cut with an ellipsis at the console width."""
    console.print(text, no_wrap=True, overflow="ellipsis", crop=True)


def _render_compact(result: BatchResult, res: DocResult, console: Console) -> None:
    """Errors and warnings of one draft, one line each."""
    doc = res.document
    spans = paragraph_spans(doc)
    console.print(_doc_header(res))
    figures = copy_figure_items(result, res.decision.copy)
    if res.decision.copy.passages:
        _print_line(console, Text("  雷同：" + "，".join(f"{k} {v}" for k, v in figures), style="dim"))
    shown = sorted((f for f in res.findings if f.severity in ("error", "warning")),
                   key=lambda f: (-SEVERITY_ORDER[::-1].index(f.severity), f.start))
    limit = max(COMPACT_LIMIT, sum(1 for f in shown if f.severity == "error"))
    for f in shown[:limit]:
        where = str(locate(doc, f.start, spans)) if f.end > f.start else "全文"
        role = finding_section(res, f)
        line = Text("  ")
        line.append_text(_sev_text(f.severity))
        line.append(f" {f.name or category_label(f.category)}", style="bold")
        line.append(f"（{section_heading(res, role)} · {where}）", style="dim")
        line.append(f"：{' '.join(f.message.split())}")
        _print_line(console, line)
    more = len(shown) - limit
    hidden = sum(1 for f in res.findings if f.severity not in ("error", "warning"))
    rest = "，".join(x for x in (f"警告 {more} 条" if more > 0 else "", f"提示 {hidden} 条" if hidden else "") if x)
    if rest:
        console.print(Text(f"  ……另有{rest}（draftcheck check 该文件可看全部）", style="dim"))


def render_batch(result: BatchResult, console: Console, *, details: bool = True) -> None:
    console.print(_summary_table(result, console.width))
    if result.same_hand:
        console.print(Text("疑似同一人代写（线索仅供核实）", style="bold"))
        for i, g in enumerate(result.same_hand, 1):
            names = "、".join(doc_label(result, d) for d in g.docs)
            console.print(Text(f"  第{i}组：{names}（综合得分 {g.score:.2f}）"))
            for ev in g.evidence[:4]:
                _print_line(console, Text(f"    · {ev}", style="dim"))
    if result.reuse:
        console.print(Text(f"雷同片段 {len(result.reuse)} 处", style="bold"))
        shown = sorted(result.reuse, key=lambda r: (r.source_kind == "team", r.doc, r.start))
        for r in shown[:12]:
            here, _ = reuse_excerpts(result, r)
            _print_line(console, Text(
                f"  {doc_label(result, r.doc)} ← {source_kind_label(r.source_kind)}"
                f"“{doc_label(result, r.source)}”（{r.end - r.start}字，{r.similarity:.0%}）："
                f"「{shorten(here, 40)}」"))
        if len(shown) > 12:
            console.print(Text(f"  ……另有 {len(shown) - 12} 处，见 HTML 或 Excel 报告", style="dim"))
    _render_missing(result, console)
    _render_errors(result, console)
    _render_year_views(result, console)
    if details:
        console.print()
        console.print(Text("错误和警告（每条一行；全文定位和修改建议见 check 或 HTML/Excel 报告）", style="bold"))
        for res in result.documents:
            if any(f.severity in ("error", "warning") for f in res.findings):
                _render_compact(result, res, console)


def _render_year_views(result: BatchResult, console: Console) -> None:
    """Every member with earlier drafts: the 年度对比 rows, one line each."""
    shown = [res for res in result.documents if res.years is not None and res.years.rows()]
    if not shown:
        return
    console.print(Text(f"年度对比：{len(shown)} 位成员与本人往年材料比对（往年的问题 → 今年对应的问题 → 状态）",
                       style="bold"))
    for res in shown:
        _render_years(res, console, one_line=True)


def _render_missing(result: BatchResult, console: Console) -> None:
    if result.missing:
        console.print(Text(f"名单中未提交材料的成员 {len(result.missing)} 人（未提交）：", style="bold red"))
        for m in result.missing:
            where = "，".join(x for x in (m.team, m.role) if x)
            console.print(Text(f"  {m.member}{f'（{where}）' if where else ''}：未提交（名单中的文件 {m.file}）", style="red"))


def _render_errors(result: BatchResult, console: Console) -> None:
    if result.errors:
        console.print(Text(f"未能读取的文件 {len(result.errors)} 个：", style="bold red"))
        for e in result.errors:
            console.print(Text(f"  {e.message}", style="red"))


def render_text(result: BatchResult, console: Console, *, batch: bool, details: bool = True) -> None:
    """``check``: every draft in full; ``batch``: summary table, then compact details."""
    ensure(result)
    if batch:
        render_batch(result, console, details=details)
        return
    for res in result.documents:
        render_document(res, console)
    _render_errors(result, console)


@contextmanager
def progress(total: int | None = None, *, description: str = "审核中", console: Console | None = None,
             min_total: int = PROGRESS_MIN_TOTAL, enabled: bool = True) -> Iterator[Callable[[int, int], None]]:
    """Progress bar on stderr; yields ``advance(done, total)`` for the batch pipeline.

    ``total`` may be left out: the bar then starts at the first call, which carries the total.
    Silent (the callback does nothing) when not ``enabled`` (``--quiet``), when stderr is not a
    terminal or when the batch has fewer than ``min_total`` drafts; the bar disappears when the
    block ends.
    """
    console = console or Console(stderr=True)
    if not enabled or not console.is_terminal or (total is not None and total < min_total):
        yield lambda done, total_now=None: None
        return
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), TextColumn("剩余"), TimeRemainingColumn(),
                   console=console, transient=True)
    state: dict = {"task": None}

    def advance(done: int, total_now: int | None = None) -> None:
        goal = total_now if total_now is not None else total
        if goal is None or goal < min_total:
            return
        if state["task"] is None:
            bar.start()
            state["task"] = bar.add_task(description, total=goal)
        bar.update(state["task"], completed=done, total=goal)

    try:
        yield advance
    finally:
        if state["task"] is not None:
            bar.stop()
