#!/usr/bin/env python3
"""Build holdout15: tools/src/*.src (annotated UTF-8 sources) -> inputs/ + gold/ + manifest.csv.

Source markup (removed from the text):
  {S:problems|causes|measures|criticism}  the line containing it is that part's section line
  {P}            a problem item starts here (item text = next 20 chars of the line)
  {M:1,3}        a measure item starts here and answers problems no. 1 and 3 (document order)
  {v:...} {c:...} {e:...} {h:...}   vague / concrete / objective excuse / hope-as-criticism spans (may nest)
docx sources: a line starting "H2|" is a Heading 2 paragraph with automatic (一、) numbering,
  "LI|" a List Number paragraph with automatic (1.) numbering (restarts after each H2), "TT|" a centred title.
Run with /work/main/.venv/bin/python (python-docx).
"""
import csv, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
SRC = os.path.join(HERE, 'src')

# name: (input file, format, member, role)
META = [
    ('H01', 'H01_周致远.txt', 'utf8', '周致远', '党委书记、行长'),
    ('H02', 'H02_韩立群_发言提纲.md', 'utf8', '韩立群', '党委副书记'),
    ('H03', 'H03_沈慧敏.txt', 'gb18030crlf', '沈慧敏', '党委委员、纪委书记'),
    ('H04', 'H04_杜明川.txt', 'utf8bom', '杜明川', '党委委员、副行长'),
    ('H05', 'H05_林晓岚.docx', 'docx', '林晓岚', '党委委员、副行长'),
    ('H06', 'H06_葛振华.txt', 'utf8crlf', '葛振华', '党委委员、副行长'),
    ('H07', 'H07_罗建平.txt', 'utf8', '罗建平', '党委委员、工会主席'),
    ('H08', 'H08_贺文涛.txt', 'utf8', '贺文涛', '党委委员、首席风险官'),
    ('H09', 'H09_吴启航.docx', 'docx', '吴启航', '党委委员、副行长（2021年9月到任）'),
    ('H10', 'H10_班子对照检查材料.txt', 'utf8', '班子', '领导班子（班子对照检查材料）'),
]
UNIT = '中共中国恒通银行澜江省分行委员会'
YEAR = '2021'

TOKEN = re.compile(r'\{(S:[a-z]+|P|M:[0-9,]+)\}|\{([vceh]):|(\})')
KIND = {'v': 'vague', 'c': 'concrete', 'e': 'objective_excuses', 'h': 'hope_as_criticism'}


def parse(raw):
    out, pos, stack = [], 0, []
    spans = {k: [] for k in KIND.values()}
    marks = []  # (kind, offset, arg)
    length = 0
    for m in TOKEN.finditer(raw):
        chunk = raw[pos:m.start()]
        out.append(chunk); length += len(chunk)
        pos = m.end()
        tok = m.group(1) or m.group(2)
        if m.group(3):  # closing brace
            if not stack:
                raise SystemExit('unbalanced } near: ' + raw[max(0, m.start()-30):m.start()])
            kind, start = stack.pop()
            spans[KIND[kind]].append((start, length))
        elif m.group(2):
            stack.append((tok[0], length))
        elif tok == 'P':
            marks.append(('P', length, None))
        elif tok.startswith('M:'):
            marks.append(('M', length, [int(x) for x in tok[2:].split(',')]))
        elif tok.startswith('S:'):
            marks.append(('S', length, tok[2:]))
    if stack:
        raise SystemExit('unclosed span')
    out.append(raw[pos:])
    return ''.join(out), spans, marks


def line_at(text, off):
    s = text.rfind('\n', 0, off) + 1
    e = text.find('\n', off)
    return text[s:e if e >= 0 else len(text)]


def item_text(text, off):
    e = text.find('\n', off)
    e = len(text) if e < 0 else e
    return text[off:min(off + 20, e)]


