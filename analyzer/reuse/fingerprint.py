"""Per-document preparation for copy detection: normalised copy, skeleton, masks, fingerprints.

The *skeleton* of a document is its normalised text (:func:`analyzer.normalize.normalize`) with
everything but letters and digits removed (CJK ideographs count as letters) and Latin letters
lower-cased. Changed punctuation, spaces between characters, zero-width characters, full/half
width and traditional characters therefore all vanish before hashing. Every skeleton character
keeps its offset in the original text (``s2o``, through the normalised copy's offset map), so
any skeleton span maps back to an exact original span.

Fingerprints are winnowed hashes of skeleton k-grams (Schleimer, Wilkerson & Aiken 2003): every
window of ``W`` consecutive k-grams contributes its minimum, so any shared run of at least
``K + W - 1`` skeleton characters shares at least one fingerprint. The hash is a polynomial
hash modulo 2**64 on code points followed by the splitmix64 finaliser: deterministic across runs,
processes and machines (never Python's salted ``hash()``). Whole chunks of documents are hashed at
once with numpy.

A second, denser set of fingerprints (``K2``/``W2``: every shared run of 12 characters) is kept
for matching drafts against the few *sources* (templates, earlier drafts, team material) only, so
that a copied sentence with a synonym every dozen characters is still paired with its source.

Boilerplate masking: standard formulations / theme sentences are matched on the skeleton (same
normalisation, so punctuation and width differences don't matter), and long quotations
(“…” of MIN_QUOTE letters/digits or more: speeches, 党章, regulations) are masked too — except a
quotation whose text stands unquoted in a source of the draft (the team's material, a colleague's
draft, the member's earlier draft: :func:`unquote_sourced`), which is reuse of that source; k-grams
that touch a masked character are never fingerprints, and masked characters never count towards a
passage's length.

Aspect labels: a paragraph that opens with an aspect label — an optional item number and a clause of
at most ASPECT_MAX letters/digits ending in 方面 (（一）在带头深刻感悟“两个确立”的决定性意义方面。,
（二）民兵队伍建设方面，, 三、在落实全面从严治党政治责任方面) — carries the meeting's structure. When
such a label holds any boilerplate (the theme's aspect wording, a standard formulation, text common
to the batch), the whole label, number included, is masked: two drafts share it because both follow
the meeting's aspects, not because one copied the other. A label of the writer's own wording
(（三）在联系服务群众方面。) stays text and travels with a recycled paragraph.

:func:`fast_normalize` is a vectorised equivalent of the shared ``normalize`` (same text, same
offset map; a test checks it against ``normalize``), about 3x faster, which matters at province scale.
"""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np

from analyzer.model import Document
from analyzer.normalize import normalize

K = 13          # k-gram length in skeleton characters (CNKI's rule of thumb)
W = 8           # winnowing window: shared runs of K + W - 1 = 20 characters are always seen
K2 = 8          # short k-grams: drafts against the few sources (templates, history, team) only
W2 = 5          # shared runs of K2 + W2 - 1 = 12 characters are always seen
MIN_PHRASE = 4  # shorter boilerplate phrases are not masked (they cannot matter)

_B = 0x100000001B3                      # odd multiplier (FNV-64 prime), invertible mod 2**64
_B_INV = pow(_B, -1, 1 << 64)
_U64 = np.uint64

# Sentence boundaries in the normalised text (NFKC has turned full-width ；！？ into ASCII).
SENTENCE_END = frozenset("。！？!?；;\n")
PARAGRAPH_END = "\n"


@lru_cache(maxsize=1)
def _tables() -> tuple[np.ndarray, np.ndarray]:
    """Lookup tables over the BMP: keep-in-skeleton flag and lower-case code point."""
    keep = np.zeros(0x10000, dtype=bool)
    lower = np.arange(0x10000, dtype=np.uint32)
    for cp in range(0x10000):
        ch = chr(cp)
        if ch.isalnum():
            keep[cp] = True
            lo = ch.lower()
            if len(lo) == 1:
                lower[cp] = ord(lo)
    return keep, lower


