"""Problems and the measures that answer them (整改措施要对着问题): which problems are left unanswered.

Drafts written for these tests (the fictional 云溪县 of ``drafts.py``)."""
from .drafts import analyse

HEAD = ("县委常委、副县长周晓川2021年度民主生活会对照检查材料\n"
        "按照县委安排，我对照检查了自身存在的问题，现报告如下。\n")


def _unanswered(res) -> list[str]:
    text = res.document.text
    return [text[f.start:f.end] for f in res.findings if f.category == "unanswered-problem"]


def _draft(problems: list[str], measures: list[str], cause: str = "理想信念有所松懈，党性修养放松了。") -> str:
    lines = [HEAD + "一、存在的主要问题"]
    lines += problems
    lines += ["二、问题产生的原因", cause, "三、整改措施"]
    lines += measures
    return "\n".join(lines)


PROBLEMS = [
    "1.防汛值守不严。今年7月白鹭乡2个村转移群众晚了3个小时，我事后只要求写了情况说明。",
    "2.对新入职干部培养不够。去年招录的16名选调生已有4人调离，我没有过问过原因。",
    "3.项目资金拨付拖沓。竹坪镇饮水工程的380万元资金压了5个月才拨付到位。",
]


def test_a_measure_opening_with_a_date_is_its_own_item():
    """1.……  2.5月底前……: the number before a month is the measure's number, not a decimal 2.5;
    read as one item, the second measure would be lost and its problem reported unanswered."""
    measures = [
        "1.汛期实行班子成员带班值守，每次转移群众事后复盘，复盘结果报县防指。",
        "2.5月底前对近两年调离的选调生逐一回访，形成培养情况报告，为每名新入职干部配备1名导师。",
        "3.6月底前完成竹坪镇饮水工程资金拨付，建立项目资金拨付台账，每月通报1次。",
    ]
    _, res = analyse(_draft(PROBLEMS, measures))
    assert len(res.structure.measures) == 3
    assert _unanswered(res) == []


def test_a_measure_missing_is_still_reported_when_measures_open_with_dates():
    """Direction: drop the measure for the second problem and that problem, only it, is unanswered."""
    measures = [
        "1.汛期实行班子成员带班值守，每次转移群众事后复盘，复盘结果报县防指。",
        "2.6月底前完成竹坪镇饮水工程资金拨付，建立项目资金拨付台账，每月通报1次。",
    ]
    _, res = analyse(_draft(PROBLEMS, measures))
    got = _unanswered(res)
    assert len(got) == 1 and "选调生" in got[0]


ASPECT_PROBLEMS = {
    "（一）在理论学习方面": [
        "1.理论学习不深。今年县委中心组集中学习12次，我有4次请假，交流发言都是办公室代拟的。",
        "2.调研不够深入。分管的农业农村局今年出台3个产业扶持办法，出台前我没有到乡镇听过意见。",
    ],
    "（二）在工作作风方面": [
        "3.下基层少。全年到白鹭乡只去过2次，都是陪同检查，没有单独进村入户。",
        "4.文山会海没有减下来。分管部门全年发文186件，比上年多了31件。",
    ],
}
ASPECT_MEASURES = [
    "1.每月参加中心组学习，全年请假不超过1次，交流发言亲自动手写，每季度到联系乡镇听1次意见。",
    "2.每月到白鹭乡至少1个村蹲点1天，进村入户不少于10户。",
    "3.分管部门发文总量压减20%，能合并的会议一律合并。",
]


def _aspect_draft(groups: dict[str, list[str]]) -> str:
    return _draft([line for head, items in groups.items() for line in [head, *items]], ASPECT_MEASURES)


def test_a_measure_for_an_aspect_covers_a_sibling_it_touches():
    """The first measure is written for the study aspect: its last clause (到乡镇听意见) takes up the
    second problem of that aspect, though most of it is about the first."""
    _, res = analyse(_aspect_draft(ASPECT_PROBLEMS))
    assert _unanswered(res) == []


def test_the_same_clause_does_not_reach_a_problem_of_another_aspect():
    """Direction: move the second problem under the other aspect and nothing answers it any more."""
    moved = {"（一）在理论学习方面": ASPECT_PROBLEMS["（一）在理论学习方面"][:1],
             "（二）在工作作风方面": ASPECT_PROBLEMS["（一）在理论学习方面"][1:] + ASPECT_PROBLEMS["（二）在工作作风方面"]}
    _, res = analyse(_aspect_draft(moved))
    got = _unanswered(res)
    assert len(got) == 1 and "产业扶持办法" in got[0]



THREE_ASPECTS = {
    "（一）政治忠诚方面（2条）": [
        "1.政治理论学习不够深入系统，满足于读原文、记笔记。",
        "2.政治敏锐性和政治鉴别力有待进一步提升。",
    ],
    "（二）担当作为方面（2条）": [
        "3.攻坚克难的劲头有所减弱，碰到难题习惯往上交。",
        "4.开拓创新的办法不多，习惯于按老套路办事。",
    ],
    "（三）廉洁自律方面（2条）": [
        "5.落实中央八项规定精神还有松懈，对公务接待把关不严。",
        "6.对分管部门干部的日常教育管理偏松偏软。",
    ],
}


def test_fewer_measures_than_aspects_each_answers_the_aspect_it_is_written_for():
    """A 发言提纲 of generic measures, one for the first aspect and one for the last: each covers its
    aspect's two problems; the aspect in between, which no measure takes up, is unanswered."""
    measures = ["1.进一步加强理论学习，不断提高政治判断力、政治领悟力、政治执行力。",
                "2.严格落实中央八项规定精神，管好自己、管好分管条线，营造风清气正的氛围。"]
    text = _draft([line for head, items in THREE_ASPECTS.items() for line in [head, *items]], measures)
    _, res = analyse(text)
    got = _unanswered(res)
    assert len(got) == 2 and "攻坚克难" in got[0] and "开拓创新" in got[1]


def test_a_measure_naming_two_problems_answers_both():
    """针对A和B两个问题, ……: the reference names two problems; neither is left unanswered."""
    measures = [
        "1.针对防汛值守不严和项目资金拨付拖沓两个问题，汛期实行班子成员带班值守，每月通报1次资金拨付进度。",
        "2.5月底前对近两年调离的选调生逐一回访，为每名新入职干部配备1名导师。",
    ]
    _, res = analyse(_draft(PROBLEMS, measures))
    assert _unanswered(res) == []
    assert res.structure.measures[0].answers == [0, 2]
