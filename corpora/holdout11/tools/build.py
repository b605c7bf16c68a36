#!/usr/bin/env python3
"""Build inputs/ and gold/ from sources/*.src.

Source format
  header lines "#key: value" (file, member, role, format, unit, year) until a line "---".
  body: the draft text, one paragraph per line, with markup that is removed:
    line prefixes   @P @R @M @K @PR   section line (problems / causes / measures / criticism / merged problems+causes)
                    !AN:x             docx: paragraph in Word automatic numbering list x (number not in text)
                    !T  !B            docx: centred bold title / bold paragraph
    inline          [[p1]]            start of problem item p1 (placed right after its number)
                    [[m1:p1,p2]]      start of measure item m1 answering p1, p2 ([[m1:]] answers nothing)
                    {V:...} {C:...} {E:...} {H:...}   vague / concrete / objective excuse / hope-as-criticism
  formats: docx, md, txt-utf8, txt-bom-crlf, txt-crlf, txt-gb18030
"""
import json, re, sys, csv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC, INP, GOLD = ROOT / "sources", ROOT / "inputs", ROOT / "gold"
KEYS = {"V": "vague", "C": "concrete", "E": "objective_excuses", "H": "hope_as_criticism"}


def parse(path):
    raw = path.read_text(encoding="utf-8")
    head, body = raw.split("\n---\n", 1)
    meta = {}
    for ln in head.splitlines():
        if ln.startswith("#"):
            k, v = ln[1:].split(":", 1)
            meta[k.strip()] = v.strip()
    lines = body.rstrip("\n").split("\n")
    fmt = meta["format"]
    if fmt == "docx":
        lines = [l for l in lines if l.strip()]
    out_lines, para_style = [], []
    sections = {"problems": None, "causes": None, "measures": None, "criticism": None}
    labels = {v: [] for v in KEYS.values()}
    items = []  # (kind, id, answers, gold_offset)
    text = ""
    for ln in lines:
        style = None
        m = re.match(r"^!(AN:\w+|T|B) ", ln)
        if m:
            style = m.group(1)
            ln = ln[m.end():]
        sec = None
        m = re.match(r"^@(PR|P|R|M|K) ", ln)
        if m:
            sec = m.group(1)
            ln = ln[m.end():]
        # inline markup
        clean = ""
        i = 0
        while i < len(ln):
            if ln.startswith("[[", i):
                j = ln.index("]]", i)
                tag = ln[i + 2:j]
                if tag.startswith("p"):
                    items.append(("p", tag, None, len(text) + len(clean)))
                else:
                    mid, ans = tag.split(":")
                    items.append(("m", mid, [a for a in ans.split(",") if a], len(text) + len(clean)))
                i = j + 2
                continue
            if ln[i] == "{" and i + 2 < len(ln) and ln[i + 1] in KEYS and ln[i + 2] == ":":
                j = ln.index("}", i)
                inner = ln[i + 3:j]
                assert "{" not in inner and "[[" not in inner, (path, inner)
                labels[KEYS[ln[i + 1]]].append(inner)
                clean += inner
                i = j + 1
                continue
            clean += ln[i]
            i += 1
        assert "{" not in clean and "}" not in clean, (path, clean)
        if sec:
            for s in {"PR": ["problems", "causes"], "P": ["problems"], "R": ["causes"], "M": ["measures"], "K": ["criticism"]}[sec]:
                assert sections[s] is None, (path, s)
                sections[s] = clean
        out_lines.append(clean)
        para_style.append(style)
        text += clean + "\n"
    text = text[:-1]
    probs, meas, pid2text = [], [], {}
    for kind, iid, ans, off in items:
        rest = text[off:].split("\n", 1)[0]
        t = rest[:20]
        if kind == "p":
            pid2text[iid] = t
            probs.append(t)
        else:
            meas.append((t, ans))
    measures = [{"text": t, "answers": [pid2text[a] for a in ans]} for t, ans in meas]
    answered = {a for m in measures for a in m["answers"]}
    gold = {
        "sections": sections,
        "problems": [{"text": t} for t in probs],
        "measures": measures,
        "unanswered_problems": [t for t in probs if t not in answered],
        "vague": labels["vague"],
        "concrete": labels["concrete"],
        "objective_excuses": labels["objective_excuses"],
        "hope_as_criticism": labels["hope_as_criticism"],
        "recycled": [],
        "copied": [],
        "ghostwriter": None,
    }
    return meta, text, out_lines, para_style, gold


