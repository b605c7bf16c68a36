"""Stale deadlines (YR004): a measure's deadline before the meeting date, through check and batch."""
from __future__ import annotations

import json

from analyzer.yearly.examples import check_examples, run_example
from tests.test_cli import run

RECYCLED = """县委常委、政法委书记 高振华
2020年度民主生活会个人对照检查材料
按照县委统一部署，我认真学习了规定篇目，在政法系统征求意见建议8条。现将个人对照检查情况报告如下。
一、存在的问题
（一）执法司法问题线索督办不力。2020年县委政法委受理的执法司法问题线索17件，其中5件超过3个月没有办结。
（二）联系服务群众不够经常。2020年我到县信访局接访只有4次，对石桥镇采石场噪音扰民问题批转后没有再过问。
（三）抓政法队伍管理失之于宽。2020年县公安局有1名辅警因参与赌博被辞退。
二、问题产生的原因
宗旨意识有所淡化，满足于批转交办，没有把群众的小事当成自己的大事来办。
三、整改措施
（一）建立执法司法问题线索台账，对超期未办结的5件线索逐件督办，2021年3月底前全部办结。
（二）由我牵头会同县公安局和石桥镇在2020年6月底前拿出采石场噪音问题的解决方案。
（三）1月10日前对政法各单位辅警队伍开展一次全面排查，会后15日内报送排查情况。
（四）去年承诺的2020年9月底前完成的辅警管理办法修订没有兑现，今年4月底前印发实施。
"""


def _stale(data, doc=0):
    return [f for f in data["documents"][doc]["findings"] if f["category"] == "stale-deadline"]


def test_check_flags_recycled_and_yearless_deadlines(tmp_path):
    path = tmp_path / "高振华.txt"
    path.write_text(RECYCLED, encoding="utf-8")
    data = json.loads(run("check", path, "--format", "json", "--meeting-date", "2021-01-20").stdout)
    found = {f["excerpt"]: f for f in _stale(data)}
    # 2020年6月底前 is recycled; 1月10日前 has no year and, read in 2021, lies before the meeting;
    # 2021年3月底前, 会后15日内, 今年4月底前 are fresh; 2020年9月底前 is last year's promise quoted
    assert set(found) == {"2020年6月底前", "1月10日前"}
    assert found["2020年6月底前"]["rule"] == "YR004" and found["2020年6月底前"]["section"] == "measures"
    assert "未写年份" in found["1月10日前"]["message"] and "未写年份" not in found["2020年6月底前"]["message"]
    for f in found.values():
        assert RECYCLED[f["start"]:f["end"]] == f["excerpt"]


def test_inferred_date_is_a_lower_bound_that_errs_towards_silence(tmp_path):
    path = tmp_path / "高振华.txt"
    path.write_text(RECYCLED, encoding="utf-8")
    data = json.loads(run("check", path, "--format", "json").stdout)
    assert data["meeting_date"]["how"] == "inferred" and data["meeting_date"]["date"] == "2021-01-01"
    # read against 1 January 2021, 1月10日前 is not yet past; the 2020 deadline still is
    assert [f["excerpt"] for f in _stale(data)] == ["2020年6月底前"]


def test_batch_takes_the_manifest_meeting_date(tmp_path):
    drafts = tmp_path / "材料"
    drafts.mkdir()
    (drafts / "A.txt").write_text(RECYCLED, encoding="utf-8")
    (drafts / "B.txt").write_text(RECYCLED.replace("高振华", "林晓梅").replace("1月10日前", "2月10日前"),
                                  encoding="utf-8")
    manifest = tmp_path / "名单.csv"
    manifest.write_text("file,member,unit,year,meeting_date\nA.txt,高振华,县委常委班子,2020,2021-02-20\n"
                        "B.txt,林晓梅,县委常委班子,2020,2021-02-20\n", encoding="utf-8")
    got = run("batch", drafts, "--manifest", manifest, "--no-store", "--format", "json")
    data = json.loads(got.stdout)
    assert data["meeting_date"] == {"date": "2021-02-20", "how": "manifest", "basis": "名单的 meeting_date 列"}
    by_id = {d["id"]: d for d in data["documents"]}
    stale = {d: sorted(f["excerpt"] for f in x["findings"] if f["category"] == "stale-deadline")
             for d, x in by_id.items()}
    assert stale == {"A": ["1月10日前", "2020年6月底前"], "B": ["2020年6月底前", "2月10日前"]}


def test_rule_examples_behave():
    assert check_examples() == []


def test_rules_list_show_and_test_document_the_rule():
    listed = run("rules", "list").stdout
    assert "YR004  整改时限已过期  [整改时限已过期·错误]" in listed   # category named in Chinese
    shown = run("rules", "show", "YR004").stdout
    assert "报告示例：完成时限“2020年6月底前”早于会议日期2021年1月20日" in shown and "rules/batch/yearly.yaml" in shown
    assert run("rules", "test").returncode == 0


def test_example_without_meeting_date_flags_nothing():
    assert run_example({"measures": ["由我牵头在2020年6月底前拿出方案。"]}) == []
