#!/usr/bin/env python3
"""Check the holdout3 corpus: labels are exact substrings of the gold text, item prefixes are
unique 20-character prefixes, answers/unanswered refer to real problems, every problem is either
answered or listed as unanswered, and every input decodes to its gold text.

    /work/main/.venv/bin/python corpora/holdout3/tools/check.py      (python-docx needed for .docx)
"""
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
errors = []


def err(msg):
    errors.append(msg)


def load_input(path):
    suf = path.suffix.lower()
    if suf == ".docx":
        import docx
        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    raw = path.read_bytes()
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc).replace("\r\n", "\n")
        except UnicodeDecodeError:
            continue
    raise ValueError(f"cannot decode {path}")


def main():
    gold = ROOT / "gold"
    manifest = list(csv.DictReader(open(ROOT / "manifest.csv", encoding="utf-8")))
    by_stem = {Path(r["file"]).stem: r for r in manifest}
    golds = sorted(gold.glob("*.gold.json"))
    if not golds:
        err("no gold files")
    for g in golds:
        doc_id = g.name[: -len(".gold.json")]
        text = (gold / f"{doc_id}.txt").read_text(encoding="utf-8")
        if "\r" in text:
            err(f"{doc_id}: gold text has CR")
        lab = json.loads(g.read_text(encoding="utf-8"))
        # sections: heading must be a whole line of the text
        lines = set(text.split("\n"))
        for sec in ("problems", "causes", "measures", "criticism"):
            if sec not in lab["sections"]:
                err(f"{doc_id}: section key {sec} missing")
            head = lab["sections"].get(sec)
            if head is not None and head not in lines:
                err(f"{doc_id}: section heading {head!r} is not a line of the text")
        # items
        pids = set()
        for kind in ("problems", "measures"):
            seen = set()
            for it in lab[kind]:
                t = it["text"]
                if len(t) != 20:
                    err(f"{doc_id}.{it['id']}: prefix length {len(t)} != 20")
                n = text.count(t)
                if n != 1:
                    err(f"{doc_id}.{it['id']}: prefix occurs {n} times")
                if t in seen:
                    err(f"{doc_id}.{it['id']}: duplicate prefix")
                seen.add(t)
                if kind == "problems":
                    if it["id"] in pids:
                        err(f"{doc_id}: duplicate problem id {it['id']}")
                    pids.add(it["id"])
        answered = set()
        for m in lab["measures"]:
            for a in m["answers"]:
                if a not in pids:
                    err(f"{doc_id}.{m['id']}: answers unknown problem {a}")
                answered.add(a)
        un = set(lab["unanswered_problems"])
        if un - pids:
            err(f"{doc_id}: unanswered lists unknown problems {sorted(un - pids)}")
        if un & answered:
            err(f"{doc_id}: problems both answered and unanswered {sorted(un & answered)}")
        if pids - answered - un:
            err(f"{doc_id}: problems neither answered nor unanswered {sorted(pids - answered - un)}")
        if lab["sections"].get("measures") is None and (lab["measures"] or un != pids):
            err(f"{doc_id}: no measures section, but measures listed or not all problems unanswered")
        # phrase labels
        for key in ("vague", "concrete", "hope_as_criticism", "objective_excuses"):
            for s in lab.get(key) or []:
                if not s or s not in text:
                    err(f"{doc_id}.{key}: not an exact substring: {s[:30]!r}")
        # vague and concrete must not overlap
        def spans(key):
            out = []
            for s in lab.get(key) or []:
                i = text.find(s)
                if i >= 0:
                    out.append((i, i + len(s)))
            return out
        for a in spans("vague"):
            for b in spans("concrete"):
                if a[0] < b[1] and b[0] < a[1]:
                    err(f"{doc_id}: vague and concrete labels overlap at {a} {b}")
        # input decodes to gold
        row = by_stem.get(doc_id)
        if row is None:
            err(f"{doc_id}: not in manifest")
            continue
        inp = ROOT / "inputs" / row["file"]
        if not inp.exists():
            err(f"{doc_id}: input {inp.name} missing")
            continue
        got = load_input(inp)
        if got.rstrip("\n") != text.rstrip("\n"):
            err(f"{doc_id}: input {inp.name} does not decode to the gold text")
        if inp.suffix == ".txt":
            try:
                inp.read_bytes().decode("utf-8")
            except UnicodeDecodeError:
                pass  # the GB18030 file
        print(f"{doc_id}: {len(text)} chars, {len(lab['problems'])} problems, {len(lab['measures'])} measures, "
              f"input {inp.name}")
    for r in manifest:
        if not (ROOT / "inputs" / r["file"]).exists():
            err(f"manifest lists missing file {r['file']}")
    if errors:
        print("\n".join("ERROR " + e for e in errors))
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()
