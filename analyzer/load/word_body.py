"""The body of a Word document read as Word shows it: its lines, in reading order.

Block items, in document order: paragraphs; tables row by row, cell by cell (a merged cell once, at
its first grid position; nested tables inside their cell; rows and cells wrapped in content
controls, ``w:customXml`` or alternate content included); content controls (``w:sdt``) opened;
block-level alternate content (``mc:AlternateContent``) read once, from the branch Word would use
(the first ``mc:Choice`` whose required namespaces are ones draftcheck reads, else ``mc:Fallback``);
``w:altChunk`` parts (HTML, MHT, plain text or a nested .docx that Word renders in place) through
the caller's chunk reader.

Inside a paragraph: ``w:t`` text, tracked insertions included and deletions excluded, ``w:tab`` →
``\\t``, a line break (``w:br`` without a page/column type, ``w:cr``) → ``\\n`` (a soft line break
starts a new line), non-breaking hyphen → ``-``. Hidden text (``w:vanish`` on the run, its
character style, its paragraph style or the document defaults; a direct ``w:val="0"`` shows it
again) is left out. Text boxes — ``wps:txbx`` (DrawingML) or ``v:textbox`` (VML), the two copies
Word writes as choice and fallback of one alternate content, or a VML box alone — are read once,
where they are anchored: the paragraph's text before the anchor, the box's paragraphs, the rest.

Each paragraph is counted by :class:`~analyzer.load.word_numbering.Numbering`; the label Word
draws is attached to the paragraph's first non-blank line of its own text.
"""
from __future__ import annotations

from typing import Callable

