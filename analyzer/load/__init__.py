"""Loading drafts: one file → :class:`~analyzer.model.Document`, one directory → file list.

``load_document`` decides the format from the file's first bytes *and* its extension:

* the bytes win for real document containers: a Word file renamed ``.txt`` is read as Word, a
  PDF renamed ``.docx`` as PDF (``metadata["extension_mismatch"]`` is then set);
* a .doc/.wps that is really a web page (HTML or MHT) is read as Word shows it
  (:mod:`analyzer.load.webpage`);
* an old-format Office file (OLE) is converted by LibreOffice when its extension is
  ``.doc``/``.wps``, or when it is not encrypted and LibreOffice is installed; an encrypted
  Office file (OLE holding ``EncryptionInfo``) or, without LibreOffice, an old .doc under another
  extension is refused ("文件已加密" / "文件已加密或为旧版 Word 格式");
* images, archives, programs and other binary content are refused whatever the extension;
* text extensions (.txt, .md) are decoded as described in :mod:`analyzer.load.text`.

Every failure is an :class:`~analyzer.errors.InputError` whose message is one Chinese line
naming the file, the problem and the fix. Inputs are only ever opened for reading.
See :mod:`analyzer.load.word` for how .docx text is extracted (empty paragraphs dropped).
"""
from __future__ import annotations

import os
from pathlib import Path

from analyzer.errors import InputError
from analyzer.load.common import MAX_TEXT_CHARS, display_path
from analyzer.load.discover import DRAFT_EXTENSIONS, discover
from analyzer.load.sniff import ole_is_encrypted, sniff
from analyzer.model import Document

__all__ = ["load_document", "discover", "display_path", "DRAFT_EXTENSIONS"]

TEXT_EXTS = {".txt", ".md"}
WORD_EXTS = {".docx", ".docm", ".dotx", ".dotm"}
LEGACY_EXTS = {".doc", ".wps"}
KINDS = ("member", "team", "history", "template")


