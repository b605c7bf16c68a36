#!/usr/bin/env python3
"""Build inputs/, gold/ and manifest.csv of holdout19 from tools/src/*.src.

Source markup (stripped from every output):
  ⟦S:problems,causes⟧  at a line start: that line is the heading of these section roles
  ⟦P⟧                  start of a problem item (right after its number)
  ⟦M>p1,p3⟧            start of a measure item, answering problems p1 and p3
  ⟦v⟧ ⟦c⟧ ⟦e⟧ ⟦h⟧ … ⟦/⟧  one labelled sentence: vague / concrete / objective excuse / hope-as-criticism
.docx sources have one block per line with a prefix:
  @t title (centred, bold)   @p body paragraph   @b bold paragraph (unnumbered heading)
  @bl lead||rest  paragraph whose lead sentence is bold
  @h0:K / @h1:K   paragraph with Word automatic numbering 一、 / （一）, list K
  @n:K            paragraph with Word automatic numbering 1., list K (each K restarts at 1)
  @tr a | b | c   table row (consecutive rows form one table)
Run: /work/wt/lead/.venv/bin/python tools/build.py
"""
import csv
import datetime as dt
import json
import re
import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "tools" / "src"
UNIT = "中共青岚区望江街道工作委员会"
YEAR = 2024

META = {
    "S01": dict(ext="txt", enc="gb18030", nl="lf", member="望江街道党工委班子", role="班子",
                layout="班子对照检查材料；一、（一）1. 三级编号；含上年度整改落实情况", quality="混合"),
    "S02": dict(ext="docx", member="周启明", role="党工委书记",
                layout="Word 自动编号（一、/（一）/1. 均为自动编号，正文中不出现编号文字）", quality="见人见事"),
    "S03": dict(ext="txt", enc="utf-8-sig", nl="crlf", member="沈建国", role="党工委副书记、办事处主任",
                layout="合并标题“存在的问题、原因及整改措施”，每条问题后紧跟“原因：”“整改措施：”", quality="混合"),
    "S04": dict(ext="md", enc="utf-8", nl="lf", member="何雅琴", role="党工委副书记",
                layout="Markdown；列表式标题带条数（1、……方面（2条））", quality="大而化之"),
    "S05": dict(ext="txt", enc="utf-8", nl="lf", member="罗德厚", role="人大工委主任",
                layout="发言提纲，短句分行；含对班子成员的批评意见", quality="大而化之（少量具体）"),
    "S06": dict(ext="docx", member="唐慧", role="党工委委员、纪工委书记",
                layout="加粗标题；问题为（一）段落；整改措施为 Word 表格（序号/问题/整改措施/完成时限）", quality="见人见事"),
    "S07": dict(ext="txt", enc="utf-8", nl="crlf", member="钟浩", role="党工委委员、武装部部长",
                layout="繁体；长段落内一是……二是……，无分条编号", quality="大而化之"),
    "S08": dict(ext="docx", member="谢宇航", role="办事处副主任",
                layout="加粗无编号标题；每条问题以加粗短句开头、无编号；含相互批评意见", quality="混合"),
    "S09": dict(ext="txt", enc="utf-8-sig", nl="lf", member="蒋丽", role="办事处副主任",
                layout="仅相互批评意见（按同志分块）", quality="混合"),
    "S10": dict(ext="txt", enc="gb18030", nl="lf", member="韩志远", role="党工委委员、办事处副主任",
                layout="节选，问题部分中途截断（无原因、无措施）", quality="见人见事（截断）"),
}

