#!/usr/bin/env python3
"""Check holdout17: inputs decode to gold, labels are consistent. Run with /work/main/.venv/bin/python."""
import csv, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
KEYS = ["sections", "problems", "measures", "unanswered_problems", "vague", "concrete",
        "objective_excuses", "hope_as_criticism", "recycled", "copied", "ghostwriter"]
NUM_PREFIX = re.compile(r"[\s\u3000]*(?:#+\s*)?(?:◎|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、]|措施：|原因：)?[\s\u3000]*")
INLINE = re.compile(r"(?:^|[。；：:])[\s\u3000]*[一二三四五六七八九十]+是$")
errors = []


def err(name, msg):
    errors.append("%s: %s" % (name, msg))


def read_docx(path):
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    d = docx.Document(path)
    lines = []
    for child in d.element.body.iterchildren():
        tag = child.tag.split("}")[1]
        if tag == "p":
            lines.append(Paragraph(child, d).text)
        elif tag == "tbl":
            for row in Table(child, d).rows:
                for cell in row.cells:
                    lines.extend(p.text for p in cell.paragraphs)
    return "\n".join(lines)


def read_input(path):
    if path.endswith(".docx"):
        return read_docx(path), "docx"
    data = open(path, "rb").read()
    try:
        t = data.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        t = data.decode("gb18030")
        enc = "gb18030"
    if t.startswith("\ufeff"):
        t = t[1:]
        enc += "-bom"
    if "\r\n" in t:
        enc += "-crlf"
    t = t.replace("\r\n", "\n")
    return t, enc


def occurrences(text, sub):
    out, i = [], text.find(sub)
    while i >= 0:
        out.append(i)
        i = text.find(sub, i + 1)
    return out


def item_ok(gold, t):
    for i in occurrences(gold, t):
        ls = gold.rfind("\n", 0, i) + 1
        prefix = gold[ls:i]
        if NUM_PREFIX.fullmatch(prefix) or INLINE.search(prefix):
            end = gold.find("\n", i)
            end = len(gold) if end < 0 else end
            if len(t) == 20 or i + len(t) == end:
                return True
    return False


def main():
    rows = list(csv.DictReader(open(os.path.join(OUT, "manifest.csv"), encoding="utf-8")))
    assert list(rows[0].keys()) == ["file", "member", "role", "unit", "year"], rows[0].keys()
    totals = {k: 0 for k in ["problems", "measures", "unanswered_problems", "vague", "concrete", "objective_excuses", "hope_as_criticism"]}
    table = []
    for r in rows:
        name = r["file"].split("_")[0]
        gpath = os.path.join(OUT, "gold", name + ".txt")
        gold = open(gpath, encoding="utf-8", newline="").read()
        if gold.startswith("\ufeff") or "\r" in gold or gold.endswith("\n"):
            err(name, "gold text not canonical (BOM/CR/trailing newline)")
        text, enc = read_input(os.path.join(OUT, "inputs", r["file"]))
        if text != gold:
            a = next((i for i, (x, y) in enumerate(zip(text, gold)) if x != y), min(len(text), len(gold)))
            err(name, "input does not decode to gold (first diff at %d: %r vs %r)" % (a, text[a:a + 20], gold[a:a + 20]))
        g = json.load(open(os.path.join(OUT, "gold", name + ".gold.json"), encoding="utf-8"))
        if list(g.keys()) != KEYS:
            err(name, "keys %s" % list(g.keys()))
        lines = gold.split("\n")
        sec_pos = {}
        for k in ["problems", "causes", "measures", "criticism"]:
            v = g["sections"][k]
            if v is None:
                continue
            if v not in lines:
                err(name, "section %s is not a whole line: %r" % (k, v))
            else:
                idx = lines.index(v)
                sec_pos[k] = sum(len(l) + 1 for l in lines[:idx])
        ptexts = [p["text"] for p in g["problems"]]
        for t in ptexts:
            if not item_ok(gold, t):
                err(name, "problem item not found after a number/line start: %r" % t)
        if "problems" in sec_pos:
            for t in ptexts:
                if all(i < sec_pos["problems"] for i in occurrences(gold, t)):
                    err(name, "problem before problems section: %r" % t)
        answered = set()
        for m in g["measures"]:
            if not item_ok(gold, m["text"]):
                err(name, "measure item not found after a number/line start: %r" % m["text"])
            if "measures" in sec_pos and all(i < sec_pos["measures"] for i in occurrences(gold, m["text"])):
                err(name, "measure before measures section: %r" % m["text"])
            for a in m["answers"]:
                if a not in ptexts:
                    err(name, "answer points to no problem: %r" % a)
                answered.add(a)
        exp_un = [t for t in ptexts if t not in answered]
        if g["measures"] == [] and g["sections"]["measures"] is None:
            exp_un = ptexts
        if g["unanswered_problems"] != exp_un:
            err(name, "unanswered %r != expected %r" % (g["unanswered_problems"], exp_un))
        spans = {}
        for k in ["vague", "concrete", "objective_excuses", "hope_as_criticism"]:
            spans[k] = []
            for s in g[k]:
                occ = occurrences(gold, s)
                if not occ:
                    err(name, "%s label not a substring: %r" % (k, s))
                spans[k] += [(i, i + len(s)) for i in occ]
        for a, b in spans["vague"]:
            for c, d in spans["concrete"]:
                if a < d and c < b:
                    err(name, "vague/concrete overlap: %r / %r" % (gold[a:b], gold[c:d]))
        if set(g["vague"]) & set(g["concrete"]):
            err(name, "vague ∩ concrete not empty")
        for k, sec in [("objective_excuses", "causes"), ("hope_as_criticism", "criticism")]:
            for s in g[k]:
                if sec not in sec_pos:
                    err(name, "%s label but no %s section: %r" % (k, sec, s))
                elif all(i < sec_pos[sec] for i in occurrences(gold, s)):
                    err(name, "%s label before the %s heading: %r" % (k, sec, s))
        for k in ["vague", "concrete", "objective_excuses", "hope_as_criticism"]:
            for s in g[k]:
                if not re.search(r"[。；！？]$", s):
                    err(name, "%s label does not end a sentence: %r" % (k, s))
        if g["recycled"] != [] or g["copied"] != [] or g["ghostwriter"] is not None:
            err(name, "recycled/copied/ghostwriter should be empty")
        for k in totals:
            totals[k] += len(g[k])
        table.append((r["file"], enc, len(gold), len(ptexts), len(g["measures"]), len(g["unanswered_problems"]),
                      len(g["vague"]), len(g["concrete"]), len(g["objective_excuses"]), len(g["hope_as_criticism"])))
    print("%-36s %-14s %5s %3s %3s %3s %3s %3s %3s %3s" % ("file", "decoded as", "chars", "P", "M", "U", "v", "c", "e", "h"))
    for t in table:
        print("%-36s %-14s %5d %3d %3d %3d %3d %3d %3d %3d" % t)
    print("TOTAL", totals)
    want = {"vague": 40, "concrete": 50, "objective_excuses": 8, "hope_as_criticism": 8}
    for k, v in want.items():
        if totals[k] < v:
            err("corpus", "%s count %d < %d" % (k, totals[k], v))
    if not 2 <= totals["unanswered_problems"] <= 6:
        err("corpus", "unanswered problems %d not in 2..6" % totals["unanswered_problems"])
    if errors:
        print("\n".join(errors))
        print("FAIL: %d errors" % len(errors))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