def _head(path: Path, shown: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(4096)
    except PermissionError:
        raise InputError(shown, "没有读取权限", "请检查文件权限后重试") from None
    except OSError as exc:
        raise InputError(shown, f"无法读取文件（{exc.strerror or '读取错误'}）",
                         "请确认文件完好后重试") from None


def _ole_error(path: Path, shown: str) -> InputError:
    try:
        with open(path, "rb") as fh:
            data = fh.read(4 * 1024 * 1024)
    except OSError:
        data = b""
    if ole_is_encrypted(data):
        return InputError(shown, "文件已加密（设置了打开密码），无法读取",
                          "请在 Word/WPS 中输入密码打开，取消密码后另存为 .docx 再检查")
    return InputError(shown, "文件已加密或为旧版 Word 格式（.doc），无法按 .docx 读取",
                      "请在 Word/WPS 中打开，取消密码（如有）后“另存为”.docx 再检查")


def _dispatch(path: Path, shown: str) -> tuple[str, dict]:
    from analyzer.load.legacy import find_office, load_legacy
    from analyzer.load.pdf import load_pdf
    from analyzer.load.text import load_text, refuse_binary
    from analyzer.load.webpage import is_webpage, load_webpage
    from analyzer.load.word import load_docx

    ext = path.suffix.lower()
    head = _head(path, shown)
    if not head:
        raise InputError(shown, "文件为空", "请确认文件已保存完整后重试")
    kind = sniff(head)
    expected = {".pdf": "PDF 文件", ".txt": "文本文件", ".md": "文本文件"}.get(ext, "Word 文档")
    if kind == "zip":
        return "docx", load_docx(path, shown)
    if kind == "pdf":
        return "pdf", load_pdf(path, shown)
    if kind == "ole":
        if ext in LEGACY_EXTS:
            return ext[1:], load_legacy(path, shown)
        error = _ole_error(path, shown)
        if "旧版" in error.problem and find_office() is not None:
            # an old .doc renamed .docx/.txt: LibreOffice reads it
            return "doc", load_legacy(path, shown)
        raise error
    if kind is None and ext in LEGACY_EXTS and is_webpage(head):
        # a web page saved as .doc (OA systems' “导出 Word”, Word's “单个网页”): Word opens it
        return ext[1:], load_webpage(path, shown)
    if kind == "rtf" and ext in LEGACY_EXTS:
        # Word and WPS often save .doc files that are really RTF; LibreOffice reads them.
        return ext[1:], load_legacy(path, shown)
    if kind is not None:
        raise refuse_binary(kind, shown, expected)
    if ext in WORD_EXTS:
        raise InputError(shown, "文件扩展名是 ." + ext[1:] + "，但内容不是 Word 文档（可能已损坏或被改了扩展名）",
                         "请用 Word/WPS 打开后另存为 .docx，或提供 .txt 文本")
    if ext == ".pdf":
        raise InputError(shown, "文件扩展名是 .pdf，但内容不是 PDF（可能已损坏）", "请重新导出 PDF 或提供 Word 原文件")
    if ext in LEGACY_EXTS:
        raise InputError(shown, f"文件扩展名是 {ext}，但内容不是 Word/WPS 文档（可能已损坏）",
                         "请在 Word/WPS 中打开后另存为 .docx")
    fmt = "md" if ext == ".md" else "txt"
    return fmt, load_text(path, shown)


def load_document(path, *, kind: str = "member", doc_id: str | None = None) -> Document:
    """Load one draft. ``path`` is kept as given in ``Document.path``; id defaults to the stem
    (made printable when the file name is not valid UTF-8, see :func:`display_path`).

    Raises :class:`InputError` (one Chinese line: file, problem, fix) for anything unreadable.
    """
    shown = display_path(path)
    if kind not in KINDS:
        raise ValueError(f"unknown document kind {kind!r}")
    p = Path(path)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        if os.path.islink(p):
            raise InputError(shown, "是失效的快捷方式（链接指向的文件不存在）", "请提供原文件") from None
        raise InputError(shown, "文件不存在", "请检查文件名和路径") from None
    except PermissionError:
        raise InputError(shown, "没有读取权限", "请检查文件权限后重试") from None
    except OSError as exc:
        raise InputError(shown, f"无法读取文件（{exc.strerror or '读取错误'}）", "请检查路径后重试") from None
    except ValueError:  # e.g. a NUL byte in the name
        raise InputError(shown.replace("\x00", "\\0"), "文件名无效", "请检查文件名") from None
    if p.is_dir():
        raise InputError(shown, "是文件夹而不是文件", "检查整个文件夹请用 draftcheck batch")
    if not p.is_file():
        raise InputError(shown, "不是普通文件", "请提供 .docx、.txt 或 .pdf 文件")
    if st.st_size == 0:
        raise InputError(shown, "文件为空", "请确认文件已保存完整后重试")
    fmt, fields = _dispatch(p, shown)
    text = fields["text"]
    if not text.strip():
        raise InputError(shown, "文件为空（没有任何文字）", "请确认选对了文件，且文字不是以图片形式插入的")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(shown, f"文字量过大（{len(text)} 字，上限 {MAX_TEXT_CHARS} 字），不像是一份对照检查材料", "请确认选对了文件，或把合订本拆成每人一份")
    metadata = fields["metadata"]
    ext = p.suffix.lower().lstrip(".")
    if ext and ext != fmt and not (fmt == "docx" and f".{ext}" in WORD_EXTS):
        metadata["extension_mismatch"] = ext
    if ext in ("docm", "dotm"):
        metadata["macro_enabled_format"] = True
    if shown != str(path):
        metadata["display_path"] = shown  # Document.path keeps the real (openable) path
    return Document(id=doc_id or display_path(p.stem), path=str(path), text=text, format=fmt, kind=kind,
                    paragraphs=fields["paragraphs"], metadata=metadata,
                    list_labels=fields.get("list_labels", []), tables=fields.get("tables", []))
