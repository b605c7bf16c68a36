#!/usr/bin/env python3
"""Check holdout13: inputs decode to gold, labels are consistent. Exit 1 on any failure."""
import csv, json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
errors = []
def err(*a): errors.append(' '.join(str(x) for x in a))

def decode(path):
    b = path.read_bytes()
    if path.suffix == '.docx':
        import docx
        d = docx.Document(str(path))
        lines = []
        # body order: paragraphs and tables
        for el in d.element.body.iterchildren():
            tag = el.tag.split('}')[1]
            if tag == 'p':
                lines.append(''.join(t.text or '' for t in el.iter('{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t')))
            elif tag == 'tbl':
                from docx.table import Table
                for row in Table(el, d).rows:
                    for cell in row.cells:
                        lines.extend(p.text for p in cell.paragraphs)
        return '\n'.join(lines)
    if b.startswith(b'\xef\xbb\xbf'):
        t = b[3:].decode('utf-8')
    elif b.startswith(b'\xff\xfe') or b.startswith(b'\xfe\xff'):
        t = b.decode('utf-16')
    else:
        try:
            t = b.decode('utf-8')
        except UnicodeDecodeError:
            t = b.decode('gb18030')
    return t.replace('\r\n', '\n')

CN = '一二三四五六七八九十'
NUM = re.compile(rf'^\s*(#+\s*)?(（[{CN}]+）|\([{CN}]+\)|[{CN}]+、|\d+\s*[.．、]\s*|（\d+）|问题[{CN}]+[：:]|[①-⑳])?\s*$')
INLINE = re.compile(rf'(^|[。；：:，,])\s*[{CN}]+是$')

def item_ok(gold, text):
    i = gold.find(text)
    while i >= 0:
        ls = gold.rfind('\n', 0, i) + 1
        prefix = gold[ls:i]
        if NUM.match(prefix) or INLINE.search(prefix):
            return True
        i = gold.find(text, i + 1)
    return False

def spans(gold, subs):
    out = []
    for s in subs:
        i = gold.find(s)
        if i < 0: continue
        out.append((i, i + len(s), s))
    return out

def section_bounds(gold, secs):
    """start offset of each section heading, end = next heading after it (any role) or EOF."""
    starts = {}
    for k, v in secs.items():
        if v is None: continue
        for m in re.finditer(r'(?m)^' + re.escape(v) + r'$', gold):
            starts[k] = m.start(); break
    order = sorted(starts.items(), key=lambda x: x[1])
    bounds = {}
    for n, (k, s) in enumerate(order):
        e = order[n + 1][1] if n + 1 < len(order) else len(gold)
        bounds[k] = (s, e)
    return bounds

def main():
    man = list(csv.DictReader(open(ROOT / 'manifest.csv', encoding='utf-8')))
    if not man or list(man[0].keys()) != ['file', 'member', 'role', 'unit', 'year']:
        err('manifest header wrong')
    tot = dict(vague=0, concrete=0, objective_excuses=0, hope_as_criticism=0, unanswered=0)
    for row in man:
        inp = ROOT / 'inputs' / row['file']
        name = Path(row['file']).stem
        gold = (ROOT / 'gold' / f'{name}.txt').read_text(encoding='utf-8')
        if gold.endswith('\n') or gold.startswith('\ufeff') or '\r' in gold:
            err(name, 'gold text has trailing newline/BOM/CR')
        if decode(inp) != gold:
            err(name, 'input does not decode to gold text')
        g = json.loads((ROOT / 'gold' / f'{name}.gold.json').read_text(encoding='utf-8'))
        keys = ['sections', 'problems', 'measures', 'unanswered_problems', 'vague', 'concrete',
                'objective_excuses', 'hope_as_criticism', 'recycled', 'copied', 'ghostwriter']
        if sorted(g) != sorted(keys): err(name, 'keys', sorted(g))
        lines = gold.split('\n')
        for k in ('problems', 'causes', 'measures', 'criticism'):
            v = g['sections'].get(k, 'MISSING')
            if v == 'MISSING': err(name, 'section key missing', k)
            elif v is not None and v not in lines: err(name, 'section not a whole line', k, v)
        ptexts = [p['text'] for p in g['problems']]
        for t in ptexts + [m['text'] for m in g['measures']]:
            if not item_ok(gold, t): err(name, 'item text not found after number/line start:', t)
            if len(t) != 20: err(name, 'item text not 20 chars:', t)
        answered = set()
        for m in g['measures']:
            for a in m['answers']:
                if a not in ptexts: err(name, 'answer points to unknown problem', a)
                answered.add(a)
        exp_un = [t for t in ptexts if t not in answered] if g['measures'] else ptexts
        if g['sections']['measures'] is None and g['measures']: err(name, 'measures without measures section')
        if sorted(exp_un) != sorted(g['unanswered_problems']):
            err(name, 'unanswered mismatch', exp_un, g['unanswered_problems'])
        for k in ('vague', 'concrete', 'objective_excuses', 'hope_as_criticism'):
            for s in g[k]:
                if gold.count(s) == 0: err(name, k, 'not a substring:', s)
        sv = spans(gold, g['vague']); sc = spans(gold, g['concrete'])
        for a in sv:
            for b in sc:
                if a[0] < b[1] and b[0] < a[1]: err(name, 'vague/concrete overlap', a[2], '|', b[2])
        if set(g['vague']) & set(g['concrete']): err(name, 'vague ∩ concrete not empty')
        b = section_bounds(gold, g['sections'])
        for k, sec in (('objective_excuses', 'causes'), ('hope_as_criticism', 'criticism')):
            if g[k] and sec not in b: err(name, k, 'labelled but no', sec, 'section')
            if sec in b:
                s0, e0 = b[sec]
                for s in g[k]:
                    i = gold.find(s)
                    if not (s0 < i and i + len(s) <= e0): err(name, k, 'outside', sec, 'section:', s)
        for k in ('vague', 'concrete', 'objective_excuses', 'hope_as_criticism'):
            tot[k] += len(g[k])
        tot['unanswered'] += len(g['unanswered_problems'])
        n = len(gold)
        print(f'{name} {row["file"]:10} {n:5d} chars  P{len(ptexts)} M{len(g["measures"])} '
              f'un{len(g["unanswered_problems"])} v{len(g["vague"])} c{len(g["concrete"])} '
              f'e{len(g["objective_excuses"])} h{len(g["hope_as_criticism"])}')
    print('TOTAL', tot)
    if tot['vague'] < 40 or tot['concrete'] < 50 or tot['objective_excuses'] < 8 or tot['hope_as_criticism'] < 8:
        err('label totals below targets', tot)
    if not 2 <= tot['unanswered'] <= 6: err('unanswered total out of 2..6', tot['unanswered'])
    for e in errors: print('ERROR', e)
    print('OK' if not errors else f'{len(errors)} errors')
    sys.exit(1 if errors else 0)

if __name__ == '__main__':
    main()
