"""Chinese evidence sentences for a same-hand group: facts a reviewer can check in the files."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from ..model import Document
from . import traces as tr
from .features import _DOUBLE_QUOTED, PUNCT_HABITS, Refrain
from .style import ENUM_LABELS, HABIT_LABELS, SLIP_HABITS

if TYPE_CHECKING:  # pragma: no cover
    from .core import PairSignal

_CN_NUM = "零一两三四五六七八九十"
MAX_PHRASES = 8
MAX_FRAMES = 2
STYLE_EVIDENCE = 0.3  # a pair's style strength worth listing (weaker overlaps are not shown)
FORMULA_EVIDENCE = 0.3  # a pair's formula strength worth listing
MAX_PASSAGES = 4
_ZONE_NAMES = {"opening": "开头", "closing": "结尾"}

_SECTION_KINDS = (
    (re.compile(r"原因|根源|根子|剖析|反思"), "原因剖析"),
    (re.compile(r"措施|整改|举措|努力方向|打算"), "整改措施"),
    (re.compile(r"问题|查摆|不足|差距|表现"), "问题查摆"),
)
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)")


def _count_word(n: int) -> str:
    return _CN_NUM[n] if 0 <= n <= 10 else str(n)


def _label(doc: Document) -> str:
    return f"{doc.id}（{doc.member}）" if doc.member and doc.member != doc.id else doc.id


def _labels(docs: list[Document]) -> str:
    return "、".join(_label(d) for d in docs)


def _section_of(doc: Document, needle: str) -> str | None:
    """The kind of section (原因剖析 / 整改措施 / 问题查摆) where ``needle`` first occurs."""
    pos = doc.text.find(needle)
    if pos < 0:
        return None
    kind = None
    offset = 0
    for line in doc.text.split("\n"):
        if offset > pos:
            break
        if _HEADING.match(line):
            kind = None
            for pattern, name in _SECTION_KINDS:
                if pattern.search(line):
                    kind = name
                    break
        offset += len(line) + 1
    return kind


def group_evidence(docs: list[Document], pairs: list["PairSignal"], table: tr.TraceTable) -> list[str]:
    n = len(docs)
    ids = [d.id for d in docs]
    by_id = {d.id: d for d in docs}
    out: list[str] = []
    has_trace = any(p.trace > 0 for p in pairs)
    has_style = any(p.style >= STYLE_EVIDENCE for p in pairs)
    has_formula = any(p.formula >= FORMULA_EVIDENCE for p in pairs)
    basis = "、".join(x for x, ok in (("文件属性痕迹", has_trace), ("相同的开头结尾套语", has_formula),
                                      ("行文习惯", has_style)) if ok) or "综合线索"
    out.append(f"疑似由同一人起草或修改（依据：{basis}）。以下为可核对的线索，仅供参考，不能作为定论。")
    out.extend(_trace_evidence(docs, table))
    out.extend(_formula_evidence(docs, pairs, by_id))
    out.extend(_style_evidence(docs, pairs, by_id))
    return out


# --- Word traces ----------------------------------------------------------------------------
def _shared_values(docs: list[Document], table: tr.TraceTable, field: str, account: bool = False) -> dict[str, list[Document]]:
    groups: dict[str, list[Document]] = defaultdict(list)
    for d in docs:
        v = table.values[d.id][field]
        if not v or v in table.common.get(field, set()):
            continue
        if account and v in table.common.get("account", set()):
            continue
        groups[v].append(d)
    return {v: ds for v, ds in groups.items() if len(ds) >= 2}


def _by_value(item: tuple[str, list[Document]]) -> str:
    """Sort key of a (value, documents) item: the value alone, never the documents."""
    return item[0]


def _who(ds: list[Document], n_group: int) -> str:
    if len(ds) == n_group:
        return f"{_count_word(len(ds))}份材料（{_labels(ds)}）"
    return _labels(ds)


def _trace_evidence(docs: list[Document], table: tr.TraceTable) -> list[str]:
    n = len(docs)
    out: list[str] = []
    for v, ds in sorted(_shared_values(docs, table, "last_modified_by", True).items(), key=_by_value):
        creators = {table.values[d.id]["creator"] for d in ds}
        tail = "，而各自的创建者不同" if len(creators) == len(ds) and v not in creators else ""
        out.append(f"{_who(ds, n)}最后修改人均为“{v}”{tail}")
    for v, ds in sorted(_shared_values(docs, table, "creator", True).items(), key=_by_value):
        out.append(f"{_who(ds, n)}创建者均为“{v}”")
    for x in docs:
        for y in docs:
            c = table.values[x.id]["creator"]
            if (x is not y and c and c == table.values[y.id]["last_modified_by"]
                    and c not in table.common.get("account", set())
                    and c != table.values[y.id]["creator"] and c != table.values[x.id]["last_modified_by"]):
                out.append(f"{_label(x)}的创建者“{c}”是{_label(y)}的最后修改人")
    roots = {v: ds for v, ds in _shared_values(docs, table, "rsid_root").items() if tr._root_ok(table, v)}
    for v, ds in sorted(roots.items(), key=_by_value):
        shared = set.intersection(*(table.rsids[d.id] for d in ds)) - {v}
        msg = f"{_who(ds, n)}的 rsidRoot 相同（{v}），说明出自同一个原始文件"
        if shared:
            msg += f"，且共有 {len(shared)} 个编辑会话标识（已扣除全体共有的模板标识）"
        out.append(msg)
    if not roots:
        best: tuple[int, list[Document]] = (0, [])
        for i, a in enumerate(docs):
            for b in docs[i + 1:]:
                k = len(table.rsids[a.id] & table.rsids[b.id])
                if k > best[0]:
                    best = (k, [a, b])
        if best[0]:
            all_shared = set.intersection(*(table.rsids[d.id] for d in docs))
            if all_shared:
                out.append(f"{_who(docs, n)}共有 {len(all_shared)} 个编辑会话标识 rsid（已扣除全体共有的模板标识）")
            else:
                out.append(f"{_labels(best[1])}共有 {best[0]} 个编辑会话标识 rsid（已扣除全体共有的模板标识）")
    for v, ds in sorted(_shared_values(docs, table, "template").items(), key=_by_value):
        out.append(f"{_who(ds, n)}基于同一模板“{v}”，本批多数材料不是")
    for v, ds in sorted(_shared_values(docs, table, "company").items(), key=_by_value):
        out.append(f"{_who(ds, n)}文件属性中的单位（Company）均为“{v}”，本批多数材料不是")
    for v, ds in sorted(_shared_values(docs, table, "wps_build").items(), key=_by_value):
        out.append(f"{_who(ds, n)}由同一版本的 WPS 保存（{v}）")
    if table.close_share.get("created", 1.0) < 0.3:
        times = sorted(((table.created[d.id], d) for d in docs if table.created[d.id] is not None),
                       key=lambda t: (t[0], t[1].id))
        if len(times) >= 2:
            span = (times[-1][0] - times[0][0]).total_seconds() / 60
            if span <= tr.CLOSE_MINUTES * (len(times) - 1):
                stamps = "、".join(t.strftime("%Y-%m-%d %H:%M") for t, _ in times)
                out.append(f"{_labels([d for _, d in times])}的创建时间（文件属性）分别为 {stamps}，"
                           f"前后只差 {span:.0f} 分钟")
    for d in docs:
        tt = tr.short_edit_time(table, d)
        if tt is not None:
            out.append(f"{_label(d)}正文约 {len(d.text)} 字，累计编辑时间只有 {tt:.0f} 分钟，疑似从别处整体粘贴")
    return out


# --- formula passages -----------------------------------------------------------------------
def _formula_evidence(docs: list[Document], pairs: list["PairSignal"], by_id: dict[str, Document]) -> list[str]:
    """Opening/closing passages the drafts share word for word and nobody else in the batch uses."""
    holders: dict[str, set[str]] = defaultdict(set)
    zone: dict[str, str] = {}
    length: dict[str, int] = {}
    for p in pairs:
        if p.formula < FORMULA_EVIDENCE or p.formula_match is None:
            continue
        for quote, kind, k, _w in p.formula_match.passages:
            holders[quote] |= {p.a, p.b}
            zone.setdefault(quote, kind)
            length[quote] = max(length.get(quote, 0), k)
    if not holders:
        return []
    n = len(docs)
    out: list[str] = []

    def order(q: str) -> tuple:
        first = by_id[min(holders[q])].text.find(q)
        return (zone[q] != "opening", first, q)

    kept = sorted(sorted(holders, key=lambda q: (-length[q], q))[:MAX_PASSAGES], key=order)
    by_who: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for q in kept:
        by_who[tuple(sorted(holders[q]))].append(q)
    for who, quotes in by_who.items():
        where = "、".join(dict.fromkeys(_ZONE_NAMES.get(zone[q], "") for q in quotes))
        out.append(f"{_who([by_id[h] for h in who], n)}{where}的套语字面相同（本批其他材料、范文和班子材料都不这样写，"
                   f"写手常把自己的开头结尾用在经手的每一份材料里）：" + "".join(f"“{q}”" for q in quotes))
    return out


# --- style ----------------------------------------------------------------------------------
SLIP_LABELS = {"de_for_de2": "该用“得”处写成“的”", "de_for_de1": "该用“地”处写成“的”"}


def _slip_examples(doc: Document, key: str, limit: int = 3) -> str:
    pattern = next(p for k, _label, p, _m in PUNCT_HABITS if k == key)
    found = []
    for m in re.finditer(pattern, doc.text):
        ex = m.group().lstrip("，,。；;：:\n \u3000")
        if ex not in found:
            found.append(ex)
    return "".join(f"“{x}”" for x in found[:limit])


def _habit_examples(doc: Document, key: str, limit: int = 2) -> list[str]:
    """A few places in ``doc`` where a punctuation habit shows, with a little context."""
    pattern = next(p for k, _label, p, _m in PUNCT_HABITS if k == key)
    text = _DOUBLE_QUOTED.sub("", doc.text) if key == "single_quote" else doc.text
    found: list[str] = []
    for m in re.finditer(pattern, text):
        a, b = m.start(), m.end()
        if b - a <= 3 and key not in ("half_paren_num", "fullwidth_digit", "corner_quote"):
            while a > 0 and m.start() - a < 3 and text[a - 1] not in "\n，。；;：:、,":
                a -= 1
            while b < len(text) and b - m.end() < 2 and text[b] not in "\n，。；;：:、,!！":
                b += 1
        ex = text[a:b].strip()
        if ex and ex not in found:
            found.append(ex)
        if len(found) >= limit:
            break
    return found


def _punct_evidence(keys: list[str], pairs: list["PairSignal"], by_id: dict[str, Document]) -> str:
    """Punctuation and number-format habits the drafts share, with counts and examples from each."""
    uses: dict[str, dict[str, int]] = defaultdict(dict)
    df: dict[str, int] = {}
    for p in pairs:
        for k, (ca, cb, d) in p.match.habit_uses.items():
            uses[k][p.a] = ca
            uses[k][p.b] = cb
            df[k] = d
    parts = []
    exclusive = True
    for k in sorted(keys, key=lambda k: (df.get(k, 99), k)):
        holders = sorted(uses.get(k, {}))
        if not holders:
            parts.append(HABIT_LABELS[k])
            exclusive = False
            continue
        exclusive &= df.get(k, 99) == len(holders)
        where = "，".join(f"{h} {uses[k][h]} 处" + "".join(f"“{x}”" for x in _habit_examples(by_id[h], k))
                         for h in holders)
        label = re.sub(r"[，（]如.*$", "", HABIT_LABELS[k])  # the drafts' own examples instead
        parts.append(f"{label}（{where}）")
    tail = "——这些写法本批其他材料都没有" if exclusive else "——本批多数材料不这样写"
    return "标点与数字书写习惯相同：" + "；".join(parts) + tail


def _refrain_evidence(pairs: list["PairSignal"], by_id: dict[str, Document]) -> list[str]:
    """Clauses the drafts repeat item after item (对此我深感自责 closing each problem, 说到底 opening each cause)."""
    uses: dict[str, dict[str, Refrain]] = defaultdict(dict)
    df: dict[str, int] = {}
    for p in pairs:
        for clause, ra, rb, d in p.match.refrains:
            uses[clause][p.a] = ra
            uses[clause][p.b] = rb
            df[clause] = d
    out = []
    for clause in sorted(uses, key=lambda c: (-len(uses[c]), -min(r.lines for r in uses[c].values()), c)):
        holders = sorted(uses[clause])
        rs = [uses[clause][h] for h in holders]
        # As the draft writes it (the refrain was found on the normalised text: 这个问题,我……).
        m = re.search(re.sub(r"[，,]", "[，,]", re.escape(clause)), by_id[holders[0]].text)
        shown = m.group() if m else clause
        kind = _section_of(by_id[holders[0]], shown)
        where = f"{kind}部分：" if kind else ""
        counts = "、".join(f"{h} 有 {r.lines} 条" for h, r in zip(holders, rs))
        if all(2 * r.closes >= r.lines for r in rs):
            how = f"以同一句“{shown}”收尾"
        elif all(2 * r.opens >= r.lines for r in rs):
            how = f"以同一句“{shown}”起句"
        else:
            how = f"反复使用同一说法“{shown}”"
        rest = "本批其他材料都不这样写" if df.get(clause, 99) == len(holders) else "本批其他材料极少这样写"
        out.append(f"{where}{counts}{how}，{rest}（写手常把自己的口头禅一条条套用下去）")
    return out


def _pattern_leads(doc: Document, pattern: str) -> list[str]:
    from .features import heading_patterns

    return heading_patterns(doc.text).get(pattern, [])


def _join(a: str, b: str, texts: list[str]) -> str | None:
    """``a`` and ``b`` overlapping into one longer phrase that stands in every text, or None."""
    for first, second in ((a, b), (b, a)):
        for k in range(min(len(first), len(second)) - 1, 0, -1):
            if first.endswith(second[:k]):
                joined = first + second[k:]
                if all(joined in t for t in texts):
                    return joined
                break
    return None


def _style_evidence(docs: list[Document], pairs: list["PairSignal"], by_id: dict[str, Document]) -> list[str]:
    out: list[str] = []
    style_pairs = [p for p in pairs if p.style >= STYLE_EVIDENCE and p.match is not None]
    if not style_pairs:
        return out
    n = len(docs)
    frames: dict[tuple[str, ...], dict[str, int]] = defaultdict(dict)
    for p in style_pairs:
        for f, ca, cb in p.match.frames:
            frames[f][p.a] = max(frames[f].get(p.a, 0), ca)
            frames[f][p.b] = max(frames[f].get(p.b, 0), cb)
    shown_frames: list[tuple[str, ...]] = []
    used: set[str] = set()
    refrain_lines = _refrain_evidence(style_pairs, by_id)
    out.extend(refrain_lines)
    used |= {part for p in style_pairs for c, *_ in p.match.refrains for part in re.split(r"[，,、]", c)}
    for f, counts in sorted(frames.items(), key=lambda kv: (-len(kv[1]), -min(kv[1].values()) * (len(kv[0]) - 1), kv[0])):
        if len(shown_frames) >= MAX_FRAMES or used & set(f):
            continue
        if min(counts.values()) < 2:  # a skeleton used once is not shown as a habit
            continue
        shown_frames.append(f)
        used |= set(f)
        holders = sorted(counts)
        kind = _section_of(by_id[holders[0]], f[0]) or ""
        where = "，".join(f"{h} {counts[h]} 处" for h in holders)
        out.append(f"{kind}段落结构相同：{'……'.join(f)}……（{where}）" if kind
                   else f"句式结构相同：{'……'.join(f)}……（{where}）")

    phrases: dict[str, dict[str, int]] = defaultdict(dict)
    weight: dict[str, float] = defaultdict(float)
    for p in style_pairs:
        for ph, ca, cb, w in p.match.phrases:
            phrases[ph][p.a] = ca
            phrases[ph][p.b] = cb
            weight[ph] += w
    ranked = sorted(phrases, key=lambda ph: (ph.endswith("问题"), -len(phrases[ph]), -min(phrases[ph].values()),
                                             -weight[ph], -len(ph), ph))
    picked: list[str] = []
    for ph in ranked:
        if ph in used or any(ph in u or u in ph for u in used):
            continue
        holders = [by_id[h].text for h in phrases[ph]]
        merged = False
        for i, q in enumerate(picked):
            joined = _join(q, ph, holders)
            if joined:
                picked[i] = joined
                merged = True
                break
        if not merged and len(picked) < MAX_PHRASES:
            picked.append(ph)
    if picked:
        out.append("共同的习惯用语：" + "".join(f"“{ph}”" for ph in picked) + "（本批其他材料未用或极少用）")

    enum = sorted({k for p in style_pairs for k in p.match.enum})
    for k in enum:
        holders = sorted({x for p in style_pairs if k in p.match.enum for x in (p.a, p.b)})
        out.append(f"{_who([by_id[h] for h in holders], n)}分项列举方式相同：均用“{ENUM_LABELS[k]}”，本批多数材料不用")
    heads = sorted({h for p in style_pairs for h in p.match.headings})
    if heads:
        out.append("小标题措辞相同：" + "".join(f"“{h}”" for h in heads[:6]))
    patterns = sorted({h for p in style_pairs for h in p.match.head_patterns})
    for pat in patterns:
        leads: dict[str, list[str]] = {}
        for p in style_pairs:
            if pat in p.match.pattern_leads:
                la, lb = p.match.pattern_leads[pat]
                leads.setdefault(p.a, la)
                leads.setdefault(p.b, lb)
        holders = sorted(leads) or sorted({x for p in style_pairs if pat in p.match.head_patterns for x in (p.a, p.b)})
        example = "；".join(f"{h}：" + "／".join(leads[h][:3]) for h in holders if leads.get(h))
        if not example:
            example = "／".join(_pattern_leads(by_id[holders[0]], pat)[:4])
            example = f"如{example}" if example else ""
        out.append(f"{_who([by_id[h] for h in holders], n)}同一组小标题套用同一句式“{pat}”"
                   + (f"（{example}），本批其他材料不这样写" if example else "，本批其他材料不这样写"))
    habits = sorted({k for p in style_pairs for k in p.match.habits})
    slips = [k for k in habits if k in SLIP_HABITS]
    punct = [k for k in habits if k not in SLIP_HABITS]
    for k in slips:
        holders = sorted({x for p in style_pairs if k in p.match.habits for x in (p.a, p.b)})
        where = "；".join(f"{h}{_slip_examples(by_id[h], k)}" for h in holders)
        out.append(f"同样的用字错误：{SLIP_LABELS[k]}（{where}），本批多数材料没有")
    if punct:
        out.append(_punct_evidence(punct, style_pairs, by_id))
    best = max(style_pairs, key=lambda p: p.profile_z)
    if best.profile_z >= 1.5:
        out.append(f"虚词、标点和句长分布整体相近：{best.a} 与 {best.b} 的文风相似度明显高于本批其他材料之间的一般水平"
                   f"（相对本批的标准分 {best.profile_z:.1f}）")
    return out
