"""Copy detection alone on the labelled dev corpus, scored by ../shared/eval/score.py."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_reuse.py"
DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


@pytest.mark.skipif(not DEV.is_dir(), reason="labelled dev corpus not available")
def test_dev_corpus_reuse_recall_and_precision():
    out = subprocess.run([sys.executable, str(BENCH), "--dev"], capture_output=True, text=True, timeout=300)
    lines = out.stdout
    recalls = re.findall(r"reuse recall \[(\w+)\] \(chars\): (\d+)/(\d+)", lines)
    assert recalls, lines
    for kind, hit, tot in recalls:
        assert int(hit) >= 0.95 * int(tot), (kind, lines)
    hit, tot = map(int, re.search(r"reuse precision \(chars\): (\d+)/(\d+)", lines).groups())
    assert hit >= 0.95 * tot, lines
