"""What the reviewer concludes about each draft: every figure and decision a report shows.

The reuse stage measures copying (``DocResult.figures``, see ``analyzer.reuse.detect``); the rules
produce findings. This module turns both into one ``Decision`` per draft:

* counts of findings by severity and category;
* the copy figures a CNKI user expects (总雷同比例, 扣除班子, 扣除往年, 单一来源最大, 最长片段) and the
  share of the draft found in each source (the heatmap cells) — read from the reuse stage, never
  recomputed, so every report shows the same value;
* the verdict (建议退回修改 / 建议修改 / 通过) and the reasons behind it, with thresholds read from
  ``rules/decide/verdict.yaml``;
* the same-hand groups the draft belongs to and its 整改清单 rows.

Reports only render ``DocResult.decision``; ``ensure(result)`` fills it for results built without
the pipeline (hand-made test fixtures, other front ends).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from analyzer.errors import ConfigError
from analyzer.model import SEVERITIES, SOURCE_KINDS, BatchResult, Document, DocResult, Reuse
from analyzer.paths import RULES_DIR
from analyzer.plan import PlanRow, plan_rows

RETURN = "建议退回修改"
REVISE = "建议修改"
PASS = "通过"
VERDICTS = (RETURN, REVISE, PASS)

VERDICT_FILE = RULES_DIR / "decide" / "verdict.yaml"
# Source kinds whose text counts against a draft; team text may be claimed.
CONDEMNED_KINDS = tuple(k for k in SOURCE_KINDS if k != "team")


# ---- thresholds (data) -----------------------------------------------------------------------

@dataclass(frozen=True)
class Thresholds:
    """When a draft is sent back (any ``return_*`` reached) or needs revising (any ``revise_*``)."""

    return_errors: int
    return_warnings: int
    return_copy_ratio: float
    revise_warnings: int
    revise_copy_ratio: float

    def describe(self) -> str:
        """The rule in one Chinese sentence, for report footers."""
        return (f"有{self.return_errors}处以上“错误”或{self.return_warnings}处以上“警告”、或与他人/范文/往年材料"
                f"雷同比例达{percent(self.return_copy_ratio)}，建议退回修改；有{self.revise_warnings}处以上“警告”"
                f"或雷同比例达{percent(self.revise_copy_ratio)}，建议修改；否则通过。引用班子材料不计入雷同比例，"
                f"“提示”不影响结论。")

    def as_dict(self) -> dict[str, Any]:
        return {"return": {"errors": self.return_errors, "warnings": self.return_warnings,
                           "copy_ratio": self.return_copy_ratio},
                "revise": {"warnings": self.revise_warnings, "copy_ratio": self.revise_copy_ratio}}


_LEVEL_KEYS = {"return": {"errors", "warnings", "copy_ratio"}, "revise": {"warnings", "copy_ratio"}}


def _number(value: Any, where: str, *, ratio: bool) -> float | int:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    if ok and ratio:
        ok = 0 <= value <= 1
    elif ok:
        ok = value >= 1 and float(value).is_integer()
    if not ok:
        want = "0 到 1 之间的比例（如 0.3）" if ratio else "不小于 1 的整数"
        raise ConfigError(f"{where}：应为{want}，现为“{value}”")
    return float(value) if ratio else int(value)


def read_thresholds(path: Path) -> Thresholds:
    """Thresholds from a YAML file shaped like ``rules/decide/verdict.yaml`` (validated)."""
    from analyzer.rules.engine import read_yaml

    data = read_yaml(Path(path))
    if not isinstance(data, dict) or set(data) != set(_LEVEL_KEYS):
        raise ConfigError(f"{path}：应有且只有 return（退回）和 revise（修改）两项")
    values: dict[str, Any] = {}
    for level, keys in _LEVEL_KEYS.items():
        part = data[level]
        if not isinstance(part, dict) or set(part) != keys:
            raise ConfigError(f"{path}：{level} 应有且只有 {'、'.join(sorted(keys))}")
        for key in keys:
            values[f"{level}_{key}"] = _number(part[key], f"{path}：{level}.{key}", ratio=key == "copy_ratio")
    if values["revise_copy_ratio"] > values["return_copy_ratio"]:
        raise ConfigError(f"{path}：revise.copy_ratio 不应大于 return.copy_ratio")
    return Thresholds(**values)


@lru_cache(maxsize=1)
def default_thresholds() -> Thresholds:
    return read_thresholds(VERDICT_FILE)


def whole_percent(ratio: float) -> int:
    """A ratio in whole percent, halves rounded up (0.1653 → 17). Verdicts compare this value."""
    return int(ratio * 100 + 0.5 + 1e-9)


def percent(ratio: float) -> str:
    """How every report writes a ratio (0.1653 → 17%)."""
    return f"{whole_percent(ratio)}%"


# ---- copy figures ----------------------------------------------------------------------------

@dataclass
class CopyFigures:
    """Copying figures of one draft; ratios are shares (0–1) of the draft's text."""

    compared: bool = False           # the draft was compared with other texts (batch)
    total_chars: int = 0             # characters measured (letters and digits)
    copied_chars: int = 0
    total: float = 0.0               # 总雷同比例: every source, team material included
    without_team: float = 0.0        # 扣除班子: the ratio the verdict counts
    without_history: float = 0.0     # 扣除往年
    by_kind: dict[str, float] = field(default_factory=dict)
    by_source: dict[str, float] = field(default_factory=dict)   # source id → share (heatmap)
    max_source: str | None = None    # 单一来源最大 (team excluded)
    max_source_kind: str | None = None
    max_source_ratio: float = 0.0
    longest_passage: int = 0         # 最长片段, original characters
    passages: int = 0

    @property
    def counted(self) -> float:
        """The ratio the verdict uses (team claims are allowed)."""
        return self.without_team

    def as_dict(self) -> dict[str, Any]:
        """The reuse stage's key names (``figures`` in the JSON report)."""
        if not self.compared:
            return {}
        return {"total_chars": self.total_chars, "copied_chars": self.copied_chars,
                "total_ratio": self.total, "ratio_without_team": self.without_team,
                "ratio_without_history": self.without_history, "ratio_by_kind": dict(self.by_kind),
                "ratio_by_source": dict(self.by_source), "max_source": self.max_source,
                "max_source_kind": self.max_source_kind, "max_source_ratio": self.max_source_ratio,
                "longest_passage": self.longest_passage, "passages": self.passages}


