"""Problem ↔ measure pairing (整改措施要对着问题).

A measure answers a problem when it names it (针对第二个问题, 针对（二）, 针对……的问题), sits under the
same aspect heading, or shares distinctive content with it: character bigrams of the two texts,
weighted by inverse frequency across the document's items, after removing genre words that every
problem and measure shares (问题, 加强, 进一步...). When the counts match and the order agrees with the
content, order decides the remaining ties. Results go to ``Item.answers`` of each measure.
"""
from __future__ import annotations

import math
import re
from collections import Counter

from .context import Context
from .kinds import cn_number

_REF_NUM = re.compile(r"针对(?:第)?([一二三四五六七八九十\d]+)(?:个|条|项|方面)?(?:问题|方面)")
_REF_BRACKET = re.compile(r"针对[（(]([一二三四五六七八九十\d]+)[）)]")
_REF_PHRASE = re.compile(r"针对([^，。,；;：:]{2,40}?)(?:的|等)?(?:问题|情况|短板|不足|现象)")
_CJK = re.compile(r"[\u4e00-\u9fff]+")


def _bigrams(text: str, stop: re.Pattern | None) -> set[str]:
    if stop is not None:
        text = stop.sub("|", text)
    return {run[i:i + 2] for run in _CJK.findall(text) for i in range(len(run) - 1)}


def _label(text: str) -> str:
    """The item's label: its first sentence (without the numbering mark)."""
    t = re.sub(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、是]|\d+[.、．])", "", text)
    m = re.search(r"[。；;！!？?\n]", t)
    return t[: m.start()] if m else t[:40]


class Pairing:
    def __init__(self, params: dict, stop: re.Pattern | None):
        self.threshold = float(params.get("threshold", 0.12))
        self.second = float(params.get("second_threshold", 0.3))
        self.weak = float(params.get("weak_threshold", 0.05))
        self.stop = stop

    def _space(self, corpus: list[str]):
        """A weighting function: bigram bags → unit vectors, IDF taken over ``corpus``."""
        bags = [_bigrams(t, self.stop) for t in corpus]
        df: Counter = Counter()
        for bag in bags:
            df.update(bag)
        n = len(bags)
        idf = {g: math.log((n + 1) / (d + 0.5)) for g, d in df.items()}
        default = math.log((n + 1) / 0.5)

        def vec(text: str | None = None, bag: set | None = None) -> dict:
            bag = bag if bag is not None else _bigrams(text or "", self.stop)
            v = {g: idf.get(g, default) for g in bag}
            norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
            return {g: x / norm for g, x in v.items()}

        return bags, vec

    @staticmethod
    def _cos(a: dict, b: dict) -> float:
        common = a.keys() & b.keys()
        return sum(a[g] * b[g] for g in common) if common else 0.0

    def pair(self, ctx: Context) -> list[list[int]]:
        problems = ctx.items("problems")
        measures = ctx.items("measures")
        if not problems or not measures:
            for m in measures:
                m.answers = []
            return [[] for _ in measures]
        norm = ctx.norm
        def ntext(it):  # normalised text of an item
            from bisect import bisect_left
            return norm.text[bisect_left(norm.orig, it.start):bisect_left(norm.orig, it.end)]

        ptexts = [ntext(p) for p in problems]
        mtexts = [ntext(m) for m in measures]
        plabels = [_label(t) for t in ptexts]
        mlabels = [_label(t) for t in mtexts]
        P, M = len(problems), len(measures)
        answers: list[list[int]] = [[] for _ in range(M)]
        phrase_refs: dict[int, str] = {}
        for j, mt in enumerate(mtexts):
            head = mt[:80]
            refs = set()
            for rx in (_REF_NUM, _REF_BRACKET):
                for g in rx.findall(head):
                    n = cn_number(g)
                    if n and 1 <= n <= P:
                        refs.add(n - 1)
            if refs:
                answers[j] = sorted(refs)
            else:
                m = _REF_PHRASE.search(head)
                if m:
                    phrase_refs[j] = m.group(1)
        cos = self._cos
        if phrase_refs:
            # reference phrases (针对……的问题) against problem labels and texts
            pbags, vec = self._space(ptexts)
            pv = [vec(bag=b) for b in pbags]
            plv = [vec(t) for t in plabels]
            for j, ref in phrase_refs.items():
                r = vec(ref)
                scores = [max(cos(r, plv[i]), 0.7 * cos(r, pv[i])) for i in range(P)]
                best = max(range(P), key=lambda i: scores[i])
                if scores[best] > 0.05:
                    answers[j] = [best]
        todo = [j for j in range(M) if not answers[j]]
        sim: dict[int, list[float]] = {}
        if todo:
            bags, vec = self._space(ptexts + mtexts)
            pv = [vec(bag=b) for b in bags[:P]]
            plv = [vec(t) for t in plabels]
            for j in todo:
                mv, mlv = vec(bag=bags[P + j]), vec(mlabels[j])
                sim[j] = [0.5 * cos(pv[i], mv) + 0.3 * cos(plv[i], mlv) + 0.2 * cos(plv[i], mv)
                          for i in range(P)]
        # shared aspect heading
        for j, m in enumerate(measures):
            if answers[j] or not m.group:
                continue
            g = _label(m.group)
            same = [i for i, p in enumerate(problems) if p.group and _label(p.group) == g]
            if same:
                answers[j] = same
        # content similarity for the rest
        for j in range(M):
            if answers[j] or j not in sim:
                continue
            order = sorted(range(P), key=lambda i: -sim[j][i])
            best = order[0]
            second = sim[j][order[1]] if len(order) > 1 else 0.0
            if sim[j][best] >= self.threshold:
                answers[j] = [best] + [i for i in order[1:] if sim[j][i] >= self.second]
            elif sim[j][best] >= self.weak and sim[j][best] >= 2 * second:
                answers[j] = [best]   # weaker, but clearly closer to one problem than to any other
        if P == M:
            # counts match: a measure still unpaired takes the problem at its own position when
            # no other measure answers that problem and it is the closest of the free problems
            taken = {i for a in answers for i in a}
            for j in range(M):
                if answers[j] or j not in sim or j in taken:
                    continue
                free = [i for i in range(P) if i not in taken]
                if sim[j][j] > 0.02 and sim[j][j] >= max(sim[j][i] for i in free):
                    answers[j] = [j]
                    taken.add(j)
        for j, m in enumerate(measures):
            m.answers = sorted(set(answers[j]))
        return answers
