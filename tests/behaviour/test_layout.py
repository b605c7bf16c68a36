"""Sections and layout: findings do not depend on how the draft is laid out (invariance), every
missing part is reported, and texts that are not a full draft are read for what they are."""
import pytest

from .cases import CONCRETE, EXCUSES, HOPES, PLEDGES, POINTED, VAGUE_CAUSE, VAGUE_PROBLEM
from .drafts import LAYOUTS, Draft, analyse, categories, flagged, render
from .test_vague import CAUSE, CONCRETE_ITEM, MEASURE

PROBLEMS = [CONCRETE_ITEM,
            f"学用结合不紧。{CONCRETE[2]}。{VAGUE_PROBLEM[0]}。",
            f"{VAGUE_PROBLEM[7]}，{VAGUE_PROBLEM[10]}。"]
CAUSES = [CAUSE, f"{VAGUE_CAUSE[1]}。", f"{EXCUSES[0]}。"]
MEASURES = [MEASURE, f"{PLEDGES[1]}。"]
CRITICISM = [POINTED[0], HOPES[0]]
NEEDLES = {  # sentence → category it is checked for, and whether it must be flagged
    VAGUE_PROBLEM[0]: ("vague", True), VAGUE_PROBLEM[7]: ("vague", True), CONCRETE[2]: ("vague", False),
    VAGUE_CAUSE[1]: ("vague", True), EXCUSES[0]: ("objective-excuse", True),
    PLEDGES[1]: ("vague", True), HOPES[0].rstrip("。"): ("hope-as-criticism", True),
    POINTED[0]: ("hope-as-criticism", False), "石龙村后山出现2处滑坡隐患": ("vague", False),
}
FULL = Draft(problems=PROBLEMS, causes=CAUSES, measures=MEASURES, criticism=CRITICISM)


def _verdicts(res):
    return {n: flagged(res, cat, n) for n, (cat, _) in NEEDLES.items()}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_sentence_is_judged_the_same_in_every_layout(layout):
    doc, res = analyse(render(FULL, layout))
    assert {r for r in ("problems", "causes", "measures", "criticism")} <= set(res.structure.sections), layout
    assert "missing-section" not in categories(res)
    assert _verdicts(res) == {n: want for n, (_, want) in NEEDLES.items()}


def test_word_and_text_files_give_the_same_findings():
    text = render(FULL)
    _, as_txt = analyse(text, ".txt")
    _, as_docx = analyse(text, ".docx")
    key = lambda r: sorted((f.rule, f.start, f.end) for f in r.findings)  # noqa: E731
    assert key(as_txt) == key(as_docx)


def test_a_stray_item_changes_nothing_elsewhere():
    """One mis-numbered line inside an inline 一是……二是 list leaves every other sentence's findings."""
    clean = render(FULL, "inline")
    stray_line = "（七）对干部队伍的日常管理还不够严格。"
    lines = clean.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("一是")) + 1
    stray = "\n".join(lines[:at] + [stray_line] + lines[at:])
    _, a = analyse(clean)
    _, b = analyse(stray)
    assert _verdicts(a) == _verdicts(b)


def test_no_heading_at_all_for_the_problems():
    """Problem paragraphs straight after the opening, no heading over them: still checked."""
    text = render(FULL).split("\n")
    text = [line for line in text if line != "一、存在的主要问题"]
    _, res = analyse("\n".join(text))
    assert "problems" in res.structure.sections
    assert flagged(res, "vague", VAGUE_PROBLEM[0])
    assert not any(f.category == "missing-section" and f.data.get("role") == "problems" for f in res.findings)


def test_every_missing_part_is_reported():
    text = render(Draft(problems=PROBLEMS))
    _, res = analyse(text)
    missing = {f.data.get("role") for f in res.findings if f.category == "missing-section"}
    assert missing == {"causes", "measures"}


def test_list_style_headings_with_counts_and_aspects():
    text = "\n".join([
        FULL.title, FULL.opening,
        "一、查摆出的问题（共4条）",
        "1、形式主义方面：",
        f"（1）{CONCRETE_ITEM}",
        f"（2）{VAGUE_PROBLEM[3]}，{VAGUE_PROBLEM[5]}。",
        "2、官僚主义方面：",
        f"（1）{VAGUE_PROBLEM[8]}。",
        "二、原因剖析（3条）", *CAUSES,
        "三、整改措施（2条）", *MEASURES, FULL.closing])
    _, res = analyse(text)
    assert set(res.structure.sections) >= {"problems", "causes", "measures"}
    assert res.structure.sections["problems"].heading.startswith("一、查摆出的问题")
    assert flagged(res, "vague", VAGUE_PROBLEM[3])
    assert flagged(res, "vague", VAGUE_PROBLEM[8])


