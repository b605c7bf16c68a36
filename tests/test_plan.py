"""整改清单 draft: pairing, deadlines, owners, blanks marked 待明确."""
from __future__ import annotations

import pytest

from analyzer.plan import UNSET, deadlines_in, owners_in, plan_rows

from test_report_fixture import chen, wang


@pytest.mark.parametrize("text, expected", [
    ("2021年3月底前牵头修订《枫岭县网络舆情应急处置办法》，每季度听取1次汇报", ["2021年3月底前", "每季度"]),
    ("4月15日前对全县在建7个市政项目逐个排查", ["4月15日前"]),
    ("立行立改，年底前完成清理；长期坚持", ["立行立改", "年底前", "长期坚持"]),
    ("三月底前完成，30日内报送", ["三月底前", "30日内"]),
    ("第一季度内召开专题会议", ["第一季度内"]),
    ("2021年上半年与分管部门负责同志逐一谈心谈话", ["2021年上半年"]),
    ("进一步加强理论学习，不断提高政治站位", []),
])
def test_deadlines(text, expected):
    assert deadlines_in(text) == expected


@pytest.mark.parametrize("text, member, expected", [
    ("由县住建局牵头，县委督查室验收", None, ["县住建局"]),
    ("我牵头召开专题会议", "陈立", ["陈立"]),
    ("2021年3月底前牵头修订办法", None, ["本人"]),
    ("责任单位：县纪委、县委组织部", None, ["县纪委", "县委组织部"]),
    ("会同县财政局、县审计局开展专项检查", None, ["县财政局", "县审计局"]),
    ("县住建局牵头负责", None, ["县住建局"]),
    ("进一步加强理论学习", None, []),
])
def test_owners(text, member, expected):
    assert owners_in(text, member) == expected


def test_rows_follow_problem_order_and_mark_blanks():
    rows = plan_rows(chen())
    assert [r.problem for r in rows] == ["理论学习不够深入", "舆情处置迟缓", "联系群众不够紧密"]
    first, second, third = rows
    assert first.measure == "进一步加强理论学习，不断提高政治站位。"
    assert (first.deadline, first.owner) == (UNSET, UNSET)
    assert second.measure.startswith("针对舆情处置迟缓的问题")  # marker "1." stripped
    assert (second.deadline, second.owner) == ("2021年3月底前；每季度", "陈立")
    assert second.source == "问题：第6行；措施：第11行"
    assert (third.measure, third.deadline, third.owner) == (UNSET, UNSET, UNSET)
    assert third.source == "问题：第7行" and third.measure_index is None


def test_measure_answering_two_problems_and_loose_measures():
    res = wang()
    res.structure.measures[0].answers = [0, 1]
    extra = res.structure.measures[0]
    from analyzer.model import Item

    res.structure.measures.append(Item(kind="measure", start=extra.start, end=extra.end, text=extra.text,
                                       marker="1.", answers=[]))
    rows = plan_rows(res)
    assert [r.problem_index for r in rows] == [0, 1, None]
    assert rows[0].measure == rows[1].measure
    assert rows[2].problem == "（未对应具体问题）" and rows[2].owner == "县委组织部"


def test_draft_without_measures():
    res = wang()
    res.structure.measures = []
    rows = plan_rows(res)
    assert len(rows) == 2 and all(r.measure == UNSET for r in rows)
