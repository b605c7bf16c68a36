"""The year-on-year comparison reached the ways a user reaches it: ``batch --history``, ``batch`` with the
history store over two years (the default store location included), ``check --history``; and its 年度对比
view in every report format (text, JSON, HTML, Excel, Word comments).

The drafts are the hand-written corpus of tests/fixtures/yearly/corpus (a county standing committee's
2021年度 drafts and its members' 2019 and 2020 drafts); what each test expects comes from its labels
(labels.json) and from what the drafts say, e.g. 林卫国's 信访积案 problem was raised in 2019 and again now,
with nothing said of its rectification, and 郑晓东 has no earlier draft.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import ROOT
from tests.test_cli import run

CORPUS = Path(__file__).parent / "fixtures" / "yearly" / "corpus"
HISTORY = ("--history", CORPUS / "history", "--manifest", CORPUS / "manifest.csv")
NAMES = {"M01": "林卫国", "M02": "周敏", "M03": "陈立群", "M04": "黄海燕", "M05": "吴建军", "M06": "郑晓东"}
REPEATED = "再次查摆，未说明上年整改情况"


def _run_env(*args, env: dict, cwd=ROOT):
    full = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "160", **env}
    return subprocess.run([sys.executable, "-m", "analyzer.cli", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd, env=full, timeout=300)


def _doc(data, name):
    return next(d for d in data["documents"] if d["member"] == name or d["id"] == name)


def _rules(doc, prefix="YR"):
    return sorted(f["rule"] for f in doc["findings"] if f["rule"].startswith(prefix) and f["rule"] != "YR004")


# ---- batch --history: the text report ------------------------------------------------------------

def test_batch_text_report_has_a_year_view_per_member_with_earlier_drafts():
    got = run("batch", CORPUS / "drafts", *HISTORY, "--no-store", "-q")
    assert got.returncode in (0, 1), got.stderr
    out = got.stdout
    assert "年度对比：5 位成员与本人往年材料比对" in out
    view = out[out.index("年度对比："):]
    assert "林卫国：年度对比（与本人2019年、2020年材料）" in view
    lin = view[view.index("林卫国："):view.index("周敏：")]
    # 2019's 信访积案 problem is raised again with no word on it
    assert any(REPEATED in line and "抓信访积案" in line for line in lin.splitlines())
    assert "整改情况上报时限：2022年2月2日前（会后15日内）" in lin        # 2022-01-18 + 15 days
    assert "郑晓东：年度对比" not in view                                  # no earlier draft


# ---- batch with the store: two years, no --history in the second ---------------------------------

def _year_folders(tmp_path):
    """Last year's drafts and this year's, named by member as a county office names them; no manifest."""
    last, now = tmp_path / "2020年度", tmp_path / "2021年度"
    last.mkdir()
    now.mkdir()
    for key, name in NAMES.items():
        shutil.copy(CORPUS / "drafts" / f"{key}.txt", now / f"{name}.txt")
        old = CORPUS / "history" / f"{key}-2020.txt"
        if old.exists():
            shutil.copy(old, last / f"{name}.txt")
    return last, now


def test_default_store_remembers_last_year_without_any_store_option(tmp_path):
    """A user who passes neither --store nor --history: last year's batch goes to the store in the user
    data directory, this year's batch compares against it."""
    last, now = _year_folders(tmp_path)
    env = {"XDG_DATA_HOME": str(tmp_path / "用户数据")}
    first = _run_env("batch", last, "--format", "json", "-q", env=env)
    assert first.returncode in (0, 1), first.stderr
    assert all(d["year_comparison"] is None for d in json.loads(first.stdout)["documents"])
    store = tmp_path / "用户数据" / "draftcheck" / "history.sqlite3"
    assert store.is_file()
    second = _run_env("batch", now, "--format", "json", "-q", env=env)
    assert second.returncode in (0, 1), second.stderr
    data = json.loads(second.stdout)
    # 黄海燕 raises the 政务新媒体 problem again and repeats a measure, reporting nothing of 2020
    assert _rules(_doc(data, "黄海燕")) == ["YR001", "YR002", "YR005"]
    assert _doc(data, "黄海燕")["year_comparison"]["earlier"][0]["year"] == 2020
    # 林卫国's 防汛 problem comes back although the draft reports it done
    assert "YR003" in _rules(_doc(data, "林卫国"))
    assert _doc(data, "郑晓东")["year_comparison"] is None
    # the second run stored this year's drafts too, next to last year's
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT COUNT(*) FROM drafts").fetchone()[0] == 11


