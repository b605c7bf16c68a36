#!/usr/bin/env python3
"""Check holdout12: inputs decode to gold text; gold labels are consistent. Exit 1 on any error.
Run with /work/main/.venv/bin/python (python-docx)."""
import csv, json, os, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
errors, warns = [], []


def err(name, msg):
    errors.append(f"{name}: {msg}")


def read_docx(path):
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    d = docx.Document(path)
    lines = []
    for el in d.element.body.iterchildren():
        tag = el.tag.split("}")[1]
        if tag == "p":
            lines.append(Paragraph(el, d).text)
        elif tag == "tbl":
            for row in Table(el, d).rows:
                seen = []
                for cell in row.cells:
                    if cell._tc in seen:
                        continue
                    seen.append(cell._tc)
                    lines.extend(p.text for p in cell.paragraphs)
    return "\n".join(lines)


def read_text(path):
    b = open(path, "rb").read()
    if b.startswith(b"\xef\xbb\xbf"):
        t = b[3:].decode("utf-8")
    else:
        try:
            t = b.decode("utf-8")
        except UnicodeDecodeError:
            t = b.decode("gb18030")
    t = t.replace("\r\n", "\n")
    return t[:-1] if t.endswith("\n") else t


NUM = r"(?:[•\-]\s*|\d+[.．、]|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+，)"
PREFIX_OK = re.compile(rf"^\s*{NUM}*$|(?:^|[。；：:;.，,])\s*{NUM}*[一二三四五六七八九十]+是$")


def occurrences(text, s):
    out, i = [], text.find(s)
    while i >= 0:
        out.append((i, i + len(s)))
        i = text.find(s, i + 1)
    return out


def line_start(text, pos):
    return text.rfind("\n", 0, pos) + 1


def check(name, fn):
    gold = open(os.path.join(ROOT, "gold", name + ".txt"), encoding="utf-8").read()
    g = json.load(open(os.path.join(ROOT, "gold", name + ".gold.json"), encoding="utf-8"))
    path = os.path.join(ROOT, "inputs", fn)
    got = read_docx(path) if fn.endswith(".docx") else read_text(path)
    if got != gold:
        i = next((k for k, (a, b) in enumerate(zip(got, gold)) if a != b), min(len(got), len(gold)))
        err(name, f"input does not decode to gold text (first difference at {i}: {got[i:i+20]!r} vs {gold[i:i+20]!r})")
    if gold.startswith("\ufeff") or "\r" in gold or gold.endswith("\n"):
        err(name, "gold text has BOM, CR or trailing newline")
    keys = {"sections", "problems", "measures", "unanswered_problems", "vague", "concrete", "objective_excuses",
            "hope_as_criticism", "recycled", "copied", "ghostwriter"}
    if set(g) != keys:
        err(name, f"keys differ: {set(g) ^ keys}")
    lines = gold.split("\n")
    headpos = {}
    for sec, v in g["sections"].items():
        if v is None:
            continue
        if lines.count(v) != 1:
            err(name, f"section {sec} is not exactly one whole line: {v!r}")
        else:
            idx = lines.index(v)
            headpos[sec] = sum(len(l) + 1 for l in lines[:idx])
    probs = [p["text"] for p in g["problems"]]
    for kind, items in (("problem", probs), ("measure", [m["text"] for m in g["measures"]])):
        for t in items:
            if not (0 < len(t) <= 20):
                err(name, f"{kind} text length {len(t)}: {t!r}")
            ok = False
            for a, b in occurrences(gold, t):
                pre = gold[line_start(gold, a):a]
                if PREFIX_OK.search(pre):
                    ok = True
                    lend = gold.find("\n", a)
                    lend = len(gold) if lend < 0 else lend
                    if len(t) < 20 and b != lend:
                        err(name, f"{kind} text shorter than 20 but not at line end: {t!r}")
            if not ok:
                err(name, f"{kind} text not found after a number or at line start: {t!r}")
        if len(set(items)) != len(items):
            err(name, f"duplicate {kind} texts")
    answered = set()
    for m in g["measures"]:
        for a in m["answers"]:
            if a not in probs:
                err(name, f"measure {m['text']!r} answers unknown problem {a!r}")
            answered.add(a)
    if sorted(g["unanswered_problems"]) != sorted(p for p in probs if p not in answered):
        err(name, "unanswered_problems disagrees with answers")
    if g["sections"]["measures"] is None and g["measures"]:
        err(name, "measures listed but no measures section")
    spans = {}
    for kind in ("vague", "concrete", "objective_excuses", "hope_as_criticism"):
        spans[kind] = []
        for s in g[kind]:
            occ = occurrences(gold, s)
            if not occ:
                err(name, f"{kind} label not in gold: {s!r}")
            spans[kind].extend(occ)
        if len(set(g[kind])) != len(g[kind]):
            err(name, f"duplicate {kind} labels")
    for a0, a1 in spans["vague"]:
        for b0, b1 in spans["concrete"]:
            if a0 < b1 and b0 < a1:
                err(name, f"vague/concrete overlap: {gold[a0:a1]!r} / {gold[b0:b1]!r}")
    # vague labels should be whole sentences
    for a0, a1 in spans["vague"]:
        pre = gold[line_start(gold, a0):a0]
        post = gold[a1:a1 + 1]
        if not (re.search(r"(^|[。；;:：.])\s*$", pre) or PREFIX_OK.search(pre)) or post not in ("。", "；", ";", ".", "\n", ""):
            warns.append(f"{name}: vague label not a whole sentence: {gold[a0:a1]!r}")
    order = sorted(headpos.items(), key=lambda kv: kv[1])

    def region(sec):
        if sec not in headpos:
            return None
        start = headpos[sec]
        later = [p for s, p in order if p > start]
        return start, (min(later) if later else len(gold))

    for kind, sec in (("objective_excuses", "causes"), ("hope_as_criticism", "criticism")):
        r = region(sec)
        if r is None:
            if g[kind]:
                err(name, f"{kind} labelled but no {sec} section")
            continue
        for a0, a1 in spans[kind]:
            if not (r[0] < a0 and a1 <= r[1]):
                err(name, f"{kind} label outside the {sec} part: {gold[a0:a1]!r}")
    return gold, g


def main():
    man = list(csv.DictReader(open(os.path.join(ROOT, "manifest.csv"), encoding="utf-8")))
    files = sorted(os.listdir(os.path.join(ROOT, "inputs")))
    if sorted(r["file"] for r in man) != files:
        errors.append("manifest does not list exactly the files in inputs/")
    tot = {k: 0 for k in ("vague", "concrete", "objective_excuses", "hope_as_criticism", "unanswered_problems")}
    for r in man:
        name = os.path.splitext(r["file"])[0]
        gold, g = check(name, r["file"])
        n = len(gold)
        if not (1200 <= n <= 3000):
            warns.append(f"{name}: {n} chars (outside 1200-3000; fine only for the short / truncated draft)")
        for k in tot:
            tot[k] += len(g[k])
    print("totals:", tot)
    for w in warns:
        print("WARN", w)
    for e in errors:
        print("ERROR", e)
    if errors:
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