NOTES = {
    "S01": "班子对照检查材料，无批评部分（criticism=null）；上年度整改落实情况一节不作标注。p1—p4、p7、p8 的概括句后面都有具体事实，按条目整体判断不标 vague；p6 整条无事实，标 vague。第（三）条原因中“街道承接区级下沉事项128项……客观上挤占了……时间”是客观原因，其后一句虽转到主观，但不含“但/根子在于”之类的转折，按客观推脱标注。措施（五）为空泛措施，仍按内容（创新、工作标准）算作回应 p6。",
    "S02": "正文标题和条目全部使用 Word 自动编号，gold 文本中没有“一、”“（一）”“1.”，问题条目文本即段落开头，章节标题行即“存在的主要问题”等不带编号的文字。各条均有具体事实，不标 vague；原因一节不含客观推脱。",
    "S03": "合并标题同时是 problems、causes、measures 三个角色的标题行。每条问题后的“原因：”“整改措施：”为行内小标签，标注句子时不含这两个前缀。",
    "S04": "p2（政治敏锐性、意识形态舆情）没有任何措施回应，为未回应问题。措施大多是空泛表态，但按内容与问题对应。Markdown 原样保留（#、**）。",
    "S05": "发言提纲，条目首行较短；原因第3条是“虽然……但……”式的客观推脱（转折后仍落在客观条件上）。问题条目文本取首行的前20字（首行不足20字时到行尾为止，本文件各条首行均≥20字）。p4（标准不高、船到码头车到站）没有对应措施。",
    "S06": "表格逐行逐格各占一行写入 gold 文本。措施条目取“整改措施”一列单元格的前20字；“问题”一列只是简称，不另作问题条目。第（二）条原因承认人手紧但明确否定其为根子，不标客观推脱。",
    "S07": "繁体（OpenCC s2tw 由作者简体底稿转换后校对）。问题条目是段落内的一是……七是……；句子以；或。为界，每个方面开头的“在……方面，一是……；”整句含方面短语。",
    "S08": "每条问题段落首句加粗，gold 中加粗短句与后文直接相连。p5（斗争本领）整条空泛，其措施也是空泛表态，但按内容算作回应。“相互批评意见”为本人材料中的批评部分：对沈建国的一条具体，对钟浩（明贬暗褒）、罗德厚（以希望代批评）两条标为 hope_as_criticism。",
    "S09": "只有批评意见，problems/causes/measures 均为 null。对班子整体的“个别班子成员……”为不点名批评，也标为 hope_as_criticism；对罗德厚的第2条“太好说话了”是不带“希望”的明贬暗褒。",
    "S10": "截断的节选：第3条问题在句中断开，其不完整的句子不作 vague/concrete 标注；没有原因和措施部分，3条问题全部未回应。",
}

TOKEN = re.compile(r"⟦([^⟧]*)⟧")
TERM = "。！？；"
SPAN_KIND = {"v": "vague", "c": "concrete", "e": "objective_excuses", "h": "hope_as_criticism"}
PREFIX_OK = re.compile(
    r"\s*(#+\s*)?(\d+[.、．]\s*|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、)?\s*"
    r"(原因：|整改措施：|对[^：]{2,5}同志：)?\s*")


def parse(marked):
    """Strip markup; return clean text and the labels found."""
    out, pos = [], 0
    clean_len = 0
    sections, problems, measures, spans = {}, [], [], []
    open_span = None
    for m in TOKEN.finditer(marked):
        out.append(marked[pos:m.start()])
        clean_len += m.start() - pos
        pos = m.end()
        tok = m.group(1)
        if tok.startswith("S:"):
            for role in tok[2:].split(","):
                sections[role] = clean_len
        elif tok == "P":
            problems.append(clean_len)
        elif tok.startswith("M>"):
            ans = [a for a in tok[2:].split(",") if a]
            measures.append((clean_len, ans))
        elif tok in SPAN_KIND:
            assert open_span is None, f"nested span at {clean_len}"
            open_span = (tok, clean_len)
        elif tok == "/":
            assert open_span is not None, f"stray close at {clean_len}"
            spans.append((open_span[0], open_span[1], clean_len))
            open_span = None
        else:
            raise ValueError(f"unknown token {tok}")
    out.append(marked[pos:])
    assert open_span is None, "unclosed span"
    return "".join(out), sections, problems, measures, spans


def line_at(text, i):
    a = text.rfind("\n", 0, i) + 1
    b = text.find("\n", i)
    return text[a: b if b >= 0 else len(text)], a


def item_text(text, i):
    line, a = line_at(text, i)
    return line[i - a: i - a + 20]


