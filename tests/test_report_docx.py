"""Annotated Word copies: each comment must anchor exactly the finding's excerpt."""
from __future__ import annotations

import copy
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from analyzer.errors import ConfigError
from analyzer.model import BatchResult, DocResult, Finding, Structure
from analyzer.report.docx_annot import write_annotated

from test_report_fixture import chen, make_batch, wang

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def anchored(path: Path) -> dict[str, tuple[str, str]]:
    """comment id → (text between commentRangeStart/End, comment text), read from the XML."""
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(W + "body")
        comments = etree.fromstring(z.read("word/comments.xml"))
    ctext = {c.get(W + "id"): "\n".join("".join(t.text or "" for t in p.iter(W + "t"))
                                         for p in c.iter(W + "p"))
             for c in comments.iter(W + "comment")}
    authors = {c.get(W + "author") for c in comments.iter(W + "comment")}
    assert authors <= {"draftcheck"}
    open_ids: list[str] = []
    acc: dict[str, str] = {}
    for ev, el in etree.iterwalk(body, events=("start", "end")):
        if ev == "start":
            if el.tag == W + "commentRangeStart":
                open_ids.append(el.get(W + "id"))
                acc[el.get(W + "id")] = ""
            elif el.tag == W + "commentRangeEnd":
                open_ids.remove(el.get(W + "id"))
            elif el.tag == W + "t" and el.getparent().tag == W + "r":
                for i in open_ids:
                    acc[i] += el.text or ""
            elif el.tag == W + "tab" and el.getparent().tag == W + "r":
                for i in open_ids:
                    acc[i] += "\t"
            elif el.tag == W + "br" and el.get(W + "type") in (None, "textWrapping"):
                for i in open_ids:
                    acc[i] += "\n"
        elif el.tag == W + "p":
            for i in open_ids:
                acc[i] += "\n"
    assert not open_ids
    return {k: (acc[k], ctext[k]) for k in acc}


def by_rule(path: Path) -> dict[str, str]:
    out = {}
    for text, comment in anchored(path).values():
        rule = comment.split("（", 1)[1].split("）", 1)[0]
        out[rule] = text
    return out


def test_text_inputs_become_new_docx_with_exact_comments(tmp_path):
    batch = make_batch()
    paths = write_annotated(batch, tmp_path / "out")
    assert [p.name for p in paths] == ["陈立_批注.docx", "王敏_批注.docx"]
    got = by_rule(paths[0])
    for f in batch.documents[0].findings:
        assert got[f.rule].rstrip("\n") == f.excerpt
    comments = [c for _, c in anchored(paths[0]).values()]
    assert any(c.startswith("【警告】措施笼统（GEN001）") and "修改建议：写明何时完成" in c for c in comments)
    # the whole-document finding (missing section) is anchored on the title and says so
    wang_comments = [c for _, c in anchored(paths[1]).values()]
    assert any("缺少“原因分析”栏目" in c and "（本条针对全文）" in c for c in wang_comments)
    # the copy holds the draft's text and opens in Word's library again
    reopened = docx.Document(str(paths[0]))
    assert reopened.paragraphs[0].text == "县委常委、常务副县长 陈立"
    assert len(list(reopened.comments)) == len(batch.documents[0].findings)


def _hyperlink(paragraph, text: str):
    part = paragraph.part
    rid = part.relate_to("https://example.invalid/x", docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK,
                         is_external=True)
    el = parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}"><w:r><w:rPr><w:u w:val="single"/></w:rPr>'
                   f'<w:t xml:space="preserve">{text}</w:t></w:r></w:hyperlink>')
    paragraph._p.append(el)


