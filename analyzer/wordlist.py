"""Plain-text word lists shipped as data: one entry a line, ``#`` starts a comment."""
from __future__ import annotations

from pathlib import Path


def read_list(path: Path) -> list[str]:
    """The entries of a list file, in file order, comments and blank lines dropped."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            out.append(entry)
    return out
