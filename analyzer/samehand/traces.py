"""Word file traces (docProps/core.xml, app.xml, word/settings.xml) shared between drafts.

Every field is compared after two subtractions:

* generic values (``generic_accounts.txt``: Administrator, 办公室, 微软用户, Normal.dotm...) never count;
* a value (or an rsid) that a large share of the batch carries — three files or more and over 60 %
  of the files that have the field — is treated as the distributed template or the office's
  common setting and does not count either.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..model import Document
from ..wordlist import read_list

COMMON_MIN_DOCS = 3
COMMON_SHARE = 0.6

# Weights: the probability-like strength one shared trace gives a pair (combined as 1 - Π(1 - w)).
W_RSID_ROOT = 0.75
W_RSID_EACH = 0.3          # shared rsids: 1 - (1 - W)^k, capped
W_RSID_CAP = 0.85
W_LAST_MODIFIED = 0.6
W_CREATOR = 0.5
W_CROSS_ACCOUNT = 0.4
W_TEMPLATE = 0.3
W_COMPANY = 0.2
W_CREATED_CLOSE = 0.25
W_MODIFIED_CLOSE = 0.1
W_BUILD = 0.1
CLOSE_MINUTES = 15


@lru_cache(maxsize=1)
def generic_values() -> frozenset[str]:
    return frozenset(v.lower() for v in read_list(Path(__file__).with_name("generic_accounts.txt")))


@lru_cache(maxsize=1)
def generator_rsids() -> frozenset[str]:
    return frozenset(v.upper() for v in read_list(Path(__file__).with_name("generator_rsids.txt")))


def clean(value: Any) -> str:
    """A metadata value as a comparable string; '' for generic or empty values."""
    if value is None:
        return ""
    s = str(value).strip()
    if not s or s.lower() in generic_values():
        return ""
    return s


def _parse_time(value: Any) -> datetime | None:
    if not value:
        return None
    s = str(value).strip().replace("Z", "+00:00")
    try:
        dt = datetime.fromisoformat(s)
    except ValueError:
        return None
    return dt.replace(tzinfo=None)


def _rsids(meta: dict[str, Any]) -> set[str]:
    vals = meta.get("rsids") or []
    if isinstance(vals, str):
        vals = vals.replace(",", " ").split()
    return {str(v).strip().upper() for v in vals if str(v).strip()} - generator_rsids()


def _is_common(df: int, n_present: int) -> bool:
    return df >= COMMON_MIN_DOCS and df > COMMON_SHARE * n_present


@dataclass
class TraceTable:
    """Per-document cleaned trace values plus what is common in the batch."""

    ids: list[str]
    values: dict[str, dict[str, str]] = field(default_factory=dict)    # doc -> field -> value
    rsids: dict[str, set[str]] = field(default_factory=dict)           # doc -> non-common rsids
    all_rsids: dict[str, set[str]] = field(default_factory=dict)
    common_rsids: set[str] = field(default_factory=set)
    common: dict[str, set[str]] = field(default_factory=dict)          # field -> common values
    created: dict[str, datetime | None] = field(default_factory=dict)
    modified: dict[str, datetime | None] = field(default_factory=dict)
    total_time: dict[str, float | None] = field(default_factory=dict)
    close_share: dict[str, float] = field(default_factory=dict)        # created/modified: share of close pairs


_META_KEYS = ("creator", "last_modified_by", "company", "template", "application", "rsid_root", "rsids",
              "created", "modified", "total_time", "wps_build")
FIELDS = ("creator", "last_modified_by", "company", "template", "rsid_root", "wps_build", "appver")


@dataclass
class CommonTraces:
    """Trace values and rsids common in a population (a whole city batch): subtracted in each team."""

    values: dict[str, set[str]] = field(default_factory=dict)
    rsids: set[str] = field(default_factory=set)


def common_traces(docs: list[Document]) -> CommonTraces:
    """What a large share of ``docs`` carries (the city's distributed template, its common setting)."""
    table = build_table(docs)
    return CommonTraces({f: set(v) for f, v in table.common.items()}, set(table.common_rsids))


def build_table(docs: list[Document], reference: list[Document] | tuple = (),
                common: CommonTraces | None = None) -> TraceTable:
    """Clean the members' traces; ``reference`` documents (a distributed template .docx, the team's
    material...) are not compared but whatever traces they carry are subtracted from the members'; so
    is whatever is ``common`` in the wider batch the members belong to (a city's teams)."""
    table = TraceTable(ids=[d.id for d in docs])
    for d in docs:
        m = d.metadata or {}
        vals = {
            "creator": clean(m.get("creator")),
            "last_modified_by": clean(m.get("last_modified_by")),
            "company": clean(m.get("company")),
            "template": clean(m.get("template")),
            "rsid_root": "" if clean(m.get("rsid_root")).upper() in generator_rsids()
            else clean(m.get("rsid_root")).upper(),
            "wps_build": clean(m.get("wps_build")),
            "appver": "",
        }
        app, ver = clean(m.get("application")), clean(m.get("app_version"))
        if app and ver:
            vals["appver"] = f"{app} {ver}"
        table.values[d.id] = vals
        table.all_rsids[d.id] = _rsids(m)
        table.created[d.id] = _parse_time(m.get("created"))
        table.modified[d.id] = _parse_time(m.get("modified"))
        tt = m.get("total_time")
        try:
            table.total_time[d.id] = float(tt) if tt not in (None, "") else None
        except (TypeError, ValueError):
            table.total_time[d.id] = None

    # Shares are taken over the files that carry Word metadata at all (a file whose field holds a
    # generic value such as Administrator still counts in the denominator).
    n_meta = sum(1 for d in docs if d.metadata and any(d.metadata.get(k) for k in _META_KEYS))
    for f in FIELDS:
        present = [table.values[i][f] for i in table.ids if table.values[i][f]]
        counts = Counter(present)
        table.common[f] = {v for v, c in counts.items() if _is_common(c, max(n_meta, len(present)))}
    # Accounts: an account is common when it appears (as creator or last editor) in most files.
    acc_counts: Counter = Counter()
    n_acc = 0
    for i in table.ids:
        accs = {table.values[i]["creator"], table.values[i]["last_modified_by"]} - {""}
        if accs:
            n_acc += 1
        acc_counts.update(accs)
    table.common["account"] = {v for v, c in acc_counts.items() if _is_common(c, max(n_acc, n_meta))}

    with_rsids = [i for i in table.ids if table.all_rsids[i]]
    rc: Counter = Counter()
    for i in with_rsids:
        rc.update(table.all_rsids[i])
    table.common_rsids = {r for r, c in rc.items() if _is_common(c, len(with_rsids))}
    for ref in reference:
        m = ref.metadata or {}
        table.common_rsids |= _rsids(m)
        root = clean(m.get("rsid_root")).upper()
        if root:
            table.common_rsids.add(root)
            table.common.setdefault("rsid_root", set()).add(root)
        for f, key in (("creator", "creator"), ("last_modified_by", "last_modified_by"),
                       ("company", "company"), ("template", "template")):
            v = clean(m.get(key))
            if v:
                table.common.setdefault(f, set()).add(v)
                if f in ("creator", "last_modified_by"):
                    table.common.setdefault("account", set()).add(v)
    if common is not None:
        for f, vals in common.values.items():
            table.common.setdefault(f, set()).update(vals)
        table.common_rsids |= common.rsids
    for i in table.ids:
        table.rsids[i] = table.all_rsids[i] - table.common_rsids

    for name, times in (("created", table.created), ("modified", table.modified)):
        table.close_share[name] = _close_share([times[i] for i in table.ids if times[i] is not None])
    return table


def _close_share(times: list[datetime]) -> float:
    """Share of the pairs of ``times`` at most CLOSE_MINUTES apart (sorted once, not pair by pair)."""
    from bisect import bisect_right

    n = len(times)
    pairs = n * (n - 1) // 2
    if not pairs:
        return 1.0
    base = min(times)
    secs = sorted((t - base).total_seconds() for t in times)
    close = sum(bisect_right(secs, s + CLOSE_MINUTES * 60.0, lo=k + 1) - (k + 1) for k, s in enumerate(secs))
    return close / pairs


def merge_tables(tables: list[TraceTable], ids: list[str]) -> TraceTable:
    """One table over drafts of several teams' tables (a pair or a group across teams): what is common
    in any of those teams is common here, and close times count only where they count in every team."""
    own = {i: t for t in tables for i in t.ids}
    out = TraceTable(ids=list(ids))
    for t in tables:
        for f, vals in t.common.items():
            out.common.setdefault(f, set()).update(vals)
        out.common_rsids |= t.common_rsids
    for i in ids:
        t = own[i]
        out.values[i] = t.values[i]
        out.all_rsids[i] = t.all_rsids[i]
        out.rsids[i] = t.rsids[i] - out.common_rsids
        out.created[i], out.modified[i], out.total_time[i] = t.created[i], t.modified[i], t.total_time[i]
    for name in ("created", "modified"):
        out.close_share[name] = max((t.close_share.get(name, 1.0) for t in tables), default=1.0)
    return out


def _minutes(a: datetime | None, b: datetime | None) -> float:
    if a is None or b is None:
        return float("inf")
    return abs((a - b).total_seconds()) / 60.0


def _ok(table: TraceTable, f: str, value: str) -> bool:
    return bool(value) and value not in table.common.get(f, set())


def _root_ok(table: TraceTable, root: str) -> bool:
    """A root counts unless it is common itself or is one of the template's common rsids (the
    files that kept the distributed template's root share it with everyone's rsid list)."""
    return _ok(table, "rsid_root", root) and root not in table.common_rsids


def _account_ok(table: TraceTable, value: str) -> bool:
    return bool(value) and value not in table.common.get("account", set())


@dataclass
class TraceLink:
    kind: str
    weight: float
    value: str = ""
    count: int = 0


def pair_links(table: TraceTable, a: str, b: str) -> list[TraceLink]:
    """The trace links between two documents (already cleared of generic and common values)."""
    va, vb = table.values[a], table.values[b]
    links: list[TraceLink] = []
    root = va["rsid_root"]
    if root and root == vb["rsid_root"] and _root_ok(table, root):
        links.append(TraceLink("rsid_root", W_RSID_ROOT, root))
    shared = sorted((table.rsids[a] & table.rsids[b]) - ({root} if root == vb["rsid_root"] else set()))
    if shared:
        w = min(W_RSID_CAP, 1 - (1 - W_RSID_EACH) ** len(shared))
        links.append(TraceLink("rsids", w, " ".join(shared), len(shared)))
    lm = va["last_modified_by"]
    if lm and lm == vb["last_modified_by"] and _ok(table, "last_modified_by", lm) and _account_ok(table, lm):
        links.append(TraceLink("last_modified_by", W_LAST_MODIFIED, lm))
    cr = va["creator"]
    if cr and cr == vb["creator"] and _ok(table, "creator", cr) and _account_ok(table, cr):
        links.append(TraceLink("creator", W_CREATOR, cr))
    for x, y in ((a, b), (b, a)):
        c, lm2 = table.values[x]["creator"], table.values[y]["last_modified_by"]
        if (c and c == lm2 and _account_ok(table, c)
                and c != table.values[y]["creator"] and c != table.values[x]["last_modified_by"]):
            links.append(TraceLink("cross_account", W_CROSS_ACCOUNT, c))
    for f, kind, w in (("template", "template", W_TEMPLATE), ("company", "company", W_COMPANY),
                       ("wps_build", "wps_build", W_BUILD), ("appver", "appver", W_BUILD)):
        v = va[f]
        if v and v == vb[f] and _ok(table, f, v):
            links.append(TraceLink(kind, w, v))
    if table.close_share.get("created", 1.0) < 0.3:
        mins = _minutes(table.created[a], table.created[b])
        if mins <= CLOSE_MINUTES:
            links.append(TraceLink("created_close", W_CREATED_CLOSE, f"{mins:.0f}"))
    if table.close_share.get("modified", 1.0) < 0.3:
        mins = _minutes(table.modified[a], table.modified[b])
        if mins <= CLOSE_MINUTES:
            links.append(TraceLink("modified_close", W_MODIFIED_CLOSE, f"{mins:.0f}"))
    return links


def combine(weights: list[float]) -> float:
    p = 1.0
    for w in weights:
        p *= 1.0 - max(0.0, min(1.0, w))
    return 1.0 - p


def short_edit_time(table: TraceTable, doc: Document) -> float | None:
    """Editing minutes when they are implausibly short for the text (pasted in), else None."""
    tt = table.total_time.get(doc.id)
    if tt is None:
        return None
    known = [v for v in table.total_time.values() if v is not None]
    # A value nearly everyone has (0 from a conversion tool) says nothing.
    if known and sum(1 for v in known if v == tt) > COMMON_SHARE * len(known) and len(known) >= COMMON_MIN_DOCS:
        return None
    # 0 is what converters and generators write (and what Word writes for a save-as under a
    # minute): not telling. A few minutes on a long text is.
    if 0 < tt <= 5 and len(doc.text) >= 1000:
        return tt
    return None
