#!/usr/bin/env python3
"""Build inputs/ and gold/ from tools/src/*.src (marked-up canonical drafts).

Markup (never appears in output):
  ⟪S:role⟫            at a line start: that whole line is sections[role]
  ⟪P:id⟫              a problem item starts here (its text = next 20 chars)
  ⟪M:id:p1,p2⟫        a measure item starts here; answers p1,p2 (may be empty)
  〖V|...〗 〖C|...〗 〖E|...〗 〖H|...〗   vague / concrete / objective excuse / hope-as-criticism spans
  ⟪TABLE⟫ ... ⟪/TABLE⟫  table rows, cells separated by ‖ (docx only)
Run with /work/main/.venv/bin/python (needs python-docx).
"""
import csv, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
SRC = os.path.join(HERE, "src")

# name -> (input format, member, role)
DRAFTS = {
    "W01": ("docx", "周明远", "党组书记、主任"),
    "W02": ("docx", "韩素琴", "党组成员、副主任"),
    "W03": ("txt-utf8", "邓建国", "党组成员、副主任"),
    "W04": ("txt-gb18030", "罗庆", "党组成员、副主任"),
    "W05": ("md", "沈立群", "党组成员、驻委纪检监察组组长"),
    "W06": ("txt-bom-crlf", "杜卫东", "党组成员、县人民医院党委书记"),
    "W07": ("docx", "彭晓燕", "党组成员、县疾病预防控制中心主任"),
    "W08": ("docx", "唐丽", "党组成员、县妇幼保健院院长"),
    "W09": ("txt-copypaste", "曹志刚", "党组成员、县卫健委医保办主任"),
    "W10": ("txt-utf8", "吴海峰", "党组成员、县卫生健康综合行政执法大队大队长"),
}
UNIT = "中共岚溪县卫生健康委员会党组"
YEAR = "2023"
EXT = {"docx": ".docx", "md": ".md"}

TOKEN = re.compile(r"⟪(S|P|M):([^⟫]*)⟫|〖([VCEH])\||〗")
KIND = {"V": "vague", "C": "concrete", "E": "objective_excuses", "H": "hope_as_criticism"}


def strip(marked):
    """Return clean text and the list of events with clean offsets."""
    out, events, stack, last = [], [], [], 0
    pos = 0
    for m in TOKEN.finditer(marked):
        out.append(marked[last:m.start()])
        pos += m.start() - last
        last = m.end()
        if m.group(1):
            events.append((m.group(1), m.group(2), pos))
        elif m.group(3):
            stack.append((m.group(3), pos))
        else:
            k, start = stack.pop()
            events.append((k, None, (start, pos)))
    out.append(marked[last:])
    assert not stack, "unclosed span"
    return "".join(out), events


def read_blocks(name):
    lines = open(os.path.join(SRC, name + ".src"), encoding="utf-8").read().rstrip("\n").split("\n")
    blocks, i = [], 0
    while i < len(lines):
        if lines[i] == "⟪TABLE⟫":
            rows = []
            i += 1
            while lines[i] != "⟪/TABLE⟫":
                rows.append(lines[i].split("‖"))
                i += 1
            blocks.append(("table", rows))
        else:
            blocks.append(("p", lines[i]))
        i += 1
    return blocks


def marked_lines(blocks):
    res = []
    for kind, val in blocks:
        if kind == "p":
            res.append(val)
        else:
            for row in val:
                res.extend(row)
    return res


def copypaste(lines):
    """Web copy-paste: two blank lines between paragraphs, trailing spaces on body lines."""
    out = []
    for i, ln in enumerate(lines):
        if ln and "⟪S:" not in ln and i not in (0, 1, len(lines) - 1):
            ln = ln + ("  " if i % 3 else " \u3000")
        out.append(ln)
    return "\n\n\n".join(out)