def skeleton_codes(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Skeleton code points of ``text`` and, for each, its index in ``text``."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    keep_t, lower_t = _tables()
    bmp = codes < 0x10000
    keep = np.zeros(len(codes), dtype=bool)
    keep[bmp] = keep_t[codes[bmp]]
    if not bmp.all():  # astral characters (rare CJK extensions): ask Python directly
        for i in np.nonzero(~bmp)[0]:
            keep[i] = chr(int(codes[i])).isalnum()
    idx = np.nonzero(keep)[0].astype(np.int32)
    sk = codes[idx].copy()
    small = sk < 0x10000
    sk[small] = lower_t[sk[small]]
    return sk, idx


def _splitmix(z: np.ndarray) -> np.ndarray:
    z = z ^ (z >> _U64(30))
    z = z * _U64(0xBF58476D1CE4E5B9)
    z = z ^ (z >> _U64(27))
    z = z * _U64(0x94D049BB133111EB)
    return z ^ (z >> _U64(31))


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    pw = np.empty(n + 1, dtype=np.uint64)
    ipw = np.empty(n + 1, dtype=np.uint64)
    pw[0] = 1
    ipw[0] = 1
    if n:
        with np.errstate(over="ignore"):
            pw[1:] = np.cumprod(np.full(n, _B, dtype=np.uint64), dtype=np.uint64)
            ipw[1:] = np.cumprod(np.full(n, _B_INV, dtype=np.uint64), dtype=np.uint64)
    return pw, ipw


def phrase_hash(codes: np.ndarray) -> int:
    """Position-free polynomial hash of a code-point sequence (same as the corpus k-gram hash)."""
    h = 0
    b = 1
    for c in codes.tolist():
        h = (h + (c + 1) * b) & 0xFFFFFFFFFFFFFFFF
        b = (b * _B) & 0xFFFFFFFFFFFFFFFF
    return h


class Boilerplate:
    """Phrases that are never reuse, grouped by skeleton length as hash sets."""

    def __init__(self, phrases: Iterable[str] = ()):
        by_len: dict[int, set[int]] = {}
        for p in phrases:
            if not p or not p.strip():
                continue
            sk, _ = skeleton_codes(normalize(p.strip()).text)
            if len(sk) < MIN_PHRASE:
                continue
            by_len.setdefault(len(sk), set()).add(phrase_hash(sk))
        self.by_len = {n: np.array(sorted(hs), dtype=np.uint64) for n, hs in sorted(by_len.items())}

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_len.values())


@dataclass
class Prepared:
    """A document ready for matching (see module docstring)."""

    doc: Document
    kind: str
    skel: str                      # skeleton string
    s2o: np.ndarray                # int32 per skeleton char: its offset in the original text
    masked: np.ndarray             # bool per skeleton char: part of a boilerplate phrase
    sent: np.ndarray               # int16/int32 per skeleton char: sentence number
    para: np.ndarray               # int16/int32 per skeleton char: paragraph number
    fp_hash: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))
    fp_pos: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    fp2_hash: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))
    fp2_pos: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    sha: str = ""
    quotes: list = field(default_factory=list)  # skeleton spans (a, b) of long quotations (masked)
    labels: list = field(default_factory=list)  # skeleton spans (a, b) of leading aspect labels

    @property
    def n(self) -> int:
        return len(self.skel)

    def derived(self, name: str, build):
        """A value computed from this document once (``build(self)``) and kept with it."""
        got = self.__dict__.get(name)
        if got is None:
            got = self.__dict__[name] = build(self)
        return got

    def orig_span(self, a0: int, a1: int) -> tuple[int, int]:
        """Original span of skeleton span [a0, a1), widened to trailing closing punctuation."""
        text = self.doc.text
        s = int(self.s2o[a0])
        e = int(self.s2o[a1 - 1]) + 1
        # take an opening bracket/quote just before and closing punctuation just after along
        j = s
        while j > 0 and s - j < 4 and text[j - 1] in _INVISIBLE:
            j -= 1
        if j > 0 and text[j - 1] in _LEADING:
            s = j - 1
        if e < len(text) and text[e] in _UNIT and text[e - 1].isdigit():
            e += 1  # 58% : the sign belongs to the number
        j = e
        while j < len(text) and j - e < 4 and text[j] in _INVISIBLE:
            j += 1
        if j < len(text) and text[j] in _TRAILING:
            e = j + 1
            if e < len(text) and text[e] in _TRAILING and text[e - 1] in _CLOSING:
                e += 1
        return s, e


