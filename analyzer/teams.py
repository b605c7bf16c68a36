"""Teams of a city batch: which team (班子) each draft belongs to, ids unique across teams, the roster.

A team is the manifest's ``unit`` of the draft's row, or else the first folder of the draft below
the batch root (a .zip there counts as a folder named by its stem: ``清河县.zip``). Drafts at the top
level of a batch without a manifest unit belong to no team; a batch without teams is one team, as
before.

Ids: a draft's id is its file stem. In a city batch several teams often name their files alike
(``县委书记.docx`` in every county's folder), so a stem that more than one draft of the batch has
becomes ``folder/stem`` for each of them (the folders below the batch root), and the full relative
name (extension included) if that still clashes — ids stay readable and never depend on the order
of the files.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import PurePosixPath
from typing import Iterable, Sequence

from analyzer.load.zipinput import team_folder
from analyzer.model import Document, MissingMember


def assign_team(doc: Document, parts: Sequence[str]) -> None:
    """Set ``doc.team`` from its manifest unit or its place in the batch."""
    doc.team = doc.unit or team_folder(tuple(parts))


def unique_ids(placed: list[tuple[Document, tuple[str, ...]]]) -> None:
    """Make the ids of the batch's drafts unique (see the module docstring)."""
    counts = Counter(d.id for d, _ in placed)
    clashing = [(d, parts) for d, parts in placed if counts[d.id] > 1]
    if not clashing:
        return
    longer = {id(d): "/".join((*parts[:-1], d.id)) if len(parts) > 1 else d.id for d, parts in clashing}
    again = Counter(longer.values())
    for d, parts in clashing:
        new = longer[id(d)]
        d.id = "/".join(parts) if again[new] > 1 and parts else new
    # still equal (the same relative name cannot occur twice): number them in batch order
    seen: dict[str, int] = {}
    for d, _ in placed:
        n = seen.get(d.id, 0)
        seen[d.id] = n + 1
        if n:
            d.id = f"{d.id}({n + 1})"


def team_of_source(doc: Document, teams: Iterable[str]) -> str | None:
    """The team of a --team file: its manifest unit, else its folder's name when that is a team."""
    if doc.unit:
        return doc.unit
    names = set(teams)
    for folder in reversed(PurePosixPath(doc.path.replace("\\", "/")).parts[:-1]):
        if folder in names:
            return folder
    return None


def by_team(docs: Iterable[Document]) -> dict[str | None, list[Document]]:
    """Drafts grouped by team; teams in sorted order (no team first), drafts in batch order."""
    groups: dict[str | None, list[Document]] = defaultdict(list)
    for d in docs:
        groups[d.team].append(d)
    return {k: groups[k] for k in sorted(groups, key=lambda t: (t is not None, t or ""))}


def batch_year(docs: Iterable[Document]) -> int | None:
    """The year most of the batch's drafts carry (manifest), if any."""
    years = Counter(d.year for d in docs if d.year is not None)
    if not years:
        return None
    return max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]


def roster_missing(manifest, matched: set[int], members: Sequence[Document]) -> list[MissingMember]:
    """The manifest's members without a draft in the batch (未提交)."""
    if manifest is None:
        return []
    present = {d.id for d in members} | {d.member for d in members if d.member}
    rows = manifest.missing(matched, batch_year(members), present)
    return [MissingMember(member=e.member, file="/".join((*e.folders, e.file)),
                          team=e.unit or (e.folders[0] if e.folders else None), role=e.role)
            for e in rows]
