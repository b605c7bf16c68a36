"""Old Word (.doc) and WPS (.wps) files: converted to .docx by LibreOffice, then read as .docx.

The conversion runs ``soffice --headless --convert-to docx`` on a *copy* of the input in a
private temporary directory (own LibreOffice profile, so a running office does not interfere),
with a timeout. Without LibreOffice the user is told to install it or to save as .docx.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from analyzer.errors import InputError
from analyzer.load import common
from analyzer.load.common import MAX_FILE_BYTES, size_text

NO_OFFICE_FIX = "请安装 LibreOffice 后重试，或在 Word/WPS 中打开并“另存为”.docx"


def find_office() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _kill_group(proc: subprocess.Popen) -> None:
    """Stop the converter and whatever it spawned (it runs in its own session)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError):
        proc.kill()
    proc.wait()


def convert_to_docx(path: Path, shown: str, workdir: Path) -> Path:
    """Convert ``path`` into ``workdir`` and return the .docx; raises InputError."""
    office = find_office()
    fmt = path.suffix.lower().lstrip(".") or "doc"
    if office is None:
        raise InputError(shown, f"读取 .{fmt} 文件需要 LibreOffice，但本机未安装", NO_OFFICE_FIX)
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputError(shown, f"文件超过 {size_text(MAX_FILE_BYTES)} 的大小上限", "请提供 .docx 文件")
    suffix = path.suffix.lower() if path.suffix.lower() in (".doc", ".wps", ".rtf") else ".doc"
    src = workdir / f"input{suffix}"
    shutil.copyfile(path, src)
    profile = workdir / "profile"
    cmd = [office, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
           "--convert-to", "docx", "--outdir", str(workdir / "out"), str(src)]
    env = dict(os.environ, HOME=str(workdir))
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, env=env, cwd=workdir,
                                start_new_session=True)
    except OSError:
        raise InputError(shown, "无法启动 LibreOffice 转换文件", NO_OFFICE_FIX) from None
    try:
        proc.wait(timeout=common.CONVERT_TIMEOUT)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise InputError(shown, f"LibreOffice 转换超时（超过 {common.CONVERT_TIMEOUT} 秒）",
                         "文件可能已加密或损坏；请在 Word/WPS 中打开并“另存为”.docx") from None
    out = workdir / "out" / (src.stem + ".docx")
    if not out.is_file() or out.stat().st_size == 0:
        raise InputError(shown, f"LibreOffice 无法转换该 .{fmt} 文件（可能已加密或损坏）",
                         "请在 Word/WPS 中打开确认能正常显示，再“另存为”.docx 后重试")
    return out


def load_legacy(path: Path, shown: str) -> dict:
    from analyzer.load.word import load_docx

    with tempfile.TemporaryDirectory(prefix="draftcheck-convert-") as tmp:
        out = convert_to_docx(path, shown, Path(tmp))
        fields = load_docx(out, shown)
    fields["metadata"]["converted_by"] = "libreoffice"
    return fields
