#!/usr/bin/env python3
"""Build holdout13: tools/src/*.src (inline markup) -> inputs/ + gold/ + manifest.csv.

Markup in sources (stripped from the output):
  <S:problems|causes|measures|criticism>  at the start of a heading line
  <P>            start of a problem item text (after its number)
  <M:1,2>        start of a measure item text; answers = problem indices (1-based), <M:> = none
  {v:...} {c:...} {e:...} {h:...}   vague / concrete / objective excuse / hope-as-criticism spans
  ⇥              a TAB character
  docx_styled sources: line prefixes '#t ' normal, '#1 ' Heading 1, '#n ' auto-numbered list item
"""
import json, os, re, sys, csv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / 'tools' / 'src'
UNIT = '中共清溪区教育局党组'
YEAR = '2022'

DRAFTS = [
    # name, input file, format, member, role
    ('D01', 'D01.docx', 'docx_plain', '周建明', '党组书记、局长'),
    ('D02', 'D02.txt', 'pdf_utf8', '刘海燕', '党组成员、副局长'),
    ('D03', 'D03.txt', 'gb18030', '陈国栋', '党组成员、副局长'),
    ('D04', 'D04.txt', 'utf8bom_crlf', '王丽萍', '党组成员、副局长'),
    ('D05', 'D05.md', 'utf8', '赵卫东', '党组成员、纪检组长'),
    ('D06', 'D06.docx', 'docx_styled', '孙志刚', '党组成员、督导室主任'),
    ('D07', 'D07.txt', 'utf16', '李慧敏', '党组成员、区教师发展中心主任'),
    ('D08', 'D08.txt', 'utf8_crlf', '黄伟', '党组成员、区第三中学党委书记'),
    ('D09', 'D09.txt', 'utf8', '吴秀兰', '工会主席'),
    ('D10', 'D10.txt', 'utf8bom', '郑凯', '党组成员、机关党委书记（2022年9月到任）'),
]

LABEL_KEYS = {'v': 'vague', 'c': 'concrete', 'e': 'objective_excuses', 'h': 'hope_as_criticism'}
TOKEN = re.compile(r'<S:(problems|causes|measures|criticism)>|<P>|<M:([0-9,]*)>|\{([vceh]):|\}')


def parse(marked):
    """Return clean text and annotations with offsets into the clean text."""
    out = []
    pos = 0
    n = 0  # clean length
    sections, problems, measures, spans, stack = {}, [], [], [], []
    for m in TOKEN.finditer(marked):
        chunk = marked[pos:m.start()]
        out.append(chunk); n += len(chunk)
        tok = m.group(0)
        if m.group(1):
            sections[m.group(1)] = n
        elif tok == '<P>':
            problems.append(n)
        elif tok.startswith('<M:'):
            ans = [int(x) for x in m.group(2).split(',') if x]
            measures.append((n, ans))
        elif m.group(3):
            stack.append((m.group(3), n))
        else:
            kind, s = stack.pop()
            spans.append((kind, s, n))
        pos = m.end()
    out.append(marked[pos:])
    assert not stack, stack
    return ''.join(out), sections, problems, measures, spans


CLOSE = set('，。；：、）”》！？')


def wrap(text, width=37):
    """Hard-wrap long lines like text copied out of a PDF. Returns wrapped text and index map."""
    res, mp = [], []
    for line in text.split('\n'):
        if len(line) <= width:
            for ch in line:
                mp.append(len(res)); res.append(ch)
        else:
            col = 0
            for i, ch in enumerate(line):
                if col >= width and ch not in CLOSE:
                    res.append('\n'); col = 0
                mp.append(len(res)); res.append(ch); col += 1
        mp.append(len(res)); res.append('\n')
    res.pop()  # last newline
    mp.pop()
    mp.append(len(res))
    return ''.join(res), mp


def line_at(text, i):
    s = text.rfind('\n', 0, i) + 1
    e = text.find('\n', i)
    return text[s:e if e >= 0 else len(text)]


