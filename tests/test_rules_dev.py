"""Dev-corpus harness for the rules: load ../shared/corpus/dev/gold/*.txt, parse, check, score.

Scores the way ../shared/eval/score.py does (a label counts as found when a finding of the
category overlaps its first occurrence). Run as a script to print the figures::

    python3 tests/test_rules_dev.py [--detail]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

GOLD = ROOT.parent / "shared" / "corpus" / "dev" / "gold"


def _span(text, needle):
    i = text.find(needle)
    return (i, i + len(needle)) if i >= 0 and needle else None


def _hit(span, flagged):
    return span is not None and any(span[0] < e and s < span[1] for s, e in flagged)


def run(ruleset=None):
    from analyzer.model import Document
    from analyzer.rules import load_ruleset
    from analyzer.structure import parse

    rs = ruleset or load_ruleset()
    out = {}
    for g in sorted(GOLD.glob("*.gold.json")):
        doc_id = g.name[: -len(".gold.json")]
        if doc_id == "reuse":
            continue
        text = (GOLD / f"{doc_id}.txt").read_text(encoding="utf-8").replace("\r\n", "\n")
        doc = Document(id=doc_id, path=str(GOLD / f"{doc_id}.txt"), text=text, format="txt")
        st = parse(doc)
        out[doc_id] = (doc, st, rs.check(doc, st), json.loads(g.read_text(encoding="utf-8")))
    return out


def score(results):
    res = {"unanswered": [0, 0, 0], "vague": [0, 0, 0, 0], "hope": [0, 0, 0], "excuse": [0, 0, 0]}
    misses = {"vague": [], "concrete": [], "hope": [], "excuse": [], "unanswered": [], "stray": []}
    for k, (doc, st, fs, g) in results.items():
        text = doc.text
        by = {}
        for f in fs:
            by.setdefault(f.category, []).append((f.start, f.end))
        un = set(g.get("unanswered_problems") or [])
        for p in g.get("problems") or []:
            hit = _hit(_span(text, p["text"]), by.get("unanswered-problem", []))
            if p["id"] in un:
                res["unanswered"][1] += 1
                res["unanswered"][0] += hit
                if not hit:
                    misses["unanswered"].append((k, p["id"]))
            elif hit:
                res["unanswered"][2] += 1
                misses["unanswered"].append((k, p["id"], "false alarm"))
        for lab in g.get("vague") or []:
            res["vague"][1] += 1
            h = _hit(_span(text, lab), by.get("vague", []))
            res["vague"][0] += h
            if not h:
                misses["vague"].append((k, lab))
        for lab in g.get("concrete") or []:
            res["vague"][3] += 1
            h = _hit(_span(text, lab), by.get("vague", []))
            res["vague"][2] += h
            if h:
                misses["concrete"].append((k, lab))
        for key, cat, name in (("hope_as_criticism", "hope-as-criticism", "hope"),
                               ("objective_excuses", "objective-excuse", "excuse")):
            labs = g.get(key) or []
            flagged = by.get(cat, [])
            if not labs:
                res[name][2] += len(flagged)
                misses["stray"] += [(k, cat, text[s:e][:40]) for s, e in flagged]
            for lab in labs:
                res[name][1] += 1
                h = _hit(_span(text, lab), flagged)
                res[name][0] += h
                if not h:
                    misses[name].append((k, lab))
    return res, misses


def main(argv):
    res, misses = score(run())
    u, v, h, x = res["unanswered"], res["vague"], res["hope"], res["excuse"]
    print(f"unanswered problems found: {u[0]}/{u[1]}, false alarms {u[2]}")
    print(f"vague found: {v[0]}/{v[1]} = {v[0] / max(1, v[1]):.2f}, concrete wrongly flagged {v[2]}/{v[3]}")
    print(f"hope-as-criticism found: {h[0]}/{h[1]}, flags where none labelled {h[2]}")
    print(f"objective excuses found: {x[0]}/{x[1]}, flags where none labelled {x[2]}")
    if "--detail" in argv:
        for k, lst in misses.items():
            for m in lst:
                print(k, *m)


if __name__ == "__main__":
    main(sys.argv[1:])


# ---- the quality bar on the dev corpus (thresholds from issue 3, not from current values) ----
import pytest  # noqa: E402


@pytest.mark.skipif(not GOLD.is_dir(), reason="dev corpus not available")
def test_dev_corpus_quality_bar():
    results = run()
    res, misses = score(results)
    u, v, h, x = res["unanswered"], res["vague"], res["hope"], res["excuse"]
    assert u[1] and u[0] / u[1] >= 0.9 and u[2] <= 1, misses["unanswered"]
    assert v[1] and v[0] / v[1] >= 0.85, misses["vague"]
    assert v[2] <= 0.10 * v[3], misses["concrete"]
    assert h[1] and h[0] / h[1] >= 0.9, misses["hope"]
    assert x[1] and x[0] / x[1] >= 0.8, misses["excuse"]
    assert h[2] == 0 and x[2] == 0, misses["stray"]
    for _doc, _st, findings, _g in results.values():
        for f in findings:
            assert f.excerpt == _doc.text[f.start:f.end]
