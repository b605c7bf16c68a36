"""Problem lineage: this year's problems and measures against the same member's earlier drafts.

**Matching by content.** A problem item is compared by its *body* — the item without its label sentence
(``理论学习不够深入。``), since stock labels recur over different failings — as character bigrams
weighted by TF-IDF (scikit-learn), IDF taken over every item of the drafts compared and the shipped
templates, so words every draft uses (问题, 群众, 不够) weigh little and the facts (采石场, 购物卡,
可研报告) weigh much. Character bigrams need no word segmentation and still meet a reworded repeat
(帖文/帖子, 污水处理厂/污水厂). Pairs at or above ``lineage.threshold`` (set from labelled pairs, see
``bench/yearly_calibrate.py``) are matches; each earlier item is matched to at most one item of this
year and the other way round, best pairs first.

**What a match means.** For each match the draft is asked for a word on last year's rectification:
the item itself refers back (去年查摆的……整改不彻底), or the 上年度整改落实情况 part speaks of the
earlier problem or its measure and says it is still open (尚未、仍有差距). Without it: YR001
``repeated-problem``. When that part reports the earlier problem or its measure done (已整改到位) while it
is raised again: YR003. Earlier measures nobody reports on (no such part and no sentence on last year's
rectification; or a part that leaves measures out): YR002 (both ``rectification-unreported``). A measure
equal to an earlier one once years are masked: YR005 ``measure-repeated``.

The comparison of each member (``YearComparison``) is kept on ``DocResult.years`` for the reports'
年度对比 view: every earlier problem → this year's match → status.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

from analyzer.model import Document, DocResult, Finding, Item, Structure

from .config import compiled, number

# statuses of an earlier problem in this year's draft (the 年度对比 view)
REPEATED = "repeated"              # raised again, no word on its rectification (YR001)
REPEATED_CLAIMED = "claimed"       # raised again although reported done (YR001 + YR003)
REPEATED_EXPLAINED = "explained"   # raised again, and the draft says why it is not fixed
REPORTED = "reported"              # not raised again; its rectification is reported
UNREPORTED = "unreported"          # not raised again; nothing said about it
STATUS_CN = {REPEATED: "再次查摆，未说明上年整改情况", REPEATED_CLAIMED: "再次查摆，但上年整改情况称已整改到位",
             REPEATED_EXPLAINED: "再次查摆，已说明未改好的原因", REPORTED: "未再查摆，已报告整改情况",
             UNREPORTED: "未再查摆，未报告整改情况"}
# how the draft reports on an earlier problem or measure
DONE, OPEN, SILENT = "done", "open", "silent"

_YEAR_RX = re.compile(r"(?:19|20)[0-9]{2}\s*年|[一二][〇零○九][〇零○一二三四五六七八九]{2}年")
_PUNCT = re.compile(r"[\s0-9０-９,.;:()，。、；：“”‘’（）《》!?！？\-—…]")
_MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[.．、]|"
                     r"[①-⑳]|[一二三四五六七八九十]+是[，,：:]?)\s*")


# ---- earlier drafts of a member ------------------------------------------------------------------

def review_year(doc: Document) -> int | None:
    """The year a draft reviews: the manifest's year, else its title's (2020年度 → 2020), else the year
    in its file name (黄海燕-2020)."""
    from pathlib import Path

    from analyzer.identity import split_year

    if doc.year is not None:
        return doc.year
    from analyzer.rules.context import fast_normalize

    head = fast_normalize(doc.text[:300]).text
    for key in ("annual_title", "year_title"):
        m = compiled("meeting_date", key).search(head)
        if m:
            return int(m.group(1))
    return split_year(Path(doc.path).stem)[1] if doc.path else split_year(doc.id)[1]


def _names(doc: Document) -> set[str]:
    """What a draft without a manifest row is known by: its id and file stem, each also without a year
    written in it (黄海燕-2020 → 黄海燕)."""
    from pathlib import Path

    from analyzer.identity import split_year

    stems = {doc.id, Path(doc.path).stem} - {""}
    return stems | {split_year(s)[0] for s in stems}


def same_member(hist: Document, member: Document) -> bool:
    """An earlier draft belongs to the member: same name where both are known, else the same file stem
    once years written in the file names are left out."""
    if hist.member is not None and member.member is not None:
        return hist.member == member.member
    mine = _names(member) | ({member.member} if member.member else set())
    return bool(_names(hist) & mine) or hist.member in mine


def earlier_drafts(member: Document, history: Sequence[Document]) -> list[tuple[Document, int | None]]:
    """The member's earlier drafts with their years, oldest first; same-year and same-text drafts are
    left out (they are versions of this year's draft, not last year's)."""
    from analyzer.reuse.store import text_sha

    year = review_year(member)
    sha = text_sha(member.text)
    seen = {sha}
    out = []
    for h in history:
        if not same_member(h, member):
            continue
        hsha = text_sha(h.text)
        if hsha in seen:
            continue
        hy = review_year(h)
        if year is not None and hy is not None and hy >= year:
            continue
        seen.add(hsha)
        out.append((h, hy))
    out.sort(key=lambda x: (x[1] is not None, x[1] or 0, x[0].id))
    return out


# ---- text similarity -------------------------------------------------------------------------------

def strip_marker(text: str) -> str:
    return _MARKER.sub("", text.strip(), count=1).strip()


def body(item: Item) -> str:
    """The item's text without its marker and, when the item goes on after it, its label sentence."""
    return body_text(item.text, item.label)


