"""整改清单 draft: problem → measure → deadline → owner → source paragraphs, with the report-back date
(上报时限, meeting date + 15 days) and, for a problem raised in an earlier year, that year and its status.

Built from the pairing the structure stage made (``Item.answers`` on measures lists indices of
``structure.problems``). Deadlines (the one deadline parser, :mod:`analyzer.yearly.deadlines`) and
owners are read from the measure text; what cannot be read is marked 待明确 so the author knows what
the department will ask for.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer.locate import locate
from analyzer.model import DocResult, Item

UNSET = "待明确"
NO_PROBLEM = "（未对应具体问题）"

_CN_NUM = "一二三四五六七八九十"
_UNIT_SUFFIX = r"(?:局|委|办|部|室|组|院|中心|政府|镇|乡|街道|公司|办公室|领导小组)"
_UNIT = rf"[\u4e00-\u9fff]{{1,12}}?{_UNIT_SUFFIX}"
OWNER_PATTERNS = [
    re.compile(r"(?:责任(?:领导|部门|单位|人)|牵头(?:单位|部门|领导))[:：]\s*([^，。；;、\s]{1,20}(?:、[^，。；;\s]{1,20})*)"),
    re.compile(r"由([^，。；;]{1,15}?)(?:牵头|负责|统筹|具体负责|抓总|把关|组织实施|督办|落实)"),
    re.compile(rf"({_UNIT})(?:牵头|负责落实|具体负责)"),
    re.compile(rf"(?:会同|督促|协调)({_UNIT}(?:、{_UNIT})*)"),
]
SELF_RE = re.compile(
    r"(?:我|本人)(?:亲自|牵头|负责|带头|主持|包保|督办)"
    r"|(?:^|[，,；;。：:]|前|后|内|起)\s*(?:亲自)?(?:牵头|带头)(?:抓|修订|制定|开展|组织|推动|落实|研究|召开|督办)"
)

_MARKER_RE = re.compile(
    rf"^\s*(?:[{_CN_NUM}]+、|[（(][{_CN_NUM}\d]+[）)]|\d+[.．、]|[①-⑳]|[{_CN_NUM}]+是[，,：:]?)\s*"
)


@dataclass
class PlanRow:
    problem: str            # 问题
    measure: str            # 整改措施
    deadline: str           # 完成时限
    owner: str              # 责任人
    source: str             # 来源段落 (e.g. "问题：第5段；措施：第21段")
    problem_index: int | None = None
    measure_index: int | None = None
    member: str = ""
    carried: str = ""       # 往年查摆: the problem was raised in an earlier year, and its status
    report_due: str = ""    # 上报时限: the day rectification is reported by (meeting date + 15 days)


def _strip_marker(text: str) -> str:
    return _MARKER_RE.sub("", text.strip(), count=1).strip()


def deadlines_in(text: str, ruleset=None) -> list[str]:
    """Every deadline phrase in the measure text, in order, without repeats (the shared parser:
    :mod:`analyzer.yearly.deadlines`, whose patterns are GEN001's ``act_deadline`` marker)."""
    from analyzer.yearly.deadlines import parse_deadlines

    seen: list[str] = []
    for d in parse_deadlines(text, ruleset):
        if d.text not in seen:
            seen.append(d.text)
    return seen


def owners_in(text: str, member: str | None = None) -> list[str]:
    """Owners named in the measure text; first-person commitments give the member (or 本人)."""
    found: list[tuple[int, str]] = []
    for pat in OWNER_PATTERNS:
        for m in pat.finditer(text):
            pos = m.start(1)
            for part in re.split(r"([、和及])", m.group(1)):
                at = pos
                pos += len(part)
                part = re.sub(r"^(?:由|请|交|我|本人)(?:和|与|同)?", "", part.strip())
                if len(part) > 1 and not part.startswith(("我", "本人")):
                    found.append((at, part))
    sm = SELF_RE.search(text)
    if sm:
        found.append((sm.start(), member or "本人"))
    found.sort()
    out: list[str] = []
    for _, name in found:
        if name not in out and not any(name in o for o in out):
            out.append(name)
    return out


def _problem_text(item: Item) -> str:
    return _strip_marker(item.label or item.text)


def _place(doc_result: DocResult, item: Item) -> str:
    return str(locate(doc_result.document, item.start))


def plan_rows(doc_result: DocResult) -> list[PlanRow]:
    """Rows of the 整改清单 draft, problems in order; measures that answer nothing come last."""
    doc = doc_result.document
    st = doc_result.structure
    member = doc.member or ""
    rows: list[PlanRow] = []
    answered: dict[int, list[int]] = {}
    loose: list[int] = []
    for mi, measure in enumerate(st.measures):
        targets = [i for i in measure.answers if 0 <= i < len(st.problems)]
        if not targets:
            loose.append(mi)
        for pi in targets:
            answered.setdefault(pi, []).append(mi)

    def row(pi: int | None, mi: int | None) -> PlanRow:
        problem = st.problems[pi] if pi is not None else None
        measure = st.measures[mi] if mi is not None else None
        mtext = _strip_marker(measure.text) if measure else UNSET
        places = []
        if problem is not None:
            places.append(f"问题：{_place(doc_result, problem)}")
        if measure is not None:
            places.append(f"措施：{_place(doc_result, measure)}")
        return PlanRow(
            problem=_problem_text(problem) if problem else NO_PROBLEM,
            measure=mtext,
            deadline="；".join(deadlines_in(measure.text)) if measure else "",
            owner="、".join(owners_in(measure.text, doc.member)) if measure else "",
            source="；".join(places),
            problem_index=pi, measure_index=mi, member=member,
        )

    for pi in range(len(st.problems)):
        for mi in answered.get(pi, [None]):
            rows.append(row(pi, mi))
    for mi in loose:
        rows.append(row(None, mi))
    years = doc_result.years
    due = doc_result.report_due
    for r in rows:
        r.deadline = r.deadline or UNSET
        r.owner = r.owner or UNSET
        r.report_due = f"{due.year}年{due.month}月{due.day}日前" if due is not None else UNSET
        if years is not None and r.problem_index is not None:
            r.carried = years.carried_note(r.problem_index)
    return rows
