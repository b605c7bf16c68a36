"""Build the shipped sample inputs of corpora/samples from the UTF-8 sources in corpora/samples/src.

The sources are plain UTF-8 text, one paragraph per line. This script writes each draft in the format a
user would send it (Word .docx with realistic metadata, GB18030 text, UTF-8 with BOM and CRLF, plain
UTF-8), copies the team material and the previous-year draft, and writes manifest.csv.

Run from anywhere:  python3 corpora/samples/make_samples.py
The output is deterministic (fixed timestamps inside the .docx zip), so re-running it changes nothing.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
DRAFTS = HERE / "drafts"
TEAM = HERE / "team"
HISTORY = HERE / "history"

UNIT = "中共枫岭县委常委班子"

# rsids of the template .docx the county organization department distributed; every Word file made
# from it by "save as" inherits its rsidRoot and these rsids.
TEMPLATE_ROOT = "00D21F7A"
TEMPLATE_RSIDS = ["00D21F7A", "0031A5C2", "005E8B14", "00A7C3D9"]

# The office writer's own working file (itself made from the distributed template): drafts f) and g)
# were both saved-as from it, so they share its rsidRoot and editing passes.
WRITER_ROOT = "00E5A3B8"
WRITER_RSIDS = ["00E5A3B8", "001F6D2E", "00C94B75", "0048A0F3"]


@dataclass
class Meta:
    """Word metadata of one generated .docx."""

    creator: str
    last_modified_by: str
    created: datetime
    modified: datetime
    revision: int
    total_time: int  # editing minutes (app.xml TotalTime)
    company: str
    rsid_root: str
    rsids: list[str] = field(default_factory=list)  # in addition to the template's


def utc(s: str) -> datetime:
    return datetime.strptime(s, "%Y-%m-%d %H:%M").replace(tzinfo=timezone.utc)


@dataclass
class Draft:
    stem: str       # source file stem == member name
    role: str
    fmt: str        # docx | gb18030 | utf8-bom-crlf | utf8
    meta: Meta | None = None


DRAFT_LIST = [
    # a) exemplary draft, written by the member himself over several days
    Draft("沈卫东", "宣传部长", "docx", Meta(
        "沈卫东", "沈卫东", utc("2021-01-05 00:40"), utc("2021-01-09 03:16"), 9, 386,
        "中共枫岭县委宣传部", TEMPLATE_ROOT, ["00B13E52", "00F40A67", "0062D9C1", "003D7B28"])),
    # b) vague draft
    Draft("赵国庆", "常务副县长", "gb18030"),
    # c) no measures section
    Draft("孙丽萍", "统战部长", "utf8-bom-crlf"),
    # d) objective excuses, weakened criticism, paragraph recycled from 2019
    Draft("韩志刚", "政法委书记", "utf8"),
    # e) copied from the shipped template TPL-2020-专题个人; 18 editing minutes for a long text
    Draft("刘建平", "副县长", "docx", Meta(
        "刘建平", "刘建平", utc("2021-01-08 07:02"), utc("2021-01-08 07:21"), 2, 18,
        "枫岭县人民政府办公室", TEMPLATE_ROOT, ["007C2B90"])),
    # f) and g) ghost-written by one office writer: same account, minutes apart, shared root and rsids
    Draft("钱海涛", "组织部长", "docx", Meta(
        "县委办-周文", "县委办-周文", utc("2021-01-07 06:05"), utc("2021-01-07 07:28"), 4, 76,
        "中共枫岭县委办公室", WRITER_ROOT, WRITER_RSIDS + ["00AB7D11"])),
    Draft("许明远", "开发区党工委书记", "docx", Meta(
        "县委办-周文", "县委办-周文", utc("2021-01-07 07:41"), utc("2021-01-07 08:55"), 4, 69,
        "中共枫岭县委办公室", WRITER_ROOT, WRITER_RSIDS + ["0093E6C4"])),
]

TEAM_FILE = "班子对照检查材料.txt"
HISTORY_FILES = [("韩志刚-2019.txt", "韩志刚", "政法委书记", 2019)]

HEADING_RE = re.compile(r"^[一二三四五六七八九十]+、")
SUBHEAD_RE = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
ZIP_TIME = (2021, 1, 10, 9, 0, 0)


def read_lines(path: Path) -> list[str]:
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def set_run_font(run, east_asian: str, size: float, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:ascii"), "Times New Roman")
    fonts.set(qn("w:hAnsi"), "Times New Roman")


def build_docx(lines: list[str], meta: Meta) -> bytes:
    """A plain official-style .docx: title lines centred, 一、 headings bold, body 仿宋 16pt."""
    doc = docx.Document()
    body_start = next(i for i, ln in enumerate(lines) if len(ln) > 60 or HEADING_RE.match(ln))
    for i, ln in enumerate(lines):
        p = doc.add_paragraph()
        run = p.add_run(ln)
        if i < body_start:
            p.alignment = 1  # centre
            set_run_font(run, "方正小标宋简体", 22 if i == body_start - 1 else 16)
        elif HEADING_RE.match(ln):
            set_run_font(run, "黑体", 16)
        else:
            p.paragraph_format.first_line_indent = Pt(32)
            set_run_font(run, "仿宋_GB2312", 16)
    cp = doc.core_properties
    cp.author = meta.creator
    cp.last_modified_by = meta.last_modified_by
    cp.created = meta.created.replace(tzinfo=None)
    cp.modified = meta.modified.replace(tzinfo=None)
    cp.revision = meta.revision
    cp.comments = ""
    cp.title = ""
    buf = io.BytesIO()
    doc.save(buf)
    return patch_zip(buf.getvalue(), meta, sum(len(ln) for ln in lines), len(lines))


def patch_zip(data: bytes, meta: Meta, n_chars: int, n_paras: int) -> bytes:
    """Rewrite app.xml, settings.xml rsids and paragraph rsid attributes the way Word leaves them."""
    own = [r for r in meta.rsids if r not in TEMPLATE_RSIDS]
    all_rsids = sorted(set(TEMPLATE_RSIDS) | set(meta.rsids) | {meta.rsid_root})
    rsids_xml = (f'<w:rsids><w:rsidRoot w:val="{meta.rsid_root}"/>'
                 + "".join(f'<w:rsid w:val="{r}"/>' for r in all_rsids) + "</w:rsids>")
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            name = info.filename
            if name == "docProps/thumbnail.jpeg":
                continue
            blob = src.read(name)
            if name == "docProps/app.xml":
                text = blob.decode("utf-8")
                text = re.sub(r"<TotalTime>\d+</TotalTime>", f"<TotalTime>{meta.total_time}</TotalTime>", text)
                text = re.sub(r"<Company\s*/>|<Company>.*?</Company>", f"<Company>{meta.company}</Company>", text)
                text = text.replace("Microsoft Macintosh Word", "Microsoft Office Word")
                text = re.sub(r"<AppVersion>.*?</AppVersion>", "<AppVersion>16.0000</AppVersion>", text)
                text = re.sub(r"<Characters>\d+</Characters>", f"<Characters>{n_chars}</Characters>", text)
                text = re.sub(r"<CharactersWithSpaces>\d+</CharactersWithSpaces>",
                              f"<CharactersWithSpaces>{n_chars}</CharactersWithSpaces>", text)
                text = re.sub(r"<Paragraphs>\d+</Paragraphs>", f"<Paragraphs>{n_paras}</Paragraphs>", text)
                text = re.sub(r"<Pages>\d+</Pages>", f"<Pages>{max(1, n_chars // 700 + 1)}</Pages>", text)
                blob = text.encode("utf-8")
            elif name == "word/settings.xml":
                text = blob.decode("utf-8")
                text, n = re.subn(r"<w:rsids>.*?</w:rsids>", rsids_xml, text, flags=re.S)
                if n == 0:
                    text = text.replace("</w:settings>", rsids_xml + "</w:settings>")
                blob = text.encode("utf-8")
            elif name == "word/document.xml":
                blob = tag_paragraphs(blob.decode("utf-8"), meta, own).encode("utf-8")
            elif name == "docProps/thumbnail.jpeg":
                continue
            if name == "_rels/.rels":
                blob = re.sub(rb'<Relationship[^>]*thumbnail[^>]*/>', b"", blob)
            if name == "[Content_Types].xml":
                blob = re.sub(rb'<Default Extension="jpeg"[^>]*/>', b"", blob)
            zi = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, blob)
    return out.getvalue()


def tag_paragraphs(xml: str, meta: Meta, own: list[str]) -> str:
    """Give each body paragraph w:rsidR/w:rsidRDefault from the editing passes that wrote the file.

    The first paragraphs come from the template (title block), the rest from the file's own passes,
    cycled in blocks so that consecutive paragraphs share a pass as they do in real files.
    """
    passes = own or [meta.rsid_root]
    counter = {"i": 0}

    def repl(m: re.Match) -> str:
        i = counter["i"]
        counter["i"] += 1
        rsid = TEMPLATE_RSIDS[1] if i < 2 else passes[((i - 2) // 4) % len(passes)]
        return f'<w:p w:rsidR="{rsid}" w:rsidRDefault="{rsid}" w:rsidP="{rsid}"' + m.group(1)

    return re.sub(r"<w:p(>|\s(?!w:rsid))", repl, xml)


def write_text(path: Path, lines: list[str], fmt: str) -> None:
    if fmt == "gb18030":
        path.write_bytes(("\n".join(lines) + "\n").encode("gb18030"))
    elif fmt == "utf8-bom-crlf":
        path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    elif fmt == "utf8":
        path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    else:
        raise ValueError(fmt)


def main() -> None:
    for d in (DRAFTS, TEAM, HISTORY):
        d.mkdir(exist_ok=True)
    rows: list[list[str]] = []
    for dr in DRAFT_LIST:
        lines = read_lines(SRC / "drafts" / f"{dr.stem}.txt")
        if dr.fmt == "docx":
            name = f"{dr.stem}.docx"
            (DRAFTS / name).write_bytes(build_docx(lines, dr.meta))
        else:
            name = f"{dr.stem}.txt"
            write_text(DRAFTS / name, lines, dr.fmt)
        rows.append([name, dr.stem, dr.role, UNIT, "2020"])
    write_text(TEAM / TEAM_FILE, read_lines(SRC / "team" / TEAM_FILE), "utf8")
    rows.append([TEAM_FILE, "县委常委班子", "班子", UNIT, "2020"])
    for name, member, role, year in HISTORY_FILES:
        write_text(HISTORY / name, read_lines(SRC / "history" / name), "utf8")
        rows.append([name, member, role, UNIT, str(year)])
    with open(HERE / "manifest.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["file", "member", "role", "unit", "year"])
        w.writerows(rows)
    print(f"wrote {len(rows)} files listed in {HERE / 'manifest.csv'}")


if __name__ == "__main__":
    main()
