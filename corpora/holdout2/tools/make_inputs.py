#!/usr/bin/env python3
"""由 gold/*.txt 生成 inputs/（按用户提交时的样子）。需 python-docx：
   /work/main/.venv/bin/python corpora/holdout2/tools/make_inputs.py"""
import datetime as dt
from pathlib import Path
import docx
from docx.shared import Pt
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parent.parent
GOLD, INP = ROOT / "gold", ROOT / "inputs"
FORMAT = {"E01": "docx", "E02": "utf8", "E03": "gb18030", "E04": "docx",
          "E05": "utf8-bom-crlf", "E06": "gb18030", "E07": "utf8", "E08": "utf8"}
META = {"E01": dict(author="周启航", last_modified_by="周启航", created=dt.datetime(2025, 1, 6, 9, 12),
                    modified=dt.datetime(2025, 1, 9, 17, 40), revision=7),
        "E04": dict(author="汪思远", last_modified_by="汪思远", created=dt.datetime(2025, 1, 7, 15, 3),
                    modified=dt.datetime(2025, 1, 10, 11, 26), revision=4)}

for f in INP.iterdir():
    f.unlink()
for doc, kind in FORMAT.items():
    text = (GOLD / f"{doc}.txt").read_text(encoding="utf-8")
    if kind == "docx":
        d = docx.Document()
        st = d.styles["Normal"]
        st.font.name = "仿宋_GB2312"
        st.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
        st.font.size = Pt(16)
        lines = text.split("\n")
        for k, line in enumerate(lines):
            p = d.add_paragraph()
            run = p.add_run(line)
            if k < 2:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run.bold = True
            elif line[:2] in ("一、", "二、", "三、", "四、"):
                run.bold = True
        cp = d.core_properties
        for key, val in META[doc].items():
            setattr(cp, key, val)
        cp.title = ""
        cp.comments = ""
        d.save(INP / f"{doc}.docx")
    elif kind == "utf8":
        (INP / f"{doc}.txt").write_bytes(text.encode("utf-8"))
    elif kind == "gb18030":
        (INP / f"{doc}.txt").write_bytes(text.encode("gb18030"))
    elif kind == "utf8-bom-crlf":
        (INP / f"{doc}.txt").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
print("inputs:", sorted(p.name for p in INP.iterdir()))
