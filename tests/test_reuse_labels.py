"""Copy detection: the meeting's structure (aspect labels, headings, item numbers, title slivers),
formulas filled in with other numbers, and lightly reworded template sentences.

Fictional unit: 中共清溪县桃源乡委员会, 2021年度党史学习教育专题民主生活会.
"""
from __future__ import annotations

import pytest

from analyzer.reuse import detect_reuse
from test_reuse import coverage, doc

UNIT = "中共清溪县桃源乡委员会"
TITLE = "2021年度党史学习教育专题民主生活会个人对照检查材料"

# what the rule set passes as boilerplate: the aspects' labels and key words
ASPECTS = [
    "带头深刻感悟“两个确立”的决定性意义", "两个确立",
    "带头牢记我们党是什么、要干什么这个根本问题", "党是什么", "要干什么", "初心使命",
    "带头增强历史自觉、弘扬伟大建党精神", "历史自觉", "建党精神",
    "带头践行以人民为中心的发展思想", "以人民为中心",
    "带头增强斗争本领", "斗争本领", "斗争精神",
    "带头落实全面从严治党政治责任", "全面从严治党", "管党治党",
]

OWN = ("乡里今年新建的3座村级便民服务站有2座至今没有安排专人值守，群众办事还要跑到乡政府，"
       "我去看过一次，只交代了村支书尽快安排，没有再过问。")


def draft(name: str, role: str, *body: str) -> str:
    return "\n".join([f"{UNIT}{role} {name}", TITLE, "一、存在的问题", *body])


def outside(text: str, rs, needle: str) -> int:
    s = text.index(needle)
    e = s + len(needle)
    return sum(max(0, min(r.end, s) - r.start) + max(0, r.end - max(r.start, e)) for r in rs)


# --- 1. aspect labels and headings are the meeting's structure, not copied text ---------------

TEMPLATE = "\n".join([
    "首页 > 范文大全 > 对照检查材料",
    "2021年度党史学习教育专题民主生活会个人对照检查材料（乡镇通用）",
    "一、存在的问题",
    "（一）在带头深刻感悟“两个确立”的决定性意义方面。学习贯彻上级精神多停留在传达层面，"
    "结合本乡实际研究落实的举措不多，理论学习与推动发展结合得还不够紧密。",
    "（二）在带头增强历史自觉、弘扬伟大建党精神方面。开展党史学习满足于集中学、听报告，"
    "对本地革命历史资源挖掘利用不够，学习教育的形式比较单一。",
    "（三）在带头增强斗争本领方面。遇到群众反映的难点问题有推诿心理，碰到跨部门的事情习惯于等上级协调，"
    "主动破题的办法还不多。",
    "二、原因分析",
    "（一）宗旨观念淡薄，纪律意识有所松懈。对自己要求不够严格，认为小事小节无伤大雅，"
    "对身边干部的苗头性问题提醒不及时。",
])

T_FIRST = ("学习贯彻上级精神多停留在传达层面，结合本乡实际研究落实的举措不多，"
           "理论学习与推动发展结合得还不够紧密。")
T_SECOND = ("开展党史学习满足于集中学、听报告，对本地革命历史资源挖掘利用不够，学习教育的形式比较单一。")


def test_theme_aspect_labels_at_the_start_of_copied_paragraphs_are_not_reported():
    label1 = "（一）在带头深刻感悟“两个确立”的决定性意义方面。"
    label2 = "（二）在带头增强历史自觉、弘扬伟大建党精神方面。"
    text = draft("周文斌", "党委委员、组织委员", label1 + T_FIRST + OWN, label2 + T_SECOND)
    res = detect_reuse([doc("A", text)], templates=[doc("T", TEMPLATE, kind="template")], boilerplate=ASPECTS)
    rs = [r for r in res.reuse if r.source == "T"]
    assert coverage(text, rs, T_FIRST) >= 0.95 and coverage(text, rs, T_SECOND) >= 0.95
    assert coverage(text, rs, label1) == 0 and coverage(text, rs, label2) == 0, [r.excerpt for r in rs]


