"""Hostile and broken input: every case ends in one Chinese InputError line (file, problem,
fix) — never a traceback, never mojibake, never a network access, never a modified input."""
from __future__ import annotations

import os
import sys
import time
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_load_builders import (JPEG_BYTES, PNG_BYTES, SAMPLE_PARAGRAPHS,  # noqa: E402
                                block_network, make_docx, make_image_pdf, make_ole,
                                make_text_pdf, read_member, rewrite_zip, sha256)

from analyzer.errors import InputError  # noqa: E402
from analyzer.load import load_document, word  # noqa: E402
from analyzer.load.common import MAX_TEXT_BYTES, MAX_TEXT_CHARS  # noqa: E402

TEXT = "青川县委常委班子对照检查材料\n一、存在的突出问题\n（一）理论学习不够系统。\n"


def _refused(path, *fragments) -> str:
    """Load ``path``, expect an InputError whose one-line message names the file and says
    every fragment; return the message."""
    before = sha256(path) if Path(path).is_file() else None
    with pytest.raises(InputError) as err:
        load_document(path)
    msg = str(err.value)
    assert msg.startswith(str(path) + "："), msg
    assert "\n" not in msg and "Traceback" not in msg
    assert "\ufffd" not in msg
    for fragment in fragments:
        assert fragment in msg, msg
    assert err.value.fix, "every refusal says what to do"
    if before is not None:
        assert sha256(path) == before
    return msg


# --- broken Word files ------------------------------------------------------------------------

def test_truncated_docx(tmp_path):
    path = make_docx(tmp_path / "截断.docx")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    _refused(path, "Word 文件已损坏", "另存为")


def test_docx_with_garbage_after_zip_header(tmp_path):
    path = tmp_path / "坏.docx"
    path.write_bytes(b"PK\x03\x04" + os.urandom(3000))
    _refused(path, "已损坏")


def test_docx_with_invalid_document_xml(tmp_path):
    path = make_docx(tmp_path / "xml.docx")
    rewrite_zip(path, {"word/document.xml": b"<w:document><w:body><w:p>unclosed"})
    _refused(path, "Word 文件已损坏或格式不正确")


def test_docx_without_document_part(tmp_path):
    path = make_docx(tmp_path / "nodoc.docx")
    rewrite_zip(path, {}, drop={"word/document.xml"})
    _refused(path, "已损坏")


def test_plain_zip_renamed_docx(tmp_path):
    path = tmp_path / "压缩包.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("照片/001.txt", "不是 Word")
    _refused(path, "ZIP 压缩包，但不是 Word 文档")


def test_encrypted_office_file(tmp_path):
    path = make_ole(tmp_path / "加密.docx", encrypted=True)
    _refused(path, "文件已加密", "取消密码")


def test_old_word_format_named_docx(tmp_path, monkeypatch):
    from analyzer.load import legacy
    monkeypatch.setattr(legacy, "find_office", lambda: None)
    path = make_ole(tmp_path / "旧格式.docx", encrypted=False)
    _refused(path, "文件已加密或为旧版 Word 格式")


def test_encrypted_file_is_never_sent_to_libreoffice(tmp_path, monkeypatch):
    from analyzer.load import legacy
    monkeypatch.setattr(legacy, "find_office", lambda: "/nonexistent/soffice")
    monkeypatch.setattr(legacy, "convert_to_docx", lambda *a: pytest.fail("converted"))
    _refused(make_ole(tmp_path / "加密.docx", encrypted=True), "文件已加密")


# --- zip bombs ------------------------------------------------------------------------------

