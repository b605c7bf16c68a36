"""The meeting date: --meeting-date, the manifest's meeting_date column, or inferred from the drafts."""
from __future__ import annotations

import json
from datetime import date

import pytest

from analyzer.errors import ConfigError
from analyzer.identity import Manifest
from analyzer.model import Document
from analyzer.pipeline import analyse_document
from analyzer.rules import load_ruleset
from analyzer.yearly import assign_meeting_dates, date_option, parse_date
from analyzer.yearly.meeting import infer

RS = load_ruleset()

ANNUAL = """县委常委、副县长 周立新
2020年度民主生活会个人对照检查材料
按照县委统一部署，我认真学习了规定篇目，征求意见建议9条。现将个人对照检查情况报告如下。
一、存在的问题
（一）抓安全生产压力传导不够。2020年8月，城关镇一家烟花爆竹仓库违规存放被群众举报，我批转后没有跟踪，直到11月才整改到位。
（二）调查研究不够深入。全年到分管的交通系统调研6次，多是听汇报，没有到项目工地实地察看。
二、问题产生的原因
宗旨意识有所淡化，满足于批转交办，没有从党性上严格要求自己。
三、整改措施
（一）2021年3月底前对全县烟花爆竹仓储点逐一检查，建立问题台账。
（二）2021年12月底前到交通项目工地蹲点调研不少于4次。
"""

NO_TITLE_YEAR = """个人对照检查材料
一、存在的问题
（一）落实意识形态工作责任制不到位。2021年1月8日召开的县委常委会上，我对网评员队伍建设只作了原则性表态。
（二）计划于2021年6月召开的宣传思想工作会议准备不足。
二、问题产生的原因
理想信念有所松懈。
三、整改措施
（一）2021年6月底前修订网评员管理办法。
"""


def _result(text: str, *, doc_id: str = "D", unit: str | None = None, year: int | None = None):
    doc = Document(id=doc_id, path=f"{doc_id}.txt", text=text, format="txt", unit=unit, year=year)
    return analyse_document(doc, RS)


def test_title_year_means_early_next_year():
    md = infer(_result(ANNUAL))
    # the title's 2020年度 gives 2021-01-01; the 2020年8月/11月 events are earlier; deadlines do not count
    assert md.date == date(2021, 1, 1) and md.how == "inferred"
    assert "2020年度" in md.basis


def test_latest_past_date_is_a_lower_bound_plans_and_deadlines_are_not():
    md = infer(_result(NO_TITLE_YEAR))
    # 2021年1月8日 happened; 计划于2021年6月 is a plan and 2021年6月底前 a deadline
    assert md.date == date(2021, 1, 8)
    assert "2021年1月8日" in md.basis


def test_text_dates_far_past_the_title_year_are_ignored():
    text = ANNUAL.replace("全年到分管的交通系统调研6次", "对照2035年12月远景目标要求，全年到分管的交通系统调研6次")
    assert infer(_result(text)).date == date(2021, 1, 1)


def test_document_titles_do_not_date_the_meeting():
    text = NO_TITLE_YEAR.replace("2021年1月8日召开的县委常委会上", "学习《2021年3月省委全会精神汇编》时")
    assert infer(_result(text)) is None


def test_option_overrides_and_team_shares_its_date():
    a = _result(ANNUAL, doc_id="A", unit="县委常委班子")
    b = _result(NO_TITLE_YEAR, doc_id="B", unit="县委常委班子")
    c = _result("个人发言提纲\n一、存在的问题\n（一）学习不够。\n", doc_id="C", unit="县委常委班子")
    batch = assign_meeting_dates([a, b, c])
    assert a.meeting_date.date == date(2021, 1, 8)     # the team's meeting is after B's 2021年1月8日
    assert c.meeting_date.date == date(2021, 1, 8) and "同一班子" in c.meeting_date.basis
    assert batch.date == date(2021, 1, 8) and batch.how == "inferred"
    given = assign_meeting_dates([a, b, c], date(2021, 1, 26))
    assert given.how == "option" and all(r.meeting_date.date == date(2021, 1, 26) for r in (a, b, c))


def test_one_odd_date_does_not_move_a_team_of_three():
    docs = [_result(ANNUAL, doc_id=f"M{i}", unit="班子") for i in range(3)]
    odd = ANNUAL.replace("2020年8月", "2021年5月")   # a misdated event in one draft
    docs[0] = _result(odd, doc_id="M0", unit="班子")
    assign_meeting_dates(docs)
    assert docs[1].meeting_date.date == date(2021, 1, 1)
    assert docs[0].meeting_date.date == date(2021, 5, 1)   # its own evidence stays its own


@pytest.mark.parametrize("text, expected", [
    ("2021-01-20", date(2021, 1, 20)), ("2021/1/20", date(2021, 1, 20)), ("2021.1.20", date(2021, 1, 20)),
    ("2021年1月20日", date(2021, 1, 20)), ("20210120", date(2021, 1, 20)), ("2021-01-20 00:00:00", date(2021, 1, 20)),
    ("2021-02-30", None), ("一月下旬", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_bad_option_is_one_chinese_line():
    with pytest.raises(ConfigError, match="不是有效日期.*2021-01-20"):
        date_option("明年一月")


def test_manifest_meeting_date_column(tmp_path):
    path = tmp_path / "名单.csv"
    path.write_text("file,member,unit,year,会议日期\nA.txt,周立新,县委常委班子,2020,2021/1/26\n"
                    "B.txt,吴敏,县委常委班子,2020,\n", encoding="utf-8")
    m = Manifest.read(path)
    assert m.entries[0].meeting_date == date(2021, 1, 26) and m.entries[1].meeting_date is None
    path.write_text("file,member,meeting_date\nA.txt,周立新,一月底\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="第 2 行的会议日期“一月底”无效"):
        Manifest.read(path)


def test_json_says_which_date_and_how(tmp_path):
    from tests.test_cli import run

    draft = tmp_path / "周立新.txt"
    draft.write_text(ANNUAL, encoding="utf-8")
    got = run("check", draft, "--format", "json")
    data = json.loads(got.stdout)
    assert data["meeting_date"]["date"] == "2021-01-01" and data["meeting_date"]["how"] == "inferred"
    assert data["documents"][0]["meeting_date"]["how"] == "inferred"
    data = json.loads(run("check", draft, "--format", "json", "--meeting-date", "2021-01-26").stdout)
    assert data["meeting_date"] == {"date": "2021-01-26", "how": "option", "basis": "命令行 --meeting-date"}
    bad = run("check", draft, "--meeting-date", "2021-13-01")
    assert bad.returncode == 2 and "不是有效日期" in bad.stderr and "Traceback" not in bad.stderr
