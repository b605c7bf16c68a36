#!/usr/bin/env python3
"""Build inputs/, gold/ and manifest.csv of holdout20 from sources/*.src.

Source format (one file per draft):
  @key value        header / directive lines (id, member, role, format, encoding, newline, notes, noeol)
  other lines       body.  For docx: "B|text" bold paragraph, "N|text" Word auto-numbered paragraph
                    (List Number; a new numbering instance for each run of consecutive N| lines),
                    "T|c1‖c2‖..." table row (consecutive rows form one table), anything else a plain
                    paragraph; blank lines are skipped.  For txt/md the body is taken line by line.
Inline markers (removed from the text):
  ⟦P⟧            a problem item starts here (label = next 20 characters)
  ⟦M:1,3⟧        a measure item starts here and answers problems 1 and 3 (document order); ⟦M:⟧ answers none
  ⟦v⟧ ⟦c⟧ ⟦x⟧ ⟦h⟧  the sentence that ends right before the marker is vague / concrete / objective
                 excuse / hope-as-criticism (sentence = back to the previous 。！？； in the same line,
                 leading numbering and 原因：/整改：-type prefixes stripped, terminator kept)
  ⟦v<⟧ … ⟦>⟧     explicit span (same kinds)
  ⟦S:role⟧       this line (or table cell) is the heading line of section role
"""
import csv, datetime, json, re, sys
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
SRC, INP, GOLD = ROOT / "sources", ROOT / "inputs", ROOT / "gold"
UNIT, YEAR = "中共澄州市中级人民法院党组", 2025
KINDS = {"v": "vague", "c": "concrete", "x": "objective_excuses", "h": "hope_as_criticism"}
TERM, CLOSE = "。！？；", "”’」』）)》"
LEAD = re.compile(r"^(?:\s+|#+\s|\*\*|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]"
                  r"|[①-⑳]|(?:问题|原因|整改|整改措施|原因剖析|问题表现|措施)[：:])+")
MARK = re.compile(r"⟦([^⟧]*)⟧")


def parse_src(path):
    meta, body = {"noeol": False}, []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("@"):
            k, _, v = line[1:].partition(" ")
            meta[k] = v.strip() if v else True
        else:
            body.append(line)
    while body and body[-1] == "":
        body.pop()
    return meta, body


def clean_unit(raw):
    """Remove markers; return clean text and events (code, pos)."""
    out, events, last = [], [], 0
    for m in MARK.finditer(raw):
        out.append(raw[last:m.start()])
        events.append((m.group(1), sum(len(s) for s in out)))
        last = m.end()
    out.append(raw[last:])
    return "".join(out), events


def sentence_before(s, end, where):
    if not (end == len(s) or s[end - 1] in TERM + CLOSE):
        raise SystemExit(f"{where}: marker not after a sentence end: …{s[max(0, end - 15):end]}⟦")
    i = end - 1
    while i >= 0 and s[i] in CLOSE:
        i -= 1
    if i >= 0 and s[i] in TERM:
        i -= 1
    while i >= 0 and s[i] not in TERM:
        i -= 1
    start = i + 1
    while start < end and s[start] in CLOSE:
        start += 1
    sent = LEAD.sub("", s[start:end])
    if not sent:
        raise SystemExit(f"{where}: empty sentence")
    return sent


def labels_for(units, did):
    lab = {"sections": {"problems": None, "causes": None, "measures": None, "criticism": None},
           "problems": [], "measures": [], "vague": [], "concrete": [], "objective_excuses": [],
           "hope_as_criticism": []}
    pending_answers = []
    for ui, raw in enumerate(units):
        s, events = clean_unit(raw)
        where = f"{did} unit {ui + 1}"
        open_span = None
        for code, pos in events:
            if code == "P":
                lab["problems"].append({"text": s[pos:pos + 20].rstrip()})
            elif code.startswith("M:"):
                nums = [int(n) for n in code[2:].split(",") if n.strip()]
                lab["measures"].append({"text": s[pos:pos + 20].rstrip(), "answers": []})
                pending_answers.append((len(lab["measures"]) - 1, nums))
            elif code.startswith("S:"):
                role = code[2:]
                assert role in lab["sections"], (where, role)
                lab["sections"][role] = s.strip()
            elif code in KINDS:
                lab[KINDS[code]].append(sentence_before(s, pos, where))
            elif len(code) == 2 and code[0] in KINDS and code[1] == "<":
                open_span = (code[0], pos)
            elif code == ">":
                k, p0 = open_span
                lab[KINDS[k]].append(s[p0:pos])
                open_span = None
            else:
                raise SystemExit(f"{where}: unknown marker {code}")
        if open_span:
            raise SystemExit(f"{where}: span not closed")
        if re.search(r"[^\x00-\x7f] +[^\x00-\x7f]|[^\x00-\x7f] +$|^ +", s):
            print(f"WARNING {where}: stray ASCII space: {s[:40]}", file=sys.stderr)
    for mi, nums in pending_answers:
        lab["measures"][mi]["answers"] = [lab["problems"][n - 1]["text"] for n in nums]
    answered = {a for m in lab["measures"] for a in m["answers"]}
    lab["unanswered_problems"] = [p["text"] for p in lab["problems"] if p["text"] not in answered]
    return lab


