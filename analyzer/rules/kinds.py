"""The rule kinds, implemented once: each turns a rule's parameters into spans to report.

Every checker takes ``(rule, ctx)`` and yields ``(start, end, data)`` with offsets into the
original document text; ``data`` fills the message placeholders.
"""
from __future__ import annotations

import re
from typing import Iterator

from .context import Context

Hit = tuple[int, int, dict]
_QUOTED = re.compile(r"[“「『\"][^”」』\"\n]{0,80}[”」』\"]")


def _present(ctx: Context, rule, names: list[str], s: int, e: int) -> bool:
    return ctx.has_any(rule.expand_all(names), s, e)


def _alternatives_hold(ctx: Context, rule, alts: list[list[str]], s: int, e: int) -> bool:
    """True when some alternative has all its markers present in [s, e)."""
    for alt in alts:
        if all(_present(ctx, rule, [name], s, e) for name in alt):
            return True
    return False


def _marker_hits(ctx: Context, rule, names: list[str], s: int, e: int) -> list[tuple[int, int, str]]:
    out = []
    for n in names:
        for m in rule.expand(n):
            out += [(a, b, m) for a, b in ctx.find(m, s, e)]
    out.sort()
    return out


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def check_existence(rule, ctx: Context) -> Iterator[Hit]:
    """Lexicon / pattern existence: report matches (or the units holding them) unless vetoed."""
    p = rule.params
    names = p["markers"]
    unless = p.get("unless", [])
    for u in ctx.units(rule.roles, rule.unit):
        hits = _marker_hits(ctx, rule, names, u.start, u.end)
        if not hits:
            continue
        if unless and _present(ctx, rule, unless, u.start, u.end):
            continue
        found = "、".join(dict.fromkeys(ctx.text[a:b] for a, b, _ in hits))
        if p.get("span", "match") == "unit":
            yield u.start, u.end, {"found": found}
        else:
            for a, b in _merge([(a, b) for a, b, _ in hits]):
                yield a, b, {"found": ctx.text[a:b]}


def _metric_score(rule, ctx: Context, s: int, e: int) -> tuple[float, list[str]]:
    p = rule.params
    score = 0.0
    found: list[str] = []
    cap = int(p.get("cap", 3))
    for name, w in p.get("score", {}).items():
        for m in rule.expand(name):
            hits = ctx.find(m, s, e)
            if hits:
                score += w * min(len(hits), cap)
                found += [ctx.text[a:b] for a, b in hits]
    for name, w in p.get("counter", {}).items():
        for m in rule.expand(name):
            score -= w * len(ctx.find(m, s, e))
    return score, found