def test_no_store_leaves_the_user_store_alone(tmp_path):
    last, _ = _year_folders(tmp_path)
    env = {"XDG_DATA_HOME": str(tmp_path / "用户数据")}
    got = _run_env("batch", last, "--no-store", "--format", "json", "-q", env=env)
    assert got.returncode in (0, 1), got.stderr
    assert not (tmp_path / "用户数据").exists()


def test_store_with_a_manifest_of_this_year_finds_drafts_stored_without_one(tmp_path):
    """Last year nobody wrote a manifest (the stored drafts carry only their titles' 2020年度); this
    year's batch has one with year 2021: last year's drafts are still last year's."""
    last, _ = _year_folders(tmp_path)
    store = tmp_path / "历史库.sqlite3"
    first = run("batch", last, "--store", store, "--format", "json", "-q")
    assert first.returncode in (0, 1), first.stderr
    second = run("batch", CORPUS / "drafts", "--manifest", CORPUS / "manifest.csv", "--store", store,
                 "--format", "json", "-q")
    data = json.loads(second.stdout)
    assert _rules(_doc(data, "M04")) == ["YR001", "YR002", "YR005"]
    assert _doc(data, "M06")["year_comparison"] is None


def test_store_run_shows_the_year_view_in_excel_and_html(tmp_path):
    last, now = _year_folders(tmp_path)
    store = tmp_path / "历史库.sqlite3"
    assert run("batch", last, "--store", store, "--format", "json", "-q").returncode in (0, 1)
    for fmt in ("xlsx", "html"):
        got = run("batch", now, "--store", store, "-o", tmp_path / f"报告.{fmt}", "-q")
        assert got.returncode in (0, 1), got.stderr
    rows = list(openpyxl.load_workbook(tmp_path / "报告.xlsx")["年度对比"].iter_rows(values_only=True))[1:]
    assert {r[0] for r in rows} == {"林卫国", "周敏", "陈立群", "黄海燕", "吴建军"}
    assert any(r[0] == "黄海燕" and r[5] == REPEATED and r[2].startswith("对政务新媒体的管理") for r in rows)
    html = (tmp_path / "报告.html").read_text(encoding="utf-8")
    assert "年度对比（与本人2020年材料）" in html


# ---- check --history -----------------------------------------------------------------------------

def test_check_history_by_file_names_without_a_manifest(tmp_path):
    """An author checks the draft against a folder of the same-named earlier draft; years from titles."""
    last, now = _year_folders(tmp_path)
    got = run("check", now / "黄海燕.txt", "--history", last, "--format", "json")
    assert got.returncode == 1, got.stderr
    doc = json.loads(got.stdout)["documents"][0]
    assert _rules(doc) == ["YR001", "YR002", "YR005"]
    assert [e["year"] for e in doc["year_comparison"]["earlier"]] == [2020]
    # this year's own draft in the history folder (a copy kept there) is not last year's
    shutil.copy(now / "黄海燕.txt", last / "黄海燕（定稿）.txt")
    again = json.loads(run("check", now / "黄海燕.txt", "--history", last, "--format", "json").stdout)
    assert _rules(again["documents"][0]) == ["YR001", "YR002", "YR005"]