def set_fonts(d):
    st = d.styles["Normal"]
    st.font.name = "仿宋_GB2312"
    st.font.size = Pt(16)
    st.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")


def new_num(d):
    numbering = d.part.numbering_part.numbering_definitions._numbering
    base = d.styles["List Number"].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(base).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return num.numId


def build_docx(meta, body, out, n):
    d = docx.Document()
    set_fonts(d)
    cp = d.core_properties
    cp.author = cp.last_modified_by = meta["member"]
    cp.title = "2025年度民主生活会材料"
    cp.created = datetime.datetime(2026, 1, 5 + n, 9, 10 + n)
    cp.modified = datetime.datetime(2026, 1, 12 + n, 16, 3 * n)
    cp.revision = 3 + n
    units, gold_lines, rows, num_id, first_bold = [], [], [], None, True

    def flush_table():
        nonlocal rows
        if not rows:
            return
        t = d.add_table(rows=0, cols=len(rows[0]))
        t.style = "Table Grid"
        for ri, cells in enumerate(rows):
            r = t.add_row()
            for ci, raw in enumerate(cells):
                txt, _ = clean_unit(raw)
                r.cells[ci].text = txt
                if ri == 0:
                    for run in r.cells[ci].paragraphs[0].runs:
                        run.bold = True
                units.append(raw)
                gold_lines.append(txt)
        rows = []

    for line in body:
        if not line.strip():
            continue
        if line.startswith("T|"):
            rows.append(line[2:].split("‖"))
            continue
        flush_table()
        kind, raw = ("B", line[2:]) if line.startswith("B|") else ("N", line[2:]) if line.startswith("N|") else ("P", line)
        txt, _ = clean_unit(raw)
        p = d.add_paragraph()
        run = p.add_run(txt)
        if kind == "B":
            run.bold = True
            if first_bold:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                first_bold = False
        if kind == "N":
            if num_id is None:
                num_id = new_num(d)
            p.style = d.styles["List Number"]
            numPr = p._p.get_or_add_pPr().get_or_add_numPr()
            numPr.get_or_add_ilvl().val = 0
            numPr.get_or_add_numId().val = num_id
        else:
            num_id = None
        units.append(raw)
        gold_lines.append(txt)
    flush_table()
    d.save(out)
    return units, "\n".join(gold_lines)


def build_text(meta, body, out):
    units = list(body)
    text = "\n".join(clean_unit(u)[0] for u in units) + ("" if meta.get("noeol") else "\n")
    data = text.replace("\n", "\r\n") if meta.get("newline") == "crlf" else text
    out.write_bytes(data.encode(meta["encoding"]))
    return units, text


def main():
    INP.mkdir(exist_ok=True)
    GOLD.mkdir(exist_ok=True)
    manifest = []
    for n, src in enumerate(sorted(SRC.glob("J*.src"))):
        meta, body = parse_src(src)
        did, fmt = meta["id"], meta["format"]
        out = INP / f"{did}.{fmt}"
        if fmt == "docx":
            units, gold_text = build_docx(meta, body, out, n)
        else:
            units, gold_text = build_text(meta, body, out)
        (GOLD / f"{did}.txt").write_text(gold_text, encoding="utf-8", newline="\n")
        lab = labels_for(units, did)
        gold = {"id": did, "member": meta["member"], "role": meta["role"], "year": YEAR,
                "sections": lab["sections"], "problems": lab["problems"], "measures": lab["measures"],
                "unanswered_problems": lab["unanswered_problems"], "vague": lab["vague"],
                "concrete": lab["concrete"], "objective_excuses": lab["objective_excuses"],
                "hope_as_criticism": lab["hope_as_criticism"], "recycled": [], "copied": [],
                "ghostwriter": None, "notes": meta.get("notes", "")}
        (GOLD / f"{did}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        manifest.append({"file": out.name, "member": meta["member"], "role": meta["role"], "unit": UNIT, "year": YEAR})
        print(f"{did}: {out.name} {len(gold_text)} chars")
    with open(ROOT / "manifest.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["file", "member", "role", "unit", "year"])
        w.writeheader()
        w.writerows(manifest)


if __name__ == "__main__":
    main()