def check_metric(rule, ctx: Context) -> Iterator[Hit]:
    """Weighted score of markers in a unit against a threshold; ``veto`` markers cancel it.

    With ``label_inherits`` an item's first sentence (its label) is judged with what follows it
    (with ``label_max_chars``, only a label of at most that many characters: a stock label phrase,
    not a generic sentence of its own):
    it is not reported when the rest of the item carries a veto marker, or, in the roles listed
    in ``label_backed_by_plain`` (causes are general by nature), a sentence that does not score.
    With ``item_credit`` (a weight) a follow-up sentence of an item in ``item_credit_roles`` gets
    that much credit when the part of its item before it carries at least two veto markers
    (concrete facts): the sentence comments on facts already given in its own item."""
    p = rule.params
    veto = p.get("veto", [])
    threshold = float(p.get("threshold", 1))
    min_chars = int(p.get("min_chars", 0))
    max_chars = int(p.get("max_chars", 0))
    cap = int(p.get("cap", 3))
    inherit = p.get("label_inherits", False)
    plain_roles = set(p.get("label_backed_by_plain", []))
    label_max = int(p.get("label_max_chars", 0))   # only a label phrase inherits, not a whole sentence
    credit = float(p.get("item_credit", 0))
    credit_roles = set(p.get("item_credit_roles", ["problems"]))
    units = ctx.units(rule.roles, rule.unit)
    if not units:
        return
    # counts per unit, one pass over each marker's matches (units of one rule do not overlap)
    ordered = all(units[i].end <= units[i + 1].start for i in range(len(units) - 1))
    vetoed = ctx.unit_counts(rule.expand_all(veto), units) if veto and ordered else None
    plus = [(w, ctx.unit_counts((m,), units) if ordered else None, m)
            for name, w in p.get("score", {}).items() for m in rule.expand(name)]
    minus = [(w, ctx.unit_counts((m,), units) if ordered else None, m)
             for name, w in p.get("counter", {}).items() for m in rule.expand(name)]
    for k, u in enumerate(units):
        n = u.end - u.start
        if n < min_chars or (max_chars and n > max_chars):
            continue
        if veto and (vetoed[k] if vetoed is not None else _present(ctx, rule, veto, u.start, u.end)):
            continue
        score = 0.0
        for w, counts, m in plus:
            c = counts[k] if counts is not None else len(ctx.find(m, u.start, u.end))
            score += w * min(c, cap)
        for w, counts, m in minus:
            score -= w * (counts[k] if counts is not None else len(ctx.find(m, u.start, u.end)))
        if score >= threshold and credit and u.role in credit_roles and u.item is not None \
                and u.start > u.item.start + 8 and veto:
            names = rule.expand_all(veto)
            facts = sum(len(ctx.find(m, u.item.start, u.start)) for m in names)
            if facts >= 2:
                score -= credit
        if score < threshold:
            continue
        if inherit and u.item is not None and u.start <= u.item.start + 8 and u.end < u.item.end \
                and (not label_max or n <= label_max):
            if veto and _present(ctx, rule, veto, u.end, u.item.end):
                continue   # an item's label sentence is backed by the facts that follow it
            if u.role in plain_roles and any(
                    e - s >= 12 and _metric_score(rule, ctx, s, e)[0] < threshold
                    for s, e in ctx.sentences(u.end, u.item.end)):
                continue
        found = _metric_score(rule, ctx, u.start, u.end)[1]
        yield u.start, u.end, {"score": round(score, 2), "found": "、".join(dict.fromkeys(found)) or "无"}


def _outside_concessions(ctx: Context, rule, concession: list[str], s: int, e: int) -> list[tuple[int, int]]:
    """[s, e) less the conceded parts of its 虽然……但…… turns: a 但 that concedes (虽然主观上也想……，
    但客观上……) turns away from oneself, not towards, so neither it nor what it concedes is a turn."""
    if not concession:
        return [(s, e)]
    out, pos = [], s
    for a, b, _ in _marker_hits(ctx, rule, concession, s, e):
        if a > pos:
            out.append((pos, a))
        pos = max(pos, b)
    if pos < e:
        out.append((pos, e))
    return out


def check_conditional(rule, ctx: Context) -> Iterator[Hit]:
    """X present without Y: ``when`` markers in a unit, unless ``unless`` holds in the unit,
    ``unless_after`` holds between the match and the end of its item, or ``unless_before`` holds
    between the item start and the match. ``frame`` markers in an item's first sentence make
    every unit of that item count as matching ``when`` (e.g. a cause headed 客观上……). With
    ``concession`` markers (虽然……但……) in the unit, only what follows the turn is asserted:
    ``unless`` is looked for there, not in the conceded part before it."""
    p = rule.params
    when = p["when"]
    unless = p.get("unless", [])
    after = p.get("unless_after", [])
    before = p.get("unless_before", [])
    frame = p.get("frame", [])
    concession = p.get("concession", [])
    for u in ctx.units(rule.roles, rule.unit):
        item_s = u.item.start if u.item is not None else u.start
        item_e = u.item.end if u.item is not None else u.end
        hits = _marker_hits(ctx, rule, when, u.start, u.end)
        if hits and p.get("ignore_quoted"):
            quoted = [m.span() for m in _QUOTED.finditer(ctx.text, u.start, u.end)]
            hits = [h for h in hits if not any(a <= h[0] and h[1] <= b for a, b in quoted)]
        framed = False
        if not hits and frame and u.item is not None:
            first = ctx.sentences(item_s, item_e)[:1]
            if first:
                fh = _marker_hits(ctx, rule, frame, *first[0])
                if fh and p.get("ignore_quoted"):
                    quoted = [m.span() for m in _QUOTED.finditer(ctx.text, *first[0])]
                    fh = [h for h in fh if not any(a <= h[0] and h[1] <= b for a, b in quoted)]
                framed = bool(fh)
        if not hits and not framed:
            continue
        asserted = u.start
        if concession:
            turns = _marker_hits(ctx, rule, concession, u.start, u.end)
            if turns:
                asserted = turns[-1][1]
        if unless and _alternatives_hold(ctx, rule, unless, asserted, u.end):
            continue
        pos = hits[0][0] if hits else u.start
        last = hits[-1][1] if hits else u.start
        if after and any(_alternatives_hold(ctx, rule, after, a, b)
                         for a, b in _outside_concessions(ctx, rule, concession, last,
                                                          _window_end(ctx, p, last, item_s, item_e))):
            continue
        if before and _alternatives_hold(ctx, rule, before, item_s, pos):
            continue
        found = "、".join(dict.fromkeys(ctx.text[a:b] for a, b, _ in hits)) or "（客观原因框架）"
        yield u.start, u.end, {"found": found}


