#!/usr/bin/env python3
"""Build inputs/ and gold/ of holdout12 from tools/src/*.src.

Source markup (removed from the output text):
  line prefixes   @P @C @M @K   this line is the heading of problems / causes / measures / criticism
                  #B            docx: paragraph is one bold run in Normal style
                  #H1           docx: paragraph in style Heading 1
                  #R a ||| b    docx: a table row (consecutive #R lines = one table); '///' splits a cell's paragraphs
  inline          {P}           a problem item starts here
                  {M:1,3}       a measure item starts here, answering problems 1 and 3 (1-based, in draft order)
                  {v:...} {c:...} {e:...} {h:...}   vague / concrete / objective excuse / hope-as-criticism spans
Run with /work/main/.venv/bin/python (python-docx).
"""
import csv, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
UNIT = "中共澄川市公安局委员会"
YEAR = "2024"

# name, input file, format, encoding, newline, member, role
FILES = [
    ("H12_01", "H12_01.docx", "docx", None, None, "周立新", "党委书记、局长"),
    ("H12_02", "H12_02.txt", "txt", "utf-8", "\n", "韩志刚", "党委副书记、政委"),
    ("H12_03", "H12_03.docx", "docx", None, None, "沈建平", "党委副书记、常务副局长"),
    ("H12_04", "H12_04.txt", "txt", "gbk", "\r\n", "罗永涛", "党委委员、副局长（刑侦、经侦、反电诈）"),
    ("H12_05", "H12_05.txt", "txt", "utf-8", "\r\n", "孟庆海", "党委委员、副局长（治安、交管）"),
    ("H12_06", "H12_06.md", "md", "utf-8", "\n", "贺明哲", "党委委员、副局长（科技信息化、警务保障）"),
    ("H12_07", "H12_07.txt", "txt", "utf-8-sig", "\n", "邵琳", "党委委员、驻局纪检监察组组长"),
    ("H12_08", "H12_08.docx", "docx", None, None, "唐国栋", "党委委员、政治部主任"),
    ("H12_09", "H12_09.txt", "txt", "utf-8-sig", "\r\n", "许嘉", "党委委员、挂职副局长（挂职4个月）"),
    ("H12_10", "H12_10.docx", "docx", None, None, "班子", "班子对照检查材料"),
]

TOK = re.compile(r"\{P\}|\{M:([0-9,]*)\}|\{([vceh]):|\}")
KIND = {"v": "vague", "c": "concrete", "e": "objective_excuses", "h": "hope_as_criticism"}


def parse_inline(s, base, ev):
    """Strip inline markup from s; record events with absolute offsets (base = offset of s in gold)."""
    out, i, stack = [], 0, []
    for m in TOK.finditer(s):
        out.append(s[i:m.start()])
        i = m.end()
        pos = base + sum(len(x) for x in out)
        t = m.group(0)
        if t == "{P}":
            ev.append(("P", pos, None))
        elif t.startswith("{M:"):
            ev.append(("M", pos, [int(x) for x in m.group(1).split(",") if x]))
        elif t == "}":
            if not stack:
                raise SystemExit("unbalanced } in: " + s)
            k, p0 = stack.pop()
            ev.append(("L", p0, (k, pos)))
        else:
            if stack:
                raise SystemExit("nested label in: " + s)
            stack.append((m.group(2), pos))
    out.append(s[i:])
    if stack:
        raise SystemExit("unclosed label in: " + s)
    return "".join(out)


def build_one(name, fmt):
    src = open(os.path.join(HERE, "src", name + ".src"), encoding="utf-8").read().rstrip("\n").split("\n")
    blocks = []      # ("p", text, style) | ("table", [[ [paras], [paras] ], ...])
    gold_lines, ev, heads = [], [], {}
    off = 0

    def add_line(raw):
        nonlocal off
        t = parse_inline(raw, off, ev)
        gold_lines.append(t)
        off += len(t) + 1
        return t

    for line in src:
        sec = None
        m = re.match(r"@([PCMK]) ", line)
        if m:
            sec = {"P": "problems", "C": "causes", "M": "measures", "K": "criticism"}[m.group(1)]
            line = line[3:]
        style = None
        if line.startswith("#B "):
            style, line = "bold", line[3:]
        elif line.startswith("#H1 "):
            style, line = "Heading 1", line[4:]
        if line.startswith("#R "):
            cells = [c.strip().split(" /// ") for c in line[3:].split(" ||| ")]
            rowtexts = []
            for ci, paras in enumerate(cells):
                ct = []
                for pi, p in enumerate(paras):
                    sm = re.match(r"@([PCMK]) ", p)
                    psec = None
                    if sm:
                        psec = {"P": "problems", "C": "causes", "M": "measures", "K": "criticism"}[sm.group(1)]
                        p = p[3:]
                    t = add_line(p)
                    if psec:
                        heads[psec] = t
                    ct.append(t)
                rowtexts.append(ct)
            if blocks and blocks[-1][0] == "table":
                blocks[-1][1].append(rowtexts)
            else:
                blocks.append(("table", [rowtexts]))
            continue
        t = add_line(line)
        if sec:
            heads[sec] = t
        blocks.append(("p", t, style))
    gold = "\n".join(gold_lines)
    return gold, blocks, ev, heads


