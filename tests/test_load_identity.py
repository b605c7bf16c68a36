"""The batch manifest: who wrote which file, read the way Excel writes CSV."""
from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.errors import ConfigError
from analyzer.identity import Manifest, ManifestEntry, apply
from analyzer.model import Document

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"

ROWS = """file,member,role,unit,year
L01.docx,林晓东,县委书记,中共青川县委常委班子,2021
L02.txt,苏雨桐,县长,中共青川县委常委班子,2021
历史/L01-2020.txt,林晓东,县委书记,中共青川县委常委班子,2020
"""


def _write(tmp_path, text: str, encoding: str = "utf-8", name="名单.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_reads_excel_encodings(tmp_path, encoding):
    text = ROWS.replace(",", "\t") if encoding == "utf-16" else ROWS
    text = text.replace("\n", "\r\n")
    m = Manifest.read(_write(tmp_path, text, encoding))
    assert len(m) == 3
    e = m.lookup("drafts/L02.txt")
    assert e == ManifestEntry(file="L02.txt", member="苏雨桐", role="县长", unit="中共青川县委常委班子",
                              year=2021, line=3)


def test_lookup_by_name_case_and_stem(tmp_path):
    m = Manifest.read(_write(tmp_path, ROWS))
    assert m.lookup("L01.docx").year == 2021
    assert m.lookup("/x/y/l01.DOCX").member == "林晓东"
    assert m.lookup("L02.docx").member == "苏雨桐"       # the L02.txt row also covers L02.docx
    assert m.lookup("L01-2020.txt").year == 2020        # directory part of the manifest ignored
    assert m.lookup("L09.txt") is None


def test_chinese_headers_and_optional_columns(tmp_path):
    m = Manifest.read(_write(tmp_path, "文件名,姓名\nL01.docx,林晓东\n"))
    e = m.lookup("L01.docx")
    assert (e.member, e.role, e.unit, e.year) == ("林晓东", None, None, None)


def test_apply_sets_identity_and_keeps_id():
    entry = ManifestEntry(file="L01.docx", member="林晓东", role="县委书记", unit="青川县委", year=2021)
    doc = Document(id="L01", path="drafts/L01.docx", text="对照\n", format="docx")
    assert apply(doc, entry) is doc
    assert (doc.id, doc.member, doc.role, doc.unit, doc.year) == ("L01", "林晓东", "县委书记", "青川县委", 2021)
    assert apply(doc, None) is doc and doc.member == "林晓东"


def test_same_member_in_different_years_is_history(tmp_path):
    m = Manifest.read(_write(tmp_path, ROWS))
    assert [e.year for e in m.entries if e.member == "林晓东"] == [2021, 2020]


@pytest.mark.parametrize("text,fragments", [
    ("file,role\nL01.docx,县长\n", ["第 1 行缺少列：member", "file,member,role,unit,year"]),
    ("member,year\n林晓东,2021\n", ["缺少列：file"]),
    ("file,member,year\nL01.docx,林晓东,二〇二一\n", ["第 2 行", "年度“二〇二一”无效", "四位年份"]),
    ("file,member,year\nL01.docx,林晓东,1850\n", ["第 2 行", "无效"]),
    ("file,member,year\n\nL01.docx,,2021\n", ["第 3 行缺少姓名"]),
    ("file,member\n,林晓东\n", ["第 2 行缺少文件名"]),
    ("file,member,year\nL01.docx,林晓东,2021\nL01.docx,苏雨桐,2021\n", ["第 2 行和第 3 行是同一个文件"]),
    ("", ["为空"]),
])
def test_malformed_manifest(tmp_path, text, fragments):
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        Manifest.read(path)
    msg = str(err.value)
    assert str(path) in msg and "\n" not in msg
    for fragment in fragments:
        assert fragment in msg, msg


def test_one_member_may_hand_in_two_files_in_a_year(tmp_path):
    """A member's 发言提纲 and his 相互批评意见 list: both rows are kept, each file gets the member."""
    path = _write(tmp_path, ROWS + "L01批评意见.txt,林晓东,县委书记,中共青川县委常委班子,2021\n")
    m = Manifest.read(path)
    assert m.lookup("L01批评意见.txt").member == "林晓东"
    assert m.lookup("L01.docx").member == "林晓东"


def test_unreadable_manifests(tmp_path):
    with pytest.raises(ConfigError, match="不存在"):
        Manifest.read(tmp_path / "没有.csv")
    with pytest.raises(ConfigError, match="文件夹"):
        Manifest.read(tmp_path)
    xlsx = tmp_path / "名单.xlsx"
    xlsx.write_bytes(b"PK\x03\x04\x14\x00\x00\x00" + b"\x00" * 100)
    with pytest.raises(ConfigError, match="另存为"):
        Manifest.read(xlsx)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"file,member\n\x81\x30\xff\xfe,x\n")
    with pytest.raises(ConfigError, match="编码无法识别"):
        Manifest.read(bad)


@pytest.mark.skipif(not (CORPUS / "manifest.csv").is_file(), reason="dev corpus not present")
def test_dev_corpus_manifest():
    m = Manifest.read(CORPUS / "manifest.csv")
    assert len(m) == 11
    assert m.lookup(CORPUS / "inputs" / "D01.docx").member == "林振华"
    assert m.lookup(CORPUS / "inputs-docx" / "D02.docx").role == "县长"   # row says D02.txt
    assert m.lookup("D06P.txt").year == 2019 and m.lookup("D06.txt").year == 2020


def test_rows_without_year_are_not_compared(tmp_path):
    m = Manifest.read(_write(tmp_path, "file,member\nL01.docx,林晓东\n历史/L01旧.docx,林晓东\n"))
    assert len(m) == 2
    assert Manifest.apply  # pipeline calls manifest.apply(doc, entry)
    doc = Document(id="L01", path="L01.docx", text="x\n", format="docx")
    m.apply(doc, m.lookup("L01.docx"))
    assert doc.member == "林晓东"


def test_lookup_of_gbk_encoded_file_name(tmp_path):
    import os
    from pathlib import Path
    m = Manifest.read(_write(tmp_path, "file,member\n县长材料.txt,苏雨桐\n"))
    raw = os.path.join(os.fsencode(tmp_path), "县长材料.txt".encode("gbk"))
    assert m.lookup(Path(os.fsdecode(raw))).member == "苏雨桐"