def check_sentence(text, a, b, did):
    s = text[a:b]
    assert s and s[-1] in TERM, f"{did}: span does not end a sentence: {s!r}"
    assert not any(c in TERM for c in s[:-1]), f"{did}: span holds several sentences: {s!r}"
    line, la = line_at(text, a)
    pre = line[: a - la]
    pre2 = re.sub(r"[一二三四五六七八九十]+是$", "", pre)
    pre2 = re.sub(r"\*+$", "", pre2)
    if pre2.strip() == "" or pre2[-1] in TERM or PREFIX_OK.fullmatch(pre2):
        return s
    raise AssertionError(f"{did}: span does not start a sentence: …{pre[-15:]!r} | {s!r}")


def labels(did, marked):
    text, sections, ppos, mpos, spans = parse(marked)
    gold = {"id": did, "member": META[did]["member"], "role": META[did]["role"], "unit": UNIT, "year": YEAR,
            "file": f"{did}.{META[did]['ext']}"}
    gold["sections"] = {r: (line_at(text, sections[r])[0] if r in sections else None)
                        for r in ("problems", "causes", "measures", "criticism")}
    probs = [{"id": f"p{k + 1}", "text": item_text(text, i)} for k, i in enumerate(ppos)]
    ptext = {p["id"]: p["text"] for p in probs}
    assert len(set(ptext.values())) == len(ptext), f"{did}: duplicate problem texts"
    meas, answered = [], set()
    for k, (i, ans) in enumerate(mpos):
        for a in ans:
            assert a in ptext, f"{did}: measure answers unknown {a}"
        answered.update(ans)
        meas.append({"id": f"m{k + 1}", "text": item_text(text, i), "answers": [ptext[a] for a in ans]})
    gold["problems"] = probs
    gold["measures"] = meas
    gold["unanswered_problems"] = [p["text"] for p in probs if p["id"] not in answered]
    for key in ("vague", "concrete", "objective_excuses", "hope_as_criticism"):
        gold[key] = []
    seen = set()
    for kind, a, b in spans:
        s = check_sentence(text, a, b, did)
        assert s not in seen, f"{did}: sentence labelled twice: {s}"
        seen.add(s)
        gold[SPAN_KIND[kind]].append(s)
    gold["recycled"] = []
    gold["copied"] = []
    gold["ghostwriter"] = None
    gold["layout"] = META[did]["layout"]
    gold["quality"] = META[did]["quality"]
    gold["notes"] = NOTES[did]
    return text, gold


# ---------------------------------------------------------------- docx
def blocks_of(src):
    """docx source -> list of (kind, key, text) with markup still in text."""
    blocks = []
    for raw in src.splitlines():
        if not raw.strip():
            continue
        m = re.match(r"@(t|p|b|bl|tr|h0|h1|n)(?::(\w+))? (.*)$", raw)
        assert m, f"bad docx line: {raw[:40]}"
        blocks.append((m.group(1), m.group(2), m.group(3)))
    return blocks


def docx_marked_text(blocks):
    lines = []
    for kind, key, text in blocks:
        if kind == "tr":
            lines.extend(c.strip() for c in text.split(" | "))
        elif kind == "bl":
            lines.append(text.replace("||", ""))
        else:
            lines.append(text)
    return "\n".join(lines)


def strip(t):
    return TOKEN.sub("", t)


W = nsdecls("w")


