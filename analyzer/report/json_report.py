"""The JSON report fixed by the contract (``draftcheck-report/1``)."""
from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from analyzer import __version__
from analyzer.decide import default_thresholds, ensure
from analyzer.load.common import display_path
from analyzer.model import BatchResult, DocResult

SCHEMA = "draftcheck-report/1"
CONTRACT_SECTIONS = ("problems", "causes", "measures", "criticism")


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_jsonable(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _sections(res: DocResult) -> dict[str, Any]:
    out: dict[str, Any] = {}
    roles = list(CONTRACT_SECTIONS) + sorted(r for r in res.structure.sections if r not in CONTRACT_SECTIONS)
    for role in roles:
        sec = res.structure.sections.get(role)
        out[role] = None if sec is None else {"heading": sec.heading, "start": sec.start, "end": sec.end}
    return out


def meeting_date_dict(md) -> dict[str, Any] | None:
    """``{date, how, basis}`` of a MeetingDate (contract: ``meeting_date``), None when unknown."""
    if md is None:
        return None
    return {"date": md.date.isoformat(), "how": md.how, "basis": md.basis}


def _plan(res: DocResult) -> list[dict[str, Any]]:
    return [{"problem": p.problem, "measure": p.measure, "deadline": p.deadline, "owner": p.owner,
             "source": p.source, "problem_index": p.problem_index, "measure_index": p.measure_index,
             "carried": p.carried or None, "report_due": p.report_due}
            for p in res.decision.plan]


def document_dict(res: DocResult) -> dict[str, Any]:
    doc, st, decision = res.document, res.structure, res.decision
    item = lambda it: {"start": it.start, "end": it.end, "text": it.text}  # noqa: E731
    return {
        "id": doc.id,
        "path": display_path(doc.path),
        "member": doc.member,
        "role": doc.role,
        "unit": doc.unit,
        "team": doc.team,
        "year": doc.year,
        "format": doc.format,
        "text_length": len(doc.text),
        "sections": _sections(res),
        "problems": [item(p) for p in st.problems],
        "causes": [item(c) for c in st.causes],
        "measures": [{**item(m), "answers": list(m.answers)} for m in st.measures],
        "criticisms": [item(c) for c in st.criticisms],
        "findings": [
            {"rule": f.rule, "name": f.name, "category": f.category, "severity": f.severity,
             "start": f.start, "end": f.end, "section": f.section, "excerpt": f.excerpt,
             "message": f.message, "suggestion": f.suggestion, **({"data": _jsonable(f.data)} if f.data else {})}
            for f in res.findings
        ],
        "meeting_date": meeting_date_dict(res.meeting_date),
        "report_due": res.report_due.isoformat() if res.report_due else None,
        "year_comparison": res.years.as_dict() if res.years is not None else None,
        "figures": _jsonable(decision.copy.as_dict()),
        "verdict": decision.verdict,
        "verdict_reasons": list(decision.reasons),
        "plan": _plan(res),
        "metadata": _jsonable(doc.metadata),
    }


def to_dict(result: BatchResult) -> dict[str, Any]:
    ensure(result)
    return {
        "schema": SCHEMA,
        "tool": {"name": "draftcheck", "version": __version__},
        "rules": result.rules,
        "thresholds": default_thresholds().as_dict(),
        "documents": [document_dict(r) for r in result.documents],
        "reuse": [_jsonable(asdict(r)) for r in result.reuse],
        "same_hand": [_jsonable(asdict(g)) for g in result.same_hand],
        "sources": [
            {"id": d.id, "path": display_path(d.path), "kind": d.kind, "member": d.member, "year": d.year}
            for d in result.sources.values()
        ],
        "meeting_date": meeting_date_dict(result.meeting_date),
        "missing": [_jsonable(asdict(m)) for m in result.missing],
        "teams": [{"team": name, "rules": rules} for name, rules in result.team_rules.items()],
        "errors": [{"path": e.path, "message": e.message} for e in result.errors],
    }


def dumps(result: BatchResult) -> str:
    return json.dumps(to_dict(result), ensure_ascii=False, indent=2) + "\n"
