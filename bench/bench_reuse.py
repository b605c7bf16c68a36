"""Province-scale benchmark for copy detection (analyzer.reuse).

Generates N synthetic self-examination drafts (~3,000 characters each) from phrase banks — leaders,
portfolios, fictional towns and projects, numbers and dates, problem / cause / measure clause
templates — plus public templates (范文) and some members' earlier-year drafts, and plants copies
of ≥ 30 characters: between members, from templates and from the member's own earlier draft,
verbatim and in every disguise (zero-width characters, spaces between characters, full/half
width, traditional characters, changed punctuation, a few synonyms, sentences reordered inside a
paragraph, year/count changes). Then runs ``detect_reuse`` (with the aspect labels and opening
formulas as boilerplate, as the rule set would pass them) and prints

* recall: share of planted copies found (reported for the right document and source, covering at
  least half of the planted text) and the share of planted characters covered;
* precision (planted): reported characters that lie in a planted copy (or in text two drafts got
  from the same planted template passage);
* precision (shared text): reported characters that are planted, or whose two excerpts really
  share a verbatim run of ≥ 18 normalised letters/digits — phrase-bank drafts share such runs by
  chance (stock wording), and reporting them is correct behaviour, not a false alarm;
* wall time of ``detect_reuse`` and peak memory (ru_maxrss of the process or its largest worker);
* the all-pairs baseline: rapidfuzz ``Indel.opcodes`` (an LCS alignment, what a naive
  cross-comparison would run) timed on a sample of draft pairs and extrapolated to N(N-1)/2 pairs.

    python3 bench/bench_reuse.py --n 1000 5000           # sizes to run
    python3 bench/bench_reuse.py --n 10000 20000 --workers 2
    python3 bench/bench_reuse.py --n 1000 --baseline-sample 200

Each size runs in a fresh subprocess so that peak memory (ru_maxrss) is per size.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analyzer.model import Document  # noqa: E402

# ------------------------------------------------------------------------------------------------
# phrase banks (invented; fictional places and people)

SYL1 = list("青石云南北东西白黄清柳桃梅松龙凤金银玉蓝红绿丰安宁平康永兴和新")
SYL2 = list("河山川岭坪湾桥塘溪沟田林坝湖峰源岗庄园港口阳")
TOWN_SUFFIX = ["镇", "乡", "街道"]
PORTFOLIOS = ["农业农村", "城乡建设", "教育卫生", "生态环境", "应急管理", "招商引资", "文化旅游", "交通运输",
              "民政社保", "市场监管", "自然资源", "水利水务", "工业园区", "商务金融", "信访维稳", "乡村振兴",
              "医疗保障", "安全生产", "国有资产", "统计审计"]
PROJECTS = ["高标准农田建设", "老旧小区改造", "污水处理厂提标", "农村公路提档", "易地搬迁后续扶持", "中小学校舍改造",
            "乡镇卫生院升级", "集贸市场改造", "河道综合治理", "工业园区标准厂房", "农产品冷链物流", "人居环境整治",
            "城区停车场建设", "供水管网改造", "垃圾分类收运", "危房改造", "文化广场建设", "电商服务站点",
            "茶叶产业园", "光伏扶贫电站", "畜禽粪污治理", "地质灾害隐患点治理", "背街小巷改造", "农贸市场提升"]
PROJ_SUFFIX = ["", "一期", "二期", "三期", "提升工程", "改造项目", "续建工程", "示范点", "试点", "片区项目", "配套工程",
               "攻坚行动", "专项行动", "三年行动"]
ROLES = ["县委书记", "县长", "常务副县长", "副县长", "纪委书记", "组织部长", "宣传部长", "政法委书记",
         "统战部长", "县委办主任", "人大常委会副主任", "政协副主席", "局长", "党组书记", "镇党委书记", "镇长"]
SURNAMES = list("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段")
GIVEN = list("明华建国军伟强平勇杰涛斌超刚辉志新峰磊洋文力春海林宇鹏飞云霞丽敏静燕芳红梅兰英")
ISSUES = ["项目推进缓慢", "资金拨付滞后", "群众反映强烈", "整改不到位", "监管存在盲区", "矛盾纠纷积压", "工作标准不高",
          "制度执行走样", "台账管理混乱", "安全隐患突出", "服务效能不高", "考核排名靠后"]
ACTIONS = ["调研", "督导", "暗访", "座谈", "接访", "现场办公", "专题研究", "约谈"]

OPENINGS = [
    "按照{level}统一部署，我围绕本次民主生活会主题，认真学习规定篇目，通过座谈走访、发放征求意见表等方式征求意见{n}条，"
    "与班子成员和分管部门负责同志谈心{m}人次。",
    "根据{level}关于召开专题民主生活会的通知要求，我结合分管的{pf}工作，深入查摆问题，共收集意见建议{n}条，"
    "逐条梳理后形成本材料。",
    "会前，我重读了党章和准则条例，到{town}等{m}个乡镇开展专题调研，收集到点名道姓指出我个人问题的意见{n}条。",
]
PROBLEM_HEADS = ["在政治建设方面", "在思想作风方面", "在担当作为方面", "在为民服务方面", "在廉洁自律方面",
                 "在落实主体责任方面", "在意识形态方面", "在组织生活方面"]
ADV = ["多次", "反复", "一度", "长期", "始终", "往往", "有时", "曾经", "还是", "依然", "屡次", "一再", "时常",
       "常常", "一向", "经常", "不时", "总是", "几次", "偶尔"]
VERB = ["督办", "过问", "跟进", "调度", "研究", "协调", "部署", "推动", "检查", "审核", "督促", "盯办", "核实",
        "回访", "调研", "复核"]
OUTCOME = ["群众意见很大", "被市里通报", "进度严重滞后", "资金闲置", "问题反弹", "被巡察指出", "造成不良影响",
           "拖了后腿", "错过了窗口期", "工期一拖再拖"]
LEAD = ["我", "本人", "作为分管领导，我", "作为第一责任人，我", "我在工作中", "我本人", "自己", "我个人",
        "作为班子成员，我", "作为党员领导干部，我"]
PROBLEM_CLAUSES = [
    "{year}年{lead}到{town}{act}只有{n}次",
    "对{town}{proj}{issue}{adv}只听汇报",
    "分管的{pf}领域在{town}有{n}个项目{issue}",
    "{town}群众反映的{proj}问题{lead}{adv}批转了事",
    "{month}月{day}日在{town}召开的{pf}会议{adv}只提要求",
    "全年审阅{pf}文件{m}份但很少到{town}{verb}",
    "导致{town}{n}户群众{k}次上访",
    "直到{year}年{month}月{outcome}才到{town}{verb}",
    "{pf}系统{n}名干部在{town}{act}中被问责",
    "{name}反映的{town}{issue}{lead}没有{verb}",
    "在{town}{act}发现问题{m}个只解决{k}个",
    "{town}{proj}资金{m}万元{adv}缺少{verb}",
    "{pf}考核第{n}位比上年降{k}位，{town}垫底",
    "推进{town}{proj}{adv}缺少统筹，{outcome}",
    "到{town}看{proj}只去了{k}个点",
    "对{town}{pf}领域{issue}{adv}心中无数",
    "{lead}对{town}{proj}的{verb}不够及时",
    "{town}的{proj}至今{outcome}",
    "{adv}以会议落实{pf}工作，全年发文{m}件、到{town}{k}次",
    "{pf}方面{n}项任务有{k}项{issue}，{town}占{k}项",
    "对{name}等{k}名干部{adv}失之于宽",
    "{month}月{town}发生{issue}后{lead}{adv}没到现场",
]
CAUSE_HEADS = ["理想信念方面", "宗旨意识方面", "党性修养方面", "纪律规矩方面", "担当精神方面"]
CAUSE_CLAUSES = [
    "到{town}后放松了{pf}以外的学习",
    "总觉得{town}的{pf}{adv}见效慢",
    "把精力{adv}放在{town}{proj}上",
    "对{town}基层意见听得少",
    "{adv}凭{k}年的经验办事",
    "在{town}工作{k}年形成定势",
    "对{town}{issue}认识不足",
    "怕得罪{name}等人{adv}不愿{verb}",
    "{adv}满足于{town}{pf}不出事",
    "对{pf}部门{adv}搞好人主义",
    "{lead}对{town}{proj}的风险{adv}估计不足",
    "把{town}{pf}当作{adv}软任务",
]
MEASURE_CLAUSES = [
    "{year2}年{month}月{day}日前完成{town}{proj}整改",
    "每季度到{town}{act}不少于{k}次",
    "建立{town}{pf}问题清单{m}条{adv}逐项销号",
    "对{town}{issue}实行包案{verb}",
    "每月{verb}一次{town}{proj}进度",
    "年底前在{pf}系统检查{k}次、抽查{town}等{n}个单位",
    "与{town}{pf}部门负责人谈心{n}人次",
    "{town}群众反映的{m}个问题{n}日内{verb}",
    "把{town}{proj}纳入督查，{outcome}的问责",
    "{year2}年{month}月前出台{town}{pf}考核办法",
    "{lead}牵头{verb}{town}{proj}，每{k}周一调度",
    "对{name}反映的{town}{issue}{n}天内答复",
]
MEASURE_HEADS = ["坚持学习不放松", "压实工作责任", "切实转变作风", "严守纪律规矩", "聚焦群众关切"]
CLOSINGS = ["以上对照检查，请同志们批评指正。", "以上发言，不妥之处，请同志们批评指正。",
            "我将以此次民主生活会为契机，认真抓好问题整改。"]

SYNONYMS = [("不够", "不足"), ("只有", "仅有"), ("问题", "情况"), ("及时", "按时"), ("开展", "组织"),
            ("推进", "推动"), ("检查", "督查"), ("群众", "百姓"), ("工作", "事务"), ("导致", "造成"),
            ("没有", "未能"), ("完成", "办结"), ("建立", "健全"), ("每月", "逐月"), ("项目", "工程")]
CN_NUM = "一二三四五六七八九十"

ZW = "\u200b"


# Each writer words the same idea in his own way: every fixed phrase of the clause templates has
# variants, chosen per occurrence, so that independent drafts rarely share 20 characters by chance.
STYLE = {
    "只有": ["只有", "仅有", "才", "一共只有", "全年仅"], "只听汇报": ["只听汇报", "满足于听汇报", "仅听取汇报", "只看材料", "停留在听汇报"],
    "分管的": ["分管的", "我分管的", "负责的", "联系的"], "领域": ["领域", "方面", "口子", "条线"],
    "群众反映的": ["群众反映的", "群众反映强烈的", "群众多次反映的", "信访反映的"], "批转了事": ["批转了事", "一批了之", "转办了之", "交办后不再过问"],
    "召开的": ["召开的", "主持的", "组织的"], "会议": ["会议", "专题会", "调度会", "推进会"], "只提要求": ["只提要求", "只讲原则", "只作部署", "重部署轻落实"],
    "全年审阅": ["全年审阅", "年内审签", "全年批阅", "一年来签批"], "但很少": ["但很少", "却很少", "但几乎没有", "可很少"],
    "导致": ["导致", "致使", "造成", "使得"], "户群众": ["户群众", "户村民", "户居民", "户农户"], "次上访": ["次上访", "次到县里上访", "次越级上访", "次到市里反映"],
    "直到": ["直到", "一直到", "拖到", "等到"], "才到": ["才到", "才去", "才赶到", "才下到"],
    "名干部": ["名干部", "名党员干部", "名工作人员"], "被问责": ["被问责", "受到处理", "被追责", "受到党纪处分"],
    "没有": ["没有", "未能", "没能", "一直没有"], "发现问题": ["发现问题", "查出问题", "梳理问题", "排查出问题"],
    "只解决": ["只解决", "仅整改", "只销号", "只办结"], "资金": ["资金", "专项资金", "补助资金", "配套资金"], "万元": ["万元", "余万元", "多万元"],
    "缺少": ["缺少", "缺乏", "疏于", "没有"], "考核第": ["考核第", "考核排名第", "年度考评第", "综合考核列第"], "比上年降": ["比上年降", "较上年下滑", "比去年后退", "同比下降"],
    "推进": ["推进", "推动", "实施", "建设"], "统筹": ["统筹", "通盘考虑", "整体谋划", "统一调度"], "只去了": ["只去了", "只看了", "仅跑了", "只走了"],
    "个点": ["个点", "个点位", "处现场", "个村"], "心中无数": ["心中无数", "底数不清", "情况不明", "掌握不全"], "不够及时": ["不够及时", "不及时", "滞后", "跟不上"],
    "至今": ["至今", "到现在", "目前仍", "眼下还"], "以会议落实": ["以会议落实", "以文件落实", "以开会代替落实", "以发文代替落实"],
    "全年发文": ["全年发文", "年内印发文件", "一年发文"], "项任务有": ["项任务有", "项重点任务中有", "项工作有"],
    "失之于宽": ["失之于宽", "失之于软", "管理偏松", "要求不严"], "发生": ["发生", "出现", "暴露出"], "没到现场": ["没到现场", "没有到现场", "未赶赴现场", "只电话过问"],
    "放松了": ["放松了", "忽视了", "淡化了", "减少了"], "以外的学习": ["以外的学习", "以外知识的学习", "之外的理论学习"],
    "总觉得": ["总觉得", "总认为", "片面认为", "觉得"], "见效慢": ["见效慢", "出不了成绩", "不出政绩", "显不出成效"],
    "把精力": ["把精力", "把主要精力", "把时间", "把心思"], "放在": ["放在", "集中在", "投在", "用在"],
    "基层意见听得少": ["基层意见听得少", "基层的声音听得不多", "群众意见听得少", "基层呼声了解不多"],
    "的经验办事": ["的经验办事", "的老经验办事", "的老办法干事", "的老套路做事"], "工作": ["工作", "任职", "干了"], "形成定势": ["形成定势", "形成思维定势", "习惯了老一套"],
    "认识不足": ["认识不足", "认识不到位", "重视不够", "估计不足"], "等人": ["等人", "等同志", "这些老同志"], "不愿": ["不愿", "不敢", "不想", "不肯"],
    "满足于": ["满足于", "只求", "习惯于", "甘于"], "不出事": ["不出事", "不出问题", "过得去", "四平八稳"],
    "部门": ["部门", "单位", "系统"], "搞好人主义": ["搞好人主义", "当老好人", "怕得罪人", "一团和气"], "的风险": ["的风险", "的困难", "的复杂性", "的难度"],
    "当作": ["当作", "看成", "视为"], "软任务": ["软任务", "软指标", "次要工作", "可有可无的事"],
    "日前完成": ["日前完成", "日前全部完成", "日以前完成", "日前办结"], "整改": ["整改", "整改销号", "问题整改", "整改验收"],
    "每季度到": ["每季度到", "每季至少到", "每个季度去", "按季度到"], "不少于": ["不少于", "至少", "不低于"],
    "建立": ["建立", "建好", "制定", "列出"], "问题清单": ["问题清单", "问题台账", "任务清单", "整改台账"], "逐项销号": ["逐项销号", "逐条销账", "对账销号", "逐一销号"],
    "实行包案": ["实行包案", "实行领导包案", "落实包案", "挂牌"], "每月": ["每月", "每个月", "按月", "每月至少"], "一次": ["一次", "1次", "一回"],
    "进度": ["进度", "进展", "推进情况", "工程进度"], "年底前在": ["年底前在", "年内在", "今年在", "12月底前在"], "系统检查": ["系统检查", "系统督查", "系统暗访", "系统巡查"],
    "抽查": ["抽查", "随机抽查", "抽检", "回访"], "个单位": ["个单位", "家单位", "个站所", "个科室"],
    "负责人谈心": ["负责人谈心", "负责人谈话", "一把手谈心", "班子成员谈心"], "日内": ["日内", "个工作日内", "天以内"],
    "纳入督查": ["纳入督查", "列入督办", "纳入重点督办", "列为督查事项"], "的问责": ["的问责", "的严肃问责", "的追责", "的通报"],
    "前出台": ["前出台", "前制定", "前修订", "前印发"], "考核办法": ["考核办法", "考评细则", "考核方案", "评价办法"],
    "牵头": ["牵头", "亲自牵头", "带头", "负责"], "周一调度": ["周一调度", "周调度一次", "周一督办", "周开一次会"],
    "天内答复": ["天内答复", "天内回复", "日内反馈", "天内给出答复"],
}
STYLE.update({
    "作为分管领导，我": ["作为分管领导，我", "身为分管副职，我", "作为分管同志，我", "我作为分管领导"],
    "作为第一责任人，我": ["作为第一责任人，我", "作为主要负责人，我", "身为第一责任人，我", "我作为第一责任人"],
    "我在工作中": ["我在工作中", "我在实际工作中", "我平时", "我在日常工作中"],
    "被市里通报": ["被市里通报", "被市委督查室通报", "在全市会上被点名", "被市政府约谈"],
    "进度严重滞后": ["进度严重滞后", "进度明显落后", "进展缓慢", "迟迟推不动"],
    "资金闲置": ["资金闲置", "资金沉淀", "钱花不出去", "资金趴在账上"],
    "问题反弹": ["问题反弹", "问题回潮", "问题再次出现", "整改后又反复"],
    "被巡察指出": ["被巡察指出", "被县委巡察组点出", "在巡察中被指出", "被审计发现"],
    "造成不良影响": ["造成不良影响", "影响很不好", "社会反响很差", "群众很有意见"],
    "拖了后腿": ["拖了后腿", "拖了全县后腿", "成了短板", "掉了链子"],
    "错过了窗口期": ["错过了窗口期", "错过了最佳时机", "耽误了工期", "误了农时"],
    "工期一拖再拖": ["工期一拖再拖", "工期一再延误", "竣工时间一推再推", "至今未能完工"],
    "群众意见很大": ["群众意见很大", "群众怨气较大", "群众颇有微词", "群众反复投诉"],
    "项目推进缓慢": ["项目推进缓慢", "项目进展迟缓", "项目落地慢"], "资金拨付滞后": ["资金拨付滞后", "资金到位慢", "拨款迟缓"],
    "群众反映强烈": ["群众反映强烈", "群众投诉多", "信访量大"], "整改不到位": ["整改不到位", "整改不彻底", "整改走过场"],
    "监管存在盲区": ["监管存在盲区", "监管有漏洞", "监管缺位"], "矛盾纠纷积压": ["矛盾纠纷积压", "纠纷积累较多", "矛盾化解慢"],
    "工作标准不高": ["工作标准不高", "标准要求偏低", "满足于一般化"], "制度执行走样": ["制度执行走样", "制度落实打折扣", "规定执行不严"],
    "台账管理混乱": ["台账管理混乱", "台账不全", "底数不清"], "安全隐患突出": ["安全隐患突出", "隐患较多", "存在安全隐患"],
    "服务效能不高": ["服务效能不高", "办事效率低", "服务不到位"], "考核排名靠后": ["考核排名靠后", "排名落后", "考核靠后"],
})
PREFIXES = ["{month}月{day}日", "{year}年{month}月", "在{town}", "特别是", "比如", "据统计", "从{town}的情况看",
            "{name}等同志指出", "去年{month}月以来", "在{act}中", "对照{pf}任务", "巡察反馈中", ""]
_STYLE_RE = None
# adverbs a writer puts before a predicate now and then
PARTICLES = ["也", "还", "都", "又", "确实", "一直", "仍", "就", "往往", "基本", "明显", "实际上", "在这方面",
             "说到底", "客观上", "主观上"]
PREDICATES = {"只听汇报", "批转了事", "只提要求", "被问责", "没有", "只解决", "缺少", "心中无数", "不够及时",
              "没到现场", "放松了", "总觉得", "认识不足", "不愿", "满足于", "搞好人主义", "失之于宽", "实行包案",
              "逐项销号", "纳入督查", "牵头", "前出台", "日前完成", "只去了", "才到", "至今", "见效慢"}


def _restyle_one(m, r: random.Random) -> str:
    key = m.group(0)
    out = r.choice(STYLE[key])
    if key in PREDICATES and r.random() < 0.4:
        out = r.choice(PARTICLES) + out
    return out


def restyle(text: str, r: random.Random) -> str:
    global _STYLE_RE
    if _STYLE_RE is None:
        import re

        _STYLE_RE = re.compile("|".join(sorted(map(re.escape, STYLE), key=len, reverse=True)))
    return _STYLE_RE.sub(lambda m: _restyle_one(m, r), text)


_TOWNS: list[str] = []   # the towns of the county the current draft comes from


def new_county(r: random.Random) -> None:
    """Drafts come from counties of ~12 members; each county has its own towns and villages."""
    _TOWNS[:] = [r.choice(SYL1) + r.choice(SYL2) + r.choice(TOWN_SUFFIX) for _ in range(12)]
    _TOWNS.extend(t + r.choice(SYL1) + r.choice(SYL2) + "村" for t in list(_TOWNS)[:8])


def town(r: random.Random) -> str:
    if _TOWNS:
        return r.choice(_TOWNS)
    return r.choice(SYL1) + r.choice(SYL2) + r.choice(TOWN_SUFFIX)


def fill(tpl: str, r: random.Random, year: int) -> str:
    return tpl.format(
        year=year, year2=year + 1, month=r.randint(1, 12), day=r.randint(1, 28), n=r.randint(2, 60), m=r.randint(10, 300),
        k=r.randint(2, 9), town=town(r), pf=r.choice(PORTFOLIOS), proj=r.choice(PROJECTS) + r.choice(PROJ_SUFFIX),
        issue=r.choice(ISSUES), act=r.choice(ACTIONS), name=r.choice(SURNAMES) + "某",
        adv=r.choice(ADV), verb=r.choice(VERB), outcome=r.choice(OUTCOME), lead=r.choice(LEAD),
        level=r.choice(["县委", "市委", "县委常委会", "市纪委"]))


def sentence(clauses: list[str], r: random.Random, year: int, lo: int = 2, hi: int = 4) -> str:
    parts = [restyle(fill(r.choice(PREFIXES) + c if r.random() < 0.5 else c, r, year), r)
             for c in r.sample(clauses, r.randint(lo, hi))]
    return "，".join(parts) + "。"


def make_draft(r: random.Random, year: int, template: bool = False) -> list[str]:
    """A draft as a list of paragraphs (~3,000 characters)."""
    who = r.choice(ROLES)
    paras = [f"{'XX' if template else ''}{who}{year}年度专题民主生活会个人对照检查材料",
             fill(r.choice(OPENINGS), r, year) + "现将个人对照检查情况报告如下。", "一、存在的突出问题"]
    for i, head in enumerate(r.sample(PROBLEM_HEADS, 5)):
        body = "".join(sentence(PROBLEM_CLAUSES, r, year) for _ in range(r.randint(3, 4)))
        paras.append(f"（{CN_NUM[i]}）{head}。{body}")
    paras.append("二、问题产生的原因")
    for i, head in enumerate(r.sample(CAUSE_HEADS, 4)):
        body = "".join(sentence(CAUSE_CLAUSES, r, year) for _ in range(2))
        paras.append(f"（{CN_NUM[i]}）{head}。{body}")
    paras.append("三、整改措施")
    for i, head in enumerate(r.sample(MEASURE_HEADS, 4)):
        body = "".join(sentence(MEASURE_CLAUSES, r, year) for _ in range(3))
        paras.append(f"（{CN_NUM[i]}）{head}。{body}")
    paras.append(r.choice(CLOSINGS))
    return paras


# ------------------------------------------------------------------------------------------------
# disguises

def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


def disguise(text: str, how: str, r: random.Random) -> str:
    if how == "verbatim":
        return text
    if how == "zero_width":
        return ZW.join(text[i:i + 4] for i in range(0, len(text), 4))
    if how == "spaces":
        return " ".join(text)
    if how == "width":
        return text.translate(str.maketrans({"，": ",", "。": ".", "0": "０", "1": "１", "2": "２", "3": "３",
                                             "5": "５", "8": "８", "（": "(", "）": ")"}))
    if how == "traditional":
        return _s2t().convert(text)
    if how == "punctuation":
        return text.replace("，", "；").replace("。", "！")
    if how == "synonyms":  # a few: at most one per 25 characters, at most 3
        out = text
        budget = min(3, max(1, len(text) // 25))
        for a, b in r.sample(SYNONYMS, len(SYNONYMS)):
            if budget and a in out:
                out = out.replace(a, b, 1)
                budget -= 1
        return out
    if how == "reorder":
        sents = [s + "。" for s in text.split("。") if s]
        if len(sents) >= 2:
            r.shuffle(sents)
            if "".join(sents) == text:
                sents = sents[1:] + sents[:1]
        return "".join(sents)
    if how == "year_count":
        import re

        out = re.sub(r"(20\d\d)年", lambda m: f"{int(m.group(1)) + 1}年", text, count=2)
        return re.sub(r"(\d+)次", lambda m: f"{int(m.group(1)) + 1}次", out, count=1)
    raise ValueError(how)


DISGUISES = ["verbatim", "zero_width", "spaces", "width", "traditional", "punctuation", "synonyms", "reorder",
             "year_count"]


@dataclass
class Plant:
    doc: str
    source: str
    kind: str
    how: str
    text: str              # as inserted in doc
    start: int = -1
    end: int = -1


def pick_passage(paras: list[str], r: random.Random) -> str:
    """One or more whole sentences (≥ 30 characters) from a body paragraph."""
    body = [p for p in paras if p.startswith("（") and not p.startswith("（补充）") and len(p) > 60]
    p = r.choice(body)
    head, _, rest = p.partition("。")
    sents = [s + "。" for s in rest.split("。") if s]
    if r.random() < 0.3:
        return "".join(sents)            # the whole paragraph
    i = r.randrange(len(sents))
    out = sents[i]
    j = i + 1
    while len(out) < 30 or (r.random() < 0.4 and j < len(sents)):
        if j >= len(sents):
            break
        out += sents[j]
        j += 1
    return out


def build(n: int, seed: int = 7, n_templates: int = 20, history_share: float = 0.2, copy_share: float = 0.3):
    r = random.Random(seed)
    year = 2020
    members = {}
    for i in range(n):
        if i % 12 == 0:
            new_county(r)
        members[f"M{i:05d}"] = make_draft(r, year)
    names = {mid: r.choice(SURNAMES) + r.choice(GIVEN) + r.choice(GIVEN) for mid in members}
    _TOWNS.clear()
    templates = {f"TPL{i:02d}": make_draft(r, year, template=True) for i in range(n_templates)}
    history = {}
    for mid in r.sample(sorted(members), int(n * history_share)):
        new_county(r)
        history[mid + "-2019"] = (mid, make_draft(r, year - 1))
    plants: list[Plant] = []
    ids = sorted(members)
    for t in r.sample(ids, int(n * copy_share) + 1):
        kind = r.choice(["member", "template", "history"])
        if kind == "history":
            hs = [h for h, (m, _p) in history.items() if m == t]
            if not hs:
                kind = "member"
        if kind == "member":
            s = r.choice(ids)
            while s == t:
                s = r.choice(ids)
            src_paras = members[s]
        elif kind == "template":
            s = r.choice(sorted(templates))
            src_paras = templates[s]
        else:
            s = hs[0]
            src_paras = history[s][1]
        how = r.choice(DISGUISES)
        passage = pick_passage(src_paras, r)
        if kind == "history" and how == "verbatim":
            how = "year_count"
        text = disguise(passage, how, r)
        # insert as its own paragraph after a random body paragraph of the target
        body_idx = [i for i, p in enumerate(members[t]) if p.startswith("（") and not p.startswith("（补充）")]
        at = r.choice(body_idx) + 1
        members[t].insert(at, "（补充）" + text)
        plants.append(Plant(t, s, kind, how, text))
    docs = []
    for mid in ids:
        text = "\n".join(members[mid])
        docs.append(Document(id=mid, path=f"{mid}.txt", text=text, format="txt", member=names[mid], year=year))
    for p in plants:
        text = docs[int(p.doc[1:])].text
        p.start = text.index("（补充）" + p.text) + len("（补充）")
        p.end = p.start + len(p.text)
    tdocs = [Document(id=k, path=f"{k}.txt", text="\n".join(v), format="txt", kind="template")
             for k, v in templates.items()]
    hdocs = [Document(id=k, path=f"{k}.txt", text="\n".join(p), format="txt", kind="history",
                      member=names[m], year=year - 1) for k, (m, p) in history.items()]
    return docs, tdocs, hdocs, plants


def score(res, plants: list[Plant], docs) -> dict:
    by_pair: dict[tuple[str, str], list] = {}
    for x in res.reuse:
        by_pair.setdefault((x.doc, x.source), []).append(x)
    found = 0
    covered_chars = planted_chars = 0
    missed = []
    per_how: dict[str, list[int]] = {}
    planted_cover: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for p in plants:
        cov = set()
        for x in by_pair.get((p.doc, p.source), []):
            cov.update(range(max(p.start, x.start), min(p.end, x.end)))
        ok = len(cov) >= 0.5 * (p.end - p.start)
        found += ok
        covered_chars += len(cov)
        planted_chars += p.end - p.start
        per_how.setdefault(p.how, [0, 0])
        per_how[p.how][0] += ok
        per_how[p.how][1] += 1
        if not ok:
            missed.append((p.doc, p.source, p.how, p.text[:50]))
        planted_cover.setdefault((p.doc, p.source), []).append((p.start, p.end))
        if p.kind == "member":  # the source side of a member copy is a true passage too
            src = next(d for d in docs if d.id == p.source)
            i = _find_source(src.text, p)
            if i is not None:
                planted_cover.setdefault((p.source, p.doc), []).append(i)
    # drafts that copied the same template / earlier passage share that text with each other too
    by_src: dict[str, list[Plant]] = {}
    for p in plants:
        if p.kind == "template":
            by_src.setdefault(p.source, []).append(p)
    for group in by_src.values():
        for p in group:
            for q in group:
                if p.doc != q.doc:
                    planted_cover.setdefault((p.doc, q.doc), []).append((p.start, p.end))
    good = total = shared = 0
    unplanted = 0
    for x in res.reuse:
        total += x.end - x.start
        spans = planted_cover.get((x.doc, x.source), [])
        got = set()
        for s, e in spans:
            got.update(range(max(s, x.start), min(e, x.end)))
        good += len(got)
        if len(got) >= 0.5 * (x.end - x.start):
            shared += x.end - x.start
        else:
            unplanted += 1
            if _verbatim_run(x.excerpt, x.source_excerpt) >= 18:
                shared += x.end - x.start  # not planted, but the drafts really share this text
    return {"recall": found / max(1, len(plants)), "found": found, "planted": len(plants),
            "char_recall": covered_chars / max(1, planted_chars),
            "precision": good / max(1, total), "precision_shared": shared / max(1, total),
            "unplanted_reports": unplanted, "reported_chars": total, "missed": missed[:10],
            "per_disguise": {k: f"{a}/{b}" for k, (a, b) in sorted(per_how.items())}}


def _verbatim_run(a: str, b: str) -> int:
    """Longest run the two excerpts share after normalisation (letters and digits only)."""
    from difflib import SequenceMatcher

    from analyzer.reuse.fingerprint import fast_normalize, skeleton_codes

    def sk(t):
        codes, _ = skeleton_codes(fast_normalize(t)[0])
        return codes.astype("uint32").tobytes().decode("utf-32-le")

    sa, sb = sk(a), sk(b)
    m = SequenceMatcher(None, sa, sb, autojunk=False).find_longest_match(0, len(sa), 0, len(sb))
    return m.size


def _find_source(text: str, p: Plant):
    """Span in the source of the passage planted in p.doc (undisguised text is in the source)."""
    # the plant's undisguised form isn't stored; locate by its longest plain sentence
    sents = [s for s in p.text.replace("！", "。").replace("；", "，").split("。") if len(s) >= 8]
    best = None
    for s in sents:
        i = text.find(s)
        if i >= 0:
            best = (i, i + len(s)) if best is None else (min(best[0], i), max(best[1], i + len(s)))
    return best


def boilerplate() -> list[str]:
    """What the rule set would pass: aspect labels and the fixed wording of opening/closing formulas."""
    import re

    fixed = []
    for tpl in OPENINGS + CLOSINGS + ["现将个人对照检查情况报告如下。"]:
        fixed += [part for part in re.split(r"\{[a-z0-9]+\}", tpl) if len(part) >= 4]
    return PROBLEM_HEADS + CAUSE_HEADS + MEASURE_HEADS + fixed


def run_one(n: int, workers: int, seed: int) -> dict:
    from analyzer.reuse import ReuseConfig, detect_reuse

    t0 = time.time()
    docs, tdocs, hdocs, plants = build(n, seed)
    gen = time.time() - t0
    # peak memory: ru_maxrss (tracemalloc misses numpy's buffers and the worker processes)
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t1 = time.time()
    res = detect_reuse(docs, templates=tdocs, history=hdocs, boilerplate=boilerplate(),
                       config=ReuseConfig(workers=workers))
    wall = time.time() - t1
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    sc = score(res, plants, docs)
    chars = sum(len(d.text) for d in docs)
    return {"n": n, "chars": chars, "avg_chars": chars // max(1, n), "gen_s": round(gen, 1),
            "wall_s": round(wall, 1), "peak_mib": round(peak / 1024), "base_mib": round(base_rss / 1024),
            **{k: v for k, v in res.stats.items()}, **sc}


def baseline(n: int, sample: int, seed: int) -> dict:
    """All-pairs rapidfuzz: time per pair (Indel opcodes = LCS alignment) on a sample, extrapolated."""
    from rapidfuzz.distance import Indel

    docs, _t, _h, _p = build(min(n, 400), seed)
    r = random.Random(1)
    pairs = [tuple(r.sample(range(len(docs)), 2)) for _ in range(sample)]
    t = time.time()
    for i, j in pairs:
        Indel.opcodes(docs[i].text, docs[j].text)
    per_pair = (time.time() - t) / sample
    return {"per_pair_ms": round(per_pair * 1000, 3)}


# ------------------------------------------------------------------------------------------------
# the labelled dev corpus (../shared/corpus/dev), scored by ../shared/eval/score.py

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


def _dev_doc(path: Path, kind: str, manifest: dict) -> Document:
    row = manifest.get(path.stem, {})
    return Document(id=path.stem, path=str(path), text=path.read_text(encoding="utf-8").replace("\r\n", "\n"),
                    format="txt", kind=kind, member=row.get("member"),
                    year=int(row["year"]) if row.get("year") else None)


def dev_report(boilerplate_phrases: list[str], out: Path) -> list:
    """Run copy detection alone on the dev corpus and write a minimal contract report."""
    import csv
    from dataclasses import asdict

    from analyzer.reuse import detect_reuse

    manifest = {Path(r["file"]).stem: r for r in csv.DictReader((DEV / "manifest.csv").open(encoding="utf-8"))}
    members = [_dev_doc(p, "member", manifest) for p in sorted((DEV / "gold").glob("D0*.txt"))]
    res = detect_reuse(members, templates=[_dev_doc(DEV / "templates" / "TPL.txt", "template", manifest)],
                       history=[_dev_doc(DEV / "history" / "D06P.txt", "history", manifest)],
                       team=[_dev_doc(DEV / "team" / "TEAM.txt", "team", manifest)], boilerplate=boilerplate_phrases)
    out.write_text(json.dumps({"documents": [{"id": d.id} for d in members],
                               "reuse": [asdict(r) for r in res.reuse]}, ensure_ascii=False, indent=1))
    return res.reuse


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, nargs="+", default=[1000])
    ap.add_argument("--workers", type=int, default=0, help="alignment processes (0 = auto: 2 on Linux)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--baseline-sample", type=int, default=200)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--json", type=Path, help="also write the rows as JSON")
    ap.add_argument("--dev", nargs="*", metavar="PHRASE",
                    help="score on ../shared/corpus/dev instead (optional boilerplate phrases, e.g. the theme)")
    args = ap.parse_args()
    if args.dev is not None:
        import tempfile

        out = Path(tempfile.gettempdir()) / "draftcheck_dev_reuse.json"
        for r in dev_report(args.dev, out):
            print(f"{r.doc}[{r.start}:{r.end}] <- {r.source} ({r.source_kind}) {r.similarity:.2f} {r.method} "
                  f"{r.excerpt[:30]!r}")
        sys.exit(subprocess.call([sys.executable, str(DEV.parents[1] / "eval" / "score.py"), str(DEV / "gold"),
                                  str(out)]))
    if args.one:
        print(json.dumps(run_one(args.one, args.workers, args.seed), ensure_ascii=False))
        return
    base = baseline(1000, args.baseline_sample, args.seed)
    rows = []
    for n in args.n:
        out = subprocess.run([sys.executable, __file__, "--one", str(n), "--workers", str(args.workers),
                              "--seed", str(args.seed)], capture_output=True, text=True)
        if out.returncode:
            print(out.stderr, file=sys.stderr)
            continue
        row = json.loads(out.stdout.strip().splitlines()[-1])
        pairs = n * (n - 1) / 2
        row["baseline_s"] = round(pairs * base["per_pair_ms"] / 1000)
        row["speedup"] = round(row["baseline_s"] / max(row["wall_s"], 1e-3))
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False), file=sys.stderr)
    print(f"all-pairs rapidfuzz baseline: {base['per_pair_ms']} ms per pair (Indel alignment of two drafts, "
          f"{args.baseline_sample} sampled pairs)")
    hdr = ("N", "avg chars", "planted", "recall", "char recall", "precision (planted)", "precision (shared text)", "wall s",
           "peak MiB", "cand. pairs", "all-pairs est. s", "speed-up")
    print("| " + " | ".join(hdr) + " |")
    print("|" + "---|" * len(hdr))
    for x in rows:
        print(f"| {x['n']} | {x['avg_chars']} | {x['planted']} | {x['recall']:.4f} | {x['char_recall']:.3f} | "
              f"{x['precision']:.3f} | "
              f"{x['precision_shared']:.3f} | "
              f"{x['wall_s']} | {x['peak_mib']} | {x.get('candidate_pairs')} | {x['baseline_s']} | "
              f"{x['speedup']}x |")
    for x in rows:
        if x["missed"]:
            print(f"N={x['n']} missed (first 10): {x['missed']}")
        print(f"N={x['n']} per disguise: {x['per_disguise']}")
    if len(rows) >= 2:
        by = {x["n"]: x["wall_s"] for x in rows}
        if 10000 in by and 20000 in by:
            print(f"time(20k)/time(10k) = {by[20000] / by[10000]:.2f}")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
