"""A draft of numbered items and no part headings: （一）……（九） straight after the opening, the
problems first, then the causes, then the measures, each item opening with a heading-like sentence.
The parts are read from the items' content, and no item is taken for a part's heading."""
import pytest

from .cases import EXCUSES
from .drafts import CN, analyse, flagged

HEAD = ("县委常委、宣传部部长孙雯2021年度民主生活会对照检查材料\n"
        "按照县委安排，我对照六个方面认真查找了自身存在的问题，剖析了根源，明确了努力方向。具体如下：")
PROBLEMS = [
    "在理论学习上还有差距。学习不够深入系统，往往满足于参加集中学习。今年县委中心组集中学习12次，我有3次缺席，事后没有补学。",
    "在担当作为上还有不足。开拓创新意识不强，习惯于按部就班。融媒体中心改版拖了8个月，我只开过1次协调会。",
    "在工作作风上还不够扎实。深入基层调查研究不够，全年到白鹭乡只去过2次，都是陪同检查。",
]
CAUSES = [
    "思想认识上有偏差。放松了主观世界的改造，理想信念这个总开关拧得不够紧，党性修养有所放松。",
    f"{EXCUSES[1]}。",
]
MEASURES = [
    "加强理论武装。每月至少自学2个专题，县委中心组学习全年不缺席，确需请假的1周内补学。",
    "推动融媒体中心改版。2022年6月底前完成改版上线，每月听取1次进度汇报。",
    "改进工作作风。每季度到白鹭乡蹲点调研不少于3天，进村入户不少于20户。",
]


def _text(problems=PROBLEMS, causes=CAUSES, measures=MEASURES) -> str:
    items = [*problems, *causes, *measures]
    return "\n".join([HEAD, *(f"（{CN[i]}）{x}" for i, x in enumerate(items))])


def test_the_three_parts_are_found_from_content():
    _, res = analyse(_text())
    secs = res.structure.sections
    assert {"problems", "causes", "measures"} <= set(secs)
    text = res.document.text
    assert text[secs["causes"].start:].startswith("（四）思想认识上有偏差")
    assert text[secs["measures"].start:].startswith("（六）加强理论武装")
    assert not any(f.category == "missing-section" for f in res.findings)


def test_an_excuse_among_the_causes_is_flagged():
    _, res = analyse(_text())
    assert flagged(res, "objective-excuse", EXCUSES[1])


@pytest.mark.parametrize("dropped", [0, 2])
def test_a_problem_without_its_measure_is_the_one_left_unanswered(dropped):
    measures = [m for i, m in enumerate(MEASURES) if i != dropped]
    _, res = analyse(_text(measures=measures))
    text = res.document.text
    got = [text[f.start:f.end] for f in res.findings if f.category == "unanswered-problem"]
    assert len(got) == 1 and PROBLEMS[dropped][:8] in got[0]
