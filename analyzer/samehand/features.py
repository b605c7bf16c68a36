"""Per-draft style profile, computed on the draft with masked spans removed.

A profile holds two kinds of features:

* **discrete habits** that a reviewer can check in the text: candidate pet phrases (token n-grams
  without numbers, names or places), the clause-level phrase sequences inside each sentence (for
  paragraph skeletons), section-heading wording, the enumeration families used (一是/其一/首先/1、/①...)
  and a few punctuation and number-format habits (half-width brackets, 余 vs 多 after numbers...);
* **continuous rates**: function-word and punctuation rates, sentence-length distribution, and a
  content-masked character string (content characters replaced by one placeholder) for n-gram TF-IDF.

Masking: spans given by the caller (copied, team, template passages), every occurrence of the
boilerplate strings, and the shared standard formulations (``corpora/standard_phrases.txt`` when it
exists) are cut out; a masked span acts as a clause break, so no n-gram crosses it.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Sequence

from ..model import Document
from ..normalize import normalize
from ..paths import CORPORA_DIR
from ..wordlist import read_list

# Clause and sentence boundaries (normalised text: NFKC has folded full-width ASCII to half-width).
_SENT_END = re.compile(r"[。！？；!?;\n]+")
# Skeleton units: a full sentence, semicolons inside (从表象看，……；从本质看，……；从根源看，……。).
_UNIT_END = re.compile(r"[。！？!?\n]+")
_CLAUSE_SPLIT = re.compile(r"[，。！？；：、,!?;:\n“”\"‘’'（）()《》〈〉【】\[\]—…·\s\u0000]+")
_HEADING_LINE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+(?:部分|章|节)[、：:\s]?)"
)
_HEADING_MARKER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+(?:部分|章|节)[、：:\s]?)\s*"
)

# Enumeration families: (key, Chinese label, regex counted on the ORIGINAL text).
ENUM_FAMILIES: tuple[tuple[str, str, str], ...] = (
    ("yishi", "一是、二是、三是", r"[一二三四五六七八九]是[，,：:]?"),
    ("qiyi", "其一、其二、其三", r"其[一二三四五六七八九][，,：:、]"),
    ("shouxian", "首先、其次、再次、最后", r"(?:^|[。；\n])\s*(?:首先|其次|再次)[，,]"),
    ("diyi", "第一、第二、第三（句首）", r"(?:^|[。；\n])\s*第[一二三四五六七八九][，,、：:]"),
    ("yiyao", "一要、二要、三要", r"[一二三四五六七八九]要[把在从抓]"),
    ("fangmian", "一方面……另一方面", r"另一方面"),
    ("yize", "一则、二则", r"[一二三]则[，,]"),
    ("arabic_dun", "阿拉伯数字加顿号（1、2、）", r"(?:^|\n)\s*\d{1,2}、"),
    ("arabic_dot", "阿拉伯数字加点（1. 2.）", r"(?:^|\n)\s*\d{1,2}[.．](?!\d)"),
    ("paren_arabic", "带括号的阿拉伯数字（（1）（2））", r"[（(]\d{1,2}[）)]"),
    ("circled", "带圈数字（①②③）", r"[①②③④⑤⑥⑦⑧⑨]"),
)

# Binary punctuation / number-format habits, counted on the ORIGINAL (unnormalised) text.
# (key, Chinese label, regex, minimum count)
PUNCT_HABITS: tuple[tuple[str, str, str, int], ...] = (
    ("half_paren_num", "序号用半角括号，如“(一)”", r"\([一二三四五六七八九十\d]{1,2}\)", 2),
    ("half_comma_cjk", "汉字之间用半角逗号", r"[\u4e00-\u9fff],[\u4e00-\u9fff]", 2),
    ("half_colon_cjk", "汉字之间用半角冒号或分号", r"[\u4e00-\u9fff][:;][\u4e00-\u9fff]", 2),
    ("ascii_ellipsis", "省略号写作“...”或“。。。”", r"\.\.\.|。。。", 1),
    ("single_ellipsis", "省略号只用一个“…”", r"(?<!…)…(?!…)", 1),
    ("ascii_quote", "引号用半角“\"”", r"[\u4e00-\u9fff]\"|\"[\u4e00-\u9fff]", 2),
    ("corner_quote", "引号用直角引号「」", r"[「」『』]", 1),
    ("space_cjk", "汉字之间夹空格", r"[\u4e00-\u9fff][ \u3000][\u4e00-\u9fff]", 3),
    ("num_duo", "数字后用“多”（如“30多人”）", r"\d+多[个人次户家件条名天项篇起万元年]", 2),
    ("fullwidth_digit", "数字用全角（如“１２”）", r"[０-９]", 2),
    ("dash_single", "破折号只用一个“—”", r"(?<!—)—(?!—)", 1),
    ("exclaim", "使用感叹号", r"[！!]", 2),
    ("question", "使用问号（设问）", r"[？?]", 2),
    # 的/地/得 confusion: a writer's slip that follows him from draft to draft.
    ("de_for_de2", "该用“得”处写“的”（如“做的不够”“抓的不紧”）",
     r"(?:[做抓学干管想看查讲听改]|落实|推进|执行|贯彻|研究|掌握|把握|理解|领会)的"
     r"(?:还?不够|不紧|不实|不深|不细|不严|不好|不到位|不透|不准|很好|较好|还不够)", 1),
    ("de_for_de1", "该用“地”处写“的”（如“认真的学习”）",
     r"(?:^|[，,。；;：:\n])\s*(?:我|本人)?(?:要|能|都|更|将|还|再)?"
     r"(?:认真|扎实|深入|积极|主动|切实|严格|全面|系统|深刻|虚心|坚决|认认真真|扎扎实实)的"
     r"(?:参加|学习|研读|研究|开展|落实|推进|贯彻|查摆|剖析|反思|对照|听取|征求|抓|做|查|学|改|整改|检视|思考)", 1),
)

# Habits above that are wording slips rather than punctuation (shown apart in the evidence).
SLIP_HABITS = frozenset({"de_for_de1", "de_for_de2"})

# Punctuation whose rates make up the punctuation profile (normalised text).
_PUNCT_RATE = "，。、；：？！“”（）《》—…"

# Characters that never make a pet phrase: institutions and places, which name topics, not hands.
_PLACE_CHARS = set("县乡镇村局苑街区厅所院校厂司社站庄湾坪岭河桥州市省部委办")
# A pet phrase does not start or end on a bare particle or preposition.
_EDGE_STOP = set("的了和与及对把被将也都就而并或在着过")
_END_STOP = _EDGE_STOP | set("不得")
_START_STOP = _EDGE_STOP | {"是"}
_ENTITY_TAGS = {"m", "mq", "q", "nr", "nrt", "nrfg", "ns", "nt", "nz", "eng", "x", "t", "tg"}
_IDIOM_TAGS = {"i", "l", "d", "c", "ad", "z", "y"}
# Common surnames: an out-of-vocabulary word of 2–3 characters starting with one is taken for a
# person's name (names of people and places are topic, not habit).
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)


@lru_cache(maxsize=1)
def function_words() -> tuple[str, ...]:
    path = CORPORA_DIR / "function_words.txt"
    return tuple(dict.fromkeys(read_list(path))) if path.exists() else ()


@lru_cache(maxsize=1)
def function_chars() -> frozenset[str]:
    chars = {c for w in function_words() for c in w}
    return frozenset(chars)


@lru_cache(maxsize=1)
def standard_phrases() -> tuple[str, ...]:
    """The shared standard formulations (reuse helper's list), if shipped."""
    path = CORPORA_DIR / "standard_phrases.txt"
    return tuple(p for p in read_list(path) if len(p) >= 4) if path.exists() else ()


@lru_cache(maxsize=1)
def _jieba():
    import jieba  # lazy: loading the dictionary takes a second
    import jieba.posseg

    jieba.setLogLevel(60)
    return jieba, jieba.posseg.dt.word_tag_tab


def _tokenize(text: str) -> list[str]:
    from ..segment import tokens  # jieba with the project's user dictionary, loaded lazily

    return [t for t in tokens(text) if t]


def _tag(word: str) -> str | None:
    _, tab = _jieba()
    return tab.get(word)


@dataclass
class Profile:
    doc_id: str
    original: str                     # original text with masked characters replaced by \u0000
    text: str                         # normalised text, masked characters replaced by \u0000
    n_chars: int                      # unmasked CJK/alnum characters
    phrases: Counter = field(default_factory=Counter)        # candidate pet phrases -> count
    content_phrases: set[str] = field(default_factory=set)   # phrases made of content words only
    sentences: list[list[tuple[int, str]]] = field(default_factory=list)  # per sentence: (pos, phrase)
    headings: list[str] = field(default_factory=list)        # heading wording (marker stripped)
    head_patterns: dict[str, list[str]] = field(default_factory=dict)  # sibling-heading pattern -> the leads
    enum: Counter = field(default_factory=Counter)           # enumeration family -> count
    habits: set[str] = field(default_factory=set)            # punctuation/number habits present
    rates: dict[str, float] = field(default_factory=dict)    # continuous features
    skeleton: str = ""                                       # content-masked text for char n-grams


def _mask_array(doc: Document, spans: Iterable[tuple[int, int]], boilerplate: Sequence[str]) -> list[bool]:
    text = doc.text
    masked = [False] * len(text)
    for start, end in spans or ():
        for i in range(max(0, start), min(len(text), end)):
            masked[i] = True
    strings = [s for s in list(boilerplate or ()) + list(standard_phrases()) if s and len(s.strip()) >= 2]
    if strings:
        nt = normalize(text)
        for s in strings:
            ns = normalize(s).text.strip()
            if len(ns) < 2:
                continue
            pos = nt.text.find(ns)
            while pos >= 0:
                a, b = nt.to_original(pos, pos + len(ns))
                for i in range(a, min(b, len(text))):
                    masked[i] = True
                pos = nt.text.find(ns, pos + len(ns))
    return masked


def _sentences(text: str) -> list[str]:
    return [s for s in _SENT_END.split(text) if s.strip()]


def _clauses(sentence: str) -> list[str]:
    return [c for c in _CLAUSE_SPLIT.split(sentence) if c]


def _phrase_ok(toks: list[str]) -> bool:
    s = "".join(toks)
    if not 3 <= len(s) <= 8:
        return False
    if s[0] in _START_STOP or s[-1] in _END_STOP:
        return False
    if any(c in _PLACE_CHARS or c.isdigit() or c.isascii() for c in s):
        return False
    for t in toks:
        tag = _tag(t)
        if tag is None:
            if 2 <= len(t) <= 3 and t[0] in _SURNAMES:  # an unknown word led by a surname: a name
                return False
        elif tag in _ENTITY_TAGS:
            return False
    if len(toks) == 1:
        tag = _tag(toks[0])
        return tag in _IDIOM_TAGS and len(s) >= 3
    return True


# Tags of content words (nouns, verbs, adjectives). A phrase built only from them is more likely a
# shared topic (审计发现, 扶贫资金) than a habit, and weighs less; discourse markers, idioms and
# frames carry a function word, an adverb, a localiser or a set phrase (表面上看是, 说到底, 扪心自问).
_CONTENT_TAGS = {"n", "vn", "v", "a", "an", "nz", "ng", "vg", "ag", "b", "s", "nrfg", "vd", "vi"}


def _content_only(toks: list[str]) -> bool:
    return all((_tag(t) or "n") in _CONTENT_TAGS for t in toks)


def _clause_phrases(clause: str) -> list[tuple[int, str, bool]]:
    """Candidate pet phrases of one clause: (offset in the clause, phrase, content words only)."""
    toks = _tokenize(clause)
    offs, pos = [], 0
    for t in toks:
        offs.append(pos)
        pos += len(t)
    out = []
    for n in (1, 2, 3, 4):
        for i in range(len(toks) - n + 1):
            g = toks[i:i + n]
            if _phrase_ok(g):
                out.append((offs[i], "".join(g), _content_only(g)))
    return out


def _skeleton(text: str) -> str:
    fchars = function_chars()
    out = []
    for ch in text:
        if ch == "\u0000":
            out.append(" ")
        elif ch in fchars or not ("\u4e00" <= ch <= "\u9fff" or ch.isalnum()):
            out.append(ch)
        elif ch.isdigit():
            out.append("0")
        else:
            out.append("□")
    return re.sub(r"□+", "□", "".join(out))


def build_profile(doc: Document, spans: Iterable[tuple[int, int]] = (), boilerplate: Sequence[str] = ()) -> Profile:
    masked = _mask_array(doc, spans, boilerplate)
    original = "".join("\u0000" if m else c for c, m in zip(doc.text, masked))
    # Normalised line by line: normalising the whole text would fold line breaks away and run a
    # title or heading line into the next sentence.
    norm_chars = []
    pos = 0
    for line in doc.text.split("\n"):
        nt = normalize(line)
        for i, ch in enumerate(nt.text):
            o = pos + nt.orig[i]
            norm_chars.append("\u0000" if o < len(masked) and masked[o] else ch)
        norm_chars.append("\n")
        pos += len(line) + 1
    text = "".join(norm_chars[:-1])
    n_chars = sum(1 for c in text if "\u4e00" <= c <= "\u9fff" or c.isalnum())
    prof = Profile(doc_id=doc.id, original=original, text=text, n_chars=max(n_chars, 1))

    # Pet phrases and their order inside sentences (for skeletons).
    for sent in (u for u in _UNIT_END.split(text) if u.strip()):
        seq: list[tuple[int, str]] = []
        base = 0
        for m in re.finditer(r"[^，。！？；：、,!?;:\n“”\"‘’'（）()《》〈〉【】\[\]—…·\s\u0000]+", sent):
            base = m.start()
            for off, ph, content in _clause_phrases(m.group()):
                prof.phrases[ph] += 1
                if content:
                    prof.content_phrases.add(ph)
                seq.append((base + off, ph))
        seq.sort()
        prof.sentences.append(seq)

    # Headings: lines starting with a GB-style marker; short ones only (inline headings are cut at 。).
    for line in original.split("\n"):
        if _HEADING_LINE.match(line):
            head = _HEADING_MARKER.sub("", line)
            head = re.split(r"[。：:]", head, maxsplit=1)[0].strip().strip("\u0000")
            head = normalize(head).text
            if 2 <= len(head) <= 30 and "\u0000" not in head:
                prof.headings.append(head)

    prof.head_patterns = heading_patterns(original)

    for key, _label, pattern in ENUM_FAMILIES:
        c = len(re.findall(pattern, original, flags=re.M))
        if c:
            prof.enum[key] = c
    for key, _label, pattern, minimum in PUNCT_HABITS:
        if len(re.findall(pattern, original)) >= minimum:
            prof.habits.add(key)

    prof.rates = _rates(text, original, prof)
    prof.skeleton = _skeleton(text)
    return prof


_TOP_MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+(?:部分|章|节))")
_LEAD_END = re.compile(r"[，,。：:；;！!？?]")
_PATTERN_MIN_SIBLINGS = 3


