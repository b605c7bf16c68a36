"""Structure parsing on invented drafts (fictional 枫岭县) and on the labelled dev corpus."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from analyzer.errors import ConfigError
from analyzer.model import Document
from analyzer.structure import load_section_rules, parse

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "corpus" / "dev" / "gold"


def make(text: str, name: str = "t") -> Document:
    return Document(id=name, path=f"{name}.txt", text=text, format="txt")


def check_spans(doc: Document, st) -> None:
    for kind in ("problem", "cause", "measure", "criticism"):
        for it in st.items(kind):
            assert it.text == doc.text[it.start:it.end]
            assert it.text == it.text.strip()
    for sec in st.sections.values():
        assert doc.text[sec.heading_start:sec.heading_end] == sec.heading
        assert sec.start <= sec.heading_start <= sec.heading_end <= sec.end
        # a part found by its heading has one; a part read from its content may have none
        assert sec.heading_end > sec.heading_start or sec.how == "content"
    for h in st.headings:
        assert doc.text[h.start:h.end] == h.text


# --------------------------------------------------------------------------------------------
# 1. GB numbering, aspect groups with 1. sub-items, inline 一是 causes, closing formula

TEAM_2024 = """中共枫岭县石桥镇委员会领导班子
2024年度民主生活会对照检查材料
（2025年1月 日）
按照县委关于召开2024年度民主生活会的通知要求，镇党委班子紧扣会议主题，通过集中学习、个人自学、专题研讨等方式深化学习，征求到意见建议23条，开展谈心谈话41人次。现将对照检查情况报告如下：
一、存在的主要问题
（一）在带头严守政治纪律和政治规矩方面
1.落实“第一议题”制度有偏差。2024年镇党委会传达学习上级精神18次，其中有7次只传达不研讨，没有结合石桥镇实际提出贯彻措施。
2.请示报告不够及时。9月柳塘村山塘渗漏险情发生后，班子先自行处置两天才向县防指报告，被县委办通报。
（二）在带头增强党性、严守纪律方面
1.“三会一课”质量不高。全镇22个村（社区）党支部中，有6个支部的党课由驻村干部代讲，内容照搬网上材料。
2.执行中央八项规定精神有松懈。5月接待邻镇考察团时超标准安排工作餐1次，班子没有及时纠正。
二、问题产生的原因
一是理想信念这个“总开关”拧得不紧。班子把学习当成软任务，遇到项目和招商就让路。二是宗旨意识有所淡化。对群众反映的山塘渗漏问题重视不够，习惯于等上级部署。三是纪律规矩意识松弛。认为工作餐超标是小事，思想上放松了警惕。
三、整改措施
（一）严格落实“第一议题”制度。2025年2月底前修订镇党委会议事规则，传达上级精神必须结合实际研究贯彻措施，由镇党委书记负责。
（二）规范请示报告。3月底前制定《石桥镇重大事项请示报告清单》，险情发生后1小时内报告县防指。
（三）提升“三会一课”质量。每季度由镇党委委员到联系支部讲党课不少于1次，党课讲稿交镇组织办备案。
以上对照检查，如有不妥，请同志们批评指正。"""


def test_title_sections_aspect_groups_and_inline_causes():
    doc = make(TEAM_2024)
    st = parse(doc)
    check_spans(doc, st)
    title = doc.text[st.title[0]:st.title[1]]
    assert title.startswith("中共枫岭县石桥镇委员会领导班子") and title.endswith("（2025年1月 日）")
    assert {k: v.heading for k, v in st.sections.items()} == {
        "problems": "一、存在的主要问题", "causes": "二、问题产生的原因", "measures": "三、整改措施"}
    # aspect headings without their own text group 1./2. sub-items
    assert [it.marker for it in st.problems] == ["1.", "2.", "1.", "2."]
    assert [it.group for it in st.problems] == ["（一）在带头严守政治纪律和政治规矩方面"] * 2 + \
        ["（二）在带头增强党性、严守纪律方面"] * 2
    assert st.problems[0].label == "落实“第一议题”制度有偏差"
    assert st.problems[1].text.endswith("被县委办通报。")
    # inline 一是 in a single cause paragraph
    assert [it.marker for it in st.causes] == ["一是", "二是", "三是"]
    assert st.causes[0].label == "理想信念这个“总开关”拧得不紧"
    assert st.causes[0].text.endswith("就让路。")
    assert st.causes[2].text.endswith("放松了警惕。")
    # measures: closing formula excluded
    assert len(st.measures) == 3
    assert st.measures[-1].text.endswith("交镇组织办备案。")
    assert "批评指正" not in st.measures[-1].text
    assert st.sections["measures"].end == st.measures[-1].end
    # headings: levels of the hierarchy
    levels = {(h.marker, h.level) for h in st.headings}
    assert ("一、", 1) in levels and ("（一）", 2) in levels and ("1.", 3) in levels and ("一是", 6) in levels


# --------------------------------------------------------------------------------------------
# 2. Headings inside paragraphs, items as inline 一是 in one paragraph

INLINE_DRAFT = """县委常委、宣传部部长 王敏
2020年度民主生活会个人对照检查材料
根据县委统一部署，我认真学习了规定篇目，征求意见建议11条。现将个人对照检查情况报告如下：
一、存在的问题。经过认真查摆，主要有以下问题：一是意识形态责任“签字了事”。3月柳塘乡征地帖文在本地论坛传播5天，我只批转1次。二是理论学习不深。县委中心组集中学习11次，我作交流发言只有2次；三是调查研究不实。全年到河湾社区调研3次，都是听汇报。
二、原因剖析：一是党性修养有所放松；二是政绩观有偏差，把排名看得重。
三、整改措施。一是2021年3月底前牵头修订《枫岭县网络舆情应急处置办法》。二是每季度到河湾社区蹲点1天，全年不少于4次。
以上是我的对照检查，不当之处，请同志们批评指正。"""


def test_heading_inside_paragraph_and_inline_items():
    doc = make(INLINE_DRAFT)
    st = parse(doc)
    check_spans(doc, st)
    assert st.sections["problems"].heading == "一、存在的问题"
    assert st.sections["causes"].heading == "二、原因剖析"
    assert st.sections["measures"].heading == "三、整改措施"
    assert [it.marker for it in st.problems] == ["一是", "二是", "三是"]
    assert st.problems[0].text == "一是意识形态责任“签字了事”。3月柳塘乡征地帖文在本地论坛传播5天，我只批转1次。"
    assert st.problems[1].text.endswith("只有2次；")
    assert st.problems[1].label == "理论学习不深"
    assert [it.text for it in st.causes] == ["一是党性修养有所放松；", "二是政绩观有偏差，把排名看得重。"]
    assert len(st.measures) == 2 and st.measures[1].text.endswith("全年不少于4次。")


GUARD_DRAFT = """关于开展谈心谈话情况的说明
按照部署，我们开展了谈心谈话。
一、存在的问题
（一）思想认识不统一。班子成员思想统一是做好工作的前提，但在河湾社区改造上意见分歧大，拖了两个月。
（二）决策程序不规范。把“唯一是从”当成执行力，对县里的安排不加研究照搬照转。
二、整改措施
（一）每月召开1次班子务虚会，统一思想。"""


def test_inline_guard_excludes_tongyi_shi():
    doc = make(GUARD_DRAFT)
    st = parse(doc)
    check_spans(doc, st)
    assert not [h for h in st.headings if h.style == "inline"]
    assert len(st.problems) == 2


# --------------------------------------------------------------------------------------------
# 3. Unnumbered headings, paragraph items, label lines, markdown bold

UNNUMBERED = """枫岭县柳塘乡党委书记 李华
2021年度组织生活会发言提纲
按照乡党委的安排，我对照党章党规，结合思想和工作实际，进行了深入查摆。现将有关情况报告如下：
**存在的突出问题**
对乡村振兴项目跟踪不紧。2021年柳塘乡申报的3个产业项目有1个因土地手续不全停滞5个月，我直到县农业农村局通报才过问。
落实意识形态责任不到位。乡微信公众号半年只更新4次，群众在留言区反映的道路积水问题无人回复。
产生问题的根源
理想信念有所弱化，对学习抓得不紧。
宗旨意识有所淡化，满足于听汇报、看材料。
努力方向和整改措施
项目跟踪
建立项目推进台账，每月调度1次，由我牵头。
2022年3月底前办结停滞项目的土地手续。
阵地管理
乡公众号每周更新不少于2期，留言48小时内回复。
以上发言，请同志们批评指正。
2022年1月10日"""


def test_unnumbered_headings_paragraph_items_and_label_lines():
    doc = make(UNNUMBERED)
    st = parse(doc)
    check_spans(doc, st)
    assert {k: v.heading for k, v in st.sections.items()} == {
        "problems": "存在的突出问题", "causes": "产生问题的根源", "measures": "努力方向和整改措施"}
    assert [h.level for h in st.headings] == [0, 0, 0]
    assert [it.label for it in st.problems] == ["对乡村振兴项目跟踪不紧", "落实意识形态责任不到位"]
    assert len(st.causes) == 2
    # label lines group the paragraphs that follow them
    assert [it.label for it in st.measures] == ["项目跟踪", "阵地管理"]
    assert st.measures[0].text.endswith("土地手续。")
    assert st.measures[1].text == "阵地管理\n乡公众号每周更新不少于2期，留言48小时内回复。"
    assert st.sections["measures"].end == st.measures[1].end


# --------------------------------------------------------------------------------------------
# 4. Non-GB and half-width numbering, skips and repeats, circled and (1) sub-items

MIXED_NUMBERING = """县委常委、常务副县长 陈立
2020年度专题民主生活会对照检查材料
根据县委部署，我围绕会议主题认真开展了对照检查，现报告如下：
一、存在的主要问题
(一)管网工程监管靠听汇报。7月河湾社区开挖路段停工22天无人回填，我直到县长热线第3次转办才到现场。
(三)舆情处置迟缓。3月柳塘乡征地帖文传播5天，我只批转1次，致使事态扩大。
(三)廉洁自律有松懈。春节期间收受土特产2箱，事后才退还。
二、问题产生的原因
1、政绩观有偏差。习惯用上级排名衡量工作。
2、纪律规矩意识松了。看到考核反馈时先想到“别的县也有”。
三、整改措施
1、针对管网回填滞后的问题：
①4月15日前对全县在建7个市政项目逐个排查；
②建立问题台账，整改一项销号一项。
2、针对舆情处置迟缓的问题：
（1）2021年3月底前牵头修订舆情处置办法；
（2）每季度听取1次网信工作汇报。
4、针对收受土特产的问题，春节前向县纪委报告1次个人廉洁情况。
以上对照检查，请同志们批评指正。"""


def test_mixed_numbering_skips_repeats_and_sub_levels():
    doc = make(MIXED_NUMBERING)
    st = parse(doc)
    check_spans(doc, st)
    assert [it.marker for it in st.problems] == ["(一)", "(三)", "(三)"]
    assert st.problems[1].label == "舆情处置迟缓"
    assert [it.marker for it in st.causes] == ["1、", "2、"]
    assert all(h.style == "non-gb" for h in st.headings if h.marker.endswith("、") and h.level == 3)
    # the measure children with their own text are items; their ① / （1） lines stay inside them
    assert [it.marker for it in st.measures] == ["1、", "2、", "4、"]
    assert st.measures[0].text.endswith("整改一项销号一项。")
    assert "（2）每季度听取1次网信工作汇报。" in st.measures[1].text
    assert st.measures[2].text.endswith("个人廉洁情况。")
    circled = [h for h in st.headings if h.style == "circled"]
    assert [h.number for h in circled] == [1, 2]
    assert [h.number for h in st.headings if h.level == 4] == [1, 2]


# --------------------------------------------------------------------------------------------
# 5. Combined problems-and-measures heading

COMBINED_PAIRED = """县委办公室主任个人对照检查材料
按照统一部署，我认真查摆了自身存在的问题，现报告如下：
一、存在的问题及整改措施
（一）文件把关不严。2020年以县委办名义印发文件96件，有5件出现文字差错。整改措施：2021年起实行“三审三校”，由我终审。
（二）督查流于形式。全年督查检查32次，发现问题后跟踪不够。下一步，建立督查问题台账，每月对账销号。
（三）服务基层不够。到联系的河湾社区只去了2次。
以上对照检查，请同志们批评指正。"""


def test_combined_heading_pairs_problem_and_measure_parts():
    doc = make(COMBINED_PAIRED)
    st = parse(doc)
    check_spans(doc, st)
    assert st.sections["problems"].heading == "一、存在的问题及整改措施"
    assert st.sections["measures"].heading == "一、存在的问题及整改措施"
    assert [it.label for it in st.problems] == ["文件把关不严", "督查流于形式", "服务基层不够"]
    assert st.problems[0].text.endswith("有5件出现文字差错。")
    assert [m.text[:5] for m in st.measures] == ["整改措施：", "下一步，建"]
    assert [m.answers for m in st.measures] == [[0], [1]]


COMBINED_SPLIT = """一、存在的问题和整改方向
（一）存在的问题
1.联系群众不紧密。全年到河湾社区接访2次。
2.执行制度打折扣。班子会议事规则修订后仍有3次临时动议。
（二）整改措施
1.每月到河湾社区接访1次。
2.临时动议一律不上会，由办公室把关。
二、对班子其他成员的批评意见
对黄建新同志：你分管的河湾社区改造停工22天，你仍按“进度正常”汇报。
对周梅同志：希望你注意劳逸结合。"""


def test_combined_heading_with_role_subsections_and_criticism_blocks():
    doc = make(COMBINED_SPLIT)
    st = parse(doc)
    check_spans(doc, st)
    assert st.title is None
    assert st.sections["problems"].heading == "（一）存在的问题"
    assert st.sections["measures"].heading == "（二）整改措施"
    assert [it.marker for it in st.problems] == ["1.", "2."]
    assert [it.marker for it in st.measures] == ["1.", "2."]
    assert st.sections["criticism"].heading == "二、对班子其他成员的批评意见"
    assert [it.text[:6] for it in st.criticisms] == ["对黄建新同志", "对周梅同志："]


# --------------------------------------------------------------------------------------------
# 6. Optional sections, sub-headings that must not open sections, missing measures

ANNUAL_2025 = """中共枫岭县委常委班子
2025年度民主生活会对照检查材料
按照中央和省委、市委部署，县委常委班子紧扣会议主题，深入开展学习研讨，现将对照检查情况报告如下：
一、上年度民主生活会整改落实情况
上年度查摆的5个方面14个问题，已完成整改12个，其余2个正在推进。
二、存在的突出问题
（一）在带头强化政治忠诚、提高政治能力方面。班子对上级决策部署有时满足于开会发文，2025年县委常委会研究的27项事项中有5项没有跟踪落实。
（二）在带头干事创业、担当作为方面。柳塘乡产业园项目拖延8个月，班子在县委常委会上3次研究都没有形成结论。
三、反面典型案例剖析
（一）案例原因剖析
县交通运输局原局长赵某违纪违法案件，根子在于理想信念动摇。
（二）对照案例查摆自身差距
班子对交通领域的监督停留在听汇报上。
四、问题产生的原因
理想信念教育抓得不紧，满足于完成规定动作。
五、整改措施
（一）针对跟踪落实不够的问题。建立县委常委会议定事项台账，每月对账销号。
（二）落实整改措施不力的问题由县委督查室跟踪。2026年6月底前产业园项目开工。
六、个人有关事项说明
班子成员本人及配偶子女均无经商办企业情况。"""


def test_optional_sections_and_subheadings_do_not_open_sections():
    doc = make(ANNUAL_2025)
    st = parse(doc)
    check_spans(doc, st)
    assert {k: v.heading for k, v in st.sections.items()} == {
        "last_year": "一、上年度民主生活会整改落实情况",
        "problems": "二、存在的突出问题",
        "case_analysis": "三、反面典型案例剖析",
        "causes": "四、问题产生的原因",
        "measures": "五、整改措施",
        "personal_matters": "六、个人有关事项说明",
    }
    # （一）案例原因剖析 stays inside the case section
    case = st.sections["case_analysis"]
    assert case.end < st.sections["causes"].start
    assert "对照案例查摆自身差距" in doc.text[case.start:case.end]
    # aspect headings that carry their own text are the items
    assert [it.marker for it in st.problems] == ["（一）", "（二）"]
    assert st.problems[0].group is None
    assert st.problems[0].label == "在带头强化政治忠诚、提高政治能力方面"
    assert len(st.measures) == 2
    assert st.measures[1].text.endswith("产业园项目开工。")
    assert len(st.causes) == 1


NO_MEASURES = """县委常委、县纪委书记个人对照检查材料
根据县委的安排，我认真进行了对照检查。
一、存在的突出问题
（一）监督探头作用发挥不够。一条问题线索在县纪委搁置4个月。
（二）执纪问责偏软。4名干部违规收受礼金只作诫勉处理。
（三）落实整改措施不力。上年度巡察反馈的3个问题至今未销号。
二、产生问题的原因
（一）斗争精神有所弱化。
（二）纪律规矩意识松懈。
以上是我的对照检查，请同志们批评指正。"""


def test_missing_measures_section_and_problem_subheading_mentioning_measures():
    doc = make(NO_MEASURES)
    st = parse(doc)
    check_spans(doc, st)
    assert set(st.sections) == {"problems", "causes"}
    assert len(st.problems) == 3
    assert st.measures == []
    assert st.causes[-1].text == "（二）纪律规矩意识松懈。"


# --------------------------------------------------------------------------------------------
# 7. Criticism as one paragraph, criticism by sub-headings

ONE_PARAGRAPH_CRITICISM = """一、存在的主要问题
（一）调研不深。全年到柳塘乡调研2次。
二、相互批评意见
陈立同志对管网工程的现场监管靠听汇报，河湾社区路段停工22天。王敏同志落实意识形态责任停在签责任书上，5个乡镇未按期研判。李华同志工作成绩有目共睹。"""


def test_criticism_sentence_groups_in_one_paragraph():
    doc = make(ONE_PARAGRAPH_CRITICISM)
    st = parse(doc)
    check_spans(doc, st)
    assert [it.text[:4] for it in st.criticisms] == ["陈立同志", "王敏同志", "李华同志"]
    assert st.criticisms[2].text == "李华同志工作成绩有目共睹。"


CRITICISM_SUBHEADINGS = """三、批评意见
1.对县长同志的批评意见
你对城投公司债务风险研判过于乐观，10月一笔贷款险些逾期。
建议年内制定债务化解方案。
2.对组织部长同志的批评意见
干部考察偏重会议推荐票，2名新提拔干部试用期内违纪。"""


def test_criticism_blocks_by_numbered_subheadings():
    doc = make(CRITICISM_SUBHEADINGS)
    st = parse(doc)
    check_spans(doc, st)
    assert st.sections["criticism"].heading == "三、批评意见"
    assert [it.label for it in st.criticisms] == ["对县长同志的批评意见", "对组织部长同志的批评意见"]
    assert st.criticisms[0].text.endswith("建议年内制定债务化解方案。")


# --------------------------------------------------------------------------------------------
# 8. Aspect groups with inline 一是 sub-items; keyword headings the variants do not list

ASPECT_INLINE = """县委常委、组织部部长对照检查材料
按照部署，现将对照检查情况报告如下：
一、对照“四个带头”查找的差距
（一）在带头增强党性方面：一是“三会一课”参加不经常，全年参加所在支部组织生活4次；二是批评与自我批评辣味不足。
（二）在带头严守纪律方面。具体表现为：一是干部考察把关不严，2名新提拔干部试用期内违纪。二是对下属请托打招呼问题没有制止。
二、剖析问题的根子
一是理想信念有所弱化。二是纪律规矩意识松懈。
三、下一步努力的方向
一是每月参加支部组织生活不少于1次。二是6月底前出台干部考察廉政“双签字”办法。"""


def test_aspect_groups_with_inline_subitems_and_keyword_headings():
    doc = make(ASPECT_INLINE)
    st = parse(doc)
    check_spans(doc, st)
    assert st.sections["problems"].heading == "一、对照“四个带头”查找的差距"
    assert st.sections["causes"].heading == "二、剖析问题的根子"
    assert st.sections["measures"].heading == "三、下一步努力的方向"
    assert [it.marker for it in st.problems] == ["一是", "二是", "一是", "二是"]
    assert [it.group for it in st.problems] == ["（一）在带头增强党性方面"] * 2 + ["（二）在带头严守纪律方面"] * 2
    assert st.problems[0].text == "一是“三会一课”参加不经常，全年参加所在支部组织生活4次；"
    assert st.problems[3].text == "二是对下属请托打招呼问题没有制止。"
    assert len(st.causes) == 2 and len(st.measures) == 2


# --------------------------------------------------------------------------------------------
# 9. Rule file validation and speed


def test_sections_yaml_unknown_key_is_config_error(tmp_path):
    bad = tmp_path / "sections.yaml"
    bad.write_text("version: 1\nkeywords:\n  - {role: causes, patern: '原因'}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_section_rules(bad)
    assert str(bad) in str(err.value) and "keywords[0].patern" in str(err.value)
    bad.write_text("version: 1\nsection_names: {}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_section_rules(bad)
    assert "section_names" in str(err.value)
    bad.write_text("variants:\n  problemz: [存在的问题]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_section_rules(bad)
    assert "problemz" in str(err.value)
    bad.write_text("keywords:\n  - {role: causes, pattern: '原因('}\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_section_rules(bad)


def test_shipped_rules_load():
    rules = load_section_rules()
    assert rules.classify("问题产生的原因") == ("causes",)
    assert rules.classify("上次民主生活会整改落实情况") == ("last_year",)
    assert rules.classify("存在的问题及整改措施") == ("problems", "measures")
    assert rules.classify("需要说明的问题") == ("personal_matters",)
    assert rules.classify("对照查摆的问题") == ("problems",)
    assert rules.classify("深挖问题的根源") == ("causes",)
    assert rules.classify("下步整改的举措") == ("measures",)
    assert rules.classify("在政治建设方面") is None


def test_empty_and_plain_text():
    assert parse(make("")).sections == {}
    st = parse(make("这是一段没有任何结构的文字。\n第二段。"))
    assert st.sections == {} and st.problems == []


# --------------------------------------------------------------------------------------------
# 10. The labelled dev corpus

GOLD_FILES = sorted(GOLD.glob("*.txt"))


@pytest.mark.skipif(not GOLD_FILES, reason="dev corpus not available")
@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_dev_corpus_gold(path: Path):
    text = Path(path).read_text("utf-8").replace("\r\n", "\n")
    doc = Document(id=path.stem, path=str(path), text=text, format="txt")
    gold = json.loads(path.with_suffix(".gold.json").read_text("utf-8"))
    st = parse(doc)
    check_spans(doc, st)
    for role, heading in gold["sections"].items():
        if heading is None:
            assert role not in st.sections
        else:
            assert st.sections[role].heading == heading
    for kind, key in (("problem", "problems"), ("measure", "measures")):
        found = [it.text for it in st.items(kind)]
        want = [x["text"] for x in gold[key]]
        assert len(found) == len(want)
        for f, w in zip(found, want):
            assert f.startswith(w)


# --------------------------------------------------------------------------------------------
# 11. Preamble lists, headings repeated per aspect, bare aspect headings over paragraphs

TEAM_2021 = """中共枫岭县委常委班子2021年度民主生活会对照检查材料
会前，班子主要做了以下准备工作：
1.集中学习。县委常委会集中学习4次。
2.查摆问题。通过征求意见、谈心谈话查摆问题。
一、存在的问题
（一）在带头坚定理想信念方面
班子理论学习“上热下冷”，2021年中心组学习12次，联系实际研讨的只有3次。
对党的创新理论学用脱节，石桥镇产业园规划调整中没有体现新发展理念。
（二）在带头为民服务方面
河湾社区管网改造停工22天，班子没有专题研究。
二、在作风建设方面存在的问题
（一）文山会海反弹。全年发文412件。
（二）督查检查过多。全年督查检查考核事项37项。
三、问题产生的原因
理想信念教育抓得不紧。
四、整改措施
整改措施不落实的问题，由县委督查室跟踪。
今后，班子将建立问题台账，每月对账销号。
以上对照检查，请同志们批评
指正。
2022年1月20日"""


def test_preamble_list_repeated_role_headings_and_aspect_paragraphs():
    doc = make(TEAM_2021)
    st = parse(doc)
    check_spans(doc, st)
    # 2.查摆问题 in the preamble does not open a section; 二、在作风建设方面存在的问题 extends the first
    problems = st.sections["problems"]
    assert problems.heading == "一、存在的问题"
    assert problems.end == doc.text.index("三、问题产生的原因") - 1
    groups = [it.group for it in st.problems]
    # an aspect heading over one paragraph groups it like an aspect over two
    assert groups == ["（一）在带头坚定理想信念方面"] * 2 + ["（二）在带头为民服务方面"] + ["二、在作风建设方面存在的问题"] * 2
    assert st.problems[0].text.endswith("只有3次。") and st.problems[1].text.startswith("对党的创新理论")
    assert st.problems[2].marker == "" and st.problems[2].text.endswith("没有专题研究。")
    assert not st.problems[2].text.startswith("（二）")
    # a measure paragraph that names 整改措施 is not a heading; the wrapped closing and date are dropped
    assert st.sections["measures"].heading == "四、整改措施"
    assert len(st.measures) == 2
    assert st.measures[-1].text.endswith("每月对账销号。")
    assert st.sections["measures"].end == st.measures[-1].end


PARTS_AND_INDENT = """第一部分 存在的问题
\u3000\u30001.理论学习不深。全年读书2本。
\u3000\u30002.调研不实。到柳塘乡调研3次，都是听汇报。
第二部分 产生问题的根源分析
\u3000\u3000思想上，放松了主观世界改造。
\u3000\u3000作风上，满足于听汇报。
第三部分 今后努力方向和整改措施
\u3000\u3000(1)每月读书1本，全年不少于12本。
\u3000\u3000(2)每季度到柳塘乡蹲点调研1次。
\u3000\u3000我将以此次民主生活会为契机，切实抓好整改。"""


def test_part_headings_indentation_and_half_width_brackets():
    doc = make(PARTS_AND_INDENT)
    st = parse(doc)
    check_spans(doc, st)
    assert st.title is None
    assert [st.sections[r].heading for r in ("problems", "causes", "measures")] == [
        "第一部分 存在的问题", "第二部分 产生问题的根源分析", "第三部分 今后努力方向和整改措施"]
    assert [it.marker for it in st.problems] == ["1.", "2."]
    assert st.problems[0].start == doc.text.index("1.理论")
    assert [it.label for it in st.causes] == ["思想上，放松了主观世界改造", "作风上，满足于听汇报"]
    assert [it.marker for it in st.measures] == ["(1)", "(2)"]
    assert st.measures[-1].text.endswith("蹲点调研1次。")


def test_unnumbered_label_line_is_not_a_section():
    text = ("一、存在的主要问题\n理论学习方面\n学习不深不透。全年只读完2本书。\n整改措施不落实\n"
            "上年度巡察反馈的3个问题至今未销号。\n二、整改措施\n1.每月读书1本。")
    doc = make(text)
    st = parse(doc)
    check_spans(doc, st)
    assert st.sections["measures"].heading == "二、整改措施"
    assert [it.label for it in st.problems] == ["理论学习方面", "整改措施不落实"]
    assert len(st.measures) == 1


INLINE_LEADS = """一、存在的问题
在理论学习方面：一是学用脱节，全年中心组学习11次只发言2次；二是读原著少。
在工作作风方面：
一是调研不实。到柳塘乡调研3次，都是听汇报。
二是接访少，全年到县信访局接访1次。
二、原因剖析
主要有以下几个方面的原因：
一是理想信念弱化。
二是宗旨意识淡化。
三、整改措施
（一）加强学习。具体措施：一是每月读书1本；二是每季度撰写心得1篇。
（二）改进作风。
1.每月到柳塘乡蹲点1天。
2.每季度接访1次。"""


def test_inline_items_with_aspect_leads_and_measure_steps():
    doc = make(INLINE_LEADS)
    st = parse(doc)
    check_spans(doc, st)
    assert [(it.marker, it.group) for it in st.problems] == [
        ("一是", "在理论学习方面"), ("二是", "在理论学习方面"), ("一是", "在工作作风方面"), ("二是", "在工作作风方面")]
    assert st.problems[1].text == "二是读原著少。"          # the next lead line is not part of it
    assert st.problems[2].text == "一是调研不实。到柳塘乡调研3次，都是听汇报。"
    assert [(it.marker, it.group) for it in st.causes] == [("一是", None), ("二是", None)]
    # a measure heading over its own steps (一是…二是…, 1. 2.) stays one measure
    assert [it.marker for it in st.measures] == ["（一）", "（二）"]
    assert st.measures[1].text.endswith("2.每季度接访1次。")


def test_misnumbered_items_blank_lines_and_keyword_only_heading():
    text = ("一、存在的问题\n\n一、理论学习不深。全年只读2本书。\n\n二、调研不实。到柳塘乡调研3次。\n\n"
            "二、原因分析\n\n理想信念弱化。\n\n三、下步工作打算\n\n今后每月读书1本。\n")
    doc = make(text)
    st = parse(doc)
    check_spans(doc, st)
    assert [st.sections[r].heading for r in ("problems", "causes", "measures")] == [
        "一、存在的问题", "二、原因分析", "三、下步工作打算"]
    assert [it.label for it in st.problems] == ["理论学习不深", "调研不实"]
    assert st.problems[1].end == st.sections["problems"].end
    assert [it.text for it in st.measures] == ["今后每月读书1本。"]


# --------------------------------------------------------------------------------------------
# 12. Any mix of markers, headings and text parses without error and with exact spans

_FRAGMENTS = ["一、", "二、", "（一）", "(二)", "1.", "2、", "（1）", "①", "一是", "二是", "第一部分 ", "**", "　　", " ",
              "存在的问题", "问题产生的原因", "整改措施", "相互批评意见", "存在的问题及整改措施", "在带头增强党性方面",
              "对黄建新同志：", "陈立同志", "理论学习不深", "全年调研3次", "。", "：", "；", "，", "“", "”",
              "以上对照检查，请同志们批评指正。", "2021年1月10日", "统一是", "具体表现为：", "下一步，"]


@settings(max_examples=150, deadline=None)
@given(hs.lists(hs.lists(hs.sampled_from(_FRAGMENTS), max_size=8).map("".join), max_size=25))
def test_random_drafts_parse_with_exact_spans(paragraphs):
    doc = make("\n".join(paragraphs))
    st = parse(doc)
    check_spans(doc, st)
    for kind in ("problem", "cause", "measure", "criticism"):
        for it in st.items(kind):
            assert it.end > it.start
