"""Terminal output: check (per draft, by section), batch (one-screen summary), progress bar."""
from __future__ import annotations

import io

from rich.console import Console

from analyzer.model import BatchResult, LoadFailure
from analyzer.report.text import progress, render_text

from test_report_fixture import chen, make_batch


def render(batch, *, is_batch: bool, width: int = 110) -> str:
    console = Console(file=io.StringIO(), width=width, record=True, color_system=None)
    render_text(batch, console, batch=is_batch)
    return console.export_text()


def test_check_groups_findings_by_section_in_reading_order():
    out = render(BatchResult("r", [chen()]), is_batch=False)
    lines = out.splitlines()
    assert lines[0].startswith("陈立（县委常委、常务副县长）") and "结论：建议退回修改" in lines[0]
    heads = [l for l in lines if l.startswith("■ ")]
    assert heads == ["■ 开头及其他", "■ 一、存在的突出问题", "■ 二、问题产生的原因", "■ 三、整改措施"]
    i = out.index("■ 三、整改措施")
    block = out[i:]
    assert "[警告] 措施笼统  GEN001 · 第12行" in block
    assert "「进一步加强理论学习，不断提高政治站位」" in block
    assert "建议：写明何时完成" in block
    assert "[错误] 问题无对应措施  PAIR001 · 第7行" in out


def test_check_colours_by_severity():
    console = Console(file=io.StringIO(), width=100, force_terminal=True, color_system="standard")
    render_text(BatchResult("r", [chen()]), console, batch=False)
    raw = console.file.getvalue()
    assert "\x1b[1;31m[错误]" in raw and "\x1b[33m[警告]" in raw and "\x1b[36m[提示]" in raw


def test_docx_drafts_are_located_by_paragraph():
    res = chen(fmt="docx", path="drafts/陈立.docx")
    out = render(BatchResult("r", [res]), is_batch=False)
    assert "GEN001 · 第12段" in out


def test_batch_summary_fits_one_screen_and_lists_everything():
    batch = make_batch()
    batch.errors = [LoadFailure("drafts/坏.docx", "drafts/坏.docx：文件已损坏。请重新导出")]
    out = render(batch, is_batch=True, width=100)
    lines = out.splitlines()
    assert all(len(l) <= 100 for l in lines)
    assert "批量审核汇总" in lines[0]
    row = next(l for l in lines if l.startswith("│ 陈立"))
    assert "24%" in row and "第1组" in row and "建议退回修改" in row
    assert "第1组：陈立、王敏" in out
    assert "雷同片段 4 处" in out
    assert "drafts/坏.docx：文件已损坏" in out
    # compact details: one line per error/warning, info only counted
    assert "[警告] 措施笼统（三、整改措施 · 第12行）：整改措施只有表态" in out
    assert "另有提示 1 条" in out
    assert "建议：" not in out


def test_progress_is_silent_off_terminal_and_for_small_batches():
    buf = io.StringIO()
    with progress(console=Console(file=buf)) as advance:
        for i in range(1, 21):
            advance(i, 20)
    assert buf.getvalue() == ""
    buf = io.StringIO()
    with progress(3, console=Console(file=buf, force_terminal=True)) as advance:
        advance(1, 3)
    assert buf.getvalue() == ""


def test_progress_draws_on_a_terminal():
    buf = io.StringIO()
    with progress(console=Console(file=buf, force_terminal=True, width=80)) as advance:
        for i in range(1, 9):
            advance(i, 8)
    assert "8/8" in buf.getvalue()