@pytest.mark.parametrize("fmt", ["html", "xlsx"])
def test_check_history_in_html_and_excel(tmp_path, fmt):
    out = tmp_path / f"自查.{fmt}"
    got = run("check", CORPUS / "drafts" / "M01.txt", *HISTORY, "-o", out, "-q")
    assert got.returncode == 1, got.stderr
    if fmt == "html":
        html = out.read_text(encoding="utf-8")
        assert "年度对比（与本人2019年、2020年材料）" in html and REPEATED in html
    else:
        rows = list(openpyxl.load_workbook(out)["年度对比"].iter_rows(values_only=True))[1:]
        assert any(r[1] == "2019年" and r[2].startswith("抓信访积案") and r[5] == REPEATED for r in rows)


# ---- Word comments -------------------------------------------------------------------------------

def test_batch_word_copies_carry_the_year_view(tmp_path):
    got = run("batch", CORPUS / "drafts", *HISTORY, "--no-store", "--format", "docx", "-o", tmp_path / "批注", "-q")
    assert got.returncode in (0, 1), got.stderr

    def comments(key):
        return zipfile.ZipFile(tmp_path / "批注" / f"{key}_批注.docx").read("word/comments.xml").decode("utf-8")

    m04 = comments("M04")
    assert "【年度对比】与本人2019年、2020年材料比对" in m04
    assert REPEATED in m04 and "整改情况上报时限：2022年2月2日前" in m04
    assert "年度对比" not in comments("M06")


# ---- how earlier drafts are told apart ------------------------------------------------------------

@pytest.mark.parametrize("stem,expected", [
    ("黄海燕-2020", ("黄海燕", 2020)), ("黄海燕_2020年度", ("黄海燕", 2020)), ("黄海燕（2020年）", ("黄海燕", 2020)),
    ("2020年度黄海燕", ("黄海燕", 2020)), ("黄海燕2020", ("黄海燕", 2020)), ("M04-2020", ("M04", 2020)),
    ("黄海燕", ("黄海燕", None)), ("D2020", ("D2020", None)), ("2020", ("2020", None)),
    ("县委书记2021年度对照检查材料", ("县委书记2021年度对照检查材料", None)),
])
def test_a_year_written_at_either_end_of_a_file_name(stem, expected):
    from analyzer.identity import split_year

    assert split_year(stem) == expected


def test_history_named_with_years_and_no_manifest(tmp_path):
    """往年材料/黄海燕-2019.txt and 黄海燕-2020.txt belong to 2021年度材料/黄海燕.txt."""
    hist, now = tmp_path / "往年材料", tmp_path / "2021年度材料"
    hist.mkdir()
    now.mkdir()
    shutil.copy(CORPUS / "drafts" / "M04.txt", now / "黄海燕.txt")
    for year in (2019, 2020):
        shutil.copy(CORPUS / "history" / f"M04-{year}.txt", hist / f"黄海燕-{year}.txt")
    shutil.copy(CORPUS / "history" / "M01-2020.txt", hist / "林卫国-2020.txt")   # someone else's
    got = run("batch", now, "--history", hist, "--no-store", "--format", "json", "-q")
    doc = json.loads(got.stdout)["documents"][0]
    assert [e["year"] for e in doc["year_comparison"]["earlier"]] == [2019, 2020]
    (f,) = [f for f in doc["findings"] if f["rule"] == "YR001"]
    assert "2019年、2020年" in f["message"]


