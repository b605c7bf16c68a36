"""Builders of test inputs for the loader tests (no tests here).

Everything is generated at test time: small Word files via python-docx (then patched at the
zip level for metadata, macros, external links), minimal PDFs written by hand (a text layer
via a Type0 font with a ToUnicode map, or only an image), OLE headers, images.
"""
from __future__ import annotations

import hashlib
import io
import re
import socket
import zipfile
from pathlib import Path

import docx

SAMPLE_PARAGRAPHS = [
    "青川县委常委班子成员个人对照检查材料",
    "一、存在的突出问题",
    "（一）调查研究不够深入。2020年到云岭乡、柳溪镇开展调研仅4次，每次不超过半天。",
    "二、整改措施",
    "（一）2021年6月底前，到每个乡镇蹲点调研不少于3天，形成调研报告2篇。",
]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PNG_BYTES = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
             b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe"
             b"\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 200 + b"\xff\xd9"


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def make_docx(path: Path, paragraphs=SAMPLE_PARAGRAPHS, *, table=None, author="林晓东",
              empty_between=True) -> Path:
    d = docx.Document()
    d.core_properties.author = author
    d.core_properties.last_modified_by = author
    for i, para in enumerate(paragraphs):
        d.add_paragraph(para)
        if empty_between and i == 1:
            d.add_paragraph("")
            d.add_paragraph("   ")
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                if value is not None:
                    t.cell(r, c).text = value
    d.save(str(path))
    return path


def rewrite_zip(path: Path, replace: dict[str, bytes], add: dict[str, bytes] | None = None,
                drop: set[str] = frozenset()) -> Path:
    """Rewrite members of a zip (replace/add/drop) in place."""
    buf = io.BytesIO(Path(path).read_bytes())
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            data = replace.get(info.filename, zin.read(info.filename))
            zout.writestr(info.filename, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    Path(path).write_bytes(out.getvalue())
    return path


def read_member(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name)


def add_metadata(path: Path, *, company="青川县委办", rsid_root="00A1B2C3",
                 rsids=("00D4E5F6", "00A1B2C3"), wps_build="11.1.0.10314", total_time=37) -> Path:
    """Give a python-docx file what Word/WPS write: company, total time, rsids, WPS build."""
    app = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
           b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           b'<Template>Normal.dotm</Template><TotalTime>' + str(total_time).encode() + b'</TotalTime>'
           b'<Application>WPS Office_11.1.0.10314</Application><Company>' + company.encode()
           + b'</Company><AppVersion>16.0000</AppVersion></Properties>')
    settings = read_member(path, "word/settings.xml").decode("utf-8")
    rsid_xml = f'<w:rsids><w:rsidRoot w:val="{rsid_root}"/>' + "".join(
        f'<w:rsid w:val="{r}"/>' for r in rsids) + "</w:rsids>"
    settings = re.sub(r"<w:rsids>.*?</w:rsids>", "", settings, flags=re.S)
    settings = settings.replace("</w:settings>", rsid_xml + "</w:settings>")
    custom = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
              b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
              b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer">'
              b'<vt:lpwstr>' + wps_build.encode() + b'</vt:lpwstr></property></Properties>')
    rels = read_member(path, "_rels/.rels").decode("utf-8")
    rels = rels.replace("</Relationships>",
                        '<Relationship Id="rIdCustom9" Type="http://schemas.openxmlformats.org/officeDocument/'
                        '2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>')
    ct = read_member(path, "[Content_Types].xml").decode("utf-8")
    ct = ct.replace("</Types>", '<Override PartName="/docProps/custom.xml" ContentType="application/'
                                'vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>')
    return rewrite_zip(path, {"docProps/app.xml": app, "word/settings.xml": settings.encode("utf-8"),
                              "_rels/.rels": rels.encode("utf-8"),
                              "[Content_Types].xml": ct.encode("utf-8")},
                       add={"docProps/custom.xml": custom})


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length " + str(len(data)).encode() + extra + b" >>\nstream\n" + data + b"\nendstream"


def make_text_pdf(path: Path, lines: list[str]) -> Path:
    """A PDF whose text layer holds ``lines`` (Type0 font, Identity-H, ToUnicode map)."""
    chars = sorted({ch for line in lines for ch in line})
    code = {ch: i + 1 for i, ch in enumerate(chars)}
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
            "/CMapName /Test def /CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange "
            f"{len(chars)} beginbfchar\n"
            + "\n".join(f"<{code[ch]:04X}> <{ord(ch):04X}>" for ch in chars)
            + "\nendbfchar endcmap CMapName currentdict /CMap defineresource pop end end").encode()
    content = b"BT /F1 12 Tf 14 TL 50 800 Td\n"
    for line in lines:
        content += b"<" + "".join(f"{code[ch]:04X}" for ch in line).encode() + b"> Tj T*\n"
    content += b"ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /TestCJK /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestCJK "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        _stream(cmap),
    ]
    Path(path).write_bytes(_pdf(objects))
    return path


def make_image_pdf(path: Path) -> Path:
    """A 'scanned' PDF: one page showing one image, no text layer."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
        _stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
        _stream(b"\x80\x40\xc0\x20", b" /Type /XObject /Subtype /Image /Width 2 /Height 2 "
                b"/ColorSpace /DeviceGray /BitsPerComponent 8"),
    ]
    Path(path).write_bytes(_pdf(objects))
    return path


def make_ole(path: Path, encrypted: bool = True) -> Path:
    """Bytes that look like an OLE compound file (an encrypted .docx is one)."""
    body = bytearray(OLE_MAGIC + b"\x00" * 504)
    if encrypted:
        body += "EncryptionInfo".encode("utf-16-le") + b"\x00" * 50
        body += "EncryptedPackage".encode("utf-16-le") + b"\x00" * 50
    else:
        body += "WordDocument".encode("utf-16-le") + b"\x00" * 50
    body += b"\x00" * (4096 - len(body))
    Path(path).write_bytes(bytes(body))
    return path


class NetworkBlocked(AssertionError):
    pass


def block_network(monkeypatch) -> list:
    """Make every socket connection/lookup in this process fail loudly; return the attempts."""
    attempts: list = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise NetworkBlocked(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts
