#!/usr/bin/env python3
"""Build holdout17: tools/src/*.src (gold text with inline markup) -> inputs/ + gold/.

Markup (all stripped from the gold text):
  ⟦S=problems⟧ ⟦S=causes⟧ ⟦S=measures⟧ ⟦S=criticism⟧   zero-width, anywhere in a line: that whole line is the section value
  ⟦P⟧                                                  zero-width: a problem item starts here (after its number)
  ⟦M=1,3⟧  ⟦M=⟧                                         zero-width: a measure item starts here; answers problems #1 and #3 (1-based)
  ⟦v:…⟧ ⟦c:…⟧ ⟦e:…⟧ ⟦h:…⟧                               spans: vague / concrete / objective excuse / hope-as-criticism
Special source lines (docx only, not part of the gold text):
  @HEADER text      paragraph in the section header
  @TEXTBOX text     a VML text box anchored in the next body paragraph (lines joined with / become paragraphs)
  @LN text          body paragraph in style "List Number" (Word automatic numbering; number not in text)
Run with /work/main/.venv/bin/python (needs python-docx).
"""
import json, os, re, sys, csv

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
SRC = os.path.join(HERE, "src")

UNIT = "中共澜江市纪委监委机关领导班子"
YEAR = "2022"
# name, input file, member, role, format
DOCS = [
    ("F01", "F01_周明远_对照检查材料.docx", "周明远", "市委常委，市纪委书记、市监委主任", "docx-header-textbox"),
    ("F02", "F02_韩立新_发言提纲.txt", "韩立新", "市纪委副书记、市监委副主任", "gb18030"),
    ("F03", "F03_苏晓岚_相互批评意见清单.txt", "苏晓岚", "市纪委副书记、市监委副主任", "utf8-bom"),
    ("F04", "F04_魏国栋_检视剖析材料.txt", "魏国栋", "市纪委常委、市监委委员", "utf8-crlf"),
    ("F05", "F05_杜海燕_发言提纲.md", "杜海燕", "市纪委常委、市监委委员", "utf8"),
    ("F06", "F06_贺长青_对照检查材料.docx", "贺长青", "市纪委常委、市监委委员", "docx"),
    ("F07", "F07_梁文博_节选.txt", "梁文博", "市纪委常委、市监委委员", "utf8"),
    ("F08", "F08_罗红梅_对照检查材料.txt", "罗红梅", "市纪委常委、秘书长", "utf8"),
    ("F09", "F09_钱志强_对照检查材料.docx", "钱志强", "市纪委监委派驻市住房和城乡建设局纪检监察组组长", "docx-autonum"),
    ("F10", "F10_班子对照检查材料.txt", "（班子）", "领导班子", "utf8-crlf"),
]

SPAN_TAGS = {"v": "vague", "c": "concrete", "e": "objective_excuses", "h": "hope_as_criticism"}


def parse(src):
    """Return (gold_text, events) where events lists markers with positions in the gold text."""
    out = []
    pos = 0
    stack = []
    spans = {k: [] for k in SPAN_TAGS.values()}
    zero = []  # (kind, arg, pos)
    i = 0
    n = len(src)
    while i < n:
        ch = src[i]
        if ch == "⟦":
            if i + 2 < n and src[i + 1] in SPAN_TAGS and src[i + 2] == ":":
                stack.append((SPAN_TAGS[src[i + 1]], pos))
                i += 3
                continue
            j = src.index("⟧", i)
            tag = src[i + 1:j]
            if tag == "P":
                zero.append(("P", None, pos))
            elif tag.startswith("M="):
                arg = [int(x) for x in tag[2:].split(",") if x.strip()]
                zero.append(("M", arg, pos))
            elif tag.startswith("S="):
                zero.append(("S", tag[2:], pos))
            else:
                raise ValueError("bad tag %r" % tag)
            i = j + 1
            continue
        if ch == "⟧":
            kind, start = stack.pop()
            spans[kind].append((start, pos))
            i += 1
            continue
        out.append(ch)
        pos += 1
        i += 1
    if stack:
        raise ValueError("unclosed span %r" % (stack,))
    return "".join(out), spans, zero


def line_of(text, p):
    s = text.rfind("\n", 0, p) + 1
    e = text.find("\n", p)
    if e < 0:
        e = len(text)
    return text[s:e]


def item_text(text, p):
    e = text.find("\n", p)
    if e < 0:
        e = len(text)
    return text[p:min(p + 20, e)]


