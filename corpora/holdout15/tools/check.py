#!/usr/bin/env python3
"""Check holdout15: inputs decode to gold text; gold JSON is consistent. Run with /work/main/.venv/bin/python."""
import csv, json, os, re, sys

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KEYS = ['sections', 'problems', 'measures', 'unanswered_problems', 'vague', 'concrete',
        'objective_excuses', 'hope_as_criticism', 'recycled', 'copied', 'ghostwriter']
NUM = re.compile(r'^\s*(?:[-*]\s*|\*\*)?(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、)）]|'
                 r'第[一二三四五六七八九十]+[，、]|[①-⑳])?\s*$')
INLINE = re.compile(r'(?:^|[。；：:，,])\s*[一二三四五六七八九十]+是$')
errors = []


def err(name, msg):
    errors.append('%s: %s' % (name, msg))


def decode(path):
    if path.endswith('.docx'):
        import docx
        return '\n'.join(p.text for p in docx.Document(path).paragraphs)
    b = open(path, 'rb').read()
    if b.startswith(b'\xef\xbb\xbf'):
        t = b[3:].decode('utf-8')
    else:
        try:
            t = b.decode('utf-8')
        except UnicodeDecodeError:
            t = b.decode('gb18030')
    return t.replace('\r\n', '\n')


def occurrences(text, s):
    i = text.find(s)
    while i >= 0:
        yield i
        i = text.find(s, i + 1)


def main():
    rows = list(csv.DictReader(open(os.path.join(OUT, 'manifest.csv'), encoding='utf-8')))
    assert list(rows[0].keys()) == ['file', 'member', 'role', 'unit', 'year']
    totals = {}
    for row in rows:
        fname = row['file']
        name = fname.split('_')[0]
        gtext = open(os.path.join(OUT, 'gold', name + '.txt'), encoding='utf-8').read()
        raw = open(os.path.join(OUT, 'gold', name + '.txt'), 'rb').read()
        if raw.startswith(b'\xef\xbb\xbf') or b'\r' in raw or raw.endswith(b'\n'):
            err(name, 'gold text not canonical (BOM/CR/trailing newline)')
        inp = decode(os.path.join(OUT, 'inputs', fname))
        if inp != gtext:
            err(name, 'input does not decode to gold text')
        g = json.load(open(os.path.join(OUT, 'gold', name + '.gold.json'), encoding='utf-8'))
        if list(g.keys()) != KEYS:
            err(name, 'keys %s' % list(g.keys()))
        lines = gtext.split('\n')
        sec = g['sections']
        if sorted(sec) != ['causes', 'criticism', 'measures', 'problems']:
            err(name, 'section keys')
        sec_pos = {}
        for k, v in sec.items():
            if v is None:
                continue
            if v not in lines:
                err(name, 'section %s not a whole line: %r' % (k, v))
            else:
                sec_pos[k] = gtext.find(v if gtext.startswith(v) else '\n' + v) + (0 if gtext.startswith(v) else 1)
        if sec.get('problems') is None:
            err(name, 'no problems section')
        order = [sec_pos[k] for k in ('problems', 'causes', 'measures', 'criticism') if k in sec_pos]
        # items
        def check_item(t, what, lo, hi):
            ok = False
            for i in occurrences(gtext, t):
                if not (lo <= i < hi):
                    continue
                ls = gtext.rfind('\n', 0, i) + 1
                before = gtext[ls:i]
                le = gtext.find('\n', i); le = len(gtext) if le < 0 else le
                if len(t) != min(20, le - i):
                    continue
                if NUM.match(before) or INLINE.search(before):
                    ok = True
            if not ok:
                err(name, '%s item not found as a numbered/line-start prefix in its part: %r' % (what, t))
        def part_range(key):
            if key not in sec_pos:
                return (0, 0)
            start = sec_pos[key]
            later = [p for p in sec_pos.values() if p > start]
            return (start, min(later) if later else len(gtext))
        probs = [p['text'] for p in g['problems']]
        if len(set(probs)) != len(probs):
            err(name, 'duplicate problem texts')
        lo, hi = part_range('problems')
        for t in probs:
            check_item(t, 'problem', lo, hi)
        lo, hi = part_range('measures')
        answered = set()
        for m in g['measures']:
            check_item(m['text'], 'measure', lo, hi)
            for a in m['answers']:
                if a not in probs:
                    err(name, 'answer to unknown problem %r' % a)
                answered.add(a)
        if g['measures'] and sec.get('measures') is None:
            err(name, 'measures but no measures section')
        exp = [p for p in probs if p not in answered]
        if g['unanswered_problems'] != exp:
            err(name, 'unanswered_problems %r != %r' % (g['unanswered_problems'], exp))
        # labels
        spans = {}
        for k in ('vague', 'concrete', 'objective_excuses', 'hope_as_criticism'):
            spans[k] = []
            for s in g[k]:
                occ = list(occurrences(gtext, s))
                if not s or not occ:
                    err(name, '%s label not in text: %r' % (k, s))
                spans[k] += [(i, i + len(s)) for i in occ]
        for a in spans['vague']:
            for b in spans['concrete']:
                if a[0] < b[1] and b[0] < a[1]:
                    err(name, 'vague/concrete overlap: %r / %r' % (gtext[a[0]:a[1]], gtext[b[0]:b[1]]))
        if set(g['vague']) & set(g['concrete']):
            err(name, 'same string vague and concrete')
        for k, part in (('objective_excuses', 'causes'), ('hope_as_criticism', 'criticism')):
            if g[k] and part not in sec_pos and sec.get(part) is None:
                err(name, '%s labels but no %s part' % (k, part))
            if part in sec_pos:
                plo, phi = part_range(part)
                for s in g[k]:
                    if not any(plo <= i and i + len(s) <= phi for i in occurrences(gtext, s)):
                        err(name, '%s label outside its %s part: %r' % (k, part, s))
        if g['recycled'] != [] or g['copied'] != [] or g['ghostwriter'] is not None:
            err(name, 'recycled/copied/ghostwriter should be empty')
        n = len(gtext)
        for k in ('vague', 'concrete', 'objective_excuses', 'hope_as_criticism', 'unanswered_problems'):
            totals[k] = totals.get(k, 0) + len(g[k])
        print('%-4s %-30s %5d chars  P%-2d M%-2d U%d v%-2d c%-2d e%d h%d' % (
            name, fname, n, len(probs), len(g['measures']), len(g['unanswered_problems']),
            len(g['vague']), len(g['concrete']), len(g['objective_excuses']), len(g['hope_as_criticism'])))
    print('totals', totals)
    if errors:
        print('\n'.join(errors))
        sys.exit(1)
    print('OK')


main()
