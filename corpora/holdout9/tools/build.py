#!/usr/bin/env python3
"""Build holdout9: tools/src/NAME.txt (+ NAME.labels.json) -> inputs/ + gold/.

Run with /work/main/.venv/bin/python (needs python-docx).
Source markup: lines; a block between [[TABLE]] and [[/TABLE]] is a Word table,
one row per line, cells separated by '|'.
"""
import json
import re
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "tools" / "src"
INP = ROOT / "inputs"
GOLD = ROOT / "gold"

UNIT = "澜江省能源投资集团有限公司"
YEAR = "2023"

# name: (input file, member, role, format, author for docx metadata)
FILES = {
    "H01": ("H01.docx", "集团党委领导班子", "领导班子", "docx", "党委办公室"),
    "H02": ("H02.txt", "郑怀远", "党委书记、董事长", "utf-8-sig", None),
    "H03": ("H03.md", "韩立诚", "党委副书记、总经理", "utf-8", None),
    "H04": ("H04.txt", "罗静", "党委副书记", "utf-8-crlf", None),
    "H05": ("H05.docx", "彭建业", "党委常委、纪委书记", "docx", "彭建业"),
    "H06": ("H06.docx", "许卫东", "党委常委、副总经理", "docx", "许卫东"),
    "H07": ("H07.txt", "钟明", "党委常委、副总经理", "utf-8", None),
    "H08": ("H08.txt", "唐海燕", "党委常委、副总经理", "gb18030", None),
    "H09": ("H09.txt", "曹颖", "党委常委、总会计师", "utf-8-sig-crlf", None),
    "H10": ("H10.md", "马国庆", "党委委员、工会主席", "utf-8", None),
}

NUM = re.compile(r"^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+[.．、]|[一二三四五六七八九十]+是|●|——)")
INLINE = re.compile(r"(?:^|[。；：:，,])\s*([一二三四五六七八九十]+是)")


def parse_src(text):
    """Return list of blocks: ('p', str) or ('table', [[cell,...],...])."""
    blocks, table = [], None
    for line in text.split("\n"):
        if line == "[[TABLE]]":
            table = []
        elif line == "[[/TABLE]]":
            blocks.append(("table", table))
            table = None
        elif table is not None:
            table.append(line.split("|"))
        else:
            blocks.append(("p", line))
    return blocks


def gold_text(blocks):
    lines = []
    for kind, val in blocks:
        if kind == "p":
            lines.append(val)
        else:
            for row in val:
                lines.extend(row)
    return "\n".join(lines)


def write_docx(blocks, path, author):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.size = Pt(14)
    st.font.name = "仿宋_GB2312"
    for i, (kind, val) in enumerate(blocks):
        if kind == "p":
            p = d.add_paragraph()
            r = p.add_run(val)
            if i < 2:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                r.bold = True
            elif re.match(r"^[一二三四五六七八九十]+、", val):
                r.bold = True
        else:
            t = d.add_table(rows=len(val), cols=len(val[0]))
            t.style = "Table Grid"
            for ri, row in enumerate(val):
                for ci, cell in enumerate(row):
                    t.cell(ri, ci).text = cell
                    if ri == 0:
                        for run in t.cell(ri, ci).paragraphs[0].runs:
                            run.bold = True
    cp = d.core_properties
    cp.author = author
    cp.last_modified_by = author
    cp.title = ""
    cp.comments = ""
    d.save(path)


def item_text(gold, key):
    """First 20 chars of the item beginning with key, after a number or at line start."""
    hits = []
    for m in re.finditer(re.escape(key), gold):
        pos = m.start()
        ls = gold.rfind("\n", 0, pos) + 1
        before = gold[ls:pos]
        ok = before == "" or NUM.fullmatch(before) or re.search(r"[。；：:，,]\s*[一二三四五六七八九十]+是$", before)
        if ok:
            hits.append(pos)
    if len(hits) != 1:
        raise SystemExit(f"item key {key!r}: {len(hits)} hits")
    pos = hits[0]
    end = gold.find("\n", pos)
    end = len(gold) if end < 0 else end
    text = gold[pos:min(pos + 20, end)]
    nxt = re.search(r"[。；][一二三四五六七八九十]+是", text)  # next inline item starts inside the window
    return text[: nxt.start() + 1] if nxt else text


def main():
    INP.mkdir(exist_ok=True)
    GOLD.mkdir(exist_ok=True)
    manifest = ["file,member,role,unit,year"]
    for name, (fname, member, role, fmt, author) in FILES.items():
        src = (SRC / f"{name}.txt").read_text(encoding="utf-8").rstrip("\n")
        blocks = parse_src(src)
        gold = gold_text(blocks)
        (GOLD / f"{name}.txt").write_bytes(gold.encode("utf-8"))
        out = INP / fname
        if fmt == "docx":
            write_docx(blocks, out, author)
        elif fmt == "utf-8":
            out.write_bytes(gold.encode("utf-8"))
        elif fmt == "utf-8-sig":
            out.write_bytes(gold.encode("utf-8-sig"))
        elif fmt == "utf-8-crlf":
            out.write_bytes(gold.replace("\n", "\r\n").encode("utf-8"))
        elif fmt == "utf-8-sig-crlf":
            out.write_bytes(gold.replace("\n", "\r\n").encode("utf-8-sig"))
        elif fmt == "gb18030":
            out.write_bytes(gold.encode("gb18030"))
        else:
            raise SystemExit(fmt)

        lab = json.loads((SRC / f"{name}.labels.json").read_text(encoding="utf-8"))
        ptexts = {k: item_text(gold, k) for k in lab["problems"]}
        measures = []
        answered = set()
        for mkey, ans in lab["measures"]:
            measures.append({"text": item_text(gold, mkey), "answers": [ptexts[a] for a in ans]})
            answered.update(ptexts[a] for a in ans)
        problems = [{"text": ptexts[k]} for k in lab["problems"]]
        unanswered = [p["text"] for p in problems if p["text"] not in answered]
        g = {
            "sections": lab["sections"],
            "problems": problems,
            "measures": measures,
            "unanswered_problems": unanswered,
            "vague": lab["vague"],
            "concrete": lab["concrete"],
            "objective_excuses": lab["objective_excuses"],
            "hope_as_criticism": lab["hope_as_criticism"],
            "recycled": [],
            "copied": [],
            "ghostwriter": None,
        }
        (GOLD / f"{name}.gold.json").write_text(json.dumps(g, ensure_ascii=False, indent=1), encoding="utf-8")
        manifest.append(f"{fname},{member},{role},{UNIT},{YEAR}")
    (ROOT / "manifest.csv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    print("built", len(FILES))


if __name__ == "__main__":
    main()
