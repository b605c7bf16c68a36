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


def _bigrams(text: str, stop: re.Pattern | None) -> Counter:
    if stop is not None:
        text = stop.sub("|", text)
    return Counter(run[i:i + 2] for run in _CJK.findall(text) for i in range(len(run) - 1))


def _label(text: str) -> str:
    """The item's label: its first sentence (without the numbering mark)."""
    t = re.sub(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、是]|\d+[.、．])", "", text)
    m = re.search(r"[。；;！!？?\n]", t)
    return t[: m.start()] if m else t[:40]


class Pairing:
    def __init__(self, params: dict, stop: re.Pattern | None):
        self.threshold = float(params.get("threshold", 0.12))
        self.second = float(params.get("second_threshold", 0.3))
        self.stop = stop

    def _vectors(self, texts: list[str]) -> list[dict]:
        bags = [_bigrams(t, self.stop) for t in texts]
        df: Counter = Counter()
        for b in bags:
            df.update(set(b))
        n = len(bags)
        idf = {g: math.log((n + 1) / (d + 0.5)) for g, d in df.items()}
        vecs = []
        for b in bags:
            v = {g: (c if c == 1 else 1 + math.log(c)) * idf[g] for g, c in b.items()}
            norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
            vecs.append({g: x / norm for g, x in v.items()})
        return vecs

    @staticmethod
    def _cos(a: dict, b: dict) -> float:
        if len(a) > len(b):
            a, b = b, a
        return sum(x * b.get(g, 0.0) for g, x in a.items())

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
        todo = [j for j in range(M) if not answers[j]]
        if not todo:
            for j, m in enumerate(measures):
                m.answers = sorted(set(answers[j]))
            return answers
        # one vector space for items, labels and reference phrases (the label carries the topic)
        refs_j = list(phrase_refs)
        vec = self._vectors(ptexts + mtexts + plabels + mlabels + [phrase_refs[j] for j in refs_j])
        pv, mv = vec[:P], vec[P:P + M]
        plv, mlv = vec[P + M:2 * P + M], vec[2 * P + M:2 * P + 2 * M]
        rv = dict(zip(refs_j, vec[2 * P + 2 * M:]))
        cos = self._cos
        for j, r in rv.items():
            scores = [max(cos(r, plv[i]), 0.7 * cos(r, pv[i])) for i in range(P)]
            best = max(range(P), key=lambda i: scores[i])
            if scores[best] > 0.05:
                answers[j] = [best]
        sim = [[0.5 * cos(pv[i], mv[j]) + 0.3 * cos(plv[i], mlv[j]) + 0.2 * cos(plv[i], mv[j])
                for i in range(P)] if not answers[j] else [] for j in range(M)]
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
            if answers[j]:
                continue
            order = sorted(range(P), key=lambda i: -sim[j][i])
            best = order[0]
            if sim[j][best] >= self.threshold:
                answers[j] = [best] + [i for i in order[1:] if sim[j][i] >= self.second]
            elif P == M and sim[j][j] >= self.threshold * 0.5 and sim[j][j] >= sim[j][best] * 0.8:
                answers[j] = [j]   # counts match and the same position is nearly as close
        for j, m in enumerate(measures):
            m.answers = sorted(set(answers[j]))
        return answers
