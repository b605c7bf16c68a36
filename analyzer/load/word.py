"""Word (.docx / .docm / .dotx / .dotm) loading.

Text: what Word shows, in reading order (see :mod:`analyzer.load.word_body`: tables, content
controls, alternate content, text boxes once, hidden text left out; ``w:altChunk`` parts read by
:mod:`analyzer.load.webpage` or as plain text or a nested .docx). **Empty (or
whitespace-only) lines are dropped**; the remaining lines are joined with ``\\n`` and the text ends
with ``\\n`` (each paragraph is terminated by a newline, as in a text file and the corpus's
canonical text). Headers, footers, footnotes and comments are not part of the draft's text.
Word's automatic list numbers (``一、`` ``（一）`` drawn from numbering.xml) are **not** put into the
text: they are ``list_labels`` of the Document (:mod:`analyzer.load.word_numbering`).

Safety: the zip directory is checked before anything is decompressed (total size, per-member
compression ratio, member count: zip bombs are refused; two entries of one name, which the format
forbids and readers resolve differently, are refused too); XML is parsed by python-docx's lxml
parser, which neither resolves entities nor touches the network; external relationships
(linked images, remote templates, hyperlinks) are recorded as targets only and never fetched.
A ``.docm`` (macro-enabled) file or a template (``.dotx``/``.dotm``) is read like a ``.docx``: its
macros are data we never run (``metadata["has_macros"]`` says whether a VBA project is present).

Metadata (``Document.metadata``): creator, last_modified_by, created, modified (ISO 8601),
revision, from the core properties read by python-docx (only when the file has a core part:
python-docx would otherwise invent defaults); company, template, application, app_version,
total_time (minutes) from docProps/app.xml; rsid_root, rsids (sorted) from word/settings.xml;
wps_build (``KSOProductBuildVer``) from docProps/custom.xml; unread_chunks (embedded parts of a
format draftcheck cannot read, e.g. RTF). Missing values are left out.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from analyzer.errors import InputError
from analyzer.load.common import (MAX_FILE_BYTES, MAX_ZIP_MEMBERS, MAX_ZIP_RATIO,
                                  MAX_ZIP_UNCOMPRESSED, ZIP_RATIO_FLOOR, build_paragraphs,
                                  fold_newlines, size_text)
from analyzer.load.webpage import html_lines, is_mht, mht_lines
from analyzer.load.word_body import BodyReader
from analyzer.load.word_numbering import Numbering, Styles
from analyzer.model import ListLabel, TableGrid

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
RT_APP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
RT_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
RT_SETTINGS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings"
RT_VBA = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
RT_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# An altChunk holding a .docx holds its own altChunks: nesting deeper than this is not followed.
MAX_CHUNK_DEPTH = 3

CORRUPT_FIX = "请用 Word/WPS 打开确认能正常显示，再“另存为”.docx 后重试"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def check_zip(path, shown: str) -> list[str]:
    """Refuse broken archives, zip bombs and repeated part names from the directory alone (``path``
    a file name or a binary file object); return member names."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError, NotImplementedError):
        raise InputError(shown, "Word 文件已损坏或不完整（无法作为 .docx 打开）", CORRUPT_FIX) from None
    if len(infos) > MAX_ZIP_MEMBERS:
        raise InputError(shown, f"Word 文件内部条目过多（{len(infos)} 个），疑似恶意构造的压缩包",
                         "请确认文件来源，必要时在 Word/WPS 中另存为新文件")
    total = 0
    for info in infos:
        total += info.file_size
        if total > MAX_ZIP_UNCOMPRESSED:
            raise InputError(shown, f"Word 文件解压后超过 {size_text(MAX_ZIP_UNCOMPRESSED)} 的上限，"
                             "疑似压缩炸弹", "请确认文件来源；正常的对照检查材料远小于此")
        if info.file_size > ZIP_RATIO_FLOOR:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_ZIP_RATIO:
                raise InputError(shown, f"Word 文件内部压缩比异常（{ratio:.0f} 倍），疑似压缩炸弹",
                                 "请确认文件来源，必要时在 Word/WPS 中另存为新文件")
    seen: set[str] = set()
    for info in infos:
        key = info.filename.lstrip("/").casefold()  # part names are case-insensitive (OPC §9.1.1.1)
        if key in seen:
            raise InputError(shown, f"Word 文件内部有两个同名部件 {info.filename}，不符合 Word 文件格式"
                             "（可能被改动过，不同软件会读出不同内容）",
                             "请用 Word/WPS 打开确认内容后“另存为”新的 .docx 再检查")
        seen.add(key)
    return [i.filename for i in infos]