def restartable_numbering(doc):
    """Return a function list_id -> numId, each list restarting at 1, based on the 'List Number' style."""
    from docx.oxml.ns import qn
    from docx.oxml import OxmlElement
    numbering = doc.part.numbering_part.element
    style = doc.styles["List Number"]
    numPr = style.element.pPr.find(qn("w:numPr"))
    base_num = numPr.find(qn("w:numId")).get(qn("w:val"))
    abstract = None
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) == base_num:
            abstract = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    ids = {}
    nxt = [max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))) + 1]

    def get(list_id):
        if list_id not in ids:
            num = OxmlElement("w:num")
            num.set(qn("w:numId"), str(nxt[0]))
            a = OxmlElement("w:abstractNumId")
            a.set(qn("w:val"), abstract)
            num.append(a)
            ov = OxmlElement("w:lvlOverride")
            ov.set(qn("w:ilvl"), "0")
            so = OxmlElement("w:startOverride")
            so.set(qn("w:val"), "1")
            ov.append(so)
            num.append(ov)
            numbering.append(num)
            ids[list_id] = str(nxt[0])
            nxt[0] += 1
        return ids[list_id]
    return get


def write_docx(path, lines, styles, meta):
    import docx
    from docx.shared import Pt
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.oxml import OxmlElement
    doc = docx.Document()
    st = doc.styles["Normal"]
    st.font.name = "仿宋_GB2312"
    st.font.size = Pt(16)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    getnum = restartable_numbering(doc)
    for ln, sty in zip(lines, styles):
        if sty and sty.startswith("AN:"):
            p = doc.add_paragraph(ln, style="List Number")
            pPr = p._p.get_or_add_pPr()
            numPr = OxmlElement("w:numPr")
            il = OxmlElement("w:ilvl"); il.set(qn("w:val"), "0")
            ni = OxmlElement("w:numId"); ni.set(qn("w:val"), getnum(sty[3:]))
            numPr.append(il); numPr.append(ni)
            pPr.append(numPr)
        else:
            p = doc.add_paragraph()
            r = p.add_run(ln)
            if sty in ("T", "B"):
                r.bold = True
            if sty == "T":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cp = doc.core_properties
    cp.author = meta.get("author", meta["member"])
    cp.last_modified_by = meta.get("author", meta["member"])
    cp.title = ""
    cp.comments = ""
    doc.save(path)


def main():
    rows = []
    for src in sorted(SRC.glob("*.src")):
        meta, text, lines, styles, gold = parse(src)
        name = Path(meta["file"]).stem
        fmt = meta["format"]
        out = INP / meta["file"]
        if fmt == "docx":
            write_docx(out, lines, styles, meta)
        elif fmt in ("md", "txt-utf8"):
            out.write_bytes(text.encode("utf-8"))
        elif fmt == "txt-bom-crlf":
            out.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
        elif fmt == "txt-crlf":
            out.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
        elif fmt == "txt-gb18030":
            out.write_bytes(text.encode("gb18030"))
        else:
            raise SystemExit("bad format " + fmt)
        (GOLD / f"{name}.txt").write_text(text, encoding="utf-8")
        (GOLD / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
        rows.append([meta["file"], meta["member"], meta["role"], meta["unit"], meta["year"]])
        print(f"{meta['file']:12s} {len(text):5d} chars  P{len(gold['problems'])} M{len(gold['measures'])} "
              f"U{len(gold['unanswered_problems'])} V{len(gold['vague'])} C{len(gold['concrete'])} "
              f"E{len(gold['objective_excuses'])} H{len(gold['hope_as_criticism'])}")
    with open(ROOT / "manifest.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["file", "member", "role", "unit", "year"])
        w.writerows(rows)


if __name__ == "__main__":
    main()