def body_text(text: str, label: str = "") -> str:
    """:func:`body` of a bare text (its label, when not given, is a short first sentence)."""
    text = strip_marker(text)
    label = (label or "").strip()
    limit = int(number("lineage", "label_chars"))
    if label and len(label) <= limit and text.startswith(label):
        rest = text[len(label):].lstrip("。；;：:，, ")
        if len(rest) >= 8:
            return rest
    m = re.match(r"^[^。；;！？!?]{2,%d}[。；;！？!?]" % limit, text)
    if m and len(text) - m.end() >= 8:
        return text[m.end():]
    return text


def _prepare(text: str) -> str:
    return _PUNCT.sub("", _YEAR_RX.sub("", text))


@lru_cache(maxsize=1)
def _function_words() -> tuple[frozenset, frozenset]:
    """Single-character and two-character function words (corpora/function_words.txt)."""
    from analyzer.paths import CORPORA_DIR
    from analyzer.wordlist import read_list

    words = read_list(CORPORA_DIR / "function_words.txt")
    return frozenset(w for w in words if len(w) == 1), frozenset(w for w in words if len(w) == 2)


def bigrams(text: str) -> list[str]:
    """The character bigrams compared: none touching a function word (的、对、但、关于、没有), since
    those span word boundaries (条款没有 → 款没, 对中央 → 对中, 中关于 → 中关) and tie unrelated problems
    together."""
    one, two = _function_words()
    t = _prepare(text)
    skip = [c in one for c in t]
    for i in range(len(t) - 1):
        if t[i:i + 2] in two:
            skip[i] = skip[i + 1] = True
    return [t[i:i + 2] for i in range(len(t) - 1) if not skip[i] and not skip[i + 1]]


class Similarity:
    """Character-bigram TF-IDF over a set of texts; ``matrix(a, b)`` gives cosine similarities."""

    def __init__(self, texts: Sequence[str]):
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer

        corpus = [t for t in texts if t] or ["空"]
        self._vec = TfidfVectorizer(analyzer=bigrams, sublinear_tf=True, dtype=np.float64)
        self._vec.fit(corpus)

    def matrix(self, a: Sequence[str], b: Sequence[str]):
        import numpy as np

        if not a or not b:
            return np.zeros((len(a), len(b)))
        return (self._vec.transform(list(a)) @ self._vec.transform(list(b)).T).toarray()


def problem_scores(sim: Similarity, old: Sequence[str], new: Sequence[str], old_labels: Sequence[str] = (),
                   new_labels: Sequence[str] = ()):
    """Similarities of earlier problem items to this year's, by their bodies (:func:`body_text`)."""
    ob = [body_text(t, lb) for t, lb in zip(old, list(old_labels) or [""] * len(old))]
    nb = [body_text(t, lb) for t, lb in zip(new, list(new_labels) or [""] * len(new))]
    return sim.matrix(ob, nb)


def one_to_one(scores, threshold: float) -> list[tuple[int, int, float]]:
    """Pairs (i, j, score) at or above ``threshold``, best first, each row and column used once."""
    cand = sorted(((float(scores[i, j]), i, j) for i in range(scores.shape[0]) for j in range(scores.shape[1])
                   if scores[i, j] >= threshold), key=lambda x: (-x[0], x[1], x[2]))
    used_i, used_j, out = set(), set(), []
    for s, i, j in cand:
        if i in used_i or j in used_j:
            continue
        used_i.add(i)
        used_j.add(j)
        out.append((i, j, s))
    return sorted(out)


def mask_years(text: str) -> str:
    return _PUNCT.sub("", _YEAR_RX.sub("〇年", strip_marker(text)))