def add_numbering(doc, keys):
    """Create abstract numberings and one w:num per list key; return key -> numId."""
    numbering = doc.part.numbering_part.element
    abstracts = {
        "h": (900, [("chineseCounting", "%1、", 0), ("chineseCounting", "（%2）", 420)]),
        "n": (901, [("decimal", "%1.", 0)]),
    }
    first_num = numbering.find(qn("w:num"))
    for kind, (aid, lvls) in abstracts.items():
        lv = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{txt}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{ind}" w:firstLine="640"/></w:pPr></w:lvl>'
            for i, (fmt, txt, ind) in enumerate(lvls))
        el = parse_xml(f'<w:abstractNum {W} w:abstractNumId="{aid}"><w:multiLevelType w:val="multilevel"/>{lv}</w:abstractNum>')
        if first_num is not None:
            first_num.addprevious(el)
        else:
            numbering.append(el)
    ids = {}
    for n, (kind, key) in enumerate(keys):
        num_id = 50 + n
        aid = abstracts["h" if kind in ("h0", "h1") else "n"][0]
        numbering.append(parse_xml(
            f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
        ids[key] = num_id
    return ids


def set_num(par, num_id, ilvl):
    pPr = par._p.get_or_add_pPr()
    numPr = pPr.get_or_add_numPr()
    numPr.get_or_add_ilvl().val = ilvl
    numPr.get_or_add_numId().val = num_id


def write_docx(did, blocks, path):
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "仿宋_GB2312"
    st.font.size = Pt(16)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    keys, seen = [], set()
    for kind, key, _ in blocks:
        if kind in ("h0", "h1", "n") and key not in seen:
            seen.add(key)
            keys.append((kind, key))
    num_ids = add_numbering(doc, keys)
    table_rows = []

    def flush_table():
        if not table_rows:
            return
        ncol = len(table_rows[0])
        tab = doc.add_table(rows=len(table_rows), cols=ncol)
        tab.style = "Table Grid"
        for r, row in enumerate(table_rows):
            assert len(row) == ncol
            for c, val in enumerate(row):
                cell = tab.cell(r, c)
                cell.text = val
                if r == 0:
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
        table_rows.clear()

    for kind, key, text in blocks:
        if kind == "tr":
            table_rows.append([strip(c.strip()) for c in text.split(" | ")])
            continue
        flush_table()
        if kind == "t":
            par = doc.add_paragraph()
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
            r = par.add_run(strip(text))
            r.bold = True
        elif kind == "b":
            par = doc.add_paragraph()
            par.add_run(strip(text)).bold = True
        elif kind == "bl":
            lead, rest = text.split("||", 1)
            par = doc.add_paragraph()
            par.paragraph_format.first_line_indent = Pt(32)
            par.add_run(strip(lead)).bold = True
            par.add_run(strip(rest))
        elif kind in ("h0", "h1"):
            par = doc.add_paragraph()
            par.add_run(strip(text)).bold = True
            set_num(par, num_ids[key], 0 if kind == "h0" else 1)
        elif kind == "n":
            par = doc.add_paragraph(strip(text))
            set_num(par, num_ids[key], 0)
        else:
            par = doc.add_paragraph(strip(text))
            par.paragraph_format.first_line_indent = Pt(32)
    flush_table()
    cp = doc.core_properties
    cp.author = META[did]["member"]
    cp.last_modified_by = META[did]["member"]
    cp.title = "2024年度民主生活会个人对照检查材料"
    base = dt.datetime(2025, 1, 6, 9, 0, 0)
    off = int(did[1:])
    cp.created = base + dt.timedelta(days=off % 4, hours=off)
    cp.modified = cp.created + dt.timedelta(days=2, minutes=37 * off)
    cp.revision = 3 + off % 5
    doc.save(path)


# ---------------------------------------------------------------- main
def main():
    (ROOT / "inputs").mkdir(exist_ok=True)
    (ROOT / "gold").mkdir(exist_ok=True)
    rows = []
    for did, meta in META.items():
        src = (SRC / f"{did}.src").read_text(encoding="utf-8")
        fname = f"{did}.{meta['ext']}"
        if meta["ext"] == "docx":
            blocks = blocks_of(src)
            text, gold = labels(did, docx_marked_text(blocks))
            write_docx(did, blocks, ROOT / "inputs" / fname)
        else:
            text, gold = labels(did, src)
            data = text.replace("\n", "\r\n") if meta["nl"] == "crlf" else text
            (ROOT / "inputs" / fname).write_bytes(data.encode(meta["enc"]))
        (ROOT / "gold" / f"{did}.txt").write_text(text, encoding="utf-8", newline="\n")
        (ROOT / "gold" / f"{did}.gold.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        rows.append([fname, meta["member"], meta["role"], UNIT, YEAR])
    with open(ROOT / "manifest.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["file", "member", "role", "unit", "year"])
        w.writerows(rows)
    print(f"built {len(rows)} drafts into {ROOT}")


if __name__ == "__main__":
    sys.exit(main())
