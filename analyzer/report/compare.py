"""``draftcheck compare A B``: the reused passages of two files side by side — in the terminal,
as JSON or as one offline HTML page. Places are given as 第N段 / 第N行, as the reader finds them."""
from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table
from rich.text import Text

from analyzer import __version__
from analyzer.decide import pair_figures, percent
from analyzer.locate import locate
from analyzer.model import Document, Reuse

_COLOURS = ("bold red", "bold magenta", "bold yellow", "bold cyan", "bold green", "bold blue")
_KIND_NAMES = {"member": "班子成员材料", "template": "网络范文", "history": "本人往年材料", "team": "班子对照检查材料"}
_METHOD_NAMES = {"fingerprint": "逐字/近似复制", "sentence": "改写复制（同义替换/调换语序）"}
CONTEXT = 24


def _passage(t: Text, a: str, b: str, style: str, side: int) -> None:
    """Append passage ``a`` (side 0) or ``b`` (side 1): common characters in the passage colour,
    characters changed on this side underlined in reverse video (a changed year, a synonym...)."""
    from rapidfuzz.distance import Indel

    own = a if side == 0 else b
    for op in Indel.opcodes(a, b):
        s0, s1 = (op.src_start, op.src_end) if side == 0 else (op.dest_start, op.dest_end)
        if s1 <= s0:
            continue
        piece = own[s0:s1].replace("\n", "⏎\n")
        t.append(piece, style=style if op.tag == "equal" else f"{style} reverse underline")


def _snippet(text: str, start: int, end: int, style: str, other: str = "", side: int = 0) -> Text:
    t = Text()
    left = max(0, start - CONTEXT)
    if left > 0:
        t.append("…", style="dim")
    t.append(text[left:start].replace("\n", "⏎"), style="dim")
    if other:
        a, b = (text[start:end], other) if side == 0 else (other, text[start:end])
        _passage(t, a, b, style, side)
    else:
        t.append(text[start:end].replace("\n", "⏎\n"), style=style)
    right = min(len(text), end + CONTEXT)
    t.append(text[end:right].replace("\n", "⏎"), style="dim")
    if right < len(text):
        t.append("…", style="dim")
    return t


def render_compare(a: Document, b: Document, reuse: list[Reuse], console: Console | None = None) -> None:
    """Print the passages of ``a`` found in ``b`` (``reuse`` as from ``compare_documents(a, b)``),
    aligned row by row: left the passage in A, right the same passage in B, each coloured."""
    console = console or Console()
    rows = sorted((r for r in reuse if r.doc == a.id and r.source == b.id), key=lambda r: r.start)
    kind = rows[0].source_kind if rows else (b.kind if b.kind in _KIND_NAMES else "member")
    figures = pair_figures(a, b, rows)
    console.print(Text(f"比对：{a.id}（{a.path}） ↔ {b.id}（{b.path}，{_KIND_NAMES.get(kind, kind)}）", style="bold"))
    if not rows:
        console.print("未发现重复段落（标准政治表述、会议主题和20字以下的零散重合不计入）。")
        return
    console.print(f"重复段落 {figures.passages} 处；{a.id} 中重复字数占比 {percent(figures.ratio_a)}，"
                  f"{b.id} 中占比 {percent(figures.ratio_b)}；最长一段 {figures.longest} 字。")
    table = Table(show_lines=True, expand=True)
    table.add_column("#", justify="right", no_wrap=True, width=3)
    table.add_column(f"{a.id}", ratio=1, overflow="fold")
    table.add_column(f"{b.id}", ratio=1, overflow="fold")
    table.add_column("相似度", justify="right", width=10, overflow="fold")
    for i, r in enumerate(rows, 1):
        style = _COLOURS[(i - 1) % len(_COLOURS)]
        pa, pb = a.text[r.start:r.end], b.text[r.source_start:r.source_end]
        left = _snippet(a.text, r.start, r.end, style, pb, 0)
        right = _snippet(b.text, r.source_start, r.source_end, style, pa, 1)
        left.append(f"\n{locate(a, r.start)}", style="dim")
        right.append(f"\n{locate(b, r.source_start)}", style="dim")
        sim = Text(f"{r.similarity:.0%}\n")
        sim.append(_METHOD_NAMES.get(r.method, r.method), style="dim")
        table.add_row(str(i), left, right, sim)
    console.print(table)
    console.print(Text("说明：同色为两份材料相同的文字，反白下划线为改动之处（年份、数字、同义替换等）；"
                       "比对前已统一全半角、繁简、空格与不可见字符；标准政治表述与会议主题不计为重复。", style="dim"))


def _rows(a: Document, b: Document, reuse: list[Reuse]) -> list[Reuse]:
    return sorted((r for r in reuse if r.doc == a.id and r.source == b.id), key=lambda r: r.start)


def _kind(b: Document, rows: list[Reuse]) -> str:
    return rows[0].source_kind if rows else (b.kind if b.kind in _KIND_NAMES else "member")


def compare_dict(a: Document, b: Document, reuse: list[Reuse]) -> dict:
    """The comparison for programs (``draftcheck-compare/1``): offsets and places of both sides."""
    from analyzer.load.common import display_path

    rows = _rows(a, b, reuse)
    fig = pair_figures(a, b, rows)

    def side(doc: Document, start: int, end: int) -> dict:
        return {"start": start, "end": end, "where": str(locate(doc, start)), "text": doc.text[start:end]}

    return {
        "schema": "draftcheck-compare/1",
        "tool": {"name": "draftcheck", "version": __version__},
        "a": {"id": a.id, "path": display_path(a.path), "text_length": len(a.text)},
        "b": {"id": b.id, "path": display_path(b.path), "text_length": len(b.text), "kind": _kind(b, rows)},
        "figures": {"passages": fig.passages, "ratio_a": fig.ratio_a, "ratio_b": fig.ratio_b,
                    "longest": fig.longest},
        "passages": [{"a": side(a, r.start, r.end), "b": side(b, r.source_start, r.source_end),
                      "similarity": round(float(r.similarity), 4), "method": r.method} for r in rows],
    }


def compare_json(a: Document, b: Document, reuse: list[Reuse]) -> str:
    return json.dumps(compare_dict(a, b, reuse), ensure_ascii=False, indent=2) + "\n"


def compare_html(a: Document, b: Document, reuse: list[Reuse]) -> str:
    """One self-contained page: the figures, then every passage with both sides aligned."""
    from .html import context_around, diff_pair, environment

    rows = _rows(a, b, reuse)
    fig = pair_figures(a, b, rows)
    pairs = []
    for r in rows:
        left, right = diff_pair(a.text[r.start:r.end], b.text[r.source_start:r.source_end])
        lb, la = context_around(a.text, r.start, r.end)
        rb, ra = context_around(b.text, r.source_start, r.source_end)
        pairs.append({"where": str(locate(a, r.start)), "source_where": str(locate(b, r.source_start)),
                      "similarity": percent(r.similarity), "chars": r.end - r.start,
                      "method": _METHOD_NAMES.get(r.method, r.method), "left": left, "right": right,
                      "left_before": lb, "left_after": la, "right_before": rb, "right_after": ra})
    return environment().get_template("compare.html.j2").render(
        version=__version__, a=a, b=b, kind=_KIND_NAMES.get(_kind(b, rows), ""), pairs=pairs,
        figures=[("重复段落", f"{fig.passages}处"), (f"{a.id} 中占比", percent(fig.ratio_a)),
                 (f"{b.id} 中占比", percent(fig.ratio_b)), ("最长一段", f"{fig.longest}字")])
