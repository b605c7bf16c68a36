"""Hand-built BatchResults for the report tests (fictional 枫岭县 drafts), plus sanity checks."""
from __future__ import annotations

from analyzer.model import (BatchResult, Document, DocResult, Finding, Item, Reuse, SameHandGroup,
                            Section, Structure)

TEMPLATE_PASSAGE = "理论学习的自觉性和主动性不够强，满足于读原文、记笔记，没有做到学思用贯通、知信行统一"

CHEN_LINES = [
    "县委常委、常务副县长 陈立",
    "2020年度专题民主生活会个人对照检查材料",
    "根据县委统一部署，我紧扣会议主题，认真查摆问题，现将个人对照检查情况报告如下：",
    "一、存在的突出问题",
    f"（一）理论学习不够深入。{TEMPLATE_PASSAGE}。",
    "（二）舆情处置迟缓。2020年8月石桥镇污水管网回填滞后引发群众投诉，我直到第三天才召集住建、网信部门研究，错过了最佳回应时机。",
    "（三）联系群众不够紧密。全年到联系的柳塘乡接访只有2次。",
    "二、问题产生的原因",
    "一是工作任务繁重，客观上挤占了学习时间。二是理想信念有所松懈，宗旨意识淡化。",
    "三、整改措施",
    "1.针对舆情处置迟缓的问题，2021年3月底前牵头修订《枫岭县网络舆情应急处置办法》，每季度听取1次网信工作汇报。",
    "2.进一步加强理论学习，不断提高政治站位。",
    "以上对照检查，如有不妥，请同志们批评指正。",
]
WANG_LINES = [
    "县委常委、组织部部长 王敏",
    "个人对照检查材料",
    "一、存在的突出问题",
    f"（一）学习不够系统。{TEMPLATE_PASSAGE}。",
    "（二）干部考核不够精准。2020年对河湾社区的考核仍沿用旧指标，由县委组织部牵头修订工作迟迟未启动。",
    "二、整改措施",
    "1.由县委组织部牵头，2021年6月底前完成干部考核指标修订。",
    "以上对照检查，如有不妥，请同志们批评指正。",
]
# What the reuse stage would report for 陈立 (its own measure; the reports must show these values).
CHEN_FIGURES = {
    "total_chars": 250, "copied_chars": 60, "total_ratio": 0.24, "ratio_without_team": 0.24,
    "ratio_without_history": 0.24, "ratio_by_kind": {"member": 0.16, "template": 0.16, "history": 0.0, "team": 0.0},
    "ratio_by_source": {"王敏": 0.16, "范文01": 0.16}, "max_source": "范文01", "max_source_kind": "template",
    "max_source_ratio": 0.16, "longest_passage": 41, "passages": 2,
}
TEMPLATE_TEXT = f"XX同志对照检查材料\n一、存在的问题\n（一）{TEMPLATE_PASSAGE}，学习效果不明显。"


