"""Excuses, pledges and hope-as-criticism: minimum functionality and direction."""
import pytest

from .cases import ACTIONABLE, EXCUSES, HOPES, PLEDGES, POINTED, TURNED
from .drafts import Draft, analyse, flagged, render
from .test_vague import CAUSE, CONCRETE_ITEM, MEASURE


def _draft(**parts):
    base = {"problems": [CONCRETE_ITEM], "causes": [CAUSE], "measures": [MEASURE]}
    base.update(parts)
    return Draft(**base)


@pytest.mark.parametrize("sentence", EXCUSES)
def test_circumstance_as_the_cause_is_an_excuse(sentence):
    _, res = analyse(render(_draft(causes=[CAUSE, f"{sentence}。"])))
    assert flagged(res, "objective-excuse", sentence)


@pytest.mark.parametrize("sentence", TURNED)
def test_circumstance_then_own_fault_is_not_an_excuse(sentence):
    _, res = analyse(render(_draft(causes=[CAUSE, f"{sentence}。"])))
    assert not flagged(res, "objective-excuse", sentence)


def test_turning_an_excuse_to_oneself_removes_the_flag():
    """Directional: the same circumstance followed by the writer's own fault is no longer an excuse."""
    excuse = "全局在编干部只有23人，却承担着40多项业务，学习时间被大量挤占"
    turned = excuse + "，但根子在于我没有把理论学习当成必修课"
    _, before = analyse(render(_draft(causes=[CAUSE, f"{excuse}。"])))
    _, after = analyse(render(_draft(causes=[CAUSE, f"{turned}。"])))
    assert flagged(before, "objective-excuse", excuse)
    assert not flagged(after, "objective-excuse", turned)


def test_a_turn_in_the_next_sentence_takes_the_circumstance_back():
    excuse = "乡长岗位上信访、项目、安全事务缠身，能坐下来读书的时间很难保证"
    cause = f"{excuse}。但说到底是我没有把学习当回事，有空也多用在应酬上。"
    _, res = analyse(render(_draft(causes=[CAUSE, cause])))
    assert not flagged(res, "objective-excuse", excuse)


def test_a_stock_turn_after_a_paragraph_of_circumstances_does_not_take_them_back():
    """Circumstances laid out over several sentences, then 从主观上看 and the textbook formula: the
    circumstances are still offered as the cause (一味强调客观原因)."""
    first, second = EXCUSES[0], EXCUSES[6]
    cause = (f"{first}。{second}。再加上今年换届，班子成员调整了3名，很多工作要从头理顺。"
             "从主观上看，主要是理想信念有所放松，党性修养有待加强。")
    _, res = analyse(render(_draft(causes=[CAUSE, cause])))
    assert flagged(res, "objective-excuse", first)
    assert flagged(res, "objective-excuse", second)


@pytest.mark.parametrize("sentence", PLEDGES)
def test_pledge_without_anything_to_check_is_flagged(sentence):
    _, res = analyse(render(_draft(measures=[MEASURE, f"{sentence}。"])))
    assert flagged(res, "vague", sentence)


@pytest.mark.parametrize("sentence", ACTIONABLE)
def test_actionable_measure_is_not_flagged(sentence):
    _, res = analyse(render(_draft(measures=[MEASURE, f"{sentence}。"])))
    assert not flagged(res, "vague", sentence)
    assert not flagged(res, "generic-measure", sentence)


@pytest.mark.parametrize("sentence", HOPES)
def test_suggestion_without_a_fault_is_hope_as_criticism(sentence):
    _, res = analyse(render(_draft(criticism=[POINTED[0], sentence])))
    assert flagged(res, "hope-as-criticism", sentence.rstrip("。"))


@pytest.mark.parametrize("sentence", POINTED)
def test_pointed_criticism_ending_with_a_hope_is_not_flagged(sentence):
    _, res = analyse(render(_draft(criticism=[sentence, POINTED[1 - POINTED.index(sentence)]])))
    assert not flagged(res, "hope-as-criticism", sentence)


def test_turning_pointed_criticism_into_a_wish_adds_a_flag():
    """Directional: drop the fault, keep only the wish."""
    pointed = POINTED[0]
    wish = "何建国同志：建议你把汛期值守放在第一位。"
    _, before = analyse(render(_draft(criticism=[pointed, POINTED[1]])))
    _, after = analyse(render(_draft(criticism=[wish, POINTED[1]])))
    assert not flagged(before, "hope-as-criticism", pointed)
    assert flagged(after, "hope-as-criticism", wish)
