"""Tell file types apart by their first bytes, whatever the extension says."""
from __future__ import annotations

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

# kind -> Chinese name shown to the user
KIND_NAMES = {
    "zip": "ZIP 压缩包",
    "ole": "旧版 Office（OLE）文件",
    "pdf": "PDF 文件",
    "png": "PNG 图片",
    "jpeg": "JPEG 图片",
    "gif": "GIF 图片",
    "bmp": "BMP 图片",
    "tiff": "TIFF 图片",
    "webp": "WebP 图片",
    "rtf": "RTF 文档",
    "rar": "RAR 压缩包",
    "7z": "7z 压缩包",
    "gzip": "gzip 压缩包",
    "exe": "可执行程序",
    "elf": "可执行程序",
}
IMAGE_KINDS = {"png", "jpeg", "gif", "bmp", "tiff", "webp"}


def sniff(head: bytes) -> str | None:
    """Return the container kind of a file from its first bytes, or None (maybe text)."""
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith(ZIP_MAGICS):
        return "zip"
    # PDF readers accept the header anywhere in the first KB.
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"BM") and len(head) >= 26 and head[6:10] == b"\x00\x00\x00\x00":
        return "bmp"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"Rar!\x1a\x07"):
        return "rar"
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return "7z"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"MZ"):
        return "exe"
    if head.startswith(b"\x7fELF"):
        return "elf"
    return None


def ole_is_encrypted(data: bytes) -> bool:
    """An encrypted .docx/.xlsx is an OLE file holding an ``EncryptionInfo`` stream."""
    return "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data
