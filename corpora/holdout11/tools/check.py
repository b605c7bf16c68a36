#!/usr/bin/env python3
"""Check the corpus: inputs decode to gold text, labels are consistent. Exit 1 on any error."""
import csv, json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INP, GOLD = ROOT / "inputs", ROOT / "gold"
KEYS = ["sections", "problems", "measures", "unanswered_problems", "vague", "concrete",
        "objective_excuses", "hope_as_criticism", "recycled", "copied", "ghostwriter"]
NUM = re.compile(r"^(?:[#*\-\s]*)(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、]\s*|[（(]\d+[）)]|[①-⑳]|[一二三四五六七八九十]+是)?(?:\*\*)?$")
INLINE = re.compile(r"(?:^|[。；：:，,])\s*[一二三四五六七八九十]+是$")
errors, warns = [], []


def err(f, msg):
    errors.append(f"{f}: {msg}")


def read_input(path):
    if path.suffix == ".docx":
        import docx
        d = docx.Document(path)
        out = []
        body = d.element.body
        for child in body.iterchildren():
            tag = child.tag.split("}")[1]
            if tag == "p":
                out.append("".join(t.text or "" for t in child.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")))
            elif tag == "tbl":
                from docx.table import Table
                for row in Table(child, d).rows:
                    for cell in row.cells:
                        out.extend(p.text for p in cell.paragraphs)
        return "\n".join(out)
    b = path.read_bytes()
    if b.startswith(b"\xef\xbb\xbf"):
        t = b[3:].decode("utf-8")
    else:
        try:
            t = b.decode("utf-8")
        except UnicodeDecodeError:
            t = b.decode("gb18030")
    return t.replace("\r\n", "\n")


def spans(text, s):
    out, i = [], text.find(s)
    while i >= 0:
        out.append((i, i + len(s)))
        i = text.find(s, i + 1)
    return out


def main():
    rows = list(csv.DictReader(open(ROOT / "manifest.csv", encoding="utf-8")))
    assert rows and list(rows[0].keys()) == ["file", "member", "role", "unit", "year"], "manifest header"
    files = {r["file"] for r in rows}
    for p in INP.iterdir():
        if p.name not in files:
            err(p.name, "input not in manifest")
    tot = {k: 0 for k in ["vague", "concrete", "objective_excuses", "hope_as_criticism", "unanswered_problems", "problems"]}
    for r in rows:
        f = r["file"]
        name = Path(f).stem
        gt_b = (GOLD / f"{name}.txt").read_bytes()
        if gt_b.startswith(b"\xef\xbb\xbf") or b"\r" in gt_b or gt_b.endswith(b"\n"):
            err(f, "gold text has BOM/CR/trailing newline")
        gt = gt_b.decode("utf-8")
        if read_input(INP / f) != gt:
            err(f, "input does not decode to gold text")
        g = json.loads((GOLD / f"{name}.gold.json").read_text(encoding="utf-8"))
        if list(g.keys()) != KEYS:
            err(f, f"keys {list(g.keys())}")
        lines = gt.split("\n")
        sec = g["sections"]
        if set(sec) != {"problems", "causes", "measures", "criticism"}:
            err(f, "section keys")
        secpos = {}
        for k, v in sec.items():
            if v is None:
                continue
            if v not in lines:
                err(f, f"section {k} not a whole line: {v[:30]}")
            else:
                secpos[k] = gt.index(v + "\n") if (v + "\n") in gt else gt.index(v)
        # items
        ptexts = [p["text"] for p in g["problems"]]
        for kind, items in (("problem", ptexts), ("measure", [m["text"] for m in g["measures"]])):
            for t in items:
                if not t or "\n" in t:
                    err(f, f"{kind} text empty or multiline: {t!r}")
                    continue
                ok = False
                for a, b in spans(gt, t):
                    ls = gt.rfind("\n", 0, a) + 1
                    le = gt.find("\n", a)
                    le = len(gt) if le < 0 else le
                    pre = gt[ls:a]
                    if not (len(t) == 20 or b == le):
                        continue
                    if NUM.match(pre) or INLINE.search(pre):
                        ok = True
                if not ok:
                    err(f, f"{kind} text not a prefix after number/line start: {t}")
                hs = [secpos.get("problems" if kind == "problem" else "measures")]
                if hs[0] is not None and not any(a > hs[0] for a, _ in spans(gt, t)):
                    err(f, f"{kind} before its section heading: {t}")
        if len(set(ptexts)) != len(ptexts):
            err(f, "duplicate problem texts")
        answered = set()
        for m in g["measures"]:
            for a in m["answers"]:
                if a not in ptexts:
                    err(f, f"answer not a problem: {a}")
                answered.add(a)
        expect = [t for t in ptexts if t not in answered]
        if g["unanswered_problems"] != expect:
            err(f, f"unanswered mismatch {g['unanswered_problems']} vs {expect}")
        if sec["measures"] is None and g["unanswered_problems"] != ptexts:
            err(f, "no measures part but not all problems unanswered")
        # labels
        allspans = {}
        for k in ["vague", "concrete", "objective_excuses", "hope_as_criticism"]:
            allspans[k] = []
            for s in g[k]:
                sp = spans(gt, s)
                if not sp:
                    err(f, f"{k} not a substring: {s[:30]}")
                allspans[k].extend(sp)
                end = sp[0][1] if sp else 0
                if sp and not (s[-1] in "。；！？" or end == len(gt) or gt[end] == "\n"):
                    warns.append(f"{f}: {k} does not end at sentence end: {s[-12:]}")
            tot[k] += len(g[k])
        if set(g["vague"]) & set(g["concrete"]):
            err(f, "vague and concrete share a string")
        for a, b in allspans["vague"]:
            for c, d in allspans["concrete"]:
                if a < d and c < b:
                    err(f, f"vague/concrete overlap at {a}")
        def between(pos, start_key, stop_keys):
            st = secpos.get(start_key)
            if st is None:
                return True
            if pos < st:
                return False
            for sk in stop_keys:
                sp = secpos.get(sk)
                if sp is not None and sp > st and pos >= sp:
                    return False
            return True
        for s in g["objective_excuses"]:
            for a, _ in spans(gt, s):
                if not between(a, "causes", ["measures", "criticism"]):
                    err(f, f"excuse outside causes part: {s[:20]}")
        if g["objective_excuses"] and sec["causes"] is None:
            warns.append(f"{f}: excuses but no causes heading")
        for s in g["hope_as_criticism"]:
            for a, _ in spans(gt, s):
                if not between(a, "criticism", ["problems", "causes", "measures"]):
                    err(f, f"hope outside criticism part: {s[:20]}")
        if g["hope_as_criticism"] and sec["criticism"] is None:
            err(f, "hopes but no criticism heading")
        tot["unanswered_problems"] += len(g["unanswered_problems"])
        tot["problems"] += len(ptexts)
        if g["recycled"] != [] or g["copied"] != [] or g["ghostwriter"] is not None:
            err(f, "recycled/copied/ghostwriter not empty")
    for w in warns:
        print("WARN", w)
    for e in errors:
        print("ERROR", e)
    print("totals:", tot)
    print("OK" if not errors else f"{len(errors)} errors")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
