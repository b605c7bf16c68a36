"""Document structure: title block, headings, sections by role, and problem/cause/measure/criticism items.

Pure and fast (regular expressions only, no jieba). The section vocabulary lives in
``rules/sections.yaml`` (loaded once, validated); the numbering patterns follow GB/T 9704-2012 plus the
forms drafts really use:

====  =====================  =========================================
level marker                 style
====  =====================  =========================================
1     一、 (一. 一． 第一部分) gb (non-gb)
2     （一） (一)             gb; （一）、 is non-gb
3     1. 1．  1、             gb; 1、 is non-gb
4     （1） (1)               gb; （1）、 is non-gb
5     ①                      circled
6     一是 二是 (inline)      inline: at a paragraph start or after 。；：:，,
0     unnumbered heading     none (a short line naming a section)
====  =====================  =========================================

All offsets are into ``Document.text``; every ``Item.text == doc.text[item.start:item.end]``.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .model import SECTION_ROLES, Document, Heading, Item, Section, Structure
from .paths import RULES_DIR

SECTIONS_FILE = RULES_DIR / "sections.yaml"

ROLE_KIND = {"problems": "problem", "causes": "cause", "measures": "measure", "criticism": "criticism"}

# --------------------------------------------------------------------------------------------
# Numbering patterns (compiled once)

_CN = "一二三四五六七八九十"
_CN_RE = f"[{_CN}]{{1,3}}"
_DIG = "[0-9０-９]{1,2}"

# A heading marker at the start of a paragraph (after optional markdown decoration). An Arabic
# number followed by a date is numbering, not a decimal: 4.6月底前…, 1.2023年起… (4.6 is no amount)
_PARA_MARK = re.compile(
    rf"""
    (?P<l0>第(?P<n0>{_CN_RE})部分[、：:．.]?[ \t\u3000]*)
  | (?P<l2>[（(](?P<n2>{_CN_RE})[）)](?P<x2>、)?)
  | (?P<l4>[（(](?P<n4>{_DIG})[）)](?P<x4>、)?)
  | (?P<l1>(?P<n1>{_CN_RE})[ \t\u3000]*(?P<p1>[、．.,，])(?![0-9０-９]))
  | (?P<l3>(?P<n3>{_DIG})[ \t\u3000]*(?P<p3>[.．、])(?:(?=[0-9０-９]{{4}}年|{_DIG}月)|(?![0-9０-９])))
  | (?P<l5>(?P<n5>[①-⑳]))
  | (?P<l6>(?P<n6>{_CN_RE})是)
    """,
    re.X,
)
# Inline 一是/二是: at a line start or right after 。；：:，, (so 统一是, 唯一是 do not count).
_INLINE = re.compile(rf"(?:^|(?<=[。；：:，,;]))[ \t\u3000]*(?P<m>(?P<n>{_CN_RE})是)", re.M)
# 具体表现为：1.……2.……: Arabic numbers inside a paragraph, after a colon or a sentence end only,
# and only as a run 1, 2, 3 … (a lone "。3、" or "：1.5" is not numbering)
_INLINE_ARABIC = re.compile(r"(?<=[。；：:;])[ \t\u3000]*(?P<m>(?P<n>\d{1,2})[.．、](?:(?=\d{4}年|\d{1,2}月)|(?!\d)))")
# Markdown decoration around a heading line.
_MD_PREFIX = re.compile(r"[ \t\u3000]*(?:#{1,6}[ \t]+)?(?:\*\*|__)?")
_MD_SUFFIX = re.compile(r"(?:\*\*|__)[ \t\u3000]*$")
# The heading part of a paragraph: up to the first 。：:！？!?；; outside quotes and book-title marks.
_HEAD_PART = re.compile(r"(?:[^。：:！？!?；;“《「]|“[^”\n]*”|《[^》\n]*》|「[^」\n]*」|[“《「])*")
_END_PUNCT = "。；;，,！？!?…、"
_STRIP_FOR_KEY = re.compile(r"[\s\u3000*#_“”‘’\"'「」『』《》〈〉（）()\[\]【】：:，,。；;、！？!?·\-—…．.★☆●○■□◆◇▲△►▶→]")
# A count or a tally in a list-style heading: 存在的问题（共5条）, 学习研讨方面（6条）, 原因分析（3个方面）
_COUNT_DECOR = re.compile(r"[（(]\s*共?\s*[0-9０-９一二三四五六七八九十两]+\s*(?:条|个方面|个问题|个|项|点|方面|处)\s*[）)]"
                          r"|共\s*[0-9０-９一二三四五六七八九十两]+\s*(?:条|个方面|项)$")
_OPENING_START = re.compile(r"^(?:根据|按照|遵照|依照|为深入|为认真|为切实|为进一步|近日|本人|我)")

_CN_VALUES = {c: i + 1 for i, c in enumerate(_CN)}


def _cn_number(s: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23."""
    if not s:
        return None
    if "十" not in s:
        return _CN_VALUES.get(s) if len(s) == 1 else None
    head, _, tail = s.partition("十")
    tens = _CN_VALUES.get(head, 0) if head else 1
    ones = _CN_VALUES.get(tail, 0) if tail else 0
    if (head and head not in _CN_VALUES) or (tail and tail not in _CN_VALUES):
        return None
    return tens * 10 + ones


def _arabic(s: str) -> int:
    return int(s.translate(str.maketrans("０１２３４５６７８９", "0123456789")))


# --------------------------------------------------------------------------------------------
# Rule data


