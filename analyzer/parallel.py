"""Per-document work of a large batch on every core, in the batch's order.

``map_ordered(fn, items, shared)`` returns ``[fn(shared, item) for item in items]``. When the batch
is large (``PARALLEL_MIN`` items or more) and the machine has more than one core, the items are
split into chunks handed to forked worker processes; ``shared`` (rule sets, masks) reaches them
through the fork, not by pickling per item. The results come back in the items' order, so the
output never depends on the number of workers. ``DRAFTCHECK_WORKERS`` sets the number of
processes (1: none).
"""
from __future__ import annotations

import multiprocessing
import os
from typing import Any, Callable, Sequence

PARALLEL_MIN = 200   # below this many documents the pool costs more than it saves
ENV = "DRAFTCHECK_WORKERS"

_shared: tuple[Callable, Any] | None = None   # (fn, shared) in the forked workers


def workers() -> int:
    """The number of worker processes to use (``DRAFTCHECK_WORKERS``, else every usable core)."""
    value = os.environ.get(ENV, "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _run_chunk(chunk: Sequence) -> list:
    fn, shared = _shared
    return [fn(shared, item) for item in chunk]


def map_ordered(fn: Callable[[Any, Any], Any], items: Sequence, shared: Any = None, *,
                progress: Callable[[int, int], None] | None = None, minimum: int | None = None) -> list:
    """``[fn(shared, x) for x in items]``, in worker processes when the batch is large
    (``progress(done, total)`` after each item or chunk)."""
    n = workers()
    total = len(items)
    minimum = PARALLEL_MIN if minimum is None else minimum
    if n <= 1 or total < minimum or "fork" not in multiprocessing.get_all_start_methods():
        out = []
        for k, item in enumerate(items, 1):
            out.append(fn(shared, item))
            if progress:
                progress(k, total)
        return out
    global _shared
    size = max(1, -(-total // (n * 8)))
    chunks = [items[k:k + size] for k in range(0, total, size)]
    _shared = (fn, shared)
    out = []
    try:
        with multiprocessing.get_context("fork").Pool(n) as pool:
            for part in pool.imap(_run_chunk, chunks):
                out.extend(part)
                if progress:
                    progress(len(out), total)
    finally:
        _shared = None
    return out
