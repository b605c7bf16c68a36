"""Writing reports without ever leaving a half-written file or clobbering a draft.

``atomic_write_*`` write a temporary file in the target's directory and ``os.replace`` it onto
the target (atomic on POSIX and Windows): a reader sees the old file or the new one, never a
truncated one; on failure the temporary file is removed and the old file is untouched.
``check_output_path`` is the one place deciding whether a report may be written where ``-o`` says:
never onto an input (however the path is spelt), never where it would replace one.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from analyzer.errors import ConfigError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_bytes(path, data: bytes) -> None:
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        mode = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:  # make the rename durable; not possible on every platform
        dfd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


def atomic_write_text(path, text: str, encoding: str = "utf-8") -> None:
    atomic_write_bytes(path, text.encode(encoding))


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: compare as written
        return path.absolute()


def _same(a: Path, b: Path) -> bool:
    try:
        if _resolved(a) == _resolved(b):
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _input_files(inputs) -> tuple[list[Path], list[Path]]:
    """(input files, input directories): a directory stands for every draft a batch finds in it."""
    from analyzer.load.discover import discover

    files: list[Path] = []
    dirs: list[Path] = []
    for inp in inputs:
        path = Path(inp)
        if path.is_dir():
            dirs.append(path)
            files += discover(path)[0]
        elif path.exists():
            files.append(path)
    return files, dirs


def _inside(path: Path, directory: Path) -> bool:
    target, root = _resolved(path), _resolved(directory)
    return target == root or root in target.parents


def check_output_path(out, inputs, *, folder: bool = False) -> None:
    """Raise ConfigError when writing the report to ``out`` could replace an input, or cannot be done.

    ``inputs`` are the command's input files and folders (a folder stands for every draft found in
    it, as a batch reads it). ``folder`` says that ``out`` is a folder receiving one file per draft
    (``--format docx``). Refused, whatever the path's spelling (``..``, symbolic or hard links):
    ``out`` being an input file; a ``folder`` holding an input file; a report written inside an input
    folder where the next batch would read it as a draft (a draft extension, or a ``folder``);
    ``out`` a folder when a file is wanted, or a file when a folder is; an output that cannot be
    written. Every message is one Chinese line naming the path and the fix.
    """
    from analyzer.load.discover import DRAFT_EXTENSIONS

    out_path = Path(out)
    files, dirs = _input_files(inputs)
    for inp in files:
        if _same(out_path, inp):
            raise ConfigError(f"输出文件 {out} 就是输入文件 {inp}，写入会覆盖原稿。请用 -o 指定另一个文件名")
    if folder:
        target = _resolved(out_path)
        held = [inp for inp in files if _resolved(inp).parent == target]
        if held:
            raise ConfigError(f"输出目录 {out} 中有原稿 {held[0].name}；批注副本与原稿放在一起可能覆盖原稿。"
                              "请用 -o 另选一个输出目录")
    for directory in dirs:
        if _inside(out_path, directory) and (folder or out_path.suffix.lower() in DRAFT_EXTENSIONS):
            raise ConfigError(f"输出位置 {out} 在输入目录 {directory} 之内，写在这里的报告下次批量审核时会被当作材料读入。"
                              "请用 -o 指定该目录以外的位置")
    if folder:
        if out_path.exists() and not out_path.is_dir():
            raise ConfigError(f"{out}：不是目录。--format docx 需要用 -o 指定一个输出目录")
        directory = out_path if out_path.is_dir() else out_path.parent
        if not out_path.is_dir():  # created on writing: its parent must take it
            while not directory.exists() and directory != directory.parent:
                directory = directory.parent
    elif out_path.is_dir():
        raise ConfigError(f"输出位置 {out} 是一个目录。请在 -o 中写出报告的文件名，例如 -o {out_path / '审核报告'}.xlsx")
    else:
        if out_path.exists() and not os.access(out_path, os.W_OK):
            raise ConfigError(f"输出文件 {out} 不可写（只读或没有权限）。请换一个输出位置")
        directory = out_path.parent if str(out_path.parent) else Path(".")
    if not directory.is_dir():
        raise ConfigError(f"输出目录 {directory} 不存在。请先创建该目录或换一个输出位置")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise ConfigError(f"输出目录 {directory} 没有写入权限。请换一个输出位置")