@dataclass
class SectionRules:
    path: str
    variants: dict[str, str]                          # normalised variant → role
    combined: list[tuple[re.Pattern, tuple[str, ...]]]
    keywords: list[tuple[re.Pattern, str]]
    not_sections: list[re.Pattern]
    not_unnumbered: list[re.Pattern]
    intro: list[re.Pattern]
    aspect: re.Pattern
    colleague: re.Pattern
    colleague_mention: re.Pattern
    measure_cue: re.Pattern
    cause_cue: re.Pattern
    closing: list[re.Pattern]
    trailer: re.Pattern
    limits: dict[str, int]
    _cache: dict[str, tuple[str, ...] | None] = field(default_factory=dict)

    def classify(self, text: str) -> tuple[str, ...] | None:
        """Roles named by a heading text (marker excluded), or None."""
        if text in self._cache:
            return self._cache[text]
        key = heading_key(text)
        roles: tuple[str, ...] | None = None
        if key in self.variants:
            roles = (self.variants[key],)
        elif key and not any(p.search(key) for p in self.not_sections):
            for pat, pair in self.combined:
                if pat.search(key):
                    roles = pair
                    break
            else:
                for pat, role in self.keywords:
                    if pat.search(key):
                        roles = (role,)
                        break
        self._cache[text] = roles
        return roles

    def is_intro(self, text: str) -> bool:
        t = text.strip()
        return len(t) <= 60 and any(p.search(t) for p in self.intro)

    def is_closing(self, text: str) -> bool:
        t = text.strip()
        return len(t) <= self.limits["closing_chars"] and any(p.search(t) for p in self.closing)


_TOP_KEYS = {"version", "variants", "combined", "keywords", "not_sections", "not_unnumbered", "intro", "aspect", "colleague",
             "colleague_mention",
             "measure_cue", "cause_cue", "closing", "trailer", "limits"}
_LIMIT_KEYS = {"title_lines": 8, "title_line_chars": 80, "heading_chars": 24, "level1_heading_chars": 40,
               "label_line_chars": 30, "closing_chars": 250}


def heading_key(text: str) -> str:
    """Heading text as compared with the variants: simplified characters, no spaces, punctuation,
    quotes, decoration or item counts (（共5条）)."""
    return _STRIP_FOR_KEY.sub("", _COUNT_DECOR.sub("", simplified(text)))


def simplified(text: str) -> str:
    """``text`` with traditional characters made simplified, one character for one (offsets stay)."""
    if text.isascii():
        return text
    from .normalize import to_simplified

    return to_simplified(text)


def _cfg_error(path: str, key: str, problem: str) -> ConfigError:
    return ConfigError(f"{path}：配置项“{key}”{problem}。请对照 rules/sections.yaml 的说明修改")


def _mapping_entries(raw: dict, name, field: str, allowed: tuple[str, ...]):
    """Yield (key, entry) for each mapping in the list ``raw[field]``, refusing other shapes and keys."""
    for i, entry in enumerate(raw.get(field) or []):
        key = f"{field}[{i}]"
        if not isinstance(entry, dict):
            raise _cfg_error(name, key, f"应为含 {' 和 '.join(allowed)} 的映射")
        for k in entry:
            if k not in allowed:
                raise _cfg_error(name, f"{key}.{k}", f"无法识别（可用：{'、'.join(allowed)}）")
        yield key, entry


