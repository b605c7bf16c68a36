#!/usr/bin/env python3
"""Check holdout19: every label string occurs verbatim in gold/ID.txt, inputs decode to gold text,
answers/unanswered refer to listed problems; print counts per draft and totals.
Run: /work/wt/lead/.venv/bin/python tools/check.py"""
import csv
import json
import sys
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parent.parent
KEYS = ["problems", "measures", "unanswered_problems", "vague", "concrete", "objective_excuses", "hope_as_criticism"]
MIN = {"vague": 40, "concrete": 50, "objective_excuses": 8, "hope_as_criticism": 8}


def docx_text(path):
    doc = Document(path)
    out = []
    for el in doc.element.body.iterchildren():
        if el.tag == qn("w:p"):
            out.append("".join(t.text or "" for t in el.iter(qn("w:t"))))
        elif el.tag == qn("w:tbl"):
            for tr in el.iter(qn("w:tr")):
                for tc in tr.iter(qn("w:tc")):
                    out.append("\n".join("".join(t.text or "" for t in p.iter(qn("w:t")))
                                         for p in tc.iter(qn("w:p"))))
    return "\n".join(out)


def input_text(path):
    if path.suffix == ".docx":
        return docx_text(path)
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            t = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    return t.replace("\r\n", "\n")


def main():
    errors = []
    manifest = {r["file"]: r for r in csv.DictReader(open(ROOT / "manifest.csv", encoding="utf-8"))}
    totals = {k: 0 for k in KEYS}
    chars = {}
    print(f"{'id':4} {'chars':>5} " + " ".join(f"{k[:10]:>10}" for k in KEYS))
    for gj in sorted((ROOT / "gold").glob("*.gold.json")):
        did = gj.name.split(".")[0]
        g = json.loads(gj.read_text(encoding="utf-8"))
        text = (ROOT / "gold" / f"{did}.txt").read_text(encoding="utf-8")
        inputs = list((ROOT / "inputs").glob(f"{did}.*"))
        if len(inputs) != 1:
            errors.append(f"{did}: {len(inputs)} input files")
        else:
            if input_text(inputs[0]) != text:
                errors.append(f"{did}: input does not decode to gold text")
            if inputs[0].name not in manifest:
                errors.append(f"{did}: {inputs[0].name} missing from manifest.csv")

        def need(s, what):
            if s not in text:
                errors.append(f"{did}: {what} not in gold text: {s!r}")

        for role, line in g["sections"].items():
            if line is not None:
                need(line, f"section {role}")
                if not any(l == line for l in text.split("\n")):
                    errors.append(f"{did}: section {role} is not a whole line: {line!r}")
        ptexts = [p["text"] for p in g["problems"]]
        for p in ptexts:
            need(p, "problem")
        answered = set()
        for m in g["measures"]:
            need(m["text"], "measure")
            for a in m["answers"]:
                if a not in ptexts:
                    errors.append(f"{did}: measure answers unknown problem {a!r}")
                answered.add(a)
        for u in g["unanswered_problems"]:
            if u not in ptexts:
                errors.append(f"{did}: unanswered problem not in problems {u!r}")
        if set(g["unanswered_problems"]) != set(ptexts) - answered:
            errors.append(f"{did}: unanswered list disagrees with measures")
        for k in ("vague", "concrete", "objective_excuses", "hope_as_criticism"):
            for s in g[k]:
                need(s, k)
        cats = [s for k in ("vague", "concrete") for s in g[k]]
        if len(cats) != len(set(cats)):
            errors.append(f"{did}: a sentence is both vague and concrete")
        counts = {k: len(g[k]) for k in KEYS}
        for k in KEYS:
            totals[k] += counts[k]
        chars[did] = len(text)
        print(f"{did:4} {len(text):5} " + " ".join(f"{counts[k]:10}" for k in KEYS))
    print(f"{'all':4} {sum(chars.values()):5} " + " ".join(f"{totals[k]:10}" for k in KEYS))
    for k, lo in MIN.items():
        if totals[k] < lo:
            errors.append(f"total {k} = {totals[k]} < {lo}")
    if not 2 <= totals["unanswered_problems"] <= 6:
        errors.append(f"total unanswered = {totals['unanswered_problems']} outside 2–6")
    if errors:
        print("\nERRORS:")
        for e in errors:
            print(" ", e)
        return 1
    print("\nOK: all label strings occur verbatim; inputs decode to gold text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
