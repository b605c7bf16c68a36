"""Who wrote which file: the batch manifest (CSV ``file,member,role,unit,year``).

The manifest is what a secretary prepares in Excel, so it is read as UTF-8 (with or without
BOM), UTF-16 with BOM (Excel "Unicode text", tab-separated) or GB18030 (Excel on Chinese
Windows). Headers are matched case-insensitively; Chinese headers are accepted too
(文件/文件名, 姓名/成员, 职务, 单位, 年度/年份, 会议日期). ``file`` and ``member`` are required; ``role``,
``unit``, ``year`` and ``meeting_date`` (the meeting's date, 2021-01-20) may be absent or empty.

Errors are :class:`~analyzer.errors.ConfigError` with one Chinese line naming the manifest,
the line number and the fix. Two rows naming the same member for *different* files in the
same year are an error (one person, one draft per meeting); the same member in different
years is normal (history); rows without a year are not compared.

``lookup`` matches by file name (the manifest's ``file`` may carry a directory part, only the
name counts): exact name first, then case-insensitively, then — when exactly one row has that
stem — by stem, so ``D02.docx`` finds the row written for ``D02.txt``.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath, PureWindowsPath

from analyzer.errors import ConfigError
from analyzer.model import Document

HEADER_ALIASES = {
    "file": ("file", "filename", "文件", "文件名"),
    "member": ("member", "name", "姓名", "成员", "作者"),
    "role": ("role", "职务", "职位"),
    "unit": ("unit", "单位"),
    "year": ("year", "年度", "年份"),
    "meeting_date": ("meeting_date", "meeting-date", "会议日期", "开会日期", "召开日期"),
}
REQUIRED = ("file", "member")
MAX_MANIFEST_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class ManifestEntry:
    file: str            # file name as written in the manifest (directory part removed)
    member: str
    role: str | None = None
    unit: str | None = None
    year: int | None = None
    line: int = 0        # line number in the manifest (1 = header)
    meeting_date: date | None = None


def _name(value: str) -> str:
    """File name part of a manifest cell, whether written with / or \\."""
    return PureWindowsPath(value.strip()).name if "\\" in value else PurePath(value.strip()).name


def _decode(data: bytes, shown: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        codecs = ("utf-8-sig",)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codecs = ("utf-16",)
    else:
        codecs = ("utf-8", "gb18030")
    for codec in codecs:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    raise ConfigError(f"名单文件 {shown} 的编码无法识别。请在 Excel 中“另存为”CSV UTF-8（逗号分隔）格式")


@dataclass
class Manifest:
    path: str
    entries: list[ManifestEntry] = field(default_factory=list)

    @classmethod
    def read(cls, path) -> "Manifest":
        shown = str(path)
        try:
            with open(path, "rb") as fh:
                data = fh.read(MAX_MANIFEST_BYTES + 1)
        except FileNotFoundError:
            raise ConfigError(f"名单文件 {shown} 不存在。请检查 --manifest 的路径") from None
        except IsADirectoryError:
            raise ConfigError(f"名单文件 {shown} 是文件夹。请指定 CSV 文件") from None
        except OSError as exc:
            raise ConfigError(f"名单文件 {shown} 无法读取（{exc.strerror}）。请检查文件权限") from None
        if len(data) > MAX_MANIFEST_BYTES:
            raise ConfigError(f"名单文件 {shown} 超过 5 MB，不像是人员名单。请确认选对了文件")
        if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise ConfigError(f"名单文件 {shown} 不是文本格式的 CSV（可能是 .xlsx）。"
                              "请在 Excel 中“另存为”CSV UTF-8（逗号分隔）格式")
        text = _decode(data, shown)
        if not text.strip():
            raise ConfigError(f"名单文件 {shown} 为空。第一行应为表头 file,member,role,unit,year")
        first = text.lstrip("\ufeff").splitlines()[0]
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
        try:
            rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter))
        except csv.Error as exc:
            raise ConfigError(f"名单文件 {shown} 不是有效的 CSV（{exc}）。请在 Excel 中另存为 CSV") from None
        return cls._parse(shown, rows)

    @classmethod
    def _parse(cls, shown: str, rows: list[list[str]]) -> "Manifest":
        header = [c.strip().lower() for c in rows[0]]
        columns: dict[str, int] = {}
        for key, aliases in HEADER_ALIASES.items():
            for idx, cell in enumerate(header):
                if cell in aliases:
                    columns[key] = idx
                    break
        missing = [k for k in REQUIRED if k not in columns]
        if missing:
            raise ConfigError(f"名单文件 {shown} 第 1 行缺少列：{'、'.join(missing)}。"
                              "第一行应为表头 file,member,role,unit,year")
        entries: list[ManifestEntry] = []
        by_name: dict[str, ManifestEntry] = {}
        by_member_year: dict[tuple[str, int | None], ManifestEntry] = {}
        for lineno, row in enumerate(rows[1:], start=2):
            if not any(c.strip() for c in row):
                continue

            def cell(key: str) -> str:
                idx = columns.get(key)
                return row[idx].strip() if idx is not None and idx < len(row) else ""

            file, member = cell("file"), cell("member")
            if not file:
                raise ConfigError(f"名单文件 {shown} 第 {lineno} 行缺少文件名（file 列）。请补全或删除该行")
            if not member:
                raise ConfigError(f"名单文件 {shown} 第 {lineno} 行缺少姓名（member 列）。请补全或删除该行")
            year_text = cell("year")
            year: int | None = None
            if year_text:
                text = year_text.removesuffix("年").removesuffix(".0")
                if not text.isdigit() or not 1949 <= int(text) <= 2100:
                    raise ConfigError(f"名单文件 {shown} 第 {lineno} 行的年度“{year_text}”无效。"
                                      "请填写四位年份，如 2020")
                year = int(text)
            meeting_text = cell("meeting_date")
            meeting = None
            if meeting_text:
                from analyzer.yearly.meeting import parse_date

                meeting = parse_date(meeting_text)
                if meeting is None:
                    raise ConfigError(f"名单文件 {shown} 第 {lineno} 行的会议日期“{meeting_text}”无效。"
                                      "请写成 年-月-日，如 2021-01-20")
            entry = ManifestEntry(file=_name(file), member=member, role=cell("role") or None,
                                  unit=cell("unit") or None, year=year, line=lineno, meeting_date=meeting)
            key = entry.file.casefold()
            if key in by_name:
                other = by_name[key]
                raise ConfigError(f"名单文件 {shown} 第 {other.line} 行和第 {lineno} 行是同一个文件"
                                  f"“{entry.file}”。请删除重复的一行")
            same = by_member_year.get((member, year)) if year is not None else None
            if same is not None:
                when = f"{year} 年度"
                raise ConfigError(f"名单文件 {shown} 第 {same.line} 行（{same.file}）和第 {lineno} 行"
                                  f"（{entry.file}）都是{when}的“{member}”。一人一年只应有一份材料，"
                                  "请更正姓名或年度")
            by_name[key] = entry
            by_member_year[(member, year)] = entry
            entries.append(entry)
        return cls(path=shown, entries=entries)

    def lookup(self, path) -> ManifestEntry | None:
        """The row for ``path`` by file name (then case-insensitively, then by unique stem)."""
        from analyzer.load.common import display_path

        name = _name(display_path(path))
        for entry in self.entries:
            if entry.file == name:
                return entry
        folded = name.casefold()
        for entry in self.entries:
            if entry.file.casefold() == folded:
                return entry
        stem = PurePath(folded).stem
        matches = [e for e in self.entries if PurePath(e.file.casefold()).stem == stem]
        return matches[0] if len(matches) == 1 else None

    def __len__(self) -> int:
        return len(self.entries)

    @staticmethod
    def apply(doc: Document, entry: "ManifestEntry | None") -> Document:
        """Same as the module-level :func:`apply` (so ``manifest.apply(doc, entry)`` works)."""
        return apply(doc, entry)


def apply(doc: Document, entry: ManifestEntry | None) -> Document:
    """Copy the manifest's identity onto ``doc`` (``doc.id`` stays the file stem)."""
    if entry is None:
        return doc
    doc.member = entry.member
    doc.role = entry.role
    doc.unit = entry.unit
    doc.year = entry.year
    doc.meeting_date = entry.meeting_date
    return doc
