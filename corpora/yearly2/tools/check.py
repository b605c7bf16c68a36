#!/usr/bin/env python3
"""Self-check for the yearly2 corpus (labels vs. drafts). Run: python3 tools/check.py [-v]

Checks:
  * every label string (repeated, stale, claimed_done_but_repeated, measure_repeated) is an exact
    substring of its draft;
  * every repeated / claimed_done label is exactly the first 20 characters of a numbered item in the
    problems section (text after "N." / "N、"), and claimed_done is a subset of repeated;
  * every measure_repeated label is the first 20 characters of a numbered item in the measures section;
  * every stale string occurs once in the draft, inside the measures section, and parses to a date
    before meeting_date; every fresh string (fresh.json) occurs in the measures section and does not;
  * unreported == (the draft has no 上年度/上次…整改落实情况 section);
  * manifests list every file, drafts are 1,200-2,500 characters, every member has history.
With -v, prints for each problem item its most similar earlier item (character-bigram Dice) as a
review aid; similarity is NOT the labelling criterion.
"""
import csv, datetime, json, os, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
L1 = re.compile(r'^[一二三四五六七八九十]+、(.*)$')
ITEM = re.compile(r'^(\d+)[.．、](.*)$')


def role(h):
    if re.search('原因|根源', h): return 'causes'
    if re.search('上年度|上次|整改落实情况', h): return 'lastyear'
    if '案例' in h: return 'case'
    if '批评' in h: return 'criticism'
    if re.search('措施|努力方向|整改方向', h): return 'measures'
    if '问题' in h: return 'problems'
    return 'other'


def parse(text):
    """-> dict role -> {'text': str, 'items': [item text]}"""
    secs, cur = {}, None
    for line in text.split('\n'):
        m = L1.match(line)
        if m:
            cur = role(m.group(1))
            secs.setdefault(cur, {'text': '', 'items': []})
            continue
        if cur is None:
            continue
        secs[cur]['text'] += line + '\n'
        m = ITEM.match(line)
        if m:
            secs[cur]['items'].append(m.group(2))
    return secs


def end_date(s):
    """Latest day a deadline string allows; None if relative (会后15日内, 立行立改, 年底前 without year...)."""
    m = re.match(r'^(\d{4})年(.*)$', s)
    if not m:
        return None
    y, rest = int(m.group(1)), m.group(2)
    mm = re.match(r'^(\d{1,2})月(\d{1,2})日', rest)
    if mm:
        return datetime.date(y, int(mm.group(1)), int(mm.group(2)))
    mm = re.match(r'^(\d{1,2})月', rest)
    if mm:
        mo = int(mm.group(1))
        nxt = datetime.date(y + (mo == 12), mo % 12 + 1, 1)
        return nxt - datetime.timedelta(days=1)
    mm = re.match(r'^第([一二三四])季度', rest)
    if mm:
        q = '一二三四'.index(mm.group(1)) + 1
        return datetime.date(y + (q == 4), (q * 3) % 12 + 1, 1) - datetime.timedelta(days=1)
    if rest.startswith('底') or rest.startswith('年底') or rest.startswith('内'):
        return datetime.date(y, 12, 31)
    if rest.startswith('汛'):
        return datetime.date(y, 6, 30)      # main flood season starts ~May/June
    if rest.startswith('秋季学期'):
        return datetime.date(y, 9, 1)
    if rest.startswith('春节'):
        return datetime.date(y, 2, 28)
    if rest.startswith('上半年'):
        return datetime.date(y, 6, 30)
    return None


def bigrams(s):
    s = re.sub(r'[\s\d，。、；：“”（）()《》%.]', '', s)
    return {s[i:i + 2] for i in range(len(s) - 1)}


def dice(a, b):
    A, B = bigrams(a), bigrams(b)
    return 2 * len(A & B) / (len(A) + len(B)) if A and B else 0.0