def _spans(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _line(text: str, needle: str) -> tuple[int, int]:
    for s, e in _spans(text):
        if text[s:e].startswith(needle) or needle in text[s:e]:
            return s, e
    raise KeyError(needle)


def _finding(text, needle, rule, category, severity, message, suggestion, section=None, name=""):
    start = text.index(needle)
    return Finding(rule=rule, category=category, severity=severity, start=start,
                   end=start + len(needle), excerpt=needle, message=message,
                   suggestion=suggestion, section=section, name=name)


def _section(text, role, heading, end_heading=None):
    start = text.index(heading)
    end = text.index(end_heading) if end_heading else len(text)
    return Section(role=role, heading=heading, start=start, end=end,
                   heading_start=start, heading_end=start + len(heading))


def _item(text, kind, needle, marker, label="", answers=()):
    s, e = _line(text, needle)
    return Item(kind=kind, start=s, end=e, text=text[s:e], marker=marker, label=label,
                answers=list(answers))


def chen(fmt: str = "txt", path: str = "drafts/陈立.txt") -> DocResult:
    text = "\n".join(CHEN_LINES)
    doc = Document(id="陈立", path=path, text=text, format=fmt, member="陈立", role="县委常委、常务副县长",
                   paragraphs=_spans(text))
    st = Structure(title=_line(text, "2020年度"))
    st.sections = {
        "problems": _section(text, "problems", "一、存在的突出问题", "二、问题产生的原因"),
        "causes": _section(text, "causes", "二、问题产生的原因", "三、整改措施"),
        "measures": _section(text, "measures", "三、整改措施", "以上对照检查"),
    }
    st.problems = [
        _item(text, "problem", "（一）理论学习", "（一）", "理论学习不够深入"),
        _item(text, "problem", "（二）舆情处置", "（二）", "舆情处置迟缓"),
        _item(text, "problem", "（三）联系群众", "（三）", "联系群众不够紧密"),
    ]
    st.causes = [_item(text, "cause", "一是工作任务繁重", "一是")]
    st.measures = [
        _item(text, "measure", "1.针对舆情", "1.", answers=[1]),
        _item(text, "measure", "2.进一步加强", "2.", answers=[0]),
    ]
    findings = [
        _finding(text, "进一步加强理论学习，不断提高政治站位", "GEN001", "generic-measure", "warning",
                 "整改措施只有表态，没有时限、责任人和可检验的成果。",
                 "写明何时完成、做到什么程度、如何检验，例如“每月集中学习1次，年底前形成调研报告”。",
                 "measures", "措施笼统"),
        _finding(text, "理论学习的自觉性和主动性不够强", "VAG001", "vague", "warning",
                 "表述空泛，未举出具体事例。", "补充时间、地点、事件，说明具体表现。", "problems", "表述空泛"),
        _finding(text, st.problems[2].text, "PAIR001", "unanswered-problem", "error",
                 "该问题在整改措施中没有对应的措施。", "针对“联系群众不够紧密”补写一条具体措施。", "problems",
                 "问题无对应措施"),
        _finding(text, "工作任务繁重，客观上挤占了学习时间", "EXC001", "objective-excuse", "warning",
                 "原因归于客观条件，没有从主观上剖析。", "从理想信念、宗旨意识、党性修养上查找根源。", "causes",
                 "原因归于客观"),
        _finding(text, "如有不妥", "STY001", "closing", "info", "结束语为常用套话。", "可保留。", None, "结束语"),
    ]
    return DocResult(doc, st, findings, figures=dict(CHEN_FIGURES))


def wang(fmt: str = "txt", path: str = "drafts/王敏.txt") -> DocResult:
    text = "\n".join(WANG_LINES)
    doc = Document(id="王敏", path=path, text=text, format=fmt, member="王敏", role="县委常委、组织部部长",
                   paragraphs=_spans(text))
    st = Structure()
    st.sections = {
        "problems": _section(text, "problems", "一、存在的突出问题", "二、整改措施"),
        "measures": _section(text, "measures", "二、整改措施", "以上对照检查"),
    }
    st.problems = [
        _item(text, "problem", "（一）学习不够系统", "（一）", "学习不够系统"),
        _item(text, "problem", "（二）干部考核", "（二）", "干部考核不够精准"),
    ]
    st.measures = [_item(text, "measure", "1.由县委组织部", "1.", answers=[1])]
    findings = [
        Finding(rule="SEC001", category="missing-section", severity="error", start=0, end=0, excerpt="",
                message="缺少“原因分析”栏目。", suggestion="增加“问题产生的原因”一节，从思想根源上剖析。",
                section=None, name="缺少栏目"),
        _finding(text, st.problems[0].text, "PAIR001", "unanswered-problem", "error",
                 "该问题在整改措施中没有对应的措施。", "补写针对“学习不够系统”的措施。", "problems",
                 "问题无对应措施"),
    ]
    return DocResult(doc, st, findings)  # no reuse-stage figures: measured from the passages


def reuse_between(a: DocResult, b: DocResult, template: Document) -> list[Reuse]:
    out = []
    for src, kind in ((b.document, "member"), (template, "template")):
        s = a.document.text.index(TEMPLATE_PASSAGE)
        t = src.text.index(TEMPLATE_PASSAGE)
        n = len(TEMPLATE_PASSAGE)
        out.append(Reuse(doc=a.document.id, start=s, end=s + n, source=src.id, source_start=t,
                         source_end=t + n, source_kind=kind, similarity=1.0 if kind == "member" else 0.96,
                         excerpt=a.document.text[s:s + n], source_excerpt=src.text[t:t + n]))
    return out


def make_batch(chen_res: DocResult | None = None, wang_res: DocResult | None = None) -> BatchResult:
    c = chen_res or chen()
    w = wang_res or wang()
    tpl = Document(id="范文01", path="templates/范文01.txt", text=TEMPLATE_TEXT, format="txt", kind="template")
    reuse = reuse_between(c, w, tpl) + reuse_between(w, c, tpl)
    group = SameHandGroup(docs=["陈立", "王敏"], score=0.81,
                          evidence=["两份材料的 Word 文档创建者均为“办公室小刘”，疑似由同一人起草。",
                                    "两份材料用词习惯高度一致（“不够强”“迟迟未”出现频率相近），疑似同一人执笔。"])
    return BatchResult(rules="2020-political-ecology", documents=[c, w], reuse=reuse,
                       same_hand=[group], sources={tpl.id: tpl})


def test_fixture_offsets_are_consistent():
    batch = make_batch()
    for res in batch.documents:
        text = res.document.text
        for f in res.findings:
            assert text[f.start:f.end] == f.excerpt
        for it in res.structure.problems + res.structure.measures:
            assert text[it.start:it.end] == it.text
    for r in batch.reuse:
        assert r.excerpt == TEMPLATE_PASSAGE and r.source_excerpt == TEMPLATE_PASSAGE
