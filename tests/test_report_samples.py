"""End to end on the shipped samples: every format is produced from a real batch."""
from __future__ import annotations

import io
import json
import zipfile

import openpyxl
import pytest
from rich.console import Console

from analyzer.report.docx_annot import write_annotated
from analyzer.report.html import write_html
from analyzer.report.json_report import to_dict
from analyzer.report.tables import report_tables, sample_batch
from analyzer.report.text import render_text
from analyzer.report.xlsx import write_plan, write_xlsx

from test_report_docx import anchored
from test_report_html import dump_dom, parse


@pytest.fixture(scope="module")
def batch():
    result = sample_batch()
    assert len(result.documents) >= 5
    return result


def test_text(batch):
    console = Console(file=io.StringIO(), width=110, record=True, color_system=None)
    render_text(batch, console, batch=True)
    out = console.export_text()
    for res in batch.documents:
        assert (res.document.member or res.document.id) in out
    assert out.splitlines()[0].strip().startswith("批量审核汇总")


def test_xlsx(batch, tmp_path):
    path = tmp_path / "审核报告.xlsx"
    write_xlsx(batch, path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:5] == ["汇总", "问题明细", "雷同片段", "疑似代写", "整改清单"]
    assert wb["汇总"].max_row - 1 == len(batch.documents)
    assert wb["问题明细"].max_row - 1 == sum(len(r.findings) for r in batch.documents)
    assert wb["雷同片段"].max_row - 1 == len(batch.reuse)
    assert wb["疑似代写"].max_row - 1 == sum(max(1, len(g.evidence)) for g in batch.same_hand)
    assert wb["整改清单"].max_row - 1 >= sum(len(r.structure.problems) for r in batch.documents)
    verdicts = [c.value for c in wb["汇总"][1]].index("结论")
    assert {r[verdicts].value for r in wb["汇总"].iter_rows(min_row=2)} <= {"建议退回修改", "建议修改", "通过"}


def test_plan(batch, tmp_path):
    path = tmp_path / "整改清单.xlsx"
    write_plan(batch.documents[:1], path)
    ws = openpyxl.load_workbook(path)["整改清单"]
    assert ws.max_row - 1 >= len(batch.documents[0].structure.problems)


def test_html_in_chromium(batch, tmp_path):
    path = tmp_path / "报告.html"
    write_html(batch, path)
    doc = parse(dump_dom(path, tmp_path / "profile"))
    assert doc.root_attrs.get("data-rendered") == "ok"
    assert int(doc.root_attrs["data-pairs"]) == len(batch.reuse)
    assert int(doc.root_attrs["data-highlights"]) >= sum(1 for r in batch.documents for f in r.findings
                                                         if f.end > f.start) // 2


def test_annotated_docx(batch, tmp_path):
    paths = write_annotated(batch, tmp_path / "批注")
    assert len(paths) == len(batch.documents)
    for res, path in zip(batch.documents, paths):
        got = [text.strip("\n") for text, _ in anchored(path).values()]
        with zipfile.ZipFile(path) as z:
            assert "word/comments.xml" in z.namelist() or not res.findings
        for f in res.findings:
            if f.end > f.start and f.excerpt.strip():
                assert f.excerpt.strip("\n") in got, (res.document.id, f.rule, f.excerpt[:30])


def test_tables_from_json(batch):
    report = json.loads(json.dumps(to_dict(batch), ensure_ascii=False))
    t = report_tables(report)
    assert len(t["summary"]) == len(batch.documents)
    assert len(t["findings"]) == sum(len(r.findings) for r in batch.documents)


def _terminal_ratios(batch) -> dict[str, str]:
    """member → the 雷同 column of the terminal summary table."""
    console = Console(file=io.StringIO(), width=120, record=True, color_system=None)
    render_text(batch, console, batch=True)
    lines = [line for line in console.export_text().splitlines() if line.startswith(("┃", "│"))]
    head = [c.strip() for c in lines[0].strip("┃").split("┃")]
    col = head.index("雷同")
    out = {}
    for line in lines[1:]:
        cells = [c.strip() for c in line.strip("│").split("│")]
        out[cells[0]] = cells[col]
    return out


def test_one_figure_one_value(batch, tmp_path):
    """Each draft's copy ratio reads the same in the terminal, JSON, Excel and HTML, and a draft
    copied from a single source shows that same figure in the heatmap cell of that source."""
    import lxml.html

    from analyzer.decide import percent

    terminal = _terminal_ratios(batch)
    report = to_dict(batch)
    write_xlsx(batch, tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx")["汇总"]
    head = [c.value for c in ws[1]]
    excel = {r[0].value: r[head.index("雷同比例（计入结论）")].value for r in ws.iter_rows(min_row=2)}
    write_html(batch, tmp_path / "r.html")
    page = lxml.html.fromstring((tmp_path / "r.html").read_text(encoding="utf-8"))
    member_head = [th.text_content().strip() for th in page.xpath('//table[@id="member-table"]//th')]
    html = {tr.xpath("td")[0].text_content().strip():
            tr.xpath("td")[member_head.index("雷同比例")].text_content().strip()
            for tr in page.xpath('//table[@id="member-table"]/tbody/tr')}
    heat_cols = [th.text_content() for th in page.xpath('//table[contains(@class,"heat")]//th[@class="col"]')]
    heat = {tr.xpath("td")[0].text_content().strip(): [td.text_content().strip() for td in tr.xpath("td")[1:]]
            for tr in page.xpath('//table[contains(@class,"heat")]/tbody/tr')}
    single = 0
    for doc in report["documents"]:
        name = doc["member"] or doc["id"]
        counted = doc["figures"]["ratio_without_team"]
        shown = percent(counted) if counted else ""
        assert terminal[name] == shown and html[name] == shown, name
        assert percent(excel[name]) == percent(counted), name
        sources = {r["source"] for r in report["reuse"] if r["doc"] == doc["id"] and r["source_kind"] != "team"}
        if len(sources) == 1:  # the counted ratio is then that one source's share
            (src,) = sources
            ids = [d["id"] for d in report["documents"]]
            if src in ids:  # columns: the drafts first, then the other sources
                col = ids.index(src)
            else:
                label = next(s.get("member") or s["id"] for s in report["sources"] if s["id"] == src)
                col = next(i for i, c in enumerate(heat_cols) if i >= len(ids) and c.startswith(label))
            assert heat[name][col] == shown, (name, src)
            single += 1
    assert single >= 3  # the samples hold such drafts (a template copy, a colleague's, last year's)
