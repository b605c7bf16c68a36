"""Paragraphs of an HTML or MHT (“单个网页”) document, as Word shows them when it opens one.

Used for the ``w:altChunk`` parts of a .docx (OA systems and web editors embed a whole draft as
HTML this way; Word renders it as ordinary paragraphs), and for a web page saved under a Word
extension (``材料.doc`` that is really HTML or MHT, as many OA systems' “导出 Word” write it and
as Word itself opens it). The HTML is parsed by lxml's HTML parser
(no network, no entities fetched). Block elements (``p``, ``div``, ``h1``–``h6``, ``li``, table
cells …) are paragraphs, ``br`` a line break; ``head``, ``script``, ``style``, Office ``xml``
islands and comments are not text; elements Word hides (``display:none``, ``mso-hide:all``,
``visibility:hidden``, the ``hidden`` attribute) are left out. White space collapses as a browser
collapses it, and a line break in the source between two Chinese characters disappears (CSS Text
§4.1.2), so a draft wrapped at 80 columns reads as one sentence.

Encodings: a byte-order mark, then the charset the MIME part or ``<meta>`` declares, then the
plain-text detection of :func:`analyzer.load.text.decode_text`.
"""
from __future__ import annotations

import email
import email.policy
import re

from analyzer.load.text import decode_text

_BLOCK = {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "div", "dl",
          "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
          "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody",
          "td", "tfoot", "th", "thead", "tr", "ul"}
_SKIP = {"head", "script", "style", "title", "template", "noscript", "xml", "object", "iframe", "select"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|mso-hide\s*:\s*all|visibility\s*:\s*hidden", re.I)
_BREAK = "\ue000"   # a line break (br) while white space is collapsed
_CJK = "\u2e80-\u303f\u3040-\u9fff\uf900-\ufaff\uff00-\uffef"
_SEGMENT_BREAK_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\f]*[\r\n]+[ \t\r\n\f]*(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\r\n\f]+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030"}
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|\?xml[^>]*\?>\s*<html)", re.I | re.S)


def _decode(data: bytes, declared: str | None, shown: str) -> str:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec, "replace")
    if not declared:
        m = _META_CHARSET.search(data[:4096])
        declared = m.group(1).decode("ascii") if m else None
    if declared:
        codec = _ALIASES.get(declared.lower(), declared.lower())
        try:
            return data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data, shown)[0]


class _Lines:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self._buf: list[str] = []

    def text(self, s: str, pre: bool) -> None:
        self._buf.append(s.replace("\r\n", "\n").replace("\n", _BREAK) if pre else s)

    def line_break(self) -> None:
        self._buf.append(_BREAK)

    def block(self) -> None:
        raw = "".join(self._buf)
        self._buf = []
        if not raw:
            return
        collapsed = _SPACES.sub(" ", _SEGMENT_BREAK_CJK.sub("", raw))
        self.lines.extend(part.strip(" ") for part in collapsed.split(_BREAK))


def _hidden(el) -> bool:
    return el.get("hidden") is not None or bool(_HIDDEN_STYLE.search(el.get("style") or ""))


def _walk(el, out: _Lines, pre: bool) -> None:
    tag = el.tag
    if isinstance(tag, str):
        # prefixed tags (o:p, v:shape, st1:place) are Office inline markup, not HTML blocks
        name = "" if ":" in tag else tag.lower()
        if name not in _SKIP and not _hidden(el):
            block = name in _BLOCK
            if block:
                out.block()
            if name == "br":
                out.line_break()
            inner_pre = pre or name in ("pre", "textarea", "plaintext")
            if el.text:
                out.text(el.text, inner_pre)
            for child in el:
                _walk(child, out, inner_pre)
            if block:
                out.block()
    if el.tail:
        out.text(el.tail, pre)


def html_lines(data: bytes, shown: str, charset: str | None = None) -> list[str]:
    """The paragraphs (lines) of an HTML document; blank ones included (the caller drops them)."""
    from lxml import html as lxml_html

    from lxml import etree

    text = _XML_DECL.sub("", _decode(data, charset, shown), count=1)
    if not text.strip():
        return []
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError):  # nothing but comments or markup debris
        return []
    out = _Lines()
    _walk(root, out, False)
    out.block()
    return out.lines


def mht_lines(data: bytes, shown: str) -> list[str]:
    """The paragraphs of an MHT (MIME HTML, Word's “单个网页”): its first HTML part."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() in ("text/html", "application/xhtml+xml"):
            payload = part.get_payload(decode=True) or b""
            return html_lines(payload, shown, part.get_content_charset())
    return []


def is_mht(data: bytes) -> bool:
    """MIME headers before any markup: an MHT, whatever its extension or declared type says."""
    head = data[:2048].lstrip().lower()
    return not head.startswith(b"<") and (b"mime-version:" in head or b"content-type: multipart/" in head)


def is_webpage(head: bytes) -> bool:
    """An HTML page or an MHT, from the first bytes of a file (after a UTF-8 byte-order mark)."""
    head = head.removeprefix(b"\xef\xbb\xbf")
    return is_mht(head) or bool(_HTML_START.match(head[:2048]))


def load_webpage(path, shown: str) -> dict:
    """Load a web page saved under a Word extension; returns the fields of a Document."""
    from analyzer.load.common import MAX_FILE_BYTES, build_paragraphs, read_bytes

    data = read_bytes(path, shown, MAX_FILE_BYTES)
    mht = is_mht(data)
    lines = mht_lines(data, shown) if mht else html_lines(data, shown)
    text, spans = build_paragraphs([line for line in lines if line.strip()])
    return {"text": text, "paragraphs": spans, "metadata": {"saved_as": "mht" if mht else "html"}}