def _ratio(value: Any) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return 0.0
    return v if 0.0 <= v <= 1.0 else 0.0


def _measured(text: str) -> list[int]:
    """Positions of the characters copying is measured on (letters and digits, as the reuse stage)."""
    return [i for i, ch in enumerate(text) if ch.isalnum()]


def covered_share(text: str, spans: Iterable[tuple[int, int]]) -> tuple[float, int, int]:
    """(share, covered, total) of the letters and digits of ``text`` inside ``spans``."""
    marks = bytearray(len(text))
    for s, e in spans:
        s, e = max(0, s), min(len(text), e)
        if e > s:
            marks[s:e] = b"\x01" * (e - s)
    measured = _measured(text)
    covered = sum(marks[i] for i in measured)
    return (covered / len(measured) if measured else 0.0), covered, len(measured)


def _from_stage(figures: Mapping[str, Any]) -> CopyFigures:
    by_kind = {str(k): _ratio(v) for k, v in (figures.get("ratio_by_kind") or {}).items()}
    return CopyFigures(
        compared=True,
        total_chars=int(figures.get("total_chars") or 0), copied_chars=int(figures.get("copied_chars") or 0),
        total=_ratio(figures.get("total_ratio")), without_team=_ratio(figures.get("ratio_without_team")),
        without_history=_ratio(figures.get("ratio_without_history")), by_kind=by_kind,
        by_source={str(k): _ratio(v) for k, v in (figures.get("ratio_by_source") or {}).items()},
        max_source=figures.get("max_source"), max_source_kind=figures.get("max_source_kind"),
        max_source_ratio=_ratio(figures.get("max_source_ratio")),
        longest_passage=int(figures.get("longest_passage") or 0), passages=int(figures.get("passages") or 0),
    )


def _from_spans(doc: Document, reuses: Sequence[Reuse]) -> CopyFigures:
    """Figures measured here, for results that did not pass through the reuse stage."""
    text = doc.text

    def share(pred) -> float:
        return round(covered_share(text, [(r.start, r.end) for r in reuses if pred(r)])[0], 4)

    total, covered, measured = covered_share(text, [(r.start, r.end) for r in reuses])
    by_source = {src: share(lambda r, src=src: r.source == src) for src in dict.fromkeys(r.source for r in reuses)}
    kind_of = {r.source: r.source_kind for r in reuses}
    best = max((s for s in by_source if kind_of[s] != "team"), key=lambda s: (by_source[s], s), default=None)
    return CopyFigures(
        compared=True, total_chars=measured, copied_chars=covered, total=round(total, 4),
        without_team=share(lambda r: r.source_kind != "team"),
        without_history=share(lambda r: r.source_kind != "history"),
        by_kind={k: share(lambda r, k=k: r.source_kind == k) for k in SOURCE_KINDS},
        by_source=by_source, max_source=best, max_source_kind=kind_of.get(best) if best else None,
        max_source_ratio=by_source.get(best, 0.0) if best else 0.0,
        longest_passage=max(r.end - r.start for r in reuses), passages=len(reuses),
    )


