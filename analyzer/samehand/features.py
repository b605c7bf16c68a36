"""Per-draft style profile, computed on the draft with masked spans removed.

A profile holds two kinds of features:

* **discrete habits** that a reviewer can check in the text: candidate pet phrases (token n-grams
  without numbers, names or places), the clause-level phrase sequences inside each sentence (for
  paragraph skeletons), refrains (clauses repeated in three or more paragraphs), section-heading
  wording, the enumeration families used (一是/其一/首先/1、/①...) and a few punctuation and
  number-format habits with their counts (half-width brackets and colons, ‘’ as outer quotes, 余 vs 多...);
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
_CLAUSE_RUN = re.compile(r"[^，。！？；：、,!?;:\n“”\"‘’'（）()《》〈〉【】\[\]—…·\s\u0000]+")
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
    # After a Chinese character, wherever it stands (mid-sentence or ending a line: 汇报如下:).
    ("half_colon_cjk", "汉字后用半角冒号或分号", r"[\u4e00-\u9fff][:;]", 2),
    ("half_exclaim_cjk", "汉字后用半角感叹号或问号", r"[\u4e00-\u9fff][!?](?![!?])", 1),
    ("ascii_ellipsis", "省略号写作“...”或“。。。”", r"\.\.\.|。。。", 1),
    ("single_ellipsis", "省略号只用一个“…”", r"(?<!…)…(?!…)", 1),
    ("ascii_quote", "引号用半角“\"”", r"[\u4e00-\u9fff]\"|\"[\u4e00-\u9fff]", 2),
    ("corner_quote", "引号用直角引号「」", r"[「」『』]", 1),
    # ‘’ as the outer quotation marks (‘两个确立’), not nested inside “”: counted by ``_outer_single``.
    ("single_quote", "引号用单引号‘’而不用双引号“”", r"‘[^‘’“”\n]{1,30}’", 2),
    ("space_cjk", "汉字之间夹空格", r"[\u4e00-\u9fff][ \u3000][\u4e00-\u9fff]", 3),
    ("num_duo", "数字后用“多”（如“30多人”）", r"\d+多[个人次户家件条名天项篇起万元年]", 2),
    ("fullwidth_digit", "数字用全角（如“１２”）", r"[０-９]", 2),
    ("dash_single", "破折号只用一个“—”", r"(?<!—)—(?!—)", 1),
    ("exclaim", "使用感叹号", r"[！!]", 2),
    ("question", "使用问号（设问）", r"[？?]", 2),
    # 的/地/得 confusion: a writer's slip that follows him from draft to draft.
    ("de_for_de2", "该用“得”处写“的”（如“做的不够”“抓的不紧”）",
     r"(?:[做抓学干管想看查讲听改树下]|落实|推进|执行|贯彻|研究|掌握|把握|理解|领会|结合|发挥|思考|调动|联系|衔接"
     r"|感受|体会|谋划|宣传|协调|督促|跟踪|配合|坚持|部署|运用|转化)的"
     r"(?:还|仍|都|也)?(?:不够|不紧|不实|不深|不细|不严|不好|不到位|不透|不准|不牢|不明显|不充分|不扎实|不及时"
     r"|很好|较好)", 1),
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
    return list(_tokenize_cached(text))


@lru_cache(maxsize=1 << 16)
def _tokenize_cached(text: str) -> tuple[str, ...]:
    """(The genre's stock clauses come back draft after draft.)"""
    from ..segment import tokens  # jieba with the project's user dictionary, loaded lazily

    return tuple(t for t in tokens(text) if t)


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
    habit_counts: Counter = field(default_factory=Counter)   # ... and how often each is used
    clauses: set[str] = field(default_factory=set)           # every clause (for the batch frequency of refrains)
    refrains: dict[str, "Refrain"] = field(default_factory=dict)  # clauses repeated in several items
    rates: dict[str, float] = field(default_factory=dict)    # continuous features
    skeleton: str = ""                                       # content-masked text for char n-grams


_DOUBLE_QUOTED = re.compile(r"“[^“”\n]*”")


def habit_matches(key: str, pattern: str, original: str) -> list[str]:
    """The occurrences of one punctuation habit in ``original``.

    ‘’ counts only as the outer quotation mark: nested inside “……”, it is the standard usage.
    """
    if key == "single_quote":
        original = _DOUBLE_QUOTED.sub("", original)
    return re.findall(pattern, original)


# --- refrains ---------------------------------------------------------------------------------
# A writer's refrain: the same clause in item after item — a closing sentence (对此我深感自责), an opener
# (说到底，还是……; 扪心自问，……), a lead-in (主要表现在：). It is neither content (it names no event) nor
# the genre's (the batch's other members do not repeat it), and it follows the writer from draft to draft.
REFRAIN_MIN_LINES = 3
_REFRAIN_SPLIT = re.compile(r"([，。！？；：、,!?;:“”\"‘’'（）()《》〈〉【】\[\]—…·\s\u0000]+)")
_SENTENCE_BREAK = re.compile(r"[。！？!?；;]")
_FRAGMENT_START = set("的地得了着之")


@dataclass
class Refrain:
    lines: int = 0    # paragraphs (items) it is used in
    closes: int = 0   # ... as the paragraph's last clause
    opens: int = 0    # ... at the start of a sentence after the paragraph's lead


def _refrain_clause_ok(clause: str) -> bool:
    if not 3 <= len(clause) <= 20 or clause[0] in _FRAGMENT_START:
        return False
    return all("\u4e00" <= c <= "\u9fff" and c not in _PLACE_CHARS for c in clause)


_SENTENCE_SPLIT = re.compile(r"[。！？!?；;]+")
_INNER_BREAK = re.compile(r"[，,、]")
_INNER_COMMA = re.compile(r"[，,]")


def _refrain_sentence_ok(sentence: str) -> bool:
    """A short sentence of several clauses (这个问题，我负有直接责任): a refrain as a whole."""
    if not 5 <= len(sentence) <= 30 or not _INNER_BREAK.search(sentence):
        return False
    return all(_refrain_clause_ok(c) for c in _INNER_BREAK.split(sentence))


def refrains(text: str) -> tuple[set[str], dict[str, Refrain]]:
    """Every clause and sentence of ``text`` (normalised, masked characters as \\u0000) and those
    repeated as a refrain in at least ``REFRAIN_MIN_LINES`` paragraphs."""
    clauses: set[str] = set()
    found: dict[str, Refrain] = {}

    def count(item: str, last: bool, opens: bool, seen: set[str]) -> None:
        if item in seen:
            return
        seen.add(item)
        r = found.setdefault(item, Refrain())
        r.lines += 1
        if last:
            r.closes += 1
        elif opens:
            r.opens += 1

    for line in text.split("\n"):
        seen: set[str] = set()
        parts = _REFRAIN_SPLIT.split(line)
        items: list[tuple[str, bool]] = []  # (clause, starts a sentence)
        sentence_start = True
        for k in range(0, len(parts), 2):
            clause = parts[k]
            if clause:
                items.append((clause, sentence_start))
            sep = parts[k + 1] if k + 1 < len(parts) else ""
            if clause:
                sentence_start = bool(_SENTENCE_BREAK.search(sep))
        for n, (clause, starts) in enumerate(items):
            clauses.add(clause)
            if _refrain_clause_ok(clause):
                count(clause, n == len(items) - 1 and n > 0, starts and n > 0, seen)
        sentences = [x.strip() for x in _SENTENCE_SPLIT.split(line) if x.strip()]
        for n, sentence in enumerate(sentences):
            sentence = _INNER_COMMA.sub("，", sentence)  # one spelling, whatever the comma's width
            clauses.add(sentence)
            if _refrain_sentence_ok(sentence):
                count(sentence, n == len(sentences) - 1 and n > 0, n > 0, seen)
    return clauses, {c: r for c, r in found.items() if r.lines >= REFRAIN_MIN_LINES}


@lru_cache(maxsize=65536)
def _normalized_phrase(s: str) -> str:
    """A masked string as it stands in normalised text (the same few hundred in every draft)."""
    return normalize(s).text.strip()


def _mask_array(doc: Document, spans: Iterable[tuple[int, int]], boilerplate: Sequence[str]) -> bytearray:
    """Per character of ``doc.text``: 1 when masked (``spans`` and the strings), else 0."""
    text = doc.text
    masked = bytearray(len(text))
    for start, end in spans or ():
        a, b = max(0, start), min(len(text), end)
        if b > a:
            masked[a:b] = b"\x01" * (b - a)
    strings = [s for s in list(boilerplate or ()) + list(standard_phrases()) if s and len(s.strip()) >= 2]
    if strings:
        nt = normalize(text)
        for s in strings:
            ns = _normalized_phrase(s)
            if len(ns) < 2:
                continue
            pos = nt.text.find(ns)
            while pos >= 0:
                a, b = nt.to_original(pos, pos + len(ns))
                b = min(b, len(text))
                if b > a:
                    masked[a:b] = b"\x01" * (b - a)
                pos = nt.text.find(ns, pos + len(ns))
    return masked


def _sentences(text: str) -> list[str]:
    return [s for s in _SENT_END.split(text) if s.strip()]


def _clauses(sentence: str) -> list[str]:
    return [c for c in _CLAUSE_SPLIT.split(sentence) if c]


@lru_cache(maxsize=1 << 18)
def _phrase_ok_cached(toks: tuple[str, ...]) -> bool:
    """Whether the words ``toks`` make a candidate pet phrase (cached: the same n-grams of the
    genre's words come back draft after draft)."""
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


@lru_cache(maxsize=1 << 18)
def _content_only_cached(toks: tuple[str, ...]) -> bool:
    return all((_tag(t) or "n") in _CONTENT_TAGS for t in toks)


def _clause_phrases(clause: str, toks: list[str]) -> list[tuple[int, str, bool]]:
    """Candidate pet phrases of one clause (its words ``toks``): (offset in the clause, phrase, content
    words only)."""
    offs, pos = [], 0
    for t in toks:
        offs.append(pos)
        pos += len(t)
    offs.append(pos)
    words = tuple(toks)
    ok, content = _phrase_ok_cached, _content_only_cached
    out = []
    for n in (1, 2, 3, 4):
        for i in range(len(words) - n + 1):
            if not 3 <= offs[i + n] - offs[i] <= 8:  # (what _phrase_ok_cached refuses first)
                continue
            g = words[i:i + n]
            if ok(g):
                out.append((offs[i], "".join(g), content(g)))
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
    # Punctuation is typed by whoever typed the draft, also right after a masked standard phrase
    # (现将……汇报如下:) — masked Chinese characters stay Chinese characters for the punctuation habits.
    typed = "".join(("口" if "\u4e00" <= c <= "\u9fff" else "\u0000") if m else c for c, m in zip(doc.text, masked))
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

    # Pet phrases and their order inside sentences (for skeletons). The clauses' words are the
    # words of the whole text: jieba cuts every run of letters apart at the punctuation anyway.
    words: Counter = Counter()
    for sent in (u for u in _UNIT_END.split(text) if u.strip()):
        seq: list[tuple[int, str]] = []
        base = 0
        for m in _CLAUSE_RUN.finditer(sent):
            base = m.start()
            toks = _tokenize(m.group())
            words.update(toks)
            for off, ph, content in _clause_phrases(m.group(), toks):
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
    prof.clauses, prof.refrains = refrains(text)

    for key, _label, pattern in ENUM_FAMILIES:
        c = len(re.findall(pattern, original, flags=re.M))
        if c:
            prof.enum[key] = c
    for key, _label, pattern, minimum in PUNCT_HABITS:
        count = len(habit_matches(key, pattern, original if key in SLIP_HABITS else typed))
        if count >= minimum:
            prof.habits.add(key)
            prof.habit_counts[key] = count

    prof.rates = _rates(text, original, prof, words)
    prof.skeleton = _skeleton(text)
    return prof


_TOP_MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+(?:部分|章|节))")
_LEAD_END = re.compile(r"[，,。：:；;！!？?]")
_PATTERN_MIN_SIBLINGS = 3
_LEAD_MAX = 20  # a lead longer than this is a sentence, not a heading's wording


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
        if len(leads) < _PATTERN_MIN_SIBLINGS or any(not 2 <= len(x) <= _LEAD_MAX for x in leads):
            continue
        # A masked standard phrase inside a lead (着力在[从严治党]上下功夫) is one more varying part: the
        # pattern comes from the unmasked leads (at least three, and most of the list), and the others
        # must keep its fixed words, in order, around their masked part.
        clean = [x for x in leads if "\u0000" not in x]
        if len(clean) < _PATTERN_MIN_SIBLINGS or 2 * len(clean) <= len(leads):
            continue
        pat = _lead_pattern(clean)
        if pat and all(_keeps_fixed(pat, x) for x in leads if x not in clean):
            out.setdefault(pat, []).extend(clean)
    return out


