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

``lookup`` matches by file name: exact name first, then case-insensitively, then — when exactly
one row has that stem — by stem, so ``D02.docx`` finds the row written for ``D02.txt``. The
manifest's ``file`` may carry folders (a city's manifest: ``清河县/县委书记.docx`` and
``青山县/县委书记.docx``): among several rows of one name, the one naming the draft's folders (the last
folders of its place in the batch) wins; a single row of that name matches wherever the draft lies.
Two rows for one member and year are an error only within one unit.

``missing`` is the roster check: the rows of the batch's year whose file is not in the batch (未提交).
Rows of earlier years (history) and rows whose role marks the team's own material or a template
(``NON_MEMBER_ROLES``) are not members.
"""
from __future__ import annotations

import csv
import io
import re
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
# Roles the manifests give to rows that are not a member's draft: the team's own material, a template.
NON_MEMBER_ROLES = ("班子", "领导班子", "范文")
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
    folders: tuple[str, ...] = ()  # folders written before the name (清河县/县委书记.docx), if any


def _name(value: str) -> str:
    """File name part of a manifest cell, whether written with / or \\."""
    return PureWindowsPath(value.strip()).name if "\\" in value else PurePath(value.strip()).name


def _folders(value: str) -> tuple[str, ...]:
    """Folder parts of a manifest cell (``./`` and a drive or root left out)."""
    parts = [p for p in value.strip().replace("\\", "/").split("/") if p and p != "."]
    return tuple(p for p in parts[:-1] if not p.endswith(":"))


def _fold(parts) -> tuple[str, ...]:
    return tuple(p.casefold() for p in parts)


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
        by_name: dict[tuple[tuple[str, ...], str], ManifestEntry] = {}
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
                                  unit=cell("unit") or None, year=year, line=lineno, meeting_date=meeting,
                                  folders=_folders(file))
            key = (_fold(entry.folders), entry.file.casefold())
            if key in by_name:
                other = by_name[key]
                raise ConfigError(f"名单文件 {shown} 第 {other.line} 行和第 {lineno} 行是同一个文件"
                                  f"“{entry.file}”。请删除重复的一行")
            # one member may hand in more than one file in a year (a 发言提纲 and a 相互批评意见
            # list): each is read and checked; earlier years are told apart by the year column
            by_name[key] = entry
            entries.append(entry)
        return cls(path=shown, entries=entries)

    def lookup(self, path, parts=()) -> ManifestEntry | None:
        """The row for ``path`` by file name (then case-insensitively, then by unique stem).

        ``parts``: the draft's place below the batch root (folders and name), when known; the name
        is then its last part and rows naming folders must name the draft's own.
        """
        from analyzer.load.common import display_path

        name = parts[-1] if parts else _name(display_path(path))
        here = _fold(parts[:-1])

        def placed(entry: ManifestEntry) -> bool:
            k = len(entry.folders)
            return not k or (len(here) >= k and here[len(here) - k:] == _fold(entry.folders))

        def best(rows: list[ManifestEntry]) -> ManifestEntry | None:
            if len(rows) <= 1:  # one row of that name: its folders need not match (history/L01.txt)
                return rows[0] if rows else None
            rows = [e for e in rows if placed(e)]
            if not rows:
                return None
            deepest = max(len(e.folders) for e in rows)
            rows = [e for e in rows if len(e.folders) == deepest]
            return rows[0] if len(rows) == 1 else None

        found = best([e for e in self.entries if e.file == name])
        if found is None:
            folded = name.casefold()
            found = best([e for e in self.entries if e.file.casefold() == folded])
        if found is None:
            stem = PurePath(name.casefold()).stem
            found = best([e for e in self.entries if PurePath(e.file.casefold()).stem == stem])
        return found

    def missing(self, matched: set[int], year: int | None, present: set[str] = frozenset()):
        """Rows of members whose draft is not in the batch (未提交), in manifest order.

        ``matched``: line numbers of the rows some loaded or failed file matched; ``year``: the
        batch's year (rows of other years are history, not members); ``present``: ids and member
        names of the batch's drafts (a draft named after its writer satisfies his row).
        """
        out = []
        for e in self.entries:
            if e.line in matched or (e.role or "") in NON_MEMBER_ROLES:
                continue
            if year is not None and e.year is not None and e.year != year:
                continue
            if e.member in present or PurePath(e.file).stem in present:
                continue
            out.append(e)
        return out

    def __len__(self) -> int:
        return len(self.entries)

    @staticmethod
    def apply(doc: Document, entry: "ManifestEntry | None") -> Document:
        """Same as the module-level :func:`apply` (so ``manifest.apply(doc, entry)`` works)."""
        return apply(doc, entry)


# A year written at either end of a file stem, as offices name a member's drafts of several years:
# 黄海燕-2020, 黄海燕_2020年度, 黄海燕（2020年）, 2020年度黄海燕, 2020-黄海燕.
_STEM_YEAR = (re.compile(r"^(?P<name>.+?)(?P<sep>[\s\-_—–·.、]*[（(【\[]?)(?P<year>(?:19|20)[0-9]{2})"
                         r"(?P<suffix>年度|年)?[）)】\]]?$"),
              re.compile(r"^[（(【\[]?(?P<year>(?:19|20)[0-9]{2})(?P<suffix>年度|年)?"
                         r"(?P<sep>[）)】\]]?[\s\-_—–·.、]*)(?P<name>.+)$"))
_EDGE = " -_—–·.、"


def split_year(stem: str) -> tuple[str, int | None]:
    """A file stem without the year written at its start or end, and that year: ``黄海燕-2020`` →
    (``黄海燕``, 2020); a stem with no such year is returned whole, with None. Digits run together
    with Latin letters or digits (``D2020``) are a code, not a year."""
    for k, rx in enumerate(_STEM_YEAR):
        m = rx.match(stem.strip())
        if not m:
            continue
        name = m.group("name").strip(_EDGE)
        touching = m.group("name")[-1] if k == 0 else m.group("name")[0]
        if not name or (not m.group("sep") and not m.group("suffix") and touching.isascii() and touching.isalnum()):
            continue
        return name, int(m.group("year"))
    return stem, None


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
