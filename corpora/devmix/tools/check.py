#!/usr/bin/env python3
"""Check the devmix corpus: inputs decode to the gold text, every label is an exact substring, lists agree."""
import csv
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from common import docx_text  # noqa: E402

SECTION_KEYS = {'problems', 'causes', 'measures', 'criticism'}
LABEL_KEYS = ['vague', 'concrete', 'objective_excuses', 'hope_as_criticism']
errors = []


def err(msg):
    errors.append(msg)


def decode_input(path):
    raw = path.read_bytes()
    kind = []
    if path.suffix == '.docx':
        return docx_text(path), ['docx']
    if raw.startswith(b'\xef\xbb\xbf'):
        kind.append('utf8-bom')
        s = raw[3:].decode('utf-8')
    else:
        try:
            s = raw.decode('utf-8')
            kind.append('utf8')
        except UnicodeDecodeError:
            s = raw.decode('gb18030')
            kind.append('gb18030')
    if '\r\n' in s:
        kind.append('crlf')
        s = s.replace('\r\n', '\n')
    if path.suffix == '.md':
        kind.append('md')
    return s.rstrip('\n'), kind


def spans(text, needle):
    out, i = [], text.find(needle)
    while i >= 0 and needle:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def main():
    rows = list(csv.DictReader(open(ROOT / 'manifest.csv', encoding='utf-8')))
    if [*rows[0].keys()] != ['file', 'member', 'role', 'unit', 'year']:
        err('manifest header')
    kinds_seen = []
    totals = {k: 0 for k in LABEL_KEYS}
    totals.update(problems=0, measures=0, unanswered=0, unanswered_with_measures=0)
    for row in rows:
        path = ROOT / 'inputs' / row['file']
        doc_id = Path(row['file']).stem
        gtxt = ROOT / 'gold' / f'{doc_id}.txt'
        graw = gtxt.read_bytes()
        if b'\r' in graw or graw.startswith(b'\xef\xbb\xbf') or graw.endswith(b'\n'):
            err(f'{doc_id}: gold text must be LF, no BOM, no trailing newline')
        text = graw.decode('utf-8')
        got, kind = decode_input(path)
        kinds_seen.append((doc_id, kind))
        if got != text:
            err(f'{doc_id}: extracted input differs from gold text')
        g = json.loads((ROOT / 'gold' / f'{doc_id}.gold.json').read_text(encoding='utf-8'))
        if g['id'] != doc_id:
            err(f'{doc_id}: id')
        for k in ('name', 'role', 'unit', 'year'):
            want = row['member'] if k == 'name' else row[k]
            if str(g[k]) != want:
                err(f'{doc_id}: manifest {k} {want!r} != gold {g[k]!r}')
        lines = text.split('\n')
        # sections
        if set(g['sections']) != SECTION_KEYS:
            err(f'{doc_id}: section keys {sorted(g["sections"])}')
        heads = {}
        for sec, head in g['sections'].items():
            if head is None:
                continue
            if head not in lines:
                err(f'{doc_id}: section {sec} is not a whole line: {head!r}')
                continue
            heads[sec] = 0 if lines[0] == head else ('\n' + text + '\n').find('\n' + head + '\n')
        # problems / measures
        pids = [p['id'] for p in g['problems']]
        if len(set(pids)) != len(pids):
            err(f'{doc_id}: duplicate problem ids')
        for group in ('problems', 'measures'):
            texts = [x['text'] for x in g[group]]
            for i, t in enumerate(texts):
                if len(t) != 20:
                    err(f'{doc_id}: {group} item not 20 chars: {t!r}')
                if not spans(text, t):
                    err(f'{doc_id}: {group} item not found: {t!r}')
                if any(o != t and (o.startswith(t) or t.startswith(o)) for o in texts) or texts.count(t) > 1:
                    err(f'{doc_id}: {group} prefix not unique: {t!r}')
        if g['problems'] and 'problems' in heads:
            for p in g['problems']:
                if text.find(p['text']) < heads['problems']:
                    err(f'{doc_id}: problem {p["id"]} before problems heading')
        answered = set()
        for m in g['measures']:
            for a in m['answers']:
                if a not in pids:
                    err(f'{doc_id}: measure {m["id"]} answers unknown {a}')
                answered.add(a)
            if 'measures' in heads and text.find(m['text']) < heads['measures']:
                err(f'{doc_id}: measure {m["id"]} before measures heading')
        want_un = [p for p in pids if p not in answered]
        if sorted(g['unanswered_problems']) != sorted(want_un):
            err(f'{doc_id}: unanswered {g["unanswered_problems"]} != {want_un}')
        if g['sections']['measures'] is None and g['measures']:
            err(f'{doc_id}: measures without a measures section')
        # labels
        pos = {}
        for key in LABEL_KEYS:
            for lab in g.get(key, []):
                sp = spans(text, lab)
                if not sp:
                    err(f'{doc_id}: {key} label not found: {lab!r}')
                    continue
                pos.setdefault(key, []).append(sp[0])
                if len(lab) < 6:
                    err(f'{doc_id}: {key} label too short: {lab!r}')
            totals[key] += len(g.get(key, []))
        for a in pos.get('vague', []):
            for b in pos.get('concrete', []):
                if a[0] < b[1] and b[0] < a[1]:
                    err(f'{doc_id}: vague overlaps concrete at {a} {b}')
        for key, sec in (('objective_excuses', 'causes'), ('hope_as_criticism', 'criticism')):
            for s in pos.get(key, []):
                if sec not in heads or s[0] < heads[sec]:
                    err(f'{doc_id}: {key} label outside the {sec} part')
            nxt = [v for k2, v in heads.items() if v > heads.get(sec, 10**9)]
            end = min(nxt) if nxt else len(text)
            for s in pos.get(key, []):
                if key == 'objective_excuses' and s[0] > end and heads.get('measures') != heads.get('causes'):
                    err(f'{doc_id}: {key} label after the {sec} part')
        totals['problems'] += len(pids)
        totals['measures'] += len(g['measures'])
        totals['unanswered'] += len(want_un)
        if g['measures']:
            totals['unanswered_with_measures'] += len(want_un)
        print(f'{doc_id}: {len(text):5d} chars  {"+".join(kind):10s} problems {len(pids)} measures {len(g["measures"])} '
              f'unanswered {want_un} vague {len(g["vague"])} concrete {len(g["concrete"])} '
              f'excuses {len(g["objective_excuses"])} hope {len(g["hope_as_criticism"])}')
    flat = [k for _, ks in kinds_seen for k in ks]
    for need, n in (('docx', 2), ('gb18030', 1), ('utf8-bom', 1), ('crlf', 1), ('md', 1)):
        if flat.count(need) < n:
            err(f'format {need}: need {n}, have {flat.count(need)}')
    # placeholders must only occur in the 范文-style draft
    for row in rows:
        doc_id = Path(row['file']).stem
        text = (ROOT / 'gold' / f'{doc_id}.txt').read_text(encoding='utf-8')
        if doc_id == 'X10':                      # Markdown bold (**...**) is not a masked word
            text = re.sub(r'\*\*[^*\n]+\*\*', '', text)
        if doc_id != 'X04' and re.search(r'XX|\*\*|20XX|仅供参考', text):
            err(f'{doc_id}: template residue outside X04')
    print('totals:', json.dumps(totals, ensure_ascii=False))
    if errors:
        print('\n'.join('ERROR ' + e for e in errors))
        sys.exit(1)
    print('OK')


if __name__ == '__main__':
    main()
