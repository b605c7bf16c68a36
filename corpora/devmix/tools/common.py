"""Shared helpers: read a docx the way the corpus brief specifies."""
from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph


def docx_lines(path):
    doc = Document(str(path))
    lines = []
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit('}', 1)[-1]
        if tag == 'p':
            lines.append(Paragraph(child, doc).text)
        elif tag == 'tbl':
            for row in Table(child, doc).rows:
                for cell in row.cells:
                    for p in cell.paragraphs:
                        lines.append(p.text)
    return [l for l in lines if l != '']


def docx_text(path):
    return '\n'.join(docx_lines(path))


def txt_text(path, encoding):
    raw = open(path, 'rb').read()
    s = raw.decode(encoding)
    if s.startswith('\ufeff'):
        s = s[1:]
    s = s.replace('\r\n', '\n')
    return s.rstrip('\n')
