"""Drafts that arrive in a .zip (email, WeChat): the batch argument itself or zips inside its folders.

Each draft inside an archive is copied, read-only and under the loader's limits, into a private
scratch directory and loaded from there; what the reports show is the path *through* the archive,
``材料/清河县.zip/县委/张三.docx``, never the scratch copy.

Names: an entry without the UTF-8 flag is decoded as UTF-8 when its bytes are valid UTF-8 (macOS and
Linux tools), else as GB18030 (Windows with a Chinese locale stores names in the code page), else as
the CP437 the zip format falls back to. Folders inside the archive are kept as path parts (teams may
be folders inside a zip); zips inside a zip are opened too, down to ``MAX_DEPTH`` levels.

Limits, checked from the zip directory before anything is decompressed (the same figures as for a
.docx, :mod:`analyzer.load.common`, per entry; and a budget for a whole archive, nested ones included):

* an entry larger than ``MAX_FILE_BYTES`` once unpacked, or compressed more than ``MAX_ZIP_RATIO``
  times (entries above ``ZIP_RATIO_FLOOR``), is refused as a possible zip bomb;
* an archive with more than ``MAX_ARCHIVE_MEMBERS`` entries, or more than ``MAX_ARCHIVE_BYTES`` in
  all, is refused whole;
* an entry whose name climbs out of the archive (``..``, an absolute path, a drive letter) is refused
  (nothing is ever written under an entry's own name: every copy goes to a numbered scratch folder);
* encrypted entries, symbolic links and unknown compression methods are refused one by one.

Skipped silently, as in a folder: directories, hidden entries and folders (``.DS_Store``,
``__MACOSX``), Office lock files (``~$*``) and files that are not drafts.
"""
from __future__ import annotations

import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from analyzer.load.common import (MAX_FILE_BYTES, MAX_ZIP_RATIO, MB, ZIP_RATIO_FLOOR, display_path,
                                  size_text)
from analyzer.load.discover import ARCHIVE_EXTENSIONS, DRAFT_EXTENSIONS
from analyzer.model import LoadFailure

MAX_ARCHIVE_MEMBERS = 100_000
MAX_ARCHIVE_BYTES = 4096 * MB
MAX_DEPTH = 3
_UTF8_FLAG = 0x800
_ENCRYPTED_FLAG = 0x1
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Entry:
    """One draft to load: where its bytes are, what the reports call it, where it sits in the batch."""

    file: Path                   # a readable file (the original, or a scratch copy of a zip entry)
    shown: str                   # the path the reports show (through the archive for zip entries)
    parts: tuple[str, ...]       # path parts below the batch root (a zip counts as a folder)
    in_archive: bool = False


def is_archive(path) -> bool:
    return str(path).lower().endswith(ARCHIVE_EXTENSIONS)


def entry_name(info: zipfile.ZipInfo) -> str:
    """The entry's name as its author typed it (GBK names of Windows zips decoded)."""
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:  # zipfile already decoded it some other way
        return info.filename
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return info.filename


def _skipped(part: str) -> bool:
    return part.startswith((".", "~$", "~WRL")) or part.endswith("~") or part == "__MACOSX"


def _unsafe(name: str) -> bool:
    raw = name.replace("\\", "/")
    parts = raw.split("/")
    return raw.startswith("/") or (len(raw) > 1 and raw[1] == ":") or ".." in parts


class _Budget:
    def __init__(self) -> None:
        self.members = 0
        self.bytes = 0
        self.copies = 0


def _fail(shown: str, text: str) -> LoadFailure:
    return LoadFailure(shown, f"{shown}：{text}")


def _copy(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path) -> None:
    """Copy one entry, never more than its declared size (zipfile checks the CRC at the end)."""
    left = info.file_size
    with zf.open(info) as src, open(target, "xb") as dst:
        while True:
            chunk = src.read(min(_CHUNK, left + 1))
            if not chunk:
                break
            left -= len(chunk)
            if left < 0:
                raise zipfile.BadZipFile("entry larger than declared")
            dst.write(chunk)


