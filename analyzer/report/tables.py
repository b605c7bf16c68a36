"""pandas tables from a JSON report (``draftcheck-report/1``), for notebooks and ad-hoc analysis.

Everything here reads the report dict (``json_report.to_dict`` / ``--format json``); no detection.
Column names are Chinese, as the reviewer reads them.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from .labels import (SEVERITY_ORDER, category_label, section_label, severity_label,
                     sort_categories, source_kind_label)

REPORT_ENV = "DRAFTCHECK_REPORT"


def _name(doc: Mapping[str, Any]) -> str:
    return doc.get("member") or doc.get("id") or ""


def _names(report: Mapping[str, Any]) -> dict[str, str]:
    names = {d.get("id"): _name(d) for d in report.get("documents", [])}
    for s in report.get("sources", []) or []:
        name = s.get("member") or s.get("id")
        if s.get("kind") == "history" and s.get("year"):
            name = f"{name}（{s['year']}年）"
        names.setdefault(s.get("id"), name)
    return names


def _section(doc: Mapping[str, Any], role: str | None) -> str:
    sec = (doc.get("sections") or {}).get(role) if role else None
    return sec.get("heading") if isinstance(sec, Mapping) and sec.get("heading") else section_label(role)


def _groups(report: Mapping[str, Any]) -> dict[str, str]:
    out: dict[str, list[str]] = {}
    for i, g in enumerate(report.get("same_hand", []) or [], 1):
        for d in g.get("docs", []):
            out.setdefault(d, []).append(f"第{i}组")
    return {k: "、".join(v) for k, v in out.items()}


def summary_table(report: Mapping[str, Any]) -> pd.DataFrame:
    groups = _groups(report)
    rows = []
    for d in report.get("documents", []):
        findings = d.get("findings", [])
        sev = Counter(f.get("severity") for f in findings)
        figures = d.get("figures") or {}
        rows.append({
            "编号": d.get("id"), "成员": _name(d), "职务": d.get("role") or "",
            "字数": d.get("text_length", 0),
            **{severity_label(s): sev.get(s, 0) for s in SEVERITY_ORDER},
            "问题条数": len(d.get("problems", [])), "措施条数": len(d.get("measures", [])),
            "雷同比例": figures.get("ratio_without_team", 0.0),
            "疑似代写组": groups.get(d.get("id"), ""),
            "结论": d.get("verdict", ""),
        })
    cols = ["编号", "成员", "职务", "字数", *[severity_label(s) for s in SEVERITY_ORDER], "问题条数",
            "措施条数", "雷同比例", "疑似代写组", "结论"]
    return pd.DataFrame(rows, columns=cols)


def findings_table(report: Mapping[str, Any]) -> pd.DataFrame:
    rows = []
    for d in report.get("documents", []):
        for f in d.get("findings", []):
            rows.append({
                "编号": d.get("id"), "成员": _name(d), "栏目": _section(d, f.get("section")),
                "级别": severity_label(f.get("severity", "")), "规则": f.get("rule"),
                "规则名称": f.get("name") or category_label(f.get("category", "")),
                "类别": category_label(f.get("category", ""), f.get("name", "")),
                "起": f.get("start"), "止": f.get("end"), "原文摘录": f.get("excerpt", ""),
                "问题说明": f.get("message", ""), "修改建议": f.get("suggestion", ""),
            })
    cols = ["编号", "成员", "栏目", "级别", "规则", "规则名称", "类别", "起", "止", "原文摘录",
            "问题说明", "修改建议"]
    return pd.DataFrame(rows, columns=cols)


def category_matrix(report: Mapping[str, Any]) -> pd.DataFrame:
    """成员 × 类别 counts (every draft a row, zero where it has none)."""
    cats = sort_categories({f.get("category") for d in report.get("documents", [])
                            for f in d.get("findings", [])})
    names = {}
    for d in report.get("documents", []):
        for f in d.get("findings", []):
            names.setdefault(f.get("category"), category_label(f.get("category"), f.get("name", "")))
    data = []
    index = []
    for d in report.get("documents", []):
        c = Counter(f.get("category") for f in d.get("findings", []))
        data.append([c.get(cat, 0) for cat in cats])
        index.append(_name(d))
    return pd.DataFrame(data, index=pd.Index(index, name="成员"),
                        columns=[names.get(c, c) for c in cats], dtype="int64")


def reuse_table(report: Mapping[str, Any]) -> pd.DataFrame:
    names = _names(report)
    rows = []
    for r in report.get("reuse", []) or []:
        rows.append({
            "成员": names.get(r.get("doc"), r.get("doc")), "来源": names.get(r.get("source"), r.get("source")),
            "来源类型": source_kind_label(r.get("source_kind", "")), "相似度": r.get("similarity"),
            "字数": (r.get("end") or 0) - (r.get("start") or 0), "起": r.get("start"), "止": r.get("end"),
            "本稿片段": r.get("excerpt", ""), "来源片段": r.get("source_excerpt", ""),
        })
    cols = ["成员", "来源", "来源类型", "相似度", "字数", "起", "止", "本稿片段", "来源片段"]
    return pd.DataFrame(rows, columns=cols)


def reuse_matrix(report: Mapping[str, Any]) -> pd.DataFrame:
    """成员 × 来源: share of each draft found in each source (the report's ``ratio_by_source``)."""
    names = _names(report)
    docs = report.get("documents", [])
    rows = [d.get("id") for d in docs]
    shares = {d.get("id"): (d.get("figures") or {}).get("ratio_by_source") or {} for d in docs}
    cols = list(rows) + sorted({s for v in shares.values() for s in v} - set(rows))
    data = [[float(shares[d].get(s, 0.0)) for s in cols] for d in rows]
    return pd.DataFrame(data, index=pd.Index([names.get(d, d) for d in rows], name="成员"),
                        columns=[names.get(c, c) for c in cols])


def same_hand_table(report: Mapping[str, Any]) -> pd.DataFrame:
    names = _names(report)
    rows = []
    for i, g in enumerate(report.get("same_hand", []) or [], 1):
        members = "、".join(names.get(d, d) for d in g.get("docs", []))
        for ev in g.get("evidence") or [""]:
            rows.append({"组别": f"第{i}组", "涉及成员": members, "综合得分": g.get("score"), "证据": ev})
    return pd.DataFrame(rows, columns=["组别", "涉及成员", "综合得分", "证据"])


def errors_table(report: Mapping[str, Any]) -> pd.DataFrame:
    return pd.DataFrame([{"文件": e.get("path"), "原因": e.get("message")}
                         for e in report.get("errors", []) or []], columns=["文件", "原因"])


def report_tables(report: Mapping[str, Any]) -> dict[str, pd.DataFrame]:
    """All tables of a report: summary, findings, categories, reuse, reuse_matrix, same_hand, errors."""
    return {
        "summary": summary_table(report),
        "findings": findings_table(report),
        "categories": category_matrix(report),
        "reuse": reuse_table(report),
        "reuse_matrix": reuse_matrix(report),
        "same_hand": same_hand_table(report),
        "errors": errors_table(report),
    }


def sample_batch():
    """The shipped samples (corpora/samples) checked as one batch, without the history store."""
    from analyzer.paths import SAMPLES_DIR
    from analyzer.pipeline import BatchOptions, run_batch
    from analyzer.rules import load_ruleset

    team = sorted((SAMPLES_DIR / "team").glob("*.*"))
    history = SAMPLES_DIR / "history"
    manifest = SAMPLES_DIR / "manifest.csv"
    options = BatchOptions(team=team, history=history if history.is_dir() else None,
                           manifest=manifest if manifest.is_file() else None, use_store=False)
    return run_batch(SAMPLES_DIR / "drafts", load_ruleset(None), options)


def sample_report() -> dict[str, Any]:
    """A batch report (JSON dict) of the shipped samples, made by the pipeline now."""
    from analyzer.report.json_report import to_dict

    return to_dict(sample_batch())


def load_report(path: str | os.PathLike | None = None) -> dict[str, Any]:
    """The report at ``path``, else at $DRAFTCHECK_REPORT, else a fresh report of the samples."""
    path = path or os.environ.get(REPORT_ENV)
    if path:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    return sample_report()


def use_cjk_font() -> str | None:
    """Point matplotlib at an installed CJK font so Chinese labels render; returns its name."""
    import logging

    import matplotlib
    from matplotlib import font_manager

    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    wanted = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
              "Microsoft YaHei", "SimHei", "PingFang SC", "Heiti SC", "AR PL UMing CN")
    have = {f.name for f in font_manager.fontManager.ttflist}
    for name in wanted:
        if name in have:
            matplotlib.rcParams["font.sans-serif"] = [name, *matplotlib.rcParams["font.sans-serif"]]
            matplotlib.rcParams["axes.unicode_minus"] = False
            return name
    import warnings

    warnings.filterwarnings("ignore", message="Glyph .* missing from font")
    return None
