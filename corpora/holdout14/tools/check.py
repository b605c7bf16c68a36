#!/usr/bin/env python3
"""Check the holdout14 corpus: inputs decode to gold text, labels are consistent substrings."""
import csv, json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from common import read_input, MARKER

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KEYS = {'sections', 'problems', 'measures', 'unanswered_problems', 'vague', 'concrete',
        'objective_excuses', 'hope_as_criticism', 'recycled', 'copied', 'ghostwriter'}
errors = []
def err(*a):
    errors.append(' '.join(str(x) for x in a))

def spans(text, s):
    out, i = [], text.find(s)
    while i >= 0:
        out.append((i, i + len(s))); i = text.find(s, i + 1)
    return out

tot = {k: 0 for k in ('problems', 'measures', 'unanswered_problems', 'vague', 'concrete', 'objective_excuses', 'hope_as_criticism')}
rows = list(csv.DictReader(open(os.path.join(OUT, 'manifest.csv'), encoding='utf-8')))
assert list(rows[0].keys()) == ['file', 'member', 'role', 'unit', 'year'], rows[0].keys()
for row in rows:
    fn = row['file']; name = os.path.splitext(fn)[0]
    gold = open(os.path.join(OUT, 'gold', name + '.txt'), encoding='utf-8', newline='').read()
    if gold.endswith('\n') or '\r' in gold or gold.startswith('\ufeff'):
        err(name, 'gold text not canonical')
    got = read_input(os.path.join(OUT, 'inputs', fn)).rstrip('\n')
    if got != gold:
        err(name, 'input does not decode to gold text')
    g = json.load(open(os.path.join(OUT, 'gold', name + '.gold.json'), encoding='utf-8'))
    if set(g) != KEYS:
        err(name, 'keys', set(g) ^ KEYS)
    lines = gold.split('\n')
    secpos = {}
    for k in ('problems', 'causes', 'measures', 'criticism'):
        v = g['sections'].get(k)
        if v is None:
            continue
        if lines.count(v) != 1:
            err(name, 'section not a unique whole line', k, v)
        else:
            secpos[k] = gold.index(v)
    if 'problems' not in secpos:
        err(name, 'no problems section')
    def item_ok(t):
        for l in lines:
            m = MARKER.match(l)
            rest = l[m.end():] if m else l
            if rest.startswith(t) and (len(t) == 20 or rest == t or len(rest) == len(t)):
                return True
        return False
    ptexts = [p['text'] for p in g['problems']]
    for t in ptexts:
        if not item_ok(t):
            err(name, 'problem text not an item prefix', t)
    if len(set(ptexts)) != len(ptexts):
        err(name, 'duplicate problem texts')
    answered = set()
    for m in g['measures']:
        if not item_ok(m['text']):
            err(name, 'measure text not an item prefix', m['text'])
        for a in m['answers']:
            if a not in ptexts:
                err(name, 'answer points nowhere', a)
            answered.add(a)
    if g['sections'].get('measures') is None and g['measures']:
        err(name, 'measures without section')
    exp_un = [p for p in ptexts if p not in answered]
    if g['unanswered_problems'] != exp_un:
        err(name, 'unanswered mismatch', g['unanswered_problems'], exp_un)
    allspans = {}
    for k in ('vague', 'concrete', 'objective_excuses', 'hope_as_criticism'):
        allspans[k] = []
        for s in g[k]:
            sp = spans(gold, s)
            if not sp:
                err(name, k, 'not a substring', s); continue
            if len(sp) > 1:
                err(name, k, 'ambiguous (occurs %d times)' % len(sp), s)
            allspans[k].extend(sp)
            a = sp[0][0]
            if k == 'objective_excuses':
                if 'causes' not in secpos or a < secpos['causes']:
                    err(name, 'excuse not after causes heading', s)
                nxt = [p for kk, p in secpos.items() if p > secpos.get('causes', 10**9)]
                if nxt and a > min(nxt):
                    err(name, 'excuse beyond causes part', s)
            if k == 'hope_as_criticism':
                if 'criticism' not in secpos or a < secpos['criticism']:
                    err(name, 'hope not after criticism heading', s)
    for va in allspans['vague']:
        for co in allspans['concrete']:
            if va[0] < co[1] and co[0] < va[1]:
                err(name, 'vague/concrete overlap', gold[va[0]:va[1]], '|', gold[co[0]:co[1]])
    n = len(gold)
    print(f'{name:8s} {fn:14s} chars={n:5d} P={len(ptexts)} M={len(g["measures"])} U={len(exp_un)} '
          f'vague={len(g["vague"])} concrete={len(g["concrete"])} exc={len(g["objective_excuses"])} hope={len(g["hope_as_criticism"])}')
    for k in tot:
        tot[k] += len(g[k])
print('TOTAL', tot)
if errors:
    print('\n'.join(errors)); sys.exit(1)
print('OK')
