"""One heading for three parts (查摆的问题、原因及整改措施): each problem item is followed by its own
原因： and 措施： lines. Every part is found, each measure answers the problem it follows."""
import pytest

from .drafts import analyse, flagged

HEAD = ("县委常委、政法委书记何建国2021年度民主生活会对照检查材料\n"
        "按照县委安排，我把每个问题的原因和整改措施一并列出，便于会后对账销号。")
ITEMS = [
    ("1.信访积案化解慢。今年交办我包案的5件信访积案，到11月只化解了2件，竹坪镇的土地纠纷拖了8个月。",
     "原因：到政法委工作时间不长，对全县情况还不熟悉，一些问题没来得及解决。",
     "措施：2022年3月底前对剩下的3件积案逐件召开化解会，每件明确1名县级领导跟踪。"),
    ("2.平安建设考核走过场。全年考核白鹭乡等8个乡镇，扣分理由都是“台账不全”，没有一条指向实际治安问题。",
     "原因：宗旨意识淡了，满足于看台账、听汇报。",
     "措施：考核办法6月底前修订，现场核查分值不低于60%，结果在全县通报。"),
]


def _text(items=ITEMS, heading="一、查摆的问题、原因及整改措施") -> str:
    return "\n".join([HEAD, heading, *(line for item in items for line in item if line)])


@pytest.mark.parametrize("heading", ["一、查摆的问题、原因及整改措施", "一、存在的问题、原因和整改措施",
                                     "一、问题原因及整改措施"])
def test_three_parts_under_one_heading(heading):
    _, res = analyse(_text(heading=heading))
    assert {"problems", "causes", "measures"} <= set(res.structure.sections)
    assert len(res.structure.problems) == 2 and len(res.structure.causes) == 2
    assert [m.answers for m in res.structure.measures] == [[0], [1]]
    assert not any(f.category in ("missing-section", "unanswered-problem") for f in res.findings)


def test_an_excuse_on_a_cause_line_is_flagged():
    _, res = analyse(_text())
    assert flagged(res, "objective-excuse", "到政法委工作时间不长，对全县情况还不熟悉")


def test_a_problem_whose_measure_line_is_missing_is_unanswered():
    items = [ITEMS[0], (*ITEMS[1][:2], "")]
    _, res = analyse(_text(items))
    text = res.document.text
    got = [text[f.start:f.end] for f in res.findings if f.category == "unanswered-problem"]
    assert len(got) == 1 and "平安建设考核" in got[0]


def test_a_count_of_measures_inside_a_sentence_is_no_measure_line():
    """措施： after a character (提出了三条措施：……) is part of the sentence, not a measure line."""
    problem = ("1.信访积案化解慢。今年交办我包案的5件信访积案只化解了2件，会上提出了三条措施：包案、督办、通报，"
               "但都没有落实。")
    _, res = analyse(_text([(problem, *ITEMS[0][1:]), ITEMS[1]]))
    assert "包案、督办、通报" in res.structure.problems[0].text
