"""Pairwise style comparison relative to the batch.

Two measures per pair of drafts:

* ``habit`` — a weighted count of *distinctive shared habits*: pet phrases, paragraph skeletons
  (the same sequence of pet phrases inside one sentence), refrains (a clause or short sentence both
  drafts repeat in three or more items: 对此我深感自责), heading wording, heading-list patterns
  (以“学”为先 / 以“严”为尺 → 以“…”为…; shared when equal but for quotation marks or when one draft's
  whole list follows the other's pattern), enumeration families and punctuation/number habits (including
  的/地/得 slips) that the two drafts share and that at most a few drafts of the batch
  use (document frequency 2 … ``kmax``; the weight falls with the frequency). Whatever the whole
  genre or the whole batch shares drops out by construction. ``recurrent`` is the part from habits
  used at least twice in each draft, ``form`` the part of that which is form rather than wording.
* ``profile`` — cosine similarity of standardised continuous features (function-word and
  punctuation rates, sentence lengths, enumeration rates) averaged with a character n-gram TF-IDF
  cosine on content-masked text (content characters replaced by a placeholder, so only function
  characters, punctuation and rhythm remain).

Both are turned into robust z-scores among all pairs of the batch (median / MAD), so what counts is
how unusual a pair is for this batch, not how similar two drafts of one genre are in absolute terms.
"""
from __future__ import annotations

import itertools
import math
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from .features import ENUM_FAMILIES, PUNCT_HABITS, SLIP_HABITS, Profile, Refrain, follows, pattern_key

ENUM_LABELS = {k: label for k, label, _ in ENUM_FAMILIES}
HABIT_LABELS = {k: label for k, label, _, _ in PUNCT_HABITS}

W_PHRASE = 1.0
W_FRAME = 2.5
W_HEADING = 1.5
W_ENUM = 2.0
W_HABIT = 1.0
W_HEAD_PATTERN = 2.0  # the same pattern across a whole list of headings (以“…”为…), like an enumeration family
W_REFRAIN = 2.0       # the same clause repeated item after item (对此我深感自责), like an enumeration family
CONTENT_FACTOR = 0.5  # a phrase of content words only (审计发现) is more often shared topic than habit


@dataclass
class HabitMatch:
    score: float = 0.0
    recurrent: float = 0.0   # the part of ``score`` from habits used at least twice in each draft
    form: float = 0.0        # ... of which habits of form, not wording: refrains, heading-list patterns,
                             #     enumeration, sentence skeletons, punctuation kept up through the draft
    phrases: list[tuple[str, int, int, float]] = field(default_factory=list)   # phrase, count a, count b, weight
    frames: list[tuple[tuple[str, ...], int, int]] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    head_patterns: list[str] = field(default_factory=list)
    pattern_leads: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)  # pattern -> leads in a, b
    enum: list[str] = field(default_factory=list)
    habits: list[str] = field(default_factory=list)
    habit_uses: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # habit -> uses in a, in b, drafts using it
    refrains: list[tuple[str, Refrain, Refrain, int]] = field(default_factory=list)  # clause, use in a, in b, drafts using it


def _maximal(items) -> list[str]:
    """The items no longer item contains (longest first)."""
    items = sorted(set(items), key=lambda s: (-len(s), s))
    kept: list[str] = []
    joined = ""  # the kept items, \x00-separated: one substring search instead of one per kept item
    for s in items:
        if s not in joined:
            kept.append(s)
            joined += "\x00" + s
    return kept


