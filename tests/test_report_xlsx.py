"""Excel report: sheets, headers, row counts, filters, frozen header, safe cells."""
from __future__ import annotations

import openpyxl
import pytest

from analyzer.report.xlsx import FINDING_HEADERS, PLAN_HEADERS, write_plan, write_xlsx

from test_report_fixture import CHEN_FIGURES, TEMPLATE_PASSAGE, WANG_LINES, chen, make_batch


@pytest.fixture()
def book(tmp_path):
    batch = make_batch()
    path = tmp_path / "审核报告.xlsx"
    write_xlsx(batch, path)
    return batch, openpyxl.load_workbook(path), tmp_path


def test_sheets_and_headers(book):
    _, wb, _ = book
    assert wb.sheetnames == ["汇总", "问题明细", "雷同片段", "疑似代写", "整改清单"]
    for ws in wb:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
        assert all(isinstance(c.value, str) and c.value for c in ws[1])
        assert all(ws.column_dimensions[c.column_letter].width >= 6 for c in ws[1])
    assert [c.value for c in wb["问题明细"][1]] == FINDING_HEADERS
    assert [c.value for c in wb["整改清单"][1]] == PLAN_HEADERS


def test_summary_rows(book):
    batch, wb, _ = book
    ws = wb["汇总"]
    head = [c.value for c in ws[1]]
    rows = [dict(zip(head, (c.value for c in r))) for r in ws.iter_rows(min_row=2)]
    assert [r["成员"] for r in rows] == ["陈立", "王敏"]
    chen_row, wang_row = rows
    assert (chen_row["错误"], chen_row["警告"], chen_row["提示"]) == (1, 3, 1)
    assert chen_row["表述空泛"] == 1 and chen_row["措施笼统"] == 1 and chen_row["缺少栏目"] == 0
    assert wang_row["缺少栏目"] == 1
    assert chen_row["雷同比例（计入结论）"] == CHEN_FIGURES["ratio_without_team"]
    assert chen_row["总雷同比例"] == CHEN_FIGURES["total_ratio"]
    assert chen_row["扣除往年"] == CHEN_FIGURES["ratio_without_history"]
    assert chen_row["单一来源最大"] == CHEN_FIGURES["max_source_ratio"] and chen_row["单一来源"] == "范文01"
    assert chen_row["最长片段（字）"] == CHEN_FIGURES["longest_passage"]
    # 王敏 has no reuse-stage figures: letters and digits of the shared passage over the draft's
    letters = sum(ch.isalnum() for ch in "\n".join(WANG_LINES))
    assert wang_row["雷同比例（计入结论）"] == pytest.approx(sum(ch.isalnum() for ch in TEMPLATE_PASSAGE) / letters,
                                                      abs=1e-4)
    assert chen_row["疑似代写组"] == wang_row["疑似代写组"] == "第1组"
    assert chen_row["结论"] == wang_row["结论"] == "建议退回修改"
    assert "1处错误" in chen_row["结论依据"]


def test_detail_sheets(book):
    batch, wb, _ = book
    findings = wb["问题明细"]
    assert findings.max_row - 1 == sum(len(r.findings) for r in batch.documents)
    rows = [[c.value for c in r] for r in findings.iter_rows(min_row=2)]
    gen = next(r for r in rows if r[5] == "GEN001")
    assert gen[:5] == ["陈立", "drafts/陈立.txt", "三、整改措施", 12, "警告"]
    assert gen[8] == "进一步加强理论学习，不断提高政治站位"
    reuse = wb["雷同片段"]
    assert reuse.max_row - 1 == len(batch.reuse) == 4
    kinds = {r[3].value for r in reuse.iter_rows(min_row=2)}
    assert kinds == {"其他成员材料", "范文"}
    assert all(r[2].value == TEMPLATE_PASSAGE == r[6].value for r in reuse.iter_rows(min_row=2))
    same = wb["疑似代写"]
    assert same.max_row - 1 == 2 and same["B2"].value == "陈立、王敏"
    plan = wb["整改清单"]
    rows = [[c.value for c in r] for r in plan.iter_rows(min_row=2)]
    # one row per problem (each answered by at most one measure here), unanswered ones included
    assert [r[0] for r in rows] == ["陈立"] * 3 + ["王敏"] * 2
    assert [r[1] for r in rows] == [1, 2, 3, 1, 2]


