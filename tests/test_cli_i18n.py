"""click's and typer's own messages in Chinese through gettext, and help laid out for 80 columns."""
from __future__ import annotations

import ast
import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from analyzer.cli_i18n import LOCALE_DIR, catalogue, wrap

from tests.conftest import ROOT, SAMPLES

PO = LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / "draftcheck.po"
MO = PO.with_suffix(".mo")


def _marked(module: str) -> set[str]:
    """Every message ``module``'s package marks for translation (first argument of _/gettext/ngettext)."""
    root = Path(importlib.import_module(module).__file__).parent
    out = set()
    for path in root.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id in ("_", "gettext", "ngettext") and node.args \
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                out.add(node.args[0].value)
    return out


@pytest.mark.parametrize("package", ["click", "typer"])
def test_every_message_of_the_installed_version_is_translated(package):
    tr = catalogue()
    marked = _marked(package)
    assert len(marked) > (40 if package == "click" else 8)
    missing = sorted(m for m in marked if tr.gettext(m) == m)
    assert not missing, f"{package}: add these to {PO.name} (and recompile): {missing}"


def test_compiled_catalogue_matches_its_source(tmp_path):
    """draftcheck.mo is draftcheck.po compiled: the same messages, the same Chinese."""
    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    with open(PO, "rb") as fh:
        po = read_po(fh)
    with open(MO, "rb") as fh:
        mo = read_mo(fh)
    def pairs(cat):
        return {m.id if isinstance(m.id, str) else tuple(m.id):
                m.string if isinstance(m.string, str) else tuple(m.string) for m in cat if m.id}

    source, compiled = pairs(po), pairs(mo)
    assert source == compiled


def run(*args, env_extra=None):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "80", **(env_extra or {})}
    env.pop("LANGUAGE", None)
    return subprocess.run([sys.executable, "-m", "analyzer.cli", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, env=env, timeout=300)


# What may stand in Latin letters: command, option and format names the user types, rule-code
# prefixes, file extensions, product names and the manifest's column names.
ALLOWED = {
    "draftcheck", "check", "batch", "compare", "plan", "rules", "list", "themes", "show", "validate", "test",
    "text", "json", "html", "xlsx", "docx", "txt", "md", "pdf", "doc", "wps", "htm", "zip", "info", "warning", "error",
    "Excel", "Word", "SQLite", "CSV", "HTML", "JSON", "YAML", "VAG", "PAIR", "file", "member", "role", "unit",
    "year", "meeting_date", "political", "ecology", "annual",
}


def english_words(text: str) -> set[str]:
    text = re.sub(r"'[^'\n]*'", " ", text)                    # what the user typed, quoted back
    text = re.sub(r"(?<![\w])--?[\w-]+", " ", text)          # option names
    text = re.sub(r"\S*[/\\]\S*", " ", text)                 # paths
    text = re.sub(r"\b\d{4}-[a-z-]+\b", " ", text)            # theme ids such as 2020-political-ecology
    return {w for w in re.findall(r"[A-Za-z][A-Za-z_]+", text)} - ALLOWED


HELP = [(), ("check",), ("batch",), ("compare",), ("plan",), ("rules",), ("rules", "list"), ("rules", "show"),
        ("rules", "themes"), ("rules", "validate"), ("rules", "test")]


@pytest.mark.parametrize("cmd", HELP, ids=lambda c: " ".join(c) or "draftcheck")
def test_help_fits_80_columns_in_chinese(cmd):
    out = run(*cmd, "--help", env_extra={"LANG": "en_US.UTF-8", "LC_ALL": "C.UTF-8"})
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("用法： draftcheck")
    assert all(cell_len(line) <= 80 for line in lines), [l for l in lines if cell_len(l) > 80]
    assert "…" not in out.stdout
    for python_type in ("TEXT", "PATH", "INTEGER", "<list", "List[", "[OPTIONS]", "COMMAND", "ARGS", "Usage"):
        assert python_type not in out.stdout
    assert not english_words(out.stdout), english_words(out.stdout)


USAGE_ERRORS = [
    (("chek", SAMPLES / "drafts" / "赵国庆.txt"), ["没有命令 'chek'", "是否想用：'check'"]),
    (("check", "--selct", "VAG", SAMPLES / "drafts" / "赵国庆.txt"), ["没有选项 '--selct'", "'--select'"]),
    (("check", "--format", "pdf", SAMPLES / "drafts" / "赵国庆.txt"), ["取值无效", "'pdf' 不在可选值"]),
    (("check", "--fail-on"), ["需要跟取值"]),
    (("check",), ["缺少参数"]),
    (("rules", "shw"), ["没有命令 'shw'", "是否想用：'show'"]),
    (("batch", "a", "b"), ["多余的参数"]),
    ((), ["用法： draftcheck", "命令："]),
]


@pytest.mark.parametrize("args, words", USAGE_ERRORS, ids=lambda x: str(x)[:30])
def test_usage_errors_are_chinese_whatever_the_locale(args, words):
    out = run(*args, env_extra={"LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"})
    assert out.returncode == 2
    for w in words:
        assert w in out.stderr + out.stdout, out.stderr
    assert "Did you mean" not in out.stderr and "Error" not in out.stderr and "Usage" not in out.stderr
    assert "Traceback" not in out.stderr
    assert not english_words(out.stderr), out.stderr


def test_wrap_measures_display_width_and_keeps_punctuation():
    text = "输出格式：text 终端文字、json 程序读取、html 网页、xlsx Excel、docx 带批注的 Word；不写时按扩展名判断。"
    lines = wrap(text, 30)
    assert all(cell_len(line) <= 30 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line[0] in "，。、；：）" for line in lines)
    assert wrap("2020-political-ecology、2025-annual", 12)[0] == "2020-politic"   # a too-long word is cut
    assert wrap("甲\n\n乙", 10) == ["甲", "", "乙"]
