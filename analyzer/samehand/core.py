"""Combine style and Word-trace evidence into same-hand groups (see the package docstring)."""
from __future__ import annotations

import itertools
import math
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping, Sequence

import numpy as np

from ..model import Document, SameHandGroup
from ..parallel import map_ordered
from ..timings import stage
from . import traces as tr
from .evidence import group_evidence
from .features import build_profile
from .formula import FormulaBatch, FormulaMatch, build_formula_profile
from .style import HabitMatch, StyleBatch, robust_z

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

# --- scale (a city's batch: see ``SameHandBatch``) ---------------------------------------------
EXACT_DRAFTS = 120          # up to this many drafts every pair is compared and every statistic is exact
TEAM_ALL_PAIRS = 120        # inside a team of at most this many drafts every pair is compared
PEER_MAX = 40               # a member's typical similarity: to its team-mates, a sample of this many beyond
REFERENCE_PAIRS = 5000      # the batch's median and scale: from this many random pairs (larger batches)
NEIGHBOURS = 10             # across teams: each draft's nearest neighbours on its rare habits
NEIGHBOUR_MAX_DF = 40       # ... habits used by at most this many drafts (rarer habits say more)
PAIR_BLOCK = 500            # pairs per block of habit comparisons handed to a worker
PAIR_BLOCKS_PARALLEL = 8    # ... in worker processes from this many blocks on
TRACE_KEY_MAX = 25          # across teams: drafts sharing a trace value held by at most this many


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


