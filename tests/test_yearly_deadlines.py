"""The one deadline parser (analyzer/yearly/deadlines.py): dates it reads, and that GEN001 and plan share it."""
from __future__ import annotations

from datetime import date

import pytest

from analyzer.model import Document, Item, Section, Structure
from analyzer.plan import deadlines_in
from analyzer.rules import load_ruleset
from analyzer.rules.context import Context
from analyzer.yearly.deadlines import DATED, ONGOING, PERIODIC, RELATIVE, START, parse_deadlines, parser_for


@pytest.mark.parametrize("text, phrase, kind, due", [
    ("针对线索督办不力的问题，2021年3月底前全部办结。", "2021年3月底前", DATED, date(2021, 3, 31)),
    ("由我牵头在2020年6月底前拿出采石场噪音问题的解决方案。", "2020年6月底前", DATED, date(2020, 6, 30)),
    ("２０２１年４月１５日前完成台账建立。", "２０２１年４月１５日前", DATED, date(2021, 4, 15)),
    ("三月底前完成全部排查。", "三月底前", DATED, date(2022, 3, 31)),
    ("5月中旬前召开专题推进会。", "5月中旬前", DATED, date(2022, 5, 20)),
    ("今年上半年完成制度修订。", "今年上半年完成", DATED, date(2022, 6, 30)),
    ("明年6月完成全部项目验收。", "明年6月完成", DATED, date(2023, 6, 30)),
    ("2021年底前建成覆盖全县的网格化体系。", "2021年底前", DATED, date(2021, 12, 31)),
    ("第二季度末前完成清理。", "第二季度末前", DATED, date(2022, 6, 30)),
    ("到2021年9月底，全部问题整改销号。", "2021年9月底", DATED, date(2021, 9, 30)),
    ("年底前完成。", "年底前", DATED, date(2022, 12, 31)),
    ("会后15日内向县委组织部报告整改情况。", "15日内", RELATIVE, None),
    ("三个月内完成专项检查。", "三个月内", RELATIVE, None),
    ("2021年起每月到县信访局接访1次。", "2021年起", START, None),
    ("每季度听取1次意识形态工作汇报。", "每季度", PERIODIC, None),
    ("对群众反映的问题立行立改。", "立行立改", ONGOING, None),
    ("2021年汛期前完成全部病险水库除险加固。", "2021年汛期前", DATED, date(2021, 6, 30)),
    ("明年入汛前组织一次不打招呼的实战演练。", "明年入汛前", DATED, date(2023, 6, 30)),
    ("汛前组织一次实战演练。", "汛前", ONGOING, None),
])
def test_deadline_kinds_and_due_dates(text, phrase, kind, due):
    found = parse_deadlines(text)
    assert found, text
    d = found[0]
    assert (d.text, d.kind) == (phrase, kind)
    assert text[d.start:d.end] == phrase   # spans are original offsets, full-width digits included
    assert d.due(2022) == due


def test_written_year_wins_over_meeting_year():
    d = parse_deadlines("2020年6月底前拿出方案")[0]
    assert d.year_written and d.due(2031) == date(2020, 6, 30)
    bare = parse_deadlines("6月底前拿出方案")[0]
    assert not bare.year_written and bare.due(None) is None and bare.due(2021) == date(2021, 6, 30)


def test_relative_deadline_counts_from_the_meeting():
    d = parse_deadlines("会后30日内报送整改方案")[0]
    assert d.due_after(date(2021, 1, 20)) == date(2021, 2, 19)


def test_longest_of_overlapping_matches():
    assert [d.text for d in parse_deadlines("确保2022年底前全部完成，第一季度内启动")] == ["2022年底前", "第一季度内"]


def test_pledges_have_no_deadline():
    assert parse_deadlines("进一步加强理论学习，不断提高政治站位和政治能力。") == []
    assert parse_deadlines("坚决克服形式主义、官僚主义，持续改进工作作风。") == []


MEASURES = [
    "针对接访少的问题，2021年每季度到县信访局接访不少于2次。",
    "对超期未办结的5件线索逐件督办，2021年3月底前全部办结。",
    "会同石桥镇研究采石场噪音问题的解决办法，三个月内拿出方案。",
    "年底前完成党员干部“八小时以外”监督制度修订，立行立改。",
    "进一步加强政法队伍教育管理，严格落实监督制度。",
    "从２０２１年起，汛前对全县水库逐一检查。",
]


def _context(text: str, rs) -> Context:
    doc = Document(id="m", path="m.txt", text=text, format="txt")
    sec = Section(role="measures", heading="", start=0, end=len(text))
    st = Structure(sections={"measures": sec}, measures=[Item(kind="measure", start=0, end=len(text), text=text)])
    return Context(doc, st, rs.markers)


@pytest.mark.parametrize("text", MEASURES)
def test_gen001_marker_and_parser_agree(text):
    """GEN001's deadline marker and the parser are one: the same spans on every measure."""
    rs = load_ruleset()
    marker_spans = _context(text, rs).matches("act_deadline")
    parser_spans = [(d.start, d.end) for d in parser_for(rs).parse(text)]
    assert parser_spans == marker_spans


def test_plan_reads_deadlines_with_the_parser():
    text = MEASURES[1] + MEASURES[3]
    assert deadlines_in(text) == [d.text for d in parse_deadlines(text)] == ["2021年3月底前", "年底前", "立行立改"]
