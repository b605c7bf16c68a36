"""Finding the drafts of a batch directory: deterministic, safe with links, never crashing."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from analyzer.load import DRAFT_EXTENSIONS, discover


def _touch(path: Path, text: str = "对照检查材料\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _rel(paths, root):
    return [p.relative_to(root).as_posix() for p in paths]


def test_finds_every_draft_sorted_and_skips_the_rest(tmp_path):
    for name in ["b.docx", "a.txt", "C.DOCX", "z.md", "m.pdf", "old.doc", "w.wps", "宏.docm",
                 "子目录/县长 材料.txt", "子目录/深/x.txt", "表格.xlsx", "说明.rtf", "图片.png",
                 ".hidden.txt", "~$b.docx", "~WRL0001.tmp", ".git/config.txt", "备份.txt~"]:
        _touch(tmp_path / name)
    files, failures = discover(tmp_path)
    assert failures == []
    assert _rel(files, tmp_path) == sorted(["C.DOCX", "a.txt", "b.docx", "m.pdf", "old.doc",
                                            "w.wps", "z.md", "宏.docm", "子目录/县长 材料.txt",
                                            "子目录/深/x.txt"])
    assert all(isinstance(p, Path) and str(p).startswith(str(tmp_path)) for p in files)
    assert discover(tmp_path) == (files, failures)  # deterministic


def test_extensions_constant():
    assert set(DRAFT_EXTENSIONS) == {".docx", ".docm", ".dotx", ".dotm", ".txt", ".md", ".pdf", ".doc", ".wps"}


def test_symlink_loop_is_reported_not_followed(tmp_path):
    _touch(tmp_path / "a" / "d1.txt")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    (tmp_path / "a" / "up").symlink_to(tmp_path)
    files, failures = discover(tmp_path)
    assert _rel(files, tmp_path) == ["a/d1.txt"]
    assert {Path(f.path).name for f in failures} == {"loop", "up"}
    assert all("循环链接" in f.message for f in failures)


def test_self_referencing_file_link_and_broken_link(tmp_path):
    _touch(tmp_path / "ok.txt")
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    (tmp_path / "gone.docx").symlink_to(tmp_path / "nowhere.docx")
    files, failures = discover(tmp_path)
    assert _rel(files, tmp_path) == ["ok.txt"]
    messages = {Path(f.path).name: f.message for f in failures}
    assert "链接指向的文件不存在" in messages["gone.docx"]
    assert "循环链接" in messages["self.txt"] or "无法访问" in messages["self.txt"]
    assert all(m.startswith(str(tmp_path)) for m in messages.values())


def test_same_file_reached_twice_listed_once(tmp_path):
    real = _touch(tmp_path / "a" / "d1.txt")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "alias.txt").symlink_to(real)
    os.link(real, tmp_path / "b" / "hard.txt")
    (tmp_path / "c").symlink_to(tmp_path / "a")  # the whole directory again
    files, failures = discover(tmp_path)
    assert _rel(files, tmp_path) == ["a/d1.txt"]
    assert [Path(f.path).name for f in failures] == ["c"]


def test_symlinked_directory_outside_is_followed(tmp_path):
    outside = tmp_path / "outside"
    _touch(outside / "x.txt")
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "link").symlink_to(outside)
    files, failures = discover(batch)
    assert _rel(files, batch) == ["link/x.txt"] and failures == []


def test_unreadable_directory_and_file_become_failures(tmp_path, monkeypatch):
    _touch(tmp_path / "ok.txt")
    _touch(tmp_path / "locked" / "x.txt")
    secret = _touch(tmp_path / "secret.txt")
    real_scandir = os.scandir
    real_access = os.access

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == secret else real_access(p, mode))
    files, failures = discover(tmp_path)
    assert _rel(files, tmp_path) == ["ok.txt"]
    messages = {Path(f.path).name: f.message for f in failures}
    assert "无法读取目录" in messages["locked"] and "权限" in messages["locked"]
    assert "没有读取权限" in messages["secret.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_really_unreadable_directory(tmp_path):
    locked = tmp_path / "locked"
    _touch(locked / "x.txt")
    locked.chmod(0)
    try:
        files, failures = discover(tmp_path)
    finally:
        locked.chmod(0o755)
    assert files == [] and len(failures) == 1


def test_missing_or_not_a_directory(tmp_path):
    files, failures = discover(tmp_path / "没有")
    assert files == [] and "目录不存在" in failures[0].message
    f = _touch(tmp_path / "a.txt")
    files, failures = discover(f)
    assert files == [] and "不是目录" in failures[0].message