def load_section_rules(path: str | Path | None = None) -> SectionRules:
    """Load and validate a sections rule file (unknown keys and bad patterns raise ConfigError)."""
    import yaml  # local import: only needed once per process

    p = Path(path) if path is not None else SECTIONS_FILE
    name = str(p)
    try:
        raw = yaml.load(p.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except OSError as exc:
        raise ConfigError(f"{name}：无法读取结构规则文件（{exc.strerror or exc}）。请检查文件是否存在") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{name}：YAML 格式错误（{exc}）。请修正后重试") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"{name}：内容应为键值映射。请对照 rules/sections.yaml 的说明修改")
    for key in raw:
        if key not in _TOP_KEYS:
            raise _cfg_error(name, str(key), f"无法识别（可用：{'、'.join(sorted(_TOP_KEYS))}）")

    def rx(value: Any, key: str) -> re.Pattern:
        if not isinstance(value, str) or not value:
            raise _cfg_error(name, key, "应为非空的正则表达式字符串")
        try:
            return re.compile(value)
        except re.error as exc:
            raise _cfg_error(name, key, f"不是有效的正则表达式（{exc}）") from exc

    def rx_list(value: Any, key: str) -> list[re.Pattern]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise _cfg_error(name, key, "应为列表")
        return [rx(v, f"{key}[{i}]") for i, v in enumerate(value)]

    def role(value: Any, key: str) -> str:
        if value not in SECTION_ROLES:
            raise _cfg_error(name, key, f"的部分名称“{value}”无法识别（可用：{'、'.join(SECTION_ROLES)}）")
        return value

    variants: dict[str, str] = {}
    vraw = raw.get("variants") or {}
    if not isinstance(vraw, dict):
        raise _cfg_error(name, "variants", "应为“部分名称: [标题写法……]”的映射")
    for r, items in vraw.items():
        role(r, f"variants.{r}")
        if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
            raise _cfg_error(name, f"variants.{r}", "应为标题写法的列表")
        for v in items:
            variants.setdefault(heading_key(v), r)

    combined: list[tuple[re.Pattern, tuple[str, ...]]] = []
    for key, entry in _mapping_entries(raw, name, "combined", ("pattern", "roles")):
        roles = entry.get("roles")
        if not isinstance(roles, list) or len(roles) not in (2, 3):
            raise _cfg_error(name, f"{key}.roles", "应为两个或三个部分名称的列表")
        combined.append((rx(entry.get("pattern"), f"{key}.pattern"),
                         tuple(role(x, f"{key}.roles") for x in roles)))

    keywords: list[tuple[re.Pattern, str]] = []
    for key, entry in _mapping_entries(raw, name, "keywords", ("role", "pattern")):
        keywords.append((rx(entry.get("pattern"), f"{key}.pattern"), role(entry.get("role"), f"{key}.role")))

    limits = dict(_LIMIT_KEYS)
    lraw = raw.get("limits") or {}
    if not isinstance(lraw, dict):
        raise _cfg_error(name, "limits", "应为映射")
    for k, v in lraw.items():
        if k not in _LIMIT_KEYS:
            raise _cfg_error(name, f"limits.{k}", f"无法识别（可用：{'、'.join(_LIMIT_KEYS)}）")
        if not isinstance(v, int) or isinstance(v, bool) or v <= 0:
            raise _cfg_error(name, f"limits.{k}", "应为正整数")
        limits[k] = v

    return SectionRules(
        path=name,
        variants=variants,
        combined=combined,
        keywords=keywords,
        not_sections=rx_list(raw.get("not_sections"), "not_sections"),
        not_unnumbered=rx_list(raw.get("not_unnumbered"), "not_unnumbered"),
        intro=rx_list(raw.get("intro"), "intro"),
        aspect=rx(raw.get("aspect", "方面"), "aspect"),
        colleague=rx(raw.get("colleague", "同志"), "colleague"),
        colleague_mention=rx(raw.get("colleague_mention", "同志"), "colleague_mention"),
        measure_cue=rx(raw.get("measure_cue", "整改措施[：:]"), "measure_cue"),
        cause_cue=rx(raw.get("cause_cue", "原因[：:]"), "cause_cue"),
        closing=rx_list(raw.get("closing"), "closing"),
        trailer=rx(raw.get("trailer", r"^\d{4}年\d{1,2}月(?:\d{1,2}日)?$"), "trailer"),
        limits=limits,
    )


_RULES: SectionRules | None = None


def default_rules() -> SectionRules:
    global _RULES
    if _RULES is None:
        _RULES = load_section_rules()
    return _RULES


# --------------------------------------------------------------------------------------------
# Paragraphs and headings


@dataclass
class _Para:
    start: int                      # trimmed content span (markdown decoration included)
    end: int
    head: Heading | None = None     # heading at the paragraph start (levels 1-6)
    body: int = 0                   # where the body text starts (== end when the paragraph is all heading)
    inline: list[Heading] = field(default_factory=list)   # 一是 markers after the paragraph start


def _paragraphs(text: str) -> list[_Para]:
    paras: list[_Para] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        s, e = pos, nl
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            paras.append(_Para(s, e, body=s))
        pos = nl + 1
    return paras


def _head_end(text: str, start: int, end: int) -> int:
    """End of the heading part of ``text[start:end]`` (first 。：:！？!?；; outside quotes)."""
    m = _HEAD_PART.match(text, start, end)
    stop = m.end() if m else start
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    return stop


def _after_punct(text: str, pos: int, end: int) -> int:
    """Skip the terminator after a heading part and the whitespace after it."""
    if pos < end and text[pos] in "。：:！？!?；;":
        pos += 1
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _para_heading(text: str, p: _Para, drawn: str | None = None) -> Heading | None:
    """The heading a paragraph opens with: a typed marker, else the list number Word draws before
    it (``drawn``, not in the text: the heading then starts at the text and its marker is "")."""
    m0 = _MD_PREFIX.match(text, p.start, p.end)
    s = m0.end() if m0 else p.start
    e = p.end
    ms = _MD_SUFFIX.search(text, s, e)
    if ms:
        e = ms.start()
    m = typed = _PARA_MARK.match(text, s, e)
    if not m and drawn:
        m = _PARA_MARK.match(drawn.strip())
        if m and m.end() != len(drawn.strip()):
            m = None
    if not m:
        return None
    kind = m.lastgroup
    marker = m.group(0) if typed else ""
    if kind == "l0":
        level, number, style = 1, _cn_number(m.group("n0")), "non-gb"
    elif kind == "l1":
        level, number = 1, _cn_number(m.group("n1"))
        style = "gb" if m.group("p1") == "、" else "non-gb"
    elif kind == "l2":
        level, number = 2, _cn_number(m.group("n2"))
        style = "non-gb" if m.group("x2") else "gb"
    elif kind == "l3":
        level, number = 3, _arabic(m.group("n3"))
        style = "non-gb" if m.group("p3") == "、" else "gb"
    elif kind == "l4":
        level, number = 4, _arabic(m.group("n4"))
        style = "non-gb" if m.group("x4") else "gb"
    elif kind == "l5":
        level, number, style = 5, ord(m.group("n5")) - ord("①") + 1, "circled"
    else:
        level, number, style = 6, _cn_number(m.group("n6")), "inline"
    if number is None:
        return None
    hs = m.end() if typed else s
    while hs < e and text[hs] in " \t\u3000":
        hs += 1
    he = _head_end(text, hs, e)
    if he <= hs and level != 6:
        # a bare marker line ("（一）") — the heading is the marker itself
        he = m.end() if typed else e
    if level == 6 and he <= hs:
        return None
    p.body = _after_punct(text, he, p.end) if he < e else p.end
    if ms and p.body >= ms.start():
        p.body = p.end
    return Heading(start=s, end=he, text=text[s:he], level=level, marker=marker, number=number, style=style)


def _promote_aspect_lines(text: str, body: list[_Para], rules: SectionRules) -> None:
    """1、……方面（2条） over items 1. 2.: both are Arabic numbers, but a bare aspect line of one
    punctuation (、) followed by items of the other (.) groups them — it takes the level of （一）,
    when the draft has no （一） of its own."""
    numbered = [p for p in body if p.head is not None and p.head.level <= 5]
    if any(p.head.level == 2 for p in numbered):
        return
    for a, b in zip(numbered, numbered[1:]):
        h, nxt = a.head, b.head
        if h.level == 3 and nxt.level == 3 and h.style != nxt.style and a.body >= a.end and b.body < b.end \
                and rules.aspect.search(text[h.start + len(h.marker):h.end]):
            h.level = 2


def _drawn_labels(doc: Document) -> dict[int, str]:
    """Word's automatic list numbers (``Document.list_labels``) by the start of their line."""
    spans = doc.paragraphs
    return {spans[lb.paragraph][0]: lb.text for lb in getattr(doc, "list_labels", ())
            if 0 <= lb.paragraph < len(spans)}


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _unnumbered_heading(text: str, p: _Para, rules: SectionRules) -> tuple[Heading, tuple[str, ...]] | None:
    m0 = _MD_PREFIX.match(text, p.start, p.end)
    s = m0.end() if m0 else p.start
    e = p.end
    ms = _MD_SUFFIX.search(text, s, e)
    if ms:
        e = ms.start()
    while e > s and text[e - 1] in "：: \t\u3000":
        e -= 1
    if e - s == 0 or e - s > rules.limits["heading_chars"]:
        return None
    line = text[s:e]
    if line[-1] in _END_PUNCT or "。" in line or "，" in line or "," in line:
        return None
    roles = rules.classify(line)
    if not roles:
        return None
    if heading_key(line) not in rules.variants and any(pat.search(line) for pat in rules.not_unnumbered):
        return None          # a short problem label (整改措施不落实), not a section heading
    return Heading(start=s, end=e, text=line, level=0, marker="", number=None, style="none"), roles


def _is_title_like(line: str, rules: SectionRules) -> bool:
    return (len(line) <= rules.limits["title_line_chars"] and "。" not in line
            and line[-1] not in "；;，,！？!?：:" and not _OPENING_START.search(line))


def _is_opening_like(line: str, rules: SectionRules) -> bool:
    return len(line) > rules.limits["title_line_chars"] or "。" in line or bool(_OPENING_START.search(line))


# --------------------------------------------------------------------------------------------
# Parsing


@dataclass
class _Open:
    roles: tuple[str, ...] | None    # None: a heading that closes the previous section but names no role
    heading: Heading
    para: int                        # index of the heading paragraph


def parse(doc: Document, rules: SectionRules | None = None) -> Structure:
    """Find the title block, headings, sections by role and the items of each section."""
    rules = rules or default_rules()
    from .reflow import layout_text

    original = doc.text
    # layout is read on simplified characters, with a PDF's soft line breaks joined; offsets are the same
    text = simplified(layout_text(original))
    from .structure_tables import cell_spans

    st = _parse(text, rules, _drawn_labels(doc), cell_spans(doc))
    if text != original:
        _restore(st, original)
    return st


def _restore(st: Structure, original: str) -> None:
    """Put the document's own characters back into every text the parse kept (traditional drafts)."""
    for h in st.headings:
        h.text = original[h.start:h.end]
    for sec in st.sections.values():
        if sec.heading_end > sec.heading_start:
            sec.heading = original[sec.heading_start:sec.heading_end]
    for kind in ("problem", "cause", "measure", "criticism"):
        for it in st.items(kind):
            it.text = original[it.start:it.end]


def _parse(text: str, rules: SectionRules, drawn: dict[int, str], tables=()) -> Structure:
    """``drawn``: Word's automatic list numbers by line start (not in ``text``); ``tables``: Word
    tables as rows of cell spans (:func:`analyzer.structure_tables.cell_spans`)."""
    paras = _paragraphs(text)
    st = Structure()
    if not paras:
        return st

    # --- title block: short lines without a full stop before the opening paragraph
    run: list[int] = []
    for i, p in enumerate(paras[: rules.limits["title_lines"]]):
        line = text[p.start:p.end]
        label = drawn.get(_line_start(text, p.start))
        if (_PARA_MARK.match(line) or label) and _para_heading(text, _Para(p.start, p.end, body=p.start), label):
            break
        if _is_opening_like(line, rules):
            break
        if rules.classify(line) and len(line) <= rules.limits["heading_chars"] and heading_key(line) in rules.variants:
            break
        if _is_title_like(line, rules):
            run.append(i)
        elif run:
            break
    first_body = 0
    if run:
        st.title = (paras[run[0]].start, paras[run[-1]].end)
        first_body = run[-1] + 1
    body = paras[first_body:]
    base = first_body

    # --- headings
    starts = [p.start for p in paras]
    unnumbered: dict[int, tuple[Heading, tuple[str, ...]]] = {}
    for k, p in enumerate(body, start=base):
        p.head = _para_heading(text, p, drawn.get(_line_start(text, p.start)))
        if p.head is None:
            u = _unnumbered_heading(text, p, rules)
            if u:
                unnumbered[k] = u
    _promote_aspect_lines(text, body, rules)
    if body:
        for m in _INLINE.finditer(text, body[0].start):
            k = bisect_right(starts, m.start("m")) - 1
            if k < base:
                continue
            p = paras[k]
            ms = m.start("m")
            if ms >= p.end or (p.head is not None and p.head.start == ms):
                continue
            p.inline.append(Heading(start=ms, end=ms, text="", level=6, marker=m.group("m"),
                                    number=_cn_number(m.group("n")), style="inline"))
        for p in body:
            if not p.inline:
                p.inline = _arabic_inline(text, p)
            for j, h in enumerate(p.inline):
                stop = p.inline[j + 1].start if j + 1 < len(p.inline) else p.end
                hs = h.start + len(h.marker)
                he = _head_end(text, hs, stop)
                if he <= hs:
                    he = min(stop, hs)
                h.end = he
                h.text = text[h.start:he]

    # --- section openers (only top-level or unnumbered headings open sections)
    opens: list[_Open] = []
    numbered = [k for k in range(base, len(paras)) if paras[k].head is not None and paras[k].head.level <= 5]
    top = min((paras[k].head.level for k in numbered), default=1)
    first_top = next((k for k in numbered if paras[k].head.level == top), len(paras))
    cur_level: int | None = None
    cur_roles: tuple[str, ...] | None = None
    child_seen: int | None = None
    for k in range(base, len(paras)):
        p = paras[k]
        if k in unnumbered:
            h, roles = unnumbered[k]
            if cur_roles is None or roles != cur_roles:
                p.body = p.end
                opens.append(_Open(roles, h, k))
                cur_level, cur_roles, child_seen = 0, roles, None
            continue
        h = p.head
        if h is None or h.level > 5:
            continue
        roles = rules.classify(text[h.start + len(h.marker):h.end])
        eligible = bool(roles) and _eligible(text, h, rules)
        if cur_level is None:
            # numbered lists in the preamble (before the first top-level heading) open nothing; nor
            # does an item that merely reads like a heading (（一）在理论学习上还有差距。学习不够……:
            # its own text follows in the paragraph and it is no known heading) — a draft of such
            # items and no part headings is left to the content roles
            if eligible and k >= first_top and not _item_like(text, p, h, rules):
                opens.append(_Open(roles, h, k))
                cur_level, cur_roles, child_seen = h.level, roles, None
            continue
        if cur_level == 0:
            higher = (h.level == 1) if child_seen is None else (h.level < child_seen)
            if eligible and roles != cur_roles and higher:
                opens.append(_Open(roles, h, k))
                cur_level, cur_roles, child_seen = h.level, roles, None
            else:
                child_seen = h.level if child_seen is None else min(child_seen, h.level)
            continue
        if h.level <= cur_level:
            if eligible:
                opens.append(_Open(roles, h, k))
                cur_level, cur_roles = h.level, roles
            elif p.body < p.end and cur_roles is not None:
                # 一、理论学习不深。全年…… under 一、存在的问题: a misnumbered item, not a new part
                continue
            else:
                opens.append(_Open(None, h, k))
                cur_level, cur_roles = h.level, None

    # --- headings list
    heads: list[Heading] = []
    unnumbered_open = {o.para for o in opens if o.heading.level == 0}
    for k in range(base, len(paras)):
        p = paras[k]
        if p.head is not None:
            heads.append(p.head)
        elif k in unnumbered_open:
            heads.append(unnumbered[k][0])
        heads.extend(p.inline)
    st.headings = heads

    # --- sections and items
    prev: tuple[_Open, Section | None, list[Item]] | None = None
    for j, o in enumerate(opens):
        if o.roles is None:
            prev = None
            continue
        stop = opens[j + 1].para if j + 1 < len(opens) else len(paras)
        last = _tail_cut(text, paras, o.para, stop - 1, rules)
        h = o.heading
        sec_end = paras[last].end if last > o.para else max(h.end, paras[o.para].end)
        units = _units(paras, o.para, last)
        if not any(text[u.start:u.end].strip() for u in units):
            # a heading with nothing under it (a table of contents, a part left empty) is no part
            prev = None
            continue
        if len(o.roles) >= 2 and _split_combined(text, st, o, units, sec_end, rules):
            prev = None
            continue
        kind = ROLE_KIND.get(o.roles[0])
        items = _section_items(text, units, kind, rules) if kind else []
        if prev is not None and prev[0].roles == o.roles and prev[0].heading.level == h.level:
            # consecutive headings of one role (一、在……方面存在的问题 二、在……方面存在的问题):
            # one section, each heading groups its items
            sec = prev[1]
            if sec is not None:
                sec.end = sec_end
            for ph, its in ((prev[0].heading, prev[2]), (h, items)):
                if heading_key(ph.text[len(ph.marker):]) not in rules.variants:
                    for it in its:
                        it.group = it.group or ph.text
        else:
            sec = None
            for role in o.roles:
                if role not in st.sections:
                    sec = st.sections[role] = Section(role=role, heading=h.text, start=h.start, end=sec_end,
                                                      heading_start=h.start, heading_end=h.end)
        if kind:
            # a combined part (存在的问题及整改措施, 问题及原因, 问题、原因及整改措施): each item may
            # carry its other parts. Cause lines leave the items before measure lines are counted
            # (a measure answers the problem item before it); measure tails are cut off first,
            # since they come last in an item
            later = [r for r in ("causes", "measures") if r in o.roles[1:]]
            cue = {"measures": rules.measure_cue, "causes": rules.cause_cue}
            cued = {r: _cued_measures(text, st, items, cue[r], ROLE_KIND[r]) if kind == "problem" else []
                    for r in later}
            st.items(kind).extend(items)
            for r in reversed(later):
                st.items(ROLE_KIND[r]).extend(cued[r])
                _pair_measures(text, st, items, cue[r], ROLE_KIND[r])
        prev = (o, sec, items)
    if tables:
        from .structure_tables import apply_tables

        apply_tables(text, paras, st, rules, tables)
    _cut_at_openers(text, paras, st)
    _content_roles(text, paras, base, st, rules)
    return st


_CORE = ("problems", "causes", "measures", "criticism")
_CRITICISM_TITLE = re.compile(r"批评意见|相互批评|批评发言|批评提纲")


def _cut_at_openers(text: str, paras: list[_Para], st: Structure) -> None:
    """End a part found by its heading where an unnumbered paragraph inside it opens a later part the
    draft has no heading for (下一步，我将……从以下几个方面抓好整改 under 原因分析; 究其原因 under the
    problems): the rest is left to :func:`_content_roles`. Items from the cut on leave the part."""
    from .roles import default_model

    model = default_model()
    order = {r: n for n, r in enumerate(_CORE)}
    for role, sec in list(st.sections.items()):
        if sec.how != "heading" or role not in order:
            continue
        for p in paras:
            if p.start <= sec.heading_end or p.start >= sec.end or p.head is not None:
                continue
            later = model.opener(text[p.start:p.end])
            if later in order and order[later] > order[role] and later not in st.sections:
                sec.end = p.start
                kind = ROLE_KIND.get(role)
                if kind:
                    kept = [it for it in st.items(kind) if it.start < p.start]
                    st.items(kind)[:] = kept
                break


def _content_roles(text: str, paras: list[_Para], base: int, st: Structure, rules: SectionRules) -> None:
    """Give the paragraphs no recognised heading covers a role from their content.

    Runs of body paragraphs outside every section (the whole body of an excerpt with no headings,
    the problems straight after the opening, the block under a heading the vocabulary does not
    know) are segmented by :mod:`analyzer.roles`; a block of a role the draft lacks becomes that
    section (``how="content"``), its heading the block's own unrecognised heading line if it has
    one. Sections found by their headings are never changed."""
    from .roles import default_model

    covered = [False] * len(paras)
    starts = [p.start for p in paras]
    for sec in st.sections.values():
        i = bisect_right(starts, sec.start - 1)
        while i < len(paras) and paras[i].start < sec.end:
            covered[i] = True
            i += 1
    if st.title:
        for i, p in enumerate(paras):
            if p.end <= st.title[1]:
                covered[i] = True
    order = {r: n for n, r in enumerate(_CORE)}
    model = default_model()
    i = base
    while i < len(paras):
        if covered[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(paras) and not covered[j + 1]:
            j += 1
        before = [r for r, sec in st.sections.items() if r in order and sec.end <= paras[i].start]
        after = [r for r, sec in st.sections.items() if r in order and sec.start >= paras[j].end]
        lo = max((order[r] for r in before), default=-1)
        hi = min((order[r] for r in after), default=len(_CORE))
        allowed = [r for r in _CORE if lo < order[r] < hi and r not in st.sections]
        if allowed:
            roles = model.segment([text[paras[k].start:paras[k].end] for k in range(i, j + 1)], allowed)
            k = 0
            while k < len(roles):
                m = k
                while m + 1 < len(roles) and roles[m + 1] == roles[k]:
                    m += 1
                if roles[k] in allowed and roles[k] not in st.sections:
                    _content_section(text, paras, i + k, i + m, roles[k], st, rules)
                k = m + 1
        i = j + 1
    roles_found = set(st.sections)
    title = text[st.title[0]:st.title[1]] if st.title else ""
    if "criticism" in roles_found and not roles_found & {"problems", "causes", "measures"} \
            and (_CRITICISM_TITLE.search(title) or _CRITICISM_TITLE.search(st.sections["criticism"].heading)
                 or st.sections["criticism"].how == "content"):
        st.kind = "criticism"


def _content_section(text: str, paras: list[_Para], first: int, last: int, role: str, st: Structure,
                     rules: SectionRules) -> None:
    """Register paragraphs ``first..last`` as the ``role`` section found from their content."""
    last = _tail_cut(text, paras, first, last, rules) if last > first else last
    hp = paras[first]
    own_heading = hp.head is not None and hp.head.level <= 5 and hp.body >= hp.end and hp.head.level == 1
    if own_heading and role == "criticism" \
            and _one_colleague(text[hp.head.start + len(hp.head.marker):hp.head.end], rules):
        own_heading = False    # 一、对何建国同志 opens the first colleague's points, not the part
    if own_heading:
        h = hp.head
        units = _units(paras, first, last)
        heading, hs, he = h.text, h.start, h.end
    else:
        units = [_Unit(p.start, p.end, p) for p in paras[first:last + 1]]
        heading, hs, he = "", hp.start, hp.start
    if not units and not own_heading:
        return
    st.sections[role] = Section(role=role, heading=heading, start=hp.start, end=paras[last].end,
                                heading_start=hs, heading_end=he, how="content")
    kind = ROLE_KIND.get(role)
    if kind:
        st.items(kind).extend(_section_items(text, units, kind, rules))


def _tail_cut(text: str, paras: list[_Para], head: int, last: int, rules: SectionRules) -> int:
    """Index of the section's last paragraph once the closing formula and trailer are dropped.

    The closing may be wrapped over several lines (PDF): the earliest of the last four unnumbered
    paragraphs that reads as a closing cuts the section there, everything after it goes too.
    """
    cut = last + 1
    total = 0
    j = last
    while j > head and last - j < 4:
        p = paras[j]
        if p.head is not None:
            break
        t = text[p.start:p.end]
        total += len(t)
        if total > rules.limits["closing_chars"]:
            break
        if rules.is_closing(t) or rules.trailer.search(t):
            cut = j
        j -= 1
    return cut - 1


def _item_like(text: str, p: _Para, h: Heading, rules: SectionRules) -> bool:
    """A numbered line below the first level whose paragraph goes on after the heading sentence and
    whose heading is not one of the known part headings: an item, not a part."""
    return h.level >= 2 and p.body < p.end and heading_key(text[h.start + len(h.marker):h.end]) not in rules.variants


def _eligible(text: str, h: Heading, rules: SectionRules) -> bool:
    inner = text[h.start + len(h.marker):h.end].strip()
    if h.level == 1:
        return len(inner) <= rules.limits["level1_heading_chars"]
    return len(inner) <= rules.limits["heading_chars"] and not re.search(r"[，,；;]", inner)


@dataclass
class _Unit:
    """A stretch of body text: one paragraph, or the rest of a heading paragraph."""

    start: int
    end: int
    para: _Para
    first: bool = False       # the section heading's own paragraph (body part only)


def _units(paras: list[_Para], head_idx: int, last: int) -> list[_Unit]:
    out: list[_Unit] = []
    hp = paras[head_idx]
    if hp.body < hp.end:
        out.append(_Unit(hp.body, hp.end, hp, first=True))
    for k in range(head_idx + 1, last + 1):
        p = paras[k]
        out.append(_Unit(p.start, p.end, p))
    return out


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _label(text: str, start: int, end: int) -> str:
    """The item's label: its first sentence (or heading part), without the end mark."""
    he = _head_end(text, start, end)
    label = text[start:he].strip()
    return label.rstrip("。；;，,：:！？!?")


def _make_item(text: str, kind: str, start: int, end: int, marker: str, label: str | None,
               group: str | None) -> Item | None:
    end = _trim_end(text, start, end)
    if end <= start:
        return None
    if label is None:
        label = _label(text, start + len(marker), end)
    return Item(kind=kind, start=start, end=end, text=text[start:end], marker=marker,
                label=label, group=group)


def _unit_marker(u: _Unit) -> Heading | None:
    if u.first:
        return None
    return u.para.head


def _section_items(text: str, units: list[_Unit], kind: str, rules: SectionRules) -> list[Item]:
    if not units:
        return []
    heads = [(_unit_marker(u), i) for i, u in enumerate(units) if _unit_marker(u) is not None]
    if heads:
        child_level = min(h.level for h, _ in heads)
        if child_level <= 5:
            return _child_items(text, units, child_level, kind, rules)
    inline = [h for u in units for h in u.para.inline if h.start >= u.start]
    inline += [h for h, _ in heads]
    if kind == "criticism":
        return _criticism_items(text, units, rules)
    if inline:
        return _inline_items(text, units, inline, kind, rules, units[-1].end)
    return _paragraph_items(text, units, kind, rules)


def _child_items(text: str, units: list[_Unit], level: int, kind: str, rules: SectionRules) -> list[Item]:
    idx = [i for i, u in enumerate(units) if _unit_marker(u) is not None and _unit_marker(u).level <= level]
    items: list[Item] = []
    for n, i in enumerate(idx):
        j = idx[n + 1] if n + 1 < len(idx) else len(units)
        block = units[i:j]
        child = block[0].para.head
        assert child is not None
        block_end = block[-1].end
        grouped = None
        if kind != "criticism":
            grouped = _group_items(text, block, child, kind, rules, block_end)
        else:
            grouped = _colleague_points(text, block, child, rules)
        if grouped:
            items.extend(grouped)
            continue
        label = text[child.start + len(child.marker):child.end].strip()
        it = _make_item(text, kind, child.start, block_end, child.marker, label, None)
        if it:
            items.append(it)
    return items


def _group_items(text: str, block: list[_Unit], child: Heading, kind: str, rules: SectionRules,
                 block_end: int) -> list[Item] | None:
    """Sub-items of an aspect heading without description text of its own, else None."""
    inner = text[child.start + len(child.marker):child.end].strip()
    para = block[0].para
    subs = [u for u in block[1:] if u.para.head is not None and u.para.head.level > child.level]
    # aspect headings group their sub-items; in the problems section any bare heading over one or
    # more numbered sub-items does too (a measure heading over ①② steps stays one measure)
    if not (rules.aspect.search(inner) or (kind == "problem" and len(subs) >= 1)):
        return None
    own_inline = [h for h in para.inline if h.start >= para.body]
    # description text between the heading and the first sub-item, in the heading's own paragraph
    desc_end = own_inline[0].start if own_inline else para.end
    desc = text[para.body:desc_end].strip() if para.body < para.end else ""
    if desc and not rules.is_intro(desc):
        return None
    group = child.text
    if subs:
        sub_level = min(u.para.head.level for u in subs)
        sub_units = [_Unit(u.start, u.end, u.para) for u in block[1:]]
        first = next(i for i, u in enumerate(sub_units) if u.para.head is not None and u.para.head.level == sub_level)
        out = _child_items(text, sub_units[first:], sub_level, kind, rules) if sub_level <= 5 else \
            _inline_items(text, sub_units[first:], [u.para.head for u in sub_units[first:]
                                                    if u.para.head is not None] +
                          [h for u in sub_units[first:] for h in u.para.inline], kind, rules, block_end)
        for it in out:
            it.group = it.group or group
        return out or None
    inline = own_inline + [h for u in block[1:] for h in u.para.inline]
    if inline:
        out = _inline_items(text, block, inline, kind, rules, block_end)
        for it in out:
            it.group = group
        return out or None
    if rules.aspect.search(inner) and len(block) >= 2:
        # a bare aspect heading over plain paragraphs: each paragraph is an item of the group
        # (one paragraph too, so that every aspect's items look alike)
        out = _paragraph_items(text, block[1:], kind, rules)
        for it in out:
            it.group = group
        return out or None
    return None


def _lead_group(lead: str, rules: SectionRules) -> str | None:
    """A lead such as 在理论学习方面： before inline items names their group."""
    lead = lead.strip()
    if not lead or len(lead) > 40:
        return None
    bare = lead.rstrip("：:，,。")
    if not bare or any(p.search(bare) for p in rules.intro):   # 主要有以下几个方面的原因：
        return None
    if rules.aspect.search(bare) or lead[-1] in "：:":
        return bare
    return None


def _arabic_inline(text: str, p) -> list[Heading]:
    """Inline 1. 2. markers of a paragraph, when they run 1, 2, 3 … from its first one."""
    found = []
    start = p.head.end if p.head is not None else p.start
    for m in _INLINE_ARABIC.finditer(text, start, p.end):
        found.append((m.start("m"), m.group("m"), int(m.group("n"))))
    if not found or [n for _, _, n in found] != list(range(1, len(found) + 1)):
        return []
    if len(found) == 1 and text[:found[0][0]].rstrip(" \t\u3000")[-1:] not in "：:":
        return []   # a single 1. opens an item only right after a colon (具体表现为：1.……)
    return [Heading(start=ms, end=ms, text="", level=6, marker=mk, number=n, style="inline")
            for ms, mk, n in found]


def _inline_items(text: str, units: list[_Unit], markers: list[Heading], kind: str, rules: SectionRules,
                  block_end: int) -> list[Item]:
    """Items opened by inline markers (一是 二是 ...), each running to the next marker.

    A short lead (在理论学习方面：) before the first marker of a paragraph, or on a line of its own
    between markers, ends the previous item and becomes the group of the items after it.
    """
    markers = sorted({h.start: h for h in markers}.values(), key=lambda h: h.start)
    unit_starts = [u.para.start for u in units]
    unit_of = [bisect_right(unit_starts, h.start) - 1 for h in markers]
    lead_lines = {i for i, u in enumerate(units)
                  if not any(x == i for x in unit_of) and _lead_group(text[u.start:u.end], rules)}
    items: list[Item] = []
    group: str | None = None
    seen_units: set[int] = set()
    for n, h in enumerate(markers):
        ui = unit_of[n]
        u = units[ui]
        # a lead line of its own since the previous marker
        prev_ui = unit_of[n - 1] if n else -1
        for li in range(prev_ui + 1, ui):
            if li in lead_lines:
                group = _lead_group(text[units[li].start:units[li].end], rules)
        if ui not in seen_units:
            seen_units.add(ui)
            lead_start = max(u.start, u.para.body)
            if h.start > lead_start:
                g = _lead_group(text[lead_start:h.start], rules)
                if g:
                    group = g
        if n + 1 < len(markers):
            vi = unit_of[n + 1]
            if vi == ui:
                end = markers[n + 1].start
            else:
                wi = vi - 1
                while wi > ui and wi in lead_lines:
                    wi -= 1
                end = units[wi].end
                # a lead before the next marker in its own paragraph ends this item too
        else:
            end = block_end
        label = text[h.start + len(h.marker):h.end].strip() if h.end > h.start else None
        it = _make_item(text, kind, h.start, end, h.marker, label, group)
        if it:
            items.append(it)
    return items


def _is_label_line(text: str, u: _Unit, rules: SectionRules) -> bool:
    line = text[u.start:u.end]
    return (len(line) <= rules.limits["label_line_chars"] and line[-1] not in _END_PUNCT + "：:"
            and "。" not in line)


def _blocks(units: list[_Unit], starts: list[bool]) -> list[list[_Unit]]:
    """Group units into blocks that open at the flagged units; units before the first flag stand alone."""
    blocks: list[list[_Unit]] = []
    seen = False
    for u, flag in zip(units, starts):
        if flag or not seen:
            blocks.append([u])
            seen = seen or flag
        else:
            blocks[-1].append(u)
    return blocks


def _paragraph_items(text: str, units: list[_Unit], kind: str, rules: SectionRules) -> list[Item]:
    units = [u for u in units if not rules.is_intro(text[u.start:u.end])]
    flags = [_is_label_line(text, u, rules) for u in units]
    items: list[Item] = []
    for block in _blocks(units, flags) if any(flags) else [[u] for u in units]:
        first = block[0]
        label = text[first.start:first.end].strip() if _is_label_line(text, first, rules) else None
        it = _make_item(text, kind, first.start, block[-1].end, "", label, None)
        if it:
            items.append(it)
    return items


_COLLECTIVE = re.compile(r"班子|其他|其余|各位|全体|成员|大家")


def _one_colleague(heading: str, rules: SectionRules) -> bool:
    """A heading naming one colleague (对何建国同志, 周书记：), not the whole team (对班子同志的意见)."""
    return bool(rules.colleague.search(heading)) and not _COLLECTIVE.search(heading)


def _colleague_points(text: str, block: list[_Unit], child: Heading, rules: SectionRules) -> list[Item] | None:
    """Under a heading naming a colleague (二、对庞慧敏同志), numbered points (1.…… 2.……) are the
    criticism items, each judged on its own, grouped by the heading; None when there are none."""
    inner = text[child.start + len(child.marker):child.end].strip()
    if block[0].para.body < block[0].para.end or not _one_colleague(inner, rules):
        return None
    subs = [i for i, u in enumerate(block) if i and u.para.head is not None and u.para.head.level > child.level]
    if len(subs) < 2 or subs[0] != 1:
        return None
    items = []
    for n, i in enumerate(subs):
        end = block[subs[n + 1] - 1].end if n + 1 < len(subs) else block[-1].end
        h = block[i].para.head
        it = _make_item(text, "criticism", block[i].start, end, h.marker, None, child.text)
        if it:
            items.append(it)
    return items or None


def _criticism_items(text: str, units: list[_Unit], rules: SectionRules) -> list[Item]:
    """One item per colleague block: a paragraph or sentence that opens by naming a colleague
    starts a block, which runs to the next one (across paragraphs)."""
    from .segment import sentences

    sents: list[tuple[int, int, bool]] = []
    for u in units:
        for n, (s, e) in enumerate(sentences(text, u.start, u.end)):
            opens = bool(rules.colleague.search(text[s:e]))
            if not opens and n == 0:
                # a paragraph whose first clause names a colleague (建议孙雯同志……) starts a block too
                clause = re.split(r"[，,：:；;。]", text[s:e], maxsplit=1)[0]
                opens = bool(rules.colleague_mention.search(clause))
            sents.append((s, e, opens))
    if not any(flag for _, _, flag in sents):
        return _paragraph_items(text, units, "criticism", rules)
    groups: list[list[tuple[int, int, bool]]] = []
    for sent in sents:
        if sent[2] or not groups:
            groups.append([sent])
        else:
            groups[-1].append(sent)
    items: list[Item] = []
    for g in groups:
        if not g[0][2] and rules.is_intro(text[g[0][0]:g[-1][1]]):
            continue          # 下面，我对班子其他同志提几点意见：
        it = _make_item(text, "criticism", g[0][0], g[-1][1], "", None, None)
        if it:
            items.append(it)
    return items


# --------------------------------------------------------------------------------------------
# Combined sections (存在的问题及整改措施)


def _split_combined(text: str, st: Structure, o: _Open, units: list[_Unit], sec_end: int,
                    rules: SectionRules) -> bool:
    """A combined section with its own role sub-headings: register those as the sections."""
    subs = []
    for i, u in enumerate(units):
        h = _unit_marker(u)
        if h is None or h.level > 5:
            continue
        roles = rules.classify(text[h.start + len(h.marker):h.end])
        if roles and len(roles) == 1 and roles[0] in o.roles and _eligible(text, h, rules):
            subs.append((i, h, roles[0]))
    if len({r for _, _, r in subs}) < 2:
        return False
    for n, (i, h, role) in enumerate(subs):
        j = subs[n + 1][0] if n + 1 < len(subs) else len(units)
        sub_units = units[i:j]
        end = sub_units[-1].end if len(sub_units) > 0 else h.end
        if role not in st.sections:
            st.sections[role] = Section(role=role, heading=h.text, start=h.start, end=end,
                                        heading_start=h.start, heading_end=h.end)
            inner = sub_units[1:]
            hp = sub_units[0].para
            if hp.body < hp.end:
                inner = [_Unit(hp.body, hp.end, hp, first=True)] + inner
            kind = ROLE_KIND.get(role)
            if kind:
                st.items(kind).extend(_section_items(text, inner, kind, rules))
    return True


def _cued_measures(text: str, st: Structure, items: list[Item], cue: re.Pattern, kind: str = "measure"
                   ) -> list[Item]:
    """In a combined section, an item that opens with the cue (整改措施：……, or 原因：…… for a
    problems-and-causes part) is the measure (or cause) of the problem item before it; it is taken
    out of ``items`` (in place) and returned."""
    base = len(st.problems)
    kept: list[Item] = []
    measures: list[Item] = []
    for it in items:
        body = it.start + len(it.marker)
        while body < it.end and text[body] in " \t\u3000：:、.．":
            body += 1
        if kept and cue.match(text, body, it.end):
            answers = [base + len(kept) - 1] if kind == "measure" else []
            measures.append(Item(kind=kind, start=it.start, end=it.end, text=it.text, marker=it.marker,
                                 label=it.label, group=it.group, answers=answers, placed=kind == "measure"))
        else:
            kept.append(it)
    items[:] = kept
    return measures


def _pair_measures(text: str, st: Structure, items: list[Item], cue: re.Pattern, kind: str = "measure") -> None:
    """In a combined section each item may carry its own measure part (整改措施：……) or, in a
    problems-and-causes part, its own cause part (原因：……)."""
    base = len(st.problems) - len(items) if items and items[0].kind == "problem" else 0
    for n, it in enumerate(items):
        m = cue.search(text, it.start + len(it.marker) + 1, it.end)
        if not m:
            continue
        cut = m.start()
        new_end = _trim_end(text, it.start, cut)
        if new_end <= it.start:
            continue
        # under a cause item (（一）关于学用脱节的问题。原因……整改措施：……) the item's label names
        # the problem the measure answers: it becomes the measure's heading
        group = it.group if it.kind == "problem" else (it.label or it.group)
        measure = _make_item(text, kind, cut, it.end, "", None, group)
        if measure is None:
            continue
        if it.kind == "problem" and kind == "measure":
            measure.answers = [base + n]
            measure.placed = True
        it.end = new_end
        it.text = text[it.start:new_end]
        st.items(kind).append(measure)
