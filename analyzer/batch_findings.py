"""Findings made from batch-level results (reused passages), with wording from rules/batch/*.yaml."""
from __future__ import annotations

from functools import lru_cache

import yaml

from analyzer.errors import ConfigError
from analyzer.model import DocResult, Finding, Reuse
from analyzer.paths import RULES_DIR

REUSE_RULES = RULES_DIR / "batch" / "reuse.yaml"
_KEYS = {"code", "name", "source_kind", "category", "severity", "message", "suggestion", "norm"}


@lru_cache(maxsize=1)
def reuse_rules() -> dict[str, dict]:
    """Rule data by source kind, validated (unknown or missing keys are refused)."""
    data = yaml.safe_load(REUSE_RULES.read_text(encoding="utf-8")) or {}
    out: dict[str, dict] = {}
    for i, rule in enumerate(data.get("rules", [])):
        keys = set(rule)
        if keys != _KEYS:
            wrong = sorted(keys ^ _KEYS)
            raise ConfigError(f"{REUSE_RULES}：第{i + 1}条规则的键不对：{'、'.join(wrong)}")
        out[rule["source_kind"]] = rule
    return out


def _section_of(res: DocResult, start: int) -> str | None:
    for role, sec in res.structure.sections.items():
        if sec.start <= start < sec.end:
            return role
    return None


def reuse_findings(reuse: list[Reuse], results: dict[str, DocResult],
                   names: dict[str, str] | None = None) -> dict[str, list[Finding]]:
    """One finding per reused passage, on the side of the draft that holds it."""
    rules = reuse_rules()
    names = names or {}
    out: dict[str, list[Finding]] = {}
    for r in reuse:
        res = results.get(r.doc)
        rule = rules.get(r.source_kind)
        if res is None or rule is None:
            continue
        values = {"source": r.source, "source_name": names.get(r.source, r.source),
                  "length": r.end - r.start, "similarity": round(r.similarity * 100)}
        out.setdefault(r.doc, []).append(Finding(
            rule=rule["code"], category=rule["category"], severity=rule["severity"],
            start=r.start, end=r.end, excerpt=res.document.text[r.start:r.end],
            message=rule["message"].format(**values), suggestion=rule["suggestion"],
            section=_section_of(res, r.start), name=rule["name"],
            data={"source": r.source, "source_kind": r.source_kind,
                  "source_start": r.source_start, "source_end": r.source_end},
        ))
    return out
