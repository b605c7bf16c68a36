#!/usr/bin/env python3
"""Check holdout20: every label string occurs verbatim in gold/ID.txt, gold text equals what a reader
gets from inputs/, answers refer to listed problems; print counts per file and totals."""
import csv, json, sys
from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parent.parent
LISTS = ["vague", "concrete", "objective_excuses", "hope_as_criticism"]
MIN = {"vague": 40, "concrete": 50, "objective_excuses": 8, "hope_as_criticism": 8}


def reader_text(path):
    if path.suffix == ".docx":
        d = docx.Document(path)
        lines = []
        for el in d.element.body.iterchildren():
            if el.tag == qn("w:p"):
                lines.append(Paragraph(el, d).text)
            elif el.tag == qn("w:tbl"):
                for row in Table(el, d).rows:
                    lines.extend(c.text for c in row.cells)
        return "\n".join(lines), "docx"
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        text, enc = raw[3:].decode("utf-8"), "utf-8-sig"
    else:
        try:
            text, enc = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, enc = raw.decode("gb18030"), "gb18030"
    crlf = "\r\n" in text
    return text.replace("\r\n", "\n"), enc + ("+crlf" if crlf else "")


def main():
    errors, totals = [], {k: 0 for k in ["problems", "measures", "unanswered_problems"] + LISTS}
    manifest = {r["file"]: r for r in csv.DictReader(open(ROOT / "manifest.csv", encoding="utf-8"))}
    print(f"{'id':4} {'file':8} {'enc':16} {'chars':>5} {'prob':>4} {'meas':>4} {'unans':>5} "
          f"{'vague':>5} {'concr':>5} {'excuse':>6} {'hope':>4}  sections")
    for gj in sorted((ROOT / "gold").glob("*.gold.json")):
        g = json.loads(gj.read_text(encoding="utf-8"))
        did = g["id"]
        txt = (ROOT / "gold" / f"{did}.txt").read_text(encoding="utf-8")
        inp = [p for p in (ROOT / "inputs").glob(f"{did}.*")]
        if len(inp) != 1:
            errors.append(f"{did}: expected one input, found {inp}")
            continue
        rt, enc = reader_text(inp[0])
        if rt != txt:
            errors.append(f"{did}: gold text differs from reader text of {inp[0].name}")
        if inp[0].name not in manifest:
            errors.append(f"{did}: {inp[0].name} missing from manifest.csv")
        lines = txt.split("\n")
        for role, line in g["sections"].items():
            if line is not None and line not in lines:
                errors.append(f"{did}: section {role} line not found: {line}")
        ptexts = [p["text"] for p in g["problems"]]
        if len(set(ptexts)) != len(ptexts):
            errors.append(f"{did}: duplicate problem texts")
        for p in ptexts:
            if p not in txt:
                errors.append(f"{did}: problem not in text: {p}")
        for m in g["measures"]:
            if m["text"] not in txt:
                errors.append(f"{did}: measure not in text: {m['text']}")
            for a in m["answers"]:
                if a not in ptexts:
                    errors.append(f"{did}: answer not a listed problem: {a}")
        answered = {a for m in g["measures"] for a in m["answers"]}
        if set(g["unanswered_problems"]) != {p for p in ptexts if p not in answered}:
            errors.append(f"{did}: unanswered_problems inconsistent with answers")
        for k in LISTS:
            for s in g[k]:
                if s not in txt:
                    errors.append(f"{did}: {k} not in text: {s}")
                if s[-1] not in "。！？；”）" and k != "hope_as_criticism":
                    print(f"  note {did}: {k} label does not end in a terminator: {s[-12:]}")
        both = set(g["vague"]) & set(g["concrete"])
        if both:
            errors.append(f"{did}: labelled both vague and concrete: {both}")
        if g["sections"]["criticism"] is None and g["hope_as_criticism"]:
            errors.append(f"{did}: hope_as_criticism without a criticism section")
        counts = {k: len(g[k]) for k in totals}
        for k in totals:
            totals[k] += counts[k]
        secs = ",".join(r[:4] for r, v in g["sections"].items() if v is not None)
        print(f"{did:4} {inp[0].name:8} {enc:16} {len(txt):5} {counts['problems']:4} {counts['measures']:4} "
              f"{counts['unanswered_problems']:5} {counts['vague']:5} {counts['concrete']:5} "
              f"{counts['objective_excuses']:6} {counts['hope_as_criticism']:4}  {secs}")
    print("TOTAL", json.dumps(totals, ensure_ascii=False))
    for k, lo in MIN.items():
        if totals[k] < lo:
            errors.append(f"total {k} = {totals[k]} < {lo}")
    if not 2 <= totals["unanswered_problems"] <= 6:
        errors.append(f"total unanswered_problems = {totals['unanswered_problems']} not in 2..6")
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
