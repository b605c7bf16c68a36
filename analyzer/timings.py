"""Stage times of one run, printed to stderr when ``DRAFTCHECK_TIMINGS=1`` (for benchmarks).

``with stage("读取材料"): ...`` records the wall and CPU time of a stage (this process and any
worker processes it waited for) and this process's peak memory so far; :func:`report` prints one
Chinese line per stage. When the variable is not set nothing is recorded and nothing is printed.
"""
from __future__ import annotations

import os
import resource
import sys
import time
from contextlib import contextmanager

ENV = "DRAFTCHECK_TIMINGS"
_stages: list[tuple[str, float, float, float]] = []


def enabled() -> bool:
    return os.environ.get(ENV, "") not in ("", "0")


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


@contextmanager
def stage(name: str):
    if not enabled():
        yield
        return
    wall, cpu = time.perf_counter(), _cpu()
    try:
        yield
    finally:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        _stages.append((name, time.perf_counter() - wall, _cpu() - cpu, peak))


def report() -> None:
    """One line per recorded stage on stderr: ``阶段用时：名称 墙钟 x 秒，CPU y 秒，本进程内存峰值 z MiB``."""
    if not enabled():
        return
    for name, wall, cpu, peak in _stages:
        print(f"阶段用时：{name} 墙钟 {wall:.2f} 秒，CPU {cpu:.2f} 秒，本进程内存峰值 {peak:.0f} MiB", file=sys.stderr)
    _stages.clear()
