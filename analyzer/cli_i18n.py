"""Chinese for the messages click and typer print themselves (usage, errors, help), laid out by
display width.

click and typer mark every message they print with gettext (``from gettext import gettext as _``),
which looks it up in the process's current text domain. ``install()`` binds the ``draftcheck``
domain to the catalogue shipped in ``analyzer/locale`` (``zh_CN/LC_MESSAGES/draftcheck.po``,
compiled to ``draftcheck.mo``), makes it the current domain and asks gettext for Chinese, since
draftcheck speaks Chinese whatever the system's locale. Only the public gettext API is used:
nothing in click or typer is replaced. The click and typer versions this catalogue covers are
pinned in ``pyproject.toml``; ``tests/test_cli_i18n.py`` fails when a message of theirs is missing.
"""
from __future__ import annotations

import gettext
import os
import re
from pathlib import Path

import click
from rich.cells import cell_len
from typer.core import TyperCommand, TyperGroup

DOMAIN = "draftcheck"
LANGUAGE = "zh_CN"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def install() -> None:
    """Make click's and typer's messages Chinese for this process (idempotent)."""
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    # gettext picks the language from LANGUAGE before LC_ALL / LC_MESSAGES / LANG.
    os.environ["LANGUAGE"] = LANGUAGE


def catalogue() -> gettext.GNUTranslations:
    """The compiled catalogue itself (for tests and tools)."""
    return gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[LANGUAGE])


# ---- help laid out by display width ------------------------------------------------------------
# click measures help text in code points; a Chinese character takes two terminal columns, so
# click's own wrapping would run Chinese help past the terminal's edge. ``ChineseHelpFormatter``
# (a click HelpFormatter, given to click through the public ``Context.formatter_class``) wraps
# by display width, breaking between Chinese characters but never before closing punctuation.

_CLOSING = set("，。、；：！？）】」』”’》〉…—,.;:!?)]}%")
_OPENING = set("（【「『“‘《〈([{")
_UNIT = re.compile(r"\s+|[\x21-\x7e]+|.", re.S)


def _units(text: str) -> list[tuple[str, bool]]:
    """Unbreakable pieces of ``text`` and whether whitespace stood before each."""
    units: list[tuple[str, bool]] = []
    space = False
    for m in _UNIT.finditer(text):
        piece = m.group(0)
        if piece.isspace():
            space = True
            continue
        if units and not space and (piece[0] in _CLOSING or units[-1][0][-1] in _OPENING):
            units[-1] = (units[-1][0] + piece, units[-1][1])
        else:
            units.append((piece, space))
        space = False
    return units


def _fold(piece: str, width: int) -> list[str]:
    """A piece wider than a line, cut into line-sized parts."""
    out, cur = [], ""
    for ch in piece:
        if cur and cell_len(cur + ch) > width:
            out.append(cur)
            cur = ""
        cur += ch
    return out + ([cur] if cur else [])


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` terminal columns (paragraphs kept apart)."""
    width = max(width, 4)
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for piece, space in _units(para):
            sep = " " if space and line else ""
            if cell_len(line + sep + piece) <= width:
                line += sep + piece
                continue
            if line:
                lines.append(line)
            parts = _fold(piece, width)
            lines += parts[:-1]
            line = parts[-1]
        lines.append(line)
    return lines


class ChineseHelpFormatter(click.HelpFormatter):
    """click's help layout, measured in terminal columns."""

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = f"{gettext.gettext('Usage:')} "
        head = f"{prefix:>{self.current_indent}}{prog} "
        room = self.width - self.current_indent - cell_len(head)
        lines = wrap(args, room) if args else [""]
        self.write((head + lines[0]).rstrip() + "\n")
        for line in lines[1:]:
            self.write(" " * (self.current_indent + cell_len(head)) + line + "\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for line in wrap(text, self.width - self.current_indent):
            self.write(f"{indent}{line}".rstrip() + "\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((cell_len(r[0]) for r in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if cell_len(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cell_len(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(second, max(self.width - first_col - self.current_indent, 10))
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first_col + self.current_indent) + line + "\n")


class ChineseContext(click.Context):
    formatter_class = ChineseHelpFormatter


class ChineseCommand(TyperCommand):
    """A typer command whose help is laid out by ``ChineseHelpFormatter``."""

    context_class = ChineseContext


class ChineseGroup(TyperGroup):
    context_class = ChineseContext
