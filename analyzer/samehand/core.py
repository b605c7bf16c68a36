"""Combine style and Word-trace evidence into same-hand groups (see the package docstring)."""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Sequence

from ..model import Document, SameHandGroup
from . import traces as tr
from .evidence import group_evidence
from .features import build_profile
from .formula import FormulaBatch, FormulaMatch, build_formula_profile
from .style import HabitMatch, StyleBatch, _median, robust_z

# --- calibration (see the package docstring for how these were set) --------------------------
HABIT_SCALE_FLOOR = 3.0     # robust scale floor for the habit score (weighted shared habits)
PROFILE_SCALE_FLOOR = 0.05  # robust scale floor for the profile cosine
HABIT_MIN = 10.0            # a style-only link needs at least this much shared-habit weight
HABIT_Z_MIN = 3.0           # ... a pair this unusual in shared habits
RECURRENT_MIN = 5.0         # ... habits used at least twice in each draft (a one-off shared phrase is
                            #     as often a shared topic — the same audit finding — as a shared hand)
PROFILE_Z_MIN = 2.0         # ... and an overall style profile this unusual too
FORM_MIN = 10.0             # ... unless habits of form alone weigh this much (twice RECURRENT_MIN; honest pairs
                            #     of our corpora reach 4): refrains, heading-list patterns, enumeration, skeletons
                            #     and typing habits kept up through both drafts. One writer's vague draft and
                            #     his concrete one differ in sentence length, figures and function words, so
                            #     then the profile need only be no less alike than usual (z ≥ 0).
STYLE_SUPPORT_Z = 1.5       # below this habit z, style adds nothing (even next to traces)
TRACE_SUPPORT = 0.3         # traces this strong let supporting style complete an edge
EDGE_THRESHOLD = 0.6        # combined strength for an edge
Z_CAP_HABIT = 10.0
Z_CAP_PROFILE = 8.0
STYLE_C0 = 1.5              # strength = 1 - exp(-(c - C0) / K), c = mean of the two capped z-scores;
STYLE_K = 2.7               # c = 4 gives 0.6, the edge threshold
FORMULA_RECURRENT_MIN = 2.5  # formula passages support style only next to habits recurring in both drafts
FORMULA_K = 15.0            # formula strength = 1 - exp(-score / K), score = distinctive shared formula
                            #     characters beyond a few per passage (see ``formula``)


@dataclass
class PairSignal:
    a: str
    b: str
    habit: float = 0.0
    habit_z: float = 0.0
    profile: float = 0.0
    profile_z: float = 0.0
    style: float = 0.0
    style_only: bool = False
    trace: float = 0.0
    links: list[tr.TraceLink] = field(default_factory=list)
    match: HabitMatch | None = None
    formula: float = 0.0
    formula_match: FormulaMatch | None = None
    combined: float = 0.0
    edge: bool = False

    def numbers(self) -> dict:
        return {
            "habit": round(self.habit, 2), "habit_z": round(self.habit_z, 2),
            "recurrent": round(self.match.recurrent, 2) if self.match else 0.0,
            "form": round(self.match.form, 2) if self.match else 0.0,
            "profile": round(self.profile, 3), "profile_z": round(self.profile_z, 2),
            "style": round(self.style, 3), "trace": round(self.trace, 3),
            "formula": round(self.formula, 3),
            "trace_links": {l.kind: (l.count or l.value) for l in self.links},
            "combined": round(self.combined, 3),
        }


def style_strength(habit_z: float, profile_z: float) -> float:
    """Map the two batch-relative z-scores to a strength in [0, 1)."""
    if habit_z < STYLE_SUPPORT_Z:
        return 0.0
    c = 0.5 * min(habit_z, Z_CAP_HABIT) + 0.5 * max(-2.0, min(profile_z, Z_CAP_PROFILE))
    return 1.0 - math.exp(-max(0.0, c - STYLE_C0) / STYLE_K)


def formula_strength(score: float) -> float:
    return 1.0 - math.exp(-max(0.0, score) / FORMULA_K)


def _relative(values: dict[tuple[int, int], float], n: int, floor: float) -> dict[tuple[int, int], float]:
    """z of each pair against the batch, with each member's own typical similarity as baseline.

    The baseline is the larger of the batch median and the median of each member's similarity to
    the *other* drafts, so a verbose draft, or a sub-population (drafts of one county office next to
    drafts of another), does not stand out just for resembling everybody a bit more.
    """
    med, scale = robust_z(list(values.values()), floor)
    out = {}
    for (i, j), v in values.items():
        row_i = sorted(values[tuple(sorted((i, x)))] for x in range(n) if x not in (i, j))
        row_j = sorted(values[tuple(sorted((j, x)))] for x in range(n) if x not in (i, j))
        base = max(med, _median(row_i) if row_i else med, _median(row_j) if row_j else med)
        out[(i, j)] = (v - base) / scale
    return out