def _window_end(ctx: Context, p: dict, pos: int, item_s: int, item_e: int) -> int:
    """Where ``unless_after`` stops looking: the item's end, or with ``after_sentences: n`` the end
    of the n-th sentence after the one holding ``pos`` (a turn to oneself three sentences on,
    after the circumstances have been laid out at length, does not take them back)."""
    n = p.get("after_sentences")
    if n is None:
        return item_e
    sents = ctx.sentences(item_s, item_e)
    k = next((i for i, (a, b) in enumerate(sents) if a <= pos <= b), None)
    if k is None:
        return item_e
    return sents[min(k + int(n), len(sents) - 1)][1]


def check_sections(rule, ctx: Context) -> Iterator[Hit]:
    """Required sections: the theme's list (or ``params.required``) must all be present."""
    required = rule.params.get("required") or rule.ruleset_theme_sections() or []
    if ctx.structure.kind == "criticism":   # a criticism list on its own is not a draft missing parts
        required = [r for r in required if r == "criticism"]
    names = rule.params.get("names", {})
    span = ctx.structure.title or _first_line(ctx.text)
    for role in required:
        if ctx.section(role) is None:
            yield span[0], span[1], {"missing": names.get(role, role), "role": role}


def _first_line(text: str) -> tuple[int, int]:
    s = 0
    while s < len(text) and text[s].isspace():
        s += 1
    e = text.find("\n", s)
    e = len(text) if e < 0 else e
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _strip_aspect(s: str) -> str:
    s = re.sub(r"^[（(][一二三四五六七八九十\d]+[）)]|^[一二三四五六七八九十]+[、是]|^\d+[.、．]", "", s)
    s = re.sub(r"[\s，,、；;：:。“”\"'（）()]|方面|在|的", "", s)
    return s


def check_coverage(rule, ctx: Context) -> Iterator[Hit]:
    """Each theme aspect must be addressed by a problem item (heading or key phrase)."""
    aspects = rule.ruleset_theme().get("aspects") or []
    if not aspects:
        return
    sec = ctx.section("problems")
    if sec is None:
        return  # the missing-section rule reports it
    items = ctx.items("problems")
    hay = ctx.norm.text  # whole normalised text, cut to the problems section below
    ns, ne = _norm_range(ctx, sec.start, sec.end)
    body = _strip_aspect(hay[ns:ne])
    groups = {_strip_aspect(it.group) for it in items if it.group}
    span = (sec.heading_start, sec.heading_end) if sec.heading_end > sec.heading_start else (sec.start, sec.start)
    for a in aspects:
        keys = [_strip_aspect(k) for k in (a.get("keys") or [])] + [_strip_aspect(a.get("label", ""))]
        keys = [k for k in keys if k]
        if any(k in body for k in keys) or any(k in g for g in groups for k in keys):
            continue
        yield span[0], span[1], {"aspect": aspect_name(a), "status": a.get("status", "")}


