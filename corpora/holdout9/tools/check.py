#!/usr/bin/env python3
"""Check holdout9: inputs decode to gold text, labels are consistent. Exit 1 on any error."""
import csv
import json
import re
import sys
from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parent.parent
INP, GOLD = ROOT / "inputs", ROOT / "gold"
KEYS = ["sections", "problems", "measures", "unanswered_problems", "vague", "concrete",
        "objective_excuses", "hope_as_criticism", "recycled", "copied", "ghostwriter"]
NUM = re.compile(r"(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+[.．、]|[一二三四五六七八九十]+是|●|——)")
errors = []


def err(msg):
    errors.append(msg)


def read_docx(path):
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


def read_input(path):
    if path.suffix == ".docx":
        return read_docx(path)
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            t = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValueError("undecodable")
    return t.replace("\r\n", "\n")


def main():
    rows = list(csv.DictReader(open(ROOT / "manifest.csv", encoding="utf-8")))
    assert rows and list(rows[0].keys()) == ["file", "member", "role", "unit", "year"], "manifest header"
    files = {r["file"] for r in rows}
    if files != {p.name for p in INP.iterdir()}:
        err("manifest does not list exactly the inputs")
    tot = {k: 0 for k in ["vague", "concrete", "objective_excuses", "hope_as_criticism", "unanswered_problems", "problems", "measures"]}
    for r in rows:
        path = INP / r["file"]
        name = path.stem
        gold = (GOLD / f"{name}.txt").read_bytes()
        if gold.startswith(b"\xef\xbb\xbf") or b"\r" in gold or gold.endswith(b"\n"):
            err(f"{name}: gold has BOM/CR/trailing newline")
        gold = gold.decode("utf-8")
        if read_input(path) != gold:
            err(f"{name}: input does not decode to gold")
        if path.suffix == ".txt" and "gb18030" in name.lower():
            pass
        g = json.loads((GOLD / f"{name}.gold.json").read_text(encoding="utf-8"))
        if list(g.keys()) != KEYS:
            err(f"{name}: keys {list(g.keys())}")
        lines = gold.split("\n")
        n = len(gold)
        sec_pos = {}
        for role in ["problems", "causes", "measures", "criticism"]:
            v = g["sections"][role]
            if v is None:
                continue
            if v not in lines:
                err(f"{name}: section {role} not a whole line: {v}")
                continue
            if lines.count(v) != 1:
                err(f"{name}: section {role} line not unique")
            sec_pos[role] = gold.index(v)
        if "problems" not in sec_pos:
            err(f"{name}: no problems section")

        def check_item(t, what):
            ok = False
            for m in re.finditer(re.escape(t), gold):
                ls = gold.rfind("\n", 0, m.start()) + 1
                before = gold[ls:m.start()]
                if before == "" or NUM.fullmatch(before) or re.search(r"[。；：:，,]\s*[一二三四五六七八九十]+是$", before):
                    le = gold.find("\n", m.start())
                    le = n if le < 0 else le
                    if len(t) == 20 or m.end() == le or re.match(r"[一二三四五六七八九十]+是", gold[m.end():]):
                        ok = True
            if not ok:
                err(f"{name}: {what} text not an item prefix: {t}")

        ptexts = [p["text"] for p in g["problems"]]
        for t in ptexts:
            check_item(t, "problem")
        if len(set(ptexts)) != len(ptexts):
            err(f"{name}: duplicate problem texts")
        answered = set()
        for m in g["measures"]:
            check_item(m["text"], "measure")
            for a in m["answers"]:
                if a not in ptexts:
                    err(f"{name}: answer to unknown problem {a}")
                answered.add(a)
        if g["sections"]["measures"] is None:
            exp = ptexts
        else:
            exp = [p for p in ptexts if p not in answered]
        if g["unanswered_problems"] != exp:
            err(f"{name}: unanswered {g['unanswered_problems']} != {exp}")

        spans = {}
        for k in ["vague", "concrete", "objective_excuses", "hope_as_criticism"]:
            spans[k] = []
            for s in g[k]:
                c = gold.count(s)
                if c == 0:
                    err(f"{name}: {k} not a substring: {s}")
                    continue
                if c > 1:
                    err(f"{name}: {k} occurs {c} times: {s}")
                i = gold.index(s)
                spans[k].append((i, i + len(s), s))
            tot[k] += len(g[k])
        if set(g["vague"]) & set(g["concrete"]):
            err(f"{name}: vague and concrete share labels")
        for a, b, s in spans["vague"]:
            for c, d, t in spans["concrete"]:
                if a < d and c < b:
                    err(f"{name}: vague/concrete overlap: {s} / {t}")
        if "causes" in sec_pos:
            cend = min([p for r2, p in sec_pos.items() if p > sec_pos["causes"]] + [n])
            for a, b, s in spans["objective_excuses"]:
                if not (sec_pos["causes"] < a and b <= cend):
                    err(f"{name}: excuse outside causes: {s}")
        elif spans["objective_excuses"]:
            err(f"{name}: excuses without a causes section")
        if "criticism" in sec_pos:
            for a, b, s in spans["hope_as_criticism"]:
                if a < sec_pos["criticism"]:
                    err(f"{name}: hope before criticism heading: {s}")
        elif spans["hope_as_criticism"]:
            err(f"{name}: hopes without a criticism section")
        for k in ["recycled", "copied"]:
            if g[k] != []:
                err(f"{name}: {k} not empty")
        tot["unanswered_problems"] += len(g["unanswered_problems"])
        tot["problems"] += len(g["problems"])
        tot["measures"] += len(g["measures"])
        print(f"{name:4} {r['file']:10} chars={n:5} P={len(g['problems'])} M={len(g['measures'])} "
              f"U={len(g['unanswered_problems'])} V={len(g['vague'])} C={len(g['concrete'])} "
              f"E={len(g['objective_excuses'])} H={len(g['hope_as_criticism'])}")
    print("totals", tot)
    for k, lo in [("vague", 40), ("concrete", 50), ("objective_excuses", 8), ("hope_as_criticism", 8)]:
        if tot[k] < lo:
            err(f"corpus: {k} {tot[k]} < {lo}")
    if not 2 <= tot["unanswered_problems"] <= 6:
        err(f"corpus: unanswered {tot['unanswered_problems']} not in 2..6")
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} errors")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
