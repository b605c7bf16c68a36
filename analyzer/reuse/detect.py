"""Copy detection over a batch: one fingerprint index, candidate pairs, alignment, figures.

See :mod:`analyzer.reuse.fingerprint` (normalisation, masking, winnowing) and
:mod:`analyzer.reuse.align` (passages). This module builds ONE inverted index over the batch's
drafts and every source (templates, earlier drafts, the team's material), takes candidate pairs
from shared fingerprints only (never all pairs), aligns them, runs the sentence-level TF-IDF pass
and computes the per-draft figures a CNKI user expects.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from analyzer.errors import ConfigError
from analyzer.load import discover, load_document
from analyzer.model import Document, Reuse
from analyzer.paths import CORPORA_DIR, RULES_DIR, TEMPLATES_DIR
from analyzer.reuse.align import MIN_CHARS, Passage, align_pair, finish, merge_adjacent, sentence_candidates
from analyzer.reuse.fingerprint import (K, K2, Boilerplate, Prepared, fingerprint_chunk, mask_kgrams, prepare,
                                        unquote_sourced)
from analyzer.reuse.fingerprint import member_of as _member_of
from analyzer.reuse.store import HistoryStore
from analyzer.wordlist import read_list

STANDARD_PHRASES = CORPORA_DIR / "standard_phrases.txt"
SOURCE_KIND_ORDER = ("member", "template", "history", "team")


REUSE_RULES = RULES_DIR / "batch" / "reuse.yaml"


@lru_cache(maxsize=1)
def common_wording() -> dict:
    """The ``common_wording`` section of rules/batch/reuse.yaml (share, min_drafts, recall_floor)."""
    import yaml

    data = (yaml.safe_load(REUSE_RULES.read_text(encoding="utf-8")) or {}).get("common_wording") or {}
    wanted = {"share": float, "min_drafts": int, "recall_floor": int}
    if set(data) != set(wanted) or not all(isinstance(data[k], (int, float)) for k in wanted):
        raise ConfigError(f"{REUSE_RULES}：common_wording 须写明 share、min_drafts、recall_floor 三个数值")
    return {k: cast(data[k]) for k, cast in wanted.items()}


@dataclass
class ReuseConfig:
    common_share: float = field(default_factory=lambda: common_wording()["share"])
    # ... a fingerprint in this share of the batch's drafts is boilerplate (rules/batch/reuse.yaml)
    common_min: int = field(default_factory=lambda: common_wording()["min_drafts"])  # ... in at least this many
    recall_floor: int = field(default_factory=lambda: common_wording()["recall_floor"])
    # ... characters: draft pairs sharing a run this long are aligned whatever their evidence weight
    pair_cap: int = 16            # fingerprints in more drafts than this seed no draft-to-draft pairs
    min_pair_evidence: float = 1.0  # draft pairs: sum over shared fingerprints of 1/(drafts having it - 1)
    source_common_share: float = 0.01  # short fingerprints in more of the drafts are common wording
    min_source_hits: int = 2      # draft x source pairs from short fingerprints: distinct shared ones
    sentence_cosine: float = 0.6  # sentence pass: TF-IDF cosine (char 1-2 grams) to accept
    sentence_ratio: float = 0.6   # sentence pass: Indel ratio to consider a pair
    team_cover: float = 0.8       # draft-to-draft passage this much covered by team text: a claim
                                  # (so is one with less than MIN_CHARS left besides the team text)
    chunk_chars: int = 2_000_000  # fingerprint this many skeleton characters at a time
    workers: int = 0              # align in this many processes (fork); 0 = up to 2 on Linux, 1 elsewhere


@dataclass
class ReuseResult:
    """``reuse``: passages (member-to-member ones from both sides), sorted by doc and start.

    ``figures[doc_id]``: ``total_chars`` / ``copied_chars`` (skeleton characters: letters and
    digits, standard formulations not counted as copied), ``total_ratio``, ``ratio_without_team``,
    ``ratio_without_history``, ``ratio_by_kind`` {member, template, history, team},
    ``ratio_by_source`` {source id: share of the draft found in that source},
    ``max_source`` / ``max_source_kind`` / ``max_source_ratio`` (largest single source, team
    excluded), ``longest_passage`` (original characters), ``passages``.

    ``pairs``: one dict per (draft, source) pair with passages: ``doc``, ``source``,
    ``source_kind``, ``doc_ratio`` (share of the draft found in the source), ``source_ratio``
    (share of the source found in the draft), ``passages``, ``longest``.
    ``stats``: index sizes and seconds per stage.
    """

    reuse: list[Reuse] = field(default_factory=list)
    figures: dict[str, dict[str, Any]] = field(default_factory=dict)
    pairs: list[dict[str, Any]] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)


def load_standard_phrases(path: Path = STANDARD_PHRASES) -> list[str]:
    return read_list(path) if path.exists() else []


def load_templates(extra_dir: Path | str | None = None) -> list[Document]:
    """The shipped templates (``corpora/templates/*.txt``) plus every readable file in ``extra_dir``."""
    paths = sorted(TEMPLATES_DIR.glob("*.txt")) if TEMPLATES_DIR.is_dir() else []
    if extra_dir is not None:
        extra = Path(extra_dir)
        found, _failures = discover(extra)
        paths += [Path(p) for p in found]
    from analyzer.errors import DraftcheckError

    out = []
    for p in paths:
        try:
            out.append(load_document(p, kind="template"))
        except DraftcheckError:
            continue  # an unreadable template is skipped; the batch's own files are reported elsewhere
    return out


# ---------------------------------------------------------------------------------------------
# preparation and the index

def _fingerprint_all(preps: list[Prepared], boiler: Boilerplate, cfg: ReuseConfig) -> list[Prepared]:
    chunk: list[Prepared] = []
    size = 0
    for p in preps:
        chunk.append(p)
        size += p.n + 1
        if size >= cfg.chunk_chars:
            fingerprint_chunk(chunk, boiler)
            chunk, size = [], 0
    fingerprint_chunk(chunk, boiler)
    return preps


def _history_ok(member: Document, hist: Document, msha: str, hsha: str) -> bool:
    if msha == hsha:
        return False
    if member.year is not None and hist.year is not None and hist.year >= member.year:
        return False
    if hist.member is not None:
        return hist.member == (member.member or member.id)
    return hist.id in (member.id, Path(member.path).stem)


def _candidate_seeds(preps: list[Prepared], n_members: int, cfg: ReuseConfig,
                     stats: dict) -> dict[tuple[int, int], tuple[np.ndarray, np.ndarray]]:
    """Candidate pairs (a, b) with their seeds (positions in a, positions in b).

    ``a`` is always a draft of the batch (index < n_members); for two drafts a < b.
    """
    if not preps:
        return {}
    # earlier drafts are matched with their own member only (see _history_seeds), not indexed here
    idx_docs = [i for i, p in enumerate(preps) if p.kind != "history"]
    H = np.concatenate([preps[i].fp_hash for i in idx_docs])
    D = np.concatenate([np.full(len(preps[i].fp_hash), i, dtype=np.int32) for i in idx_docs])
    P = np.concatenate([preps[i].fp_pos for i in idx_docs])
    stats["fingerprints"] = int(len(H))
    if not len(H):
        return {}
    order = np.lexsort((P, D, H))
    H, D, P = H[order], D[order], P[order]
    del order
    n = len(H)
    new_group = np.ones(n, dtype=bool)
    new_group[1:] = H[1:] != H[:-1]
    gstart = np.nonzero(new_group)[0]
    gid = np.cumsum(new_group) - 1
    gsize = np.diff(np.append(gstart, n))
    # distinct member drafts per fingerprint
    first_hd = new_group.copy()
    first_hd[1:] |= D[1:] != D[:-1]
    is_member = D < n_members
    mcount = np.add.reduceat((first_hd & is_member).astype(np.int32), gstart)
    common = max(cfg.common_min, int(np.ceil(cfg.common_share * n_members)))
    dropped = mcount >= common
    stats["common_fingerprints"] = int(dropped.sum())
    # text in a large share of the batch is boilerplate: mask every k-gram with such a hash
    if dropped.any():
        common_hashes = np.unique(H[gstart[dropped]])
        # documents holding a common fingerprint (any shared run of K + W - 1 has one)
        for d in np.unique(D[dropped[gid]]).tolist():
            mask_kgrams(preps[d], common_hashes)
        for p in preps:
            if p.kind == "history":
                mask_kgrams(p, common_hashes)
    keep_group = (gsize >= 2) & ~dropped
    entry_keep = keep_group[gid]
    H, D, P, gid = H[entry_keep], D[entry_keep], P[entry_keep], gid[entry_keep]
    # re-index groups
    n = len(H)
    if not n:
        return {}
    new_group = np.ones(n, dtype=bool)
    new_group[1:] = gid[1:] != gid[:-1]
    gstart = np.nonzero(new_group)[0]
    g = np.cumsum(new_group) - 1
    gsize = np.diff(np.append(gstart, n))
    rank = np.arange(n) - gstart[g]
    size_e = gsize[g]
    mcount_e = mcount[keep_group][g]
    small = size_e <= cfg.pair_cap

    pairs_i: list[np.ndarray] = []
    pairs_j: list[np.ndarray] = []
    # small groups: all pairs of entries
    idx = np.nonzero(small & (size_e >= 2))[0]
    t = 1
    while len(idx):
        ok = rank[idx] + t < size_e[idx]
        idx = idx[ok]
        if not len(idx):
            break
        pairs_i.append(idx)
        pairs_j.append(idx + t)
        t += 1
    # big groups: only draft x source pairs (the source seeds them), never draft x draft
    big_src = np.nonzero(~small & (D >= n_members))[0]
    for e in big_src.tolist():
        s0 = gstart[g[e]]
        members = np.arange(s0, s0 + gsize[g[e]])
        members = members[D[members] < n_members]
        if len(members):
            pairs_i.append(members)
            pairs_j.append(np.full(len(members), e))
    if not pairs_i:
        return {}
    I = np.concatenate(pairs_i)
    J = np.concatenate(pairs_j)
    del pairs_i, pairs_j
    da, db = D[I], D[J]
    swap = (da > db)
    I2 = np.where(swap, J, I)
    J2 = np.where(swap, I, J)
    da, db = D[I2], D[J2]
    ok = (da != db) & (da < n_members)          # a is a draft; sources never pair with sources
    ndocs = len(preps)
    key = da.astype(np.int64) * ndocs + db
    I2, J2, key = I2[ok], J2[ok], key[ok]
    stats["seed_pairs"] = int(len(key))
    if not len(key):  # nothing shared beyond boilerplate: no candidate pairs
        return {}
    order = np.argsort(key, kind="stable")
    key, I2, J2 = key[order], I2[order], J2[order]
    pa, pb = P[I2], P[J2]
    starts = np.nonzero(np.r_[True, key[1:] != key[:-1]])[0]
    ends = np.r_[starts[1:], len(key)]
    # Draft-to-draft evidence: each shared fingerprint weighs 1 / (number of other drafts that
    # have it): text only these two drafts share counts fully, a phrase shared by many drafts
    # little. Pairs with a source (template, history, team) are always kept.
    w = 1.0 / np.maximum(1, mcount_e[J2] - 1)
    score = np.add.reduceat(w, starts) if len(starts) else np.zeros(0)
    kd = key[starts] % ndocs
    keep = (kd >= n_members) | (score >= cfg.min_pair_evidence - 1e-9)
    keep |= _long_runs(preps, key, pa, pb, starts, ends, ~keep, ndocs, cfg.recall_floor)
    stats["weak_pairs_dropped"] = int((~keep).sum())
    out = {}
    for s, e in zip(starts[keep].tolist(), ends[keep].tolist()):
        k = int(key[s])
        out[(k // ndocs, k % ndocs)] = (pa[s:e], pb[s:e])
    return out


def _long_runs(preps: list[Prepared], key: np.ndarray, pa: np.ndarray, pb: np.ndarray, starts: np.ndarray,
               ends: np.ndarray, weak: np.ndarray, ndocs: int, floor: int) -> np.ndarray:
    """Which pairs (segments starts[k]:ends[k] of the seeds) hold seeds on one diagonal spanning at
    least ``floor`` original characters of the draft: a shared passage that long is aligned even
    when other drafts share its pieces (``weak``: the pairs to look at)."""
    out = np.zeros(len(starts), dtype=bool)
    for k in np.nonzero(weak)[0].tolist():
        s, e = starts[k], ends[k]
        if e - s < 2:
            continue
        a_pos, diag = pa[s:e].astype(np.int64), pa[s:e].astype(np.int64) - pb[s:e]
        order = np.lexsort((a_pos, diag))
        a_pos, diag = a_pos[order], diag[order]
        first = np.r_[True, diag[1:] != diag[:-1]]
        last = np.r_[diag[1:] != diag[:-1], True]
        lo, hi = a_pos[first], a_pos[last]
        s2o = preps[int(key[s]) // ndocs].s2o
        top = len(s2o) - 1
        span = s2o[np.minimum(hi + K - 1, top)] - s2o[np.minimum(lo, top)] + 1
        out[k] = bool((span >= floor).any())
    return out


def _pair_seeds(ha: np.ndarray, pa: np.ndarray, hb: np.ndarray, pb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All position pairs (pa[i], pb[j]) with ha[i] == hb[j]."""
    if not len(ha) or not len(hb):
        return np.zeros(0, np.int32), np.zeros(0, np.int32)
    ob = np.argsort(hb, kind="stable")
    hb, pb = hb[ob], pb[ob]
    lo = np.searchsorted(hb, ha, "left")
    hi = np.searchsorted(hb, ha, "right")
    reps = hi - lo
    ia = np.repeat(np.arange(len(ha)), reps)
    ib = np.arange(len(ia)) - np.repeat(np.cumsum(reps) - reps, reps) + np.repeat(lo, reps)
    return pa[ia], pb[ib]


def _history_seeds(preps: list[Prepared], allowed_hist: set[tuple[int, int]]) -> dict:
    """Seeds of each draft against its own earlier drafts only (one or two per draft), from both
    fingerprint sets; never a join of every draft with every earlier draft."""
    out = {}
    for a, b in sorted(allowed_hist):
        A, B = preps[a], preps[b]
        pa1, pb1 = _pair_seeds(A.fp_hash, A.fp_pos, B.fp_hash, B.fp_pos)
        pa2, pb2 = _pair_seeds(A.fp2_hash, A.fp2_pos, B.fp2_hash, B.fp2_pos)
        if len(pa1) or len(np.unique(A.fp2_hash[np.isin(A.fp2_hash, B.fp2_hash)])) >= 2:
            out[(a, b)] = (np.concatenate([pa1, pa2]), np.concatenate([pb1, pb2]))
    return out


def _source_seeds(preps: list[Prepared], n_members: int, cfg: ReuseConfig,
                  stats: dict) -> dict[tuple[int, int], tuple[np.ndarray, np.ndarray]]:
    """Draft x source candidate pairs from the short (K2) fingerprints.

    Sources are few (templates, earlier drafts, the team's material), so drafts can be matched
    against them with short k-grams: a copied sentence with a synonym every dozen characters is
    still seen. Short k-grams that many drafts share are common wording and are ignored; a pair
    needs at least ``cfg.min_source_hits`` distinct shared short fingerprints.
    """
    ndocs = len(preps)
    if ndocs <= n_members or not n_members:
        return {}
    Mh = np.concatenate([p.fp2_hash for p in preps[:n_members]])
    Md = np.concatenate([np.full(len(p.fp2_hash), i, dtype=np.int32) for i, p in enumerate(preps[:n_members])])
    Mp = np.concatenate([p.fp2_pos for p in preps[:n_members]])
    src = [i for i in range(n_members, ndocs) if preps[i].kind != "history"]  # history: _history_seeds
    if not src:
        return {}
    Sh = np.concatenate([preps[i].fp2_hash for i in src])
    Sd = np.concatenate([np.full(len(preps[i].fp2_hash), i, dtype=np.int32) for i in src])
    Sp = np.concatenate([preps[i].fp2_pos for i in src])
    if not len(Mh) or not len(Sh):
        return {}
    so = np.argsort(Sh, kind="stable")
    Sh, Sd, Sp = Sh[so], Sd[so], Sp[so]
    inS = _member_of(Mh, Sh)
    Mh, Md, Mp = Mh[inS], Md[inS], Mp[inS]
    if not len(Mh):
        return {}
    # member frequency of each short fingerprint the sources have
    order = np.lexsort((Md, Mh))
    mh_s, md_s = Mh[order], Md[order]
    first = np.r_[True, (mh_s[1:] != mh_s[:-1]) | (md_s[1:] != md_s[:-1])]
    uh, cnt = np.unique(mh_s[first], return_counts=True)
    limit = max(cfg.common_min, int(np.ceil(cfg.source_common_share * n_members)))
    hit = _member_of(Mh, uh[cnt <= limit])
    Mh, Md, Mp = Mh[hit], Md[hit], Mp[hit]
    if not len(Mh):
        return {}
    mo = np.argsort(Mh, kind="stable")
    Mh, Md, Mp = Mh[mo], Md[mo], Mp[mo]
    lo = np.searchsorted(Sh, Mh, "left")
    hi = np.searchsorted(Sh, Mh, "right")
    reps = hi - lo
    mi = np.repeat(np.arange(len(Mh)), reps)
    si = np.arange(len(mi)) - np.repeat(np.cumsum(reps) - reps, reps) + np.repeat(lo, reps)
    da, db = Md[mi], Sd[si]
    key = da.astype(np.int64) * ndocs + db
    key, pa, pb, hh = key, Mp[mi], Sp[si], Mh[mi]
    order = np.lexsort((hh, key))
    key, pa, pb, hh = key[order], pa[order], pb[order], hh[order]
    starts = np.nonzero(np.r_[True, key[1:] != key[:-1]])[0]
    ends = np.r_[starts[1:], len(key)]
    newh = np.r_[True, (key[1:] != key[:-1]) | (hh[1:] != hh[:-1])].astype(np.int32)
    distinct = np.add.reduceat(newh, starts) if len(starts) else np.zeros(0, np.int32)
    out = {}
    for s, e, dcount in zip(starts.tolist(), ends.tolist(), distinct.tolist()):
        if dcount >= cfg.min_source_hits:
            k = int(key[s])
            out[(k // ndocs, k % ndocs)] = (pa[s:e], pb[s:e])
    stats["source_pairs_short"] = len(out)
    return out


# ---------------------------------------------------------------------------------------------
# alignment (optionally in worker processes)

_WORK: dict[str, Any] = {}


def _align_items(items: list[tuple[tuple[int, int], np.ndarray, np.ndarray]]):
    preps = _WORK["preps"]
    ratio = _WORK["sentence_ratio"]
    out = []
    for (a, b), pa, pb, k in items:
        A, B = preps[a], preps[b]
        near: list[Passage] = []
        ps = align_pair(A, B, pa, pb, k=k, near=near)
        # short seeds are too many to link paragraphs: only passages (and near ones) link them then
        cands = sentence_candidates(A, B, ps, pa, pb, min_ratio=ratio, seed_links=k >= K,
                                    near=near) if (ps or near or len(pa)) else []
        if ps or cands:
            out.append(((a, b), ps, cands))
    return out


def _align_all(preps: list[Prepared], seeds: dict, cfg: ReuseConfig,
               progress: Callable[[int, int], None] | None):
    items = [(key, pa, pb, k) for key, (pa, pb, k) in seeds.items()]
    total = len(items)
    _WORK["preps"] = preps
    _WORK["sentence_ratio"] = cfg.sentence_ratio
    results = []
    step = 2000
    chunks = [items[i:i + step] for i in range(0, total, step)]
    try:
        workers = cfg.workers or (min(2, os.cpu_count() or 1) if sys.platform.startswith("linux") else 1)
        if workers > 1 and total > 4 * step and hasattr(os, "fork"):
            import multiprocessing as mp

            ctx = mp.get_context("fork")
            with ctx.Pool(workers) as pool:
                done = 0
                for res, ch in zip(pool.imap(_align_items, chunks), chunks):
                    results.extend(res)
                    done += len(ch)
                    if progress:
                        progress(done, total)
        else:
            done = 0
            for ch in chunks:
                results.extend(_align_items(ch))
                done += len(ch)
                if progress:
                    progress(done, total)
    finally:
        _WORK.clear()
    return results


def _sentences_text(P: Prepared) -> list[str]:
    if not P.n:
        return []
    cuts = np.nonzero(np.diff(P.sent))[0] + 1
    bounds = np.r_[0, cuts, P.n]
    return [P.skel[s:e] for s, e in zip(bounds[:-1].tolist(), bounds[1:].tolist()) if e - s >= 4]


def _sentence_check(preps: list[Prepared], results, cfg: ReuseConfig) -> dict[tuple[int, int], list[Passage]]:
    """TF-IDF cosine (character 1-2 grams) on the sentence candidates, all at once."""
    out: dict[tuple[int, int], list[Passage]] = {}
    flat = [(key, c) for key, _ps, cands in results for c in cands]
    for key, ps, _c in results:
        out[key] = list(ps)
    if not flat:
        for key in list(out):
            out[key] = finish(merge_adjacent(out[key]), preps[key[0]], preps[key[1]])
        return out
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts_a = [preps[k[0]].skel[c.a0:c.a1] for k, c in flat]
    texts_b = [preps[k[1]].skel[c.b0:c.b1] for k, c in flat]
    # IDF from the sentences of (up to 300 of) the documents involved, so that genre words weigh
    # little and the content words of the two sentences weigh much
    involved = sorted({i for k, _c in flat for i in k})[:300]
    background = [t for i in involved for t in _sentences_text(preps[i])]
    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True)
    vec.fit(background + texts_a + texts_b)
    Xa = vec.transform(texts_a)
    Xb = vec.transform(texts_b)
    cos = np.asarray(Xa.multiply(Xb).sum(axis=1)).ravel()  # rows are L2-normalised
    for (key, c), cs in zip(flat, cos):
        if cs >= cfg.sentence_cosine:
            out[key].append(c)
    for key in list(out):
        out[key] = finish(merge_adjacent(out[key]), preps[key[0]], preps[key[1]])
    return out


# ---------------------------------------------------------------------------------------------
# results

def _cover(n: int, spans: Iterable[tuple[int, int]]) -> np.ndarray:
    d = np.zeros(n + 1, dtype=np.int32)
    for s, e in spans:
        d[s] += 1
        d[e] -= 1
    return np.cumsum(d[:-1]) > 0


def _reuse(A: Prepared, B: Prepared, a0: int, a1: int, b0: int, b1: int, kind: str, sim: float,
           method: str) -> Reuse:
    s, e = A.orig_span(a0, a1)
    ss, se = B.orig_span(b0, b1)
    return Reuse(doc=A.doc.id, start=s, end=e, source=B.doc.id, source_start=ss, source_end=se,
                 source_kind=kind, similarity=float(sim), excerpt=A.doc.text[s:e],
                 source_excerpt=B.doc.text[ss:se], method=method)


def _shared_claim(p: Passage, A: Prepared, B: Prepared, ta: np.ndarray, tb: np.ndarray, cfg: ReuseConfig) -> bool:
    """Two drafts share this passage because both claim the same team problem: it is mostly
    team text on both sides, or what is left of it besides the team text is too short to be a
    passage of its own (班子查摆的“……”这一问题 / 对班子指出的“……”问题)."""
    ca, cb = ta[p.a0:p.a1], tb[p.b0:p.b1]
    if ca.mean() >= cfg.team_cover and cb.mean() >= cfg.team_cover:
        return True
    rest_a = int((~ca & ~A.masked[p.a0:p.a1]).sum())
    rest_b = int((~cb & ~B.masked[p.b0:p.b1]).sum())
    return bool(ca.any() and cb.any()) and rest_a < MIN_CHARS and rest_b < MIN_CHARS


def _build(preps: list[Prepared], n_members: int, passages: dict[tuple[int, int], list[Passage]],
           cfg: ReuseConfig) -> ReuseResult:
    res = ReuseResult()
    # team coverage per draft (claims explain draft-to-draft sharing)
    team_cov: dict[int, np.ndarray] = {}
    for (a, b), ps in passages.items():
        if preps[b].kind == "team" and ps:
            c = _cover(preps[a].n, [(p.a0, p.a1) for p in ps])
            team_cov[a] = team_cov[a] | c if a in team_cov else c
    # per draft, per source coverage
    cover: dict[int, dict[int, np.ndarray]] = {i: {} for i in range(n_members)}
    longest: dict[int, int] = {i: 0 for i in range(n_members)}
    for (a, b), ps in sorted(passages.items()):
        A, B = preps[a], preps[b]
        kind = "member" if b < n_members else B.kind
        if kind == "member" and a in team_cov and b in team_cov:
            ps = [p for p in ps if not _shared_claim(p, A, B, team_cov[a], team_cov[b], cfg)]
        if not ps:
            continue
        ca = _cover(A.n, [(p.a0, p.a1) for p in ps]) & ~A.masked
        cover[a][b] = ca
        for p in ps:
            r = _reuse(A, B, p.a0, p.a1, p.b0, p.b1, kind, p.sim, p.method)
            res.reuse.append(r)
            longest[a] = max(longest[a], r.end - r.start)
            if kind == "member":
                r2 = _reuse(B, A, p.b0, p.b1, p.a0, p.a1, "member", p.sim, p.method)
                res.reuse.append(r2)
                longest[b] = max(longest[b], r2.end - r2.start)
        cb = _cover(B.n, [(p.b0, p.b1) for p in ps]) & ~B.masked
        if kind == "member":
            cover[b][a] = cb
        res.pairs.append({
            "doc": A.doc.id, "source": B.doc.id, "source_kind": kind,
            "doc_ratio": round(float(ca.sum()) / max(1, A.n), 4),
            "source_ratio": round(float(cb.sum()) / max(1, B.n), 4),
            "passages": len(ps),
            "longest": max(p.a1 - p.a0 for p in ps),
        })
    res.reuse.sort(key=lambda r: (r.doc, r.start, r.source))
    n_passages: dict[str, int] = {}
    for r in res.reuse:
        n_passages[r.doc] = n_passages.get(r.doc, 0) + 1
    for i in range(n_members):
        A = preps[i]
        n = max(1, A.n)
        by_src = cover[i]
        zero = np.zeros(A.n, dtype=bool)

        def union(pred) -> np.ndarray:
            u = zero.copy()
            for b, c in by_src.items():
                if pred(b):
                    u |= c
            return u

        kind_of = {b: ("member" if b < n_members else preps[b].kind) for b in by_src}
        total = union(lambda b: True)
        best_b, best_n = None, 0
        for b, c in by_src.items():
            if kind_of[b] == "team":
                continue
            s = int(c.sum())
            if s > best_n:
                best_b, best_n = b, s
        by_kind = {k: round(float(union(lambda b, k=k: kind_of[b] == k).sum()) / n, 4)
                   for k in SOURCE_KIND_ORDER}
        res.figures[A.doc.id] = {
            "total_chars": A.n,
            "copied_chars": int(total.sum()),
            "total_ratio": round(float(total.sum()) / n, 4),
            "ratio_without_team": round(float(union(lambda b: kind_of[b] != "team").sum()) / n, 4),
            "ratio_without_history": round(float(union(lambda b: kind_of[b] != "history").sum()) / n, 4),
            "ratio_by_kind": by_kind,
            "ratio_by_source": {preps[b].doc.id: round(float(c.sum()) / n, 4) for b, c in by_src.items()},
            "max_source": preps[best_b].doc.id if best_b is not None else None,
            "max_source_kind": kind_of[best_b] if best_b is not None else None,
            "max_source_ratio": round(best_n / n, 4),
            "longest_passage": longest[i],
            "passages": n_passages.get(A.doc.id, 0),
        }
    return res


def detect_reuse(members: list[Document], *, templates: Sequence[Document] = (),
                 history: Sequence[Document] = (), team: Sequence[Document] = (),
                 boilerplate: Sequence[str] = (), store: HistoryStore | None = None,
                 progress: Callable[[int, int], None] | None = None,
                 config: ReuseConfig | None = None) -> ReuseResult:
    """Find reused passages in ``members`` (see module docstring and the contract).

    ``boilerplate`` adds phrases (theme sentence, aspect labels, the rule set's standard phrases)
    to the shipped ``corpora/standard_phrases.txt``. With a ``store``, each member's earlier
    drafts are looked up there, and the members are stored after the run.
    """
    cfg = config or ReuseConfig()
    members = list(members)
    hist = list(history)
    if store is not None:
        hist += store.earlier_for(members, known=hist)
    docs = members + list(templates) + hist + list(team)
    kinds = (["member"] * len(members) + ["template"] * len(templates) + ["history"] * len(hist)
             + ["team"] * len(team))
    boiler = Boilerplate(list(load_standard_phrases()) + list(boilerplate))
    import time

    t0 = time.perf_counter()
    preps = [prepare(d, k) for d, k in zip(docs, kinds)]
    n_members = len(members)
    allowed_hist = set()
    h0 = n_members + len(templates)
    by_identity: dict[str, list[int]] = {}
    for hi in range(h0, h0 + len(hist)):
        by_identity.setdefault(docs[hi].member if docs[hi].member is not None else "\0" + docs[hi].id, []).append(hi)
    for mi, m in enumerate(members):
        keys = {m.member or m.id, "\0" + m.id, "\0" + Path(m.path).stem}
        for key in keys:
            for hi in by_identity.get(key, ()):
                if _history_ok(m, docs[hi], preps[mi].sha, preps[hi].sha):
                    allowed_hist.add((mi, hi))
    stats: dict[str, Any] = {"documents": len(docs), "members": n_members}
    # quotations of the team's material, a colleague's draft or one's own earlier draft are reuse
    # of that source; other long quotations (speeches, regulations) stay boilerplate
    if any(p.quotes for p in preps[:n_members]):
        team_idx = [i for i, k in enumerate(kinds) if k == "team"]
        own_hist: dict[int, list[int]] = {}
        for mi, hi in allowed_hist:
            own_hist.setdefault(mi, []).append(hi)
        stats["quotations_of_sources"] = unquote_sourced(
            preps, range(n_members), shared=list(range(n_members)) + team_idx, own=own_hist)
    _fingerprint_all(preps, boiler, cfg)
    t1 = time.perf_counter()
    seeds = {key: (pa, pb, K) for key, (pa, pb) in _candidate_seeds(preps, n_members, cfg, stats).items()}
    short = _source_seeds(preps, n_members, cfg, stats)
    short.update(_history_seeds(preps, allowed_hist))
    for key, (pa, pb) in short.items():
        if key in seeds:
            pa0, pb0, _k = seeds[key]
            pa, pb = np.concatenate([pa0, pa]), np.concatenate([pb0, pb])
        seeds[key] = (pa, pb, K2)
    stats["candidate_pairs"] = len(seeds)
    t2 = time.perf_counter()
    results = _align_all(preps, seeds, cfg, progress)
    t3 = time.perf_counter()
    passages = _sentence_check(preps, results, cfg)
    t4 = time.perf_counter()
    res = _build(preps, n_members, passages, cfg)
    t5 = time.perf_counter()
    stats["seconds"] = {"prepare": round(t1 - t0, 2), "index": round(t2 - t1, 2), "align": round(t3 - t2, 2),
                        "sentences": round(t4 - t3, 2), "build": round(t5 - t4, 2)}
    res.stats = stats
    if store is not None:
        store.add(members)
    return res


def compare_documents(a: Document, b: Document, boilerplate: Sequence[str] = ()) -> list[Reuse]:
    """Passages of ``a`` that also stand in ``b`` (one entry per passage, ``doc`` = a).

    ``b``'s kind (template/history/team) becomes the source kind; any other kind counts as member.
    History identity is not checked here: the user asked for this comparison.
    """
    kind = b.kind if b.kind in ("template", "history", "team") else "member"
    boiler = Boilerplate(list(load_standard_phrases()) + list(boilerplate))
    cfg = ReuseConfig()
    preps = [prepare(a, "member"), prepare(b, kind)]
    if kind != "template":
        unquote_sourced(preps, [0, 1] if kind == "member" else [0], shared=[0, 1])
    fingerprint_chunk(preps, boiler)
    A, B = preps
    pa, pb = _pair_seeds(A.fp_hash, A.fp_pos, B.fp_hash, B.fp_pos)
    _WORK["preps"] = preps
    _WORK["sentence_ratio"] = cfg.sentence_ratio
    try:
        results = _align_items([((0, 1), pa, pb, K)]) if len(pa) else []
    finally:
        _WORK.clear()
    passages = _sentence_check(preps, results, cfg).get((0, 1), [])
    out = [_reuse(A, B, p.a0, p.a1, p.b0, p.b1, kind, p.sim, p.method) for p in passages]
    out.sort(key=lambda r: r.start)
    return out
