"""``draftcheck rules list | show CODE | validate PATH | test`` (mounted by the main CLI)."""
from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path
from typing import Optional, Sequence

import typer

from ..batch_findings import reuse_rules
from ..cli_i18n import ChineseCommand, ChineseGroup, wrap
from ..errors import ConfigError
from ..paths import RULES_DIR
from ..report.labels import category_label
from .engine import example_document, load_ruleset, read_config, read_yaml, validate_path

rules_app = typer.Typer(
    name="rules",
    help="查看、校验和测试审核规则（规则为 rules/ 下的 YAML 数据）。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    suggest_commands=False,
    cls=ChineseGroup,
)

SEVERITY_CN = {"info": "提示", "warning": "警告", "error": "错误"}
KIND_CN = {"existence": "词表/模式匹配", "metric": "打分与阈值", "conditional": "条件（有甲无乙）",
           "pairing": "问题与措施配对", "coverage": "主题方面覆盖", "sequence": "编号顺序",
           "sections": "必备部分", "share": "篇幅占比", "lead": "先成绩后问题"}
UNIT_CN = {"sentence": "逐句", "clause": "逐分句", "item": "逐条", "section": "整个部分", "document": "全文"}
ROLE_CN = {"problems": "存在的问题", "causes": "原因分析", "measures": "整改措施", "criticism": "相互批评",
           "last_year": "上年度整改", "case_analysis": "案例剖析", "personal_matters": "个人有关事项",
           "study": "学习体会", "opening": "开头", "closing": "结尾"}

_RULES_OPT = typer.Option(None, "--rules", help="规则集：主题名（如 2025-annual）、主题文件或规则目录的路径",
                          metavar="主题或路径")


