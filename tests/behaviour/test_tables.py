"""Parts laid out as a Word table (a 整改清单 or a two-column 问题 | 原因 page): each column whose
header names a part is that part, and a measure answers the problem of its own row."""
import tempfile
from pathlib import Path

import docx
import pytest

from analyzer.load import load_document
from analyzer.pipeline import analyse_document

from .drafts import RULES, flagged

TITLE = "县委常委、副县长周晓川2021年度民主生活会对照检查材料"
OPENING = "按照县委安排，我把查摆出的问题、原因和整改措施逐条列表如下。"
ROWS = [
    ("理论学习", "对分管领域出台的新政策钻研不够。今年县委中心组集中学习12次，我有4次请假。",
     "客观上讲，今年防汛和疫情防控两副担子同时压着，静下心来学习的时间少。",
     "每月参加中心组学习，全年请假不超过1次，2022年6月底前交1篇调研报告。", "2022年6月"),
    ("工作作风", "下基层少。全年到白鹭乡只去过2次，都是陪同检查，没有单独进村入户。",
     "宗旨意识淡了，满足于听汇报、看材料。",
     "每月到白鹭乡至少1个村蹲点1天，进村入户不少于10户。", "长期坚持"),
    ("廉洁自律", "对分管部门干部管得偏松。县水利局1名干部违规收受礼金被通报，我事前没有提醒过。",
     "管党治党责任扛得不牢，认为管好自己就行了。",
     "2022年3月底前与分管部门负责人逐一谈话，每季度听取1次廉政情况汇报。", "2022年3月"),
]


def _docx(rows, header=("方面", "存在的问题", "原因剖析", "整改措施", "完成时限"), drop_measure=None) -> Path:
    d = docx.Document()
    d.add_paragraph(TITLE)
    d.add_paragraph(OPENING)
    table = d.add_table(rows=1, cols=len(header))
    for cell, h in zip(table.rows[0].cells, header):
        cell.text = h
    for n, row in enumerate(rows):
        cells = table.add_row().cells
        values = list(row)
        if n == drop_measure:
            values[3] = ""
        keep = [v for h, v in zip(("方面", "存在的问题", "原因剖析", "整改措施", "完成时限"), values) if h in header]
        for cell, v in zip(cells, keep):
            cell.text = v
    d.add_paragraph("以上对照检查，请同志们批评指正。")
    path = Path(tempfile.mkdtemp()) / "材料.docx"
    d.save(str(path))
    return path


def _analyse(path: Path):
    doc = load_document(path)
    return analyse_document(doc, RULES)


def test_each_column_is_its_part_and_each_measure_answers_its_row():
    res = _analyse(_docx(ROWS))
    st = res.structure
    assert {"problems", "causes", "measures"} <= set(st.sections)
    assert len(st.problems) == 3 and len(st.causes) == 3 and len(st.measures) == 3
    assert [m.answers for m in st.measures] == [[0], [1], [2]]
    assert [p.group for p in st.problems] == ["理论学习", "工作作风", "廉洁自律"]
    assert not any(f.category in ("missing-section", "unanswered-problem") for f in res.findings)


def test_sentences_in_cells_are_checked_like_any_other():
    res = _analyse(_docx(ROWS))
    assert flagged(res, "vague", "对分管领域出台的新政策钻研不够")
    assert flagged(res, "objective-excuse", "客观上讲，今年防汛和疫情防控两副担子同时压着")
    assert not flagged(res, "vague", "全年到白鹭乡只去过2次，都是陪同检查，没有单独进村入户")


@pytest.mark.parametrize("row", [0, 2])
def test_an_empty_measure_cell_leaves_its_row_unanswered(row):
    res = _analyse(_docx(ROWS, drop_measure=row))
    text = res.document.text
    got = [text[f.start:f.end] for f in res.findings if f.category == "unanswered-problem"]
    assert len(got) == 1 and ROWS[row][1][:10] in got[0]


def test_a_two_column_problems_and_causes_table():
    """存在的问题 | 原因剖析, the measures written out after the table."""
    path = _docx(ROWS, header=("存在的问题", "原因剖析"))
    d = docx.Document(str(path))
    d.add_paragraph("二、整改措施")
    for n, row in enumerate(ROWS, 1):
        d.add_paragraph(f"{n}.{row[3]}")
    d.save(str(path))
    res = _analyse(path)
    st = res.structure
    assert {"problems", "causes", "measures"} <= set(st.sections)
    assert len(st.problems) == 3 and len(st.causes) == 3
    assert not any(f.category in ("missing-section", "unanswered-problem") for f in res.findings)
