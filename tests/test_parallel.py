"""A large batch runs on every core; its report must not depend on the number of worker processes."""
from __future__ import annotations

import shutil

from analyzer import parallel
from analyzer.pipeline import BatchOptions, run_batch
from analyzer.report.json_report import dumps
from analyzer.cli import _rules_for
from analyzer.samehand import core
from tests.conftest import ROOT, SAMPLES

HOLDOUT = ROOT / "corpora" / "holdout" / "inputs"


def _city(tmp_path):
    """Three teams: the sample drafts split in two, the holdout drafts as the third."""
    root = tmp_path / "全市材料"
    drafts = sorted((SAMPLES / "drafts").iterdir())
    for team, files in (("清河县", drafts[:4]), ("青山县", drafts[4:]), ("白石县", sorted(HOLDOUT.iterdir()))):
        (root / team).mkdir(parents=True)
        for f in files:
            shutil.copy(f, root / team / f.name)
    return root


def _report(root, monkeypatch, workers: int) -> str:
    monkeypatch.setenv(parallel.ENV, str(workers))
    result = run_batch(root, _rules_for(None, None, None), BatchOptions(use_store=False))
    try:
        return dumps(result)
    finally:
        result.scratch.cleanup()


def test_one_worker_and_two_workers_give_the_same_report(tmp_path, monkeypatch):
    root = _city(tmp_path)
    # small thresholds, so that this small batch does go through the worker processes
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 2)
    monkeypatch.setattr(core, "PAIR_BLOCK", 3)
    monkeypatch.setattr(core, "PAIR_BLOCKS_PARALLEL", 2)
    calls = []
    real = parallel.multiprocessing.get_context

    def spy(method):
        calls.append(method)
        return real(method)

    monkeypatch.setattr(parallel.multiprocessing, "get_context", spy)
    one = _report(root, monkeypatch, 1)
    assert not calls
    two = _report(root, monkeypatch, 2)
    assert calls  # the pool was used
    assert one == two
    assert '"same_hand"' in one and '"reuse"' in one