def check_selection(ruleset, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> None:
    """Refuse a --select/--ignore item (or one from the config file) that names no rule: an
    unknown code would otherwise switch every rule off, or nothing. The message names the code,
    where it was given and the nearest real code, prefix or category."""
    from ..yearly.findings import yearly_rules

    batch_codes = [r["code"] for r in (*reuse_rules().values(), *yearly_rules().values())]
    unknown = [s for s in ruleset.unmatched_suppressions()
               if not any(code == s or code.startswith(s) for code in batch_codes)]
    if not unknown:
        return
    code = unknown[0]
    if code in select:
        where = "--select"
    elif code in ignore:
        where = "--ignore"
    else:
        config, path = read_config(None)
        key = "select" if code in config.get("select", []) else "ignore"
        where = f"{path} 的 [tool.draftcheck] {key}"
    names = sorted({r.code for r in ruleset.all_rules} | set(batch_codes)
                   | {r.code.rstrip("0123456789") for r in ruleset.all_rules} | {r.category for r in ruleset.all_rules})
    by_upper = {n.upper(): n for n in names}
    near = difflib.get_close_matches(code.upper(), list(by_upper), n=1, cutoff=0.5)
    hint = f"最接近的是“{by_upper[near[0]]}”" if near else \
        "可用的前缀：" + "、".join(sorted({r.code.rstrip("0123456789") for r in ruleset.all_rules}))
    raise ConfigError(f"{where}：没有规则代码或前缀“{code}”；{hint}。用 draftcheck rules list 查看全部规则代码")


# Rule data cites the project's design notes for maintainers ("（genre.md §4.3）"); a user is not
# helped by a file name of ours, so ``rules show`` leaves these citations out.
_DESIGN_NOTE = re.compile(r"[（(]?\s*genre\.md\s*§[^）)，。；]*[）)]?")
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _say(label: str, text: str) -> None:
    """``label`` + ``text``, wrapped at the terminal's width with a hanging indent."""
    text = _DESIGN_NOTE.sub("", text)
    width = shutil.get_terminal_size().columns
    from rich.cells import cell_len

    lines = wrap(text, max(width - cell_len(label) - 1, 20))
    typer.echo(label + lines[0])
    for line in lines[1:]:
        typer.echo(" " * cell_len(label) + line)


def _load(rules: Optional[str]):
    try:
        return load_ruleset(rules)
    except ConfigError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(2)


def _example_text(ex) -> str:
    if isinstance(ex, str):
        return ex.replace("\n", " ⏎ ")
    return "；".join(f"{ROLE_CN.get(k, k)}：{' / '.join(v if isinstance(v, list) else [v])}" for k, v in ex.items())


@rules_app.command("list", cls=ChineseCommand, help="列出规则集中的全部规则。")
def list_rules(rules: Optional[str] = _RULES_OPT) -> None:
    rs = _load(rules)
    _say("规则集：", f"{rs.id}（{rs.theme.get('description') or rs.theme.get('year_label', '')}）")
    for r in rs.all_rules:
        mark = "" if r in rs.rules else "（未启用）"
        typer.echo(f"{r.code}  {r.name}  [{category_label(r.category, r.name)}·{SEVERITY_CN.get(r.severity, r.severity)}]{mark}")
    batch = _batch_rules()
    yearly = _yearly_rules()
    for title, group in (("批量比对规则（draftcheck batch / compare，规则数据在 rules/batch/reuse.yaml）：", batch),
                         ("年度对比规则（有往年材料或会议日期时，check / batch，规则数据在 rules/batch/yearly.yaml）：",
                          yearly)):
        _say("", title)
        for r in group:
            typer.echo(f"{r['code']}  {r['name']}  [{category_label(r['category'], r['name'])}·"
                       f"{SEVERITY_CN.get(r['severity'], r['severity'])}]")
    _say("", f"共 {len(rs.all_rules) + len(batch) + len(yearly)} 条规则（逐份 {len(rs.all_rules)} 条，"
             f"批量 {len(batch)} 条，年度对比 {len(yearly)} 条）；年度主题见 draftcheck rules themes")


def _sorted_rules(load) -> list[dict]:
    try:
        return sorted(load().values(), key=lambda r: r["code"])
    except ConfigError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(2)


def _batch_rules() -> list[dict]:
    return _sorted_rules(reuse_rules)


def _yearly_rules() -> list[dict]:
    from ..yearly.findings import yearly_rules

    return _sorted_rules(yearly_rules)


SOURCE_CN = {"template": "公开范文", "member": "本批其他成员的材料", "history": "本人往年材料", "team": "班子对照检查材料"}
STATUS_CN = {"confirmed": "已核实", "partial": "部分核实", "unconfirmed": "未核实"}


@rules_app.command("themes", cls=ChineseCommand, help="列出全部会议主题规则集（--rules 可用的名称）及其规定方面。")
def themes() -> None:
    for path in sorted((RULES_DIR / "themes").glob("*.yaml")):
        try:
            data = read_yaml(path)
        except ConfigError as err:
            typer.echo(str(err), err=True)
            raise typer.Exit(2)
        status = STATUS_CN.get(str(data.get("status", "confirmed")), data.get("status"))
        typer.echo(f"{path.stem}  {data.get('year_label', '')}  [{status}]")
        for a in data.get("aspects") or []:
            mark = "" if a.get("status", "confirmed") == "confirmed" else f"（{STATUS_CN.get(a['status'], a['status'])}）"
            _say(f"    {a['id']} ", f"{a['label']}{mark}")


@rules_app.command("show", cls=ChineseCommand, help="显示一条规则：查什么、依据什么规范、反例和正例。")
def show(code: str = typer.Argument(..., help="规则代码，如 VAG001", metavar="规则代码"), rules: Optional[str] = _RULES_OPT) -> None:
    rs = _load(rules)
    r = rs.rule(code.upper())
    if r is None and code.upper().startswith("REU"):
        batch = next((b for b in _batch_rules() if b["code"] == code.upper()), None)
        if batch is not None:
            _show_batch(batch)
            return
    yearly = next((y for y in _yearly_rules() if y["code"] == code.upper()), None) if r is None else None
    if yearly is not None:
        _show_yearly(yearly)
        return
    if r is None:
        typer.echo(f"没有规则 {code}；用 draftcheck rules list 查看全部规则代码", err=True)
        raise typer.Exit(2)
    roles = "、".join(ROLE_CN.get(x, x) for x in r.roles)
    where = f"{roles}（{UNIT_CN.get(r.unit, r.unit)}）" if roles and r.unit != "document" else (roles or "全文")
    typer.echo(f"{r.code}  {r.name}")
    _say("类别：", f"{category_label(r.category, r.name)}    级别：{SEVERITY_CN.get(r.severity, r.severity)}    "
                  f"方式：{KIND_CN.get(r.kind, r.kind)}    范围：{where}")
    _say("检查什么：", r.description or r.name)
    sample = rs.run_example(r, r.examples["fail"][0])
    if sample:
        _say("报告示例：", sample[0].message)
    _say("为什么（依据）：", r.norm)
    # the example's own suggestion has its placeholders filled; else they read as “……”
    _say("怎么改：", sample[0].suggestion if sample else _PLACEHOLDER.sub("……", r.suggestion))
    typer.echo("反例（会被标出）：")
    for ex in r.examples["fail"]:
        _say("  ✗ ", _example_text(ex))
    typer.echo("正例（不会被标出）：")
    for ex in r.examples["pass"]:
        _say("  ✓ ", _example_text(ex))
    typer.echo(f"定义于：{r.file}")


def _show_batch(r: dict) -> None:
    typer.echo(f"{r['code']}  {r['name']}")
    typer.echo(f"类别：{category_label(r['category'], r['name'])}    级别：{SEVERITY_CN.get(r['severity'], r['severity'])}    "
               f"方式：批量比对（draftcheck batch / compare）")
    _say("检查什么：", f"材料中与{SOURCE_CN.get(r['source_kind'], r['source_kind'])}雷同的段落"
                  "（13字指纹比对，并识别换词、调换语序的改写；会议主题原文和标准政治表述不算）")
    sample = r["message"].format(source="2023年材料", source_name="2023年对照检查材料", length=86, similarity=92)
    _say("报告示例：", sample)
    _say("为什么（依据）：", r["norm"])
    _say("怎么改：", r["suggestion"])
    typer.echo("定义于：rules/batch/reuse.yaml")


def _show_yearly(r: dict) -> None:
    from ..yearly.examples import example_summary, run_example

    typer.echo(f"{r['code']}  {r['name']}")
    _say("类别：", f"{category_label(r['category'], r['name'])}    级别：{SEVERITY_CN.get(r['severity'], r['severity'])}    "
                  "方式：年度对比（本人往年材料 --history 或本地历史库；会议日期 --meeting-date）")
    _say("检查什么：", r["description"])
    sample = run_example(r["examples"]["fail"][0])
    if sample:
        _say("报告示例：", sample[0].message)
    _say("为什么（依据）：", r["norm"])
    _say("怎么改：", r["suggestion"].format_map(_Sample(r["sample"])))
    typer.echo("反例（会被标出）：")
    for ex in r["examples"]["fail"]:
        _say("  ✗ ", example_summary(ex))
    typer.echo("正例（不会被标出）：")
    for ex in r["examples"]["pass"]:
        _say("  ✓ ", example_summary(ex))
    typer.echo("定义于：rules/batch/yearly.yaml")


class _Sample(dict):
    def __missing__(self, key):
        return ""


@rules_app.command("validate", cls=ChineseCommand, help="校验规则文件、主题文件或规则目录；有误时以退出码 2 报告。")
def validate(path: Path = typer.Argument(..., help="YAML 文件或规则目录", metavar="路径")) -> None:
    try:
        what = validate_path(path)
    except ConfigError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(2)
    typer.echo(f"{path}：校验通过（{'，'.join(what)}）")


@rules_app.command("test", cls=ChineseCommand, help="运行每条规则的反例和正例；有不符合的以退出码 1 报告。")
def test(rules: Optional[str] = _RULES_OPT) -> None:
    rs = _load(rules)
    failed = total = 0
    for r in rs.all_rules:
        for expect in ("fail", "pass"):
            for ex in r.examples[expect]:
                total += 1
                got = [f for f in rs.run_example(r, ex) if f.rule == r.code]
                if (expect == "fail") != bool(got):
                    failed += 1
                    what = "应标出却未标出" if expect == "fail" else "不应标出却标出了"
                    typer.echo(f"✗ {r.code} {what}：{_example_text(ex)[:60]}")
    from ..yearly.examples import check_examples

    yearly = _yearly_rules()
    bad = check_examples(rs)
    for line in bad:
        typer.echo(line)
    failed += len(bad)
    total += sum(len(r["examples"][k]) for r in yearly for k in ("fail", "pass"))
    if failed:
        typer.echo(f"{failed}/{total} 个示例不符合", err=True)
        raise typer.Exit(1)
    typer.echo(f"全部 {total} 个示例通过（{len(rs.all_rules) + len(yearly)} 条规则）")


__all__ = ["rules_app", "example_document"]
