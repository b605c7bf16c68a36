"""Cold wall time of `draftcheck check` on one sample, and warm per-document throughput.

Usage: python bench/bench_check.py [--runs 5] [FILE]
Prints figures; asserts nothing (targets: cold ≤ 1.0 s on a 2-core machine).
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def default_sample() -> Path:
    drafts = sorted((ROOT / "corpora" / "samples" / "drafts").glob("*.*"))
    if not drafts:
        sys.exit("corpora/samples/drafts 下没有样例材料")
    return drafts[0]


def cold_runs(path: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "analyzer.cli", "check", str(path)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - t0)
    return times


def warm_throughput(paths: list[Path], seconds: float = 3.0) -> float:
    from analyzer.load import load_document
    from analyzer.pipeline import analyse_document
    from analyzer.rules import load_ruleset

    ruleset = load_ruleset()
    docs = [load_document(p) for p in paths]
    for d in docs:  # warm caches (regexes, lazy imports)
        analyse_document(d, ruleset)
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        for d in docs:
            analyse_document(d, ruleset)
            n += 1
    return n / (time.perf_counter() - t0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path = args.file or default_sample()
    times = cold_runs(path, args.runs)
    print(f"file: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} ({path.stat().st_size} bytes)")
    print(f"cold `draftcheck check` wall time over {args.runs} runs: "
          f"median {statistics.median(times):.3f} s, min {min(times):.3f} s, max {max(times):.3f} s (goal ≤ 1.0 s)")
    paths = sorted(p for p in (ROOT / "corpora" / "samples" / "drafts").glob("*.*"))
    rate = warm_throughput(paths)
    print(f"warm load-free analysis (structure + rules), one core: {rate:.0f} drafts/s over {len(paths)} samples")


if __name__ == "__main__":
    main()
