"""Plain data classes shared by every stage of the pipeline.

Offsets are always half-open ranges of code points into ``Document.text`` (the extracted text:
paragraphs joined by ``\\n``, ``\\r\\n`` folded to ``\\n``). Stages that work on a normalised
copy map their spans back before they build any of these objects.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}

# Section roles (rules/sections.yaml maps heading variants onto them).
SECTION_ROLES = (
    "problems", "causes", "measures", "criticism",
    "last_year", "case_analysis", "personal_matters", "study",
)
# Source kinds of reused text (contract).
SOURCE_KINDS = ("member", "template", "history", "team")


@dataclass
class Document:
    """One loaded file: exact text plus what is known about who wrote it."""

    id: str                      # file stem, or the manifest's member key
    path: str                    # path as given on the command line / found in the batch
    text: str                    # extracted text, paragraphs joined by "\n"
    format: str                  # docx | txt | md | pdf | doc | wps
    kind: str = "member"         # member | team | history | template
    member: str | None = None
    role: str | None = None
    unit: str | None = None
    year: int | None = None
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # spans in text
    meeting_date: date | None = None   # the meeting's date, when the manifest gives it
    team: str | None = None      # the team (班子) the draft belongs to: manifest unit or batch subfolder
    source_file: str | None = None  # where the bytes are when ``path`` names an entry of a .zip (a scratch copy)
    # docx: creator, last_modified_by, created, modified, company, template, application,
    # app_version, total_time (minutes), revision, rsid_root, rsids (sorted list), wps_build;
    # txt: encoding, bom, newline; pdf: pages
    metadata: dict[str, Any] = field(default_factory=dict)
    # Word's automatic list numbers (numbering.xml), drawn by Word and not part of ``text``
    list_labels: list[ListLabel] = field(default_factory=list)
    # Word tables: which paragraphs sit in which row and column
    tables: list[TableGrid] = field(default_factory=list)


@dataclass
class TableGrid:
    """A Word table's layout over ``Document.paragraphs``: per row, its cells as (grid column, first
    paragraph, end paragraph), end exclusive; a merged cell once, at its first grid position."""

    rows: list[list[tuple[int, int, int]]] = field(default_factory=list)


@dataclass
class ListLabel:
    """The number Word draws before paragraph ``paragraph`` (an index into Document.paragraphs)."""

    level: int                   # Word's list level (w:ilvl, 0 = outermost)
    format: str                  # Word's number format (w:numFmt): chineseCounting, decimal, ...
    number: int                  # the counter's value
    text: str                    # the label as drawn, e.g. "一、", "（一）", "1."
    paragraph: int = -1


@dataclass
class Heading:
    """A numbered or recognised heading line (or inline heading at a paragraph start)."""

    start: int
    end: int
    text: str                    # heading text as in the document (marker included)
    level: int                   # 1 一、  2 （一）  3 1. / 1、  4 （1）  5 ① ; 0 = unnumbered
    marker: str                  # the numbering marker as written, e.g. "（一）", "1.", "一是", ""
    number: int | None = None    # the marker's value (一 → 1), None when unnumbered
    style: str = "gb"            # gb | non-gb | inline | circled | none


@dataclass
class Section:
    role: str                    # one of SECTION_ROLES
    heading: str                 # the heading text as written (e.g. "一、存在的突出问题")
    start: int                   # section span, heading included
    end: int
    heading_start: int = 0
    heading_end: int = 0
    how: str = "heading"         # heading: found by its heading; content: read from the text (no heading)


@dataclass
class Item:
    """A problem, cause, measure or criticism item inside its section."""

    kind: str                    # problem | cause | measure | criticism
    start: int
    end: int
    text: str                    # == document.text[start:end]
    marker: str = ""             # "（一）", "一是", "1.", "" ...
    label: str = ""              # the item's label phrase/sentence, if it has one
    group: str | None = None     # heading of the aspect group it sits under, if any
    answers: list[int] = field(default_factory=list)  # measures: indices into problems
    placed: bool = False         # measures: ``answers`` fixed by the layout (written under its problem)


@dataclass
class Structure:
    title: tuple[int, int] | None = None
    headings: list[Heading] = field(default_factory=list)
    sections: dict[str, Section] = field(default_factory=dict)
    problems: list[Item] = field(default_factory=list)
    causes: list[Item] = field(default_factory=list)
    measures: list[Item] = field(default_factory=list)
    criticisms: list[Item] = field(default_factory=list)
    kind: str = "draft"          # draft | criticism (a 相互批评意见 list on its own: no other parts required)

    def items(self, kind: str) -> list[Item]:
        return {"problem": self.problems, "cause": self.causes,
                "measure": self.measures, "criticism": self.criticisms}[kind]


@dataclass
class Finding:
    rule: str                    # rule code, e.g. "VAG001"
    category: str                # contract category or a project one (numbering, template-residue, ...)
    severity: str                # info | warning | error
    start: int
    end: int
    excerpt: str                 # == document.text[start:end]
    message: str                 # Chinese, placeholders already filled
    suggestion: str              # Chinese: how to fix
    section: str | None = None   # section role the span lies in
    name: str = ""               # rule name (Chinese), for reports
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Reuse:
    """A passage of ``doc`` that also stands in ``source`` (both spans in original text)."""

    doc: str
    start: int
    end: int
    source: str
    source_start: int
    source_end: int
    source_kind: str             # member | template | history | team
    similarity: float
    excerpt: str = ""            # doc text[start:end]
    source_excerpt: str = ""     # source text[source_start:source_end]
    method: str = "fingerprint"  # fingerprint | sentence
    source_team: str | None = None  # the team the source belongs to (batches of several teams)


@dataclass
class SameHandGroup:
    docs: list[str]
    score: float
    evidence: list[str]          # Chinese sentences a reviewer can verify; worded as 疑似
    signals: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class MeetingDate:
    """The date of the meeting a draft is written for, and how it is known."""

    date: date
    how: str                     # option (--meeting-date) | manifest | inferred
    basis: str = ""              # Chinese: what the date was inferred from


@dataclass
class DocResult:
    document: Document
    structure: Structure
    findings: list[Finding] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)  # copy ratios etc. (reuse stage)
    meeting_date: MeetingDate | None = None
    years: Any = None            # analyzer.yearly.lineage.YearComparison, when earlier drafts are known
    report_due: date | None = None   # 上报时限: rectification reported by this day (meeting date + 15 days)
    decision: Any = None         # analyzer.decide.Decision: verdict, figures, 整改清单 (decide stage)


@dataclass
class LoadFailure:
    path: str
    message: str                 # one Chinese line: file, what is wrong, what to do


@dataclass
class MissingMember:
    """A member of the roster (manifest) whose draft is not in the batch: 未提交."""

    member: str
    file: str                    # the file the manifest names
    team: str | None = None
    role: str | None = None


@dataclass
class BatchResult:
    rules: str                   # rule-set id, e.g. "2020-political-ecology"
    documents: list[DocResult] = field(default_factory=list)
    reuse: list[Reuse] = field(default_factory=list)
    same_hand: list[SameHandGroup] = field(default_factory=list)
    errors: list[LoadFailure] = field(default_factory=list)
    sources: dict[str, Document] = field(default_factory=dict)  # team/template/history docs by id
    meeting_date: MeetingDate | None = None   # the batch's (per draft: DocResult.meeting_date)
    root: str | None = None      # the batch folder (reports show paths relative to it)
    missing: list[MissingMember] = field(default_factory=list)  # roster members without a draft
    team_rules: dict[str, str] = field(default_factory=dict)     # team -> rule-set id (several teams)
    stats: dict[str, Any] = field(default_factory=dict)          # seconds per stage, sizes
    scratch: Any = field(default=None, repr=False, compare=False)  # keeps zip entries' copies alive
