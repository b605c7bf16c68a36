"""End to end on the labelled development corpus: the batch JSON report scored by ../shared/eval/score.py."""
import importlib.util
import json

import pytest
from typer.testing import CliRunner

from analyzer.cli import app
from tests.conftest import SHARED


def _score_module():
    spec = importlib.util.spec_from_file_location("dev_score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run_batch(dev, inputs, out):
    args = ["batch", str(dev / inputs), "--team", str(dev / "team" / "TEAM.txt"),
            "--templates", str(dev / "templates"), "--history", str(dev / "history"),
            "--manifest", str(dev / "manifest.csv"), "--no-store", "--format", "json", "-o", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=["inputs", "inputs-docx"])
def dev_report(request, dev_corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp(request.param) / "dev.json"
    report = _run_batch(dev_corpus, request.param, out)
    score_out = out.with_suffix(".score.json")
    _score_module().main([str(dev_corpus / "gold"), str(out), "--json", str(score_out)])
    return report, json.loads(score_out.read_text(encoding="utf-8"))


def test_every_document_reported_and_sections_right(dev_report):
    report, score = dev_report
    ok, total = score["documents_reported"]
    assert ok == total == 9
    sec_ok, sec_total, wrong = score["sections"]
    assert sec_ok == sec_total, wrong
    assert report["errors"] == []


def test_spans_are_exact_on_every_input(dev_report, dev_corpus):
    report, _ = dev_report
    for doc in report["documents"]:
        text = (dev_corpus / "gold" / f"{doc['id']}.txt").read_text(encoding="utf-8").replace("\r\n", "\n")
        assert doc["text_length"] == len(text)
        for f in doc["findings"]:
            assert text[f["start"]:f["end"]] == f["excerpt"], (doc["id"], f["rule"])
        for kind in ("problems", "measures"):
            for item in doc[kind]:
                assert text[item["start"]:item["end"]] == item["text"], (doc["id"], kind)


def test_reviewer_rules_meet_the_issue_targets(dev_report):
    _, score = dev_report
    tp, n, fp = score["unanswered_problems"]
    assert tp / n >= 0.9 and fp <= 1
    tp, n, fp, m = score["vague"]
    assert tp / n >= 0.85 and fp / m <= 0.10
    tp, n, stray = score["hope_as_criticism"]
    assert tp / n >= 0.9 and stray == 0
    tp, n, stray = score["objective_excuse"]
    assert tp / n >= 0.8 and stray == 0


def test_reuse_found_and_precise(dev_report):
    _, score = dev_report
    for kind, (hit, total) in score["reuse_recall"].items():
        assert hit / total >= 0.95, kind
    good, reported = score["reuse_precision"]
    assert reported and good / reported >= 0.95


def test_ghostwritten_pair_found_without_false_pairs(dev_report):
    _, score = dev_report
    found, gold, reported = score["same_hand"]
    assert found == gold and reported == gold


def test_local_store_finds_last_years_draft_without_history_dir(dev_corpus, tmp_path):
    """Year one's batch is remembered; year two's batch finds the recycled paragraphs by itself."""
    store = tmp_path / "history.sqlite3"
    last_year = tmp_path / "2019"
    last_year.mkdir()
    (last_year / "D06P.txt").write_bytes((dev_corpus / "history" / "D06P.txt").read_bytes())
    runner = CliRunner()
    first = runner.invoke(app, ["batch", str(last_year), "--manifest", str(dev_corpus / "manifest.csv"),
                                "--store", str(store), "--format", "json", "-o", str(tmp_path / "2019.json")])
    assert first.exit_code in (0, 1), first.output
    out = tmp_path / "2020.json"
    second = runner.invoke(app, ["batch", str(dev_corpus / "inputs"), "--manifest", str(dev_corpus / "manifest.csv"),
                                 "--store", str(store), "--format", "json", "-o", str(out)])
    assert second.exit_code in (0, 1), second.output
    report = json.loads(out.read_text(encoding="utf-8"))
    history = [r for r in report["reuse"] if r["source_kind"] == "history"]
    assert history and {r["doc"] for r in history} == {"D06"}
