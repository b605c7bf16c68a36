#!/usr/bin/env python3
"""Build inputs/ and gold/ from tools/src (draft text + label spec).

Run with /work/main/.venv/bin/python (needs python-docx).
Label spec (src/Dxx.json): sections give a unique line prefix; problems/measures give a unique
item prefix (after the item marker); measures' answers are indices into problems.
"""
import json, os, re, sys, csv, datetime
sys.path.insert(0, os.path.dirname(__file__))
from common import fullwidth, MARKER

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
SRC = os.path.join(HERE, 'src')

UNIT = '中共青川区人大常委会党组'
# id, file name, member, role, format
SPEC = [
    ('D01', 'h14-01.docx', '周振邦', '党组书记、主任', 'docx-textbox'),
    ('D02', 'h14-02.txt', '韩素梅', '党组副书记、副主任', 'gb18030'),
    ('D03', 'h14-03.txt', '邵光明', '副主任', 'utf8-bom'),
    ('D04', 'h14-04.md', '钱立新', '副主任', 'utf8'),
    ('D05', 'h14-05.txt', '林海燕', '副主任', 'utf8-crlf'),
    ('D06', 'h14-06.docx', '宋建华', '党组成员、秘书长', 'docx'),
    ('D07', 'h14-07.txt', '谢文涛', '党组成员、法制委员会主任', 'utf8'),
    ('D08', 'h14-08.txt', '唐慧', '财政经济委员会主任', 'utf8-bom-crlf'),
    ('D09', 'h14-09.txt', '马国栋', '副主任', 'utf8'),
    ('D10', 'h14-10.txt', '曹丽萍', '党组成员、代表工作委员会主任', 'utf8'),
]
FULLWIDTH = {'D03'}

def find_line(lines, prefix):
    hits = [l for l in lines if l.startswith(prefix)]
    if len(hits) != 1:
        raise SystemExit(f'section prefix {prefix!r}: {len(hits)} hits')
    return hits[0]

def items(lines, start, end, prefixes, what):
    out = []
    for pre in prefixes:
        hits = []
        for l in lines[start:end]:
            m = MARKER.match(l)
            rest = l[m.end():] if m else l
            if rest.startswith(pre):
                hits.append(rest[:20])
        if len(hits) != 1:
            raise SystemExit(f'{what} prefix {pre!r}: {len(hits)} hits')
        out.append(hits[0])
    return out

def gold_for(did, text, spec):
    fw = did in FULLWIDTH
    conv = fullwidth if fw else (lambda s: s)
    lines = text.split('\n')
    sec = {}
    for k in ('problems', 'causes', 'measures', 'criticism'):
        v = spec['sections'][k]
        sec[k] = find_line(lines, conv(v)) if v else None
    idx = {k: lines.index(v) for k, v in sec.items() if v}
    order = sorted(idx.values())
    def rng(k):
        s = idx[k]; nxt = [i for i in order if i > s]
        return s + 1, (nxt[0] if nxt else len(lines))
    probs = items(lines, *rng('problems'), [conv(p) for p in spec['problems']], 'problem')
    meas = []
    if spec['measures']:
        mtexts = items(lines, *rng('measures'), [conv(m[0]) for m in spec['measures']], 'measure')
        for t, (pre, ans) in zip(mtexts, spec['measures']):
            meas.append({'text': t, 'answers': [probs[i] for i in ans]})
    answered = {a for m in meas for a in m['answers']}
    g = {
        'sections': sec,
        'problems': [{'text': p} for p in probs],
        'measures': meas,
        'unanswered_problems': [p for p in probs if p not in answered],
        'vague': [conv(s) for s in spec['vague']],
        'concrete': [conv(s) for s in spec['concrete']],
        'objective_excuses': [conv(s) for s in spec['objective_excuses']],
        'hope_as_criticism': [conv(s) for s in spec['hope_as_criticism']],
        'recycled': [], 'copied': [], 'ghostwriter': None,
    }
    for k in ('vague', 'concrete', 'objective_excuses', 'hope_as_criticism'):
        for s in g[k]:
            if text.count(s) < 1:
                raise SystemExit(f'{did} {k} not found: {s}')
    return g

