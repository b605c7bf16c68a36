"""Writing reports without ever leaving a half-written file or clobbering a draft.

``atomic_write_*`` write a temporary file in the target's directory and ``os.replace`` it onto
the target (atomic on POSIX and Windows): a reader sees the old file or the new one, never a
truncated one; on failure the temporary file is removed and the old file is untouched.
``check_output_path`` refuses an output that is one of the inputs or cannot be written.
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


def _same(a: Path, b: Path) -> bool:
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_output_path(out, inputs) -> None:
    """Raise ConfigError when ``out`` is one of ``inputs`` or cannot be written."""
    out_path = Path(out)
    for inp in inputs:
        if _same(out_path, Path(inp)):
            raise ConfigError(f"输出文件 {out} 就是输入文件 {inp}，写入会覆盖原稿。请用 -o 指定另一个文件名")
    if out_path.is_dir():
        directory = out_path
    else:
        if out_path.exists() and not os.access(out_path, os.W_OK):
            raise ConfigError(f"输出文件 {out} 不可写（只读或没有权限）。请换一个输出位置")
        directory = out_path.parent if str(out_path.parent) else Path(".")
    if not directory.is_dir():
        raise ConfigError(f"输出目录 {directory} 不存在。请先创建该目录或换一个输出位置")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise ConfigError(f"输出目录 {directory} 没有写入权限。请换一个输出位置")
