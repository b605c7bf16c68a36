"""Align one candidate pair of documents into maximal reused passages (skeleton coordinates).

1. Every shared fingerprint is a *seed*: a k-gram at skeleton position ``i`` of A and ``j`` of B.
   Seeds are grown into maximal exact matches (MEMs) on the skeletons; a MEM is cut where it
   would run through a long stretch of boilerplate (a theme sentence), so shared boilerplate never
   glues two passages together.
2. MEMs on nearly the same diagonal and close to each other are chained: the gap between them is
   an edit (a year 2019→2020, a count 2次→3次, a synonym, a replaced place name) and the chain
   is one passage. Its similarity is the rapidfuzz Indel ratio of the two skeleton spans.
3. Each chain is extended past its ends with rapidfuzz Indel opcodes while the added text keeps
   matching (FUZZY_MIN): an edit right at the edge of the seeds. A passage that covers most of a
   sentence is widened to the sentence's ends on both sides, a short item label (（三）在…方面。)
   is taken along with its paragraph (one carrying the meeting's aspects is boilerplate and is
   trimmed back), and a passage that starts or ends with boilerplate or just
   reaches into the next paragraph by a few characters is trimmed back.
4. Passages with fewer than ``min_chars`` unmasked skeleton characters, or mostly boilerplate,
   are dropped. The rest must show copying by themselves (:func:`_evidence`, on the trimmed
   passage, boilerplate not counted): an exact run of ``min_chars``, or else a high similarity —
   PATCHED_SIM, SHORT_SEED_SIM for passages found from short (K2) seeds only. A passage without
   such a run that differs mainly in its numbers is the same stock wording around other facts
   (a formula filled in with other counts) and is dropped whatever its similarity; a copied
   sentence with a changed year or count keeps its long runs.

The sentence pass (:func:`sentence_candidates`) then proposes pairs of still uncovered
sentences from the paragraphs a passage or seed connects, and the rests of the sentences a
passage stops inside of (clauses reordered at the end of a sentence), for the TF-IDF check in
:mod:`analyzer.reuse.detect` (sentences reordered inside a paragraph, several synonyms). A
short-seed passage that is similar but reworded beyond a near copy (words inserted or swapped:
有推诿心理→存在推诿心理, 办法→招数) links its paragraphs too, so its sentences get that
check. A sentence pair without an exact run of ``min_chars`` whose numbers differ is another
account of the same facts (or a frame), not a copy.
Finally :func:`finish` trims scaffolding off the ends of every passage
(:mod:`analyzer.reuse.edges`: headings, item numbers, lead-ins).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Indel

from analyzer.reuse.edges import trim_edges
from analyzer.reuse.fingerprint import K, Prepared

MIN_CHARS = 18          # unmasked skeleton characters (≈ 20 normalised characters)
MAX_GAP = 30            # largest edit bridged inside one passage (skeleton characters)
MAX_SHIFT = 12          # largest length difference of a bridged edit
MAX_MASKED_RUN = 16     # a passage never runs through a longer boilerplate stretch
MIN_MERGED_SIM = 0.5    # a bridged chain must stay at least this similar
MAX_LABEL = 16          # a paragraph's leading label this short is taken along with its paragraph
SENT_MIN = 15           # sentence pass: minimum unmasked skeleton characters
REST_MIN = 8            # ... for the rest of a sentence a passage stops inside of (both sides)
PATCHED_SIM = 0.8       # passages without an exact run of min_chars: minimum similarity
SHORT_SEED_SIM = 0.9    # passages found from short (K2) seeds only: minimum similarity


@dataclass
class Passage:
    a0: int
    a1: int
    b0: int
    b1: int
    sim: float = 1.0
    method: str = "fingerprint"
    core: int = 0          # longest exact run inside (skeleton characters; once trimmed: unmasked only)
    trimmed: bool = False  # ends already trimmed (see _trim); merging clears it


def _right(sa: str, sb: str, x: int, y: int) -> int:
    n = min(len(sa) - x, len(sb) - y)
    n_ = 0
    step = 32
    while n_ + step <= n and sa[x + n_:x + n_ + step] == sb[y + n_:y + n_ + step]:
        n_ += step
    while n_ < n and sa[x + n_] == sb[y + n_]:
        n_ += 1
    return n_


def _left(sa: str, sb: str, x: int, y: int) -> int:
    """Length of the common run ending just before x / y."""
    n = min(x, y)
    n_ = 0
    step = 32
    while n_ + step <= n and sa[x - n_ - step:x - n_] == sb[y - n_ - step:y - n_]:
        n_ += step
    while n_ < n and sa[x - n_ - 1] == sb[y - n_ - 1]:
        n_ += 1
    return n_


def _split_masked(a0: int, a1: int, masked: np.ndarray) -> list[tuple[int, int]]:
    """Pieces of [a0, a1) outside masked runs longer than MAX_MASKED_RUN."""
    seg = masked[a0:a1]
    if not seg.any():
        return [(a0, a1)]
    pieces = []
    start = a0
    i = 0
    n = len(seg)
    while i < n:
        if seg[i]:
            j = i
            while j < n and seg[j]:
                j += 1
            if j - i > MAX_MASKED_RUN:
                if a0 + i > start:
                    pieces.append((start, a0 + i))
                start = a0 + j
            i = j
        else:
            i += 1
    if a1 > start:
        pieces.append((start, a1))
    return pieces


def maximal_matches(A: Prepared, B: Prepared, pa: np.ndarray, pb: np.ndarray, k: int = K) -> list[Passage]:
    """Grow seeds into maximal exact matches (deduplicated)."""
    sa, sb = A.skel, B.skel
    order = np.lexsort((pa, pa.astype(np.int64) - pb))
    mems: list[Passage] = []
    last: dict[int, tuple[int, int]] = {}
    for idx in order.tolist():
        i, j = int(pa[idx]), int(pb[idx])
        d = i - j
        seen = last.get(d)
        if seen and seen[0] <= i < seen[1]:
            continue
        if sa[i:i + k] != sb[j:j + k]:
            continue  # hash collision
        left = _left(sa, sb, i, j)
        right = _right(sa, sb, i + k, j + k)
        a0, a1 = i - left, i + k + right
        last[d] = (a0, a1)
        for s, e in _split_masked(a0, a1, A.masked):
            if e - s >= k:
                mems.append(Passage(s, e, s - d, e - d))
    return mems


def _chain(mems: list[Passage], A: Prepared, B: Prepared) -> list[Passage]:
    sa, sb = A.skel, B.skel
    mems.sort(key=lambda m: (m.a0, m.b0))
    chains: list[Passage] = []
    for m in mems:
        best = None
        best_cost = None
        for c in chains:
            if m.a1 <= c.a1 or m.b1 <= c.b1:
                if m.a0 >= c.a0 and m.a1 <= c.a1 and m.b0 >= c.b0 and m.b1 <= c.b1:
                    best, best_cost = c, -1  # contained
                    break
                continue
            ga, gb = m.a0 - c.a1, m.b0 - c.b1
            if -K <= ga <= MAX_GAP and -K <= gb <= MAX_GAP and abs(ga - gb) <= MAX_SHIFT \
                    and A.masked[c.a1:m.a0].sum() <= MAX_MASKED_RUN // 2 \
                    and B.masked[c.b1:m.b0].sum() <= MAX_MASKED_RUN // 2:
                cost = abs(ga) + abs(gb)
                if best_cost is None or cost < best_cost:
                    best, best_cost = c, cost
        run = m.a1 - m.a0
        if best is None:
            chains.append(Passage(m.a0, m.a1, m.b0, m.b1, core=run))
        elif best_cost != -1:
            if max(m.a0 - best.a1, m.b0 - best.b1) > 0:
                sim = Indel.normalized_similarity(sa[best.a0:m.a1], sb[best.b0:m.b1])
                if sim < MIN_MERGED_SIM:
                    chains.append(Passage(m.a0, m.a1, m.b0, m.b1, core=run))
                    continue
            best.a1, best.b1 = m.a1, m.b1
            best.core = max(best.core, run)
    return chains


FUZZY_WINDOW = 40      # fuzzy extension looks this far beyond a passage end
FUZZY_MIN = 0.75       # ... and keeps going while this share of the added characters matches


def _fuzzy_run(xa: str, xb: str, reverse: bool) -> tuple[int, int]:
    """How far a passage can be extended into xa/xb (which start at the passage edge; reversed
    strings for the left edge): the longest prefix pair whose Indel alignment keeps at least
    FUZZY_MIN of its characters matched and ends in an equal run of ≥ 2 characters."""
    if not xa or not xb:
        return 0, 0
    if reverse:
        xa, xb = xa[::-1], xb[::-1]
    best = (0, 0)
    matched = 0
    for op in Indel.opcodes(xa, xb):
        if op.tag == "equal":
            matched += op.src_end - op.src_start
            ea, eb = op.src_end, op.dest_end
            if op.src_end - op.src_start >= 2 and 2 * matched >= FUZZY_MIN * (ea + eb):
                best = (ea, eb)
        elif op.src_end + op.dest_end > 16 and 2 * matched < 0.5 * (op.src_end + op.dest_end):
            break
    return best


def _fuzzy_extend(p: Passage, A: Prepared, B: Prepared) -> None:
    """Bridge edits beyond the exact seeds (a changed year or count, a synonym near the edge)."""
    sa, sb = A.skel, B.skel
    for _ in range(8):
        la, lb = _fuzzy_run(sa[max(0, p.a0 - FUZZY_WINDOW):p.a0], sb[max(0, p.b0 - FUZZY_WINDOW):p.b0], True)
        if not (la or lb):
            break
        if A.masked[p.a0 - la:p.a0].sum() > MAX_MASKED_RUN:
            break
        p.a0 -= la
        p.b0 -= lb
    for _ in range(8):
        ra, rb = _fuzzy_run(sa[p.a1:p.a1 + FUZZY_WINDOW], sb[p.b1:p.b1 + FUZZY_WINDOW], False)
        if not (ra or rb):
            break
        if A.masked[p.a1:p.a1 + ra].sum() > MAX_MASKED_RUN:
            break
        p.a1 += ra
        p.b1 += rb


def _trim_masked(P: Prepared, s: int, e: int) -> tuple[int, int]:
    """A passage neither starts nor ends with boilerplate."""
    m = P.masked
    while s < e and m[s]:
        s += 1
    while e > s and m[e - 1]:
        e -= 1
    return s, e


class _Units:
    """Per-document sentence table, built once per document (after masking is final)."""

    __slots__ = ("start", "end", "by_para", "mcum")

    def __init__(self, P: Prepared):
        n = P.n
        self.mcum = np.zeros(n + 1, dtype=np.int32)
        np.cumsum(P.masked, dtype=np.int32, out=self.mcum[1:])
        if not n:
            self.start, self.end, self.by_para = [], [], {}
            return
        cuts = np.nonzero(np.diff(P.sent))[0] + 1
        starts = np.r_[0, cuts]
        ends = np.r_[cuts, n]
        nsent = int(P.sent[-1]) + 1
        st = np.zeros(nsent, dtype=np.int64)
        en = np.zeros(nsent, dtype=np.int64)
        ids = P.sent[starts]
        st[ids] = starts
        en[ids] = ends
        self.start, self.end = st.tolist(), en.tolist()
        mc = self.mcum
        by_para: dict[int, list[tuple[int, int, int]]] = {}
        for a, b, pid in zip(starts.tolist(), ends.tolist(), P.para[starts].tolist()):
            by_para.setdefault(pid, []).append((a, b, b - a - int(mc[b] - mc[a])))
        self.by_para = by_para


def _units(P: Prepared) -> _Units:
    return P.derived("_units", _Units)


def _sentence_bounds(P: Prepared, i: int) -> tuple[int, int]:
    u = _units(P)
    sid = int(P.sent[i])
    return u.start[sid], u.end[sid]


def _widen(p: Passage, A: Prepared, B: Prepared) -> None:
    """Widen to sentence ends when only a small part of the sentence is missing on both sides."""
    sa0, sa1 = _sentence_bounds(A, p.a0)
    sb0, sb1 = _sentence_bounds(B, p.b0)
    ha, hb = p.a0 - sa0, p.b0 - sb0
    if (ha or hb) and ha <= max(4, 0.3 * (sa1 - sa0)) and hb <= max(4, 0.3 * (sb1 - sb0)) \
            and abs(ha - hb) <= 6:
        p.a0, p.b0 = sa0, sb0
    # a recycled paragraph under a reworded item label: the label belongs to the paragraph
    pa0 = int(np.searchsorted(A.para, A.para[p.a0], "left"))
    pb0 = int(np.searchsorted(B.para, B.para[p.b0], "left"))
    if 0 < p.a0 - pa0 <= MAX_LABEL and 0 < p.b0 - pb0 <= MAX_LABEL and p.a1 - p.a0 >= 3 * MAX_LABEL:
        p.a0, p.b0 = pa0, pb0
    ea0, ea1 = _sentence_bounds(A, p.a1 - 1)
    eb0, eb1 = _sentence_bounds(B, p.b1 - 1)
    ta, tb = ea1 - p.a1, eb1 - p.b1
    if (ta or tb) and ta <= max(4, 0.3 * (ea1 - ea0)) and tb <= max(4, 0.3 * (eb1 - eb0)) \
            and abs(ta - tb) <= 6:
        p.a1, p.b1 = ea1, eb1


def _trim_side(P: Prepared, s: int, e: int) -> tuple[int, int]:
    """Drop a dangling start/end (at most 3 unmasked skeleton chars) in another paragraph."""
    if e - s <= 3:
        return s, e
    para = P.para
    if para[s] != para[e - 1]:
        nxt = int(np.searchsorted(para, para[s], "right"))
        if unmasked(P, s, nxt) <= 3:
            s = nxt
    if para[s] != para[e - 1]:
        prv = int(np.searchsorted(para, para[e - 1], "left"))
        if unmasked(P, prv, e) <= 3:
            e = prv
    return s, e


def unmasked(P: Prepared, s: int, e: int) -> int:
    mc = _units(P).mcum
    return int(e - s - (mc[e] - mc[s]))


def _trim(p: Passage, A: Prepared, B: Prepared, min_chars: int = MIN_CHARS) -> bool:
    """Trim boilerplate, dangling ends and scaffolding (headings, numbers, lead-ins) off both ends;
    False when what is left is too short (or mostly boilerplate)."""
    for _ in range(2):
        p.a0, p.a1 = _trim_side(A, *_trim_masked(A, p.a0, p.a1))
        p.b0, p.b1 = _trim_side(B, *_trim_masked(B, p.b0, p.b1))
    if p.a1 - p.a0 <= 0 or p.b1 - p.b0 <= 0 or not _long_enough(p, A, B, min_chars):
        return False
    before = (p.a0, p.a1, p.b0, p.b1)
    if not trim_edges(p, A, B):
        return False
    if (p.a0, p.a1, p.b0, p.b1) != before:
        p.a0, p.a1 = _trim_side(A, *_trim_masked(A, p.a0, p.a1))
        p.b0, p.b1 = _trim_side(B, *_trim_masked(B, p.b0, p.b1))
    p.trimmed = True
    return p.a1 - p.a0 > 0 and p.b1 - p.b0 > 0 and _long_enough(p, A, B, min_chars)


def _long_enough(p: Passage, A: Prepared, B: Prepared, min_chars: int = MIN_CHARS) -> bool:
    ua, ub = unmasked(A, p.a0, p.a1), unmasked(B, p.b0, p.b1)
    return not (ua < min_chars or ub < min_chars or 2 * ua < p.a1 - p.a0 or 2 * ub < p.b1 - p.b0)


def finish(ps: list[Passage], A: Prepared, B: Prepared, min_chars: int = MIN_CHARS) -> list[Passage]:
    """Final passages of a pair (after the sentence pass and merging): trimmed again, too short
    ones dropped, similarity recomputed where a trim changed the spans."""
    out = []
    for p in ps:
        if p.trimmed:
            out.append(p)
            continue
        before = (p.a0, p.a1, p.b0, p.b1)
        if not _trim(p, A, B, min_chars):
            continue
        if (p.a0, p.a1, p.b0, p.b1) != before:
            p.sim = round(Indel.normalized_similarity(A.skel[p.a0:p.a1], B.skel[p.b0:p.b1]), 3)
        if p.method == "sentence" and p.sim < 1.0:
            if _evidence(p, A, B)[0] < min_chars and _other_numbers(A.skel[p.a0:p.a1], B.skel[p.b0:p.b1]):
                continue  # reworded, and other numbers: another account of the facts, or a frame
        out.append(p)
    return _drop_contained(out)


def align_pair(A: Prepared, B: Prepared, pa: np.ndarray, pb: np.ndarray, min_chars: int = MIN_CHARS,
               k: int = K, near: list[Passage] | None = None) -> list[Passage]:
    """Passages shared by A and B, from seeds (pa[i], pb[i]) of k-grams.

    ``near`` (a list) receives the passages found from short seeds that are reworded beyond a near
    copy but still similar (PATCHED_SIM ≤ similarity < SHORT_SEED_SIM): not passages themselves,
    they link their paragraphs for the sentence pass, which judges their sentences by TF-IDF."""
    mems = maximal_matches(A, B, pa, pb, k)
    if not mems:
        return []
    out = []
    for p in _chain(mems, A, B):
        _fuzzy_extend(p, A, B)
        _widen(p, A, B)
        if not _trim(p, A, B, min_chars):
            continue  # nothing left, too short, or mostly boilerplate
        p.sim = round(Indel.normalized_similarity(A.skel[p.a0:p.a1], B.skel[p.b0:p.b1]), 3)
        own_sim, numbers = p.sim, False
        if p.sim < 1.0:
            p.core, own_sim, numbers = _evidence(p, A, B)
        if numbers and p.core < min_chars:
            continue  # the same stock wording around other numbers (other facts): not a copy
                      # (a copied sentence with a changed year or count keeps a long exact run)
        if k < K and p.core < min_chars and own_sim < SHORT_SEED_SIM:
            if near is not None and own_sim >= PATCHED_SIM:
                near.append(p)
            continue  # found from short seeds only: must be a near copy (a synonym or two)
        if p.core < min_chars and own_sim < PATCHED_SIM:
            continue  # no long exact run and much changed: similar stock wording, not a copy
        out.append(p)
    return _drop_contained(out)


def _other_numbers(x: str, y: str) -> bool:
    """The two texts do not hold the same numbers."""
    return re.findall(r"\d+", x) != re.findall(r"\d+", y)


def _evidence(p: Passage, A: Prepared, B: Prepared) -> tuple[int, float, bool]:
    """What the trimmed passage itself shows of copying: its longest exact run of unmasked text,
    the similarity of its unmasked text, and whether it differs mainly in numbers (digits are at
    least half of the changed characters).

    Boilerplate (standard formulations, the meeting's aspect labels) is no evidence, and a run
    through a heading or a theme sentence that the passage no longer holds does not count.
    Numbers that differ break the runs: a formula filled in with other counts (班子查摆问题6个，
    制定整改措施15条，已完成13条 / 我个人查摆问题5个、制定整改措施11条。已完成9条) is short runs of
    stock wording between other facts; a copied sentence with a changed year or count keeps its
    long runs."""
    sa, sb = A.skel[p.a0:p.a1], B.skel[p.b0:p.b1]
    ma, mb = A.masked[p.a0:p.a1], B.masked[p.b0:p.b1]
    core = 0
    changed = digits = 0
    for op in Indel.opcodes(sa, sb).as_list():
        if op[0] != "equal":
            diff = sa[op[1]:op[2]] + sb[op[3]:op[4]]
            changed += len(diff)
            digits += sum(c.isdigit() for c in diff)
            continue
        if op[2] - op[1] <= core:
            continue
        seg = ma[op[1]:op[2]]
        if not seg.any():
            core = op[2] - op[1]
        else:   # longest run of unmasked characters in the block
            d = np.diff(np.r_[False, ~seg, False].astype(np.int8))
            core = max(core, int((np.flatnonzero(d < 0) - np.flatnonzero(d > 0)).max(initial=0)))
    if ma.any() or mb.any():
        ua = "".join(c for c, m in zip(sa, ma.tolist()) if not m)
        ub = "".join(c for c, m in zip(sb, mb.tolist()) if not m)
        sim = Indel.normalized_similarity(ua, ub)
    else:
        sim = p.sim
    return core, sim, digits > 0 and 2 * digits >= changed


def _drop_contained(ps: list[Passage]) -> list[Passage]:
    ps.sort(key=lambda p: (p.a0, -(p.a1 - p.a0)))
    out: list[Passage] = []
    for p in ps:
        if any(q.a0 <= p.a0 and p.a1 <= q.a1 and q.b0 <= p.b0 and p.b1 <= q.b1 for q in out):
            continue
        out.append(p)
    return out


def _uncovered(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    """Less than half of [s, e) lies in the spans."""
    cov = 0
    for a, b in spans:
        if a < e and s < b:
            cov += min(b, e) - max(a, s)
    return 2 * cov < e - s


def _sentences_in(P: Prepared, para_id: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for s, e, n_un in _units(P).by_para.get(para_id, ()):
        if n_un >= SENT_MIN and 2 * n_un >= e - s and _uncovered(s, e, spans):
            out.append((s, e))
    return out


def _free(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    return not any(a < e and s < b for a, b in spans)


def _rest_candidates(A: Prepared, B: Prepared, passages: list[Passage], spans_a: list[tuple[int, int]],
                     spans_b: list[tuple[int, int]], min_ratio: float) -> list[Passage]:
    """The rest of the sentences a passage stops inside of, on both sides, as one candidate pair.

    A copied sentence whose second half was reordered or reworded (担心改出问题、担心触及利益 →
    担心触及利益、担心改出问题) stops the exact alignment in the middle of the sentence; the rest
    of the two sentences is then checked like a sentence pair (TF-IDF cosine), and joins the passage.
    """
    out = []
    sa, sb = A.skel, B.skel
    for p in passages:
        sa0, _ = _sentence_bounds(A, p.a0)
        sb0, _ = _sentence_bounds(B, p.b0)
        _, ea1 = _sentence_bounds(A, p.a1 - 1)
        _, eb1 = _sentence_bounds(B, p.b1 - 1)
        for a0, a1, b0, b1 in ((sa0, p.a0, sb0, p.b0), (p.a1, ea1, p.b1, eb1)):
            ua, ub = unmasked(A, a0, a1), unmasked(B, b0, b1)
            if ua < REST_MIN or ub < REST_MIN or 2 * ua < a1 - a0 or 2 * ub < b1 - b0:
                continue
            if not (_free(a0, a1, spans_a) and _free(b0, b1, spans_b)):
                continue
            if 2 * min(a1 - a0, b1 - b0) >= min_ratio * (a1 - a0 + b1 - b0) \
                    and _bigram_dice(sa[a0:a1], sb[b0:b1]) >= min_ratio:  # order-free: clauses may be swapped
                r = Indel.normalized_similarity(sa[a0:a1], sb[b0:b1])
                out.append(Passage(a0, a1, b0, b1, round(r, 3), "sentence"))
    return out


def _bigram_dice(x: str, y: str) -> float:
    """Dice coefficient of the character bigram sets (insensitive to clause order)."""
    bx = {x[i:i + 2] for i in range(len(x) - 1)}
    by = {y[i:i + 2] for i in range(len(y) - 1)}
    n = len(bx) + len(by)
    return 2 * len(bx & by) / n if n else 0.0


def sentence_candidates(A: Prepared, B: Prepared, passages: list[Passage], pa: np.ndarray, pb: np.ndarray,
                        min_ratio: float = 0.6, seed_links: bool = True,
                        near: list[Passage] = ()) -> list[Passage]:
    """Uncovered sentence pairs, inside paragraphs linked by a passage, a near passage (see
    :func:`align_pair`) or a seed, similar enough by Indel ratio to be checked by TF-IDF cosine."""
    if not A.n or not B.n:
        return []
    linked = list(passages) + list(near)
    links = {(int(A.para[p.a0]), int(B.para[p.b0])) for p in linked}
    links |= {(int(A.para[p.a1 - 1]), int(B.para[p.b1 - 1])) for p in linked}
    if seed_links and len(pa):
        links |= set(zip(A.para[pa].tolist(), B.para[pb].tolist()))
    if not links:
        return []
    spans_a = [(p.a0, p.a1) for p in passages]
    spans_b = [(p.b0, p.b1) for p in passages]
    out = _rest_candidates(A, B, passages, spans_a, spans_b, min_ratio)
    cache_b: dict[int, list[tuple[int, int]]] = {}
    sa, sb = A.skel, B.skel
    for pa_id, pb_id in sorted(links):
        sents_a = _sentences_in(A, pa_id, spans_a)
        if not sents_a:
            continue
        if pb_id not in cache_b:
            cache_b[pb_id] = _sentences_in(B, pb_id, spans_b)
        sents_b = cache_b[pb_id]
        if not sents_b:
            continue
        for a0, a1 in sents_a:
            best = None
            for b0, b1 in sents_b:
                r = Indel.normalized_similarity(sa[a0:a1], sb[b0:b1], score_cutoff=min_ratio)
                if r and (best is None or r > best.sim):
                    best = Passage(a0, a1, b0, b1, round(r, 3), "sentence")
            if best:
                out.append(best)
    return out


def merge_adjacent(ps: list[Passage], max_gap: int = 3) -> list[Passage]:
    """Join passages that follow each other on both sides (e.g. a sentence-pass passage next to a
    fingerprint passage)."""
    ps = sorted(ps, key=lambda p: (p.a0, p.b0))
    out: list[Passage] = []
    for p in ps:
        if out:
            q = out[-1]
            if 0 <= p.a0 - q.a1 <= max_gap and 0 <= p.b0 - q.b1 <= max_gap:
                la, lb = q.a1 - q.a0, p.a1 - p.a0
                q.sim = round((q.sim * la + p.sim * lb) / (la + lb), 3)
                q.a1, q.b1 = p.a1, p.b1
                q.trimmed = False
                if p.method == "fingerprint":
                    q.method = "fingerprint"
                continue
        out.append(p)
    return out
