"""Plain-text (.txt / .md) loading: encoding detection without guessing wildly.

Order: a BOM decides (UTF-8, UTF-16 LE/BE); else strict UTF-8; else UTF-16 without BOM when
the NUL-byte pattern says so; else GB18030 (what Chinese Windows Notepad/Excel write), accepted
only when the result looks like Chinese text and not like mojibake of another encoding (Big5,
Shift-JIS...: those decode as GB18030 too, mostly into rare characters outside GB2312).

The text is the decoded content verbatim except that ``\\r\\n`` and lone ``\\r`` become ``\\n``
(the report contract's offsets). Markdown is kept verbatim too (``#`` marks included).
Paragraph spans are the non-blank lines.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

from analyzer.errors import InputError
from analyzer.load.common import MAX_TEXT_BYTES, fold_newlines, line_spans, read_bytes
from analyzer.load.sniff import IMAGE_KINDS, KIND_NAMES, sniff

BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_ALLOWED_CONTROLS = set("\t\n\r\f\v")
# C0 control bytes that never occur in a text file (ESC and the whitespace controls excepted).
_BINARY_BYTES = [bytes([b]) for b in (*range(0, 9), *range(0x0E, 0x1B), *range(0x1C, 0x20))]
UNDECODABLE_FIX = "请用记事本或 WPS 打开后“另存为”UTF-8 编码的 .txt，或直接提供 Word 文件"


def _bad_controls(text: str) -> int:
    return sum(1 for ch in text if ch not in _ALLOWED_CONTROLS
               and (unicodedata.category(ch) == "Cc" or ch == "\ufffd"))


def _looks_like_text(text: str) -> bool:
    if "\x00" in text:
        return False
    return _bad_controls(text) <= max(2, len(text) // 1000)


def _in_gb2312(ch: str) -> bool:
    """True for a character of the common GB2312 set."""
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _gb18030_plausible(text: str) -> bool:
    """GB18030 decodes most byte soup; refuse results made mostly of rare characters."""
    cjk = [ch for ch in text if ord(ch) > 0x7F and not ch.isspace()]
    if not cjk:
        return True
    return sum(map(_in_gb2312, cjk)) >= 0.8 * len(cjk)


def _mostly_gb2312(text: str) -> bool:
    """True when nearly every character is ASCII or a common (GB2312) Chinese character."""
    if not text:
        return False
    good = sum((ch.isprintable() or ch in _ALLOWED_CONTROLS) if ch.isascii() else _in_gb2312(ch) for ch in text)
    return good >= 0.95 * len(text)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without BOM: ASCII-heavy text betrays itself by NUL bytes, Chinese text by
    decoding into common characters (GB18030 bytes read as UTF-16 give Hangul/private use)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    for nuls, codec in ((odd_nuls, "utf-16-le"), (even_nuls, "utf-16-be")):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not _looks_like_text(text):
            continue
        if nuls >= 0.2 * half or _mostly_gb2312(text):
            return codec
    return None


def decode_text(data: bytes, shown: str) -> tuple[str, str, bool]:
    """Return (text before newline folding, encoding name, had_bom) or raise InputError."""
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(name)
            except UnicodeDecodeError:
                raise InputError(shown, f"文件开头标明是 {name.upper()} 编码，但内容无法按该编码解读",
                                 UNDECODABLE_FIX) from None
            if not _looks_like_text(text):
                raise InputError(shown, "文件含有二进制内容，不是纯文本", UNDECODABLE_FIX)
            return text, name, True
    controls = sum(data.count(b) for b in _BINARY_BYTES)
    if controls and controls > len(data) // 100:
        codec = _utf16_without_bom(data)
        if codec:
            return data.decode(codec), codec, False
        raise InputError(shown, "文件含有二进制内容，不是纯文本", UNDECODABLE_FIX)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        if _looks_like_text(text):
            return text, "utf-8", False
        codec = _utf16_without_bom(data)
        if codec:
            return data.decode(codec), codec, False
        raise InputError(shown, "文件含有二进制内容，不是纯文本", UNDECODABLE_FIX)
    codec = _utf16_without_bom(data)
    if codec:
        return data.decode(codec), codec, False
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(shown, "无法识别文件编码（既不是 UTF-8 也不是 GBK/GB18030）",
                         UNDECODABLE_FIX) from None
    if not _looks_like_text(text):
        raise InputError(shown, "文件含有二进制内容，不是纯文本", UNDECODABLE_FIX)
    if not _gb18030_plausible(text):
        raise InputError(shown, "无法识别文件编码（按 GBK/GB18030 解读会出现乱码）", UNDECODABLE_FIX)
    return text, "gb18030", False


def refuse_binary(kind: str, shown: str, expected: str) -> InputError:
    """The error for a file whose bytes are not what its extension promises."""
    name = KIND_NAMES.get(kind, "二进制文件")
    name = f" {name}" if name[0].isascii() else name
    if kind in IMAGE_KINDS:
        return InputError(shown, f"文件实际是{name}，不是{expected}",
                          "图片中的文字无法检查，请提供 Word 原文件或先做文字识别（OCR）")
    return InputError(shown, f"文件实际是{name}，不是{expected}",
                      "请确认选对了文件，或用 Word/WPS 打开后另存为 .docx 或 .txt")


def load_text(path: Path, shown: str) -> dict:
    """Load a .txt/.md file; returns the fields of a Document."""
    data = read_bytes(path, shown, MAX_TEXT_BYTES)
    kind = sniff(data[:1024])
    if kind is not None:
        raise refuse_binary(kind, shown, "文本文件")
    raw, encoding, bom = decode_text(data, shown)
    if "\r\n" in raw:
        newline = "crlf"
    elif "\r" in raw:
        newline = "cr"
    else:
        newline = "lf"
    text = fold_newlines(raw)
    return {
        "text": text,
        "paragraphs": line_spans(text),
        "metadata": {"encoding": encoding, "bom": bom, "newline": newline},
    }
