"""The edges of a reused passage: headings, item numbers and lead-ins are not copied text.

Alignment grows passages over whatever both documents share, and drafts of one meeting share
their scaffolding: the title block (unit + 2024年度 + 民主生活会个人对照检查材料), the aspect
headings (（二）在带头增强党性、严守纪律、砥砺作风方面), item numbers (2．, （三）, 一是) and lead-ins
(主要表现在：). None of it is anyone's writing, so a passage must neither start nor end with it:

* **heading lines** — a paragraph without sentence or clause punctuation (。！？；，.) of at most
  HEADING_MAX letters/digits (titles, author lines, section and aspect headings), or a paragraph that
  is nothing but an aspect label (（三）在联系服务群众方面。, see :func:`~analyzer.reuse.fingerprint.aspect_labels`)
  — are cut from both ends; a passage made of heading lines only disappears. A heading *inside* a
  passage stays, unless what the passage holds beyond it is a fragment (fewer than MIN_PIECE
  letters/digits): a clause end and the next item's first words glued together by a heading;
* an **aspect label** opening a paragraph is cut when the passage starts inside it (the two drafts
  share only the label's last words, 方面) or ends in it (the next item's label). A label at the
  very start of a passage stays with its paragraph (a recycled item keeps its label), unless it is
  masked: labels carrying the meeting's aspects are boilerplate (see the fingerprint module);
* a **lead-in** — a clause of at most LEADIN_MAX letters/digits ending in a colon (主要表现在：,
  问题三：, 张三同志：) — is cut at the start, or at the end where it introduces the next text;
* an **item number** at the start is kept only when both sides carry the same number and it
  numbers an item title (a paragraph copied with its label （一）理论学习的“总开关”没有拧紧。: the
  sentence after the number has at most TITLE_MAX letters/digits); a renumbered item (（二）→（三）,
  2． under another heading) or a number in front of plain text (（二）2022年民兵整组前逐村核实……) starts
  after its number. A number at the end (the next item's 三是) is cut;
* a **sliver**: a passage that starts with the last few letters of the paragraph's first sentence
  (the item title) on both sides (（一）规矩意识有所松懈。 / （一）纪律意识有所松懈。: at most SLIVER_MAX
  letters/digits, less than half of the sentence on one side at least) starts at the next sentence;
* **one-sided slack**: text at one edge that has no counterpart on the other side (the other side
  starts right with the shared text), separated from the shared text by a clause boundary (sentence
  end, colon, quotation mark), is cut: an item title, a lead-in, the words around a quotation.
  Slack inside the clause (an edit at the edge of a sentence) stays.

All cuts are in skeleton coordinates (see :mod:`analyzer.reuse.fingerprint`).
"""
from __future__ import annotations

import re
from bisect import bisect_left

import numpy as np
from rapidfuzz.distance import Indel

from analyzer.reuse.fingerprint import Prepared, _flag_table

HEADING_MAX = 60    # a paragraph without prose punctuation and at most this long is a heading (title)
LEADIN_MAX = 10     # a clause ending in a colon and at most this long is a lead-in
TITLE_MAX = 20      # the sentence after a kept item number is an item title of at most this length
SLIVER_MAX = 6      # a shared sentence end (or start) this short at a passage edge is a sliver
MIN_PIECE = 18      # beyond an inner heading a passage must hold this much (= align.MIN_CHARS)
SLACK_WINDOW = 48   # one-sided slack is looked for this far from an edge
SLACK_ANCHOR = 3    # ... the shared text begins with an equal run this long

_SENTENCE_RE = re.compile(r"[。！？!?；;，,]|\.(?!\d)")  # a line with any of these is prose
_CLAUSE_END = "。！？!?；;：:\n“”「」『』\""
_CN_NUM = "一二三四五六七八九十"
_NUM_RE = re.compile(
    r"(?:^|[\n。；;！？!?：:])[ \t\u3000]*("
    r"[（(][ \t]*[" + _CN_NUM + r"\d]{1,3}[ \t]*[）)]"      # （一） (1)
    r"|[" + _CN_NUM + r"]{1,3}[、是]"                          # 一、 一是
    r"|\d{1,2}[ \t]*[．.、](?!\d)"                              # 1． 1. 1、
    r"|[①-⑳]"
    r"|第[" + _CN_NUM + r"]{1,3}[，、,是]"                       # 第一，
    r"|(?:首先|其次|再次|最后)[，,]"
    r")", re.M)


