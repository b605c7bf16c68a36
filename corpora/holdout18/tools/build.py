"""Build inputs/, gold/ and manifest.csv of holdout18 from sources/.

sources/ID.src          the draft text; for .docx files a small markup:
                        '@c text' centred title paragraph, '@b text' bold paragraph,
                        '@n text' Word automatic numbering (style List Number),
                        '@table' ... '@end' a table, one row per line, cells split by ' | '.
sources/ID.labels.json  labels written as fragments; this script expands them:
                        sections -> the whole line containing the fragment;
                        problems / measures.start -> 20 characters from the item start (not past line end);
                        vague / concrete / objective_excuses / hope_as_criticism -> the whole sentence
                        (previous 。！？；or line start .. next 。！？；, leading enumerators stripped).
Run: /work/wt/lead/.venv/bin/python tools/build.py
"""
import csv, datetime, json, pathlib, re, sys
import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

ROOT = pathlib.Path(__file__).resolve().parent.parent
SRC, INP, GOLD = ROOT / 'sources', ROOT / 'inputs', ROOT / 'gold'
UNIT, YEAR = '中共临浦大学委员会', 2019

# id: (ext, encoding, crlf, member, role)
FILES = {
    'U01': ('docx', None, False, '中共临浦大学委员会常委班子', '班子对照检查材料'),
    'U02': ('docx', None, False, '周砚秋', '党委书记'),
    'U03': ('txt', 'utf-8', False, '韩启明', '校长、党委副书记'),
    'U04': ('txt', 'utf-8-sig', False, '林书衡', '党委副书记'),
    'U05': ('txt', 'gb18030', True, '沈立舟', '党委常委、副校长'),
    'U06': ('docx', None, False, '程蔓', '党委常委、纪委书记'),
    'U07': ('md', 'utf-8', False, '邵一鸣', '党委常委、副校长'),
    'U08': ('docx', None, False, '唐若禾', '党委常委、副校长'),
    'U09': ('txt', 'utf-8', True, '葛川', '党委常委、组织部部长'),
    'U10': ('txt', 'gb18030', False, '许知远', '党委常委、副校长'),
}
TRUNCATED = {'U10'}

ENUM = re.compile(r'(?:\s+|#+\s*|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、'
                  r'|\d+[.．、]|[一二三四五六七八九十]+是|[①-⑳]|(?:表现|原因|措施|问题|表現|問題|措施)：)')
END = '。！？；'
CLOSERS = '”’」』）'


def build_docx(iid, text, path, author):
    d = docx.Document()
    st = d.styles['Normal']
    st.font.name = '仿宋_GB2312'
    st.element.rPr.rFonts.set(qn('w:eastAsia'), '仿宋_GB2312')
    st.font.size = Pt(16)
    lines = text.rstrip('\n').split('\n')
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln == '@table':
            rows = []
            i += 1
            while lines[i] != '@end':
                rows.append(lines[i].split(' | '))
                i += 1
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = 'Table Grid'
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = cell
                    if r == 0:
                        for run in t.cell(r, c).paragraphs[0].runs:
                            run.bold = True
        elif ln.startswith('@c '):
            p = d.add_paragraph(ln[3:])
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif ln.startswith('@b '):
            p = d.add_paragraph()
            p.add_run(ln[3:]).bold = True
        elif ln.startswith('@n '):
            d.add_paragraph(ln[3:], style='List Number')
        else:
            p = d.add_paragraph(ln)
            p.paragraph_format.first_line_indent = Pt(32)
        i += 1
    cp = d.core_properties
    cp.author = author
    cp.last_modified_by = author
    n = int(iid[1:])
    cp.created = datetime.datetime(2020, 1, 6 + n, 9, 0, 0)
    cp.modified = datetime.datetime(2020, 1, 8 + n, 17, 30, 0)
    cp.revision = 3 + n
    cp.title = ''
    cp.comments = ''
    d.save(path)


def docx_text(path):
    d = docx.Document(path)
    out = []
    for el in d.element.body.iterchildren():
        if el.tag == qn('w:p'):
            out.append(Paragraph(el, d).text)
        elif el.tag == qn('w:tbl'):
            for row in Table(el, d).rows:
                for cell in row.cells:
                    out.append(cell.text)
    return '\n'.join(out)


def find_unique(gold, frag, iid, what):
    n = gold.count(frag)
    if n != 1:
        sys.exit(f'{iid} {what}: fragment occurs {n} times: {frag!r}')
    return gold.index(frag)