def test_history_manifest_names_the_earlier_drafts(tmp_path):
    """This year's roster and last year's are two files; the earlier drafts carry office file numbers."""
    hist = tmp_path / "往年材料"
    hist.mkdir()
    rows = ["file,member,role,unit,year"]
    for n, (key, name) in enumerate(NAMES.items(), 1):
        old = CORPUS / "history" / f"{key}-2020.txt"
        if old.exists():
            shutil.copy(old, hist / f"收文{n:03d}.txt")
            rows.append(f"收文{n:03d}.txt,{name},,中共云溪县委常委班子,2020")
    (hist / "往年名单.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    this_year = tmp_path / "名单.csv"
    lines = (CORPUS / "manifest.csv").read_text(encoding="utf-8").splitlines()
    this_year.write_text("\n".join(l for l in lines if ",2021," in l or l.startswith("file")) + "\n", encoding="utf-8")
    base = ("batch", CORPUS / "drafts", "--history", hist, "--manifest", this_year, "--no-store", "--format", "json")
    without = json.loads(run(*base).stdout)
    assert all(d["year_comparison"] is None for d in without["documents"])
    data = json.loads(run(*base, "--history-manifest", hist / "往年名单.csv").stdout)
    assert _rules(_doc(data, "M04")) == ["YR001", "YR002", "YR005"]
    assert "YR003" in _rules(_doc(data, "M01")) and _doc(data, "M06")["year_comparison"] is None
    assert data["missing"] == []          # last year's roster is not this year's
    check = json.loads(run("check", CORPUS / "drafts" / "M04.txt", "--manifest", this_year, "--history", hist,
                           "--history-manifest", hist / "往年名单.csv", "--format", "json").stdout)
    assert _rules(check["documents"][0]) == ["YR001", "YR002", "YR005"]


# ---- what makes two problems the same --------------------------------------------------------------

def test_shared_connectives_do_not_make_two_problems_one():
    """Two 理论学习 items on different matters, written with the same connectives (但对……中关于……的条款，
    没有……逐条/逐项……), stay apart; a reworded repeat of one matter does not."""
    from analyzer.yearly.config import number
    from analyzer.yearly.lineage import Similarity, bigrams, problem_scores
    from analyzer.yearly.stage import _template_sentences

    old = ("理论学习不够深入。读书班上我作了1次交流发言，但对《条例》中关于违规插手工程项目的条款，"
           "没有结合县里的项目管理逐条对照，学习停留在跟着学。")
    other = ("理论学习不够深入。学习教育期间我领学2次，但对八项规定实施细则中关于公务接待的条款，"
             "没有对照县里举办的招商推介会逐项检查，直到纪委提醒才发现1场推介会超标准安排了工作餐。")
    again = ("学法用法不够自觉。对《条例》中关于不得插手工程项目的规定，我只在读书班上发过言，"
             "全年县里的项目管理没有逐条对照过，还是跟着学、应付学。")
    assert not {"但对", "款没", "中关"} & set(bigrams(other))
    sim = Similarity(list(_template_sentences()) + [old, other, again])
    th = number("lineage", "threshold")
    scores = problem_scores(sim, [old], [other, again])
    assert scores[0, 0] < th <= scores[0, 1]


# ---- the multi-year regression corpus -----------------------------------------------------------

Y2 = ROOT / "corpora" / "yearly2"


def _scorer():
    import importlib.util

    spec = importlib.util.spec_from_file_location("yearly_score", ROOT / "bench" / "yearly_score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("roster", ["history-manifest", "file names"])
def test_yearly2_corpus_does_not_regress(roster):
    """corpora/yearly2 (ten members, two or three years, written apart from the rules): the figures it
    reached once its first run's classes of misses were fixed. Earlier drafts are told apart by their
    own manifest, or by the year in their file names (M04-2024.txt) when that manifest is not given."""
    extra = ("--history-manifest", Y2 / "history" / "manifest.csv") if roster == "history-manifest" else ()
    got = run("batch", Y2 / "drafts", "--history", Y2 / "history", "--manifest", Y2 / "manifest.csv", *extra,
              "--no-store", "--format", "json", "-q")
    report = json.loads(got.stdout)
    labels = json.loads((Y2 / "labels.json").read_text(encoding="utf-8"))
    ys = _scorer()
    s, x = ys.score(labels, report), ys.score_extra(labels, report)
    assert s["members"] == 10 and s["repeated"] == 16
    assert s["repeated_found"] >= 14 and s["repeated_false"] <= 1, s["misses"] + s["false_alarms"]
    assert s["stale_found"] >= 9 and s["stale_false"] == 0, s["misses"] + s["false_alarms"]
    assert (x["unreported"]["found"], x["unreported"]["false"]) == (3, 0)
    assert x["claimed_done_but_repeated"]["found"] >= 3 and x["claimed_done_but_repeated"]["false"] == 0
    assert x["measure_repeated"]["found"] == 6
