"""Copy detection: quoted claims of a source, scaffolding at passage edges, reordered sentence ends.

Fictional unit: 临江电力集团有限公司 (a state-owned power company), 2024年度民主生活会.
"""
from __future__ import annotations

from analyzer.model import Document, Reuse
from analyzer.reuse import compare_documents, detect_reuse
from test_reuse import coverage

UNIT = "中共临江电力集团有限公司委员会"
TITLE = "2024年度民主生活会个人对照检查材料"

TEAM_CLAIM = "燃煤机组灵活性改造进度滞后，调峰能力提升不明显，2024年深度调峰补偿收入仅完成预算的61%"
TEAM = "\n".join([
    UNIT + "领导班子",
    "2024年度民主生活会对照检查材料",
    "三、存在的主要问题",
    "（三）在带头在遵规守纪、清正廉洁前提下勇于担责、敢于创新方面",
    "一是" + TEAM_CLAIM + "。二是科技创新投入偏少，研发经费投入强度只有0.9%。",
    "（四）在带头履行全面从严治党政治责任方面",
    "一是对下属企业“一把手”监督偏软，习近平总书记强调的“全面从严治党永远在路上，一刻不停歇”的要求落实不到位。",
])

TEMPLATE = "\n".join([
    "首页 > 范文大全 > 民主生活会",
    "2024年度国有企业领导班子成员民主生活会个人对照检查材料（通用版）",
    "一、存在的问题",
    "（二）在带头增强党性、严守纪律、砥砺作风方面",
    "对党纪学习教育的认识还停留在“学条文、考条文”的层面，没有把纪律要求内化为日常的行为自觉。"
    "日常工作中习惯于坐在办公室看材料、听汇报，到基层一线蹲点调研的次数偏少，对一线职工的急难愁盼掌握得不够真切。",
    "（三）在带头在遵规守纪、清正廉洁前提下勇于担责、敢于创新方面",
    "面对改革中的深层次矛盾，存在求稳怕乱的心态，担心改出问题、担心触及利益，宁可不干事、也不愿出事。"
    "在创新方面，习惯于沿用老办法，对新业态、新模式研究不深，工作有时满足于不出错。",
    "（四）在带头履行全面从严治党政治责任方面",
    "对分管领域的党风廉政建设，满足于开会讲一讲、文件转一转、责任书签一签，对下属单位的监督检查宽松软，抓早抓小不到位。",
])


def doc(id_, text, kind="member", member=None, year=None) -> Document:
    return Document(id=id_, path=f"{id_}.txt", text=text, format="txt", kind=kind, member=member, year=year)


def draft(name: str, role: str, *body: str) -> str:
    return "\n".join([UNIT, TITLE, f"{role}　{name}", *body])


def outside(text: str, rs: list[Reuse], needle: str) -> int:
    """Reported characters outside ``needle``."""
    s = text.index(needle)
    e = s + len(needle)
    return sum(max(0, min(r.end, s) - r.start) + max(0, r.end - max(r.start, e)) for r in rs)


# --- 1. a quotation of the team's material is a team claim ------------------------------------

OWN_1 = ("2. 对江口电厂3号机组检修工期一再拖延。原定10月底完成的C级检修拖到12月中旬，我三次听取汇报都没有"
         "到现场，导致迎峰度冬期间少发电约2.6亿千瓦时。")
OWN_2 = ("1. 对售电公司客户流失问题研判不足。2024年售电公司流失年用电量5000万千瓦时以上的客户3家，"
         "我只在月度经营分析会上提过一次要求，没有组织专题研究。")


def test_quoted_team_claim_is_reported_as_team():
    text = draft("唐志远", "党委书记、董事长", "一、存在的问题",
                 f"1. 灵活性改造推进不力。班子查摆的“{TEAM_CLAIM}”这一问题，我作为主要负责人负有第一责任。", OWN_1)
    res = detect_reuse([doc("A", text)], team=[doc("TEAM", TEAM, kind="team")])
    team = [r for r in res.reuse if r.source_kind == "team"]
    assert team and {r.source for r in team} == {"TEAM"}
    assert coverage(text, team, TEAM_CLAIM) >= 0.98          # 58% : the sign is part of the number
    assert outside(text, team, TEAM_CLAIM) <= 2             # at most the quotation marks
    assert not [r for r in res.reuse if r.source_kind != "team"]
    assert res.figures["A"]["ratio_by_kind"]["team"] > 0 and res.figures["A"]["ratio_without_team"] == 0


