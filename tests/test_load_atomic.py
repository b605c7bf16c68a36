"""Atomic report writing and the output-path guard."""
from __future__ import annotations

import os

import pytest

from analyzer import atomic
from analyzer.atomic import atomic_write_bytes, atomic_write_text, check_output_path
from analyzer.errors import ConfigError


def test_writes_and_replaces(tmp_path):
    out = tmp_path / "报告 2021.json"
    atomic_write_text(out, "第一版")
    assert out.read_text(encoding="utf-8") == "第一版"
    out.chmod(0o640)
    atomic_write_bytes(out, "第二版".encode("utf-8"))
    assert out.read_text(encoding="utf-8") == "第二版"
    assert out.stat().st_mode & 0o777 == 0o640           # mode of the old file kept
    assert sorted(os.listdir(tmp_path)) == ["报告 2021.json"]


def test_failure_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    out = tmp_path / "r.txt"
    out.write_text("旧内容", encoding="utf-8")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", fail)
    with pytest.raises(OSError):
        atomic_write_text(out, "新内容")
    assert out.read_text(encoding="utf-8") == "旧内容"
    assert os.listdir(tmp_path) == ["r.txt"]


def test_relative_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    atomic_write_text("r.json", "{}")
    assert (tmp_path / "r.json").read_text() == "{}"


def test_output_equal_to_an_input_is_refused(tmp_path):
    draft = tmp_path / "材料.txt"
    draft.write_text("对照检查", encoding="utf-8")
    with pytest.raises(ConfigError, match="会覆盖原稿"):
        check_output_path(draft, [draft])
    with pytest.raises(ConfigError, match="会覆盖原稿"):
        check_output_path(tmp_path / "sub" / ".." / "材料.txt", [draft])
    link = tmp_path / "link.txt"
    link.symlink_to(draft)
    with pytest.raises(ConfigError, match="会覆盖原稿"):
        check_output_path(link, [draft])
    hard = tmp_path / "hard.txt"
    os.link(draft, hard)
    with pytest.raises(ConfigError, match="会覆盖原稿"):
        check_output_path(hard, [draft])
    check_output_path(tmp_path / "report.json", [draft])   # fine


def test_output_directory_missing_or_not_writable(tmp_path, monkeypatch):
    with pytest.raises(ConfigError, match="输出目录 .* 不存在"):
        check_output_path(tmp_path / "没有" / "r.json", [])
    monkeypatch.setattr(atomic.os, "access", lambda p, mode: False)
    with pytest.raises(ConfigError, match="没有写入权限|不可写"):
        check_output_path(tmp_path / "r.json", [])
    existing = tmp_path / "old.json"
    existing.write_text("{}")
    with pytest.raises(ConfigError, match="不可写"):
        check_output_path(existing, [])


def test_output_directory_itself(tmp_path):
    check_output_path(tmp_path, [tmp_path / "a.docx"], folder=True)   # --format docx -o DIR
    with pytest.raises(ConfigError, match="是一个目录"):
        check_output_path(tmp_path, [tmp_path / "a.docx"])   # a report file is wanted
