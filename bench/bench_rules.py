#!/usr/bin/env python3
"""Warm rule throughput: drafts per second for ``RuleSet.check`` on one core.

Uses the dev drafts (../shared/corpus/dev/gold/*.txt) when present, else the shipped samples.
Structure parsing is done once beforehand (it is the text helper's stage); the timed loop is
``RuleSet.check`` alone — normalisation, marker matching, pairing and all rules — after one warm
pass. Usage: python3 bench/bench_rules.py [--seconds 6]
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzer.model import Document  # noqa: E402
from analyzer.paths import SAMPLES_DIR  # noqa: E402
from analyzer.rules import load_ruleset  # noqa: E402
from analyzer.structure import parse  # noqa: E402


def drafts() -> list[Path]:
    dev = ROOT.parent / "shared" / "corpus" / "dev" / "gold"
    found = sorted(dev.glob("D*.txt")) if dev.is_dir() else []
    return found or sorted(SAMPLES_DIR.glob("*.txt"))


def main(argv: list[str]) -> None:
    seconds = float(argv[argv.index("--seconds") + 1]) if "--seconds" in argv else 6.0
    paths = drafts()
    if not paths:
        sys.exit("没有找到用于测速的材料（../shared/corpus/dev/gold 或 corpora/samples）")
    t0 = time.process_time()
    rs = load_ruleset()
    load_ms = (time.process_time() - t0) * 1000
    docs = []
    for p in paths:
        text = p.read_text(encoding="utf-8").replace("\r\n", "\n")
        d = Document(id=p.stem, path=str(p), text=text, format="txt")
        docs.append((d, parse(d)))
    for d, st in docs:  # warm: regex caches, lazy imports
        rs.check(d, st)
    rounds = []
    chars = n_all = 0
    for _ in range(3):   # three timed rounds: the median is reported, with the spread
        n = 0
        start = time.process_time()
        while time.process_time() - start < seconds / 3:
            for d, st in docs:
                rs.check(d, st)
                n += 1
                chars += len(d.text)
        rounds.append(n / (time.process_time() - start))
        n_all += n
    rounds.sort()
    rate = rounds[1]
    print(f"rule set {rs.id}: {len(rs.rules)} rules, loaded in {load_ms:.0f} ms")
    print(f"{len(docs)} drafts, avg {chars // max(1, n_all)} chars")
    print(f"warm rule throughput: {rate:.0f} drafts/s ({1000 / rate:.2f} ms/draft, one core, CPU time; "
          f"median of 3 rounds, range {rounds[0]:.0f}-{rounds[2]:.0f}; goal >= 500)")

if __name__ == "__main__":
    main(sys.argv[1:])
