"""PDF loading through its text layer (pypdf). No OCR: a scanned PDF is refused.

Pages are read in order; each page's text is split into lines (``\\r\\n`` folded); blank lines
are dropped and the rest joined with ``\\n`` — as for .docx, each line is a paragraph span
(PDF keeps no paragraph structure, only lines).
"""
from __future__ import annotations

import logging
import warnings
from pathlib import Path

from analyzer.errors import InputError
from analyzer.load.common import (MAX_FILE_BYTES, MAX_TEXT_CHARS, build_paragraphs,
                                  fold_newlines, size_text)

MAX_PDF_PAGES = 300
SCANNED_FIX = "请提供 Word 原文件，或先用 WPS/Acrobat 做文字识别（OCR）后另存为 Word 再检查"


def load_pdf(path: Path, shown: str) -> dict:
    from pypdf import PdfReader

    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputError(shown, f"文件超过 {size_text(MAX_FILE_BYTES)} 的大小上限", "请提供 Word 原文件")
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with open(path, "rb") as fh:
                reader = PdfReader(fh, strict=False)
                if reader.is_encrypted:
                    try:
                        ok = reader.decrypt("")
                    except Exception:  # noqa: BLE001
                        ok = 0
                    if not ok:
                        raise InputError(shown, "PDF 文件已加密，无法读取文字",
                                         "请提供未加密的文件或 Word 原文件")
                if len(reader.pages) > MAX_PDF_PAGES:
                    raise InputError(shown, f"PDF 有 {len(reader.pages)} 页，超过 {MAX_PDF_PAGES} 页的上限",
                                     "对照检查材料通常只有十几页，请确认选对了文件")
                pages: list[str] = []
                total = 0
                for page in reader.pages:
                    page_text = page.extract_text() or ""
                    total += len(page_text)
                    if total > MAX_TEXT_CHARS:
                        raise InputError(shown, "PDF 文字量过大，不像是一份对照检查材料",
                                         "请确认选对了文件")
                    pages.append(page_text)
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - any pypdf failure on hostile input means "broken"
        raise InputError(shown, "PDF 文件已损坏或格式不正确，无法读取",
                         "请重新导出 PDF，或直接提供 Word 原文件") from None
    lines = [line for page_text in pages for line in fold_newlines(page_text).split("\n")
             if line.strip()]
    if not lines:
        raise InputError(shown, "PDF 是扫描图片，没有可提取的文字", SCANNED_FIX)
    text, spans = build_paragraphs(lines)
    return {"text": text, "paragraphs": spans, "metadata": {"pages": len(pages)}}