_LEADING = frozenset("(（【「『“‘《\"'")
_CLOSING = frozenset("”’」』)）》】\"'")
_TRAILING = frozenset("。！？!?；;，,、：:．") | _CLOSING
_UNIT = frozenset("%％‰")
_INVISIBLE = frozenset(" \u3000\t\u200b\u200c\u200d\u2060\ufeff\u00ad")


@lru_cache(maxsize=8)
def _flag_table(chars: str) -> np.ndarray:
    t = np.zeros(0x110000, dtype=bool)
    for c in chars:
        t[ord(c)] = True
    return t


def _cum_flags(text: str, chars: str) -> np.ndarray:
    """cum[i] = number of ``chars`` in text[:i + 1]."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    return np.cumsum(_flag_table(chars)[codes], dtype=np.int32)


def _sentence_para_ids(text: str, ntext: str, n2o: np.ndarray, s2n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sentence and paragraph number of each skeleton char. Paragraph breaks are counted in the
    original text (normalisation folds ``\n`` into spaces); sentence ends in the normalised text."""
    if not len(s2n):
        z = np.zeros(0, dtype=np.int32)
        return z, z
    para = _cum_flags(text, "\n")[n2o[s2n]] if text else np.zeros(len(s2n), np.int32)
    sent = _cum_flags(ntext, "".join(sorted(SENTENCE_END - {"\n"})))[s2n] + para
    return sent.astype(np.int32), para.astype(np.int32)


@lru_cache(maxsize=1)
def _norm_tables() -> tuple[dict[int, str], np.ndarray, np.ndarray, np.ndarray]:
    """Per BMP code point: translate table (changed chars only), unit length, is-space, is-CJK."""
    trans: dict[int, str] = {}
    lens = np.ones(0x10000, dtype=np.int64)
    space = np.zeros(0x10000, dtype=bool)
    for cp in range(0x10000):
        ch = chr(cp)
        if 0xD800 <= cp <= 0xDFFF:
            continue
        u = "" if unicodedata.category(ch) == "Cf" else unicodedata.normalize("NFKC", ch)
        if u != ch:
            trans[cp] = u
            lens[cp] = len(u)
        space[cp] = ch.isspace()
    cp = np.arange(0x10000)
    cjk = ((cp >= 0x3400) & (cp <= 0x9FFF)) | ((cp >= 0xF900) & (cp <= 0xFAFF))
    return trans, lens, space, cjk