def test_two_members_quoting_the_team_claim_are_team_not_member_reuse():
    a = draft("唐志远", "党委书记、董事长", "一、存在的问题", f"1. 班子查摆的“{TEAM_CLAIM}”这一问题，我负有第一责任。", OWN_1)
    b = draft("许文博", "党委委员、副总经理", "一、存在的问题", OWN_2,
              f"2. 我分管生产技术，对班子指出的“{TEAM_CLAIM}”问题负有直接责任。")
    res = detect_reuse([doc("A", a), doc("B", b)], team=[doc("TEAM", TEAM, kind="team")])
    assert {(r.doc, r.source_kind) for r in res.reuse} == {("A", "team"), ("B", "team")}


def test_quoting_ones_own_earlier_draft_is_history():
    old_sentence = "对江口电厂输煤系统隐患排查不彻底，2023年输煤栈桥两次发生皮带跑偏，我没有追查到具体责任人"
    old = doc("A2023", "\n".join([UNIT, "2023年度主题教育专题民主生活会个人对照检查材料",
                                  "（一）安全生产方面。" + old_sentence + "。"]), kind="history", member="唐志远", year=2023)
    text = draft("唐志远", "党委书记、董事长", "一、存在的问题",
                 f"1. 去年我查摆过“{old_sentence}”的问题，今年输煤皮带又起火了，说明整改没有见效。", OWN_1)
    res = detect_reuse([doc("A", text, member="唐志远", year=2024)], history=[old])
    hist = [r for r in res.reuse if r.source_kind == "history"]
    assert hist and coverage(text, hist, old_sentence) >= 0.95


def test_quotation_the_source_itself_quotes_or_only_a_template_holds_stays_boilerplate():
    speech = "全面从严治党永远在路上，一刻不停歇"      # the team material quotes it too
    rule = "对分管领域的党风廉政建设，满足于开会讲一讲、文件转一转、责任书签一签"   # only in the template
    text = draft("许文博", "党委委员、副总经理", "一、存在的问题",
                 f"1. 总书记强调“{speech}”，我对下属企业的监督仍然偏软。", OWN_2,
                 f"3. 有的同志批评我“{rule}”，这个批评是中肯的。")
    res = detect_reuse([doc("B", text)], team=[doc("TEAM", TEAM, kind="team")],
                       templates=[doc("T01", TEMPLATE, kind="template")])
    assert res.reuse == []


def test_compare_documents_sees_a_quoted_team_claim():
    text = draft("唐志远", "党委书记、董事长", f"1. 班子查摆的“{TEAM_CLAIM}”这一问题，我负有第一责任。", OWN_1)
    rs = compare_documents(doc("A", text), doc("TEAM", TEAM, kind="team"))
    assert rs and all(r.source_kind == "team" for r in rs) and coverage(text, rs, TEAM_CLAIM) >= 0.98


# --- 2. titles, headings, item numbers and lead-ins are not copied text -------------------------

def test_shared_title_block_and_headings_alone_are_not_reuse():
    a = draft("唐志远", "党委委员、副总经理", "一、存在的问题",
              "（一）在带头严守政治纪律和政治规矩、维护党的团结统一方面", OWN_1)
    b = draft("许文博", "党委委员、副总经理", "一、存在的问题",
              "（一）在带头严守政治纪律和政治规矩、维护党的团结统一方面", OWN_2)
    old = doc("B2023", draft("许文博", "党委委员、副总经理", "一、存在的问题", "（一）理论学习方面。学习不够系统。"),
              kind="history", member="许文博", year=2023)
    res = detect_reuse([doc("A", a), doc("B", b, member="许文博", year=2024)], history=[old])
    assert res.reuse == [], [(r.doc, r.source, r.excerpt) for r in res.reuse]


def test_copied_items_start_after_heading_and_item_number():
    first = "对党纪学习教育的认识，还停留在“学条文、考条文”层面，没有把纪律要求内化为日常行为自觉。"
    second = "日常工作中习惯于在办公室看文件、听汇报，深入基层一线蹲点调研的次数不多，对一线职工的急难愁盼掌握得不够真切。"
    text = draft("孟凡超", "党委副书记、工会主席", "一、存在的主要问题",
                 "（二）在带头增强党性、严守纪律、砥砺作风方面",
                 f"一是{first}二是{second}三是联系职工的渠道比较单一，和职工交心的机会少。")
    res = detect_reuse([doc("C", text)], templates=[doc("T01", TEMPLATE, kind="template")])
    rs = [r for r in res.reuse if r.source == "T01"]
    assert coverage(text, rs, first) >= 0.95 and coverage(text, rs, second) >= 0.95
    assert rs[0].excerpt.startswith("对党纪学习教育")           # neither the heading nor 一是
    assert rs[-1].excerpt.endswith("不够真切。")                # not the next item's 三是
    assert outside(text, rs, f"{first}二是{second}") == 0      # an inner 二是 may stay
    assert rs[0].source_excerpt.startswith("对党纪学习教育")


