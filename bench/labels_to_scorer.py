"""Convert a corpus writer's labels (problems named by their text, answers as texts) to the scorer's
format (ids p1…, m1…). Usage: python bench/labels_to_scorer.py GOLD_DIR (originals kept in GOLD_DIR/../gold_orig)."""
import json, shutil, sys
from pathlib import Path
gold = Path(sys.argv[1]); orig = gold.parent / "gold_orig"
if not orig.exists():
    shutil.copytree(gold, orig)
for f in sorted(orig.glob("*.gold.json")):
    g = json.loads(f.read_text(encoding="utf-8"))
    probs = g.get("problems") or []
    ids = {}
    for i, p in enumerate(probs, 1):
        p.setdefault("id", f"p{i}")
        ids[p["text"]] = p["id"]
    def pid(x):
        if x in ids.values(): return x
        if x in ids: return ids[x]
        for t, i in ids.items():
            if t.startswith(x) or x.startswith(t): return i
        print(f"{f.name}: unknown problem {x!r}", file=sys.stderr); return x
    for i, m in enumerate(g.get("measures") or [], 1):
        m.setdefault("id", f"m{i}")
        m["answers"] = [pid(a) for a in m.get("answers") or []]
    g["unanswered_problems"] = [pid(a) for a in g.get("unanswered_problems") or []]
    (gold / f.name).write_text(json.dumps(g, ensure_ascii=False, indent=1), encoding="utf-8")
print("converted", gold)