def _xml(part):
    from docx.oxml.parser import parse_xml

    element = getattr(part, "_element", None)
    if element is not None:
        return element
    return parse_xml(part.blob)


def _rel_part(source, reltype: str):
    for rel in source.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return rel.target_part
    return None


def _iso(value) -> str | None:
    if value is None:
        return None
    try:
        return value.isoformat()
    except AttributeError:
        return str(value)


def _first_text(root, tag: str) -> str | None:
    for el in root.iter(tag):
        if el.text and el.text.strip():
            return el.text.strip()
    return None


def _metadata(package, main_part, names: list[str]) -> dict:
    meta: dict = {}
    if _rel_part(package, RT_CORE) is not None:
        cp = package.core_properties
        for key, value in (("creator", cp.author), ("last_modified_by", cp.last_modified_by),
                           ("created", _iso(cp.created)), ("modified", _iso(cp.modified)),
                           ("title", cp.title)):
            if value:
                meta[key] = value
        try:
            if cp.revision:
                meta["revision"] = cp.revision
        except (ValueError, TypeError):
            pass
    app = _rel_part(package, RT_APP)
    if app is not None:
        root = _xml(app)
        for key, tag in (("company", "Company"), ("template", "Template"),
                         ("application", "Application"), ("app_version", "AppVersion")):
            value = _first_text(root, f"{{{EP}}}{tag}")
            if value:
                meta[key] = value
        total = _first_text(root, f"{{{EP}}}TotalTime")
        if total is not None:
            try:
                meta["total_time"] = int(total)
            except ValueError:
                pass
    settings = _rel_part(main_part, RT_SETTINGS)
    if settings is not None:
        root = _xml(settings)
        rsids = root.find(_w("rsids"))
        if rsids is not None:
            root_el = rsids.find(_w("rsidRoot"))
            if root_el is not None and root_el.get(_w("val")):
                meta["rsid_root"] = root_el.get(_w("val")).upper()
            meta["rsids"] = sorted({el.get(_w("val")).upper() for el in rsids.findall(_w("rsid"))
                                    if el.get(_w("val"))})
    custom = _rel_part(package, RT_CUSTOM)
    if custom is not None:
        root = _xml(custom)
        for prop in root.iter(f"{{{CUSTOM}}}property"):
            if prop.get("name") == "KSOProductBuildVer":
                value = "".join(prop.itertext()).strip()
                if value:
                    meta["wps_build"] = value
    meta["has_macros"] = _rel_part(main_part, RT_VBA) is not None or any(
        n.lower().endswith("vbaproject.bin") for n in names)
    external = sorted({rel.target_ref for src in (package, main_part) for rel in src.rels.values()
                       if rel.is_external and rel.reltype != _HYPERLINK})
    if external:
        meta["external_targets"] = external
    return meta


_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


