"""Limits and helpers shared by the loaders."""
from __future__ import annotations

import os
from pathlib import Path

from analyzer.errors import InputError

MB = 1024 * 1024
# A plain-text draft is a few dozen KB; anything above this is not a 对照检查材料.
MAX_TEXT_BYTES = 1 * MB
# .docx / .pdf / .doc file size on disk.
MAX_FILE_BYTES = 50 * MB
# Zip bomb guards, checked from the zip directory before anything is decompressed.
MAX_ZIP_UNCOMPRESSED = 50 * MB
MAX_ZIP_RATIO = 100          # per member, for members larger than ZIP_RATIO_FLOOR
ZIP_RATIO_FLOOR = 1 * MB
MAX_ZIP_MEMBERS = 2000
# Extracted text longer than this is refused (about 15 times a long draft of 20,000 characters);
# it also bounds the time and memory of the per-document rules.
MAX_TEXT_CHARS = 300_000
# LibreOffice conversion timeout (seconds).
CONVERT_TIMEOUT = 120


def display_path(path) -> str:
    """``str(path)`` safe to print and to write as UTF-8.

    A file name that is not valid UTF-8 on a POSIX system (typically a GBK name from a zip made
    on Chinese Windows and unpacked elsewhere) reaches Python with lone surrogates; such a
    string cannot be written to a UTF-8 report. The raw bytes are then decoded as GB18030, or
    with replacement characters as a last resort. Use the result for display only: open files
    with the original path.
    """
    text = str(path)
    if not any("\udc80" <= ch <= "\udcff" for ch in text):
        return text
    raw = os.fsencode(text)
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


def size_text(n: int) -> str:
    """Human size in Chinese-friendly units: ``5 MB``, ``300 KB``."""
    if n >= MB:
        return f"{n / MB:g} MB"
    return f"{max(1, n // 1024)} KB"


def read_bytes(path: Path, shown: str, cap: int) -> bytes:
    """Read a whole file read-only, refusing it when it is larger than ``cap`` bytes."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(cap + 1)
    except PermissionError:
        raise InputError(shown, "没有读取权限", "请检查文件权限后重试") from None
    except OSError as exc:
        raise InputError(shown, f"无法读取文件（{exc.strerror or '读取错误'}）",
                         "请确认文件完好后重试") from None
    if len(data) > cap:
        raise InputError(shown, f"文件超过 {size_text(cap)} 的大小上限",
                         "对照检查材料通常只有几十 KB，请确认选对了文件")
    return data


def build_paragraphs(paragraphs: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join paragraphs with ``\\n`` and return the text and each paragraph's span."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in paragraphs:
        spans.append((pos, pos + len(para)))
        pos += len(para) + 1
    return "".join(p + "\n" for p in paragraphs), spans


def line_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of ``text`` (paragraph spans of a plain-text draft)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def fold_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def file_size(path: Path) -> int:
    return os.stat(path).st_size
