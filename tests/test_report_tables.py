"""pandas tables from the JSON report, and the notebook that shows them."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from analyzer.report.json_report import to_dict
from analyzer.report.tables import report_tables

from test_report_fixture import CHEN_FIGURES, TEMPLATE_PASSAGE, WANG_LINES, make_batch

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "batch_overview.ipynb"


@pytest.fixture(scope="module")
def report():
    # through JSON text, as a reviewer's notebook reads it
    return json.loads(json.dumps(to_dict(make_batch()), ensure_ascii=False))


def test_tables_shapes_and_values(report):
    t = report_tables(report)
    assert set(t) == {"summary", "findings", "categories", "reuse", "reuse_matrix", "same_hand", "errors"}
    s = t["summary"].set_index("成员")
    assert list(s.index) == ["陈立", "王敏"]
    assert s.loc["陈立", ["错误", "警告", "提示"]].tolist() == [1, 3, 1]
    assert s.loc["陈立", "雷同比例"] == pytest.approx(0.24)
    assert s.loc["王敏", "结论"] == "建议退回修改" and s.loc["王敏", "疑似代写组"] == "第1组"
    assert len(t["findings"]) == 7
    gen = t["findings"].query("规则 == 'GEN001'").iloc[0]
    assert (gen["栏目"], gen["级别"], gen["类别"]) == ("三、整改措施", "警告", "措施笼统")
    assert t["categories"].loc["王敏", "缺少栏目"] == 1
    assert t["categories"].loc["陈立", "缺少栏目"] == 0
    assert len(t["reuse"]) == 4 and set(t["reuse"]["来源类型"]) == {"其他成员材料", "范文"}
    m = t["reuse_matrix"]
    # the reuse stage's share where it measured (陈立), else letters and digits covered (王敏)
    assert m.loc["陈立", "王敏"] == CHEN_FIGURES["ratio_by_source"]["王敏"]
    wang_text = "\n".join(WANG_LINES)
    letters = sum(ch.isalnum() for ch in wang_text)
    assert m.loc["王敏", "陈立"] == pytest.approx(sum(ch.isalnum() for ch in TEMPLATE_PASSAGE) / letters, abs=1e-4)
    assert m.loc["陈立", "陈立"] == 0
    assert len(t["same_hand"]) == 2 and t["errors"].empty


def test_empty_report():
    t = report_tables({"documents": [], "reuse": [], "same_hand": [], "errors": []})
    assert all(df.empty for df in t.values())
    assert list(t["summary"].columns)[:2] == ["编号", "成员"]


def run_notebook(report_path: Path | None):
    """Execute the notebook in a fresh kernel; DRAFTCHECK_REPORT set to ``report_path`` or unset."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("matplotlib")
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        pytest.skip("没有可用的 python3 Jupyter 内核（pip install ipykernel）")
    nb = nbformat.read(str(NOTEBOOK), as_version=4)
    env_before = os.environ.pop("DRAFTCHECK_REPORT", None)
    if report_path is not None:
        os.environ["DRAFTCHECK_REPORT"] = str(report_path)
    try:
        nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                resources={"metadata": {"path": str(ROOT)}}).execute()
    finally:
        os.environ.pop("DRAFTCHECK_REPORT", None)
        if env_before is not None:
            os.environ["DRAFTCHECK_REPORT"] = env_before
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    return outputs


def test_notebook_on_the_shipped_samples():
    """No DRAFTCHECK_REPORT: the notebook reports on corpora/samples, made by the pipeline."""
    from analyzer.paths import SAMPLES_DIR

    outputs = run_notebook(None)
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    n = len([p for p in (SAMPLES_DIR / "drafts").iterdir() if p.is_file()])
    assert f"材料 {n} 份" in text
    images = [o for o in outputs if o.output_type == "display_data" and "image/png" in o.get("data", {})]
    assert len(images) >= 3


def test_notebook_on_a_given_report(tmp_path, report):
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    outputs = run_notebook(path)
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "材料 2 份" in text
    images = [o for o in outputs if o.output_type == "display_data" and "image/png" in o.get("data", {})]
    assert len(images) >= 3
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "建议退回修改" in html and "办公室小刘" in html


def test_notebook_holds_no_logic_of_its_own():
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.read(str(NOTEBOOK), as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "from analyzer.report.tables import" in code
    assert "def " not in code and "import re" not in code