def _insertion(paragraph, text: str):
    el = parse_xml(f'<w:ins {nsdecls("w")} w:id="901" w:author="办公室" w:date="2021-01-05T10:00:00Z">'
                   f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:ins>')
    paragraph._p.append(el)


def _deletion(paragraph, text: str):
    el = parse_xml(f'<w:del {nsdecls("w")} w:id="902" w:author="办公室" w:date="2021-01-05T10:00:00Z">'
                   f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>')
    paragraph._p.append(el)


def make_awkward_docx(path: Path) -> None:
    """Runs split mid-phrase, bold/underline, hyperlink, tab, soft break, tracked changes, a table."""
    d = docx.Document()
    title = d.add_paragraph()
    title.add_run("县委常委、宣传部长 ").bold = True
    title.add_run("王敏个人对照检查材料").bold = True
    d.add_paragraph("")
    p = d.add_paragraph()
    p.add_run("一、存在的")
    p.add_run("突出问题")
    p = d.add_paragraph()
    p.add_run("（一）理论学习")
    p.add_run("不够深入").bold = True
    p.add_run("。学习的自觉")
    p.add_run("性和主动性不够强，")
    r = p.add_run("满足于读原文、记笔记")
    r.underline = True
    p.add_run("，详见")
    _hyperlink(p, "石桥镇学习台账")
    p.add_run("。")
    p = d.add_paragraph()
    p.add_run("（二）舆情处置迟缓。\t2020年8月")
    _deletion(p, "河湾社区")
    _insertion(p, "石桥镇污水管网回填滞后")
    p.add_run("引发群众投诉。")
    p = d.add_paragraph()
    p.add_run("（三）联系群众不够紧密。")
    p.add_run().add_break()
    p.add_run("全年到柳塘乡接访只有2次。")
    d.add_paragraph("   ")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "问题"
    table.cell(0, 1).text = "整改措施"
    table.cell(1, 0).text = "接访次数少"
    table.cell(1, 1).text = "每月到柳塘乡接访1次，年底前完成"
    d.add_paragraph("二、整改措施")
    d.add_paragraph("进一步加强理论学习，不断提高政治站位。")
    d.save(str(path))


def _finding(text: str, needle: str, rule: str, severity="warning", nth=0) -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Finding(rule=rule, category="vague", severity=severity, start=start, end=start + len(needle),
                   excerpt=needle, message="测试说明。", suggestion="测试建议。")


def test_docx_input_comments_anchor_exact_excerpts(tmp_path):
    from analyzer.load import load_document

    src_dir = tmp_path / "in"
    src_dir.mkdir()
    src = src_dir / "王敏.docx"
    make_awkward_docx(src)
    before = src.read_bytes()
    doc = load_document(src)
    text = doc.text
    needles = {
        "R01": "理论学习不够深入",                          # crosses a run boundary, starts mid-run
        "R02": "学习的自觉性和主动性不够强",                  # starts mid-run, crosses runs
        "R03": "记笔记，详见石桥镇学习",                      # enters a hyperlink
        "R04": "\t2020年8月石桥镇污水管网",                   # tab + tracked insertion
        "R05": "只有2次",                                   # after a soft line break
        "R06": "每月到柳塘乡接访1次",                          # inside a table cell
        "R07": "引发群众投诉。\n（三）联系群众",               # spans two paragraphs
        "R08": "县委常委",                                   # first characters of the document
        "R09": "不断提高政治站位。",                          # last characters of the text
        "R10": "不够",                                      # overlaps R01 (same run split twice)
    }
    findings = [_finding(text, n, rule) for rule, n in needles.items()]
    findings.append(Finding(rule="R11", category="missing-section", severity="error", start=0, end=0,
                            excerpt="", message="缺少“原因分析”栏目。", suggestion="补写原因分析。"))
    res = DocResult(doc, Structure(), findings)
    out = tmp_path / "out"
    paths = write_annotated(BatchResult("test", [res]), out)
    assert paths == [out / "王敏_批注.docx"]
    assert src.read_bytes() == before  # the input is untouched
    got = by_rule(paths[0])
    for rule, needle in needles.items():
        assert got[rule].rstrip("\n") == needle.rstrip("\n"), rule
    assert "R11" in got
    # formatting survives the run splits: 不够深入 is still bold
    reopened = docx.Document(str(paths[0]))
    bold = "".join(r.text for p in reopened.paragraphs for r in p.runs if r.bold)
    assert "不够深入" in bold and "王敏个人对照检查材料" in bold
    # the annotated copy still reads as the same draft
    again = load_document(paths[0])
    assert again.text == text


def test_refuses_output_dir_holding_an_input(tmp_path):
    res = chen(path=str(tmp_path / "陈立.txt"))
    (tmp_path / "陈立.txt").write_text(res.document.text, encoding="utf-8")
    with pytest.raises(ConfigError, match="原稿"):
        write_annotated(BatchResult("t", [res]), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["陈立.txt"]


def test_same_stem_in_two_folders_gets_distinct_names(tmp_path):
    a = chen(path="甲/陈立.txt")
    b = copy.deepcopy(chen(path="乙/陈立.txt"))
    b.document.id = "陈立(2)"
    paths = write_annotated(BatchResult("t", [a, b]), tmp_path / "out")
    assert [p.name for p in paths] == ["陈立_批注.docx", "陈立_批注_2.docx"]


def test_output_path_that_is_a_file_is_refused(tmp_path):
    target = tmp_path / "x.docx"
    target.write_bytes(b"")
    with pytest.raises(ConfigError, match="不是目录"):
        write_annotated(make_batch(), target)


def test_draft_without_findings_gets_a_clean_copy(tmp_path):
    res = wang()
    res.findings = []
    paths = write_annotated(BatchResult("t", [res]), tmp_path / "o")
    with zipfile.ZipFile(paths[0]) as z:
        assert "commentRangeStart" not in z.read("word/document.xml").decode()