def copy_figures(res: DocResult, reuses: Sequence[Reuse] = ()) -> CopyFigures:
    """The draft's copy figures: the reuse stage's when it ran, else measured from ``reuses``."""
    if res.figures:
        return _from_stage(res.figures)
    own = [r for r in reuses if r.doc == res.document.id]
    return _from_spans(res.document, own) if own else CopyFigures()


# ---- verdict ---------------------------------------------------------------------------------

def verdict_of(severities: Mapping[str, int], copy_ratio: float = 0.0,
               thresholds: Thresholds | None = None) -> tuple[str, list[str]]:
    """The verdict and its reasons from counts of findings by severity and the counted copy ratio."""
    th = thresholds or default_thresholds()
    errors, warnings = severities.get("error", 0), severities.get("warning", 0)
    # Ratios are compared as shown (whole percent), so a draft shown at 30% is never judged below 30%.
    copied = whole_percent(copy_ratio)
    reasons = []
    if errors:
        reasons.append(f"{errors}处错误")
    if warnings:
        reasons.append(f"{warnings}处警告")
    if copied >= whole_percent(th.revise_copy_ratio):
        reasons.append(f"雷同比例{percent(copy_ratio)}")
    if errors >= th.return_errors or warnings >= th.return_warnings \
            or copied >= whole_percent(th.return_copy_ratio):
        return RETURN, reasons
    if warnings >= th.revise_warnings or copied >= whole_percent(th.revise_copy_ratio):
        return REVISE, reasons
    return PASS, reasons


# ---- decisions -------------------------------------------------------------------------------

@dataclass
class Decision:
    """Everything a report shows about one draft beyond its findings."""

    verdict: str
    reasons: list[str]                       # short Chinese reasons ("2处错误", "雷同比例31%")
    severities: dict[str, int]               # finding counts by severity (every severity present)
    categories: dict[str, int]               # finding counts by category
    copy: CopyFigures
    groups: list[int] = field(default_factory=list)   # same-hand groups (1-based) holding the draft
    plan: list[PlanRow] = field(default_factory=list)  # 整改清单 rows

    @property
    def group_label(self) -> str:
        return "、".join(f"第{n}组" for n in self.groups)


def decide_document(res: DocResult, reuses: Sequence[Reuse] = (), groups: Sequence[int] = (),
                    thresholds: Thresholds | None = None) -> Decision:
    sev = Counter(f.severity for f in res.findings)
    copy = copy_figures(res, reuses)
    verdict, reasons = verdict_of(sev, copy.counted, thresholds)
    return Decision(verdict=verdict, reasons=reasons, severities={s: sev.get(s, 0) for s in SEVERITIES},
                    categories=dict(Counter(f.category for f in res.findings)), copy=copy,
                    groups=list(groups), plan=plan_rows(res))


def group_numbers(result: BatchResult) -> dict[str, list[int]]:
    """doc id → the same-hand groups (1-based, in the result's order) it belongs to."""
    out: dict[str, list[int]] = {}
    for n, g in enumerate(result.same_hand, 1):
        for d in g.docs:
            out.setdefault(d, []).append(n)
    return out


def decide(result: BatchResult, thresholds: Thresholds | None = None) -> BatchResult:
    """Fill ``decision`` on every draft of ``result`` (returns ``result``)."""
    groups = group_numbers(result)
    by_doc: dict[str, list[Reuse]] = {}
    for r in result.reuse:
        by_doc.setdefault(r.doc, []).append(r)
    for res in result.documents:
        res.decision = decide_document(res, by_doc.get(res.document.id, []), groups.get(res.document.id, []),
                                       thresholds)
    return result


def ensure(result: BatchResult) -> BatchResult:
    """``decide(result)`` unless every draft already carries its decision."""
    if any(getattr(res, "decision", None) is None for res in result.documents):
        decide(result)
    return result


# ---- two files side by side (draftcheck compare) ---------------------------------------------

@dataclass
class PairFigures:
    passages: int
    ratio_a: float          # share of A's letters and digits that stand in B
    ratio_b: float
    longest: int            # longest passage, characters of A


def pair_figures(a: Document, b: Document, reuses: Sequence[Reuse]) -> PairFigures:
    rows = [r for r in reuses if r.doc == a.id and r.source == b.id]
    return PairFigures(
        passages=len(rows),
        ratio_a=round(covered_share(a.text, [(r.start, r.end) for r in rows])[0], 4),
        ratio_b=round(covered_share(b.text, [(r.source_start, r.source_end) for r in rows])[0], 4),
        longest=max((r.end - r.start for r in rows), default=0),
    )
