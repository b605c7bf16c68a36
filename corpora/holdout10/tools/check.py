#!/usr/bin/env python3
"""Check the corpus: inputs decode to gold, labels are consistent. Run with /work/main/.venv/bin/python."""
import csv
import json
import os
import re
import sys

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KEYS = ['sections', 'problems', 'measures', 'unanswered_problems', 'vague', 'concrete',
        'objective_excuses', 'hope_as_criticism', 'recycled', 'copied', 'ghostwriter']
NUM = re.compile(r'^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|'
                 r'[一二三四五六七八九十]+是|问题\d+[：:]|整改措施[：:]|#+\s*)*\s*$')
errors = []


def err(name, msg):
    errors.append('%s: %s' % (name, msg))


def decode(path):
    if path.endswith('.docx'):
        import docx
        d = docx.Document(path)
        lines = []
        body = d.element.body
        for child in body.iterchildren():
            tag = child.tag.split('}')[1]
            if tag == 'p':
                lines.append(''.join(t.text or '' for t in child.iter() if t.tag.endswith('}t')))
            elif tag == 'tbl':
                for row in child.iter():
                    if row.tag.endswith('}tc'):
                        for p in row.iter():
                            if p.tag.endswith('}p'):
                                lines.append(''.join(t.text or '' for t in p.iter() if t.tag.endswith('}t')))
        return '\n'.join(lines)
    raw = open(path, 'rb').read()
    if raw.startswith(b'\xef\xbb\xbf'):
        t = raw[3:].decode('utf-8')
    else:
        try:
            t = raw.decode('utf-8')
        except UnicodeDecodeError:
            t = raw.decode('gb18030')
    return t.replace('\r\n', '\n')


def occurrences(text, s):
    out, i = [], text.find(s)
    while i >= 0:
        out.append((i, i + len(s)))
        i = text.find(s, i + 1)
    return out


def main():
    rows = list(csv.DictReader(open(os.path.join(OUT, 'manifest.csv'), encoding='utf-8')))
    assert list(rows[0].keys()) == ['file', 'member', 'role', 'unit', 'year']
    tot = {k: 0 for k in ['problems', 'measures', 'unanswered_problems', 'vague', 'concrete',
                          'objective_excuses', 'hope_as_criticism']}
    print('%-10s %5s %3s %3s %3s %3s %3s %3s %3s' % ('file', 'chars', 'P', 'M', 'U', 'vag', 'con', 'exc', 'hop'))
    for r in rows:
        fname = r['file']
        name = os.path.splitext(fname)[0]
        gold = open(os.path.join(OUT, 'gold', name + '.txt'), encoding='utf-8', newline='').read()
        if gold.startswith('\ufeff') or '\r' in gold or gold.endswith('\n'):
            err(name, 'gold text has BOM/CR/trailing newline')
        if decode(os.path.join(OUT, 'inputs', fname)) != gold:
            err(name, 'input does not decode to gold text')
        g = json.load(open(os.path.join(OUT, 'gold', name + '.gold.json'), encoding='utf-8'))
        if list(g.keys()) != KEYS:
            err(name, 'keys %s' % list(g.keys()))
        lines = gold.split('\n')
        sec_pos = {}
        for k, v in g['sections'].items():
            if v is None:
                continue
            if v not in lines:
                err(name, 'section %s not a whole line: %r' % (k, v))
                continue
            sec_pos[k] = gold.index(v if gold.startswith(v) else '\n' + v) + (0 if gold.startswith(v) else 1)
        ptexts = [p['text'] for p in g['problems']]

        def check_item(t, kind):
            if '\n' in t:
                err(name, '%s text crosses a line: %r' % (kind, t))
            occ = occurrences(gold, t)
            ok = False
            for s, e in occ:
                ls = gold.rfind('\n', 0, s) + 1
                if NUM.match(gold[ls:s]):
                    ok = True
            if not ok:
                err(name, '%s text not found after a number/line start: %r' % (kind, t))
            le = gold.find('\n', occ[0][0]) if occ else -1
            if occ and len(t) < 20 and not (le == occ[0][1] or occ[0][1] == len(gold)):
                err(name, '%s text shorter than 20 but not at line end: %r' % (kind, t))
        for t in ptexts:
            check_item(t, 'problem')
        answered = set()
        for m in g['measures']:
            check_item(m['text'], 'measure')
            for a in m['answers']:
                if a not in ptexts:
                    err(name, 'answer points nowhere: %r' % a)
                answered.add(a)
        if g['sections'].get('measures') is None and g['measures']:
            err(name, 'measures without a measures section')
        expect_un = [t for t in ptexts if t not in answered]
        if g['unanswered_problems'] != expect_un:
            err(name, 'unanswered %r != %r' % (g['unanswered_problems'], expect_un))
        spans = {}
        for k in ['vague', 'concrete', 'objective_excuses', 'hope_as_criticism']:
            spans[k] = []
            for s in g[k]:
                occ = occurrences(gold, s)
                if not occ:
                    err(name, '%s label not in text: %r' % (k, s))
                spans[k].extend(occ)
        vs, cs = set(g['vague']), set(g['concrete'])
        if vs & cs:
            err(name, 'vague ∩ concrete: %r' % (vs & cs))
        for a in spans['vague']:
            for b in spans['concrete']:
                if a[0] < b[1] and b[0] < a[1]:
                    err(name, 'vague and concrete overlap: %r / %r' % (gold[a[0]:a[1]], gold[b[0]:b[1]]))
        for k in ['vague', 'concrete']:
            for s in g[k]:
                if not s.rstrip('\n').strip():
                    err(name, 'empty label')
        # excuses inside the causes part, hopes inside the criticism part
        order = sorted(sec_pos.items(), key=lambda kv: kv[1])

        def part_end(key):
            st = sec_pos[key]
            later = [p for k, p in order if p > st]
            return min(later) if later else len(gold)
        for k, sk in (('objective_excuses', 'causes'), ('hope_as_criticism', 'criticism')):
            if not spans[k]:
                continue
            if sk not in sec_pos:
                err(name, '%s labels but no %s section' % (k, sk))
                continue
            st, en = sec_pos[sk], part_end(sk)
            if sk == 'measures':
                pass
            for s, e in spans[k]:
                if not (st < s and e <= en):
                    err(name, '%s label outside %s part: %r' % (k, sk, gold[s:e]))
        n = len(gold.replace('\n', ''))
        print('%-10s %5d %3d %3d %3d %3d %3d %3d %3d' % (
            fname, n, len(ptexts), len(g['measures']), len(g['unanswered_problems']), len(g['vague']),
            len(g['concrete']), len(g['objective_excuses']), len(g['hope_as_criticism'])))
        for k in tot:
            tot[k] += len(g[k])
    print('total', tot)
    if tot['vague'] < 40 or tot['concrete'] < 50 or tot['objective_excuses'] < 8 or tot['hope_as_criticism'] < 8:
        err('corpus', 'label counts below targets: %s' % tot)
    if not 2 <= tot['unanswered_problems'] <= 6:
        err('corpus', 'unanswered problems %d not in 2..6' % tot['unanswered_problems'])
    for e in errors:
        print('ERROR', e)
    print('OK' if not errors else '%d errors' % len(errors))
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
