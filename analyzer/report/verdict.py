"""The reviewer's verdict on one draft — the single presentation rule every format uses.

Rule (in this order):

* **建议退回修改** — any finding of severity ``error`` (e.g. a missing required section), or
  ``RETURN_WARNINGS`` or more warnings, or a *copy ratio* of at least ``RETURN_COPY_RATIO``;
* **建议修改** — any ``warning``, or a copy ratio of at least ``REVISE_COPY_RATIO``;
* **通过** — otherwise (``info`` findings alone never block a draft).

The *copy ratio* is the share of the draft's text that stands in another member's draft, a
template or the member's own earlier draft. Text shared with the team's own material
(``team``) is allowed and does not count. It is read from ``DocResult.figures`` (filled by the
reuse stage, ``analyzer.reuse.detect``), accepting these shapes:

* ``figures["ratio_without_team"]`` (the reuse stage's union of member/template/history
  coverage) with ``figures["ratio_by_kind"] = {"member": 0.12, "team": 0.05, ...}``
  and ``figures["total_ratio"]`` — preferred;
* ``figures["copy_ratios"] = {"member": 0.12, "template": 0.3, ...}`` (per source kind), or
* ``figures["copy_ratio_member"]``, ``figures["copy_ratio_template"]``, ... (flat per kind), or
* ``figures["copy_ratio"]`` (one overall ratio, used as is when no per-kind ratio exists).

Ratios may be fractions (0–1) or percentages (1–100).
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping

RETURN = "建议退回修改"
REVISE = "建议修改"
PASS = "通过"
VERDICTS = (RETURN, REVISE, PASS)

RETURN_COPY_RATIO = 0.30
REVISE_COPY_RATIO = 0.10
RETURN_WARNINGS = 10
CONDEMNED_KINDS = ("member", "template", "history")
ALL_KINDS = CONDEMNED_KINDS + ("team",)


def _ratio(value: Any) -> float | None:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    if v != v or v < 0:  # NaN or negative
        return None
    return v / 100.0 if v > 1.0 else v


def copy_ratios(figures: Mapping[str, Any] | None) -> dict[str, float]:
    """Per source kind ratios found in ``figures``; key ``"all"`` holds the overall ratio."""
    figures = figures or {}
    out: dict[str, float] = {}
    for key in ("ratio_by_kind", "copy_ratios"):
        nested = figures.get(key)
        if not isinstance(nested, Mapping):
            continue
        for kind, value in nested.items():
            r = _ratio(value)
            if r is not None and str(kind) not in out:
                out[str(kind)] = r
    for kind in ALL_KINDS:
        r = _ratio(figures.get(f"copy_ratio_{kind}"))
        if r is not None and kind not in out:
            out[kind] = r
    for key in ("total_ratio", "copy_ratio"):
        overall = _ratio(figures.get(key))
        if overall is not None:
            out["all"] = overall
            break
    condemned = _ratio(figures.get("ratio_without_team"))
    if condemned is not None:
        out["condemned"] = condemned
    return out


def condemned_copy_ratio(figures: Mapping[str, Any] | None) -> float:
    """The copy ratio the verdict uses: team text excluded when per-kind ratios are known."""
    ratios = copy_ratios(figures)
    if "condemned" in ratios:
        return ratios["condemned"]
    per_kind = [ratios[k] for k in CONDEMNED_KINDS if k in ratios]
    if per_kind:
        return round(min(1.0, sum(per_kind)), 6)
    if "team" in ratios and "all" in ratios:
        return round(max(0.0, ratios["all"] - ratios["team"]), 6)
    return ratios.get("all", 0.0)


def verdict_of(severities: Iterable[str], figures: Mapping[str, Any] | None = None) -> str:
    """Verdict from finding severities and figures (works on model objects and JSON dicts)."""
    sev = list(severities)
    ratio = condemned_copy_ratio(figures)
    warnings = sev.count("warning")
    if "error" in sev or warnings >= RETURN_WARNINGS or ratio >= RETURN_COPY_RATIO:
        return RETURN
    if warnings or ratio >= REVISE_COPY_RATIO:
        return REVISE
    return PASS


def verdict(doc_result) -> str:
    """建议退回修改 / 建议修改 / 通过 for one ``DocResult`` (see the module docstring)."""
    return verdict_of((f.severity for f in doc_result.findings), doc_result.figures)


def verdict_reasons(doc_result) -> list[str]:
    """Short Chinese reasons behind the verdict, for tooltips and the summary sheet."""
    sev = [f.severity for f in doc_result.findings]
    ratio = condemned_copy_ratio(doc_result.figures)
    reasons = []
    if sev.count("error"):
        reasons.append(f"{sev.count('error')}处错误")
    if sev.count("warning"):
        reasons.append(f"{sev.count('warning')}处警告")
    if ratio >= REVISE_COPY_RATIO:
        reasons.append(f"雷同比例{ratio:.0%}")
    return reasons
