"""Vagueness, per sentence: minimum functionality, direction and the concrete counter-cases."""
import pytest

from .cases import (CONCRETE, CONCRETE_LEAD, FRAMES, VAGUE_CAUSE, VAGUE_CRITICISM, VAGUE_PROBLEM)
from .drafts import Draft, analyse, flagged, render

CONCRETE_ITEM = ("防汛值守压得不实。今年7月竹坪镇连续降雨，石龙村后山出现2处滑坡隐患，"
                 "我在防汛调度会上只作了原则要求，直到第3天才带水利局到现场查看。")
CAUSE = "宗旨意识淡了。我把群众反映的停水当作乡里的事，批转以后就不再过问。"
MEASURE = "2022年3月底前牵头修订《云溪县防汛应急预案》，明确乡镇分管领导汛期24小时在岗。"


def _draft(problems=None, causes=None, measures=None, criticism=None):
    return Draft(problems=problems or [CONCRETE_ITEM], causes=causes or [CAUSE],
                 measures=measures or [MEASURE], criticism=criticism or [])


@pytest.mark.parametrize("sentence", VAGUE_PROBLEM)
def test_generic_sentence_alone_is_flagged(sentence):
    _, res = analyse(render(_draft(problems=[CONCRETE_ITEM, f"{sentence}。"])))
    assert flagged(res, "vague", sentence)


@pytest.mark.parametrize("sentence", VAGUE_PROBLEM)
def test_a_fact_in_the_same_item_does_not_excuse_a_generic_sentence(sentence):
    item = f"作风不够扎实。{CONCRETE_LEAD}另外，{sentence}。"
    _, res = analyse(render(_draft(problems=[CONCRETE_ITEM, item])))
    assert flagged(res, "vague", sentence)
    assert not flagged(res, "vague", CONCRETE_LEAD.rstrip("。"))


@pytest.mark.parametrize("sentence", CONCRETE)
def test_concrete_sentences_are_not_flagged(sentence):
    _, res = analyse(render(_draft(problems=[CONCRETE_ITEM, f"工作不够细。{sentence}。"])))
    assert not flagged(res, "vague", sentence)


@pytest.mark.parametrize("sentence", VAGUE_CAUSE)
@pytest.mark.parametrize("frame", FRAMES)
def test_textbook_cause_after_a_framing_phrase_is_flagged(sentence, frame):
    _, res = analyse(render(_draft(causes=[CAUSE, f"{frame}{sentence}。"])))
    assert flagged(res, "vague", sentence)


def test_vague_criticism_of_a_named_colleague_is_flagged():
    _, res = analyse(render(_draft(criticism=[VAGUE_CRITICISM])))
    assert flagged(res, "vague", "理论学习不够深入")


@pytest.mark.parametrize("sentence", VAGUE_PROBLEM[:6])
def test_adding_a_date_a_number_and_a_place_removes_the_flag(sentence):
    """Directional: the same sentence with facts added is no longer vague."""
    concrete = f"今年4月在竹坪镇调研的3个项目中，{sentence}，石龙村的灌溉渠至今未修通"
    _, before = analyse(render(_draft(problems=[CONCRETE_ITEM, f"{sentence}。"])))
    _, after = analyse(render(_draft(problems=[CONCRETE_ITEM, f"{concrete}。"])))
    assert flagged(before, "vague", sentence)
    assert not flagged(after, "vague", concrete)


@pytest.mark.parametrize("marker", ["①", "⑴", "⒈", "（一）", "1."])
def test_a_list_marker_is_no_quantity(marker):
    """A pledge numbered ① is as empty as one numbered （一）: the marker is not a figure."""
    from .drafts import analyse, flagged

    pledge = "加强理论学习，努力提高运用党的创新理论指导工作的能力。"
    _, res = analyse(f"三、整改措施\n{marker}{pledge}")
    assert flagged(res, "vague", pledge.rstrip("。"))