# ---- the comparison of one member ------------------------------------------------------------------

@dataclass
class Earlier:
    """One earlier draft of the member, parsed."""

    doc: Document
    year: int | None
    structure: Structure

    @property
    def label(self) -> str:
        return f"{self.year}年" if self.year else f"往年（{self.doc.id}）"


@dataclass
class ProblemLink:
    """An earlier problem and what became of it this year (the 年度对比 view's row)."""

    source: str                    # earlier draft id
    year: int | None
    old_index: int                 # index into that draft's problems
    old_text: str
    new_index: int | None = None   # index into this year's problems
    new_text: str = ""
    score: float = 0.0
    report: str = SILENT           # done | open | silent: what this year's draft says of its rectification
    report_text: str = ""          # the passage that says it
    report_span: tuple[int, int] | None = None
    status: str = UNREPORTED

    @property
    def status_cn(self) -> str:
        return STATUS_CN[self.status]


@dataclass
class MeasureRepeat:
    new_index: int
    source: str
    year: int | None
    old_text: str
    score: float


@dataclass
class YearComparison:
    """This year's draft of a member against the member's earlier drafts."""

    member: str
    earlier: list[tuple[str, int | None]]              # (draft id, year), oldest first
    last: str | None                                   # the latest earlier draft
    links: list[ProblemLink] = field(default_factory=list)   # every problem of the latest earlier draft,
    # then matches of this year's problems found only in older drafts
    measures: list[MeasureRepeat] = field(default_factory=list)
    unreported_measures: list[str] = field(default_factory=list)   # the latest earlier draft's, not reported
    has_report: bool = False       # a 上年度整改落实情况 part or a sentence on last year's rectification

    def earlier_label(self) -> str:
        """The earlier drafts compared, for a heading: 2019年、2020年."""
        return "、".join(f"{y}年" if y else i for i, y in self.earlier)

    def carried_over(self) -> list[ProblemLink]:
        """Earlier problems raised again this year (for the 整改清单)."""
        return [link for link in self.links if link.new_index is not None]

    def carried_note(self, new_index: int) -> str:
        """What the 整改清单 says of this year's problem ``new_index`` when it was raised before."""
        link = next((lk for lk in self.links if lk.new_index == new_index), None)
        if link is None:
            return ""
        when = f"{link.year}年" if link.year else "往年"
        return f"{when}已查摆（{link.status_cn}）"

    def as_dict(self) -> dict:
        """The comparison as the JSON report gives it (``year_comparison``)."""
        return {
            "earlier": [{"id": i, "year": y} for i, y in self.earlier], "last": self.last,
            "has_report": self.has_report,
            "problems": [{"source": r.source, "year": r.year, "old": r.old, "new": r.new or None,
                          "new_index": r.new_index, "similarity": r.score, "status": r.status,
                          "status_text": r.status_cn, "report": r.report} for r in self.rows()],
            "measures_repeated": [{"new_index": m.new_index, "source": m.source, "year": m.year, "old": m.old_text,
                                   "similarity": m.score} for m in self.measures],
            "unreported_measures": list(self.unreported_measures),
        }

    def rows(self) -> list["ViewRow"]:
        """The 年度对比 view: every earlier problem → this year's match → status, in the drafts' order."""
        out = []
        for link in sorted(self.links, key=lambda lk: (-(lk.year or 0), lk.source, lk.old_index)):
            report = {DONE: "称已完成", OPEN: "已说明进展", SILENT: "未报告"}[link.report]
            out.append(ViewRow(source=link.source, year=f"{link.year}年" if link.year else "往年", old=link.old_text,
                               new=link.new_text, new_index=link.new_index, score=link.score,
                               status=link.status, status_cn=link.status_cn,
                               report=report + (f"：{_short(strip_marker(link.report_text), 60)}"
                                                 if link.report_text else "")))
        return out


@dataclass(frozen=True)
class ViewRow:
    """One row of the 年度对比 view, ready to render."""

    source: str          # the earlier draft's id
    year: str            # 2020年
    old: str             # the earlier problem
    new: str             # this year's matching problem ("" when not raised again)
    new_index: int | None
    score: float         # similarity of the match (0 when none)
    status: str
    status_cn: str
    report: str          # what this year's draft reports on its rectification


