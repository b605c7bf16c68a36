"""Word packages written part by part with zipfile, for the tests of what Word shows.

python-docx cannot write text boxes, alternate content, altChunk parts, hidden runs or list
numbering; these builders write the WordprocessingML itself (the parts Word needs and nothing
else), so each test states exactly the markup it is about.
"""
from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "w16se": "http://schemas.microsoft.com/office/word/2015/wordml/symex",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
}
_DECLS = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
MAIN_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
TEMPLATE_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"


def para(text: str, ppr: str = "", rpr: str = "") -> str:
    """One paragraph of one run."""
    return (f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}"
            f'<w:t xml:space="preserve">{text}</w:t></w:r></w:p>')


def numbered(text: str, num_id: int, ilvl: int = 0) -> str:
    return para(text, f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')


def wps_box(inner: str) -> str:
    """A DrawingML text box (wps:txbx) holding ``inner`` paragraphs, anchored in a run."""
    return ('<w:drawing><wp:anchor behindDoc="0" distT="0" distB="0" distL="0" distR="0" simplePos="0" '
            'relativeHeight="1" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            '<wp:extent cx="3000000" cy="400000"/><wp:docPr id="1" name="文本框 1"/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx><w:txbxContent>{inner}</w:txbxContent>'
            '</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>')


def vml_box(inner: str) -> str:
    """The VML text box (v:textbox) Word writes as the fallback copy, or WPS alone."""
    return (f'<w:pict><v:shape id="文本框1" style="width:240pt;height:30pt" o:spt="202">'
            f'<v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict>')


def write_docx(path: Path, body: str, *, numbering: str | None = None, styles: str | None = None,
               parts: dict[str, tuple[str, bytes, str, str]] | None = None,
               duplicate: dict[str, bytes] | None = None,
               main_type: str = MAIN_CT) -> Path:
    """Write a .docx whose body is ``body`` (WordprocessingML block content).

    ``parts``: extra parts of the main document, ``{relationship id: (name under word/, bytes,
    content type, relationship type)}``; ``duplicate``: second zip entries of names already written."""
    overrides = [("/word/document.xml", main_type)]
    rels = []
    files: dict[str, bytes] = {}
    for name, root, content in (("numbering", "w:numbering", numbering), ("styles", "w:styles", styles)):
        if content is None:
            continue
        files[f"word/{name}.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                                     f"<{root} {_DECLS}>{content}</{root}>").encode("utf-8")
        overrides.append((f"/word/{name}.xml",
                          f"application/vnd.openxmlformats-officedocument.wordprocessingml.{name}+xml"))
        rels.append((f"rId_{name}", RT + name, f"{name}.xml"))
    for rid, (name, data, ctype, rtype) in (parts or {}).items():
        files[f"word/{name}"] = data
        overrides.append((f"/word/{name}", ctype))
        rels.append((rid, rtype, name))
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<w:document {_DECLS} mc:Ignorable="w14"><w:body>{body}<w:sectPr/></w:body></w:document>')
    content_types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                     '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     '<Default Extension="xml" ContentType="application/xml"/>'
                     + "".join(f'<Override PartName="{n}" ContentType="{c}"/>' for n, c in overrides)
                     + "</Types>")
    package_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    f'<Relationship Id="rId1" Type="{RT}officeDocument" Target="word/document.xml"/>'
                    "</Relationships>")
    document_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                     '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                     + "".join(f'<Relationship Id="{i}" Type="{t}" Target="{n}"/>' for i, t, n in rels)
                     + "</Relationships>")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate names we mean to write
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("[Content_Types].xml", content_types)
            zf.writestr("_rels/.rels", package_rels)
            zf.writestr("word/document.xml", document)
            zf.writestr("word/_rels/document.xml.rels", document_rels)
            for name, data in files.items():
                zf.writestr(name, data)
            for name, data in (duplicate or {}).items():
                zf.writestr(name, data)
    return path


def document_xml(body: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:document {_DECLS}><w:body>{body}<w:sectPr/></w:body></w:document>').encode("utf-8")