class _Chunks:
    """Reads ``w:altChunk`` parts: the lines Word renders in their place."""

    def __init__(self, part, shown: str, depth: int, unread: list[str]):
        self.part, self.shown, self.depth, self.unread = part, shown, depth, unread

    def __call__(self, el) -> list[str]:
        rel = self.part.rels.get(el.get(R_ID))
        if rel is None or rel.is_external:
            return []
        target = rel.target_part
        blob, kind = target.blob, (target.content_type or "").lower()
        name = str(target.partname).lower()
        if is_mht(blob) or kind in ("message/rfc822", "multipart/related") or name.endswith((".mht", ".mhtml")):
            return mht_lines(blob, self.shown)
        if "html" in kind or name.endswith((".htm", ".html", ".xhtml")):
            return html_lines(blob, self.shown)
        if kind == "text/plain" or name.endswith(".txt"):
            from analyzer.load.text import decode_text

            return fold_newlines(decode_text(blob, self.shown)[0]).split("\n")
        if "wordprocessingml" in kind or "macroenabled" in kind or name.endswith((".docx", ".docm")):
            if self.depth < MAX_CHUNK_DEPTH:
                from docx.opc.package import OpcPackage

                check_zip(io.BytesIO(blob), self.shown)
                package = OpcPackage.open(io.BytesIO(blob))
                return read_body(package.main_document_part, self.shown, self.depth + 1, self.unread).lines
        self.unread.append(name.rsplit("/", 1)[-1])
        return []


def read_body(main_part, shown: str, depth: int = 0, unread: list[str] | None = None) -> BodyReader:
    """The body of a main document part read: its lines (blank lines included), the list labels
    by line and the tables' grids by line."""
    root = _xml(main_part)
    body = root.find(_w("body"))
    if body is None:
        raise InputError(shown, "Word 文件缺少正文部分，已损坏", CORRUPT_FIX)
    styles_part = _rel_part(main_part, RT_STYLES)
    styles = Styles(_xml(styles_part) if styles_part is not None else None)
    numbering_part = _rel_part(main_part, RT_NUMBERING)
    numbering = Numbering(_xml(numbering_part) if numbering_part is not None else None, styles)
    reader = BodyReader(styles, numbering, _Chunks(main_part, shown, depth, unread if unread is not None else []))
    reader.blocks(body)
    return reader


def _kept(reader: BodyReader) -> tuple[list[str], list[ListLabel], list[TableGrid]]:
    """Drop blank lines; give each label the index of its paragraph among the kept ones, and each
    table cell the range of kept paragraphs it holds."""
    index: list[int] = []        # line → number of kept lines before it
    kept: list[str] = []
    for line in reader.lines:
        index.append(len(kept))
        if line.strip():
            kept.append(line)
    index.append(len(kept))
    out = []
    for i, label in reader.labels:
        label.paragraph = index[i]
        out.append(label)
    tables = [TableGrid(rows=[[(col, index[a], index[b]) for col, a, b in row] for row in rows])
              for rows in reader.tables if rows]
    return kept, out, tables


def load_docx(path: Path, shown: str) -> dict:
    """Load a .docx/.docm/.dotx/.dotm file; returns the fields of a Document."""
    from docx.opc.package import OpcPackage

    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputError(shown, f"文件超过 {size_text(MAX_FILE_BYTES)} 的大小上限",
                         "请删除文中图片后另存，或提供 .txt 文本")
    names = check_zip(path, shown)
    if "word/document.xml" not in names and not any(n.endswith(".xml") and n.startswith("word/")
                                                    for n in names):
        raise InputError(shown, "文件是 ZIP 压缩包，但不是 Word 文档", "请确认选对了文件，或提供 .docx/.txt")
    unread: list[str] = []
    try:
        package = OpcPackage.open(str(path))
        main_part = package.main_document_part
        reader = read_body(main_part, shown, 0, unread)
        meta = _metadata(package, main_part, names)
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - any parser failure on hostile input is "corrupt"
        raise InputError(shown, "Word 文件已损坏或格式不正确，无法读取", CORRUPT_FIX) from None
    if unread:
        meta["unread_chunks"] = unread
    paragraphs, list_labels, tables = _kept(reader)
    text, spans = build_paragraphs(paragraphs)
    return {"text": text, "paragraphs": spans, "metadata": meta, "list_labels": list_labels, "tables": tables}