from analyzer.load.word_numbering import Numbering, Styles, toggle
from analyzer.model import ListLabel

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# Namespaces whose markup draftcheck reads (an mc:Choice requiring only these is taken).
UNDERSTOOD = {
    W,
    "http://schemas.microsoft.com/office/word/2010/wordml",                   # w14
    "http://schemas.microsoft.com/office/word/2012/wordml",                   # w15
    "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",      # wps
    "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",      # wpg
    "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",     # wpc
    "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",    # wp14
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",  # wp
    "http://schemas.openxmlformats.org/drawingml/2006/main",                  # a
    "http://schemas.microsoft.com/office/drawing/2010/main",                  # a14
    "urn:schemas-microsoft-com:vml",                                          # v
    "urn:schemas-microsoft-com:office:office",                                # o
    "urn:schemas-microsoft-com:office:word",                                  # w10
}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_P, _TBL, _TR, _TC, _SDT, _SDTCONTENT = (_w(t) for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
_T, _TAB, _BR, _CR, _NBH, _R, _PPR, _RPR, _TXBX = (
    _w(t) for t in ("t", "tab", "br", "cr", "noBreakHyphen", "r", "pPr", "rPr", "txbxContent"))
_ALTCHUNK, _VANISH, _VAL = _w("altChunk"), _w("vanish"), _w("val")
_AC, _CHOICE, _FALLBACK = (f"{{{MC}}}{t}" for t in ("AlternateContent", "Choice", "Fallback"))
_SKIP_IN_PARA = {_w("del"), _w("moveFrom"), _PPR, _RPR}
_WRAPPERS = {_w("customXml"), _w("ins"), _w("smartTag"), _w("moveTo")}


def chosen_branch(ac):
    """The branch of an ``mc:AlternateContent`` Word uses: first readable Choice, else Fallback."""
    for choice in ac.findall(_CHOICE):
        prefixes = (choice.get("Requires") or "").split()
        if all(choice.nsmap.get(p) in UNDERSTOOD for p in prefixes):
            return choice
    return ac.find(_FALLBACK)


def _style_of(props, tag: str) -> str | None:
    el = props.find(_w(tag)) if props is not None else None
    return None if el is None else el.get(_VAL)


class BodyReader:
    """Collects the lines of a body (``lines``) and the list labels of their paragraphs (``labels``:
    (line index, label)); blank lines are kept here, the caller drops them."""

    def __init__(self, styles: Styles | None = None, numbering: Numbering | None = None,
                 chunk_lines: Callable[[object], list[str]] | None = None):
        self.styles = styles or Styles()
        self.numbering = numbering or Numbering(styles=self.styles)
        self.chunk_lines = chunk_lines
        self.lines: list[str] = []
        self.labels: list[tuple[int, ListLabel]] = []
        # the tables' grids: per table, per row, the cells as (grid column, first line, end line)
        self.tables: list[list[list[tuple[int, int, int]]]] = []

    # ---- blocks ------------------------------------------------------------------------------

    def blocks(self, container) -> None:
        for child in container:
            tag = child.tag
            if tag == _P:
                self.paragraph(child)
            elif tag == _TBL:
                self.table(child)
            elif tag == _SDT:
                content = child.find(_SDTCONTENT)
                if content is not None:
                    self.blocks(content)
            elif tag in _WRAPPERS:
                self.blocks(child)
            elif tag == _AC:
                branch = chosen_branch(child)
                if branch is not None:
                    self.blocks(branch)
            elif tag == _ALTCHUNK and self.chunk_lines is not None:
                self.lines.extend(self.chunk_lines(child))

    def table(self, tbl) -> None:
        rows: list[list[tuple[int, int, int]]] = []
        for tr in _wrapped(tbl, _TR):
            row: list[tuple[int, int, int]] = []
            col = 0
            for tc in _wrapped(tr, _TC):
                if not _continuation(tc):
                    first = len(self.lines)
                    self.blocks(tc)
                    row.append((col, first, len(self.lines)))
                col += _grid_span(tc)
            rows.append(row)
        self.tables.append(rows)

    # ---- paragraphs --------------------------------------------------------------------------

    def paragraph(self, p) -> None:
        ppr = p.find(_PPR)
        pstyle = _style_of(ppr, "pStyle")
        para = _Para(pstyle, self.numbering.label(ppr, pstyle))
        buf: list[str] = []
        self._inline(p, buf, para)
        self._own(buf, para)

    def _own(self, buf: list[str], para: "_Para") -> None:
        """Emit the paragraph's own text gathered so far (before a text box, or at its end)."""
        text = "".join(buf)
        buf.clear()
        for line in text.split("\n"):
            if para.label is not None and line.strip():
                self.labels.append((len(self.lines), para.label))
                para.label = None
            self.lines.append(line)

    def _hidden(self, run, para: "_Para") -> bool:
        rpr = run.find(_RPR)
        hidden = toggle(rpr.find(_VANISH)) if rpr is not None else None
        if hidden is None:
            hidden = self.styles.hidden(_style_of(rpr, "rStyle"))
        if hidden is None:
            hidden = self.styles.hidden(para.style or self.styles.default_paragraph)
        return self.styles.default_hidden if hidden is None else hidden

    def _inline(self, el, buf: list[str], para: "_Para") -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP_IN_PARA:
                continue
            if tag == _R:
                if not self._hidden(child, para):
                    self._inline(child, buf, para)
            elif tag == _T:
                buf.append(child.text or "")
            elif tag == _TAB:
                buf.append("\t")
            elif tag == _BR:
                if child.get(_w("type")) in (None, "textWrapping"):
                    buf.append("\n")
            elif tag == _CR:
                buf.append("\n")
            elif tag == _NBH:
                buf.append("-")
            elif tag == _TXBX:
                self._own(buf, para)
                self.blocks(child)
            elif tag == _AC:
                branch = chosen_branch(child)
                if branch is not None:
                    self._inline(branch, buf, para)
            elif tag in (_P, _TBL):
                continue  # block content inside a paragraph only occurs in a text box (read above)
            else:
                self._inline(child, buf, para)


class _Para:
    __slots__ = ("style", "label")

    def __init__(self, style: str | None, label: ListLabel | None):
        self.style = style
        self.label = label


def _wrapped(parent, tag: str):
    """Children ``tag`` of ``parent``, also those inside content controls and other wrappers."""
    for child in parent:
        ctag = child.tag
        if ctag == tag:
            yield child
        elif ctag == _SDT:
            content = child.find(_SDTCONTENT)
            if content is not None:
                yield from _wrapped(content, tag)
        elif ctag in _WRAPPERS:
            yield from _wrapped(child, tag)
        elif ctag == _AC:
            branch = chosen_branch(child)
            if branch is not None:
                yield from _wrapped(branch, tag)


def _grid_span(tc) -> int:
    """How many grid columns a cell spans (w:gridSpan, 1 when absent or unreadable)."""
    tcpr = tc.find(_w("tcPr"))
    span = tcpr.find(_w("gridSpan")) if tcpr is not None else None
    try:
        return max(1, int(span.get(_VAL))) if span is not None else 1
    except (TypeError, ValueError):
        return 1


def _continuation(tc) -> bool:
    """A cell continuing a merge (read with the cell it continues)."""
    tcpr = tc.find(_w("tcPr"))
    if tcpr is None:
        return False
    for tag in ("vMerge", "hMerge"):
        merge = tcpr.find(_w(tag))
        if merge is not None and merge.get(_VAL) in (None, "continue"):
            return True
    return False
