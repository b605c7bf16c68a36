"""The edges of a reused passage: headings, item numbers and lead-ins are not copied text.

Alignment grows passages over whatever both documents share, and drafts of one meeting share
their scaffolding: the title block (unit + 2024年度 + 民主生活会个人对照检查材料), the aspect
headings (（二）在带头增强党性、严守纪律、砥砺作风方面), item numbers (2．, （三）, 一是) and lead-ins
(主要表现在：). None of it is anyone's writing, so a passage must neither start nor end with it:

* **heading lines** — a paragraph without sentence or clause punctuation (。！？；，.) of at most
  HEADING_MAX letters/digits (titles, author lines, section and aspect headings) — are cut from both ends; a
  passage made of heading lines only disappears. A heading *inside* a passage stays;
* a **lead-in** — a clause of at most LEADIN_MAX letters/digits ending in a colon (主要表现在：,
  问题三：, 张三同志：) — is cut at the start, or at the end where it introduces the next text;
* an **item number** at the start is kept only when both sides carry the same number (a paragraph
  copied with its label （一）理论学习的“总开关”没有拧紧。); a renumbered item (（二）→（三）, 2．
  under another heading) starts after its number. A number at the end (the next item's 三是) is cut;
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

    __slots__ = ("n", "text", "s2o", "para", "bpos", "lstart", "_pb", "_head", "_tok")

    def __init__(self, P: Prepared):
        self.n = P.n
        self.text = text = P.doc.text
        self.s2o = P.s2o
        self.para = P.para
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
            h = self._head[pid] = 0 < e - s <= HEADING_MAX and not _SENTENCE_RE.search(self._line(pid))
        return h

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


def _strip_numbers(p, A: Prepared, B: Prepared, sta: _Struct, stb: _Struct) -> None:
    ta, tb = sta.token(p.a0), stb.token(p.b0)
    if (ta or tb) and not (ta and tb and A.skel[ta[0]:ta[1]] == B.skel[tb[0]:tb[1]]):
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
    for op in Indel.opcodes(xa, xb):
        if op.tag == "equal" and op.src_end - op.src_start >= SLACK_ANCHOR:
            return op.src_start, op.dest_start
    return None


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
        p.a0, p.a1 = _strip_headings(sta, p.a0, p.a1)
        p.b0, p.b1 = _strip_headings(stb, p.b0, p.b1)
        if p.a1 <= p.a0 or p.b1 <= p.b0:
            return False
        p.a0, p.a1 = _strip_leadins(sta, p.a0, p.a1)
        p.b0, p.b1 = _strip_leadins(stb, p.b0, p.b1)
        _strip_numbers(p, A, B, sta, stb)
        if p.a1 <= p.a0 or p.b1 <= p.b0:
            return False
        _strip_slack(p, A, B, sta, stb)
        if p.a1 <= p.a0 or p.b1 <= p.b0:
            return False
        if (p.a0, p.a1, p.b0, p.b1) == before:
            break
    return True
