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

from .context import Context, norm_offset
from .kinds import cn_number

_REF_NUM = re.compile(r"针对(?:第)?([一二三四五六七八九十\d]+(?:[、,和及至到]第?[一二三四五六七八九十\d]+)*)"
                      r"(?:个|条|项|方面)?(?:问题|方面)")
_REF_BRACKET = re.compile(r"针对((?:[（(][一二三四五六七八九十\d]+[）)][、,和及]?)+)")
_NUM_PART = re.compile(r"[一二三四五六七八九十\d]+")
_REF_PHRASE = re.compile(r"(?:针对|关于)([^，。,；;：:]{2,40}?)(?:的|等)?(?:问题|情况|短板|不足|现象)")
_CJK = re.compile(r"[\u4e00-\u9fff]+")
# 针对A和B两个问题, 针对A、B等问题: a reference that names several problems, with their count
_REF_COUNT = re.compile(r"(?:两|二|三|四|几|多)(?:个|项|条|方面)$|等$")
_REF_JOIN = re.compile(r"[和及与、]|以及")


def _ref_parts(phrase: str) -> list[str]:
    """The problems a reference phrase names: one, or several when it counts them."""
    m = _REF_COUNT.search(phrase)
    if not m:
        return [phrase]
    parts = [x for x in _REF_JOIN.split(phrase[:m.start()]) if len(x) >= 2]
    return parts if len(parts) >= 2 else [phrase]


def _bigrams(text: str, stop: re.Pattern | None) -> set[str]:
    if stop is not None:
        text = stop.sub("|", text)
    return {run[i:i + 2] for run in _CJK.findall(text) for i in range(len(run) - 1)}


def _jieba_terms(text: str, stop: re.Pattern | None) -> set[str]:
    """Content words (jieba, two characters or more, genre words removed)."""
    from ..segment import tokens

    if stop is not None:
        text = stop.sub("|", text)
    return {w for w in tokens(text) if len(w) >= 2 and _CJK.fullmatch(w)}


# a specific count with its measure word (25项, 47户, 4家) shared by a problem and a measure anchors them;
# small numbers (1次, 2名) and frequencies are too common to mean anything
_NUMBER = re.compile(r"(?<![0-9.])([0-9]+)(项|户|家|名|个|件|处|所|起|栋|亩|公里|万元|亿元|封|条)")


def _numbers(text: str) -> set[str]:
    return {n + u for n, u in _NUMBER.findall(text) if int(n) >= 3}


def _topics(text: str, topics: list) -> set[str]:
    return {name for name, rx in topics if rx.search(text)}


def _overlap(a: set, b: set) -> float:
    return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0


def _label(text: str) -> str:
    """The item's label: its first sentence (without the numbering mark)."""
    t = re.sub(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、是]|\d+[.、．])", "", text)
    m = re.search(r"[。；;！!？?\n]", t)
    return t[: m.start()] if m else t[:40]


_GROUP_NOISE = re.compile(r"针对|关于|对照|聚焦|围绕|在|方面|存在的|存在|的问题|问题|不足|短板|[，,。：:；;“”\"'、（）()\s]")


def _group_key(text: str) -> str:
    """An aspect heading reduced to its topic: （二）针对担当作为方面的问题 and （二）在担当作为方面
    both become 担当作为."""
    return _GROUP_NOISE.sub("", _label(text))


def _aspect_groups(problems) -> list[list[int]]:
    """Problem indices per aspect heading, in order; empty unless every problem sits under one."""
    groups: dict[str, list[int]] = {}
    for i, p in enumerate(problems):
        if not p.group:
            return []
        groups.setdefault(p.group, []).append(i)
    return list(groups.values())


def _align(sim: dict, aspects: list[list[int]], M: int) -> list[int]:
    """The aspect each of the M measures (in order) is written for, when there are as many aspects
    or more: an increasing assignment maximising the measures' closeness to their aspect's problems
    (one measure per aspect, an aspect with no measure skipped). As many as aspects: the j-th."""
    G = len(aspects)
    if M == G:
        return list(range(M))
    score = [[max(sim[j][i] for i in aspects[g]) for g in range(G)] for j in range(M)]
    neg = float("-inf")
    best = [[neg] * (G + 1) for _ in range(M + 1)]   # best[j][g]: first j measures within the first g aspects
    for g in range(G + 1):
        best[0][g] = 0.0
    for j in range(1, M + 1):
        for g in range(j, G + 1):
            best[j][g] = max(best[j][g - 1], best[j - 1][g - 1] + score[j - 1][g - 1])
    out, g = [0] * M, G
    for j in range(M, 0, -1):
        while best[j][g] == best[j][g - 1] and g > j:
            g -= 1
        out[j - 1] = g - 1
        g -= 1
    return out


