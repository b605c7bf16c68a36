#!/usr/bin/env python3
"""Build inputs/ and gold/ from tools/src/*.txt (annotated sources).

Run with /work/main/.venv/bin/python (needs python-docx and opencc).

Source markup (stripped from the text):
  line prefix  #1 / #2          Word style Heading 1 / Heading 2 (docx drafts only)
  line prefix  §P §C §M §K      this line is the heading (or first line) of problems/causes/measures/criticism
  ‹p1›                         a problem item starts here (20 chars are taken from here)
  ‹m1:p1,p2›                   a measure item starts here, answering problems p1, p2
  «v…» «c…» «e…» «h…»          vague / concrete / objective excuse / hope-as-criticism spans
"""
import csv
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
SRC = os.path.join(HERE, 'src')

UNIT = '岚溪县人民政府党组'
YEAR = '2021'

# name: (member, role, input file name, format, transform)
DRAFTS = {
    'D01': ('周启明', '县长、县政府党组书记', 'D01.docx', 'docx-styles', None),
    'D02': ('许文涛', '县政府党组成员、常务副县长', 'D02.txt', 'gb18030', None),
    'D03': ('林秀芬', '县政府党组成员、副县长（分管农业农村、乡村振兴、水利）', 'D03.txt', 'utf8-bom', 'trad'),
    'D04': ('郑国华', '县政府党组成员、副县长（分管住建、城管、交通）', 'D04.txt', 'utf8', None),
    'D05': ('何静', '县政府党组成员、副县长（分管教育、卫健、医保、民政）', 'D05.docx', 'docx-plain', None),
    'D06': ('杨振', '县政府党组成员、副县长（分管工业、招商、商务、市场监管）', 'D06.md', 'utf8', None),
    'D07': ('宋涛', '县政府党组成员、县政府办公室主任', 'D07.txt', 'utf8-crlf', None),
    'D08': ('韩立军', '县政府党组成员、副县长、县公安局局长', 'D08.txt', 'utf8', 'pdf'),
    'D09': ('黄海', '县政府党组成员、县发展和改革局局长', 'D09.docx', 'docx-plain', None),
    'D10': ('罗晓', '副县长（2021年7月到任，分管文旅、体育、科技）', 'D10.txt', 'utf8-crlf', None),
}

SEC = {'P': 'problems', 'C': 'causes', 'M': 'measures', 'K': 'criticism'}
LAB = {'v': 'vague', 'c': 'concrete', 'e': 'objective_excuses', 'h': 'hope_as_criticism'}


def parse(src):
    """Return clean text, styles per line, section line indexes, items, label spans."""
    out = []          # characters of the clean text
    styles = []
    sections = {}
    items = []        # (kind, id, pos, answers)
    spans = []        # (kind, start, end)
    for ln, raw in enumerate(src.split('\n')):
        style = None
        if raw.startswith('#1') or raw.startswith('#2'):
            style = raw[:2]
            raw = raw[2:]
        while raw.startswith('§'):
            sections[SEC[raw[1]]] = ln
            raw = raw[2:]
        styles.append(style)
        i = 0
        open_span = None
        while i < len(raw):
            ch = raw[i]
            if ch == '‹':
                j = raw.index('›', i)
                tag = raw[i + 1:j]
                if tag.startswith('p'):
                    items.append(('p', tag, len(out), []))
                else:
                    mid, ans = tag.split(':')
                    items.append(('m', mid, len(out), ans.split(',')))
                i = j + 1
                continue
            if ch == '«':
                assert open_span is None, (ln, raw)
                open_span = (LAB[raw[i + 1]], len(out))
                i += 2
                continue
            if ch == '»':
                spans.append((open_span[0], open_span[1], len(out)))
                open_span = None
                i += 1
                continue
            out.append(ch)
            i += 1
        assert open_span is None, ('unclosed span', ln, raw)
        out.append('\n')
    text = ''.join(out)[:-1]
    return text, styles, sections, items, spans


def to_trad(text):
    import opencc
    conv = opencc.OpenCC('s2tw')
    lines = [conv.convert(l) for l in text.split('\n')]
    t = '\n'.join(lines)
    assert len(t) == len(text), 'opencc changed the length'
    return t, list(range(len(text) + 1))


PUNCT_NO_START = '，。；：、）》”！？'


def pdf_wrap(text):
    """Hard-wrap long paragraphs at ~30 chars and insert page-number lines; return new text and a map."""
    mapping = [None] * (len(text) + 1)
    out = []
    nlines = 0
    page = 1
    widths = [30, 29, 31, 30, 28, 30, 31]
    wi = 0

    def emit_break():
        nonlocal nlines, page
        out.append('\n')
        nlines += 1
        if nlines % 23 == 0:
            out.append('- %d -\n' % page)
            page += 1

    pos = 0
    paras = text.split('\n')
    for pi, para in enumerate(paras):
        start = 0
        while True:
            w = widths[wi % len(widths)]
            wi += 1
            end = min(start + w, len(para))
            while end < len(para) and para[end] in PUNCT_NO_START:
                end += 1
            while start + 5 < end < len(para) and para[end].isascii() and para[end].isalnum() \
                    and para[end - 1].isascii() and para[end - 1].isalnum():
                end -= 1      # keep runs like 2021 or 42 on one line
            chunk = para[start:end]
            base = sum(len(x) for x in out)
            for k in range(start, end):
                mapping[pos + k] = base + (k - start)
            out.append(chunk)
            start = end
            if start >= len(para):
                break
            emit_break()
        pos += len(para)
        if pi < len(paras) - 1:
            mapping[pos] = sum(len(x) for x in out)   # the paragraph newline
            emit_break()
            pos += 1
    mapping[len(text)] = sum(len(x) for x in out)
    return ''.join(out), mapping