def build(name):
    fmt, member, role = DRAFTS[name]
    blocks = read_blocks(name)
    mlines = marked_lines(blocks)
    for ln in mlines:  # spans must not cross lines
        strip(ln)
    marked = copypaste(mlines) if fmt == "txt-copypaste" else "\n".join(mlines)
    gold, events = strip(marked)
    lines_start = [0] + [m.end() for m in re.finditer("\n", gold)]

    def line_at(p):
        s = max(x for x in lines_start if x <= p)
        e = gold.find("\n", s)
        return gold[s:e if e >= 0 else len(gold)]

    sections = {"problems": None, "causes": None, "measures": None, "criticism": None}
    probs, meas, labels = {}, [], {v: [] for v in KIND.values()}
    for kind, arg, p in events:
        if kind == "S":
            sections[arg] = line_at(p)
        elif kind == "P":
            probs[arg] = gold[p:p + 20]
        elif kind == "M":
            mid, ans = arg.split(":")
            meas.append((gold[p:p + 20], [a for a in ans.split(",") if a]))
        else:
            s, e = p
            labels[KIND[kind]].append(gold[s:e])
    answered = {a for _, ans in meas for a in ans}
    for _, ans in meas:
        for a in ans:
            assert a in probs, (name, a)
    g = {
        "sections": sections,
        "problems": [{"text": t} for t in probs.values()],
        "measures": [{"text": t, "answers": [probs[a] for a in ans]} for t, ans in meas],
        "unanswered_problems": [t for k, t in probs.items() if k not in answered],
        "vague": labels["vague"],
        "concrete": labels["concrete"],
        "objective_excuses": labels["objective_excuses"],
        "hope_as_criticism": labels["hope_as_criticism"],
        "recycled": [],
        "copied": [],
        "ghostwriter": None,
    }
    with open(os.path.join(OUT, "gold", name + ".txt"), "w", encoding="utf-8", newline="") as f:
        f.write(gold)
    with open(os.path.join(OUT, "gold", name + ".gold.json"), "w", encoding="utf-8") as f:
        json.dump(g, f, ensure_ascii=False, indent=1)

    fname = name + EXT.get(fmt, ".txt")
    path = os.path.join(OUT, "inputs", fname)
    if fmt == "docx":
        write_docx(path, blocks, member)
    elif fmt == "txt-gb18030":
        open(path, "wb").write((gold + "\n").encode("gb18030"))
    elif fmt == "txt-bom-crlf":
        open(path, "wb").write(b"\xef\xbb\xbf" + (gold.replace("\n", "\r\n") + "\r\n").encode("utf-8"))
    else:  # txt-utf8, md, txt-copypaste
        open(path, "wb").write((gold + "\n").encode("utf-8"))
    return fname, member, role, len(gold.replace("\n", ""))


def write_docx(path, blocks, member):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.size = Pt(14)
    for kind, val in blocks:
        if kind == "p":
            text, _ = strip(val)
            para = d.add_paragraph(text)
            if text.startswith(("一、", "二、", "三、", "四、")):
                for r in para.runs:
                    r.bold = True
        else:
            t = d.add_table(rows=len(val), cols=len(val[0]))
            t.style = "Table Grid"
            for ri, row in enumerate(val):
                assert len(row) == len(val[0])
                for ci, cell in enumerate(row):
                    t.cell(ri, ci).text = strip(cell)[0]
    cp = d.core_properties
    cp.author = member
    cp.last_modified_by = member
    cp.title = ""
    d.save(path)


def main():
    rows = []
    for name in DRAFTS:
        if not os.path.exists(os.path.join(SRC, name + ".src")):
            print("missing", name)
            continue
        fname, member, role, n = build(name)
        rows.append((fname, member, role))
        print(f"{name}: {n} chars")
    with open(os.path.join(OUT, "manifest.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["file", "member", "role", "unit", "year"])
        for fname, member, role in rows:
            w.writerow([fname, member, role, UNIT, YEAR])


if __name__ == "__main__":
    main()
