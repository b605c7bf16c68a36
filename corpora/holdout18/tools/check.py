"""Check holdout18 gold labels: every label string occurs verbatim in gold/ID.txt; print counts and totals.
Run: /work/wt/lead/.venv/bin/python tools/check.py
"""
import csv, json, pathlib, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
GOLD = ROOT / 'gold'
KEYS = ['vague', 'concrete', 'objective_excuses', 'hope_as_criticism']
MIN = {'vague': 40, 'concrete': 50, 'objective_excuses': 8, 'hope_as_criticism': 8}
errors = []


def need(cond, msg):
    if not cond:
        errors.append(msg)


manifest = {r['file']: r for r in csv.DictReader(open(ROOT / 'manifest.csv', encoding='utf-8'))}
tot = {k: 0 for k in KEYS + ['problems', 'measures', 'unanswered', 'chars']}
print(f"{'id':4} {'file':9} {'chars':>5} {'prob':>4} {'meas':>4} {'unans':>5} {'vague':>5} {'concr':>5} {'excuse':>6} {'hope':>4}")
for gj in sorted(GOLD.glob('*.gold.json')):
    iid = gj.name.split('.')[0]
    text = (GOLD / f'{iid}.txt').read_text('utf-8')
    lines = set(text.split('\n'))
    g = json.loads(gj.read_text('utf-8'))
    inputs = [p.name for p in (ROOT / 'inputs').glob(f'{iid}.*')]
    need(len(inputs) == 1 and inputs[0] in manifest, f'{iid}: input/manifest mismatch {inputs}')
    for role, h in g['sections'].items():
        if h is not None:
            need(h in lines, f'{iid}: section {role} not a whole line: {h!r}')
    ptexts = [p['text'] for p in g['problems']]
    for t in ptexts:
        need(t in text and len(t) <= 20, f'{iid}: problem not found/too long: {t!r}')
    for m in g['measures']:
        need(m['text'] in text and len(m['text']) <= 20, f'{iid}: measure not found: {m["text"]!r}')
        for a in m['answers']:
            need(a in ptexts, f'{iid}: answer not a problem: {a!r}')
    answered = {a for m in g['measures'] for a in m['answers']}
    need(sorted(g['unanswered_problems']) == sorted(t for t in ptexts if t not in answered),
         f'{iid}: unanswered_problems inconsistent')
    if g['sections'].get('measures') is None:
        need(len(g['unanswered_problems']) == len(ptexts), f'{iid}: no measures but problems answered')
    for k in KEYS:
        for s in g[k]:
            need(s in text, f'{iid}: {k} not verbatim: {s!r}')
    for s in g['vague']:
        need(s not in g['concrete'], f'{iid}: sentence both vague and concrete: {s!r}')
    n = {k: len(g[k]) for k in KEYS}
    print(f"{iid:4} {inputs[0] if inputs else '-':9} {len(text):5} {len(ptexts):4} {len(g['measures']):4} "
          f"{len(g['unanswered_problems']):5} {n['vague']:5} {n['concrete']:5} {n['objective_excuses']:6} {n['hope_as_criticism']:4}")
    for k in KEYS:
        tot[k] += n[k]
    tot['problems'] += len(ptexts)
    tot['measures'] += len(g['measures'])
    tot['unanswered'] += len(g['unanswered_problems'])
    tot['chars'] += len(text)
print('totals:', ', '.join(f'{k}={v}' for k, v in tot.items()))
for k, v in MIN.items():
    need(tot[k] >= v, f'total {k}={tot[k]} below {v}')
need(2 <= tot['unanswered'] <= 6, f'unanswered total {tot["unanswered"]} not in 2..6')
if errors:
    print('\n'.join('ERROR ' + e for e in errors))
    sys.exit(1)
print('all labels verbatim; minimums met')