class _Struct:
    """Per-document lookups for edge trimming, computed on demand (a passage looks at a few
    positions only) and cached on the Prepared. Paragraph number = line number of the text."""

    __slots__ = ("n", "text", "s2o", "para", "sent", "masked", "labels", "label_starts", "bpos", "lstart",
                 "_pb", "_head", "_tok")

    def __init__(self, P: Prepared):
        self.n = P.n
        self.text = text = P.doc.text
        self.s2o = P.s2o
        self.para = P.para
        self.sent = P.sent
        self.masked = P.masked
        self.labels = sorted(P.labels)
        self.label_starts = [a for a, _b in self.labels]
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32) if text else np.zeros(0, np.uint32)
        self.bpos = np.nonzero(_flag_table(_CLAUSE_END)[codes])[0].tolist()   # clause boundaries
        self.lstart = [0] + (np.nonzero(codes == 10)[0] + 1).tolist()          # line starts
        self._pb: dict[int, tuple[int, int]] = {}
        self._head: dict[int, bool] = {}
        self._tok: dict[int, dict[int, tuple[int, int]]] = {}

    def para_bounds(self, pid: int) -> tuple[int, int]:
        b = self._pb.get(pid)
        if b is None:
            b = self._pb[pid] = (int(np.searchsorted(self.para, pid, "left")),
                                 int(np.searchsorted(self.para, pid, "right")))
        return b

    def heading(self, pid: int) -> bool:
        h = self._head.get(pid)
        if h is None:
            s, e = self.para_bounds(pid)
            h = self._head[pid] = 0 < e - s and (
                (e - s <= HEADING_MAX and not _SENTENCE_RE.search(self._line(pid))) or self.label(s) == (s, e))
        return h

    def label(self, i: int) -> tuple[int, int] | None:
        """Skeleton span of the aspect label holding skeleton char i."""
        c = bisect_left(self.label_starts, i + 1) - 1
        if c >= 0 and self.labels[c][0] <= i < self.labels[c][1]:
            return self.labels[c]
        return None

    def sentence(self, i: int) -> tuple[int, int]:
        """Skeleton span of the sentence holding skeleton char i."""
        sid = self.sent[i]
        return (int(np.searchsorted(self.sent, sid, "left")), int(np.searchsorted(self.sent, sid, "right")))

    def unmasked(self, s: int, e: int) -> int:
        return int(e - s - self.masked[s:e].sum()) if e > s else 0

    def _line(self, pid: int) -> str:
        a = self.lstart[pid]
        b = self.lstart[pid + 1] - 1 if pid + 1 < len(self.lstart) else len(self.text)
        return self.text[a:b]

    def clause(self, i: int) -> tuple[int, int, bool]:
        """Skeleton span of the clause holding skeleton char i, and whether a colon ends it."""
        bpos = self.bpos
        c = bisect_left(bpos, int(self.s2o[i]))
        lo = bpos[c - 1] + 1 if c else 0
        hi = bpos[c] if c < len(bpos) else len(self.text)
        a, b = np.searchsorted(self.s2o, (lo, hi)).tolist()
        return a, b, hi < len(self.text) and self.text[hi] in "：:"

    def token(self, i: int) -> tuple[int, int] | None:
        """Skeleton span of the item number that skeleton char i belongs to."""
        if not 0 <= i < self.n:
            return None
        pid = int(self.para[i])
        toks = self._tok.get(pid)
        if toks is None:
            toks = self._tok[pid] = {}
            base = self.lstart[pid]
            found = [m.span(1) for m in _NUM_RE.finditer(self._line(pid))]
            if found:
                for a, b in np.searchsorted(self.s2o, np.array(found) + base).tolist():
                    for k in range(a, b):
                        toks[k] = (a, b)
        return toks.get(i)


def structure(P: Prepared) -> _Struct:
    return P.derived("_struct", _Struct)


def _strip_headings(st: _Struct, s: int, e: int) -> tuple[int, int]:
    while s < e and st.heading(int(st.para[s])):
        s = st.para_bounds(int(st.para[s]))[1]
    while e > s and st.heading(int(st.para[e - 1])):
        e = st.para_bounds(int(st.para[e - 1]))[0]
    return s, max(s, e)