def _no_decompression(monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("a zip member was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", boom)


def test_zip_bomb_ratio_refused_before_extracting(tmp_path, monkeypatch):
    path = make_docx(tmp_path / "炸弹.docx")
    rewrite_zip(path, {}, add={"word/media/bomb.bin": b"\x00" * (20 * 1024 * 1024)})
    assert path.stat().st_size < 200 * 1024
    _no_decompression(monkeypatch)
    _refused(path, "压缩比异常", "疑似压缩炸弹")


def test_zip_bomb_total_size_refused_before_extracting(tmp_path, monkeypatch):
    path = make_docx(tmp_path / "大包.docx")
    monkeypatch.setattr(word, "MAX_ZIP_UNCOMPRESSED", 1024 * 1024)
    rewrite_zip(path, {}, add={f"word/media/p{i}.bin": os.urandom(300 * 1024) for i in range(4)})
    _no_decompression(monkeypatch)
    msg = _refused(path, "解压后超过 1 MB 的上限", "压缩炸弹")
    assert "1 MB" in msg


def test_zip_with_too_many_members(tmp_path, monkeypatch):
    path = make_docx(tmp_path / "many.docx")
    monkeypatch.setattr(word, "MAX_ZIP_MEMBERS", 30)
    rewrite_zip(path, {}, add={f"word/x{i}.xml": b"<a/>" for i in range(40)})
    _refused(path, "条目过多")


def test_entity_expansion_and_external_entities_are_not_resolved(tmp_path, monkeypatch):
    attempts = block_network(monkeypatch)
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容", encoding="utf-8")
    path = make_docx(tmp_path / "xxe.docx", ["占位"], empty_between=False)
    xml = read_member(path, "word/document.xml").decode("utf-8")
    dtd = ('<!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
           + "".join(f'<!ENTITY {c} "&{p};&{p};&{p};&{p};&{p};&{p};&{p};&{p};&{p};&{p};">'
                     for p, c in zip("abcdefgh", "bcdefghi"))
           + f'<!ENTITY x SYSTEM "file://{secret}"><!ENTITY y SYSTEM "http://203.0.113.9/e">]>')
    xml = xml.replace("<w:document ", dtd + "<w:document ", 1)
    xml = xml.replace("<w:t>占位</w:t>", "<w:t>正文&i;&x;&y;</w:t>")
    rewrite_zip(path, {"word/document.xml": xml.encode("utf-8")})
    start = time.monotonic()
    try:
        doc = load_document(path)
    except InputError as err:
        assert "已损坏" in str(err)
    else:
        assert "机密内容" not in doc.text and len(doc.text) < 1000
    assert time.monotonic() - start < 10
    assert attempts == []


def test_deeply_nested_tables(tmp_path):
    path = make_docx(tmp_path / "套娃.docx", ["占位"], empty_between=False)
    xml = read_member(path, "word/document.xml").decode("utf-8")
    deep = "<w:tbl><w:tr><w:tc>" * 3000 + "<w:p><w:r><w:t>深</w:t></w:r></w:p>" + "</w:tc></w:tr></w:tbl>" * 3000
    rewrite_zip(path, {"word/document.xml": xml.replace("<w:body>", "<w:body>" + deep).encode("utf-8")})
    _refused(path, "Word 文件已损坏")


# --- external resources are never fetched ---------------------------------------------------

def test_external_relationships_are_never_fetched(tmp_path, monkeypatch):
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    ATTACHED_TEMPLATE = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                         "attachedTemplate")
    d = docx.Document()
    d.add_paragraph(SAMPLE_PARAGRAPHS[0])
    d.part.relate_to("http://203.0.113.7/track.png", RT.IMAGE, is_external=True)
    d.part.relate_to("https://203.0.113.8/page", RT.HYPERLINK, is_external=True)
    settings = d.part._settings_part
    rid = settings.relate_to("http://203.0.113.9/remote-template.dotm", ATTACHED_TEMPLATE,
                             is_external=True)
    from docx.oxml import parse_xml
    settings.element.append(parse_xml(
        '<w:attachedTemplate xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        f'r:id="{rid}"/>'))
    path = tmp_path / "外部 链接.docx"
    d.save(str(path))
    attempts = block_network(monkeypatch)
    doc = load_document(path)
    assert attempts == []
    assert doc.text == SAMPLE_PARAGRAPHS[0] + "\n"
    assert "http://203.0.113.7/track.png" in doc.metadata["external_targets"]
    # the remote template sits on the settings part: python-docx loads the package but the
    # target stays a string
    assert read_member(path, "word/_rels/settings.xml.rels").count(b"203.0.113.9") == 1


# --- macros -------------------------------------------------------------------------------

def test_docm_is_read_as_text_and_macros_never_run(tmp_path, monkeypatch):
    path = make_docx(tmp_path / "宏.docm")
    ct = read_member(path, "[Content_Types].xml").decode("utf-8")
    ct = ct.replace("wordprocessingml.document.main+xml", "ms-word.document.macroEnabled.main+xml")
    ct = ct.replace("</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                                "</Types>")
    rels = read_member(path, "word/_rels/document.xml.rels").decode("utf-8")
    rels = rels.replace("</Relationships>",
                        '<Relationship Id="rIdVba1" Type="http://schemas.microsoft.com/office/2006/'
                        'relationships/vbaProject" Target="vbaProject.bin"/></Relationships>')
    rewrite_zip(path, {"[Content_Types].xml": ct.encode(), "word/_rels/document.xml.rels": rels.encode()},
                add={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1Sub AutoOpen() Shell \"calc\""})
    import subprocess
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: pytest.fail("a process was started"))
    doc = load_document(path)
    assert doc.format == "docx"
    assert doc.text.split("\n")[0] == SAMPLE_PARAGRAPHS[0]
    assert doc.metadata["has_macros"] is True and doc.metadata["macro_enabled_format"] is True
    assert "AutoOpen" not in doc.text


# --- wrong content behind the extension -------------------------------------------------------

@pytest.mark.parametrize("ext", [".txt", ".docx", ".md", ".pdf"])
@pytest.mark.parametrize("data,name", [(PNG_BYTES, "PNG 图片"), (JPEG_BYTES, "JPEG 图片")])
def test_image_renamed(tmp_path, ext, data, name):
    path = tmp_path / f"截图{ext}"
    path.write_bytes(data)
    _refused(path, f"文件实际是 {name}", "OCR")


@pytest.mark.parametrize("data,what", [
    (b"Rar!\x1a\x07\x00" + b"\x00" * 100, "RAR 压缩包"),
    (b"MZ\x90\x00" + b"\x00" * 100, "可执行程序"),
    (b"\x1f\x8b\x08\x00" + b"\x00" * 100, "gzip 压缩包"),
])
def test_other_binaries_renamed_txt(tmp_path, data, what):
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    _refused(path, what)


def test_ole_renamed_txt(tmp_path):
    _refused(make_ole(tmp_path / "x.txt"), "文件已加密")


def test_random_binary_named_txt(tmp_path):
    path = tmp_path / "乱码.txt"
    path.write_bytes(bytes(range(256)) * 20)
    _refused(path, "不是纯文本")


def test_docx_renamed_txt_is_read_as_word(tmp_path):
    path = make_docx(tmp_path / "d.docx")
    renamed = tmp_path / "改名.txt"
    path.rename(renamed)
    doc = load_document(renamed)
    assert doc.format == "docx" and doc.metadata["extension_mismatch"] == "txt"
    assert doc.text.split("\n")[0] == SAMPLE_PARAGRAPHS[0]


def test_pdf_renamed_docx_is_read_as_pdf(tmp_path):
    path = make_text_pdf(tmp_path / "x.docx", ["对照检查材料"])
    doc = load_document(path)
    assert doc.format == "pdf" and doc.text == "对照检查材料\n"


def test_text_renamed_docx(tmp_path):
    path = tmp_path / "文本.docx"
    path.write_text(TEXT, encoding="utf-8")
    _refused(path, "内容不是 Word 文档")


def test_text_renamed_pdf_and_doc(tmp_path):
    (tmp_path / "a.pdf").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.doc").write_text(TEXT, encoding="utf-8")
    _refused(tmp_path / "a.pdf", "内容不是 PDF")
    _refused(tmp_path / "a.doc", "内容不是 Word/WPS 文档")


# --- empty, huge, undecodable -----------------------------------------------------------------

@pytest.mark.parametrize("name", ["空.txt", "空.docx", "空.pdf", "空.md", "空.doc"])
def test_empty_file(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"")
    _refused(path, "文件为空")


@pytest.mark.parametrize("content", [" \n\t\r\n\u3000\n", "\ufeff", "\n\n\n"])
def test_whitespace_only_text(tmp_path, content):
    path = tmp_path / "空白.txt"
    path.write_text(content, encoding="utf-8")
    _refused(path, "文件为空")


def test_docx_with_only_empty_paragraphs(tmp_path):
    path = make_docx(tmp_path / "空白.docx", ["", "  "], empty_between=False)
    _refused(path, "文件为空")


def test_text_over_size_cap(tmp_path):
    path = tmp_path / "超大.txt"
    line = "（一）理论学习不够系统深入，存在以干代学的情况。\n".encode("utf-8")
    path.write_bytes(line * (MAX_TEXT_BYTES // len(line) + 10))
    _refused(path, f"超过 {MAX_TEXT_BYTES // (1024 * 1024)} MB")


def test_undecodable_text(tmp_path):
    path = tmp_path / "编码.txt"
    path.write_bytes(b"\x81\x30\x81" + b"\x80\xff" * 50)
    _refused(path, "无法识别文件编码", "UTF-8")


def test_big5_text_is_refused_not_mojibake(tmp_path):
    path = tmp_path / "繁体.txt"
    path.write_bytes("民主生活會對照檢查材料，深刻剖析思想根源，認真查找差距不足。".encode("big5"))
    _refused(path, "乱码")


def test_broken_utf16_bom(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(b"\xff\xfe" + "对照检查".encode("utf-16-le") + b"\x00")
    _refused(path, "UTF-16-LE")


# --- PDF ------------------------------------------------------------------------------------

def test_image_only_pdf(tmp_path):
    _refused(make_image_pdf(tmp_path / "扫描件.pdf"), "扫描图片", "OCR")


def test_corrupt_pdf(tmp_path):
    path = tmp_path / "坏.pdf"
    path.write_bytes(b"%PDF-1.4\n" + os.urandom(2000))
    with pytest.raises(InputError) as err:
        load_document(path)
    assert "PDF" in str(err.value)


def test_truncated_pdf(tmp_path):
    path = make_text_pdf(tmp_path / "截断.pdf", ["对照检查材料"])
    path.write_bytes(path.read_bytes()[:120])
    _refused(path, "PDF")


# --- names and paths ------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["县委 书记 林某某 对照检查（定稿）.txt", "  前后空格 .txt",
                                  "第1稿 #2 & 终稿!.docx", "ö-é 混合 name.md"])
def test_file_names_with_spaces_and_chinese(tmp_path, name):
    path = tmp_path / "材料 目录" / name
    path.parent.mkdir()
    if name.endswith(".docx"):
        make_docx(path)
    else:
        path.write_text(TEXT, encoding="utf-8")
    doc = load_document(path)
    assert doc.id == Path(name).stem and doc.path == str(path)
    assert "对照检查材料" in doc.text


def test_missing_file_directory_and_broken_link(tmp_path):
    _refused(tmp_path / "不存在.txt", "文件不存在")
    (tmp_path / "目录.docx").mkdir()
    _refused(tmp_path / "目录.docx", "是文件夹")
    (tmp_path / "断链.txt").symlink_to(tmp_path / "没有这个文件.txt")
    _refused(tmp_path / "断链.txt", "链接指向的文件不存在")


def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "管道.txt"
    os.mkfifo(fifo)
    _refused(fifo, "不是普通文件")


def test_inputs_are_never_modified(tmp_path):
    files = [make_docx(tmp_path / "a.docx"), make_text_pdf(tmp_path / "b.pdf", ["对照"]),
             make_ole(tmp_path / "c.docx"), make_image_pdf(tmp_path / "d.pdf")]
    (tmp_path / "e.txt").write_bytes(TEXT.encode("gb18030"))
    files.append(tmp_path / "e.txt")
    before = {p: (sha256(p), p.stat().st_mtime_ns) for p in files}
    listing = sorted(os.listdir(tmp_path))
    for path in files:
        try:
            load_document(path)
        except InputError:
            pass
    assert {p: (sha256(p), p.stat().st_mtime_ns) for p in files} == before
    assert sorted(os.listdir(tmp_path)) == listing  # no temp or lock files left behind


# --- end to end: draftcheck batch on a directory mixing good and bad files ------------------

CORPUS_INPUTS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev" / "inputs"


def _cli_main():
    try:
        from analyzer import cli
    except Exception as exc:  # noqa: BLE001 - the CLI is assembled by several people
        pytest.skip(f"analyzer.cli not importable yet: {exc}")
    return cli.main


def _run_cli(monkeypatch, args: list[str]) -> int:
    """Run the console-script entry point in-process; return the process exit status."""
    main = _cli_main()
    monkeypatch.setattr(sys, "argv", ["draftcheck", *args])
    try:
        main()
    except SystemExit as exc:
        code = exc.code
        return 0 if code is None else code if isinstance(code, int) else 1
    return 0  # main() returned: the process would exit 0


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.fixture
def mixed_batch(tmp_path):
    batch = tmp_path / "材料 2021"
    batch.mkdir()
    if (CORPUS_INPUTS / "D01.docx").is_file():
        import shutil
        shutil.copyfile(CORPUS_INPUTS / "D01.docx", batch / "D01.docx")
        shutil.copyfile(CORPUS_INPUTS / "D02.txt", batch / "D02 县长.txt")
    else:
        make_docx(batch / "D01.docx")
        (batch / "D02 县长.txt").write_bytes(TEXT.encode("gb18030"))
    bad = {
        "空白.txt": b"",
        "截图.txt": PNG_BYTES,
        "残缺.docx": (batch / "D01.docx").read_bytes()[:2000],
    }
    for name, data in bad.items():
        (batch / name).write_bytes(data)
    make_ole(batch / "加密.docx")
    make_image_pdf(batch / "扫描件.pdf")
    (batch / "~$D01.docx").write_bytes(b"\x00lock")
    return batch, ["D01", "D02 县长"], sorted([*bad, "加密.docx", "扫描件.pdf"])


def test_batch_end_to_end_with_bad_files_and_no_network(tmp_path, monkeypatch, mixed_batch, capsys):
    import json

    batch, good, bad = mixed_batch
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "data"))
    attempts = block_network(monkeypatch)
    before = {p.name: sha256(p) for p in batch.iterdir()}
    out = tmp_path / "报告.json"
    code = _run_cli(monkeypatch, ["batch", str(batch), "--no-store", "--format", "json", "-o", str(out)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert code in (0, 1), captured.err
    report = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(d["id"] for d in report["documents"]) == sorted(good)
    errors = {Path(e["path"]).name: e["message"] for e in report["errors"]}
    assert sorted(errors) == bad
    for name, message in errors.items():
        assert name in message and _has_chinese(message) and "\n" not in message
    assert "文件为空" in errors["空白.txt"]
    assert "PNG 图片" in errors["截图.txt"]
    assert "加密" in errors["加密.docx"]
    assert "扫描图片" in errors["扫描件.pdf"]
    assert "已损坏" in errors["残缺.docx"]
    # the unreadable files are also named on stderr
    assert all(name in captured.err for name in bad)
    assert attempts == []
    assert {p.name: sha256(p) for p in batch.iterdir()} == before


def test_batch_of_only_bad_files_exits_2(tmp_path, monkeypatch, mixed_batch, capsys):
    import json

    batch, good, bad = mixed_batch
    for name in ("D01.docx", "D02 县长.txt"):
        (batch / name).unlink()
    block_network(monkeypatch)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    out = tmp_path / "r.json"
    code = _run_cli(monkeypatch, ["batch", str(batch), "--no-store", "--format", "json", "-o", str(out)])
    captured = capsys.readouterr()
    assert code == 2, captured.err
    assert "Traceback" not in captured.err
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["documents"] == [] and len(report["errors"]) == len(bad)


def test_check_refuses_to_overwrite_an_input(tmp_path, monkeypatch, capsys):
    draft = tmp_path / "材料.txt"
    draft.write_text(TEXT, encoding="utf-8")
    before = sha256(draft)
    code = _run_cli(monkeypatch, ["check", str(draft), "--format", "json", "-o", str(draft)])
    captured = capsys.readouterr()
    assert code == 2 and "覆盖原稿" in captured.err
    assert sha256(draft) == before


def test_gbk_encoded_file_names_are_shown_readably(tmp_path):
    """A zip made on Chinese Windows and unpacked elsewhere leaves GBK bytes in file names."""
    from analyzer.load import discover, display_path

    root = os.fsencode(tmp_path)
    good = os.path.join(root, "县长 材料.txt".encode("gbk"))
    empty = os.path.join(root, "空白.txt".encode("gbk"))
    with open(good, "wb") as fh:
        fh.write(TEXT.encode("utf-8"))
    open(empty, "wb").close()
    files, failures = discover(tmp_path)
    assert failures == [] and len(files) == 2
    by_name = {display_path(p.name): p for p in files}
    assert sorted(by_name) == ["县长 材料.txt", "空白.txt"]
    doc = load_document(by_name["县长 材料.txt"])
    assert doc.id == "县长 材料" and doc.text == TEXT
    assert Path(doc.path).is_file()                       # the real path still opens
    assert doc.metadata["display_path"].endswith("县长 材料.txt")
    doc.id.encode("utf-8")
    with pytest.raises(InputError) as err:
        load_document(by_name["空白.txt"])
    msg = str(err.value)
    msg.encode("utf-8")                                   # printable, no lone surrogates
    assert "空白.txt：文件为空" in msg


def test_pdf_with_too_many_pages(tmp_path, monkeypatch):
    from analyzer.load import pdf
    monkeypatch.setattr(pdf, "MAX_PDF_PAGES", 0)
    _refused(make_text_pdf(tmp_path / "厚.pdf", ["对照检查"]), "超过 0 页的上限")


def test_largest_accepted_input_is_checked_in_bounded_time_and_memory(tmp_path):
    """A text just under both caps (bytes and characters) goes through `check` end to end."""
    import json
    import resource
    import subprocess

    samples = sorted((Path(__file__).resolve().parent.parent / "corpora" / "samples" / "src" / "drafts").glob("*.txt"))
    block = "\n".join(p.read_text(encoding="utf-8") for p in samples) + "\n"
    repeat = min(MAX_TEXT_BYTES // len(block.encode("utf-8")), MAX_TEXT_CHARS // len(block))
    big = tmp_path / "合订本.txt"
    big.write_text(block * repeat, encoding="utf-8")
    assert big.stat().st_size > MAX_TEXT_BYTES * 0.8
    out = tmp_path / "big.json"
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "analyzer.cli", "check", str(big), "--format", "json", "-o", str(out)],
                          capture_output=True, text=True, timeout=300)
    elapsed = time.perf_counter() - start
    assert proc.returncode in (0, 1), proc.stderr
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert peak_mb < 1024, f"peak RSS {peak_mb:.0f} MB"
    assert elapsed < 120, f"{elapsed:.0f} s"
    doc = json.loads(out.read_text(encoding="utf-8"))["documents"][0]
    assert doc["text_length"] == len(block * repeat)