def fast_normalize(text: str) -> tuple[str, np.ndarray]:
    """Same result as :func:`analyzer.normalize.normalize` (text and offset map), vectorised.

    Falls back to ``normalize`` for astral-plane characters and in the rare case where OpenCC
    changes the length of the text.
    """
    if not text:
        return "", np.zeros(1, dtype=np.int32)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    if codes.max() >= 0x10000:
        nt = normalize(text)
        return nt.text, np.asarray(nt.orig, dtype=np.int32)
    trans, lens_t, space_t, cjk_t = _norm_tables()
    units = text.translate(trans)
    owners = np.repeat(np.arange(len(text), dtype=np.int32), lens_t[codes])
    if not units:
        return "", np.array([len(text)], dtype=np.int32)
    ucodes = np.frombuffer(units.encode("utf-32-le"), dtype=np.uint32)
    if ucodes.max() >= 0x10000:
        nt = normalize(text)
        return nt.text, np.asarray(nt.orig, dtype=np.int32)
    cjk = cjk_t[ucodes]
    if cjk.any():
        from analyzer.normalize import _t2s

        conv = _t2s().convert(units)
        if len(conv) != len(units):
            nt = normalize(text)
            return nt.text, np.asarray(nt.orig, dtype=np.int32)
        if conv != units:
            units = conv
            ucodes = np.frombuffer(units.encode("utf-32-le"), dtype=np.uint32)
            if ucodes.max() >= 0x10000:
                nt = normalize(text)
                return nt.text, np.asarray(nt.orig, dtype=np.int32)
            cjk = cjk_t[ucodes]
    sp = space_t[ucodes]
    n = len(ucodes)
    if sp.any():
        prev_sp = np.r_[False, sp[:-1]]
        run_start = np.nonzero(sp & ~prev_sp)[0]
        nonsp = np.nonzero(~sp)[0]
        nxt_idx = np.searchsorted(nonsp, run_start)
        has_next = nxt_idx < len(nonsp)
        nxt = nonsp[np.minimum(nxt_idx, len(nonsp) - 1)] if len(nonsp) else np.zeros(len(run_start), np.int64)
        ok = (run_start > 0) & has_next
        ok &= ~(cjk[np.maximum(run_start - 1, 0)] & cjk[nxt])
        emit = run_start[ok]
        sel = ~sp
        sel[emit] = True
        out_codes = ucodes.copy()
        out_codes[emit] = 32
        idx = np.nonzero(sel)[0]
        ntext = out_codes[idx].tobytes().decode("utf-32-le")
    else:
        idx = np.arange(n)
        ntext = units
    n2o = np.empty(len(idx) + 1, dtype=np.int32)
    n2o[:-1] = owners[idx]
    n2o[-1] = len(text)
    return ntext, n2o


