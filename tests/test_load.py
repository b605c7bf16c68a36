"""Loading drafts: the dev corpus round-trips to its canonical text; formats, encodings,
Word structure and metadata, PDF text layers, .doc/.wps through LibreOffice."""
from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import docx
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_load_builders import (SAMPLE_PARAGRAPHS, add_metadata, make_docx,  # noqa: E402
                                make_text_pdf, rewrite_zip, read_member, sha256)

from analyzer.errors import InputError  # noqa: E402
from analyzer.load import common, load_document  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"
needs_corpus = pytest.mark.skipif(not (CORPUS / "gold").is_dir(), reason="dev corpus not present")


def _gold(stem: str) -> str:
    raw = (CORPUS / "gold" / f"{stem}.txt").read_bytes().decode("utf-8")
    return raw.replace("\r\n", "\n")


def _corpus_inputs():
    if not CORPUS.is_dir():
        return []
    return sorted(p for d in ("inputs", "inputs-docx") for p in (CORPUS / d).iterdir() if p.is_file())


# --- the dev corpus -------------------------------------------------------------------------

@needs_corpus
@pytest.mark.parametrize("path", _corpus_inputs(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_input_gives_exactly_the_gold_text(path):
    before = sha256(path)
    mtime = path.stat().st_mtime_ns
    doc = load_document(path)
    assert doc.text == _gold(path.stem)
    assert doc.id == path.stem
    assert doc.path == str(path)
    # paragraph spans cover non-blank text and are in order
    assert doc.paragraphs and all(doc.text[s:e].strip() for s, e in doc.paragraphs)
    assert all(a[1] < b[0] for a, b in zip(doc.paragraphs, doc.paragraphs[1:]))
    # inputs untouched
    assert sha256(path) == before and path.stat().st_mtime_ns == mtime


@needs_corpus
def test_corpus_encodings_are_recorded():
    meta = {p.name: load_document(p).metadata for p in (CORPUS / "inputs").glob("*.txt")}
    assert meta["D02.txt"]["encoding"] == "gb18030"
    assert meta["D03.txt"]["encoding"] == "utf-8" and meta["D03.txt"]["bom"] is True
    assert meta["D05.txt"]["newline"] == "crlf"
    assert meta["D08.txt"]["encoding"] == "utf-16-le" and meta["D08.txt"]["bom"] is True
    assert meta["D06.txt"] == {"encoding": "utf-8", "bom": False, "newline": "lf"}


@needs_corpus
def test_corpus_docx_metadata_is_read():
    docs = {p.stem: load_document(p) for p in (CORPUS / "inputs-docx").glob("*.docx")}
    assert len(docs) == 9
    for stem, doc in docs.items():
        assert doc.format == "docx"
        meta = doc.metadata
        assert meta["creator"] and meta["last_modified_by"]
        assert meta["rsid_root"] and meta["rsids"] == sorted(meta["rsids"])
        assert meta["rsid_root"] in meta["rsids"]
        assert meta["created"].startswith("20") and "T" in meta["created"]
    # the two drafts finished by the same secretary share editor, company and rsid root
    assert docs["D07"].metadata["last_modified_by"] == "张秘书"
    assert docs["D08"].metadata["last_modified_by"] == "张秘书"
    assert docs["D07"].metadata["company"] == docs["D08"].metadata["company"] == "白石县委办"
    assert docs["D07"].metadata["rsid_root"] == docs["D08"].metadata["rsid_root"]
    assert "company" not in docs["D01"].metadata  # <Company/> is empty: left out
    assert docs["D01"].metadata["creator"] == "林振华"


# --- text files -----------------------------------------------------------------------------

TEXT = "青川县委常委班子对照检查材料\n一、存在的突出问题\n（一）理论学习不够系统。\n"


@pytest.mark.parametrize("encoding,bom,expected", [
    ("utf-8", b"", "utf-8"),
    ("utf-8", b"\xef\xbb\xbf", "utf-8"),
    ("utf-16-le", b"\xff\xfe", "utf-16-le"),
    ("utf-16-be", b"\xfe\xff", "utf-16-be"),
    ("gb18030", b"", "gb18030"),
    ("gbk", b"", "gb18030"),
    ("utf-16-le", b"", "utf-16-le"),
])
def test_text_encodings(tmp_path, encoding, bom, expected):
    path = tmp_path / "d.txt"
    path.write_bytes(bom + TEXT.encode(encoding))
    doc = load_document(path)
    assert doc.text == TEXT
    assert doc.format == "txt"
    assert doc.metadata["encoding"] == expected
    assert doc.metadata["bom"] is bool(bom)


def test_gb18030_four_byte_characters(tmp_path):
    text = "村民𠮷某反映的问题，我没有及时回应。\n"
    path = tmp_path / "d.txt"
    path.write_bytes(text.encode("gb18030"))
    assert load_document(path).text == text


@pytest.mark.parametrize("newline,name", [("\r\n", "crlf"), ("\r", "cr"), ("\n", "lf")])
def test_newlines_are_folded_and_offsets_follow(tmp_path, newline, name):
    lines = ["标题", "", "（一）第一段。", "（二）第二段。"]
    path = tmp_path / "d.txt"
    path.write_bytes(newline.join(lines).encode("utf-8"))
    doc = load_document(path)
    assert doc.text == "\n".join(lines)
    assert doc.metadata["newline"] == name
    assert [doc.text[s:e] for s, e in doc.paragraphs] == ["标题", "（一）第一段。", "（二）第二段。"]


def test_markdown_is_kept_verbatim(tmp_path):
    text = "# 对照检查材料\n\n## 一、存在的问题\n\n- 调研**不深入**。\n"
    path = tmp_path / "d.md"
    path.write_text(text, encoding="utf-8")
    doc = load_document(path)
    assert doc.text == text and doc.format == "md"


def test_text_keeps_everything_but_newlines(tmp_path):
    text = "\u3000\u3000全角空格开头，\t制表符，零宽\u200b字符，不间断\u00a0空格。\n"
    path = tmp_path / "d.txt"
    path.write_text(text, encoding="utf-8")
    assert load_document(path).text == text


def test_kind_and_doc_id(tmp_path):
    path = tmp_path / "团队材料.txt"
    path.write_text(TEXT, encoding="utf-8")
    doc = load_document(path, kind="team", doc_id="TEAM")
    assert (doc.id, doc.kind, doc.path) == ("TEAM", "team", str(path))
    assert load_document(path).id == "团队材料"
    with pytest.raises(ValueError):
        load_document(path, kind="boss")


# --- Word -------------------------------------------------------------------------------------

def test_docx_paragraphs_and_empty_paragraphs_dropped(tmp_path):
    path = make_docx(tmp_path / "d.docx")
    doc = load_document(path)
    assert doc.text == "".join(p + "\n" for p in SAMPLE_PARAGRAPHS)
    assert [doc.text[s:e] for s, e in doc.paragraphs] == SAMPLE_PARAGRAPHS
    assert doc.format == "docx"


def test_docx_tables_in_reading_order_merged_cells_once(tmp_path):
    d = docx.Document()
    d.add_paragraph("表前段落")
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).text = "问题"
    t.cell(0, 1).text = "措施"
    t.cell(0, 2).text = "时限"
    t.cell(1, 0).text = "调研少"
    a = t.cell(1, 1).merge(t.cell(1, 2))  # horizontal merge
    a.text = "蹲点调研"
    t.cell(2, 0).merge(t.cell(1, 0))      # vertical merge of 调研少 with the row below
    t.cell(2, 1).text = "报告2篇"
    t.cell(2, 2).text = "6月底"
    nested = t.cell(2, 1).add_table(rows=1, cols=2)
    nested.cell(0, 0).text = "子表甲"
    nested.cell(0, 1).text = "子表乙"
    d.add_paragraph("表后段落")
    path = tmp_path / "t.docx"
    d.save(str(path))
    lines = load_document(path).text.split("\n")[:-1]
    assert lines == ["表前段落", "问题", "措施", "时限", "调研少", "蹲点调研",
                     "报告2篇", "子表甲", "子表乙", "6月底", "表后段落"]


def test_docx_runs_tabs_breaks_tracked_changes(tmp_path):
    path = make_docx(tmp_path / "r.docx", ["占位"], empty_between=False)
    xml = read_member(path, "word/document.xml").decode("utf-8")
    body = ('<w:p><w:r><w:t xml:space="preserve">一、存在</w:t></w:r><w:r><w:t>的问题</w:t></w:r></w:p>'
            '<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>第二行</w:t>'
            '<w:br w:type="page"/><w:t>丙</w:t></w:r></w:p>'
            '<w:p><w:ins w:id="1" w:author="张秘书"><w:r><w:t>新增的</w:t></w:r></w:ins>'
            '<w:del w:id="2" w:author="张秘书"><w:r><w:delText>删掉的</w:delText></w:r></w:del>'
            '<w:hyperlink r:id="rId99"><w:r><w:t>链接文字</w:t></w:r></w:hyperlink></w:p>'
            '<w:sdt><w:sdtContent><w:p><w:r><w:t>内容控件里的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    start = xml.index("<w:body>") + len("<w:body>")
    xml = xml[:start] + body + xml[start:].replace("<w:p><w:r><w:t>占位</w:t></w:r></w:p>", "")
    rewrite_zip(path, {"word/document.xml": xml.encode("utf-8")})
    doc = load_document(path)
    assert doc.text == "一、存在的问题\n甲\t乙\n第二行丙\n新增的链接文字\n内容控件里的段落\n"
    assert "删掉的" not in doc.text


def test_docx_metadata_fields(tmp_path):
    path = add_metadata(make_docx(tmp_path / "m.docx", author="林晓东"))
    meta = load_document(path).metadata
    assert meta["creator"] == "林晓东" and meta["last_modified_by"] == "林晓东"
    assert meta["company"] == "青川县委办"
    assert meta["total_time"] == 37 and isinstance(meta["total_time"], int)
    assert meta["application"].startswith("WPS Office")
    assert meta["app_version"] == "16.0000" and meta["template"] == "Normal.dotm"
    assert meta["rsid_root"] == "00A1B2C3" and meta["rsids"] == ["00A1B2C3", "00D4E5F6"]
    assert meta["wps_build"] == "11.1.0.10314"
    assert isinstance(meta["revision"], int)
    assert meta["modified"][:4].isdigit() and meta["has_macros"] is False


def test_docx_without_core_properties_gets_no_invented_metadata(tmp_path):
    path = make_docx(tmp_path / "n.docx")
    rels = read_member(path, "_rels/.rels").decode("utf-8")
    import re
    rels = re.sub(r'<Relationship [^>]*core-properties[^>]*/>', "", rels)
    rewrite_zip(path, {"_rels/.rels": rels.encode("utf-8")}, drop={"docProps/core.xml"})
    doc = load_document(path)
    assert doc.text.startswith(SAMPLE_PARAGRAPHS[0])
    for key in ("creator", "last_modified_by", "modified", "revision"):
        assert key not in doc.metadata


# --- PDF ------------------------------------------------------------------------------------

def test_pdf_text_layer(tmp_path):
    lines = ["青川县委常委对照检查材料", "一、存在的突出问题", "（一）2020年调研仅4次。"]
    path = make_text_pdf(tmp_path / "d.pdf", lines)
    doc = load_document(path)
    assert doc.format == "pdf"
    assert doc.text == "".join(line + "\n" for line in lines)
    assert doc.metadata["pages"] == 1
    assert [doc.text[s:e] for s, e in doc.paragraphs] == lines


# --- .doc / .wps through LibreOffice ---------------------------------------------------------

def _fake_office(tmp_path: Path, docx_path: Path | None, *, hang: bool = False) -> Path:
    """A stand-in ``soffice`` that 'converts' by copying a prepared .docx (or hangs)."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    script = bindir / "soffice"
    if hang:
        body = "sleep 30\n"
    elif docx_path is None:
        body = "exit 1\n"
    else:
        body = (
            'outdir=""; src=""\n'
            'while [ $# -gt 0 ]; do case "$1" in --outdir) outdir="$2"; shift;; -*) ;; *) src="$1";; esac; '
            "shift; done\n"
            'mkdir -p "$outdir"; base=$(basename "$src"); cp "%s" "$outdir/${base%%.*}.docx"\n' % docx_path
        )
    script.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return bindir


def _ole_doc(path: Path) -> Path:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
                     + "WordDocument".encode("utf-16-le") + b"\x00" * 3000)
    return path


@pytest.mark.parametrize("ext", [".doc", ".wps"])
def test_legacy_converted_with_libreoffice(tmp_path, monkeypatch, ext):
    converted = make_docx(tmp_path / "converted.docx")
    monkeypatch.setenv("PATH", str(_fake_office(tmp_path, converted)) + os.pathsep + "/usr/bin:/bin")
    src = _ole_doc(tmp_path / f"旧 版 材料{ext}")
    before = sha256(src)
    doc = load_document(src)
    assert doc.format == ext[1:]
    assert doc.text.split("\n")[0] == SAMPLE_PARAGRAPHS[0]
    assert doc.metadata["converted_by"] == "libreoffice"
    assert doc.id == f"旧 版 材料"
    assert sha256(src) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["bin", "converted.docx", src.name])


def test_legacy_without_libreoffice(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(InputError) as err:
        load_document(_ole_doc(tmp_path / "old.doc"))
    msg = str(err.value)
    assert "old.doc" in msg and "LibreOffice" in msg and "另存为”.docx" in msg


def test_legacy_conversion_failure_and_timeout(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(_fake_office(tmp_path, None)) + os.pathsep + "/usr/bin:/bin")
    with pytest.raises(InputError, match="无法转换"):
        load_document(_ole_doc(tmp_path / "bad.doc"))


def test_legacy_conversion_timeout(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(_fake_office(tmp_path, None, hang=True)) + os.pathsep + "/usr/bin:/bin")
    monkeypatch.setattr(common, "CONVERT_TIMEOUT", 1)
    with pytest.raises(InputError, match="转换超时"):
        load_document(_ole_doc(tmp_path / "slow.wps"))


def test_inputs_opened_read_only(tmp_path, monkeypatch):
    """Every open() of the input during loading is a read-only one."""
    import builtins
    paths = [make_docx(tmp_path / "a.docx"), make_text_pdf(tmp_path / "b.pdf", ["对照检查"])]
    (tmp_path / "c.txt").write_text(TEXT, encoding="utf-8")
    paths.append(tmp_path / "c.txt")
    real_open = builtins.open
    modes: list[tuple[str, str]] = []

    def spy(file, mode="r", *args, **kwargs):
        modes.append((str(file), mode))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    real_os_open = os.open

    def os_spy(file, flags, *args, **kwargs):
        if str(file) in {str(p) for p in paths}:
            assert flags & (os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_TRUNC) == 0
        return real_os_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_spy)
    for path in paths:
        os.chmod(path, 0o444)
        load_document(path)
    touched = [m for f, m in modes if f in {str(p) for p in paths}]
    assert touched and all(set(m) <= {"r", "b"} for m in touched)


def test_old_doc_renamed_docx_is_converted_when_libreoffice_exists(tmp_path, monkeypatch):
    converted = make_docx(tmp_path / "converted.docx")
    monkeypatch.setenv("PATH", str(_fake_office(tmp_path, converted)) + os.pathsep + "/usr/bin:/bin")
    doc = load_document(_ole_doc(tmp_path / "改了扩展名.docx"))
    assert doc.format == "doc" and doc.metadata["extension_mismatch"] == "docx"
    assert doc.text.split("\n")[0] == SAMPLE_PARAGRAPHS[0]