def build_docx(path, lines, styled, member):
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    d = docx.Document()
    st = d.styles['Normal']
    st.font.name = '仿宋_GB2312'; st.font.size = Pt(16)
    st.element.rPr.rFonts.set(qn('w:eastAsia'), '仿宋_GB2312')
    numbering = d.part.numbering_part.element
    base = d.styles['List Number'].element.pPr.numPr.numId.val
    absid = None
    for num in numbering.findall(qn('w:num')):
        if num.get(qn('w:numId')) == str(base):
            absid = num.find(qn('w:abstractNumId')).get(qn('w:val'))
    cur_num = None
    for idx, (style, text) in enumerate(lines):
        if style == 'n':
            p = d.add_paragraph(text, style='List Number')
            if cur_num is None:
                numel = numbering.add_num(int(absid))
                numel.add_lvlOverride(ilvl=0).add_startOverride(1)
                cur_num = numel.numId
            numPr = p._p.get_or_add_pPr().get_or_add_numPr()
            numPr.get_or_add_ilvl().val = 0
            numPr.get_or_add_numId().val = cur_num
        else:
            cur_num = None
            if style == '1':
                p = d.add_paragraph(text, style='Heading 1')
            else:
                p = d.add_paragraph(text)
                if idx < 2:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    for r in p.runs: r.bold = True
    cp = d.core_properties
    cp.author = member; cp.last_modified_by = member; cp.title = '2022年度民主生活会对照检查材料'
    d.save(path)


def main():
    (ROOT / 'inputs').mkdir(exist_ok=True); (ROOT / 'gold').mkdir(exist_ok=True)
    manifest = []
    for name, fname, fmt, member, role in DRAFTS:
        raw = (SRC / f'{name}.src').read_text(encoding='utf-8').rstrip('\n').replace('⇥', '\t')
        styles = None
        if fmt == 'docx_styled':
            styles, ls = [], []
            for ln in raw.split('\n'):
                m = re.match(r'#([t1n]) ', ln)
                assert m, ln
                styles.append(m.group(1)); ls.append(ln[3:])
            raw = '\n'.join(ls)
        clean, sections, probs, meas, spans = parse(raw)
        if fmt == 'pdf_utf8':
            gold, mp = wrap(clean)
        else:
            gold, mp = clean, list(range(len(clean) + 1))
        G = lambda i: mp[i]
        def take(i):
            t = gold[G(i):G(i) + 20]
            assert '\n' not in t, (name, t)
            return t
        ptexts = [take(i) for i in probs]
        labels = {k: [] for k in LABEL_KEYS.values()}
        for kind, s, e in sorted(spans, key=lambda x: x[1]):
            sub = gold[G(s):G(e - 1) + 1]
            labels[LABEL_KEYS[kind]].append(sub)
            if kind == 'v' and sub[-1] not in '。；':
                print('WARN vague not whole sentence', name, sub)
        mlist = [{'text': take(i), 'answers': [ptexts[a - 1] for a in ans]} for i, ans in meas]
        answered = {a for m in mlist for a in m['answers']}
        gj = {
            'sections': {k: (line_at(gold, G(sections[k])) if k in sections else None)
                         for k in ('problems', 'causes', 'measures', 'criticism')},
            'problems': [{'text': t} for t in ptexts],
            'measures': mlist,
            'unanswered_problems': [t for t in ptexts if t not in answered],
            'vague': labels['vague'],
            'concrete': labels['concrete'],
            'objective_excuses': labels['objective_excuses'],
            'hope_as_criticism': labels['hope_as_criticism'],
            'recycled': [], 'copied': [], 'ghostwriter': None,
        }
        (ROOT / 'gold' / f'{name}.txt').write_text(gold, encoding='utf-8')
        (ROOT / 'gold' / f'{name}.gold.json').write_text(json.dumps(gj, ensure_ascii=False, indent=1), encoding='utf-8')
        out = ROOT / 'inputs' / fname
        if fmt.startswith('docx'):
            lines = list(zip(styles, gold.split('\n'))) if styles else [('t', l) for l in gold.split('\n')]
            build_docx(out, lines, fmt == 'docx_styled', member)
        else:
            t = gold.replace('\n', '\r\n') if 'crlf' in fmt else gold
            if fmt in ('utf8', 'pdf_utf8', 'utf8_crlf'):
                b = t.encode('utf-8')
            elif fmt.startswith('utf8bom'):
                b = b'\xef\xbb\xbf' + t.encode('utf-8')
            elif fmt == 'gb18030':
                b = t.encode('gb18030')
            elif fmt == 'utf16':
                b = t.encode('utf-16')  # BOM + little endian
            else:
                raise ValueError(fmt)
            out.write_bytes(b)
        manifest.append((fname, member, role, UNIT, YEAR))
        print(name, fmt, len(gold), 'chars;', len(ptexts), 'problems', len(mlist), 'measures',
              {k: len(v) for k, v in labels.items()})
    with open(ROOT / 'manifest.csv', 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f); w.writerow(['file', 'member', 'role', 'unit', 'year']); w.writerows(manifest)


if __name__ == '__main__':
    main()