def test_lead_in_and_item_title_before_a_copied_sentence_are_not_reported():
    copied = "在创新方面，习惯于沿用老办法，对新业态、新模式研究不深，工作有时满足于不出错。"
    text = draft("罗振东", "党委委员、副总经理", "一、查摆出的问题",
                 "(三)遵规守纪、清正廉洁前提下勇于担责、敢于创新方面",
                 f"1.“墨守成规”现象。主要表现在：{copied}扪心自问，这是创新意识不强的表现。")
    res = detect_reuse([doc("D", text)], templates=[doc("T01", TEMPLATE, kind="template")])
    rs = [r for r in res.reuse if r.source == "T01"]
    assert rs and coverage(text, rs, copied) >= 0.95 and outside(text, rs, copied) == 0


def test_renumbered_item_drops_its_number_same_number_keeps_it():
    kept = "（一）理论学习的“总开关”没有拧紧。我长期从事营销工作，习惯于用市场的眼光看问题，对理论学习缺乏内在动力。"
    moved = "改进客户服务工作。每月走访重点用电客户不少于2家，3月底前推动出台大客户经理制实施办法。"
    old = doc("E2023", "\n".join([
        UNIT, "2023年度主题教育专题民主生活会个人对照检查材料", "二、原因剖析", kept,
        "（二）政绩观存在偏差。在新能源项目推进中急于抢装机、抢指标，把速度放在合规前面。",
        "三、整改措施",
        "（一）坚持每月参加一次营销中心党支部学习，每季度撰写一篇学习体会。",
        "（二）严格执行新能源项目合规管理，所有项目取得用地预审意见后方可开工。",
        "（三）" + moved.replace("3月", "2024年3月")]), kind="history", member="邱建华", year=2023)
    text = draft("邱建华", "党委委员、副总经理", "二、原因剖析", kept,
                 "（二）纪律规矩意识淡薄。把党纪学习教育当成阶段性任务，对审批权限这些“小事”没有上升到纪律高度。",
                 "三、整改措施",
                 "（一）严格执行授权审批制度，2月底前梳理营销合同审批权限，形成清单报总经理办公会审定。",
                 "（二）" + moved.replace("3月", "2025年3月"))
    res = detect_reuse([doc("E", text, member="邱建华", year=2024)], history=[old])
    rs = sorted((r for r in res.reuse if r.source_kind == "history"), key=lambda r: r.start)
    assert len(rs) == 2, [r.excerpt for r in rs]
    assert rs[0].excerpt.startswith("（一）理论学习") and coverage(text, rs[:1], kept) >= 0.98
    assert rs[1].excerpt.startswith("改进客户服务工作") and rs[1].source_excerpt.startswith("改进客户服务工作")


def test_heading_inside_a_copied_passage_stays():
    body = TEMPLATE.split("\n")
    copied = "\n".join(body[4:7])       # paragraph, next aspect heading, paragraph
    text = draft("孟凡超", "党委副书记、工会主席", "一、存在的主要问题", "（二）在带头增强党性方面", copied, OWN_2)
    res = detect_reuse([doc("C", text)], templates=[doc("T01", TEMPLATE, kind="template")])
    rs = [r for r in res.reuse if r.source == "T01"]
    assert len(rs) == 1 and coverage(text, rs, copied) >= 0.98


# --- 3. a copied sentence whose last clauses were swapped -------------------------------------

def test_swapped_clauses_at_the_end_of_a_copied_sentence():
    copied = "面对改革中的深层次矛盾，存在求稳怕乱的心态，担心触及利益、担心改出问题，宁肯不干事、也不想出事。"
    text = draft("罗振东", "党委委员、副总经理", "一、查摆出的问题", "（三）担当作为方面",
                 copied + "去年北湖光伏项目征地协调拖了5个月，就是这种心态的结果。", OWN_2)
    res = detect_reuse([doc("D", text)], templates=[doc("T01", TEMPLATE, kind="template")])
    rs = [r for r in res.reuse if r.source == "T01"]
    assert rs and coverage(text, rs, copied) >= 0.98 and outside(text, rs, copied) == 0
