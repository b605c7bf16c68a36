"""Chinese labels for everything a report shows (severities, categories, sections, source kinds).

Presentation only: detection stages fill ``Finding.name`` with the rule's own Chinese name; these
labels name the *groups* a report sorts findings into. Unknown codes fall back to the code itself.
"""
from __future__ import annotations

SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
SEVERITY_ORDER = ("error", "warning", "info")

CATEGORY_LABELS = {
    "missing-section": "缺少栏目",
    "vague": "表述空泛",
    "unanswered-problem": "问题无整改措施",
    "generic-measure": "措施笼统",
    "objective-excuse": "原因归于客观",
    "hope-as-criticism": "批评变希望",
    "theme-not-covered": "主题未覆盖",
    "repeated-problem": "问题年年提",
    "rectification-unreported": "上年整改未交账",
    "measure-repeated": "措施照搬往年",
    "stale-deadline": "整改时限已过期",
    "numbering": "序号格式",
    "template-residue": "范文残留",
    "template-leftover": "范文残留",
    "achievement": "以成绩代问题",
    "copied": "抄袭雷同",
    "recycled": "沿用往年材料",
    "team-claim": "认领班子问题",
    "praise-first": "先表扬后批评",
    "problems-too-short": "问题查摆过简",
    "shallow-cause": "原因剖析不深",
    "reuse": "雷同",
    "copy": "抄袭",
    "structure": "结构",
    "format": "格式",
    "outdated": "表述过时",
    "length": "篇幅",
    "repeated-problem": "问题年年提",
    "rectification-unreported": "上年整改未报告",
    "measure-repeated": "措施照搬上年",
    "stale-deadline": "整改时限已过期",
}
# Two-to-four character headers for narrow tables (terminal summary, heatmap axes).
CATEGORY_SHORT = {
    "missing-section": "缺栏目",
    "vague": "空泛",
    "unanswered-problem": "无措施",
    "generic-measure": "措施泛",
    "objective-excuse": "怨客观",
    "hope-as-criticism": "批评弱",
    "theme-not-covered": "缺主题",
    "numbering": "序号",
    "template-residue": "范文痕",
    "template-leftover": "范文痕",
    "copied": "抄袭",
    "recycled": "沿用",
    "team-claim": "认领",
    "praise-first": "表扬",
    "problems-too-short": "过简",
    "shallow-cause": "浅析",
    "repeated-problem": "年年提",
    "rectification-unreported": "整改未报",
    "measure-repeated": "措施旧",
    "stale-deadline": "时限过期",
}
# Contract categories first, in the order a reviewer reads a draft.
CATEGORY_ORDER = (
    "missing-section", "theme-not-covered", "vague", "unanswered-problem", "generic-measure",
    "objective-excuse", "hope-as-criticism", "copied", "recycled", "repeated-problem",
    "rectification-unreported", "measure-repeated", "stale-deadline",
)

SECTION_LABELS = {
    "problems": "存在的问题",
    "causes": "原因分析",
    "measures": "整改措施",
    "criticism": "相互批评",
    "last_year": "上年度整改落实",
    "case_analysis": "典型案例剖析",
    "personal_matters": "个人有关事项",
    "study": "学习体会",
    None: "开头及其他",
}
SECTION_ORDER = (None, "study", "last_year", "problems", "case_analysis", "causes", "measures",
                 "criticism", "personal_matters")

SOURCE_KIND_LABELS = {
    "member": "其他成员材料",
    "template": "范文",
    "history": "本人往年材料",
    "team": "班子对照检查材料",
}


def severity_label(severity: str) -> str:
    return SEVERITY_LABELS.get(severity, severity)


def category_label(category: str, fallback: str = "") -> str:
    """Chinese name of a category; ``fallback`` (a rule's own name) for project categories."""
    return CATEGORY_LABELS.get(category) or fallback or category


def category_short(category: str, fallback: str = "") -> str:
    return CATEGORY_SHORT.get(category) or (fallback or category_label(category))[:4]


def section_label(role: str | None) -> str:
    return SECTION_LABELS.get(role, role or SECTION_LABELS[None])


def source_kind_label(kind: str) -> str:
    return SOURCE_KIND_LABELS.get(kind, kind)


def sort_categories(categories) -> list[str]:
    """Contract categories in reading order, then the others alphabetically."""
    cats = set(categories)
    head = [c for c in CATEGORY_ORDER if c in cats]
    return head + sorted(cats - set(head))


def member_name(document) -> str:
    """What a report calls a draft's author: member name, else the document id."""
    return document.member or document.id