def line_at(text, pos):
    s = text.rfind('\n', 0, pos) + 1
    e = text.find('\n', pos)
    return text[s:e if e >= 0 else len(text)]


def line_start(text, ln):
    p = 0
    for _ in range(ln):
        p = text.index('\n', p) + 1
    return p


def build_one(name):
    member, role, fname, fmt, transform = DRAFTS[name]
    src = open(os.path.join(SRC, name + '.txt'), encoding='utf-8').read().rstrip('\n')
    clean, styles, sections, items, spans = parse(src)
    lstarts = [line_start(clean, i) for i in range(len(clean.split('\n')))]
    if transform == 'trad':
        gold, mp = to_trad(clean)
    elif transform == 'pdf':
        gold, mp = pdf_wrap(clean)
    else:
        gold, mp = clean, list(range(len(clean) + 1))

    def sub(s, e):
        return gold[mp[s]:mp[e - 1] + 1]

    sec = {k: None for k in ('problems', 'causes', 'measures', 'criticism')}
    for k, ln in sections.items():
        sec[k] = line_at(gold, mp[lstarts[ln]])
    ptext = {}
    problems, measures = [], []
    def item(pos):
        return gold[mp[pos]:mp[pos] + 20].split('\n')[0]

    for kind, iid, pos, ans in items:
        t = item(pos)
        if kind == 'p':
            ptext[iid] = t
            problems.append({'text': t})
    for kind, iid, pos, ans in items:
        if kind == 'm':
            measures.append({'text': item(pos), 'answers': [ptext[a] for a in ans]})
    answered = {a for m in measures for a in m['answers']}
    unanswered = [p['text'] for p in problems if p['text'] not in answered]
    labels = {v: [] for v in LAB.values()}
    for kind, s, e in spans:
        labels[kind].append(sub(s, e))
    gj = {
        'sections': sec,
        'problems': problems,
        'measures': measures,
        'unanswered_problems': unanswered,
        'vague': labels['vague'],
        'concrete': labels['concrete'],
        'objective_excuses': labels['objective_excuses'],
        'hope_as_criticism': labels['hope_as_criticism'],
        'recycled': [],
        'copied': [],
        'ghostwriter': None,
    }
    stem = os.path.splitext(fname)[0]
    with open(os.path.join(OUT, 'gold', stem + '.txt'), 'w', encoding='utf-8', newline='') as f:
        f.write(gold)
    with open(os.path.join(OUT, 'gold', stem + '.gold.json'), 'w', encoding='utf-8') as f:
        json.dump(gj, f, ensure_ascii=False, indent=2)
    path = os.path.join(OUT, 'inputs', fname)
    if fmt.startswith('docx'):
        write_docx(path, gold, styles if fmt == 'docx-styles' else None, member, sec)
    else:
        data = gold
        if fmt == 'utf8-crlf':
            data = data.replace('\n', '\r\n')
        enc = {'gb18030': 'gb18030', 'utf8-bom': 'utf-8-sig'}.get(fmt, 'utf-8')
        with open(path, 'wb') as f:
            f.write(data.encode(enc))
    return fname, member, role


def write_docx(path, gold, styles, member, sec):
    import docx
    from docx.shared import Pt
    from docx.oxml.ns import qn
    d = docx.Document()
    st = d.styles['Normal']
    st.font.name = '仿宋_GB2312'
    st.element.rPr.rFonts.set(qn('w:eastAsia'), '仿宋_GB2312')
    st.font.size = Pt(16)
    heads = {v for v in sec.values() if v}
    lines = gold.split('\n')
    for i, line in enumerate(lines):
        s = styles[i] if styles else None
        if s == '#1':
            d.add_paragraph(line, style='Heading 1')
        elif s == '#2':
            d.add_paragraph(line, style='Heading 2')
        else:
            p = d.add_paragraph()
            r = p.add_run(line)
            if line in heads or line.startswith('【') or (i < 2):
                r.bold = True
    cp = d.core_properties
    cp.author = member
    cp.last_modified_by = member
    cp.title = ''
    d.save(path)


def main():
    rows = []
    for name in sorted(DRAFTS):
        rows.append(build_one(name))
    with open(os.path.join(OUT, 'manifest.csv'), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['file', 'member', 'role', 'unit', 'year'])
        for fname, member, role in rows:
            w.writerow([fname, member, role, UNIT, YEAR])
    print('built', len(rows))


if __name__ == '__main__':
    main()