def pair_signals(docs: list[Document], masks: dict | None = None, boilerplate: Sequence[str] = (),
                 reference: Sequence[Document] = (), common: tr.CommonTraces | None = None
                 ) -> tuple[list[PairSignal], list, tr.TraceTable]:
    """All pair signals of the batch, with the style profiles and the trace table."""
    masks = masks or {}
    n = len(docs)
    profiles = [build_profile(d, masks.get(d.id, ()), boilerplate) for d in docs]
    sb = StyleBatch(profiles)
    # Formula passages are looked for in the unmasked text: a writer's own opening and closing are
    # exactly what the reuse stage reports (and masks) as the same words in two members' drafts.
    fb = FormulaBatch([build_formula_profile(d, boilerplate) for d in docs], reference) if n >= 3 else None
    table = tr.build_table(docs, list(reference), common)
    pairs = list(itertools.combinations(range(n), 2))
    matches = {(i, j): sb.habits(i, j) for i, j in pairs}
    habit = {(i, j): matches[(i, j)].score for i, j in pairs}
    prof = {(i, j): sb.profile_sim[i][j] for i, j in pairs}
    hz = _relative(habit, n, HABIT_SCALE_FLOOR)
    pz = _relative(prof, n, PROFILE_SCALE_FLOOR)
    out = []
    for i, j in pairs:
        ps = PairSignal(docs[i].id, docs[j].id, habit=habit[(i, j)], habit_z=hz[(i, j)],
                        profile=prof[(i, j)], profile_z=pz[(i, j)], match=matches[(i, j)])
        if n >= 3:  # style is relative to the batch: two drafts alone give no baseline
            habits_ok = ps.habit >= HABIT_MIN and ps.habit_z >= HABIT_Z_MIN
            by_form = habits_ok and ps.match.form >= FORM_MIN and 0.0 <= ps.profile_z < PROFILE_Z_MIN
            ps.style = style_strength(ps.habit_z, PROFILE_Z_MIN if by_form else ps.profile_z)
            ps.style_only = habits_ok and ps.match.recurrent >= RECURRENT_MIN and (ps.profile_z >= PROFILE_Z_MIN or by_form)
            ps.formula_match = fb.match(i, j, docs[i])
            ps.formula = formula_strength(ps.formula_match.score)
        ps.links = tr.pair_links(table, docs[i].id, docs[j].id)
        ps.trace = tr.combine([l.weight for l in ps.links])
        # Formula passages are a habit too, so beside them style must show a habit that recurs in both
        # drafts (vague drafts share many one-off clichés, openings and closings included); without
        # one they count for nothing.
        formula = ps.formula if ps.match is not None and ps.match.recurrent >= FORMULA_RECURRENT_MIN else 0.0
        ps.combined = 1.0 - (1.0 - ps.trace) * (1.0 - ps.style) * (1.0 - formula)
        # Traces or shared formula passages of moderate strength need supporting style to make an edge.
        support = 1.0 - (1.0 - ps.trace) * (1.0 - formula)
        ps.edge = ps.combined >= EDGE_THRESHOLD and (
            ps.trace >= EDGE_THRESHOLD or ps.style_only or (support >= TRACE_SUPPORT and ps.style > 0))
        out.append(ps)
    return out, profiles, table


def find_same_hand(docs: list[Document], *, masks: dict[str, list[tuple[int, int]]] | None = None,
                   boilerplate: Sequence[str] = (), reference: Sequence[Document] = (),
                   common: tr.CommonTraces | None = None) -> list[SameHandGroup]:
    """Groups of drafts that look written by one hand (see the package docstring).

    ``docs``: the batch's member drafts. ``masks``: per document id, original-offset spans to leave
    out of the style features (copied, team, template passages). ``boilerplate``: strings masked
    wherever they occur (theme sentence, standard phrases). ``reference`` (optional): non-member
    files — a distributed template .docx, the team's material — whose Word traces (rsids, root,
    accounts, company, template) are subtracted from the members' before they count; so are the
    traces ``common`` in the whole batch when ``docs`` are one team of it (:func:`traces.common_traces`).
    """
    docs = sorted((d for d in docs), key=lambda d: d.id)
    if len(docs) < 2:
        return []
    signals, profiles, table = pair_signals(docs, masks, boilerplate, reference, common)
    by_id = {d.id: d for d in docs}
    # Connected components over the edges.
    parent = {d.id: d.id for d in docs}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for s in signals:
        if s.edge:
            ra, rb = find(s.a), find(s.b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    comps: dict[str, list[str]] = {}
    for d in docs:
        comps.setdefault(find(d.id), []).append(d.id)
    groups = []
    for members in comps.values():
        if len(members) < 2:
            continue
        members = sorted(members)
        inside = [s for s in signals if s.a in members and s.b in members]
        edges = [s for s in inside if s.edge]
        score = sum(s.combined for s in edges) / len(edges)
        evidence = group_evidence([by_id[m] for m in members], inside, table)
        groups.append(SameHandGroup(
            docs=members,
            score=round(score, 3),
            evidence=evidence,
            signals={
                "pairs": {f"{s.a}-{s.b}": s.numbers() for s in inside},
                "edges": [f"{s.a}-{s.b}" for s in edges],
                "trace": round(max((s.trace for s in inside), default=0.0), 3),
                "style": round(max((s.style for s in inside), default=0.0), 3),
            },
        ))
    groups.sort(key=lambda g: (-g.score, g.docs))
    return groups