def expand(archive: Path, shown: str, parts: tuple[str, ...], scratch: Path,
           *, depth: int = 1, budget: _Budget | None = None) -> tuple[list[Entry], list[LoadFailure]]:
    """The drafts inside ``archive`` (a file on disk), copied under ``scratch``."""
    budget = budget or _Budget()
    entries: list[Entry] = []
    failures: list[LoadFailure] = []
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        return [], [_fail(shown, "压缩包已损坏或不完整，无法打开。请重新压缩或直接提供文件夹")]
    except OSError as exc:
        return [], [_fail(shown, f"无法读取压缩包（{exc.strerror or exc}）。请检查文件权限")]
    with zf:
        infos = zf.infolist()
        budget.members += len(infos)
        declared = sum(i.file_size for i in infos)
        if budget.members > MAX_ARCHIVE_MEMBERS:
            return [], [_fail(shown, f"压缩包内条目过多（超过 {MAX_ARCHIVE_MEMBERS} 个），疑似恶意构造，未解压。"
                                     "请分成几个压缩包或直接提供文件夹")]
        if budget.bytes + declared > MAX_ARCHIVE_BYTES:
            return [], [_fail(shown, f"压缩包解压后超过 {size_text(MAX_ARCHIVE_BYTES)} 的上限，疑似压缩炸弹，未解压。"
                                     "请确认来源，或分成几个压缩包")]
        budget.bytes += declared
        named = sorted(((entry_name(i), i) for i in infos), key=lambda t: t[0])
        for name, info in named:
            if info.is_dir():
                continue
            inner = tuple(p for p in name.replace("\\", "/").split("/") if p and p != ".")
            where = f"{shown}/{'/'.join(inner)}" if inner else shown
            if _unsafe(name):
                failures.append(_fail(f"{shown}/{name}", "压缩包中的路径指向包外（含“..”或绝对路径），"
                                                         "疑似恶意构造，已跳过。请确认压缩包来源"))
                continue
            if not inner or any(_skipped(p) for p in inner):
                continue
            lower = inner[-1].lower()
            nested = lower.endswith(ARCHIVE_EXTENSIONS)
            if not nested and not lower.endswith(DRAFT_EXTENSIONS):
                continue
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                failures.append(_fail(where, "压缩包中的这一项是链接而不是文件，已跳过。请直接放入原文件"))
                continue
            if info.flag_bits & _ENCRYPTED_FLAG:
                failures.append(_fail(where, "压缩包中的文件设置了密码，无法读取。请解除密码后重新压缩"))
                continue
            if info.file_size > MAX_FILE_BYTES and not nested:
                failures.append(_fail(where, f"解压后超过 {size_text(MAX_FILE_BYTES)} 的大小上限，未解压。"
                                             "对照检查材料通常只有几十 KB，请确认选对了文件"))
                continue
            if info.file_size > ZIP_RATIO_FLOOR and info.file_size / max(info.compress_size, 1) > MAX_ZIP_RATIO:
                failures.append(_fail(where, "压缩比异常，疑似压缩炸弹，未解压。请确认压缩包来源"))
                continue
            if nested and depth >= MAX_DEPTH:
                failures.append(_fail(where, f"压缩包嵌套超过 {MAX_DEPTH} 层，未解压。请先解开外层压缩包"))
                continue
            budget.copies += 1
            folder = scratch / f"{budget.copies:06d}"
            folder.mkdir(parents=True)
            # the scratch copy keeps the entry's own name (its stem is the draft's id), never its folders
            target = folder / (inner[-1].replace("\x00", "")[-200:] or "draft")
            try:
                _copy(zf, info, target)
            except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, RuntimeError, OSError):
                failures.append(_fail(where, "无法从压缩包中解出（文件损坏或使用了不支持的压缩方式）。"
                                             "请重新压缩或直接提供文件"))
                continue
            if nested:
                more, bad = expand(target, where, parts + inner, scratch, depth=depth + 1, budget=budget)
                entries += more
                failures += bad
            else:
                entries.append(Entry(target, where, parts + inner, in_archive=True))
    return entries, failures


def gather(root, scratch: Path) -> tuple[list[Entry], list[LoadFailure]]:
    """Every draft of a batch: ``root`` a folder (its zips opened) or a .zip file.

    ``scratch`` is a private directory for the copies of zip entries (the caller removes it).
    Entries come in a deterministic order: by their parts below the batch root.
    """
    from analyzer.load.discover import discover

    root = Path(root)
    if root.is_file() and is_archive(root):
        entries, failures = expand(root, display_path(root), (), scratch)
        entries = _strip_wrapper(entries)
    else:
        paths, failures = discover(root, archives=True)
        entries = []
        for path in paths:
            parts = tuple(display_path(p) for p in path.relative_to(root).parts)
            if is_archive(path):
                more, bad = expand(path, display_path(path), parts, scratch)
                entries += more
                failures += bad
            else:
                entries.append(Entry(path, display_path(path), parts))
    entries.sort(key=lambda e: e.parts)
    failures.sort(key=lambda f: f.path)
    return entries, failures


def _strip_wrapper(entries: list[Entry]) -> list[Entry]:
    """A zip of one folder (材料.zip holding 材料/…): that folder is the archive, not a team."""
    while entries and all(len(e.parts) > 1 for e in entries) and len({e.parts[0] for e in entries}) == 1:
        entries = [Entry(e.file, e.shown, e.parts[1:], e.in_archive) for e in entries]
    return entries


def team_folder(parts: tuple[str, ...]) -> str | None:
    """The team a draft's place implies: its first folder below the batch root (a zip there counts
    as a folder named by its stem); None for a draft at the top level."""
    if len(parts) < 2:
        return None
    first = parts[0]
    return str(PurePosixPath(first).stem) if is_archive(first) else first