def _keeps_fixed(pattern: str, lead: str) -> bool:
    """Whether ``lead`` has the fixed parts of ``pattern`` in order (masked characters match none)."""
    parts = pattern.split("…")
    if parts[0] and not lead.startswith(parts[0]) or parts[-1] and not lead.endswith(parts[-1]):
        return False
    pos = 0
    for part in parts:
        if part:
            pos = lead.find(part, pos)
            if pos < 0:
                return False
            pos += len(part)
    return True


def _lead_pattern(leads: list[str]) -> str | None:
    if len(set(leads)) < len(leads):
        return None
    n = len(leads[0])
    if all(len(x) == n for x in leads):
        chars = [c if all(x[k] == c for x in leads) else "…" for k, c in enumerate(leads[0])]
        pat = re.sub("…+", "…", "".join(chars))
    else:
        # Leads of different lengths: the fixed characters all of them keep in the same order, with
        # the varying parts between (学习上的‘浅尝辄止’问题 / 集体经济上的‘空壳村’问题 → …上的‘…’问题).
        pat = _aligned_pattern(leads)
        if pat is None or not all(pattern_regex(pat).fullmatch(x) for x in leads):
            pre = 0
            while all(len(x) > pre for x in leads) and len({x[pre] for x in leads}) == 1:
                pre += 1
            suf = 0
            while (all(len(x) > pre + suf for x in leads) and len({x[len(x) - 1 - suf] for x in leads}) == 1):
                suf += 1
            pat = leads[0][:pre] + "…" + (leads[0][len(leads[0]) - suf:] if suf else "")
    fixed = sum(1 for c in pat if "\u4e00" <= c <= "\u9fff")
    return pat if fixed >= 2 and "…" in pat else None