def _passages(doc: Document, structure: Structure) -> list[tuple[int, int]]:
    """Where the draft reports on last year's rectification: the lines of its last-year part, else
    every sentence outside the problems part that refers to last year."""
    from analyzer.segment import sentences

    text = doc.text
    sec = structure.sections.get("last_year")
    if sec is not None:
        start = sec.heading_end if sec.heading_end > sec.start else sec.start
        lines, pos = [], start
        for line in text[start:sec.end].split("\n"):
            s, e = pos, pos + len(line)
            pos = e + 1
            if line.strip():
                lines.append((s, e))
        if len(lines) >= 2:
            return lines
        return sentences(text, start, sec.end)
    ref = compiled("lineage", "last_year_reference")
    skip = structure.sections.get("problems")
    out = []
    for s, e in sentences(text):
        if skip is not None and skip.start <= s < skip.end:
            continue
        if ref.search(_norm(text[s:e])):
            out.append((s, e))
    return out


def _norm(text: str) -> str:
    from analyzer.rules.context import fast_normalize

    return fast_normalize(text).text


def _report_kind(passage: str) -> str:
    t = _norm(passage)
    if compiled("lineage", "reported_open").search(t):
        return OPEN
    if compiled("lineage", "reported_done").search(t):
        return DONE
    return OPEN   # spoken of without saying it is done: an account, not a claim


def _apply_blanket_claim(links: Sequence[ProblemLink], passages: Sequence[tuple[int, int]],
                         ptexts: Sequence[str]) -> None:
    """A last-year part that says every problem of last year is rectified (已全部整改到位、均已完成)
    claims it of each: an earlier problem the part does not speak of, or speaks of without a word that it
    is still open (全年组织演练2次), is reported done by that sentence."""
    rx = compiled("lineage", "reported_all")
    blanket = next((k for k, t in enumerate(ptexts) if rx.search(_norm(t)) and _report_kind(t) == DONE), None)
    if blanket is None:
        return
    for link in links:
        if link.report == SILENT or (link.report == OPEN and not compiled("lineage", "reported_open").search(
                _norm(link.report_text))):
            link.report = DONE
            link.report_text = link.report_text or ptexts[blanket]
            link.report_span = passages[blanket]