def heading_patterns(original: str) -> dict[str, list[str]]:
    """Patterns shared by all sibling headings of a list, with the headings' leads.

    Siblings are the top-level headings (一、二、…) and the sub-headings ((一)(二)…) under one top-level
    heading. The *lead* of a heading is its wording up to the first comma or full stop (以“学”为先，筑牢
    思想根基 → 以“学”为先). When three or more siblings' leads all share fixed characters, the pattern
    keeps them and writes the varying parts as “…”: 以“学”为先 / 以“严”为尺 / 以“干”为要 → 以“…”为…;
    从思想根子上看 / 从党性修养上看 → 从…上看. A pattern needs at least two fixed Chinese characters.
    """
    groups: dict[tuple[str, int], list[str]] = {}
    top = -1
    for k, line in enumerate(original.split("\n")):
        if not _HEADING_LINE.match(line):
            continue
        kind = "top" if _TOP_MARKER.match(line) else "sub"
        if kind == "top":
            top = k
        head = _HEADING_MARKER.sub("", line)
        lead = normalize(_LEAD_END.split(head, maxsplit=1)[0]).text.strip()
        groups.setdefault((kind, -1 if kind == "top" else top), []).append(lead)
    out: dict[str, list[str]] = {}
    for leads in groups.values():
        if len(leads) < _PATTERN_MIN_SIBLINGS or any("\u0000" in x or not 2 <= len(x) <= 12 for x in leads):
            continue
        pat = _lead_pattern(leads)
        if pat:
            out.setdefault(pat, []).extend(leads)
    return out