def main():
    verbose = '-v' in sys.argv
    errs, warns = [], []
    labels = json.load(open(os.path.join(ROOT, 'labels.json'), encoding='utf-8'))
    meeting = datetime.date.fromisoformat(labels['meeting_date'])
    fresh_path = os.path.join(ROOT, 'fresh.json')
    fresh = json.load(open(fresh_path, encoding='utf-8'))['documents'] if os.path.exists(fresh_path) else {}

    man = list(csv.DictReader(open(os.path.join(ROOT, 'manifest.csv'), encoding='utf-8')))
    hman = list(csv.DictReader(open(os.path.join(ROOT, 'history', 'manifest.csv'), encoding='utf-8')))
    cols = ['file', 'member', 'role', 'unit', 'year', 'meeting_date']
    for name, rows in (('manifest.csv', man), ('history/manifest.csv', hman)):
        if not rows or list(rows[0].keys()) != cols:
            errs.append(f'{name}: header must be {",".join(cols)}')
    drafts = sorted(f for f in os.listdir(os.path.join(ROOT, 'drafts')) if f.endswith('.txt'))
    hist = sorted(f for f in os.listdir(os.path.join(ROOT, 'history')) if f.endswith('.txt'))
    if sorted(os.path.basename(r['file']) for r in man) != drafts:
        errs.append('manifest.csv does not list exactly the files in drafts/')
    if sorted(os.path.basename(r['file']) for r in hman) != hist:
        errs.append('history/manifest.csv does not list exactly the files in history/')
    for r in man:
        if r['year'] != '2025' or r['meeting_date'] != '2026-01-20':
            errs.append(f'manifest.csv: {r["file"]} year/meeting_date wrong')
    meet = {'2023': '2024-01-18', '2024': '2025-01-16'}
    for r in hman:
        y = os.path.basename(r['file']).split('-')[1][:4]
        if r['year'] != y or r['meeting_date'] != meet.get(y):
            errs.append(f'history/manifest.csv: {r["file"]} year/meeting_date wrong')

    ids = [d[:-4] for d in drafts]
    if sorted(labels['documents']) != ids:
        errs.append('labels.json must list every draft exactly once')
    tot = dict(repeated=0, stale=0, fresh=0, claimed=0, measure_repeated=0, unreported=0)
    for doc in ids:
        text = open(os.path.join(ROOT, 'drafts', doc + '.txt'), encoding='utf-8').read()
        n = len(text)
        if not 1200 <= n <= 2500:
            errs.append(f'{doc}: length {n} outside 1200-2500')
        if '2025年度' not in text.split('\n', 3)[1]:
            errs.append(f'{doc}: title must say 2025年度')
        secs = parse(text)
        lab = labels['documents'].get(doc, {})
        for k in ('repeated', 'stale', 'unreported', 'claimed_done_but_repeated', 'measure_repeated', 'notes'):
            if k not in lab:
                errs.append(f'{doc}: missing key {k}')
        pstarts = [it[:20] for it in secs.get('problems', {}).get('items', [])]
        mstarts = [it[:20] for it in secs.get('measures', {}).get('items', [])]
        mtext = secs.get('measures', {}).get('text', '')
        for k in ('repeated', 'stale', 'claimed_done_but_repeated', 'measure_repeated'):
            for s in lab.get(k, []):
                if s not in text:
                    errs.append(f'{doc}: {k} label not a substring: {s}')
        for s in lab.get('repeated', []) + lab.get('claimed_done_but_repeated', []):
            if len(s) != 20 or s not in pstarts:
                errs.append(f'{doc}: not the first 20 chars of a problem item: {s}')
        for s in lab.get('claimed_done_but_repeated', []):
            if s not in lab.get('repeated', []):
                errs.append(f'{doc}: claimed_done label not in repeated: {s}')
        for s in lab.get('measure_repeated', []):
            if len(s) != 20 or s not in mstarts:
                errs.append(f'{doc}: not the first 20 chars of a measure item: {s}')
        for s in lab.get('stale', []):
            if text.count(s) != 1:
                warns.append(f'{doc}: stale string occurs {text.count(s)} times: {s}')
            if s not in mtext:
                errs.append(f'{doc}: stale string not in measures section: {s}')
            d = end_date(s)
            if d is None or d >= meeting:
                errs.append(f'{doc}: stale string does not parse to a date before {meeting}: {s} -> {d}')
        for s in fresh.get(doc, []):
            if s not in mtext:
                errs.append(f'{doc}: fresh string not in measures section: {s}')
            d = end_date(s)
            if d is not None and d < meeting:
                errs.append(f'{doc}: fresh string lies before meeting: {s}')
            for st in lab.get('stale', []):
                if s == st:
                    errs.append(f'{doc}: string both fresh and stale: {s}')
        has_last = 'lastyear' in secs
        if lab.get('unreported') == has_last:
            errs.append(f'{doc}: unreported={lab.get("unreported")} but last-year section present={has_last}')
        hfiles = [h for h in hist if h.startswith(doc + '-')]
        if not hfiles:
            errs.append(f'{doc}: no history draft')
        tot['repeated'] += len(lab.get('repeated', []))
        tot['stale'] += len(lab.get('stale', []))
        tot['fresh'] += len(fresh.get(doc, []))
        tot['claimed'] += len(lab.get('claimed_done_but_repeated', []))
        tot['measure_repeated'] += len(lab.get('measure_repeated', []))
        tot['unreported'] += bool(lab.get('unreported'))
        if verbose:
            earlier = []
            for h in hfiles:
                hs = parse(open(os.path.join(ROOT, 'history', h), encoding='utf-8').read())
                earlier += [(h, it) for it in hs.get('problems', {}).get('items', [])]
            print(f'== {doc} ({", ".join(hfiles)})')
            for it in secs.get('problems', {}).get('items', []):
                best = max(earlier, key=lambda e: dice(it, e[1]))
                mark = 'R' if it[:20] in lab.get('repeated', []) else ' '
                print(f'  {mark} {dice(it, best[1]):.2f} {it[:24]}  <- {best[0]}: {best[1][:24]}')
    for r in man + hman:
        pass
    for h in hist:
        n = len(open(os.path.join(ROOT, 'history', h), encoding='utf-8').read())
        if not 1200 <= n <= 2500:
            errs.append(f'history/{h}: length {n} outside 1200-2500')
    print('totals:', tot)
    for w in warns:
        print('WARN', w)
    for e in errs:
        print('ERROR', e)
    print('OK' if not errs else f'{len(errs)} errors')
    sys.exit(1 if errs else 0)


if __name__ == '__main__':
    main()