def compare(res: DocResult, earlier: Sequence[Earlier], sim: Similarity) -> tuple[YearComparison, list[Finding]]:
    """The member's comparison and its findings (YR001, YR002, YR003, YR005)."""
    from .findings import make_finding

    doc, st = res.document, res.structure
    last = earlier[-1] if earlier else None
    comp = YearComparison(member=doc.member or doc.id, earlier=[(e.doc.id, e.year) for e in earlier],
                          last=last.doc.id if last else None)
    if last is None:
        return comp, []
    findings: list[Finding] = []
    threshold = number("lineage", "threshold")
    mention = number("lineage", "mention_threshold")
    explained_rx = compiled("lineage", "explained")
    passages = _passages(doc, st)
    comp.has_report = bool(passages)
    ptexts = [doc.text[s:e] for s, e in passages]

    def mentions(texts: list[str]) -> list[tuple[int, float]]:
        """For each text, the passage speaking of it best (index, score) or (-1, 0)."""
        if not texts or not ptexts:
            return [(-1, 0.0)] * len(texts)
        m = sim.matrix(texts, ptexts)
        out = []
        for row in m:
            j = int(row.argmax())
            out.append((j, float(row[j])) if row[j] >= mention else (-1, 0.0))
        return out

    # this year's problems against each earlier draft: every earlier problem of the latest draft gets
    # a row; older drafts add rows for this year's problems the latest one does not explain
    years_of: dict[int, set] = {}
    linked: set[int] = set()
    for e in reversed(earlier):
        olds = e.structure.problems
        pairs: dict[int, tuple[int, float]] = {}
        if olds and st.problems:
            scores = problem_scores(sim, [p.text for p in olds], [p.text for p in st.problems],
                                    [p.label for p in olds], [p.label for p in st.problems])
            pairs = {i: (j, s) for i, j, s in one_to_one(scores, threshold)}
        for j, _ in pairs.values():
            years_of.setdefault(j, set()).add(e.year)
        for i, p in enumerate(olds):
            got = pairs.get(i)
            if e is not last and (got is None or got[0] in linked):
                continue
            link = ProblemLink(e.doc.id, e.year, i, strip_marker(p.text))
            if got is not None:
                link.new_index, link.score = got[0], round(got[1], 4)
                link.new_text = strip_marker(st.problems[got[0]].text)
                linked.add(got[0])
            comp.links.append(link)

    # what the draft reports on the latest earlier draft's problems and measures
    last_links = [link for link in comp.links if link.source == last.doc.id]
    old_measures = last.structure.measures
    answered_by: dict[int, list[int]] = {}
    for mi, m in enumerate(old_measures):
        for pi in m.answers:
            answered_by.setdefault(pi, []).append(mi)
    m_problem = mentions([body_text(link.old_text) for link in last_links])
    m_measure = mentions([strip_marker(m.text) for m in old_measures])
    for link, (pj, ps) in zip(last_links, m_problem):
        best = (pj, ps)
        for mi in answered_by.get(link.old_index, []):
            if m_measure[mi][1] > best[1]:
                best = m_measure[mi]
        if best[0] >= 0:
            link.report, link.report_text = _report_kind(ptexts[best[0]]), ptexts[best[0]]
            link.report_span = passages[best[0]]
    _apply_blanket_claim(last_links, passages, ptexts)
    reported_measures = set()
    for mi, (pj, _) in enumerate(m_measure):
        problems = old_measures[mi].answers
        if pj >= 0 or any(link.report != SILENT for link in last_links if link.old_index in problems):
            reported_measures.add(mi)
    comp.unreported_measures = [strip_marker(old_measures[mi].text) for mi in range(len(old_measures))
                                if mi not in reported_measures]

    # statuses and findings
    for link in comp.links:
        if link.new_index is None:
            link.status = REPORTED if link.report != SILENT else UNREPORTED
            continue
        item = st.problems[link.new_index]
        years = sorted(y for y in years_of.get(link.new_index, ()) if y)
        explained = explained_rx.search(_norm(item.text)) is not None
        if link.report == DONE:   # reported done, yet raised again: the report is not true
            s, e = link.report_span
            findings.append(make_finding("YR003", res, s, e, old=_short(link.old_text), new=_short(link.new_text),
                                         index=link.new_index + 1, year=link.year or "往"))
        if explained or link.report == OPEN:
            link.status = REPEATED_EXPLAINED
            continue
        link.status = REPEATED_CLAIMED if link.report == DONE else REPEATED
        findings.append(make_finding("YR001", res, item.start, item.end, old=_short(link.old_text),
                                     year=link.year or "往", years="、".join(f"{y}年" for y in years) or "往年",
                                     similarity=round(link.score * 100), source=link.source))
    if old_measures and not comp.has_report:
        s, e = _anchor(res)
        findings.append(make_finding("YR002", res, s, e, year=last.year or "往", problems=len(last.structure.problems),
                                     measures=len(old_measures), detail="本次材料没有报告上年度整改落实情况"))
    elif comp.unreported_measures:
        s, e = _anchor(res)
        listed = "、".join(f"“{_short(t, 24)}”" for t in comp.unreported_measures[:3])
        more = f"等{len(comp.unreported_measures)}条" if len(comp.unreported_measures) > 3 else ""
        findings.append(make_finding("YR002", res, s, e, year=last.year or "往", problems=len(last.structure.problems),
                                     measures=len(old_measures),
                                     detail=f"其中{listed}{more}没有报告落实情况"))

    # measures carried over with only the year changed
    findings += _repeated_measures(res, earlier, comp)
    return comp, findings


def _repeated_measures(res: DocResult, earlier: Sequence[Earlier], comp: YearComparison) -> list[Finding]:
    from rapidfuzz import fuzz

    from .findings import make_finding

    ratio = number("lineage", "measure_ratio")
    min_chars = int(number("lineage", "measure_min_chars"))
    out = []
    for ni, m in enumerate(res.structure.measures):
        mine = mask_years(m.text)
        if len(mine) < min_chars:
            continue
        best = None
        for e in reversed(earlier):
            for old in e.structure.measures:
                theirs = mask_years(old.text)
                if len(theirs) < min_chars:
                    continue
                score = fuzz.ratio(mine, theirs)
                if score >= ratio and (best is None or score > best[0]):
                    best = (score, e, old)
        if best is None:
            continue
        score, e, old = best
        comp.measures.append(MeasureRepeat(ni, e.doc.id, e.year, strip_marker(old.text), round(score / 100, 4)))
        out.append(make_finding("YR005", res, m.start, m.end, old=_short(strip_marker(old.text)),
                                year=e.year or "往", similarity=round(score)))
    return out


def _anchor(res: DocResult) -> tuple[int, int]:
    """Where a finding about the draft as a whole stands: its last-year part's heading, else the
    problems part's heading, else the first line."""
    st = res.structure
    for role in ("last_year", "problems"):
        sec = st.sections.get(role)
        if sec is not None and sec.heading_end > sec.heading_start:
            return sec.heading_start, sec.heading_end
    text = res.document.text
    end = text.find("\n")
    return 0, end if end > 0 else min(len(text), 40)


def _short(text: str, n: int = 30) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= n else text[: n - 2] + "……"