def _is_cjk_ch(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def prepare(doc: Document, kind: str) -> Prepared:
    ntext, n2o = fast_normalize(doc.text)
    codes, s2n = skeleton_codes(ntext)
    skel = codes.astype(np.uint32).tobytes().decode("utf-32-le")
    sent, para = _sentence_para_ids(doc.text, ntext, n2o, s2n)
    sha = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    s2o = (n2o[s2n] if len(s2n) else np.zeros(0, dtype=np.int32)).astype(np.int32)
    small = np.int16 if len(sent) and int(sent[-1]) < 32000 else np.int32
    quotes = _quotations(doc.text, s2o)
    masked = np.zeros(len(s2o), dtype=bool)
    for a, b in quotes:
        masked[a:b] = True
    return Prepared(doc, kind, skel, s2o, masked, sent.astype(small), para.astype(small), sha=sha, quotes=quotes,
                    labels=aspect_labels(doc.text, s2o))


ASPECT_MAX = 40  # an aspect label (number and the clause ending in 方面) has at most this many letters/digits
_CN = "一二三四五六七八九十"
_LABEL_RE = None


def aspect_labels(text: str, s2o: np.ndarray) -> list[tuple[int, int]]:
    """Skeleton spans of the aspect labels that open paragraphs (see module docstring)."""
    global _LABEL_RE
    if "方面" not in text:
        return []
    if _LABEL_RE is None:
        import re

        num = (r"(?:[（(][ \t]*[" + _CN + r"\d]{1,3}[ \t]*[）)]|[" + _CN + r"]{1,3}[、是]|\d{1,2}[ \t]*[．.、](?!\d)"
               r"|[①-⑳]|第[" + _CN + r"]{1,3}[，、,是]?)")
        _LABEL_RE = re.compile(
            r"^[ \t\u3000]*(?:" + num + r")?[ \t\u3000]*[^。！？!?；;：:，,\n]{0,60}?方面"
            r"(?:存在的?(?:问题|不足|差距)|的(?:问题|不足|差距))?(?=[ \t\u3000]*(?:[。！？!?；;：:，,]|$))", re.M)
    out = []
    for m in _LABEL_RE.finditer(text):
        a, b = np.searchsorted(s2o, (m.start(), m.end())).tolist()
        if 0 < b - a <= ASPECT_MAX:
            out.append((a, b))
    return out


def mask_structural_labels(p: "Prepared", masked: np.ndarray | None = None) -> bool:
    """Mask every aspect label of ``p`` that holds some masked text (the whole label). ``masked``:
    the mask array to update (default ``p.masked``). True when something changed."""
    m = p.masked if masked is None else masked
    changed = False
    for a, b in p.labels:
        seg = m[a:b]
        if seg.any() and not seg.all():
            seg[:] = True
            changed = True
    return changed


_QUOTE_RE = None
MIN_QUOTE = 20   # a quotation with this many letters/digits is a citation (speech, 党章, regulation)


def _quotations(text: str, s2o: np.ndarray) -> list[tuple[int, int]]:
    """Skeleton spans of long quotations ("…" of at least MIN_QUOTE skeleton characters).

    They are masked at preparation; :func:`unquote_sourced` unmasks the ones that quote a source
    of the batch (the team's material, a colleague's draft, the member's earlier draft)."""
    global _QUOTE_RE
    if "“" not in text and '"' not in text:
        return []
    if _QUOTE_RE is None:
        import re

        _QUOTE_RE = re.compile(r'“[^“”\n]{%d,400}”|"[^"\n]{%d,400}"' % (MIN_QUOTE, MIN_QUOTE))
    out = []
    for m in _QUOTE_RE.finditer(text):
        a, b = int(np.searchsorted(s2o, m.start())), int(np.searchsorted(s2o, m.end()))
        if b - a >= MIN_QUOTE:
            out.append((a, b))
    return out


QUOTE_SOURCED = 0.5  # a quotation this much covered by a source's own (unquoted) text quotes that source


def _quote_cum(p: Prepared) -> np.ndarray:
    q = np.zeros(p.n + 1, dtype=np.int32)
    if p.quotes:
        d = np.zeros(p.n + 1, dtype=np.int32)
        for a, b in p.quotes:
            d[a] += 1
            d[b] -= 1
        np.cumsum(np.cumsum(d[:-1]) > 0, dtype=np.int32, out=q[1:])
    return q


def unquote_sourced(preps: Sequence[Prepared], drafts: Sequence[int], shared: Sequence[int] = (),
                    own: "dict[int, Sequence[int]] | None" = None, k: int = K2) -> int:
    """Unmask the quotations that quote a source rather than a speech or a document.

    A long quotation is a citation (masked as boilerplate) unless its text stands *unquoted* in a
    source of the draft: in one of ``shared`` (indices into ``preps``: the batch's drafts and the
    team's material; the draft itself does not count) or in one of ``own[i]`` (draft ``i``'s own
    earlier drafts). A member who writes 班子查摆的“……”这一问题 claims the team's problem, and
    quoting a colleague's or one's own earlier draft is still taking that text. Text that the
    source itself quotes (both cite the same speech) or that only a public template holds stays
    masked. Call before fingerprinting. Returns the number of quotations unmasked.
    """
    own = own or {}
    want = [i for i in drafts if preps[i].quotes]
    if not want:
        return 0
    qh: dict[tuple[int, int], np.ndarray] = {}
    for i in want:
        hv = kgram_hashes(preps[i], k)
        for a, b in preps[i].quotes:
            if b - a >= k:
                qh[(i, a)] = hv[a:b - k + 1]
    if not qh:
        return 0
    wanted = np.unique(np.concatenate(list(qh.values())))
    found: dict[int, np.ndarray] = {}   # per source: the wanted hashes its unquoted text has

    def hits(s: int) -> np.ndarray:
        if s not in found:
            P = preps[s]
            hv = kgram_hashes(P, k)
            hit = member_of(hv, wanted)
            if P.quotes and hit.any():
                qc = _quote_cum(P)
                pos = np.arange(len(hv))
                hit &= (qc[pos + k] - qc[pos]) == 0
            found[s] = np.unique(hv[hit])
        return found[s]

    shared_set = set(shared)
    per_src = [hits(s) for s in shared]
    if per_src:
        uh, cnt = np.unique(np.concatenate(per_src), return_counts=True)
    else:
        uh, cnt = np.zeros(0, np.uint64), np.zeros(0, np.int64)
    n_unq = 0
    for i in want:
        P = preps[i]
        mine = found.get(i) if i in shared_set else None
        extra = [hits(s) for s in own.get(i, ()) if s != i]
        extra_h = np.unique(np.concatenate(extra)) if extra else np.zeros(0, np.uint64)
        for a, b in P.quotes:
            hv = qh.get((i, a))
            if hv is None:
                continue
            if len(uh):
                j = np.minimum(np.searchsorted(uh, hv), len(uh) - 1)
                c = np.where(uh[j] == hv, cnt[j], 0)       # shared sources holding the k-gram
            else:
                c = np.zeros(len(hv), dtype=np.int64)
            if mine is not None and len(mine):
                c = c - member_of(hv, mine)
            ok = (c > 0) | member_of(hv, extra_h)
            idx = np.nonzero(ok)[0]
            if not len(idx):
                continue
            d = np.zeros(b - a + 1, dtype=np.int32)
            np.add.at(d, idx, 1)
            np.add.at(d, idx + k, -1)
            if (np.cumsum(d[:-1]) > 0).mean() >= QUOTE_SOURCED:
                P.masked[a:b] = False
                n_unq += 1
    return n_unq


def fingerprint_chunk(preps: Sequence[Prepared], boiler: Boilerplate, k: int = K, w: int = W) -> None:
    """Mask boilerplate and compute winnowed fingerprints for a chunk of prepared documents."""
    if not preps:
        return
    lens = np.array([p.n for p in preps], dtype=np.int64)
    starts = np.zeros(len(preps) + 1, dtype=np.int64)
    starts[1:] = np.cumsum(lens + 1)
    total = int(starts[-1])
    c = np.zeros(total, dtype=np.uint64)          # 0 separates documents
    sep = np.ones(total, dtype=bool)
    for p, s in zip(preps, starts[:-1]):
        if p.n:
            c[s:s + p.n] = np.frombuffer(p.skel.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64) + _U64(1)
            sep[s:s + p.n] = False
    pw, ipw = _powers(total)
    with np.errstate(over="ignore"):
        pref = np.zeros(total + 1, dtype=np.uint64)
        np.cumsum(c * pw[:total], dtype=np.uint64, out=pref[1:])

        def hashes(length: int) -> np.ndarray:
            m = total - length + 1
            return (pref[length:length + m] - pref[:m]) * ipw[:m]

        # 1. boilerplate masking
        diff = np.zeros(total + 1, dtype=np.int32)
        for length, table in boiler.by_len.items():
            if length > total:
                continue
            hv = hashes(length)
            pos = np.nonzero(np.isin(hv, table))[0]
            if len(pos):
                np.add.at(diff, pos, 1)
                np.add.at(diff, pos + length, -1)
        masked = np.cumsum(diff[:-1]) > 0
        for p, st in zip(preps, starts[:-1]):   # masks set at preparation (long quotations)
            if p.n and p.masked.any():
                masked[st:st + p.n] |= p.masked
            if p.labels:                        # aspect labels holding boilerplate
                mask_structural_labels(p, masked[st:st + p.n])
        bad = np.zeros(total + 1, dtype=np.int32)
        np.cumsum(sep | masked, dtype=np.int32, out=bad[1:])
        seps = np.zeros(total + 1, dtype=np.int32)
        np.cumsum(sep, dtype=np.int32, out=seps[1:])

        def winnow(k: int, w: int) -> tuple[np.ndarray, np.ndarray]:
            """Selected k-gram start positions and their hashes (whole chunk)."""
            if total < k:
                return np.zeros(0, np.int64), np.zeros(0, np.uint64)
            hv = _splitmix(hashes(k))
            m = total - k + 1
            valid = (bad[k:k + m] - bad[:m]) == 0     # no separator, no masked char
            inside = (seps[k:k + m] - seps[:m]) == 0  # k-gram inside one document
            big = np.iinfo(np.uint64).max
            hv[~valid] = big
            if m >= w:
                nwin = m - w + 1
                wmin = hv[:nwin].copy()
                for a in range(1, w):
                    np.minimum(wmin, hv[a:a + nwin], out=wmin)
                wmin[~(inside[:nwin] & inside[w - 1:w - 1 + nwin])] = big  # windows inside one document
                sel = np.zeros(m, dtype=bool)
                for a in range(w):
                    sel[a:a + nwin] |= hv[a:a + nwin] == wmin
            else:
                sel = hv == hv.min()
            sel &= valid
            idx = np.nonzero(sel)[0]
            return idx, hv[idx]

        idx1, h1 = winnow(k, w)
        idx2, h2 = winnow(K2, W2)
    b1 = np.searchsorted(idx1, starts)
    b2 = np.searchsorted(idx2, starts)
    for i, p in enumerate(preps):
        s = int(starts[i])
        p.masked = masked[s:s + p.n].copy()
        p.fp_pos = (idx1[b1[i]:b1[i + 1]] - s).astype(np.int32)
        p.fp_hash = h1[b1[i]:b1[i + 1]].copy()
        p.fp2_pos = (idx2[b2[i]:b2[i + 1]] - s).astype(np.int32)
        p.fp2_hash = h2[b2[i]:b2[i + 1]].copy()

_POW: list[np.ndarray] = []


def _cached_powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    if not _POW or len(_POW[0]) <= n:
        _POW[:] = list(_powers(max(n, 2 * len(_POW[0]) if _POW else 8192)))
    return _POW[0], _POW[1]


def kgram_hashes(p: Prepared, k: int = K) -> np.ndarray:
    """All k-gram hashes of one document (same values as :func:`fingerprint_chunk`)."""
    m = p.n - k + 1
    if m <= 0:
        return np.zeros(0, dtype=np.uint64)
    c = np.frombuffer(p.skel.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64) + _U64(1)
    pw, ipw = _cached_powers(p.n)
    with np.errstate(over="ignore"):
        pref = np.zeros(p.n + 1, dtype=np.uint64)
        np.cumsum(c * pw[:p.n], dtype=np.uint64, out=pref[1:])
        return _splitmix((pref[k:k + m] - pref[:m]) * ipw[:m])


def member_of(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """values[i] in sorted_set (sorted ascending), vectorised."""
    if not len(sorted_set) or not len(values):
        return np.zeros(len(values), dtype=bool)
    if len(sorted_set) < 65536:  # small table: stays in cache, search directly
        i = np.searchsorted(sorted_set, values)
        i[i == len(sorted_set)] = 0
        return sorted_set[i] == values
    order = np.argsort(values, kind="stable")   # big table: sorted needles are cache-friendly
    sv = values[order]
    i = np.searchsorted(sorted_set, sv)
    i[i == len(sorted_set)] = 0
    out = np.empty(len(values), dtype=bool)
    out[order] = sorted_set[i] == sv
    return out


def mask_kgrams(p: Prepared, hashes: np.ndarray, k: int = K) -> None:
    """Mask every k-gram of ``p`` whose hash is in the sorted array ``hashes``."""
    hv = kgram_hashes(p, k)
    if not len(hv):
        return
    hit = np.nonzero(member_of(hv, hashes))[0]
    if not len(hit):
        return
    d = np.zeros(p.n + 1, dtype=np.int32)
    np.add.at(d, hit, 1)
    np.add.at(d, hit + k, -1)
    p.masked |= np.cumsum(d[:-1]) > 0
    if p.labels:
        mask_structural_labels(p)
    # short fingerprints touching newly masked text are dropped too
    if len(p.fp2_pos):
        cm = np.zeros(p.n + 1, dtype=np.int32)
        np.cumsum(p.masked, dtype=np.int32, out=cm[1:])
        end = np.minimum(p.fp2_pos + K2, p.n)
        keep = (cm[end] - cm[p.fp2_pos]) == 0
        p.fp2_pos, p.fp2_hash = p.fp2_pos[keep], p.fp2_hash[keep]