class StyleBatch:
    def __init__(self, profiles: list[Profile]):
        self.profiles = profiles
        self.n = len(profiles)
        self.kmax = max(2, self.n // 2)
        self.df_phrase: Counter = Counter()
        self.df_heading: Counter = Counter()
        self.df_enum: Counter = Counter()
        self.df_habit: Counter = Counter()
        self.df_clause: Counter = Counter()
        self._df_pattern: dict[str, int] = {}
        for p in profiles:
            self.df_phrase.update(set(p.phrases))
            self.df_heading.update(set(p.headings))
            self.df_enum.update(k for k, c in p.enum.items() if c >= 2)
            self.df_habit.update(p.habits)
            self.df_clause.update(p.clauses)
        top = math.log((self.n + 1) / 2)
        # idf by document frequency, and each draft's phrases that can weigh at all (2 ≤ df ≤ kmax)
        self._idf = [0.0 if df < 2 or df > self.kmax else (math.log((self.n + 1) / df) / top if top > 0 else 1.0)
                     for df in range(self.n + 2)]
        self._rare = [frozenset(ph for ph in p.phrases if self._idf[self.df_phrase[ph]] > 0) for p in profiles]
        self._where: list[dict[str, list[int]] | None] = [None] * self.n
        self._rates = None  # profile vectors, made on first use (profile_sims)

    # -- weights ---------------------------------------------------------------------------
    def idf(self, df: int) -> float:
        """1.0 for a feature two drafts share, falling towards 0 as more drafts share it."""
        return self._idf[df] if 0 <= df < len(self._idf) else 0.0

    # -- discrete habits -------------------------------------------------------------------
    def habits(self, i: int, j: int) -> HabitMatch:
        a, b = self.profiles[i], self.profiles[j]
        m = HabitMatch()
        maximal = _maximal(self._rare[i] & self._rare[j])
        for p in maximal:
            ca, cb = a.phrases[p], b.phrases[p]
            w = W_PHRASE * self.idf(self.df_phrase[p]) * (1 + 0.5 * math.log(min(ca, cb)))
            if p in a.content_phrases or p in b.content_phrases:
                w *= CONTENT_FACTOR
            m.phrases.append((p, ca, cb, w))
            if min(ca, cb) >= 2:
                m.recurrent += w
        m.phrases.sort(key=lambda t: (-t[3], -min(t[1], t[2]), -len(t[0]), t[0]))
        m.score += sum(t[3] for t in m.phrases)

        keep = set(maximal)
        fa, fb = self._frames(a, keep, self._sentences_of(i)), self._frames(b, keep, self._sentences_of(j))
        common = {f: min(fa[f], fb[f]) for f in fa if f in fb}
        # Keep a frame unless a longer shared frame contains it and recurs as often.
        dominated: set[tuple[str, ...]] = set()
        for g, cg in common.items():
            for k in range(2, len(g)):
                for sub in itertools.combinations(g, k):
                    if common.get(sub, cg + 1) <= cg:
                        dominated.add(sub)
        common_max = [f for f in common if f not in dominated]
        for f in sorted(common_max, key=lambda f: (-common[f] * (len(f) - 1), -len(f), f)):
            m.frames.append((f, fa[f], fb[f]))
            if common[f] >= 2:  # a skeleton used again and again is a habit; once is just phrases
                w = W_FRAME * (len(f) - 1) * (1 + 0.5 * math.log(common[f]))
                m.score += w
                m.recurrent += w
                m.form += w
        for h in sorted(set(a.headings) & set(b.headings)):
            w = self.idf(self.df_heading[h])
            if w > 0:
                m.headings.append(h)
                m.score += W_HEADING * w
        for k, leads_a, leads_b in self._shared_patterns(a, b):
            w = self.idf(self._pattern_df(k))
            if w > 0:  # used for a whole list of headings in each draft: recurrent by construction
                m.head_patterns.append(k)
                m.pattern_leads[k] = (leads_a, leads_b)
                m.score += W_HEAD_PATTERN * w
                m.recurrent += W_HEAD_PATTERN * w
                m.form += W_HEAD_PATTERN * w
        for k in sorted(k for k in a.enum if a.enum[k] >= 2 and b.enum.get(k, 0) >= 2):
            w = self.idf(self.df_enum[k])
            if w > 0:
                m.enum.append(k)
                m.score += W_ENUM * w
                m.recurrent += W_ENUM * w
                m.form += W_ENUM * w
        for k in sorted(a.habits & b.habits):
            w = self.idf(self.df_habit[k])
            if w > 0:
                m.habits.append(k)
                m.habit_uses[k] = (a.habit_counts[k], b.habit_counts[k], self.df_habit[k])
                m.score += W_HABIT * w
                if min(a.habit_counts[k], b.habit_counts[k]) >= 2:  # a typing habit kept up, not a slip of the key
                    m.recurrent += W_HABIT * w
                    m.form += W_HABIT * w
        # Refrains: a clause both drafts repeat in several items (and the batch's other drafts use
        # rarely, if at all). Used item after item, it is recurrent by construction.
        shared_refrains = [c for c in set(a.refrains) & set(b.refrains) if self.idf(self.df_clause[c]) > 0]
        # A refrain sentence (这个问题，我负有直接责任) counts once, not once more for each of its clauses.
        shared_refrains = [c for c in shared_refrains if not any(c != o and c in o for o in shared_refrains)]
        for c in sorted(shared_refrains, key=lambda c: (-min(a.refrains[c].lines, b.refrains[c].lines), c)):
            w = self.idf(self.df_clause[c])
            if w > 0:
                m.refrains.append((c, a.refrains[c], b.refrains[c], self.df_clause[c]))
                m.score += W_REFRAIN * w
                m.recurrent += W_REFRAIN * w
                m.form += W_REFRAIN * w
        return m

    @staticmethod
    def _shared_patterns(a: Profile, b: Profile) -> list[tuple[str, list[str], list[str]]]:
        """Heading-list patterns the two drafts share: the same pattern (quotation marks aside: …上有‘…’
        and …上有…), or one draft's pattern that the other's whole list follows too (着力在…上下功夫 and
        着力补齐… both follow 着力…). Each list of either draft counts once."""
        out: list[tuple[str, list[str], list[str]]] = []
        used_a: set[str] = set()
        used_b: set[str] = set()
        for pa, la in sorted(a.head_patterns.items()):
            for pb, lb in sorted(b.head_patterns.items()):
                if pa in used_a or pb in used_b:
                    continue
                if pattern_key(pa) == pattern_key(pb):
                    shared = pa
                elif follows(pb, la):
                    shared = pb
                elif follows(pa, lb):
                    shared = pa
                else:
                    continue
                used_a.add(pa)
                used_b.add(pb)
                out.append((shared, la, lb))
        return sorted(out)

    def _pattern_df(self, pattern: str) -> int:
        """Drafts of the batch with a whole heading list following ``pattern``."""
        key = pattern_key(pattern)
        if key not in self._df_pattern:
            self._df_pattern[key] = sum(1 for p in self.profiles if any(follows(key, leads) for leads in p.head_patterns.values()))
        return self._df_pattern[key]

    def rare_habit_vectors(self, max_df: int):
        """Sparse vectors (float32) of each draft's habits that at most ``max_df`` drafts share —
        pet phrases, refrains, heading wording — weighted as in :meth:`habits`; for nearest neighbours."""
        from scipy.sparse import csr_matrix

        limit = min(self.kmax, max_df)
        vocab: dict[tuple[str, str], int] = {}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []

        def add(k: int, key: tuple[str, str], w: float) -> None:
            rows.append(k)
            cols.append(vocab.setdefault(key, len(vocab)))
            vals.append(w)

        for k, p in enumerate(self.profiles):
            for ph in self._rare[k]:
                df = self.df_phrase[ph]
                if df <= limit:
                    w = W_PHRASE * self._idf[df] * (1 + 0.5 * math.log(p.phrases[ph]))
                    add(k, ("p", ph), w * CONTENT_FACTOR if ph in p.content_phrases else w)
            for c in p.refrains:
                df = self.df_clause[c]
                if 2 <= df <= limit:
                    add(k, ("r", c), W_REFRAIN * self._idf[df])
            for h in set(p.headings):
                df = self.df_heading[h]
                if 2 <= df <= limit:
                    add(k, ("h", h), W_HEADING * self._idf[df])
        if not vocab:
            return None
        return csr_matrix((np.array(vals, dtype=np.float32), (rows, cols)), shape=(self.n, len(vocab)))

    def _sentences_of(self, i: int) -> dict[str, list[int]]:
        """Draft ``i``'s sentences holding each phrase (kept once computed)."""
        where = self._where[i]
        if where is None:
            where = {}
            for k, seq in enumerate(self.profiles[i].sentences):
                for _pos, ph in seq:
                    where.setdefault(ph, []).append(k)
            self._where[i] = where
        return where

    @staticmethod
    def _frames(p: Profile, keep: set[str], where: dict[str, list[int]] | None = None) -> Counter:
        """Ordered selections (2–4 distinct phrases, gaps allowed) of shared pet phrases inside one
        sentence, counted once per sentence. ``where`` (phrase → sentences) limits the work to the
        sentences holding two kept phrases or more: no other sentence makes a frame."""
        out: Counter = Counter()
        sentences = p.sentences
        if where is not None:
            hits: Counter = Counter(k for ph in keep for k in where.get(ph, ()))
            sentences = [p.sentences[k] for k in sorted(hits) if hits[k] >= 2]
        for seq in sentences:
            items = []
            last_end = -1
            for pos, ph in seq:
                if ph not in keep or pos < last_end:
                    continue
                items.append(ph)
                last_end = pos + len(ph)
            items = items[:12]
            seen = set()
            for n in (2, 3, 4):
                for f in itertools.combinations(items, n):
                    if len(set(f)) == n and f not in seen:
                        seen.add(f)
                        out[f] += 1
        return out

    # -- continuous profile ----------------------------------------------------------------
    def _profile_vectors(self) -> None:
        """Standardised rates (dense, a hundred columns) and the skeletons' TF-IDF (sparse float32)."""
        n = self.n
        keys = sorted({k for p in self.profiles for k in p.rates})
        cols = []
        for k in keys:
            col = [p.rates.get(k, 0.0) for p in self.profiles]
            mean = sum(col) / n
            sd = math.sqrt(sum((x - mean) ** 2 for x in col) / n)
            if sd > 1e-9:
                cols.append([(x - mean) / sd for x in col])
        self._rates = np.array(cols, dtype=np.float64).T.reshape(n, len(cols))
        self._rates_norm = np.sqrt((self._rates ** 2).sum(axis=1))
        self._tfidf = _centred_tfidf([p.skeleton for p in self.profiles])

    def profile_sims(self, I: np.ndarray, J: np.ndarray) -> np.ndarray:
        """Profile similarity of the pairs (I[k], J[k]): the mean of the standardised rates' cosine and
        the skeletons' TF-IDF cosine centred on the batch mean (so the genre's rhythm does not dominate)."""
        I, J = np.asarray(I, dtype=np.int64), np.asarray(J, dtype=np.int64)
        if self.n < 2 or not len(I):
            return np.zeros(len(I))
        if self._rates is None:
            self._profile_vectors()
        R, nr = self._rates, self._rates_norm
        den = nr[I] * nr[J]
        dot = (R[I] * R[J]).sum(axis=1) if R.shape[1] else np.zeros(len(I))
        cos = np.divide(dot, den, out=np.zeros(len(I)), where=den > 0)
        return 0.5 * cos + 0.5 * self._tfidf.cosine(I, J)

    @property
    def profile_sim(self) -> list[list[float]]:
        """Every pair's profile similarity as a matrix (small batches and tests only)."""
        n = self.n
        I, J = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
        sim = self.profile_sims(I.ravel(), J.ravel()).reshape(n, n) if n >= 2 else np.zeros((n, n))
        np.fill_diagonal(sim, 0.0)
        return sim.tolist()


class _CentredTfidf:
    """Cosine of TF-IDF rows centred on their mean, for any pairs, without densifying the matrix:
    (x_i − μ)·(x_j − μ) = x_i·x_j − x_i·μ − x_j·μ + μ·μ."""

    def __init__(self, X=None):
        self.X = X
        if X is None:
            return
        mu = np.asarray(X.mean(axis=0), dtype=np.float64).ravel()
        self.d = np.asarray(X @ mu, dtype=np.float64).ravel()
        self.mm = float(mu @ mu)
        sq = np.asarray(X.multiply(X).sum(axis=1), dtype=np.float64).ravel()
        self.norm = np.sqrt(np.maximum(sq - 2 * self.d + self.mm, 0.0))

    def cosine(self, I: np.ndarray, J: np.ndarray, chunk: int = 2_000) -> np.ndarray:
        if self.X is None:
            return np.zeros(len(I))
        out = np.empty(len(I))
        for s in range(0, len(I), chunk):
            i, j = I[s:s + chunk], J[s:s + chunk]
            xx = np.asarray(self.X[i].multiply(self.X[j]).sum(axis=1), dtype=np.float64).ravel()
            dot = xx - self.d[i] - self.d[j] + self.mm
            den = self.norm[i] * self.norm[j]
            out[s:s + chunk] = np.divide(dot, den, out=np.zeros(len(i)), where=den > 1e-12)
        return out


def _centred_tfidf(texts: list[str]) -> _CentredTfidf:
    from sklearn.feature_extraction.text import TfidfVectorizer

    try:
        vec = TfidfVectorizer(analyzer="char", ngram_range=(2, 4), sublinear_tf=True, min_df=1, dtype=np.float32)
        return _CentredTfidf(vec.fit_transform(texts).tocsr())
    except ValueError:  # empty vocabulary
        return _CentredTfidf()


def robust_z(values: list[float], floor: float) -> tuple[float, float]:
    """Median and a robust scale (1.4826·MAD, at least ``floor``) of ``values``."""
    if not values:
        return 0.0, floor
    s = sorted(values)
    med = _median(s)
    mad = _median(sorted(abs(v - med) for v in s))
    return med, max(1.4826 * mad, floor)


def _median(s: list[float]) -> float:
    n = len(s)
    if n == 0:
        return 0.0
    return s[n // 2] if n % 2 else 0.5 * (s[n // 2 - 1] + s[n // 2])