def _aligned_pattern(leads: list[str]) -> str | None:
    from difflib import SequenceMatcher

    pat = leads[0]
    for lead in leads[1:]:
        out: list[str] = []
        ia = ib = 0
        for a, b, size in SequenceMatcher(None, pat, lead, autojunk=False).get_matching_blocks():
            if a > ia or b > ib:
                out.append("…")
            out.append(pat[a:a + size])
            ia, ib = a + size, b + size
        pat = re.sub("…+", "…", "".join(out))
    return pat if pat.strip("…") else None


_QUOTES = re.compile(r"[“”‘’\"'「」『』]")


def pattern_key(pattern: str) -> str:
    """A heading pattern without its quotation marks (…上有‘…’ and …上有… are one pattern)."""
    return re.sub("…+", "…", _QUOTES.sub("", pattern))


@lru_cache(maxsize=4096)
def pattern_regex(pattern: str) -> "re.Pattern[str]":
    """The regex a lead must match in full to follow ``pattern`` (… stands for any wording)."""
    return re.compile(".*".join(re.escape(part) for part in pattern.split("…")))


def follows(pattern: str, leads: Sequence[str]) -> bool:
    """Whether every lead of a heading list follows ``pattern`` (quotation marks ignored)."""
    rx = pattern_regex(pattern_key(pattern))
    return all(rx.fullmatch(_QUOTES.sub("", x)) for x in leads)


def _rates(text: str, original: str, prof: Profile, tok_counts: Counter) -> dict[str, float]:
    """``tok_counts``: the words of the clauses of ``text``; jieba would give the same words for the
    whole text, and each punctuation mark besides as one word of its own."""
    rates: dict[str, float] = {}
    per_k = 1000.0 / prof.n_chars
    marks = sum(1 for c in _CLAUSE_RUN.sub("", text) if c != "\u0000" and not c.isspace())
    n_tok = max(sum(tok_counts.values()) + marks, 1)
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
