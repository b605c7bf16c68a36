"""The year-on-year results in every report: JSON, text, Excel, HTML, the 整改清单 (plan) and Word comments."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.test_cli import run

CORPUS = Path(__file__).parent / "fixtures" / "yearly" / "corpus"
ARGS = ("--history", CORPUS / "history", "--manifest", CORPUS / "manifest.csv")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    out = tmp_path_factory.mktemp("yearly")
    for fmt in ("xlsx", "html"):
        got = run("batch", CORPUS / "drafts", *ARGS, "--no-store", "--format", fmt, "-o", out / f"r.{fmt}")
        assert got.returncode in (0, 1), got.stderr
    data = json.loads(run("batch", CORPUS / "drafts", *ARGS, "--no-store", "--format", "json").stdout)
    return out, data


def _doc(data, doc_id):
    return next(d for d in data["documents"] if d["id"] == doc_id)


def test_json_year_comparison_and_report_due(outputs):
    _, data = outputs
    m01 = _doc(data, "M01")
    assert m01["report_due"] == "2022-02-02"        # meeting 2022-01-18 + 15 days
    yc = m01["year_comparison"]
    assert [e["year"] for e in yc["earlier"]] == [2019, 2020] and yc["last"] == "M01-2020"
    def row(start):
        return next(r for r in yc["problems"] if r["old"].startswith(start))

    assert row("防汛防灾")["status"] == "claimed" and row("防汛防灾")["new_index"] == 0
    assert row("农村集体")["status"] == "reported" and row("农村集体")["new"] is None
    assert row("抓信访积案")["year"] == "2019年" and row("抓信访积案")["status"] == "repeated"
    assert _doc(data, "M06")["year_comparison"] is None
    m04 = _doc(data, "M04")["year_comparison"]
    assert m04["measures_repeated"][0]["new_index"] == 0 and m04["has_report"] is False
    plan = m01["plan"]
    assert plan[0]["carried"].startswith("2020年已查摆") and plan[0]["report_due"] == "2022年2月2日前"
    assert plan[2]["carried"] is None                 # 理论学习与工作结合不紧 is new this year


def test_excel_has_a_year_sheet_and_plan_columns(outputs):
    out, _ = outputs
    wb = openpyxl.load_workbook(out / "r.xlsx")
    assert "年度对比" in wb.sheetnames
    rows = list(wb["年度对比"].iter_rows(values_only=True))
    assert rows[0] == ("成员", "往年年度", "往年查摆的问题", "今年对应的问题", "相似度", "状态", "今年材料报告的整改情况")
    m04 = [r for r in rows[1:] if r[0] == "黄海燕"]
    assert {r[1] for r in m04} == {"2020年"} and any(r[5] == "再次查摆，未说明上年整改情况" for r in m04)
    assert not any(r[0] == "郑晓东" for r in rows[1:])     # no earlier drafts, no rows
    plan = list(wb["整改清单"].iter_rows(values_only=True))
    head = plan[0]
    assert head[-2:] == ("往年查摆", "上报时限")
    lin = [r for r in plan[1:] if r[0] == "林卫国"]
    assert lin[1][head.index("往年查摆")] == "2019年已查摆（再次查摆，未说明上年整改情况）"
    assert all(r[head.index("上报时限")] == "2022年2月2日前" for r in lin)


def test_html_shows_the_year_view_and_the_plan_columns(outputs):
    out, _ = outputs
    html = (out / "r.html").read_text(encoding="utf-8")
    assert "年度对比（与本人2019年、2020年材料）" in html
    assert "再次查摆，但上年整改情况称已整改到位" in html and "（今年未查摆）" in html
    assert "<th>往年查摆</th><th>上报时限</th>" in html and "整改情况须于2022年2月2日前报告" in html


def test_text_report_lists_the_year_view():
    got = run("check", CORPUS / "drafts" / "M04.txt", *ARGS)
    assert "■ 年度对比（与本人2019年、2020年材料）" in got.stdout
    assert "再次查摆，未说明上年整改情况" in got.stdout and "整改情况上报时限：2022年2月2日前（会后15日内）" in got.stdout
    assert "问题年年提" in got.stdout and "措施照搬上年" in got.stdout


def test_plan_command_carries_report_due_and_carried_over(tmp_path):
    out = tmp_path / "整改清单.xlsx"
    got = run("plan", CORPUS / "drafts" / "M01.txt", "-o", out, "--history", CORPUS / "history",
              "--manifest", CORPUS / "manifest.csv", "--meeting-date", "2022-01-25")
    assert got.returncode == 0, got.stderr
    rows = list(openpyxl.load_workbook(out)["整改清单"].iter_rows(values_only=True))
    head = rows[0]
    assert rows[1][head.index("上报时限")] == "2022年2月9日前"
    assert rows[1][head.index("往年查摆")].startswith("2020年已查摆")
    bare = tmp_path / "无往年.xlsx"
    run("plan", CORPUS / "drafts" / "M06.txt", "-o", bare)
    rows = list(openpyxl.load_workbook(bare)["整改清单"].iter_rows(values_only=True))
    assert rows[1][rows[0].index("往年查摆")] in (None, "")


def test_word_comments_carry_the_year_findings(tmp_path):
    got = run("check", CORPUS / "drafts" / "M04.txt", *ARGS, "--format", "docx", "-o", tmp_path)
    assert got.returncode in (0, 1), got.stderr
    (docx,) = tmp_path.glob("*.docx")
    comments = zipfile.ZipFile(docx).read("word/comments.xml").decode("utf-8")
    assert "问题年年提" in comments and "整改时限已过期" in comments
