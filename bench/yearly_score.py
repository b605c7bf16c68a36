"""Score a batch report's year-on-year findings against labels: ``python bench/yearly_score.py LABELS.json REPORT.json``.

The report is the JSON of ``draftcheck batch … --history DIR (or the store) --format json``. The labels
file, written by whoever wrote the drafts::

    {
      "meeting_date": "2022-01-18",            // optional, for the reader: the date the labels assume
      "documents": {
        "M01": {                               // the report's document id (file stem or manifest key);
                                               // a member name or file name is matched too
          "repeated": ["防汛防灾责任落实不到位。2021年6月强降"],
                                               // problems raised again from the member's earlier draft with
                                               // no word on last year's rectification: the first 20
                                               // characters of each item, after its number （一）/1./一是
          "stale": ["2021年6月底前"]            // deadlines of measures that lie before the meeting date:
                                               // exact substrings of the draft
        },
        "M02": {"repeated": [], "stale": []}   // list every document scored, even with nothing to find
      }
    }

Optional keys per document, scored when present (recall and false alarms per key, printed after the
targets; they do not enter ``--check``)::

          "unreported": true,                  // no 上年度整改落实情况 at all: a YR002 saying so
          "claimed_done_but_repeated": ["…"],  // problems (first 20 characters) raised again although the
                                               // last-year part reports them done: a YR003 naming them
          "measure_repeated": ["…"]            // measures (first 20 characters) carried over: YR005

A YR002 that lists some earlier measures as unreported (the part exists but leaves them out) is
counted apart: it is neither a hit nor a false alarm for ``unreported``.

Only documents listed are scored. A labelled problem is found when a ``repeated-problem`` finding's
excerpt, its number and spaces removed, starts with the label (or the label with the excerpt's start);
every other ``repeated-problem`` finding in a listed document is a false alarm. A labelled deadline is
found when a ``stale-deadline`` finding's excerpt contains it or lies inside it; other stale-deadline
findings are fresh deadlines flagged.

Prints the figures the issue asks for (repeated problems found ≥ 0.9 with ≤ 1 false alarm per ten
members; every stale deadline found and no fresh one flagged) and each miss and false alarm. With
``--check`` the exit code is 1 when those targets are not met.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

_MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[.．、]|"
                     r"[①-⑳]|[一二三四五六七八九十]+是[，,：:]?)\s*")


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", _MARKER.sub("", text.strip(), count=1))


def _doc_keys(doc: dict) -> set[str]:
    keys = {str(doc.get("id") or "")}
    if doc.get("member"):
        keys.add(str(doc["member"]))
    if doc.get("path"):
        name = Path(str(doc["path"])).name
        keys |= {name, Path(name).stem}
    return keys - {""}


def score(labels: dict, report: dict) -> dict:
    by_key: dict[str, dict] = {}
    for doc in report.get("documents") or []:
        for k in _doc_keys(doc):
            by_key.setdefault(k, doc)
    out = {"members": 0, "repeated": 0, "repeated_found": 0, "repeated_false": 0, "stale": 0, "stale_found": 0,
           "stale_false": 0, "missing_documents": [], "misses": [], "false_alarms": []}
    for key, want in (labels.get("documents") or {}).items():
        doc = by_key.get(key)
        if doc is None:
            out["missing_documents"].append(key)
            continue
        out["members"] += 1
        findings = doc.get("findings") or []
        rep = [f for f in findings if f.get("category") == "repeated-problem"]
        stale = [f for f in findings if f.get("category") == "stale-deadline"]
        def same_item(label: str, f: dict) -> bool:
            lab, got = _clean(label), _clean(f.get("excerpt", ""))
            return got.startswith(lab) or lab.startswith(got[:20])

        def inside(label: str, f: dict) -> bool:
            got = f.get("excerpt", "")
            return label in got or got in label

        for kind, found, hits, what in (("repeated", rep, same_item, "问题"), ("stale", stale, inside, "过期时限")):
            used: set[int] = set()
            for label in want.get(kind) or []:
                out[kind] += 1
                hit = next((i for i, f in enumerate(found) if i not in used and hits(label, f)), None)
                if hit is None:
                    out["misses"].append(f"{key} 漏报{what}：{label}")
                else:
                    used.add(hit)
                    out[f"{kind}_found"] += 1
            for i, f in enumerate(found):
                if i not in used:
                    out[f"{kind}_false"] += 1
                    out["false_alarms"].append(f"{key} 误报{what}：{_clean(f.get('excerpt', ''))[:20]}")
    return out


_WHOLE_UNREPORTED = "没有报告上年度整改落实情况"      # YR002's message when the draft reports nothing
_CLAIM_NEW = re.compile(r"又查摆了它：“([^”]*)”")            # YR003's message quotes this year's problem


def _same_item(label: str, excerpt: str) -> bool:
    lab, got = _clean(label), _clean(excerpt).rstrip("…")
    return bool(got) and (got.startswith(lab) or lab.startswith(got[:20]))


def score_extra(labels: dict, report: dict) -> dict:
    """The optional keys: {key: {"total", "found", "false", "lines"}} (and "partial" for unreported)."""
    by_key: dict[str, dict] = {}
    for doc in report.get("documents") or []:
        for k in _doc_keys(doc):
            by_key.setdefault(k, doc)
    out = {k: {"total": 0, "found": 0, "false": 0, "lines": []}
           for k in ("unreported", "claimed_done_but_repeated", "measure_repeated")}
    out["unreported"]["partial"] = 0
    for key, want in (labels.get("documents") or {}).items():
        doc = by_key.get(key)
        if doc is None:
            continue
        findings = doc.get("findings") or []
        if "unreported" in want:
            o = out["unreported"]
            yr2 = [f for f in findings if f.get("rule") == "YR002"]
            whole = [f for f in yr2 if _WHOLE_UNREPORTED in f.get("message", "")]
            o["partial"] += len(yr2) - len(whole)
            if want["unreported"]:
                o["total"] += 1
                if whole:
                    o["found"] += 1
                else:
                    o["lines"].append(f"{key} 漏报：没有上年度整改落实情况")
            elif whole:
                o["false"] += 1
                o["lines"].append(f"{key} 误报：称没有报告上年度整改落实情况")
        for kind, rule, excerpt in (("claimed_done_but_repeated", "YR003",
                                     lambda f: (_CLAIM_NEW.search(f.get("message", "")) or [None, ""])[1]),
                                    ("measure_repeated", "YR005", lambda f: f.get("excerpt", ""))):
            if kind not in want:
                continue
            o = out[kind]
            found = [f for f in findings if f.get("rule") == rule]
            used: set[int] = set()
            for label in want.get(kind) or []:
                o["total"] += 1
                hit = next((i for i, f in enumerate(found) if i not in used and _same_item(label, excerpt(f))), None)
                if hit is None:
                    o["lines"].append(f"{key} 漏报：{label}")
                else:
                    used.add(hit)
                    o["found"] += 1
            for i, f in enumerate(found):
                if i not in used:
                    o["false"] += 1
                    o["lines"].append(f"{key} 误报：{_clean(excerpt(f))[:20]}")
    return out


def _ratio(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.2f}" if b else f"{a}/0"


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if a != "--check"]
    if len(args) != 2:
        print(__doc__.splitlines()[0], file=sys.stderr)
        return 2
    labels = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    report = json.loads(Path(args[1]).read_text(encoding="utf-8"))
    s = score(labels, report)
    per_ten = 10 * s["repeated_false"] / s["members"] if s["members"] else 0.0
    print(f"members scored: {s['members']}" + (f" (not in report: {', '.join(s['missing_documents'])})"
                                                if s["missing_documents"] else ""))
    print(f"repeated problems found: {_ratio(s['repeated_found'], s['repeated'])}, false alarms {s['repeated_false']}"
          f" ({per_ten:.1f} per ten members)")
    print(f"stale deadlines found: {_ratio(s['stale_found'], s['stale'])}, fresh ones flagged {s['stale_false']}")
    for line in s["misses"] + s["false_alarms"]:
        print("  " + line)
    ok = (s["repeated"] == 0 or s["repeated_found"] / s["repeated"] >= 0.9) and per_ten <= 1.0 \
        and s["stale_found"] == s["stale"] and s["stale_false"] == 0 and not s["missing_documents"]
    print("targets met" if ok else "targets NOT met")
    extra = score_extra(labels, report)
    for kind, rule in (("unreported", "YR002"), ("claimed_done_but_repeated", "YR003"), ("measure_repeated", "YR005")):
        e = extra[kind]
        if not e["total"] and not e["false"] and not e.get("partial"):
            continue
        part = f", YR002 listing some measures unreported {e['partial']}" if kind == "unreported" else ""
        print(f"{kind} ({rule}) found: {_ratio(e['found'], e['total'])}, false alarms {e['false']}{part}")
        for line in e["lines"]:
            print("  " + line)
    return 1 if "--check" in argv and not ok else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