def test_recycled_paragraph_under_a_reworded_theme_label_starts_after_the_label():
    body = ("2020年基干民兵整组只求名单报满，全乡编组基干民兵90人，其中外出务工的有28人，应急时根本拉不动，"
            "我没有逐人核实在位情况。")
    old = doc("A2020", "\n".join([UNIT, "2020年度民主生活会个人对照检查材料", "一、存在的问题",
                                  "（二）民兵队伍建设方面。" + body]), kind="history", member="韩立军", year=2020)
    now = body.replace("2020年", "2021年").replace("28人", "31人")
    label = "（二）在牢记初心使命、建强民兵队伍方面。"
    text = draft("韩立军", "党委委员、武装部长", label + now, OWN)
    res = detect_reuse([doc("A", text, member="韩立军", year=2021)], history=[old], boilerplate=ASPECTS)
    rs = [r for r in res.reuse if r.source_kind == "history"]
    assert rs and coverage(text, rs, now) >= 0.95
    assert outside(text, rs, now) == 0, [r.excerpt for r in rs]


def test_recycled_paragraph_keeps_its_own_label_when_the_label_is_the_writers():
    """A label in the writer's own words (no aspect of the meeting) travels with the paragraph."""
    body = ("深入信访一线不够，2020年我到乡信访办接访只有3次，对竹林村砂场土地纠纷等重复信访问题，"
            "多是听取汇报、批转部门，没有亲自牵头协调化解。")
    old = doc("B2020", "\n".join([UNIT, "2020年度民主生活会个人对照检查材料",
                                  "（三）在为民服务解难题方面。" + body]), kind="history", member="林海涛", year=2020)
    label = "（三）在联系服务群众方面。"
    text = draft("林海涛", "党委委员、政法委员", label + body.replace("2020年", "2021年"), OWN)
    res = detect_reuse([doc("B", text, member="林海涛", year=2021)], history=[old], boilerplate=ASPECTS)
    rs = [r for r in res.reuse if r.source_kind == "history"]
    assert rs and rs[0].excerpt.startswith(label)


@pytest.mark.parametrize("stop", ["。", "，", "："])
def test_passage_never_starts_in_the_last_words_of_a_label(stop):
    body = ("学习习近平新时代中国特色社会主义思想主要靠参加乡里集中学习，个人自学少，笔记多是摘抄，"
            "没有结合分管工作写过一篇体会文章。")
    old = doc("C2020", "\n".join([UNIT, "2020年度民主生活会个人对照检查材料", f"（一）理论学习方面{stop}" + body]),
              kind="history", member="高志远", year=2020)
    # (a short reworded label would travel with the recycled paragraph, see the test above; this
    # one is longer than an item label, and the drafts share only its last word 方面)
    text = draft("高志远", "党委委员、副乡长", f"（一）在强化理论武装、提升干部队伍履职本领方面{stop}" + body, OWN)
    res = detect_reuse([doc("C", text, member="高志远", year=2021)], history=[old])   # no boilerplate at all
    rs = [r for r in res.reuse if r.source_kind == "history"]
    assert rs and coverage(text, rs, body) >= 0.98 and outside(text, rs, body) == 0, [r.excerpt for r in rs]


def test_heading_with_full_stop_alone_on_its_line_is_cut_like_a_heading():
    label = "（四）在联系服务群众方面。"
    para = ("对群众反映的农村饮水问题跟踪不够，2021年全乡有4个自然组在旱季出现断水，"
            "我只是督促水利站拉水送水，没有推动管网延伸工程尽早开工。")
    tpl = doc("T2", "\n".join(["范文：乡镇领导个人对照检查材料", label, para]), kind="template")
    text = draft("宋佳", "党委委员、副乡长", label, para, OWN)
    res = detect_reuse([doc("D", text)], templates=[tpl])
    rs = [r for r in res.reuse if r.source == "T2"]
    assert rs and coverage(text, rs, para) >= 0.98 and coverage(text, rs, label) == 0


def test_passage_does_not_end_in_the_next_items_label():
    para = ("对群众反映的农村饮水问题跟踪不够，2021年全乡有4个自然组在旱季出现断水，"
            "我只是督促水利站拉水送水，没有推动管网延伸工程尽早开工。")
    label = "（五）在改进工作作风方面。"
    tpl = doc("T3", "\n".join(["范文：乡镇领导个人对照检查材料", "（四）联系群众方面。" + para,
                                label + "会议多、文件多的问题还比较突出，深入一线的时间偏少。"]), kind="template")
    text = draft("宋佳", "党委委员、副乡长", "（四）为民办实事方面。" + para,
                 label + "我分管的农业口全年下发通知58份，到村里现场督导只有11次。", OWN)
    res = detect_reuse([doc("L", text)], templates=[tpl])
    rs = [r for r in res.reuse if r.source == "T3"]
    assert rs and coverage(text, rs, para) >= 0.98 and coverage(text, rs, label) == 0, [r.excerpt for r in rs]