def test_plan_sheet_content(book):
    _, wb, _ = book
    rows = [[c.value for c in r] for r in wb["整改清单"].iter_rows(min_row=2)]
    by = {(r[0], r[2]): r for r in rows}
    yq = by[("陈立", "舆情处置迟缓")]
    assert yq[4] == "2021年3月底前；每季度" and yq[5] == "陈立"
    assert yq[6] == "问题：第6行；措施：第11行"
    gap = by[("陈立", "联系群众不够紧密")]
    assert gap[3:6] == ["待明确", "待明确", "待明确"]
    kh = by[("王敏", "干部考核不够精准")]
    assert kh[4] == "2021年6月底前" and kh[5] == "县委组织部"
    assert by[("王敏", "学习不够系统")][3] == "待明确"


def test_formula_like_text_stays_text(tmp_path):
    res = chen()
    f = res.findings[0]
    f.excerpt = '=HYPERLINK("http://x","点我")'
    f.message = "=1+1\x07"
    path = tmp_path / "r.xlsx"
    write_xlsx(make_batch(chen_res=res), path)
    ws = openpyxl.load_workbook(path)["问题明细"]
    cells = [c for r in ws.iter_rows(min_row=2) for c in r]
    hit = [c for c in cells if isinstance(c.value, str) and c.value.startswith("=")]
    assert hit and all(c.data_type == "s" for c in hit)
    assert "=1+1" in {c.value for c in cells}  # control character dropped, text kept


def test_write_is_atomic_and_replaces(tmp_path):
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"old")
    write_xlsx(make_batch(), path)
    assert openpyxl.load_workbook(path).sheetnames[0] == "汇总"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.xlsx"]


def test_write_plan_only_sheet(tmp_path):
    batch = make_batch()
    path = tmp_path / "整改清单.xlsx"
    write_plan(batch.documents, path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["整改清单"]
    assert wb["整改清单"].max_row - 1 == 5


def test_load_failures_get_their_own_sheet(tmp_path):
    from analyzer.model import LoadFailure

    batch = make_batch()
    batch.errors = [LoadFailure("drafts/坏文件.docx", "drafts/坏文件.docx：文件已损坏，无法打开。请重新导出后再试")]
    path = tmp_path / "r.xlsx"
    write_xlsx(batch, path)
    ws = openpyxl.load_workbook(path)["未能读取"]
    assert ws["A2"].value == "drafts/坏文件.docx"


def test_positions_are_numbers_shown_as_places(book):
    """位置 sorts as a number (第9段 before 第12段) and still reads 第12行 / 全文."""
    _, wb, _ = book
    ws = wb["问题明细"]
    col = FINDING_HEADERS.index("位置") + 1
    cells = [ws.cell(row=r, column=col) for r in range(2, ws.max_row + 1)]
    assert all(isinstance(c.value, int) for c in cells)
    assert {c.number_format for c in cells} == {'"第"0"行";;"全文"'}   # text drafts: lines
    whole = [c for c in cells if c.value == 0]   # 王敏's missing section: the whole draft
    assert len(whole) == 1
    reuse = wb["雷同片段"]
    head = [c.value for c in reuse[1]]
    for name in ("位置", "来源位置"):
        c = reuse.cell(row=2, column=head.index(name) + 1)
        assert isinstance(c.value, int) and c.value > 0


def test_paths_relative_to_the_batch_folder(tmp_path):
    """来源 and 文件 name files as the reviewer finds them from the batch folder, never an
    install location."""
    from analyzer.model import Document
    from analyzer.paths import TEMPLATES_DIR

    batch = make_batch()
    root = tmp_path / "材料"
    batch.root = str(root)
    for res in batch.documents:
        res.document.path = str(root / "二组" / f"{res.document.id}.docx")
    shipped = batch.sources["范文01"]
    shipped.path = str(TEMPLATES_DIR / "范文01.txt")
    hist = Document(id="陈立-2019", path=str(tmp_path / "往年" / "陈立-2019.txt"), text="", format="txt",
                    kind="history")
    batch.sources[hist.id] = hist
    batch.reuse[0].source, batch.reuse[0].source_kind = hist.id, "history"
    path = tmp_path / "r.xlsx"
    write_xlsx(batch, path)
    wb = openpyxl.load_workbook(path)
    files = {r[2].value for r in wb["汇总"].iter_rows(min_row=2)}
    assert files == {"二组/陈立.docx", "二组/王敏.docx"}
    sources = {r[4].value for r in wb["雷同片段"].iter_rows(min_row=2)}
    assert "范文01（内置范文/范文01.txt）" in sources
    assert "陈立-2019（../往年/陈立-2019.txt）" in sources
    assert not any(str(TEMPLATES_DIR) in v or str(tmp_path) in v for v in sources)
