#!/usr/bin/env python3
"""Check inputs/ against gold/: decoding, sections, items, answers, labels.
Run with /work/main/.venv/bin/python (python-docx needed for .docx)."""
import csv, json, os, re, sys

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NUM = re.compile(r"(?:^|(?<=[。；：:，,\s]))(?:\*\*)?(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+[.．、]|[一二三四五六七八九十]+是|◆)$")
KEYS = ["sections", "problems", "measures", "unanswered_problems", "vague", "concrete",
        "objective_excuses", "hope_as_criticism", "recycled", "copied", "ghostwriter"]


def read_input(path):
    if path.endswith(".docx"):
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
                    for cell in row.cells:
                        lines.extend(p.text for p in cell.paragraphs)
        return "\n".join(lines)
    b = open(path, "rb").read()
    if b.startswith(b"\xef\xbb\xbf"):
        t = b[3:].decode("utf-8")
    else:
        try:
            t = b.decode("utf-8")
        except UnicodeDecodeError:
            t = b.decode("gb18030")
    return t.replace("\r\n", "\n").rstrip("\n")


def spans(text, s):
    res, i = [], text.find(s)
    while i >= 0:
        res.append((i, i + len(s)))
        i = text.find(s, i + 1)
    return res


def main():
    errs = []
    tot = {k: 0 for k in ["vague", "concrete", "objective_excuses", "hope_as_criticism", "problems", "measures", "unanswered_problems"]}
    rows = list(csv.DictReader(open(os.path.join(OUT, "manifest.csv"), encoding="utf-8")))
    for r in rows:
        name = os.path.splitext(r["file"])[0]
        E = lambda m: errs.append(f"{name}: {m}")
        gold = open(os.path.join(OUT, "gold", name + ".txt"), encoding="utf-8").read()
        raw = open(os.path.join(OUT, "gold", name + ".txt"), "rb").read()
        if raw.startswith(b"\xef\xbb\xbf") or b"\r" in raw or gold.endswith("\n"):
            E("gold not canonical")
        if read_input(os.path.join(OUT, "inputs", r["file"])) != gold:
            E("input does not decode to gold")
        g = json.load(open(os.path.join(OUT, "gold", name + ".gold.json"), encoding="utf-8"))
        if list(g) != KEYS:
            E(f"keys {list(g)}")
        lines = gold.split("\n")
        secpos = {}
        for role, val in g["sections"].items():
            if val is None:
                continue
            if val not in lines or lines.count(val) != 1:
                E(f"section {role} not a unique whole line: {val}")
            secpos[role] = gold.find(val)
        for kind in ("problems", "measures"):
            for it in g[kind]:
                t = it["text"]
                oc = spans(gold, t)
                if len(oc) != 1:
                    E(f"{kind} item found {len(oc)}x: {t}")
                    continue
                s = oc[0][0]
                ls = gold.rfind("\n", 0, s) + 1
                before = gold[ls:s]
                if before and not NUM.search(before):
                    E(f"{kind} item not after number/line start: {before!r} | {t}")
                if "\n" in t or len(t) != 20:
                    E(f"{kind} item not 20 chars on one line: {t}")
        ptexts = [p["text"] for p in g["problems"]]
        answered = set()
        for m in g["measures"]:
            for a in m["answers"]:
                if a not in ptexts:
                    E(f"answer to unknown problem: {a}")
                answered.add(a)
        if sorted(g["unanswered_problems"]) != sorted(p for p in ptexts if p not in answered):
            E("unanswered_problems disagrees with answers")
        allsp = {}
        for kind in ("vague", "concrete", "objective_excuses", "hope_as_criticism"):
            allsp[kind] = []
            for s in g[kind]:
                oc = spans(gold, s)
                if not oc:
                    E(f"{kind} not a substring: {s}")
                allsp[kind].extend(oc)
                if kind == "objective_excuses" and "causes" in secpos and oc[0][0] < secpos["causes"]:
                    E(f"excuse before causes heading: {s}")
                if kind == "hope_as_criticism" and "criticism" in secpos and oc[0][0] < secpos["criticism"]:
                    E(f"hope before criticism heading: {s}")
                if kind == "hope_as_criticism" and "criticism" not in secpos:
                    E(f"hope but no criticism section: {s}")
        for a in allsp["vague"]:
            for b in allsp["concrete"]:
                if a[0] < b[1] and b[0] < a[1]:
                    E(f"vague/concrete overlap at {a} {b}")
        if g["recycled"] != [] or g["copied"] != [] or g["ghostwriter"] is not None:
            E("reuse fields not empty")
        n = len(gold)
        print(f"{name:4} {r['file']:10} {n:5} chars  P{len(g['problems'])} M{len(g['measures'])} U{len(g['unanswered_problems'])} "
              f"V{len(g['vague'])} C{len(g['concrete'])} E{len(g['objective_excuses'])} H{len(g['hope_as_criticism'])}")
        for k in tot:
            tot[k] += len(g[k])
    print("totals", tot)
    for e in errs:
        print("ERROR", e)
    print("OK" if not errs else f"{len(errs)} errors")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