HEAD = re.compile(r'^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）在)')

def write_docx(path, lines, member, textbox):
    import docx
    from docx.shared import Pt
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    d = docx.Document()
    st = d.styles['Normal']
    st.font.name = '仿宋_GB2312'; st.font.size = Pt(16)
    st.element.rPr.rFonts.set(qn('w:eastAsia'), '仿宋_GB2312')
    body_lines = lines
    if textbox:
        title = lines[0]; body_lines = lines[1:]
        p0 = d.add_paragraph()
        esc = title.replace('&', '&amp;').replace('<', '&lt;')
        para = ('<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="方正小标宋简体" '
                'w:eastAsia="方正小标宋简体" w:hAnsi="方正小标宋简体"/><w:sz w:val="44"/></w:rPr>'
                f'<w:t>{esc}</w:t></w:r></w:p>')
        xml = (
            '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
            'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
            '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" '
            'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>'
            '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
            '<wp:extent cx="5400000" cy="720000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
            '<wp:docPr id="1" name="文本框 1"/><wp:cNvGraphicFramePr/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5400000" cy="720000"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
            f'<wps:txbx><w:txbxContent>{para}</w:txbxContent></wps:txbx>'
            '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr>'
            '</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
            '<mc:Fallback><w:pict><v:shape id="文本框 1" o:spid="_x0000_s1026" type="#_x0000_t202" '
            'style="position:absolute;margin-left:0;margin-top:0;width:425.2pt;height:56.7pt;z-index:251659264;'
            'mso-position-horizontal:center;mso-position-horizontal-relative:margin" filled="f" stroked="f">'
            f'<v:textbox><w:txbxContent>{para}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
            '</mc:AlternateContent></w:r>')
        p0._p.append(parse_xml(xml))
    for i, l in enumerate(body_lines):
        p = d.add_paragraph()
        r = p.add_run(l)
        if (not textbox and i < 2) or (textbox and i < 2 and not HEAD.match(l)):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if not textbox and i == 1:
                r.bold = True
        elif HEAD.match(l):
            r.bold = True
        else:
            p.paragraph_format.first_line_indent = Pt(32)
    cp = d.core_properties
    cp.author = member; cp.last_modified_by = member
    cp.created = cp.modified = datetime.datetime(2021, 1, 20, 9, 30)
    cp.title = ''; cp.revision = 3
    d.save(path)

def main():
    os.makedirs(os.path.join(OUT, 'inputs'), exist_ok=True)
    os.makedirs(os.path.join(OUT, 'gold'), exist_ok=True)
    rows = []
    for did, fname, member, role, fmt in SPEC:
        text = open(os.path.join(SRC, did + '.txt'), encoding='utf-8').read().rstrip('\n')
        assert '\r' not in text and not text.startswith('\ufeff')
        if did in FULLWIDTH:
            text = fullwidth(text)
        spec = json.load(open(os.path.join(SRC, did + '.json'), encoding='utf-8'))
        g = gold_for(did, text, spec)
        name = os.path.splitext(fname)[0]
        ip = os.path.join(OUT, 'inputs', fname)
        if fmt.startswith('docx'):
            write_docx(ip, text.split('\n'), member, fmt == 'docx-textbox')
        else:
            body = text + '\n'
            if 'crlf' in fmt:
                body = body.replace('\n', '\r\n')
            if fmt == 'gb18030':
                data = body.encode('gb18030')
            else:
                data = body.encode('utf-8')
                if 'bom' in fmt:
                    data = b'\xef\xbb\xbf' + data
            open(ip, 'wb').write(data)
        with open(os.path.join(OUT, 'gold', name + '.txt'), 'w', encoding='utf-8', newline='') as f:
            f.write(text)
        with open(os.path.join(OUT, 'gold', name + '.gold.json'), 'w', encoding='utf-8') as f:
            json.dump(g, f, ensure_ascii=False, indent=1)
        rows.append([fname, member, role, UNIT, 2020])
    with open(os.path.join(OUT, 'manifest.csv'), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['file', 'member', 'role', 'unit', 'year'])
        w.writerows(rows)
    print('built', len(rows))

if __name__ == '__main__':
    main()
