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


def _criticism_list(points_by_colleague: dict[str, list[str]], heading: str | None = None) -> str:
    lines = ["县委常委班子成员相互批评意见", "按照县委安排，我对班子其他同志提出如下批评意见。"]
    if heading:
        lines.append(heading)
    cn = "一二三四五六七八九十"
    for n, (name, points) in enumerate(points_by_colleague.items()):
        lines.append(f"{cn[n]}、对{name}同志")
        lines += [f"{k}.{p}" for k, p in enumerate(points, 1)]
    return "\n".join(lines)


POINT = "今年6月的3次防汛会商你都没有参加，竹坪镇转移群众时乡里找不到分管领导。"
WISH = "希望今后进一步加强理论学习，把好的经验做法及时总结推广。"


@pytest.mark.parametrize("heading", [None, "对班子成员的批评意见"])
@pytest.mark.parametrize("order", ["point first", "wish first"])
def test_each_numbered_point_under_a_colleague_is_judged_on_its_own(order, heading):
    """Under 一、对何建国同志, point 1 is pointed and point 2 a mere wish (or the other way round):
    the wish is hope-as-criticism though the colleague's other point names a fault; with or
    without a heading over the whole list."""
    points = [POINT, WISH] if order == "point first" else [WISH, POINT]
    _, res = analyse(_criticism_list({"何建国": points, "孙雯": [POINTED[2].split("：", 1)[1]]}, heading))
    assert flagged(res, "hope-as-criticism", WISH.rstrip("。"))
    assert not flagged(res, "hope-as-criticism", POINT.rstrip("。"))