def build_one(name, fname, member, role, fmt):
    raw = open(os.path.join(SRC, name + ".src"), encoding="utf-8").read().rstrip("\n")
    # separate docx directives from body
    header, textboxes, body_lines, styles = [], {}, [], {}
    pending_tb = None
    for ln in raw.split("\n"):
        if ln.startswith("@HEADER "):
            header.append(ln[8:])
            continue
        if ln.startswith("@TEXTBOX "):
            pending_tb = ln[9:]
            continue
        if ln.startswith("@LN "):
            styles[len(body_lines)] = "List Number"
            ln = ln[4:]
        if pending_tb is not None:
            textboxes[len(body_lines)] = pending_tb
            pending_tb = None
        body_lines.append(ln)
    marked = "\n".join(body_lines)
    gold, spans, zero = parse(marked)
    assert not gold.endswith("\n") and "\r" not in gold and "\ufeff" not in gold

    sections = {"problems": None, "causes": None, "measures": None, "criticism": None}
    problems, measures = [], []
    for kind, arg, p in zero:
        if kind == "S":
            assert sections[arg] is None, (name, arg)
            sections[arg] = line_of(gold, p)
        elif kind == "P":
            problems.append(item_text(gold, p))
        elif kind == "M":
            measures.append((item_text(gold, p), arg))
    assert len(set(problems)) == len(problems), (name, problems)
    mlist = []
    answered = set()
    for t, arg in measures:
        ans = [problems[k - 1] for k in arg]
        answered.update(ans)
        mlist.append({"text": t, "answers": ans})
    labels = {}
    for kind, lst in spans.items():
        seen = []
        for s, e in lst:
            sub = gold[s:e]
            if sub not in seen:
                seen.append(sub)
        labels[kind] = seen
    g = {
        "sections": sections,
        "problems": [{"text": t} for t in problems],
        "measures": mlist,
        "unanswered_problems": [t for t in problems if t not in answered],
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

    path = os.path.join(OUT, "inputs", fname)
    # body lines without markup, for docx
    plain_lines = gold.split("\n")
    assert len(plain_lines) == len(body_lines)
    if fmt.startswith("docx"):
        write_docx(path, plain_lines, header, textboxes, styles, member)
    else:
        if fmt == "gb18030":
            data = gold.encode("gb18030")
        elif fmt == "utf8-bom":
            data = b"\xef\xbb\xbf" + gold.encode("utf-8")
        elif fmt == "utf8-crlf":
            data = gold.replace("\n", "\r\n").encode("utf-8")
        else:
            data = gold.encode("utf-8")
        # users' files usually end with a newline; the gold has none, so add nothing (keeps decode == gold exact)
        with open(path, "wb") as f:
            f.write(data)
    return g, gold


def write_docx(path, lines, header, textboxes, styles, member):
    import docx
    from docx.oxml import parse_xml
    from docx.shared import Pt
    from xml.sax.saxutils import escape
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "仿宋_GB2312"
    st.font.size = Pt(16)
    cp = d.core_properties
    cp.author = member
    cp.last_modified_by = member
    cp.title = ""
    if header:
        hdr = d.sections[0].header
        hdr.paragraphs[0].text = header[0]
        for h in header[1:]:
            hdr.add_paragraph(h)
    for idx, ln in enumerate(lines):
        p = d.add_paragraph(ln, style=styles.get(idx)) if idx in styles else d.add_paragraph(ln)
        if idx in textboxes:
            paras = "".join(
                '<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % escape(t)
                for t in textboxes[idx].split("/"))
            xml = (
                '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
                '<v:shape id="TextBox%d" type="#_x0000_t202" style="position:absolute;margin-left:270pt;'
                'margin-top:-60pt;width:190pt;height:48pt;z-index:251659264" stroked="f">'
                '<v:textbox><w:txbxContent>%s</w:txbxContent></v:textbox></v:shape></w:pict></w:r>' % (idx, paras))
            p._p.insert(1 if p._p.pPr is not None else 0, parse_xml(xml))
    d.save(path)


def main():
    rows = []
    allg = {}
    for name, fname, member, role, fmt in DOCS:
        g, gold = build_one(name, fname, member, role, fmt)
        allg[name] = (g, gold)
        rows.append([fname, member, role, UNIT, YEAR])
    with open(os.path.join(OUT, "manifest.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["file", "member", "role", "unit", "year"])
        w.writerows(rows)
    for name, (g, gold) in allg.items():
        print(name, len(gold), "chars |", "P", len(g["problems"]), "M", len(g["measures"]), "U", len(g["unanswered_problems"]),
              "v", len(g["vague"]), "c", len(g["concrete"]), "e", len(g["objective_excuses"]), "h", len(g["hope_as_criticism"]))
    tot = {k: sum(len(g[k]) for g, _ in allg.values()) for k in ["problems", "measures", "unanswered_problems", "vague", "concrete", "objective_excuses", "hope_as_criticism"]}
    print("TOTAL", tot)


if __name__ == "__main__":
    main()