def _strip_inner_headings(st: _Struct, s: int, e: int) -> tuple[int, int]:
    """A heading inside the passage with only a fragment beyond it: cut the fragment and the heading."""
    if e - s < 2 or st.para[s] == st.para[e - 1]:
        return s, e
    pid, last = int(st.para[s]), int(st.para[e - 1])
    while pid < last:      # the first inner heading
        pid += 1
        if st.heading(pid):
            hs, he = st.para_bounds(pid)
            if hs < e and st.unmasked(s, hs) < MIN_PIECE:
                s = max(s, he)
            break
        if st.unmasked(s, st.para_bounds(pid)[0]) >= MIN_PIECE:
            break
    if s >= e:
        return s, s
    pid, first = int(st.para[e - 1]), int(st.para[s])
    while pid > first:     # the last inner heading
        pid -= 1
        if st.heading(pid):
            hs, he = st.para_bounds(pid)
            if he > s and st.unmasked(he, e) < MIN_PIECE:
                e = min(e, hs)
            break
        if st.unmasked(st.para_bounds(pid)[1], e) >= MIN_PIECE:
            break
    return s, max(s, e)


def _strip_labels(st: _Struct, s: int, e: int) -> tuple[int, int]:
    """Start inside an aspect label: start after it. End in one (the next item's): end before it."""
    if s < e:
        lab = st.label(s)
        if lab and lab[0] < s:
            tok = st.token(lab[0])      # after a renumbered label's number is not inside it
            if s > (tok[1] if tok and tok[0] == lab[0] else lab[0]):
                s = min(lab[1], e)
    if s < e:
        lab = st.label(e - 1)
        if lab and lab[0] > s:
            e = lab[0]
    return s, e


def _strip_slivers(p, sta: _Struct, stb: _Struct) -> None:
    """Both sides start with the last few letters of their paragraph's first sentence (the item
    title: （一）规矩意识有所松懈。 / （一）宗旨观念淡薄，纪律意识有所松懈。): start at the next sentence."""
    if p.a1 - p.a0 < 2 or p.b1 - p.b0 < 2:
        return
    (xa0, xa1), (xb0, xb1) = sta.sentence(p.a0), stb.sentence(p.b0)
    if xa0 < p.a0 and xb0 < p.b0 and xa1 < p.a1 and xb1 < p.b1 \
            and xa0 == sta.para_bounds(int(sta.para[xa0]))[0] and xb0 == stb.para_bounds(int(stb.para[xb0]))[0]:
        ua, ub = sta.unmasked(p.a0, xa1), stb.unmasked(p.b0, xb1)
        if ua <= SLIVER_MAX and ub <= SLIVER_MAX and (2 * (xa1 - p.a0) < xa1 - xa0 or 2 * (xb1 - p.b0) < xb1 - xb0):
            p.a0, p.b0 = xa1, xb1


def _strip_leadins(st: _Struct, s: int, e: int) -> tuple[int, int]:
    text, s2o = st.text, st.s2o
    if s < e and _has_colon(text, int(s2o[s])):
        cs, ce, colon = st.clause(s)
        if colon and ce < e and ce - cs <= LEADIN_MAX:
            s = ce
    if s < e and _has_colon(text, int(s2o[e - 1])):
        cs, ce, colon = st.clause(e - 1)
        if colon and cs > s and ce - cs <= LEADIN_MAX:
            e = cs
    return s, e


def _has_colon(text: str, o: int) -> bool:
    """A colon close enough after original offset o to end a lead-in holding o (quick test)."""
    w = text[o:o + 3 * LEADIN_MAX]
    return "：" in w or ":" in w


def _titled(st: _Struct, tok: tuple[int, int]) -> bool:
    """The item number ``tok`` numbers a title (a short sentence right after it)."""
    if tok[1] >= st.n:
        return False
    s, e = st.sentence(tok[1])
    return s <= tok[1] and e - tok[1] <= TITLE_MAX


def _strip_numbers(p, A: Prepared, B: Prepared, sta: _Struct, stb: _Struct) -> None:
    ta, tb = sta.token(p.a0), stb.token(p.b0)
    if (ta or tb) and not (ta and tb and A.skel[ta[0]:ta[1]] == B.skel[tb[0]:tb[1]]
                           and _titled(sta, ta) and _titled(stb, tb)):
        if ta:
            p.a0 = min(max(p.a0, ta[1]), p.a1)
        if tb:
            p.b0 = min(max(p.b0, tb[1]), p.b1)
    ta, tb = sta.token(p.a1 - 1), stb.token(p.b1 - 1)
    if ta and ta[0] >= p.a0:
        p.a1 = ta[0]
    if tb and tb[0] >= p.b0:
        p.b1 = tb[0]