def line_of(gold, frag, iid):
    pos = find_unique(gold, frag, iid, 'section')
    a = gold.rfind('\n', 0, pos) + 1
    b = gold.find('\n', pos)
    return gold[a:b if b >= 0 else len(gold)]


def item20(gold, frag, iid, what):
    pos = find_unique(gold, frag, iid, what)
    before = gold[gold.rfind('\n', 0, pos) + 1:pos]
    rest = before
    while rest and ENUM.match(rest) and ENUM.match(rest).end() > 0:
        rest = rest[ENUM.match(rest).end():]
    if rest and rest[-1] not in '。；：' and not rest.endswith('是'):
        print(f'  warn {iid} {what}: item preceded by {before[-12:]!r}')
    b = gold.find('\n', pos)
    b = len(gold) if b < 0 else b
    return gold[pos:min(pos + 20, b)]


def sentence(gold, frag, iid, what):
    pos = find_unique(gold, frag, iid, what)
    a = max(gold.rfind(ch, 0, pos) for ch in END + '\n') + 1
    while True:
        m = ENUM.match(gold, a)
        if not m or m.end() == a or m.end() > pos:
            break
        a = m.end()
    ends = [e for e in (gold.find(ch, pos + len(frag) - 1) for ch in END) if e >= 0]
    nl = gold.find('\n', pos)
    nl = len(gold) if nl < 0 else nl
    b = min(ends) + 1 if ends and min(ends) < nl else nl
    while b < len(gold) and gold[b] in CLOSERS:
        b += 1
    return gold[a:b]


def labels(iid, gold, member, role):
    lab = json.loads((SRC / f'{iid}.labels.json').read_text('utf-8'))
    secs = {k: (line_of(gold, v, iid) if v else None) for k, v in lab['sections'].items()}
    probs = [item20(gold, f, iid, 'problem') for f in lab['problems']]
    meas, answered = [], set()
    for j, m in enumerate(lab['measures'], 1):
        answered.update(m['answers'])
        meas.append({'id': f'm{j}', 'text': item20(gold, m['start'], iid, 'measure'),
                     'answers': [probs[k - 1] for k in m['answers']]})
    unans = [k for k in range(1, len(probs) + 1) if k not in answered]
    if unans != lab['unanswered']:
        sys.exit(f'{iid}: unanswered computed {unans} != declared {lab["unanswered"]}')
    out = {'id': iid, 'name': member, 'role': role, 'unit': UNIT, 'year': YEAR,
           'sections': secs,
           'problems': [{'id': f'p{k}', 'text': t} for k, t in enumerate(probs, 1)],
           'measures': meas,
           'unanswered_problems': [probs[k - 1] for k in unans]}
    for key in ('vague', 'concrete', 'objective_excuses', 'hope_as_criticism'):
        sents = [sentence(gold, f, iid, key) for f in lab[key]]
        if len(set(sents)) != len(sents):
            sys.exit(f'{iid} {key}: duplicate sentence')
        out[key] = sents
    out.update({'recycled': [], 'copied': [], 'ghostwriter': None, 'notes': lab.get('notes', '')})
    return out


def main():
    INP.mkdir(exist_ok=True)
    GOLD.mkdir(exist_ok=True)
    rows = []
    for iid, (ext, enc, crlf, member, role) in FILES.items():
        text = (SRC / f'{iid}.src').read_text('utf-8')
        fn = f'{iid}.{ext}'
        if ext == 'docx':
            build_docx(iid, text, INP / fn, '党委办公室' if iid == 'U01' else member)
            gold = docx_text(INP / fn)
        else:
            if iid in TRUNCATED:
                text = text.rstrip('\n')
            raw = (text.replace('\n', '\r\n') if crlf else text).encode(enc)
            (INP / fn).write_bytes(raw)
            gold = raw.decode('gb18030' if enc == 'gb18030' else 'utf-8-sig').replace('\r\n', '\n')
        (GOLD / f'{iid}.txt').write_text(gold, 'utf-8')
        lab = labels(iid, gold, member, role)
        (GOLD / f'{iid}.gold.json').write_text(json.dumps(lab, ensure_ascii=False, indent=1) + '\n', 'utf-8')
        rows.append([fn, member, role, UNIT, YEAR])
    with open(ROOT / 'manifest.csv', 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['file', 'member', 'role', 'unit', 'year'])
        w.writerows(rows)
    print('built', len(rows), 'files')


if __name__ == '__main__':
    main()
