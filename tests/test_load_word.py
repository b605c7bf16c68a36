"""Word files read as Word shows them: altChunk bodies, text boxes, alternate content, content
controls around cells, hidden text, repeated part names, automatic list numbers, templates."""
from __future__ import annotations

import quopri

import pytest

from analyzer.errors import InputError
from analyzer.load import discover, load_document
from analyzer.load.word_numbering import format_number
from analyzer.structure import parse
from tests.word_builders import RT, TEMPLATE_CT, document_xml, numbered, para, vml_box, write_docx, wps_box

TITLE = "县政府办公室主任张卫国个人对照检查材料"
HTML_DRAFT = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>对照检查材料</title><style>p {{ font-family: 仿宋_GB2312; }}</style>
<script>document.title = "不该读到的脚本";</script></head>
<body>
<h2>一、存在的主要问题</h2>
<p>（一）调查研究不够深入。今年到东坡镇、河西乡调研只有3次，
每次不超过半天，对群众反映的农田灌溉问题没有跟踪问效。</p>
<p style="display:none">这是页面上隐藏的编辑批注</p>
<div>（二）落实<b>“一岗双责”</b>有差距。<span style="mso-hide:all">隐藏文字</span>分管的信访室全年积案12件。</div>
<h2>二、产生问题的原因</h2>
<p>理想信念有所松懈，宗旨意识淡化。<br>党性修养放松。</p>
<table><tr><td>三、整改措施</td></tr><tr><td>2024年6月底前到东坡镇蹲点调研不少于5天。</td></tr></table>
<!-- 这是注释，不是正文 -->
</body></html>"""
HTML_LINES = [
    "一、存在的主要问题",
    "（一）调查研究不够深入。今年到东坡镇、河西乡调研只有3次，每次不超过半天，对群众反映的农田灌溉问题没有跟踪问效。",
    "（二）落实“一岗双责”有差距。分管的信访室全年积案12件。",
    "二、产生问题的原因",
    "理想信念有所松懈，宗旨意识淡化。",
    "党性修养放松。",
    "三、整改措施",
    "2024年6月底前到东坡镇蹲点调研不少于5天。",
]
RT_CHUNK = RT + "aFChunk"


def _mht(html: bytes) -> bytes:
    return (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart_01DA"\r\n\r\n'
            b"------=_NextPart_01DA\r\nContent-Location: file:///C:/draft.htm\r\n"
            b"Content-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset=\"utf-8\"\r\n\r\n"
            + quopri.encodestring(html) + b"\r\n------=_NextPart_01DA--\r\n")


def _chunk_body() -> str:
    return para(TITLE) + '<w:altChunk r:id="rIdChunk"/>' + para("2024年1月10日")


def _lines(doc) -> list[str]:
    return doc.text.split("\n")[:-1]


# ---- altChunk ----------------------------------------------------------------------------------

def test_altchunk_html_body_is_read_in_place(tmp_path):
    html = HTML_DRAFT.encode("gb18030")
    path = write_docx(tmp_path / "OA导出.docx", _chunk_body(),
                      parts={"rIdChunk": ("afchunk.htm", html, "text/html", RT_CHUNK)})
    doc = load_document(path)
    assert _lines(doc) == [TITLE, *HTML_LINES, "2024年1月10日"]
    assert "不该读到的脚本" not in doc.text and "隐藏" not in doc.text and "注释" not in doc.text
    sections = parse(doc).sections
    assert {"problems", "causes", "measures"} <= set(sections)


def test_altchunk_mht_single_file_web_page(tmp_path):
    mht = _mht(HTML_DRAFT.replace("charset=gb2312", "charset=utf-8").encode("utf-8"))
    path = write_docx(tmp_path / "单个网页.docx", _chunk_body(),
                      parts={"rIdChunk": ("afchunk.mht", mht, "message/rfc822", RT_CHUNK)})
    assert _lines(load_document(path)) == [TITLE, *HTML_LINES, "2024年1月10日"]


def test_altchunk_plain_text_and_nested_docx(tmp_path):
    inner = tmp_path / "inner.docx"
    write_docx(inner, para("一、存在的主要问题") + para("（一）学习不够系统，全年只参加集中学习8次。"))
    path = write_docx(tmp_path / "合成.docx", para(TITLE) + '<w:altChunk r:id="rIdA"/><w:altChunk r:id="rIdB"/>',
                      parts={"rIdA": ("chunk1.docx", inner.read_bytes(),
                                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                      RT_CHUNK),
                             "rIdB": ("chunk2.txt", "二、产生问题的原因\r\n思想上有所放松。\r\n".encode("gb18030"),
                                      "text/plain", RT_CHUNK)})
    assert _lines(load_document(path)) == [TITLE, "一、存在的主要问题", "（一）学习不够系统，全年只参加集中学习8次。",
                                           "二、产生问题的原因", "思想上有所放松。"]


@pytest.mark.parametrize("kind", ["html", "mht"])
def test_web_page_saved_as_doc_is_read_as_word_opens_it(tmp_path, kind):
    # OA systems' “导出 Word” and Word's “单个网页” write HTML or MHT under a .doc name
    data = HTML_DRAFT.encode("gb18030") if kind == "html" else \
        _mht(HTML_DRAFT.replace("charset=gb2312", "charset=utf-8").encode("utf-8"))
    path = tmp_path / "张卫国对照检查材料.doc"
    path.write_bytes(data)
    doc = load_document(path)
    assert doc.format == "doc" and doc.metadata["saved_as"] == kind
    assert _lines(doc) == HTML_LINES
    assert [doc.text[s:e] for s, e in doc.paragraphs] == HTML_LINES


# ---- text boxes and alternate content ---------------------------------------------------------

def test_text_box_read_once_where_it_is_anchored(tmp_path):
    heading = para("一、存在的主要问题")
    box = (f'<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps">{wps_box(heading)}</mc:Choice>'
           f"<mc:Fallback>{vml_box(heading)}</mc:Fallback></mc:AlternateContent></w:r>"
           "<w:r><w:t>在理论学习方面，学得不深不透，满足于读原文、记笔记。</w:t></w:r></w:p>")
    path = write_docx(tmp_path / "文本框.docx", para(TITLE) + box)
    assert _lines(load_document(path)) == [TITLE, "一、存在的主要问题", "在理论学习方面，学得不深不透，满足于读原文、记笔记。"]


def test_vml_only_text_box_and_anchor_inside_a_sentence(tmp_path):
    box = ('<w:p><w:r><w:t>前面的话。</w:t></w:r>'
           f'<w:r>{vml_box(para("二、产生问题的原因"))}</w:r><w:r><w:t>后面的话。</w:t></w:r></w:p>')
    path = write_docx(tmp_path / "wps.docx", para(TITLE) + box)
    assert _lines(load_document(path)) == [TITLE, "前面的话。", "二、产生问题的原因", "后面的话。"]


def test_block_alternate_content_read_from_one_branch(tmp_path):
    known = ('<mc:AlternateContent><mc:Choice Requires="w14">' + para("（一）带头严守政治纪律方面")
             + "</mc:Choice><mc:Fallback>" + para("（一）带头严守政治纪律方面（旧版）") + "</mc:Fallback></mc:AlternateContent>")
    unknown = ('<mc:AlternateContent><mc:Choice Requires="w16se">' + para("新版符号")
               + "</mc:Choice><mc:Fallback>" + para("对上级决策部署执行不够坚决。") + "</mc:Fallback></mc:AlternateContent>")
    path = write_docx(tmp_path / "ac.docx", para(TITLE) + known + unknown)
    assert _lines(load_document(path)) == [TITLE, "（一）带头严守政治纪律方面", "对上级决策部署执行不够坚决。"]


def test_table_cell_inside_a_content_control(tmp_path):
    cell = '<w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr>{}</w:tc>'
    table = ('<w:tbl><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid><w:tr>'
             + cell.format(para("存在问题"))
             + "<w:sdt><w:sdtPr><w:alias w:val=\"整改措施\"/></w:sdtPr><w:sdtContent>"
             + cell.format(para("2024年3月底前建立台账，逐月对账销号。"))
             + "</w:sdtContent></w:sdt></w:tr></w:tbl>")
    path = write_docx(tmp_path / "表格.docx", para(TITLE) + table)
    assert _lines(load_document(path)) == [TITLE, "存在问题", "2024年3月底前建立台账，逐月对账销号。"]


# ---- hidden text --------------------------------------------------------------------------------

def test_hidden_text_is_left_out(tmp_path):
    styles = ('<w:style w:type="character" w:styleId="批注隐藏"><w:name w:val="批注隐藏"/>'
              "<w:rPr><w:vanish/></w:rPr></w:style>"
              '<w:style w:type="paragraph" w:styleId="隐藏段落"><w:name w:val="隐藏段落"/>'
              "<w:rPr><w:vanish/></w:rPr></w:style>")
    body = (para(TITLE)
            + "<w:p><w:r><w:t>联系群众不够紧密，</w:t></w:r>"
            "<w:r><w:rPr><w:vanish/></w:rPr><w:t>（秘书注：此处请领导补充事例）</w:t></w:r>"
            '<w:r><w:rPr><w:rStyle w:val="批注隐藏"/></w:rPr><w:t>【待删】</w:t></w:r>'
            '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>下基层调研只有4次。</w:t></w:r></w:p>'
            + para("整段隐藏的草稿说明", ppr='<w:pStyle w:val="隐藏段落"/>'))
    path = write_docx(tmp_path / "隐藏.docx", body, styles=styles)
    assert _lines(load_document(path)) == [TITLE, "联系群众不够紧密，下基层调研只有4次。"]


# ---- package integrity ----------------------------------------------------------------------------

def test_two_parts_of_one_name_are_refused(tmp_path):
    path = write_docx(tmp_path / "重复部件.docx", para(TITLE) + para("一、存在的主要问题"),
                      duplicate={"word/document.xml": document_xml(para("另一份完全不同的材料"))})
    with pytest.raises(InputError) as err:
        load_document(path)
    message = str(err.value)
    assert "重复部件.docx" in message and "同名部件" in message and "word/document.xml" in message
    assert "另存为" in message


# ---- automatic numbering ------------------------------------------------------------------------

NUMBERING = (
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
    "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="0"/>'
    '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
)


def _numbered_draft(tmp_path):
    body = (para(TITLE)
            + para("根据县委统一安排，本人认真学习、广泛听取意见，现对照检查如下。")
            + numbered("存在的主要问题", 1)
            + numbered("理论学习不够深入", 1, 1)
            + para("学习满足于读原文、记笔记，全年撰写心得体会只有2篇。")
            + numbered("", 1, 1)                                # an empty numbered paragraph: Word counts it
            + numbered("为民服务意识不强", 1, 1)
            + para("群众反映的小区停车难问题，拖了8个月才答复。")
            + numbered("产生问题的原因", 1)
            + para("根本在于理想信念有所松懈，宗旨意识有所淡化。")
            + numbered("整改措施", 1)
            + numbered("2024年6月底前逐篇研读重要讲话，撰写心得不少于6篇", 1, 2)
            + numbered("每月接访不少于2次，9月底前办结停车难问题", 1, 2))
    return load_document(write_docx(tmp_path / "自动编号.docx", body, numbering=NUMBERING))


def test_list_numbers_are_data_not_text(tmp_path):
    doc = _numbered_draft(tmp_path)
    assert "一、" not in doc.text and "（一）" not in doc.text and "\n1." not in doc.text
    paragraphs = [doc.text[s:e] for s, e in doc.paragraphs]
    got = [(paragraphs[lb.paragraph], lb.level, lb.format, lb.number, lb.text) for lb in doc.list_labels]
    assert got == [
        ("存在的主要问题", 0, "chineseCounting", 1, "一、"),
        ("理论学习不够深入", 1, "chineseCounting", 1, "（一）"),
        ("为民服务意识不强", 1, "chineseCounting", 3, "（三）"),   # the empty item between is （二）
        ("产生问题的原因", 0, "chineseCounting", 2, "二、"),
        ("整改措施", 0, "chineseCounting", 3, "三、"),
        ("2024年6月底前逐篇研读重要讲话，撰写心得不少于6篇", 2, "decimal", 1, "1."),
        ("每月接访不少于2次，9月底前办结停车难问题", 2, "decimal", 2, "2."),
    ]


def test_word_numbering_is_a_heading_cue(tmp_path):
    doc = _numbered_draft(tmp_path)
    st = parse(doc)
    heads = [(h.text, h.level, h.number, h.marker) for h in st.headings if h.level in (1, 2, 3)]
    assert ("存在的主要问题", 1, 1, "") in heads
    assert ("理论学习不够深入", 2, 1, "") in heads and ("为民服务意识不强", 2, 3, "") in heads
    assert ("产生问题的原因", 1, 2, "") in heads
    for h in st.headings:
        assert doc.text[h.start:h.end] == h.text   # offsets are those of the text as stored
    assert [p.text.split("\n")[0] for p in st.problems] == ["理论学习不够深入", "为民服务意识不强"]
    assert len(st.measures) == 2 and st.measures[0].text.startswith("2024年6月底前")


def test_restart_and_style_numbering(tmp_path):
    styles = ('<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/>'
              '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>')
    body = (numbered("存在的主要问题", 1)
            + para("政治站位不够高", ppr='<w:pStyle w:val="2"/>')       # numbered by its style: （一）
            + para("担当作为不够强", ppr='<w:pStyle w:val="2"/>')       # （二）
            + numbered("产生问题的原因", 1)
            + numbered("理想信念有所弱化", 2, 1)                        # a new list restarting level 1: （一）
            + numbered("党性修养有所放松", 2, 1)
            + para("不编号的段落", ppr='<w:pStyle w:val="2"/><w:numPr><w:numId w:val="0"/></w:numPr>'))
    doc = load_document(write_docx(tmp_path / "样式编号.docx", body, numbering=NUMBERING, styles=styles))
    assert [lb.text for lb in doc.list_labels] == ["一、", "（一）", "（二）", "二、", "（一）", "（二）"]


@pytest.mark.parametrize("n,fmt,shown", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (12, "chineseCounting", "十二"),
    (20, "chineseCountingThousand", "二十"), (35, "chineseCounting", "三十五"), (110, "chineseCounting", "一百一十"),
    (3, "decimalEnclosedCircle", "③"), (4, "ideographTraditional", "丁"), (28, "upperLetter", "BB"),
    (14, "lowerRoman", "xiv"), (7, "decimalFullWidth", "７"), (5, "chineseLegalSimplified", "伍"),
])
def test_number_formats_as_word_draws_them(n, fmt, shown):
    assert format_number(n, fmt) == shown


# ---- templates ----------------------------------------------------------------------------------

@pytest.mark.parametrize("ext", [".dotx", ".dotm"])
def test_templates_are_read_and_found_in_batches(tmp_path, ext):
    folder = tmp_path / "材料"
    folder.mkdir()
    write_docx(folder / f"李明{ext}", para(TITLE) + para("一、存在的主要问题"), main_type=TEMPLATE_CT)
    (folder / "王芳.txt").write_text("王芳个人对照检查材料\n", encoding="utf-8")
    files, failures = discover(folder)
    assert [p.name for p in files] == [f"李明{ext}", "王芳.txt"] and not failures
    doc = load_document(files[0])
    assert doc.format == "docx" and _lines(doc) == [TITLE, "一、存在的主要问题"]
    assert "extension_mismatch" not in doc.metadata


def test_table_grid_keeps_rows_columns_and_merges(tmp_path):
    """A table's cells are recorded by row and grid column: a cell spanning two columns moves the
    next cell to column 2, a vertically merged cell is read once and its continuation left out,
    and a cell of two paragraphs spans both."""
    def cell(inner: str, props: str = "") -> str:
        return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{inner}</w:tc>"

    rows = [
        cell(para("方面")) + cell(para("存在的问题")) + cell(para("整改措施")),
        cell(para("理论学习"), '<w:vMerge w:val="restart"/>') + cell(para("学习不深。") + para("请假4次。"))
        + cell(para("每月自学。")),
        cell(para(""), "<w:vMerge/>") + cell(para("研讨走过场。")) + cell(para("每季度研讨1次。")),
        cell(para("合计3条"), '<w:gridSpan w:val="2"/>') + cell(para("年底前完成。")),
    ]
    body = para("标题") + "<w:tbl>" + "".join(f"<w:tr>{r}</w:tr>" for r in rows) + "</w:tbl>" + para("结尾")
    doc = load_document(write_docx(tmp_path / "表格.docx", body))
    (grid,) = doc.tables

    def cells(row):
        return [(col, "|".join(doc.text[slice(*doc.paragraphs[i])] for i in range(a, b))) for col, a, b in row]

    assert cells(grid.rows[0]) == [(0, "方面"), (1, "存在的问题"), (2, "整改措施")]
    assert cells(grid.rows[1]) == [(0, "理论学习"), (1, "学习不深。|请假4次。"), (2, "每月自学。")]
    assert cells(grid.rows[2]) == [(1, "研讨走过场。"), (2, "每季度研讨1次。")]
    assert cells(grid.rows[3]) == [(0, "合计3条"), (2, "年底前完成。")]
