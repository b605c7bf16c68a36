#!/usr/bin/env python3
"""Build holdout3: gold/NAME.gold.json, inputs/, manifest.csv from gold/NAME.txt and labels.py.

Run with the project's venv python (python-docx is needed for the .docx input):
    /work/main/.venv/bin/python corpora/holdout3/tools/build.py
"""
import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from labels import DOCS, UNIT, YEAR  # noqa: E402


def item_prefix(text, anchor, what):
    i = text.find(anchor)
    if i < 0 or text.find(anchor, i + 1) >= 0:
        sys.exit(f"{what}: anchor {anchor!r} not found exactly once")
    return text[i:i + 20]


def main():
    gold, inputs = ROOT / "gold", ROOT / "inputs"
    inputs.mkdir(exist_ok=True)
    rows = []
    for doc_id, d in DOCS.items():
        p = gold / f"{doc_id}.txt"
        text = p.read_text(encoding="utf-8").replace("\r\n", "\n").rstrip("\n")
        p.write_text(text, encoding="utf-8", newline="\n")
        g = {
            "id": doc_id, "name": d["name"], "role": d["role"], "year": YEAR,
            "sections": d["sections"],
            "problems": [{"id": pid, "text": item_prefix(text, a, f"{doc_id}.{pid}")} for pid, a in d["problems"]],
            "measures": [{"id": mid, "text": item_prefix(text, a, f"{doc_id}.{mid}"), "answers": ans}
                         for mid, a, ans in d["measures"]],
            "unanswered_problems": d["unanswered"],
            "vague": d["vague"], "concrete": d["concrete"],
            "hope_as_criticism": d["hope"], "objective_excuses": d["excuses"],
            "notes": d["notes"],
        }
        (gold / f"{doc_id}.gold.json").write_text(json.dumps(g, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        fname = d["file"]
        out = inputs / fname
        if fname.endswith(".docx"):
            import docx
            doc = docx.Document()
            for para in list(doc.paragraphs):
                para._element.getparent().remove(para._element)
            for line in text.split("\n"):
                doc.add_paragraph(line)
            doc.core_properties.author = d["name"]
            doc.core_properties.last_modified_by = d["name"]
            doc.save(out)
        elif doc_id == "F04":
            out.write_bytes(text.encode("gb18030"))
        else:
            out.write_text(text, encoding="utf-8", newline="\n")
        rows.append([fname, d["name"], d["role"], UNIT, YEAR])
    with open(ROOT / "manifest.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["file", "member", "role", "unit", "year"])
        w.writerows(rows)
    print(f"built {len(rows)} documents")


if __name__ == "__main__":
    main()