class Pairing:
    def __init__(self, params: dict, stop: re.Pattern | None, topics: list | None = None):
        self.topics = topics or []
        self.terms = _jieba_terms if params.get("tokenizer", "bigram") == "jieba" else _bigrams
        self.threshold = float(params.get("threshold", 0.12))
        self.second = float(params.get("second_threshold", 0.3))
        self.weak = float(params.get("weak_threshold", 0.05))
        self.sibling = float(params.get("sibling_threshold", self.weak))
        self.topic_weight = float(params.get("topic_weight", 0.25))
        self.number_weight = float(params.get("number_weight", 0.3))
        self.stop = stop

    def _bag(self, text: str, memo: dict) -> set:
        got = memo.get(text)
        if got is None:
            got = memo[text] = self.terms(text, self.stop)
        return got

    def _space(self, corpus: list[str], memo: dict | None = None):
        """A weighting function: bigram sets → (weights, norm), IDF taken over ``corpus``."""
        memo = {} if memo is None else memo
        bags = [self._bag(t, memo) for t in corpus]
        df: Counter = Counter()
        for bag in bags:
            df.update(bag)
        n = len(bags)
        table = [math.log((n + 1) / (d + 0.5)) for d in range(n + 1)]
        get = df.get

        def vec(text: str | None = None, bag: set | None = None):
            bag = bag if bag is not None else self._bag(text or "", memo)
            v = {g: table[get(g, 0)] for g in bag}
            return v, math.hypot(*v.values()) or 1.0

        return bags, vec

    def _fill_order_gaps(self, answers: list[list[int]], sim: dict, P: int, M: int) -> None:
        """Measures in the problems' order: an unpaired measure between two paired ones takes the
        one free problem between theirs, unless its content points clearly elsewhere."""
        paired = [(j, min(a), max(a)) for j, a in enumerate(answers) if a]
        if len(paired) < 2 or any(paired[k][2] >= paired[k + 1][1] for k in range(len(paired) - 1)):
            return   # too few pairs, or not in order: position says nothing
        taken = {i for a in answers for i in a}
        for j in range(M):
            if answers[j] or j not in sim:
                continue
            lo = max((hi for k, _, hi in paired if k < j), default=-1)
            hi = min((low for k, low, _ in paired if k > j), default=P)
            gap = [i for i in range(lo + 1, hi) if i not in taken]
            others = [sim[j][i] for i in range(P) if i not in gap]
            if len(gap) == 1 and max(others, default=0.0) < self.threshold:
                answers[j] = gap
                taken.add(gap[0])

    @staticmethod
    def _aspect_of(heading: str, gkeys: list[str]) -> list[int]:
        """Problems whose aspect heading has the topic of ``heading`` (针对担当作为方面的问题 ↔ 在担当作为方面)."""
        g = _group_key(heading)
        if len(g) < 2:
            return []
        return [i for i, k in enumerate(gkeys) if k and (k == g or (len(k) >= 2 and (k in g or g in k)))]

    @staticmethod
    def _cos(a, b) -> float:
        (va, na), (vb, nb) = a, b
        common = va.keys() & vb.keys()
        return sum(va[g] * vb[g] for g in common) / (na * nb) if common else 0.0

    def pair(self, ctx: Context) -> list[list[int]]:
        problems = ctx.items("problems")
        measures = ctx.items("measures")
        if not problems or not measures:
            for m in measures:
                m.answers = []
            return [[] for _ in measures]
        norm = ctx.norm

        def ntext(it):  # normalised text of an item
            return norm.text[norm_offset(norm, it.start):norm_offset(norm, it.end)]

        ptexts = [ntext(p) for p in problems]
        mtexts = [ntext(m) for m in measures]
        plabels = [_label(t) for t in ptexts]
        mlabels = [_label(t) for t in mtexts]
        P, M = len(problems), len(measures)
        answers: list[list[int]] = [[] for _ in range(M)]
        phrase_refs: dict[int, list[str]] = {}
        gkeys = [_group_key(p.group) if p.group else "" for p in problems]
        for j, mt in enumerate(mtexts):
            if measures[j].placed and measures[j].answers:
                answers[j] = list(measures[j].answers)   # written under its problem: the layout decides
                continue
            # the measure's own opening, with the heading it sits under when that heading is not an
            # aspect the problems share (（一）关于学用脱节的问题。原因……整改措施：……)
            group = measures[j].group
            head = mt[:80] if not group or self._aspect_of(group, gkeys) else group[:80] + "。" + mt[:80]
            refs = set()
            for rx in (_REF_NUM, _REF_BRACKET):
                for g in rx.findall(head):
                    nums = [cn_number(x) for x in _NUM_PART.findall(g)]
                    if len(nums) == 2 and re.search("[至到]", g) and all(nums):
                        nums = list(range(nums[0], nums[1] + 1))
                    refs.update(n - 1 for n in nums if n and 1 <= n <= P)
            if refs:
                answers[j] = sorted(refs)
            else:
                m = _REF_PHRASE.search(head)
                if m:
                    phrase_refs[j] = _ref_parts(m.group(1))
        cos = self._cos
        memo: dict = {}
        if phrase_refs:
            # reference phrases (针对……的问题): first against the problem labels alone (cheap);
            # when that is not decisive, against labels and whole problem texts
            _, lvec = self._space(plabels, memo)
            plv0 = [lvec(t) for t in plabels]
            full = None
            for j, parts in phrase_refs.items():
                found = []
                for ref in parts:
                    r = lvec(ref)
                    scores = [cos(r, v) for v in plv0]
                    order = sorted(range(P), key=lambda i: -scores[i])
                    if scores[order[0]] >= 0.3 and (P == 1 or scores[order[0]] >= 2 * scores[order[1]]):
                        found.append(order[0])
                        continue
                    if full is None:
                        pbags, vec = self._space(ptexts, memo)
                        full = (vec, [vec(bag=b) for b in pbags], [vec(t) for t in plabels])
                    vec, pv, plv = full
                    r = vec(ref)
                    scores = [max(cos(r, plv[i]), 0.7 * cos(r, pv[i])) for i in range(P)]
                    best = max(range(P), key=lambda i: scores[i])
                    if scores[best] > 0.05:
                        found.append(best)
                answers[j] = sorted(set(found))
        todo = [j for j in range(M) if not answers[j]]
        sim: dict[int, list[float]] = {}
        content: dict[int, list[float]] = {}   # without the shared-topic bonus
        wording: dict[int, list[float]] = {}   # shared wording alone (no topic, no shared count)
        if todo:
            bags, vec = self._space(ptexts + mtexts, memo)
            pv = [vec(bag=b) for b in bags[:P]]
            plv = [vec(t) for t in plabels]
            ptop = [_topics(t, self.topics) for t in ptexts]
            pnum = [_numbers(t) for t in ptexts]
            for j in todo:
                mv, mlv = vec(bag=bags[P + j]), vec(mlabels[j])
                mtop = _topics(mtexts[j], self.topics)
                mnum = _numbers(mtexts[j])
                words = [0.5 * cos(pv[i], mv) + 0.3 * cos(plv[i], mlv) + 0.2 * cos(plv[i], mv) for i in range(P)]
                # a shared count (25项, 47户) anchors a pair that shares some wording; on its own it
                # may be background (全镇18个村) and counts in proportion, like a shared topic
                text_sim = [w + (self.number_weight * min(1.0, w / self.weak) if mnum & pnum[i] else 0.0)
                            for i, w in enumerate(words)]
                content[j] = text_sim
                wording[j] = words
                # a shared topic supports shared content; on its own (no content in common) it
                # counts in proportion to what content there is, up to the weak level
                sim[j] = [text_sim[i] + self.topic_weight * _overlap(ptop[i], mtop) * min(1.0, text_sim[i] / self.weak)
                          for i in range(P)]
        # one measure per aspect: problems grouped under G aspect headings and G measures (or fewer)
        # with no headings of their own; the j-th measure answers the problems of the aspect it is
        # aligned to (the j-th when there are G), unless its content clearly belongs elsewhere
        # (nothing in its aspect, a close problem outside it)
        aspects = _aspect_groups(problems)
        if len(aspects) >= 2 and 2 <= M <= len(aspects) and not any(m.group for m in measures) \
                and (M == len(aspects) or all(j in sim for j in range(M))):
            placed = _align(sim, aspects, M)
            for j in todo:
                if answers[j] or j not in sim:
                    continue
                mine = aspects[placed[j]]
                if M < len(aspects) and max(sim[j][i] for i in mine) < self.weak:
                    continue   # fewer measures than aspects: a measure is placed by its content only
                inside = max(sim[j][i] for i in mine)
                outside = max((sim[j][i] for i in range(P) if i not in mine), default=0.0)
                if inside < self.weak and outside >= self.threshold:
                    continue
                if max(content[j][i] for i in mine) >= self.second:
                    # clearly written for one problem of its aspect: the others need content too
                    mine = [i for i in mine if content[j][i] >= self.weak]
                answers[j] = mine + [i for i in range(P) if i not in mine and sim[j][i] >= self.second]
        # shared aspect heading (（二）针对担当作为方面的问题 ↔ （二）在担当作为方面): the measure answers
        # the problems of that group it is closest to (all of them when content cannot tell)
        for j, m in enumerate(measures):
            if answers[j] or not m.group:
                continue
            same = self._aspect_of(m.group, gkeys)
            if not same:
                continue
            if j in sim and len(same) > 1:
                ranked = sorted(same, key=lambda i: -sim[j][i])
                best, runner = ranked[0], sim[j][ranked[1]]
                if sim[j][best] >= self.weak or (sim[j][best] > 0 and sim[j][best] >= 2 * runner):
                    answers[j] = [best] + [i for i in same if i != best and sim[j][i] >= self.second]
                    continue
                # content cannot tell: sub-items mirrored one to one take the problem at their position
                mine = [k for k, mm in enumerate(measures) if mm.group and _group_key(mm.group) == g]
                if len(mine) == len(same):
                    answers[j] = [same[mine.index(j)]]
                    continue
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
                if answers[j] or j not in sim:
                    continue
                free = [i for i in range(P) if i not in taken]
                if not free:
                    break
                # the problem at its own position when free, else the closest free one
                best = j if j in free and sim[j][j] >= max(sim[j][i] for i in free) \
                    else max(free, key=lambda i: content[j][i])
                if content[j][best] > 0.02:
                    answers[j] = [best]
                    taken.add(best)
        # measures written in the problems' order: an unpaired measure between two paired ones
        # answers the one free problem between theirs (the order is the writer's own pairing)
        self._fill_order_gaps(answers, sim, P, M)
        # a problem nothing answers yet, but close enough to a measure that answers another one;
        # they must share some wording (at least the weak level): a shared topic such as 廉洁 or
        # a background count such as 全镇18个村 alone does not make a measure answer a second problem
        taken = {i for a in answers for i in a}
        for i in range(P):
            if i in taken:
                continue
            near = [j for j in sim if answers[j] and sim[j][i] >= self.threshold
                    and wording[j][i] >= self.sibling]
            if near:
                j = max(near, key=lambda j: sim[j][i])
                answers[j] = sorted(set(answers[j]) | {i})
        self._use_free_measures(answers, sim, content, P, M)
        self._answer_siblings(answers, wording, [p.group for p in problems])
        for j, m in enumerate(measures):
            m.answers = sorted(set(answers[j]))
        return answers

    def _answer_siblings(self, answers: list[list[int]], wording: dict, groups: list) -> None:
        """A measure written for an aspect covers the aspect: a problem still unanswered is answered
        by a measure that answers another problem under the same aspect heading, when the two share
        some wording of their own (``sibling_threshold``; the aspect heading alone is not enough)."""
        taken = {i for a in answers for i in a}
        for i, g in enumerate(groups):
            if i in taken or not g:
                continue
            near = [j for j in wording
                    if any(groups[k] == g for k in answers[j]) and wording[j][i] >= self.sibling]
            if near:
                j = max(near, key=lambda j: wording[j][i])
                answers[j] = sorted(set(answers[j]) | {i})

    def _use_free_measures(self, answers: list[list[int]], sim: dict, content: dict, P: int, M: int) -> None:
        """Writers do not write measures for nothing: a measure still answering no problem takes the
        unanswered problem it is closest to (by content, then by position), one problem each, the
        closest pairs first. Problems stay unanswered only when the measures run out."""
        taken = {i for a in answers for i in a}
        free_m = [j for j in range(M) if not answers[j] and j in sim]
        free_p = [i for i in range(P) if i not in taken]
        pairs = sorted(((content[j][i] + sim[j][i], -abs(i * M - j * P), j, i) for j in free_m for i in free_p),
                       reverse=True)
        for _, _, j, i in pairs:
            if answers[j] or i in taken:
                continue
            answers[j] = [i]
            taken.add(i)