def _lead_pattern(leads: list[str]) -> str | None:
    if len(set(leads)) < len(leads):
        return None
    n = len(leads[0])
    if all(len(x) == n for x in leads):
        chars = [c if all(x[k] == c for x in leads) else "…" for k, c in enumerate(leads[0])]
        pat = re.sub("…+", "…", "".join(chars))
    else:
        pre = 0
        while all(len(x) > pre for x in leads) and len({x[pre] for x in leads}) == 1:
            pre += 1
        suf = 0
        while (all(len(x) > pre + suf for x in leads) and len({x[len(x) - 1 - suf] for x in leads}) == 1):
            suf += 1
        pat = leads[0][:pre] + "…" + (leads[0][len(leads[0]) - suf:] if suf else "")
    fixed = sum(1 for c in pat if "\u4e00" <= c <= "\u9fff")
    return pat if fixed >= 2 and "…" in pat else None


def _rates(text: str, original: str, prof: Profile) -> dict[str, float]:
    rates: dict[str, float] = {}
    per_k = 1000.0 / prof.n_chars
    toks = [t for seg in text.split("\u0000") for t in _tokenize(seg) if t.strip()]
    tok_counts = Counter(toks)
    n_tok = max(len(toks), 1)
    for w in function_words():
        rates["fw:" + w] = 100.0 * tok_counts.get(w, 0) / n_tok
    for p in _PUNCT_RATE:
        rates["pu:" + p] = per_k * original.count(p)
    sents = [s for s in _sentences(text.replace("\u0000", "")) if len(s) >= 2]
    lengths = sorted(len(s) for s in sents) or [0]
    rates["len:mean"] = sum(lengths) / len(lengths)
    rates["len:q25"] = lengths[len(lengths) // 4]
    rates["len:q50"] = lengths[len(lengths) // 2]
    rates["len:q75"] = lengths[(3 * len(lengths)) // 4]
    mean = rates["len:mean"]
    rates["len:sd"] = math.sqrt(sum((x - mean) ** 2 for x in lengths) / len(lengths))
    clauses = [c for s in sents for c in _clauses(s)]
    rates["clause:mean"] = sum(len(c) for c in clauses) / max(len(clauses), 1)
    rates["clause:per_sent"] = len(clauses) / max(len(sents), 1)
    paras = [p for p in text.split("\n") if p.strip()]
    rates["para:mean"] = sum(len(p) for p in paras) / max(len(paras), 1) / 100.0
    for key, _label, _p in ENUM_FAMILIES:
        rates["en:" + key] = per_k * prof.enum.get(key, 0)
    return rates
