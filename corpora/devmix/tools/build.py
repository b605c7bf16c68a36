#!/usr/bin/env python3
"""Build inputs/ and gold/*.txt from tools/src, then gold/*.gold.json from labels.py."""
import csv
import json
import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SRC = HERE / 'src'
sys.path.insert(0, str(HERE))
from common import docx_text  # noqa: E402

# file name, source, how it is written
FORMATS = {
    'X01': ('X01.txt', 'crlf'),
    'X02': ('X02.txt', 'pdf'),
    'X03': ('X03.txt', 'utf8'),
    'X04': ('X04.txt', 'gb18030'),
    'X05': ('X05.txt', 'utf8'),
    'X06': ('X06.txt', 'bom'),
    'X07': ('X07.docx', 'docx'),
    'X08': ('X08.txt', 'utf8'),
    'X09': ('X09.docx', 'docx'),
    'X10': ('X10.md', 'md'),
    'X11': ('X11.txt', 'utf8'),
    'X12': ('X12.txt', 'utf8'),
}

LINE = 28      # characters per line on the PDF page (GB/T 9704: 28 x 22)
PAGE = 22      # lines per page
NO_LINE_START = set('。，、；：？！”’）》')


def pdf_copy(text):
    """Simulate text copied out of a PDF: hard breaks every LINE chars, page numbers between pages."""
    lines = []
    for para in text.split('\n'):
        if not para:
            continue
        while len(para) > LINE:
            cut = LINE
            if para[cut] in NO_LINE_START:     # typesetting rule: closing punctuation hangs on the line
                cut += 1
            if cut >= len(para):
                break
            lines.append(para[:cut])
            para = para[cut:]
        lines.append(para)
    out, page = [], 1
    for i, l in enumerate(lines, 1):
        out.append(l)
        if i % PAGE == 0:
            out.append(f'— {page} —')
            page += 1
    if len(lines) % PAGE:
        out.append(f'— {page} —')
    return '\n'.join(out)


def build_docx(spec_path, out_path):
    doc = Document()
    st = doc.styles['Normal']
    st.font.name = 'FangSong'
    st.font.size = Pt(16)
    rows = []

    def flush():
        if rows:
            t = doc.add_table(rows=0, cols=2)
            t.style = 'Table Grid'
            for a, b in rows:
                cells = t.add_row().cells
                cells[0].text = a
                cells[1].text = b
            rows.clear()

    for line in spec_path.read_text(encoding='utf-8').splitlines():
        if not line.strip():
            continue
        kind, rest = line.split('|', 1)
        if kind == 'TR':
            a, b = rest.split('|')
            rows.append((a, b))
            continue
        flush()
        if kind == 'Title':
            p = doc.add_paragraph(rest, style='Title')
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kind == 'Center':
            p = doc.add_paragraph(rest)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kind == 'H':                      # heading typed as a bold normal paragraph
            p = doc.add_paragraph()
            r = p.add_run(rest)
            r.bold = True
        elif kind == 'H1':
            doc.add_paragraph(rest, style='Heading 1')
        elif kind == 'H2':
            doc.add_paragraph(rest, style='Heading 2')
        elif kind == 'L':                      # Word auto-numbering: the number is not in the text
            doc.add_paragraph(rest, style='List Number')
        elif kind == 'P':
            doc.add_paragraph(rest)
        else:
            raise ValueError(kind)
        if kind in ('P', 'Center'):
            doc.add_paragraph('')              # empty paragraphs as spacing (dropped on extraction)
    flush()
    doc.core_properties.author = '办公室'
    doc.save(str(out_path))


def main():
    (ROOT / 'inputs').mkdir(exist_ok=True)
    (ROOT / 'gold').mkdir(exist_ok=True)
    for doc_id, (fname, fmt) in FORMATS.items():
        out = ROOT / 'inputs' / fname
        if fmt == 'docx':
            build_docx(SRC / f'{doc_id}.spec', out)
            text = docx_text(out)
        else:
            src = SRC / (f'{doc_id}_unwrapped.txt' if fmt == 'pdf' else fname)
            text = src.read_text(encoding='utf-8').rstrip('\n')
            if fmt == 'pdf':
                text = pdf_copy(text)
            body = text + '\n'
            if fmt == 'crlf':
                out.write_bytes(body.replace('\n', '\r\n').encode('utf-8'))
            elif fmt == 'gb18030':
                out.write_bytes(body.encode('gb18030'))
            elif fmt == 'bom':
                out.write_bytes(body.encode('utf-8-sig'))
            else:
                out.write_bytes(body.encode('utf-8'))
        (ROOT / 'gold' / f'{doc_id}.txt').write_text(text, encoding='utf-8')
    if '--text-only' in sys.argv:
        return
    from labels import DOCS, MANIFEST
    for doc_id, lab in DOCS.items():
        text = (ROOT / 'gold' / f'{doc_id}.txt').read_text(encoding='utf-8')
        gold = make_gold(doc_id, lab, text)
        (ROOT / 'gold' / f'{doc_id}.gold.json').write_text(
            json.dumps(gold, ensure_ascii=False, indent=1) + '\n', encoding='utf-8')
    with open(ROOT / 'manifest.csv', 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['file', 'member', 'role', 'unit', 'year'])
        for doc_id, (fname, _) in FORMATS.items():
            m = MANIFEST[doc_id]
            w.writerow([fname, m['member'], m['role'], m['unit'], m['year']])


def item(text, marker):
    i = text.find(marker)
    if i < 0:
        raise SystemExit(f'marker not found: {marker!r}')
    return text[i:i + 20]


def resolve(text, v):
    if isinstance(v, tuple) and v[0] == 'line':
        hits = [l for l in text.split('\n') if l.startswith(v[1])]
        if len(hits) != 1:
            raise SystemExit(f'section line not unique: {v[1]!r}')
        return hits[0]
    return v


def make_gold(doc_id, lab, text):
    m = lab['meta']
    problems = [{'id': pid, 'text': item(text, mk)} for pid, mk in lab['problems']]
    measures = [{'id': mid, 'text': item(text, mk), 'answers': ans} for mid, mk, ans in lab['measures']]
    answered = {a for x in measures for a in x['answers']}
    unanswered = [p['id'] for p in problems if p['id'] not in answered]
    return {
        'id': doc_id,
        'name': m['member'],
        'role': m['role'],
        'unit': m['unit'],
        'year': m['year'],
        'sections': {k: resolve(text, v) for k, v in lab['sections'].items()},
        'problems': problems,
        'measures': measures,
        'unanswered_problems': unanswered,
        'vague': lab.get('vague', []),
        'concrete': lab.get('concrete', []),
        'objective_excuses': lab.get('objective_excuses', []),
        'hope_as_criticism': lab.get('hope_as_criticism', []),
        'notes': lab.get('notes', ''),
    }


if __name__ == '__main__':
    main()
