#!/usr/bin/env python3
"""由 tools/labels.py 生成 gold/*.gold.json 和 gold/reuse.gold.json。"""
import json, sys
from pathlib import Path
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from labels import DOCS, REUSE

def item(text, anchor, doc, what):
    n = text.count(anchor)
    if n != 1:
        sys.exit(f"{doc}: {what} anchor {anchor!r} occurs {n} times")
    i = text.index(anchor)
    return text[i:i + 20]

for doc, d in DOCS.items():
    text = (ROOT / "gold" / f"{doc}.txt").read_text(encoding="utf-8")
    probs = [{"id": f"p{k+1}", "text": item(text, a, doc, "problem")} for k, a in enumerate(d["problems"])]
    meas = [{"id": f"m{k+1}", "text": item(text, a, doc, "measure"), "answers": ans} for k, (a, ans) in enumerate(d["measures"])]
    un = d.get("unanswered", [])
    if un == "all":
        un = [p["id"] for p in probs]
    answered = {a for m in meas for a in m["answers"]}
    assert set(un) == {p["id"] for p in probs} - answered, (doc, un, answered)
    g = {"id": doc, "name": d["name"], "role": d["role"], "year": 2024, "sections": d["sections"],
         "problems": probs, "measures": meas, "unanswered_problems": un,
         "vague": d.get("vague", []), "concrete": d.get("concrete", []),
         "hope_as_criticism": d.get("hope_as_criticism", []), "objective_excuses": d.get("objective_excuses", []),
         "claims": d.get("claims", []),
         "recycled": [{"now": a, "before": b} for a, b in d.get("recycled", [])],
         "copied": [{"here": a, "source": "T01", "there": b, "kind": "template"} for a, b in d.get("copied", [])],
         "ghostwriter": d.get("ghostwriter"), "notes": d["notes"]}
    if d.get("recycled_from"):
        g["recycled_from"] = d["recycled_from"]
    (ROOT / "gold" / f"{doc}.gold.json").write_text(json.dumps(g, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
(ROOT / "gold" / "reuse.gold.json").write_text(json.dumps(REUSE, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print("ok", len(DOCS))