def item_text(gold, pos):
    end = gold.find("\n", pos)
    if end < 0:
        end = len(gold)
    return gold[pos:min(pos + 20, end)]


def make_gold(name, gold, ev, heads):
    probs = [item_text(gold, p) for k, p, _ in ev if k == "P"]
    meas = []
    answered = set()
    for k, p, a in ev:
        if k == "M":
            ans = [probs[i - 1] for i in a]
            answered.update(ans)
            meas.append({"text": item_text(gold, p), "answers": ans})
    labels = {v: [] for v in KIND.values()}
    for k, p, x in sorted([e for e in ev if e[0] == "L"], key=lambda e: e[1]):
        kind, end = x
        labels[KIND[kind]].append(gold[p:end])
    return {
        "sections": {s: heads.get(s) for s in ("problems", "causes", "measures", "criticism")},
        "problems": [{"text": t} for t in probs],
        "measures": meas,
        "unanswered_problems": [t for t in probs if t not in answered],
        "vague": labels["vague"],
        "concrete": labels["concrete"],
        "objective_excuses": labels["objective_excuses"],
        "hope_as_criticism": labels["hope_as_criticism"],
        "recycled": [],
        "copied": [],
        "ghostwriter": None,
    }


def write_docx(path, blocks, member):
    import docx
    from docx.shared import Pt
    from docx.oxml.ns import qn
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "仿宋_GB2312"
    st.font.size = Pt(16)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    for b in blocks:
        if b[0] == "p":
            _, text, style = b
            if style == "Heading 1":
                d.add_paragraph(text, style="Heading 1")
            elif style == "bold":
                p = d.add_paragraph()
                r = p.add_run(text)
                r.bold = True
            else:
                d.add_paragraph(text)
        else:
            rows = b[1]
            tb = d.add_table(rows=len(rows), cols=2)
            tb.style = "Table Grid"
            for ri, row in enumerate(rows):
                for ci, paras in enumerate(row):
                    cell = tb.cell(ri, ci)
                    cell.paragraphs[0].text = paras[0]
                    for p in paras[1:]:
                        cell.add_paragraph(p)
    cp = d.core_properties
    cp.author = member if member != "班子" else "局办公室"
    cp.last_modified_by = cp.author
    d.save(path)


def main():
    man = []
    for name, fn, fmt, enc, nl, member, role in FILES:
        gold, blocks, ev, heads = build_one(name, fmt)
        g = make_gold(name, gold, ev, heads)
        open(os.path.join(ROOT, "gold", name + ".txt"), "w", encoding="utf-8", newline="").write(gold)
        json.dump(g, open(os.path.join(ROOT, "gold", name + ".gold.json"), "w", encoding="utf-8"),
                  ensure_ascii=False, indent=1)
        path = os.path.join(ROOT, "inputs", fn)
        if fmt == "docx":
            write_docx(path, blocks, member)
        else:
            open(path, "wb").write(gold.replace("\n", nl).encode(enc))
        man.append([fn, member, role, UNIT, YEAR])
        print(f"{name}: {len(gold)} chars, {len(g['problems'])} problems, {len(g['measures'])} measures, "
              f"v{len(g['vague'])} c{len(g['concrete'])} e{len(g['objective_excuses'])} h{len(g['hope_as_criticism'])} "
              f"unans{len(g['unanswered_problems'])}")
    with open(os.path.join(ROOT, "manifest.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["file", "member", "role", "unit", "year"])
        w.writerows(man)


if __name__ == "__main__":
    main()