def test_heading_between_two_fragments_does_not_make_a_passage():
    team = "\n".join([
        UNIT + "领导班子", "2021年度党史学习教育专题民主生活会对照检查材料", "一、存在的主要问题",
        "（三）在带头增强斗争本领方面。面对矛盾纠纷，班子存在“求稳怕乱”心态。竹林村山林权属纠纷涉及农户41户，"
        "从3月拖到10月才形成调处方案，期间群众到县里反映3次。",
        "（四）在带头落实全面从严治党政治责任方面。班子对村级“三资”管理监督失之于宽，2021年审计发现"
        "村级往来款长期挂账问题5起。",
    ])
    text = draft("罗永强", "党委书记",
                 "（三）在带头增强斗争本领方面",
                 "3.化解矛盾有拖的心态。竹林村山林纠纷我一直没有拍板，心里怕影响招商，结果拖了大半年，群众到县里反映3次。",
                 "（四）在带头落实全面从严治党政治责任方面",
                 "4.对村级“三资”盯得不紧。我签批过2个村的往来款核销单，只看了村里的申请，没有核对原始凭证。")
    res = detect_reuse([doc("E", text)], team=[doc("TEAM", team, kind="team")], boilerplate=ASPECTS)
    assert res.reuse == [], [(r.excerpt, r.source_excerpt) for r in res.reuse]


def test_heading_of_the_writers_own_words_between_two_fragments_does_not_make_a_passage():
    team = "\n".join([
        UNIT + "领导班子", "2021年度民主生活会对照检查材料", "一、存在的主要问题",
        "（三）化解矛盾纠纷方面。竹林村山林权属纠纷涉及农户41户，从3月拖到10月才形成调处方案，期间群众到县里反映3次。",
        "（四）村级三资监管方面。班子对村级“三资”管理监督失之于宽，2021年审计发现村级往来款长期挂账问题5起。",
    ])
    text = draft("罗永强", "党委书记",
                 "（三）化解矛盾纠纷方面",
                 "3.竹林村山林纠纷我一直没有拍板，心里怕影响招商，结果拖了大半年，群众到县里反映3次。",
                 "（四）村级三资监管方面",
                 "4.对村级“三资”盯得不紧。我签批过2个村的往来款核销单，只看了村里的申请，没有核对原始凭证。")
    res = detect_reuse([doc("K", text)], team=[doc("TEAM", team, kind="team")])
    assert res.reuse == [], [(r.excerpt, r.source_excerpt) for r in res.reuse]


# --- 2. item numbers and the ends of item titles -------------------------------------------------

def test_same_number_in_front_of_plain_text_is_not_copied_text():
    measure = "民兵整组前逐村逐人核实在位情况，外出务工人员不再编入基干民兵应急分队，3月底前完成。"
    old = doc("F2020", "\n".join([UNIT, "2020年度民主生活会个人对照检查材料", "三、整改措施",
                                  "（一）每月自学不少于2次。", "（二）2021年" + measure]),
              kind="history", member="韩立军", year=2020)
    text = draft("韩立军", "党委委员、武装部长", OWN, "三、整改措施", "（一）每季度给民兵讲1次专题课。",
                 "（二）2022年" + measure)
    res = detect_reuse([doc("F", text, member="韩立军", year=2021)], history=[old])
    rs = [r for r in res.reuse if r.source_kind == "history"]
    assert len(rs) == 1 and rs[0].excerpt.startswith("2022年") and rs[0].source_excerpt.startswith("2021年")


def test_passage_does_not_start_with_the_last_words_of_an_item_title():
    copied = "对自己要求不够严格，认为小事小节无伤大雅，对身边干部的苗头性问题提醒不及时。"
    text = draft("周文斌", "党委委员、组织委员", OWN, "二、原因分析", "（一）规矩意识有所松懈。" + copied)
    res = detect_reuse([doc("G", text)], templates=[doc("T", TEMPLATE, kind="template")])
    rs = [r for r in res.reuse if r.source == "T"]
    assert rs and coverage(text, rs, copied) >= 0.98 and outside(text, rs, copied) == 0, [r.excerpt for r in rs]


# --- 3. a formula filled in with other numbers is not a copy; a changed count in a copy is -------