def _median_sorted(r: np.ndarray, skip: int = -1) -> float | None:
    """Median of the sorted array ``r`` without its element ``skip`` (none when skip < 0)."""
    n = len(r) - (1 if skip >= 0 else 0)
    if n <= 0:
        return None

    def at(k: int) -> float:
        return float(r[k + 1] if 0 <= skip <= k else r[k])

    return at(n // 2) if n % 2 else 0.5 * (at(n // 2 - 1) + at(n // 2))


class _Relative:
    """z of a pair against the batch, with each member's own typical similarity as baseline.

    The baseline is the larger of the batch median and the median of each member's similarity to
    its peers (the *other* drafts of its team, the pair's partner left out), so a verbose draft, or a
    sub-population (drafts of one county office next to drafts of another), does not stand out just
    for resembling everybody a bit more. Each member's row of values is sorted once.
    """

    def __init__(self, reference: np.ndarray, floor: float, rows: list[np.ndarray], peers: list[dict[int, int]]):
        self.med, self.scale = robust_z(sorted(reference.tolist()), floor)
        self.rows = rows                # per draft: its values with its peers, sorted
        self.peers = peers              # per draft: peer -> position of that pair's value in the row

    def baseline(self, i: int, j: int, v: float) -> float:
        out = self.med
        for x, y in ((i, j), (j, i)):
            row = self.rows[x]
            skip = -1
            if y in self.peers[x]:
                skip = bisect_left(row, v)  # the partner's value leaves the row (any equal one will do)
            m = _median_sorted(row, skip)
            if m is not None and m > out:
                out = m
        return out

    def z(self, i: int, j: int, v: float) -> float:
        return (v - self.baseline(i, j, v)) / self.scale


class SameHandBatch:
    """Every pair signal a batch needs, computed for candidate pairs only.

    Up to ``EXACT_DRAFTS`` drafts every pair is compared, as the calibration did. A larger batch (a
    city's teams): every pair inside a team (a sample of ``PEER_MAX`` team-mates per draft in a team
    above ``TEAM_ALL_PAIRS``), and across teams only the pairs of nearest neighbours on the drafts'
    rare habits (scikit-learn ``NearestNeighbors`` on sparse vectors) and of drafts sharing an
    uncommon Word trace; the batch's median and scale come from ``REFERENCE_PAIRS`` random pairs.
    Rarity of habits and formulas is counted over the whole batch. Only the numbers of the pairs are
    kept (numpy arrays); ``PairSignal`` objects exist for the pairs of the groups found.
    """

    def __init__(self, docs: list[Document], profiles: list, formula_profiles: list | None,
                 tables: dict, team_of: list, reference: Sequence[Document] = ()):
        self.docs = docs
        self.n = len(docs)
        self.sb = StyleBatch(profiles)
        self.fb = FormulaBatch(formula_profiles, reference) if formula_profiles is not None and self.n >= 3 else None
        self.tables = tables            # team -> TraceTable of its drafts
        self.team_of = team_of          # draft index -> team
        self._merged: dict = {}
        self._pairs_of_team: dict = {}
        members: dict = {}
        for k, t in enumerate(team_of):
            members.setdefault(t, []).append(k)
        self.members = members

    # -- which pairs -------------------------------------------------------------------------
    def candidate_pairs(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(I, J, reference mask): the pairs to compute, and which of them make the batch's statistics."""
        n = self.n
        if n <= EXACT_DRAFTS:
            I, J = np.triu_indices(n, 1)
            return I.astype(np.int64), J.astype(np.int64), np.ones(len(I), dtype=bool)
        rng = np.random.default_rng(20240101)
        keys = [self._team_pairs(idx, rng) for _t, idx in sorted(self.members.items(), key=lambda kv: str(kv[0]))]
        keys.append(self._neighbour_pairs())
        keys.append(self._trace_pairs())
        ref = rng.integers(0, n, size=(REFERENCE_PAIRS * 2, 2))
        ref = ref[ref[:, 0] != ref[:, 1]][:REFERENCE_PAIRS]
        ref_keys = np.unique(np.minimum(ref[:, 0], ref[:, 1]) * n + np.maximum(ref[:, 0], ref[:, 1]))
        keys.append(ref_keys)
        allk = np.unique(np.concatenate([k for k in keys if len(k)]))
        return allk // n, allk % n, np.isin(allk, ref_keys)

    def _team_pairs(self, idx: list[int], rng) -> np.ndarray:
        n = self.n
        a = np.asarray(idx, dtype=np.int64)
        if len(a) <= TEAM_ALL_PAIRS:
            I, J = np.triu_indices(len(a), 1)
            return a[I] * n + a[J]
        out = []
        for x in a.tolist():  # a sample of team-mates for each draft of a very large team (a flat archive)
            peers = rng.choice(a[a != x], size=PEER_MAX, replace=False)
            out.append(np.minimum(x, peers) * n + np.maximum(x, peers))
        return np.unique(np.concatenate(out))

    def _neighbour_pairs(self) -> np.ndarray:
        from sklearn.neighbors import NearestNeighbors

        H = self.sb.rare_habit_vectors(NEIGHBOUR_MAX_DF)
        if H is None or H.shape[1] == 0:
            return np.zeros(0, dtype=np.int64)
        k = min(NEIGHBOURS + 1, self.n)
        nn = NearestNeighbors(n_neighbors=k, metric="cosine", algorithm="brute").fit(H)
        dist, ind = nn.kneighbors(H)
        I = np.repeat(np.arange(self.n), k)
        J = ind.ravel()
        ok = (I != J) & (dist.ravel() < 1.0 - 1e-9)  # nothing rare shared: not a neighbour
        I, J = I[ok], J[ok]
        return np.unique(np.minimum(I, J) * self.n + np.maximum(I, J))

    def _trace_pairs(self) -> np.ndarray:
        """Drafts sharing a root, an editor account, a creator or an rsid that few drafts of the batch
        carry (cleared of generic and common values in each team's table), in any two teams."""
        holders: dict[tuple[str, str], list[int]] = {}
        for k, d in enumerate(self.docs):
            t = self.tables[self.team_of[k]]
            vals = t.values[d.id]
            for f in ("rsid_root", "last_modified_by", "creator"):
                v = vals.get(f)
                if v and v not in t.common.get(f, set()) and v not in t.common.get("account", set()):
                    holders.setdefault((f, v), []).append(k)
            for r in t.rsids[d.id]:
                holders.setdefault(("rsid", r), []).append(k)
        out = []
        n = self.n
        for ks in holders.values():
            if 2 <= len(ks) <= TRACE_KEY_MAX:
                a = np.asarray(ks, dtype=np.int64)
                I, J = np.triu_indices(len(a), 1)
                out.append(a[I] * n + a[J])
        return np.unique(np.concatenate(out)) if out else np.zeros(0, dtype=np.int64)

    def peers_of(self, I: np.ndarray, J: np.ndarray) -> np.ndarray:
        """Which computed pairs are peer pairs (both drafts of one team): they make the members' rows."""
        index = {t: k for k, t in enumerate(self.members)}
        team = np.array([index[t] for t in self.team_of], dtype=np.int64)
        return team[I] == team[J]

    # -- numbers ---------------------------------------------------------------------------
    def run(self, progress: Callable[[int, int], None] | None = None) -> "_Numbers":
        with stage("疑似代写·候选材料对"):
            I, J, is_ref = self.candidate_pairs()
        m = len(I)
        # shared habits pair by pair, blocks of pairs on every core for a large batch
        blocks = [(k, min(m, k + PAIR_BLOCK)) for k in range(0, m, PAIR_BLOCK)]
        step = (lambda done, total: progress(done * PAIR_BLOCK, m)) if progress else None
        with stage("疑似代写·两两比对习惯"):
            parts = map_ordered(_habit_block, blocks, (self.sb, I, J), progress=step,
                                minimum=PAIR_BLOCKS_PARALLEL)
        scores = np.array([x for part in parts for x in part], dtype=np.float64).reshape(m, 3)
        habit, recurrent, form = scores[:, 0].copy(), scores[:, 1].copy(), scores[:, 2].copy()
        with stage("疑似代写·整体风格"):
            prof = self.sb.profile_sims(I, J)
        peer = self.peers_of(I, J)
        nums = _Numbers(I, J, habit, recurrent, form, prof)
        nums.hz = self._relative(nums, habit, is_ref, peer, HABIT_SCALE_FLOOR)
        nums.pz = self._relative(nums, prof, is_ref, peer, PROFILE_SCALE_FLOOR)
        return nums

    def _relative(self, nums: "_Numbers", values: np.ndarray, is_ref: np.ndarray, peer: np.ndarray,
                  floor: float) -> _Relative:
        rows: list[list[float]] = [[] for _ in range(self.n)]
        for i, j, v in zip(nums.I[peer].tolist(), nums.J[peer].tolist(), values[peer].tolist()):
            rows[i].append(v)
            rows[j].append(v)
        peers: list[dict[int, int]] = [{} for _ in range(self.n)]
        for i, j in zip(nums.I[peer].tolist(), nums.J[peer].tolist()):
            peers[i][j] = 1
            peers[j][i] = 1
        return _Relative(values[is_ref], floor, [np.sort(np.array(r)) for r in rows], peers)

    def signal(self, nums: "_Numbers", k: int, match: HabitMatch | None = None, full: bool = True) -> PairSignal:
        """The pair signal of computed pair ``k`` (``full``: with the habit and formula details)."""
        i, j = int(nums.I[k]), int(nums.J[k])
        a, b = self.docs[i], self.docs[j]
        if full and match is None:
            match = self.sb.habits(i, j)
        habit, prof = float(nums.habit[k]), float(nums.prof[k])
        ps = PairSignal(a.id, b.id, habit=habit, habit_z=nums.hz.z(i, j, habit),
                        profile=prof, profile_z=nums.pz.z(i, j, prof), match=match)
        recurrent, form = float(nums.recurrent[k]), float(nums.form[k])
        if self.n >= 3:  # style is relative to the batch: two drafts alone give no baseline
            habits_ok = ps.habit >= HABIT_MIN and ps.habit_z >= HABIT_Z_MIN
            by_form = habits_ok and form >= FORM_MIN and 0.0 <= ps.profile_z < PROFILE_Z_MIN
            ps.style = style_strength(ps.habit_z, PROFILE_Z_MIN if by_form else ps.profile_z)
            ps.style_only = habits_ok and recurrent >= RECURRENT_MIN and (ps.profile_z >= PROFILE_Z_MIN or by_form)
            # Formula passages count only beside a habit recurring in both drafts (see below): only
            # then are they looked for (beside some style, without which they change no edge), unless
            # the details are asked for.
            if self.fb is not None and (full or (recurrent >= FORMULA_RECURRENT_MIN and ps.style > 0)):
                ps.formula_match = self.fb.match(i, j, a)
                ps.formula = formula_strength(ps.formula_match.score)
        ps.links = tr.pair_links(self.table_for(i, j), a.id, b.id)
        ps.trace = tr.combine([l.weight for l in ps.links])
        # Formula passages are a habit too, so beside them style must show a habit that recurs in both
        # drafts (vague drafts share many one-off clichés, openings and closings included); without
        # one they count for nothing.
        formula = ps.formula if recurrent >= FORMULA_RECURRENT_MIN else 0.0
        ps.combined = 1.0 - (1.0 - ps.trace) * (1.0 - ps.style) * (1.0 - formula)
        # Traces or shared formula passages of moderate strength need supporting style to make an edge.
        support = 1.0 - (1.0 - ps.trace) * (1.0 - formula)
        ps.edge = ps.combined >= EDGE_THRESHOLD and (
            ps.trace >= EDGE_THRESHOLD or ps.style_only or (support >= TRACE_SUPPORT and ps.style > 0))
        return ps

    def table_for(self, *idx: int) -> tr.TraceTable:
        teams = sorted({self.team_of[i] for i in idx}, key=str)
        if len(teams) == 1:
            return self.tables[teams[0]]
        key = tuple(teams)
        if key not in self._merged:
            ids = [d.id for k, d in enumerate(self.docs) if self.team_of[k] in teams]
            self._merged[key] = tr.merge_tables([self.tables[t] for t in teams], ids)
        return self._merged[key]


def _habit_block(shared, block: tuple[int, int]) -> list[float]:
    """Habit score, recurrent and form part of the pairs ``block`` (a range of pair numbers)."""
    sb, I, J = shared
    out: list[float] = []
    for i, j in zip(I[block[0]:block[1]].tolist(), J[block[0]:block[1]].tolist()):
        h = sb.habits(i, j)
        out.extend((h.score, h.recurrent, h.form))
    return out


@dataclass
class _Numbers:
    I: np.ndarray
    J: np.ndarray
    habit: np.ndarray
    recurrent: np.ndarray
    form: np.ndarray
    prof: np.ndarray
    hz: _Relative | None = None
    pz: _Relative | None = None


def _prepare(docs: list[Document], masks: Mapping | None, boilerplate, reference, common, profiles,
             formula_profiles) -> SameHandBatch:
    masks = masks or {}
    n = len(docs)
    if profiles is None or (formula_profiles is None and n >= 3):  # on every core for a large batch
        with stage("疑似代写·提取写作习惯"):
            built = map_ordered(_profiles_of, docs, (masks, boilerplate, profiles is None, n >= 3))
        profiles = profiles if profiles is not None else [p for p, _ in built]
        formula_profiles = formula_profiles if formula_profiles is not None or n < 3 else [f for _, f in built]
    team_of = [d.team for d in docs]
    by_team: dict = {}
    for d in docs:
        by_team.setdefault(d.team, []).append(d)
    tables = {t: tr.build_table(ds, list(reference), common if len(by_team) > 1 else None)
              for t, ds in by_team.items()}
    with stage("疑似代写·全批统计"):
        return SameHandBatch(docs, profiles, formula_profiles, tables, team_of, reference)


def _profiles_of(shared, d: Document):
    """The style profile and the formula profile of one draft (as asked for by ``shared``)."""
    masks, boilerplate, style, formula = shared
    masked = _boilerplate_of(boilerplate, d)
    return (build_profile(d, masks.get(d.id, ()), masked) if style else None,
            build_formula_profile(d, masked) if formula else None)


def _boilerplate_of(boilerplate, doc: Document) -> Sequence[str]:
    """The strings masked in ``doc``: one list for the batch, or one per team (a mapping)."""
    if isinstance(boilerplate, Mapping):
        return boilerplate.get(doc.team, ())
    return boilerplate or ()


def pair_signals(docs: list[Document], masks: dict | None = None, boilerplate: Sequence[str] = (),
                 reference: Sequence[Document] = (), common: tr.CommonTraces | None = None
                 ) -> tuple[list[PairSignal], list, tr.TraceTable]:
    """Every pair's signal (with details) of a small batch, the style profiles and the trace table."""
    sh = _prepare(list(docs), masks, boilerplate, reference, common, None, None)
    nums = sh.run()
    signals = [sh.signal(nums, k) for k in range(len(nums.I))]
    return signals, sh.sb.profiles, sh.table_for(*range(len(docs))) if docs else tr.build_table([])


def find_same_hand(docs: list[Document], *, masks: dict[str, list[tuple[int, int]]] | None = None,
                   boilerplate: Sequence[str] | Mapping = (), reference: Sequence[Document] = (),
                   common: tr.CommonTraces | None = None, profiles: list | None = None,
                   formula_profiles: list | None = None,
                   progress: Callable[[int, int], None] | None = None) -> list[SameHandGroup]:
    """Groups of drafts that look written by one hand (see the package docstring).

    ``docs``: the batch's member drafts (of one team, or of a city's teams: ``Document.team``).
    ``masks``: per document id, original-offset spans to leave out of the style features (copied,
    team, template passages). ``boilerplate``: strings masked wherever they occur (theme sentence,
    standard phrases), or a mapping team → strings. ``reference`` (optional): non-member files — a
    distributed template .docx, the team's material — whose Word traces (rsids, root, accounts,
    company, template) are subtracted from the members' before they count; so are the traces
    ``common`` in the whole batch (:func:`traces.common_traces`; computed here when the drafts come
    from several teams). ``profiles`` / ``formula_profiles``: already built for ``docs`` (same order
    once sorted by id), e.g. in worker processes.
    """
    order = sorted(range(len(docs)), key=lambda k: docs[k].id)
    docs = [docs[k] for k in order]
    if len(docs) < 2:
        return []
    if profiles is not None:
        profiles = [profiles[k] for k in order]
    if formula_profiles is not None:
        formula_profiles = [formula_profiles[k] for k in order]
    if common is None and len({d.team for d in docs}) > 1:
        common = tr.common_traces(docs)
    sh = _prepare(docs, masks, boilerplate, reference, common, profiles, formula_profiles)
    nums = sh.run(progress)
    edges = [k for k in range(len(nums.I)) if sh.signal(nums, k, full=False).edge]
    # Connected components over the edges.
    parent = list(range(len(docs)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for k in edges:
        ra, rb = find(int(nums.I[k])), find(int(nums.J[k]))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    comps: dict[int, list[int]] = {}
    for x in range(len(docs)):
        comps.setdefault(find(x), []).append(x)
    where = {(int(i), int(j)): k for k, (i, j) in enumerate(zip(nums.I.tolist(), nums.J.tolist()))}
    groups = []
    for members in comps.values():
        if len(members) < 2:
            continue
        members = sorted(members)
        # every computed pair of the group, with its details (pairs never computed stay out)
        inside = [sh.signal(nums, where[(i, j)]) for i, j in itertools.combinations(members, 2) if (i, j) in where]
        edge_signals = [s for s in inside if s.edge]
        score = sum(s.combined for s in edge_signals) / len(edge_signals)
        group_docs = [docs[m] for m in members]
        evidence = group_evidence(group_docs, inside, sh.table_for(*members))
        groups.append(SameHandGroup(
            docs=[d.id for d in group_docs],
            score=round(score, 3),
            evidence=evidence,
            signals={
                "pairs": {f"{s.a}-{s.b}": s.numbers() for s in inside},
                "edges": [f"{s.a}-{s.b}" for s in edge_signals],
                "trace": round(max((s.trace for s in inside), default=0.0), 3),
                "style": round(max((s.style for s in inside), default=0.0), 3),
            },
        ))
    groups.sort(key=lambda g: (-g.score, g.docs))
    return groups
