"""Word (.docx / .docm) loading.

Text: the body's block items in reading order — paragraphs, and tables row by row, cell by
cell (a merged cell is read once, at its first grid position; nested tables are read inside
their cell), content controls (``w:sdt``) opened. Inside a paragraph: ``w:t`` text, tracked
insertions included and tracked deletions excluded, ``w:tab`` → ``\\t``, a line break
(``w:br`` without a page/column type, ``w:cr``) → ``\\n`` (so a soft line break starts a new
paragraph span), non-breaking hyphen → ``-``; text boxes and the ``mc:Fallback`` copy of
alternate content are skipped. **Empty (or whitespace-only) paragraphs are dropped**; the
remaining paragraphs are joined with ``\\n`` and the text ends with ``\\n`` (each paragraph is
terminated by a newline, as in a text file and the corpus's canonical text). Headers, footers,
footnotes and comments are not part of the draft's text.

Safety: the zip directory is checked before anything is decompressed (total size, per-member
compression ratio, member count: zip bombs are refused); XML is parsed by python-docx's lxml
parser, which neither resolves entities nor touches the network; external relationships
(linked images, remote templates, hyperlinks) are recorded as targets only and never fetched.
A ``.docm`` (macro-enabled) file is read like a ``.docx``: its macros are data we never run
(``metadata["has_macros"]`` says whether a VBA project is present).

Metadata (``Document.metadata``): creator, last_modified_by, created, modified (ISO 8601),
revision, from the core properties read by python-docx (only when the file has a core part:
python-docx would otherwise invent defaults); company, template, application, app_version,
total_time (minutes) from docProps/app.xml; rsid_root, rsids (sorted) from word/settings.xml;
wps_build (``KSOProductBuildVer``) from docProps/custom.xml. Missing values are left out.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from analyzer.errors import InputError
from analyzer.load.common import (MAX_FILE_BYTES, MAX_ZIP_MEMBERS, MAX_ZIP_RATIO,
                                  MAX_ZIP_UNCOMPRESSED, ZIP_RATIO_FLOOR, build_paragraphs,
                                  size_text)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
RT_APP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
RT_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
RT_SETTINGS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings"
RT_VBA = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"

CORRUPT_FIX = "请用 Word/WPS 打开确认能正常显示，再“另存为”.docx 后重试"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_P, _TBL, _TR, _TC, _SDT, _SDTCONTENT = (_w(t) for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
_T, _TAB, _BR, _CR, _NBH, _DEL, _MOVEFROM, _PPR, _RPR, _TXBX = (
    _w(t) for t in ("t", "tab", "br", "cr", "noBreakHyphen", "del", "moveFrom", "pPr", "rPr",
                    "txbxContent"))
_DELTEXT = _w("delText")
_SKIP_IN_PARA = {_DEL, _MOVEFROM, _PPR, _RPR, _TXBX, f"{{{MC}}}Fallback"}


def check_zip(path: Path, shown: str) -> list[str]:
    """Refuse broken archives and zip bombs from the directory alone; return member names."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError):
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
    return [i.filename for i in infos]


def _para_text(p) -> str:
    out: list[str] = []

    def walk(el) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP_IN_PARA:
                continue
            if tag == _T:
                out.append(child.text or "")
            elif tag == _TAB:
                out.append("\t")
            elif tag == _BR:
                if child.get(_w("type")) in (None, "textWrapping"):
                    out.append("\n")
            elif tag == _CR:
                out.append("\n")
            elif tag == _NBH:
                out.append("-")
            elif tag in (_P, _TBL):
                # a paragraph nested in a paragraph only occurs in skipped containers
                continue
            else:
                walk(child)

    walk(p)
    return "".join(out)


def _blocks(container, out: list[str]) -> None:
    for child in container:
        tag = child.tag
        if tag == _P:
            out.extend(_para_text(child).split("\n"))
        elif tag == _TBL:
            _table(child, out)
        elif tag == _SDT:
            content = child.find(_SDTCONTENT)
            if content is not None:
                _blocks(content, out)
        elif tag in (_w("customXml"), _w("ins"), _w("smartTag")):
            _blocks(child, out)


def _table(tbl, out: list[str]) -> None:
    """Rows in order; a vertically merged continuation cell is read once (with its top cell)."""
    for tr in tbl.iter(_TR):
        if tr.getparent() is not tbl and not _same_table(tr, tbl):
            continue
        for tc in tr.findall(_TC):
            tcpr = tc.find(_w("tcPr"))
            if tcpr is not None:
                vmerge = tcpr.find(_w("vMerge"))
                if vmerge is not None and vmerge.get(_w("val")) in (None, "continue"):
                    continue
                hmerge = tcpr.find(_w("hMerge"))
                if hmerge is not None and hmerge.get(_w("val")) in (None, "continue"):
                    continue
            _blocks(tc, out)


def _same_table(tr, tbl) -> bool:
    """A row wrapped in w:sdt/w:customXml still belongs to ``tbl`` (not to a nested table)."""
    parent = tr.getparent()
    while parent is not None and parent is not tbl:
        if parent.tag in (_TBL, _TC):
            return False
        parent = parent.getparent()
    return parent is tbl


def _extract(body) -> list[str]:
    lines: list[str] = []
    _blocks(body, lines)
    return [line for line in lines if line.strip()]


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


def load_docx(path: Path, shown: str) -> dict:
    """Load a .docx/.docm file; returns the fields of a Document."""
    from docx.opc.package import OpcPackage

    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputError(shown, f"文件超过 {size_text(MAX_FILE_BYTES)} 的大小上限",
                         "请删除文中图片后另存，或提供 .txt 文本")
    names = check_zip(path, shown)
    if "word/document.xml" not in names and not any(n.endswith(".xml") and n.startswith("word/")
                                                    for n in names):
        raise InputError(shown, "文件是 ZIP 压缩包，但不是 Word 文档", "请确认选对了文件，或提供 .docx/.txt")
    try:
        package = OpcPackage.open(str(path))
        main_part = package.main_document_part
        root = _xml(main_part)
        body = root.find(_w("body"))
        if body is None:
            raise InputError(shown, "Word 文件缺少正文部分，已损坏", CORRUPT_FIX)
        paragraphs = _extract(body)
        meta = _metadata(package, main_part, names)
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - any parser failure on hostile input is "corrupt"
        raise InputError(shown, "Word 文件已损坏或格式不正确，无法读取", CORRUPT_FIX) from None
    text, spans = build_paragraphs(paragraphs)
    return {"text": text, "paragraphs": spans, "metadata": meta}