@pytest.mark.parametrize("markdown", ["", "### "])
def test_aspect_lines_and_items_both_in_arabic_numbers(markdown):
    """1、……方面（2条） over items numbered 1. 2. 3. (one run through all aspects): the aspect lines
    group the items and are no problems themselves; each aspect's measure answers its items."""
    text = "\n".join([
        FULL.title, FULL.opening,
        "一、查摆的主要问题（共3条）",
        f"{markdown}1、学习研讨方面（2条）",
        f"1. {CONCRETE_ITEM}",
        f"2. {VAGUE_PROBLEM[0]}，{VAGUE_PROBLEM[13]}。",
        f"{markdown}2、工作作风方面（1条）",
        "3. 下基层少。全年到白鹭乡只去过2次，都是陪同检查，没有单独进村入户。",
        "二、原因剖析", *CAUSES,
        "三、整改措施",
        "1. 汛期实行班子成员带班值守，滑坡隐患当天到现场；每月自学1个专题，把新政策学深学透，学用结合。",
        "2. 每月到白鹭乡至少1个村蹲点1天，进村入户不少于10户。",
        FULL.closing])
    _, res = analyse(text)
    st = res.structure
    assert len(st.problems) == 3
    assert [p.group for p in st.problems] == ["1、学习研讨方面（2条）"] * 2 + ["2、工作作风方面（1条）"]
    assert flagged(res, "vague", VAGUE_PROBLEM[0])
    assert "unanswered-problem" not in categories(res)


def test_cause_only_excerpt_without_a_heading():
    """A pasted stretch of causes, no heading: read as causes, its excuse and formula flagged."""
    text = "\n".join([f"一是{VAGUE_CAUSE[0]}，{VAGUE_CAUSE[2]}。", f"二是{EXCUSES[3]}。", f"三是{CAUSE}"])
    _, res = analyse(text)
    assert "causes" in res.structure.sections
    assert flagged(res, "objective-excuse", EXCUSES[3])
    assert flagged(res, "vague", VAGUE_CAUSE[2])


def test_criticism_list_is_not_told_it_lacks_problems():
    text = "\n".join(["何建国同志对班子成员的批评意见", "对孙雯同志：", HOPES[0], POINTED[1],
                      "对周晓川同志：", HOPES[2].replace("孙雯", "周晓川")])
    _, res = analyse(text)
    assert "missing-section" not in categories(res)
    assert flagged(res, "hope-as-criticism", HOPES[0].rstrip("。"))


@pytest.mark.parametrize("lead, role, inside", [
    ("下一步，我将针对查摆出的问题，从以下几个方面抓好整改落实。", "measures", "causes"),
    ("针对上述问题，我将从以下几方面认真整改：", "measures", "causes"),
    ("产生上述问题的原因，主要有以下几个方面：", "causes", "problems"),
    ("究其原因，主要有以下几点。", "causes", "problems"),
])
def test_a_lead_line_opens_a_part_that_has_no_heading(lead, role, inside):
    """A headed part followed, with no heading, by a lead line and the next part's items: the items
    after the lead line belong to the next part, not to the headed one."""
    parts = {"problems": PROBLEMS, "causes": CAUSES, "measures": MEASURES}
    order = ["problems", "causes", "measures"]
    lines = [FULL.title, FULL.opening]
    for n, r in enumerate(order):
        if r == role:
            lines.append(lead)
        else:
            lines.append(f"{'一二三'[n]}、{ {'problems': '存在的主要问题', 'causes': '问题产生的原因', 'measures': '整改措施'}[r] }")
        lines += [f"（{'一二三四'[i]}）{x}" for i, x in enumerate(parts[r])]
    _, res = analyse("\n".join(lines + [FULL.closing]))
    secs = res.structure.sections
    assert role in secs and secs[role].how == "content"
    assert secs[inside].end <= res.document.text.find(lead)
    assert not any(f.category == "missing-section" for f in res.findings)
    if role == "measures":
        assert flagged(res, "vague", PLEDGES[1])
    else:
        assert flagged(res, "objective-excuse", EXCUSES[0])


def test_a_lead_line_for_a_part_that_has_its_heading_cuts_nothing():
    """下一步 inside the measures part itself, or a cause opener after the causes heading, is ordinary text."""
    text = render(FULL).replace("三、整改措施\n", "三、整改措施\n下一步，我将从以下几个方面抓好整改。\n")
    _, res = analyse(text)
    assert res.structure.sections["measures"].how == "heading"
    assert len(res.structure.causes) == len(CAUSES)


@pytest.mark.parametrize("heading", ["二、追根溯源：问题为什么会发生", "二、问题为何反复出现"])
def test_a_cause_heading_put_as_a_question(heading):
    text = render(FULL).replace("二、问题产生的原因", heading)
    _, res = analyse(text)
    assert heading.startswith(res.structure.sections["causes"].heading)   # the part after a colon may be body
    assert flagged(res, "objective-excuse", EXCUSES[0])