TEAM_FORMULA = "\n".join([
    UNIT + "领导班子", "2021年度党史学习教育专题民主生活会对照检查材料",
    "一、上年度民主生活会整改落实情况",
    "2020年度民主生活会班子查摆问题6个，制定整改措施15条，已完成13条，“乡村道路提档升级”和"
    "“村级公益岗规范管理”2条仍在推进中。",
    "二、存在的主要问题",
    "（一）在带头践行以人民为中心的发展思想方面。班子抓项目多、抓民生小事少，2021年全乡争取上级项目资金"
    "2600余万元，但群众反映最多的集镇停车难问题拖了一年多没有解决。",
])


def test_last_years_figures_in_the_same_formula_are_not_reuse_of_the_team():
    mine = ("2020年度民主生活会我个人查摆问题5个、制定整改措施11条。已完成9条：乡村道路提档升级一期已经通车，"
            "联系的竹林村全年走访26天。没有完成的2条转入今年继续整改。")
    text = "\n".join([f"{UNIT}书记 罗永强", TITLE, "一、上年度民主生活会整改落实情况", mine,
                      "二、存在的突出问题", "（一）在带头践行以人民为中心的发展思想方面", OWN])
    res = detect_reuse([doc("H", text)], team=[doc("TEAM", TEAM_FORMULA, kind="team")], boilerplate=ASPECTS)
    assert coverage(text, res.reuse, mine) == 0, [(r.excerpt, r.source_excerpt) for r in res.reuse]


def test_team_sentence_with_a_changed_count_is_still_found():
    claimed = ("班子抓项目多、抓民生小事少，2021年全乡争取上级项目资金2800余万元，"
               "但群众反映最多的集镇停车难问题拖了一年多没有解决。")
    text = draft("罗永强", "党委书记", "1.认领班子“抓项目多、抓民生少”的问题。" + claimed, OWN)
    res = detect_reuse([doc("I", text)], team=[doc("TEAM", TEAM_FORMULA, kind="team")], boilerplate=ASPECTS)
    rs = [r for r in res.reuse if r.source_kind == "team"]
    assert rs and coverage(text, rs, claimed) >= 0.95
    assert outside(text, rs, claimed) == 0, [r.excerpt for r in rs]   # not the member's item title


def test_two_members_filling_in_the_same_formula_are_not_reuse():
    def draft_with_counts(name, role, problems, measures, done, own):
        return "\n".join([f"{UNIT}{role} {name}", TITLE, "一、上年度民主生活会整改落实情况",
                          f"2020年度民主生活会我个人查摆问题{problems}个，制定整改措施{measures}条，已完成{done}条，"
                          "其余的转入今年继续整改。", "二、存在的突出问题", own])
    a = draft_with_counts("罗永强", "书记", 5, 11, 9, OWN)
    b = draft_with_counts("宋佳", "副乡长", 3, 7, 6, "分管的农业综合开发项目有2个至今没有完工，我只在季度调度会上"
                          "提过要求，没有到现场盯过一次，拖到年底还有40%的资金没有拨付。")
    res = detect_reuse([doc("A", a), doc("B", b)], boilerplate=ASPECTS)
    assert res.reuse == [], [(r.excerpt, r.source_excerpt) for r in res.reuse]


# --- 4. a template sentence reworded with a few inserted or swapped words ----------------------

def test_lightly_reworded_template_sentence_is_found_by_the_sentence_pass():
    # three small edits (有→存在, 习惯于等→习惯等着, 办法→招数): beyond a near copy for the short
    # seeds, the TF-IDF sentence check decides
    reworded = "遇到群众反映的难点问题存在推诿心理，碰到跨部门的事情习惯等着上级协调，主动破题的招数还不多。"
    text = draft("宋佳", "党委委员、副乡长",
                 "（一）在带头践行以人民为中心的发展思想方面。" + OWN,
                 "（二）在带头增强斗争本领方面。一是" + reworded + "二是安全生产检查走过场，"
                 "9月对辖区4家砖厂的检查只看了台账，没有下到窑口。")
    res = detect_reuse([doc("J", text)], templates=[doc("T", TEMPLATE, kind="template")], boilerplate=ASPECTS)
    rs = [r for r in res.reuse if r.source == "T"]
    assert rs and coverage(text, rs, reworded) >= 0.95, [r.excerpt for r in rs]
    assert outside(text, rs, reworded) == 0

