"""Find every draft under a batch directory, safely and in a deterministic order.

Rules: extensions are matched case-insensitively (``DRAFT_EXTENSIONS``); hidden files and
directories (leading ``.``), Office lock/temp files (``~$*``, ``~WRL*``) and editor backups
(``*~``) are skipped;
symbolic links are followed, but a directory is entered only once (loops are reported,
not followed); the same file reached twice (same device and inode) is listed once, under the
first path in sort order; broken links and unreadable files or directories become
:class:`~analyzer.model.LoadFailure` entries with a Chinese message instead of crashing.
Paths are returned as ``dir / relative parts`` (not resolved), sorted by their relative parts.
"""
from __future__ import annotations

import os
from pathlib import Path

from analyzer.load.common import display_path
from analyzer.model import LoadFailure

DRAFT_EXTENSIONS = (".docx", ".docm", ".dotx", ".dotm", ".txt", ".md", ".pdf", ".doc", ".wps")
ARCHIVE_EXTENSIONS = (".zip",)  # listed with archives=True (batch input: see analyzer.load.zipinput)


def _failure(path: Path, text: str) -> LoadFailure:
    shown = display_path(path)
    return LoadFailure(shown, f"{shown}：{text}")


def _skipped(name: str) -> bool:
    return name.startswith((".", "~$", "~WRL")) or name.endswith("~")


def discover(directory, *, archives: bool = False) -> tuple[list[Path], list[LoadFailure]]:
    """Return (draft files, failures) found under ``directory`` (and its .zip files with ``archives``)."""
    wanted = DRAFT_EXTENSIONS + ARCHIVE_EXTENSIONS if archives else DRAFT_EXTENSIONS
    root = Path(directory)
    failures: list[LoadFailure] = []
    if not root.exists():
        return [], [_failure(root, "目录不存在。请检查路径")]
    if not root.is_dir():
        return [], [_failure(root, "不是目录。检查单个文件请用 draftcheck check")]
    found: list[tuple[tuple[str, ...], Path, tuple[int, int]]] = []
    entered: set[tuple[int, int]] = set()

    def walk(dirpath: Path, rel: tuple[str, ...]) -> None:
        try:
            st = os.stat(dirpath)
        except OSError as exc:
            failures.append(_failure(dirpath, f"无法进入目录（{exc.strerror}）。请检查权限"))
            return
        key = (st.st_dev, st.st_ino)
        if key in entered:
            if dirpath.is_symlink():
                failures.append(_failure(dirpath, "目录链接指向已检查过的目录（可能是循环链接），已跳过。"
                                                  "如需检查请直接指定该目录"))
            return
        entered.add(key)
        try:
            with os.scandir(dirpath) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            failures.append(_failure(dirpath, f"无法读取目录（{exc.strerror}）。请检查权限"))
            return
        for entry in entries:
            if _skipped(entry.name):
                continue
            path = dirpath / entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
                is_file = entry.is_file(follow_symlinks=True)
            except OSError as exc:
                failures.append(_failure(path, f"无法访问（{exc.strerror}）。请检查链接和权限"))
                continue
            if is_dir:
                walk(path, rel + (entry.name,))
                continue
            if not entry.name.lower().endswith(wanted):
                continue
            if not is_file:
                if entry.is_symlink() and not os.path.exists(path):
                    failures.append(_failure(path, "链接指向的文件不存在。请提供原文件"))
                elif entry.is_symlink():
                    failures.append(_failure(path, "链接无法解析（可能是循环链接）。请提供原文件"))
                continue
            try:
                fst = os.stat(path)
            except OSError as exc:
                failures.append(_failure(path, f"无法访问（{exc.strerror}）。请检查链接和权限"))
                continue
            if not os.access(path, os.R_OK):
                failures.append(_failure(path, "没有读取权限。请检查文件权限后重试"))
                continue
            found.append((rel + (entry.name,), path, (fst.st_dev, fst.st_ino)))

    walk(root, ())
    found.sort(key=lambda item: item[0])
    seen: set[tuple[int, int]] = set()
    files: list[Path] = []
    for _rel, path, key in found:
        if key in seen:
            continue
        seen.add(key)
        files.append(path)
    failures.sort(key=lambda f: f.path)
    return files, failures