def aspect_name(a: dict) -> str:
    """An aspect's label without a trailing 方面 (messages add “方面” themselves)."""
    label = str(a.get("label") or a.get("id") or "")
    return re.sub(r"(方面|的问题)$", "", label.strip()) or label


def _norm_range(ctx: Context, start: int, end: int) -> tuple[int, int]:
    from bisect import bisect_left

    orig = ctx.norm.orig
    return bisect_left(orig, start), bisect_left(orig, end)


def check_share(rule, ctx: Context) -> Iterator[Hit]:
    """The problems section's share of the body text must reach a threshold."""
    p = rule.params
    sec = ctx.section("problems")
    if sec is None:
        return
    threshold = float(rule.ruleset_threshold("problems_min_share", p.get("threshold", 0.25)))
    excluded = p.get("exclude", ["last_year", "study", "personal_matters"])
    sections = ctx.structure.sections
    first = min(s.start for s in sections.values())
    last = max(s.end for s in sections.values())
    body = last - first
    for role in excluded:
        s = sections.get(role)
        if s is not None:
            body -= s.end - s.start
    if body <= 0:
        return
    share = (sec.end - sec.start) / body
    if share < threshold:
        span = (sec.heading_start, sec.heading_end) if sec.heading_end > sec.heading_start else (sec.start, sec.end)
        yield span[0], span[1], {"share": f"{share:.0%}", "threshold": f"{threshold:.0%}"}


def check_lead(rule, ctx: Context) -> Iterator[Hit]:
    """Praise first: in a unit, the part before the first turn is mostly achievement language."""
    p = rule.params
    praise, turn = p["lead"], p["turn"]
    threshold = float(p.get("threshold", 0.5))
    min_praise = int(p.get("min_lead", 2))
    for u in ctx.units(rule.roles, rule.unit):
        turns = _marker_hits(ctx, rule, turn, u.start, u.end)
        if not turns:
            continue
        t = turns[0][0]
        lead = _marker_hits(ctx, rule, praise, u.start, t)
        if len(lead) < min_praise:
            continue
        share = (t - u.start) / max(1, u.end - u.start)
        if share >= threshold:
            yield u.start, u.end, {"share": f"{share:.0%}", "found": "、".join(
                dict.fromkeys(ctx.text[a:b] for a, b, _ in lead))}


# ---- numbering (GB/T 9704-2012 §7.3.3) ---------------------------------------------------------
_CN = {c: i + 1 for i, c in enumerate("一二三四五六七八九")}


def cn_number(s: str) -> int | None:
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN.get(s[1:], 0)
    if "十" in s:
        a, _, b = s.partition("十")
        return _CN.get(a, 0) * 10 + (_CN.get(b, 0) if b else 0)
    return _CN.get(s)


_LEVELS = [
    (1, re.compile(r"^\s*([一二三四五六七八九十]+)\s*([、.．,，])")),
    (2, re.compile(r"^\s*[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*([、.．,，]?)")),
    (4, re.compile(r"^\s*[（(]\s*(\d{1,2})\s*[）)]\s*([、.．,，]?)")),
    (3, re.compile(r"^\s*(\d{1,2})\s*([.．、,，])(?!\d)")),
    (5, re.compile(r"^\s*([\u2460-\u2473])()")),   # ①–⑳: not a GB level, but numbered all the same
]
# inline enumeration inside a line (一是……二是……); the guard keeps 统一是, 唯一是 out
_INLINE = re.compile(r"(?:^|[。；;：:，,])\s*([一二三四五六七八九十]+)是")


def _number(mark: str) -> int | None:
    if len(mark) == 1 and "\u2460" <= mark <= "\u2473":
        return ord(mark) - 0x2460 + 1
    return cn_number(mark)