def _first_anchor(xa: str, xb: str) -> tuple[int, int] | None:
    if xa[:SLACK_ANCHOR] == xb[:SLACK_ANCHOR]:
        return 0, 0
    # one side starts right with the shared text: look for its opening run on the other side
    # (an alignment could pair a word of the slack with the shared text and hide the slack)
    lead = 2 * SLACK_ANCHOR + 2
    if len(xa) >= lead and len(xb) >= lead:
        i, j = _best_occurrence(xa, xb, lead), _best_occurrence(xb, xa, lead)
        if i > 0 and j < 0:
            return i, 0
        if j > 0 and i < 0:
            return 0, j
    for op in Indel.opcodes(xa, xb):
        if op.tag == "equal" and op.src_end - op.src_start >= SLACK_ANCHOR:
            return op.src_start, op.dest_start
    return None


def _best_occurrence(x: str, y: str, lead: int) -> int:
    """Where in x the opening ``lead`` characters of y stand, the occurrence followed by the
    longest common run with y (a slack clause may echo the words the shared text starts with);
    -1 when nowhere, 0 when at the start."""
    key = y[:lead]
    best, best_len = -1, -1
    i = x.find(key)
    while i >= 0:
        n = lead
        while i + n < len(x) and n < len(y) and x[i + n] == y[n]:
            n += 1
        if n > best_len:
            best, best_len = i, n
        i = x.find(key, i + 1)
    return best


def _strip_slack(p, A: Prepared, B: Prepared, sta: _Struct, stb: _Struct) -> None:
    if p.a1 - p.a0 < SLACK_ANCHOR or p.b1 - p.b0 < SLACK_ANCHOR:
        return
    sa, sb = A.skel, B.skel
    # start: one side starts with the shared text, the other has something before it
    hit = _first_anchor(sa[p.a0:min(p.a1, p.a0 + SLACK_WINDOW)], sb[p.b0:min(p.b1, p.b0 + SLACK_WINDOW)])
    if hit:
        x, y = hit
        if x > 0 and y == 0:
            p.a0 = max(p.a0, sta.clause(p.a0 + x)[0])
        elif y > 0 and x == 0:
            p.b0 = max(p.b0, stb.clause(p.b0 + y)[0])
    # end: the same, on reversed windows
    la, lb = min(SLACK_WINDOW, p.a1 - p.a0), min(SLACK_WINDOW, p.b1 - p.b0)
    if la < SLACK_ANCHOR or lb < SLACK_ANCHOR:
        return
    hit = _first_anchor(sa[p.a1 - la:p.a1][::-1], sb[p.b1 - lb:p.b1][::-1])
    if hit:
        x, y = hit
        if x > 0 and y == 0:
            p.a1 = min(p.a1, sta.clause(p.a1 - 1 - x)[1])
        elif y > 0 and x == 0:
            p.b1 = min(p.b1, stb.clause(p.b1 - 1 - y)[1])


def trim_edges(p, A: Prepared, B: Prepared) -> bool:
    """Cut headings, lead-ins, item numbers and one-sided slack from the ends of passage ``p``
    (in place, both sides). False when nothing is left."""
    sta, stb = structure(A), structure(B)
    for _ in range(4):
        before = (p.a0, p.a1, p.b0, p.b1)
        p.a0, p.a1 = _strip_labels(sta, *_strip_inner_headings(sta, *_strip_headings(sta, p.a0, p.a1)))
        p.b0, p.b1 = _strip_labels(stb, *_strip_inner_headings(stb, *_strip_headings(stb, p.b0, p.b1)))
        if p.a1 <= p.a0 or p.b1 <= p.b0:
            return False
        p.a0, p.a1 = _strip_leadins(sta, p.a0, p.a1)
        p.b0, p.b1 = _strip_leadins(stb, p.b0, p.b1)
        _strip_numbers(p, A, B, sta, stb)
        if p.a1 <= p.a0 or p.b1 <= p.b0:
            return False
        _strip_slivers(p, sta, stb)
        _strip_slack(p, A, B, sta, stb)
        if p.a1 <= p.a0 or p.b1 <= p.b0:
            return False
        if (p.a0, p.a1, p.b0, p.b1) == before:
            break
    return True
