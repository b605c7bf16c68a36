"""Builders for the behavioural suite: small drafts written for these tests, in several layouts.

Everything here is invented for the tests (the fictional 云溪县, its towns 竹坪镇 and 白鹭乡, the
villages 石龙村 and 青杠村, members 周晓川, 孙雯, 何建国). A draft is built from lists of items per
part; ``render`` lays them out in one of the layouts real drafts use, so that a test can ask
whether one sentence's findings stay the same whatever the layout.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from analyzer.load import load_document
from analyzer.pipeline import analyse_document
from analyzer.rules import load_ruleset

CN = "一二三四五六七八九十"
TITLE = "县委常委、常务副县长周晓川2021年度民主生活会个人对照检查材料"
OPENING = ("按照县委关于召开2021年度民主生活会的安排，我认真学习了规定篇目，同分管部门负责同志逐一谈心谈话，"
           "征求到意见建议9条。现将个人对照检查情况报告如下。")
CLOSING = "以上对照检查，如有不妥之处，请同志们批评指正。"
HEADINGS = {"problems": "存在的主要问题", "causes": "问题产生的原因",
            "measures": "整改措施", "criticism": "相互批评意见"}
ORDER = ("problems", "causes", "measures", "criticism")
LAYOUTS = ("gb", "count", "unnumbered", "part", "inline", "traditional", "ascii")
# half-width punctuation throughout, as typed on an English keyboard (二,原因分析 / 不够.有时……)
ASCII_PUNCT = str.maketrans({"，": ",", "。": ".", "；": ";", "：": ":", "（": "(", "）": ")", "、": ","})

RULES = load_ruleset()


@dataclass
class Draft:
    problems: list[str] = field(default_factory=list)
    causes: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    criticism: list[str] = field(default_factory=list)
    title: str = TITLE
    opening: str = OPENING
    closing: str = CLOSING


def _heading(layout: str, n: int, role: str, count: int) -> str:
    name = HEADINGS[role]
    if layout == "count":
        return f"{CN[n]}、{name}（{count}条）"
    if layout == "unnumbered":
        return name
    if layout == "part":
        return f"第{CN[n]}部分 {name}"
    return f"{CN[n]}、{name}"


def _items(layout: str, items: list[str]) -> list[str]:
    if layout == "unnumbered":
        return list(items)
    if layout == "inline":
        return ["".join(f"{CN[i]}是{x}" for i, x in enumerate(items))]
    if layout == "count":
        return [f"{i + 1}、{x}" for i, x in enumerate(items)]
    return [f"（{CN[i]}）{x}" for i, x in enumerate(items)]


def render(d: Draft, layout: str = "gb") -> str:
    lines = [d.title, d.opening]
    n = 0
    for role in ORDER:
        items = getattr(d, role)
        if not items:
            continue
        lines.append(_heading(layout, n, role, len(items)))
        lines += _items(layout, items)
        n += 1
    lines.append(d.closing)
    text = "\n".join(lines)
    if layout == "ascii":
        return text.translate(ASCII_PUNCT)
    if layout == "traditional":
        import opencc

        text = opencc.OpenCC("s2t").convert(text)
    return text


def analyse(text: str, suffix: str = ".txt"):
    """Load ``text`` as a file of that type, then run structure and rules on it: (Document, DocResult)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"材料{suffix}"
        if suffix == ".docx":
            import docx

            doc = docx.Document()
            for line in text.split("\n"):
                doc.add_paragraph(line)
            doc.save(str(path))
        else:
            path.write_text(text, encoding="utf-8")
        loaded = load_document(path)
    return loaded, analyse_document(loaded, RULES)


def flagged(result, category: str, needle: str) -> bool:
    """True when a finding of ``category`` overlaps the first occurrence of ``needle``."""
    text = result.document.text
    i = text.find(needle)
    if i < 0:  # a draft rendered in traditional characters
        import opencc

        needle = opencc.OpenCC("s2t").convert(needle)
        i = text.find(needle)
    if i < 0:  # or with half-width punctuation
        needle = opencc.OpenCC("t2s").convert(needle).translate(ASCII_PUNCT)
        i = text.find(needle)
    assert i >= 0, f"not in the draft: {needle}"
    j = i + len(needle)
    return any(f.category == category and f.start < j and i < f.end for f in result.findings)


def categories(result) -> set[str]:
    return {f.category for f in result.findings}