def check_sequence(rule, ctx: Context) -> Iterator[Hit]:
    """Numbered headings: repeated or skipped numbers (one finding each), and, once per block of
    siblings with the count, mixed marks at one level, marks GB/T 9704-2012 does not use
    (（一）、 and 1、) and level jumps (一、 followed directly by 1. or 1、, skipping （一）).
    A deeper level restarts under each heading."""
    text = ctx.text
    pos = 0
    last: dict[int, int] = {}        # level -> last number seen under the current parent
    style: dict[int, str] = {}       # level -> first mark used (for mixed marks)
    block: dict[int, int] = {}       # level -> id of the current block of siblings
    serial = 0
    checks = set(rule.params.get("checks", ["repeat", "skip", "mixed", "nongb", "jump"]))
    groups: dict[tuple, list] = {}   # (level, block, kind) -> [start, end, count, problem]
    inline = "inline" in checks

    def note(key, s, e, problem):
        g = groups.get(key)
        if g is None:
            groups[key] = [s, e, 1, problem]
        else:
            g[2] += 1

    for line in text.split("\n"):
        ls = pos
        pos += len(line) + 1
        for level, rx in _LEVELS:
            m = rx.match(line)
            if not m:
                continue
            num = _number(m.group(1))
            mark = m.group(2) or ""
            s = ls + len(line) - len(line.lstrip())
            e = ls + m.end()
            for deeper in [lv for lv in last if lv > level]:
                del last[deeper]
                block.pop(deeper, None)
            if level not in block:
                serial += 1
                block[level] = serial
            b = block[level]
            prev = last.get(level)
            if prev is not None and num is not None:
                if num == prev and "repeat" in checks:
                    yield s, e, {"problem": f"序号“{m.group(0).strip()}”与上一条重复"}
                elif num > prev + 1 and "skip" in checks:
                    yield s, e, {"problem": f"序号从{prev}跳到{num}，中间缺号"}
            elif prev is None and num is not None and num > 1 and "skip" in checks and level <= 2:
                yield s, e, {"problem": f"本级第一个序号不是从一开始（为{m.group(1)}）"}
            mark = {"．": ".", "，": ","}.get(mark, mark)
            jumped = level == 3 and 1 in last and 2 not in last
            if jumped and "jump" in checks:
                note((level, b, "jump"), s, e,
                     f"“一、”下直接用“1{mark}”编号，跳过了“（一）”一级（第二层应写作“（一）”）")
            elif level == 3 and mark in ("、", "."):
                seen = style.setdefault(3, mark)
                if seen != mark and "mixed" in checks:
                    note((level, b, "mixed"), s, e, f"同一级序号混用“1{seen}”和“1{mark}”")
                elif mark == "、" and "nongb" in checks:
                    note((level, b, "nongb"), s, e, "第三层序号应写作“1.”（GB/T 9704-2012），不用“1、”")
            elif level == 1 and mark != "、" and "nongb" in checks:
                note((level, b, "nongb"), s, e, "第一层序号应写作“一、”")
            elif level in (2, 4) and mark and "nongb" in checks:
                note((level, b, "nongb"), s, e, "“（一）”“（1）”后不加顿号或句点（GB/T 9704-2012）")
            if num is not None:
                last[level] = num
            break
        if inline and "是" in line:
            yield from _inline_sequence(line, ls)
    for (level, b, kind), (s, e, n, problem) in groups.items():
        yield s, e, {"problem": problem if n == 1 else f"{problem}，本组共{n}处", "count": n}


def _inline_sequence(line: str, ls: int) -> Iterator[Hit]:
    """一是……三是 within one line: a skipped or repeated inline number (a new 一是 restarts)."""
    prev = prev_mark = None
    for m in _INLINE.finditer(line):
        num = cn_number(m.group(1))
        if num is None:
            continue
        if prev is not None and num != 1:
            s, e = ls + m.start(1), ls + m.end()
            if num == prev:
                yield s, e, {"problem": f"行文中的“{m.group(1)}是”与上一个重复"}
            elif num > prev + 1:
                yield s, e, {"problem": f"行文中的序号从“{prev_mark}是”跳到“{m.group(1)}是”，中间缺号"}
        prev, prev_mark = num, m.group(1)


CHECKERS = {
    "existence": check_existence,
    "metric": check_metric,
    "conditional": check_conditional,
    "sections": check_sections,
    "coverage": check_coverage,
    "share": check_share,
    "lead": check_lead,
    "sequence": check_sequence,
}