def build_one(name, fname, fmt):
    raw = open(os.path.join(SRC, name + '.src'), encoding='utf-8').read().rstrip('\n')
    # docx line prefixes
    kinds = []
    if fmt == 'docx':
        lines = raw.split('\n')
        clean = []
        for ln in lines:
            k = 'P'
            for pre in ('H2|', 'LI|', 'TT|'):
                if ln.startswith(pre):
                    k, ln = pre[:2], ln[3:]
            kinds.append(k); clean.append(ln)
        raw = '\n'.join(clean)
    text, spans, marks = parse(raw)
    sections = {'problems': None, 'causes': None, 'measures': None, 'criticism': None}
    problems, measures = [], []
    for kind, off, arg in marks:
        if kind == 'S':
            sections[arg] = line_at(text, off)
        elif kind == 'P':
            problems.append(item_text(text, off))
        elif kind == 'M':
            measures.append((item_text(text, off), arg))
    mlist = [{'text': t, 'answers': [problems[i - 1] for i in a]} for t, a in measures]
    answered = {p for m in mlist for p in m['answers']}
    gold = {
        'sections': sections,
        'problems': [{'text': p} for p in problems],
        'measures': mlist,
        'unanswered_problems': [p for p in problems if p not in answered],
    }
    for k in ('vague', 'concrete', 'objective_excuses', 'hope_as_criticism'):
        seen = []
        for s, e in spans[k]:
            t = text[s:e]
            if t not in seen:
                seen.append(t)
        gold[k] = seen
    gold['recycled'] = []
    gold['copied'] = []
    gold['ghostwriter'] = None
    order = ['sections', 'problems', 'measures', 'unanswered_problems', 'vague', 'concrete',
             'objective_excuses', 'hope_as_criticism', 'recycled', 'copied', 'ghostwriter']
    gold = {k: gold[k] for k in order}
    with open(os.path.join(OUT, 'gold', name + '.txt'), 'w', encoding='utf-8', newline='') as f:
        f.write(text)
    with open(os.path.join(OUT, 'gold', name + '.gold.json'), 'w', encoding='utf-8') as f:
        json.dump(gold, f, ensure_ascii=False, indent=1)
    path = os.path.join(OUT, 'inputs', fname)
    if fmt == 'docx':
        write_docx(path, text.split('\n'), kinds, name)
    else:
        data = text
        if fmt.endswith('crlf'):
            data = data.replace('\n', '\r\n')
        enc = {'utf8': 'utf-8', 'utf8bom': 'utf-8-sig', 'gb18030crlf': 'gb18030',
               'utf8crlf': 'utf-8'}[fmt]
        # no final newline, so the decoded input equals the gold text exactly
        with open(path, 'wb') as f:
            f.write(data.encode(enc))
    return text


def write_docx(path, lines, kinds, name):
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Pt
    from datetime import datetime
    d = docx.Document()
    st = d.styles['Normal']
    st.font.name = '仿宋_GB2312'; st.font.size = Pt(16)
    st.element.rPr.rFonts.set(qn('w:eastAsia'), '仿宋_GB2312')
    h2 = d.styles['Heading 2']
    h2.font.name = '黑体'; h2.font.size = Pt(16)
    h2.element.rPr.rFonts.set(qn('w:eastAsia'), '黑体')
    numbering = d.part.numbering_part.element
    first_num = numbering.find(qn('w:num'))

    def add_abstract(aid, fmt, lvltext, left):
        xml = ('<w:abstractNum %s w:abstractNumId="%d"><w:multiLevelType w:val="singleLevel"/>'
               '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="%s"/><w:lvlText w:val="%s"/>'
               '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="%d" w:firstLine="0"/></w:pPr></w:lvl>'
               '</w:abstractNum>') % (nsdecls('w'), aid, fmt, lvltext, left)
        el = parse_xml(xml)
        if first_num is not None:
            first_num.addprevious(el)
        else:
            numbering.append(el)

    add_abstract(801, 'chineseCounting', '%1、', 0)
    add_abstract(802, 'decimal', '%1.', 0)
    next_id = [900]

    def new_num(aid):
        next_id[0] += 1
        nid = next_id[0]
        numbering.append(parse_xml(
            '<w:num %s w:numId="%d"><w:abstractNumId w:val="%d"/><w:lvlOverride w:ilvl="0">'
            '<w:startOverride w:val="1"/></w:lvlOverride></w:num>' % (nsdecls('w'), nid, aid)))
        return nid

    head_num = new_num(801)
    list_num = None

    def set_num(p, nid):
        numPr = p._p.get_or_add_pPr().get_or_add_numPr()
        numPr.get_or_add_ilvl().val = 0
        numPr.get_or_add_numId().val = nid

    for ln, k in zip(lines, kinds):
        if k == 'H2':
            p = d.add_paragraph(ln, style='Heading 2')
            set_num(p, head_num)
            list_num = None
        elif k == 'LI':
            if list_num is None:
                list_num = new_num(802)
            p = d.add_paragraph(ln, style='List Number')
            set_num(p, list_num)
        elif k == 'TT':
            p = d.add_paragraph(ln)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for r in p.runs:
                r.bold = True
        else:
            d.add_paragraph(ln)
    cp = d.core_properties
    cp.author = 'Administrator'; cp.last_modified_by = 'Administrator'
    cp.created = datetime(2022, 1, 10, 9, 12, 0); cp.modified = datetime(2022, 1, 12, 16, 40, 0)
    cp.title = ''
    d.save(path)


def main():
    rows = []
    for name, fname, fmt, member, role in META:
        text = build_one(name, fname, fmt)
        rows.append([fname, member, role, UNIT, YEAR])
        print('%s %-28s %5d chars' % (name, fname, len(text)))
    with open(os.path.join(OUT, 'manifest.csv'), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['file', 'member', 'role', 'unit', 'year'])
        w.writerows(rows)


if __name__ == '__main__':
    only = sys.argv[1:]
    if only:
        META[:] = [m for m in META if m[0] in only]
    main()
