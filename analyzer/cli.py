"""The ``draftcheck`` command line (typer). Everything the user reads here is Chinese."""
from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from analyzer import __version__
from analyzer.cli_i18n import install as _install_chinese
from analyzer.errors import ConfigError, DraftcheckError

_install_chinese()

app = typer.Typer(
    name="draftcheck",
    help="民主生活会对照检查材料审核工具：查结构缺项、空泛表述、问题与措施不对应、原因找客观、批评变希望、抄袭雷同和疑似代写。",
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    options_metavar="[选项]",
    subcommand_metavar="命令 [参数]...",
)


class Format(str, Enum):
    text = "text"
    json = "json"
    html = "html"
    xlsx = "xlsx"
    docx = "docx"


class Level(str, Enum):
    info = "info"
    warning = "warning"
    error = "error"


def _split_codes(values: Optional[List[str]]) -> list[str]:
    out: list[str] = []
    for value in values or []:
        out += [v.strip() for v in value.replace("，", ",").split(",") if v.strip()]
    return out


def _ruleset(rules: Optional[str], select, ignore, docs=None):
    """Load the rule set; without --rules, pick the theme from the drafts' titles when they say."""
    from analyzer import rules as rules_pkg

    name = rules
    if name is None and docs and hasattr(rules_pkg, "infer_theme"):
        name = rules_pkg.infer_theme(docs)
        if name and name != getattr(rules_pkg, "DEFAULT_THEME", None):
            typer.echo(f"提示：根据材料标题判断为“{name}”主题，按该主题规则检查（可用 --rules 指定其他主题）。", err=True)
    ruleset = rules_pkg.load_ruleset(name, select=_split_codes(select), ignore=_split_codes(ignore))
    for code in ruleset.unmatched_suppressions():
        typer.echo(f"提示：规则选择/忽略项“{code}”没有匹配任何规则，请检查拼写（draftcheck rules list 可列出全部规则）。", err=True)
    return ruleset


def _rules_for(rules: Optional[str], select, ignore):
    """A chooser the pipeline calls once the drafts are loaded."""
    return lambda docs: _ruleset(rules, select, ignore, docs)


def _guard_output(output: Optional[Path], inputs: list[Path], fmt: Format) -> None:
    """Before any work: refuse an ``-o`` that would replace an input (see check_output_path)."""
    if output is not None:
        from analyzer.atomic import check_output_path

        check_output_path(output, inputs, folder=fmt is Format.docx)


def _exit_code(result, fail_on: Level) -> int:
    from analyzer.model import SEVERITY_RANK

    if not result.documents and result.errors:
        return 2
    threshold = SEVERITY_RANK[fail_on.value]
    worst = max((SEVERITY_RANK.get(f.severity, 0) for r in result.documents for f in r.findings), default=-1)
    return 1 if worst >= threshold else 0


def _emit(result, fmt: Format, output: Optional[Path], *, batch: bool) -> None:
    """Write the report in the chosen format; errors of unreadable files go to stderr too."""
    from analyzer.atomic import atomic_write_text

    if not result.documents:  # nothing readable: one line per file on stderr
        for err in result.errors:
            typer.echo(f"错误：{err.message}", err=True)
        # programs still get the JSON, reviewers the report file, listing the errors
        if fmt is not Format.json and not (output is not None and fmt in (Format.html, Format.xlsx)):
            return
    if fmt in (Format.html, Format.xlsx, Format.docx) and output is None:
        raise ConfigError(f"--format {fmt.value} 需要用 -o 指定输出{'目录' if fmt is Format.docx else '文件'}，例如 -o 报告.{fmt.value if fmt is not Format.docx else ''}".rstrip("."))
    if fmt is Format.json:
        from analyzer.report.json_report import dumps

        text = dumps(result)
        if output is None:
            sys.stdout.write(text)
        else:
            atomic_write_text(output, text)
    elif fmt is Format.text:
        from rich.console import Console

        from analyzer.report.text import render_text

        if output is None:
            render_text(result, Console(highlight=False), batch=batch)
        else:
            with open(os.devnull, "w") as sink:
                console = Console(file=sink, record=True, width=110, highlight=False)
                render_text(result, console, batch=batch)
            atomic_write_text(output, console.export_text())
    elif fmt is Format.html:
        from analyzer.report.html import write_html

        write_html(result, output)
    elif fmt is Format.xlsx:
        from analyzer.report.xlsx import write_xlsx

        write_xlsx(result, output)
    elif fmt is Format.docx:
        from analyzer.report.docx_annot import write_annotated

        write_annotated(result, output)
    if result.documents and (fmt is not Format.text or output is not None):
        for err in result.errors:
            typer.echo(f"无法读取：{err.message}", err=True)
    if output is not None:
        typer.echo(f"报告已写入：{output}", err=True)


RULES_HELP = "规则集：主题编号（如 2020-political-ecology、2025-annual）或规则文件路径；默认为当前主题"
SELECT_HELP = "只启用这些规则代码或前缀（逗号分隔，可重复），如 VAG,PAIR"
IGNORE_HELP = "忽略这些规则代码或前缀（逗号分隔，可重复）"
FORMAT_HELP = "输出格式：text 终端文字、json 程序读取、html 网页、xlsx Excel、docx 带批注的 Word"
OUTPUT_HELP = "输出位置（text/json 省略时打印到屏幕；html/xlsx 为文件；docx 为目录）"
FAIL_HELP = "发现达到该级别（info 提示、warning 警告、error 错误）的问题时退出码为 1"
MANIFEST_HELP = "名单 CSV：file,member,role,unit,year,meeting_date（可选；否则以文件名作为成员）"
HISTORY_HELP = "本人往年材料目录（按名单或文件名识别成员）：查问题年年提、上年整改情况、措施照搬"
MEETING_HELP = "会议日期，如 2021-01-20（用于判断整改时限是否已过期；不给时取名单的 meeting_date 列，再不然据材料推断）"


def _meeting_date(value: Optional[str]):
    from analyzer.yearly import date_option

    return date_option(value)


@app.command("check", help="逐份检查对照检查材料（作者自查），不做相互比对。")
def check(
    files: List[Path] = typer.Argument(..., help="一个或多个材料文件（.docx .txt .md .pdf .doc .wps）", show_default=False,
                                       metavar="文件"),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help=FORMAT_HELP),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help=OUTPUT_HELP),
    rules: Optional[str] = typer.Option(None, "--rules", help=RULES_HELP),
    select: Optional[List[str]] = typer.Option(None, "--select", help=SELECT_HELP),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help=IGNORE_HELP),
    manifest: Optional[Path] = typer.Option(None, "--manifest", help=MANIFEST_HELP),
    meeting_date: Optional[str] = typer.Option(None, "--meeting-date", help=MEETING_HELP, metavar="年-月-日"),
    history: Optional[Path] = typer.Option(None, "--history", help=HISTORY_HELP),
    fail_on: Level = typer.Option(Level.error, "--fail-on", help=FAIL_HELP),
) -> None:
    from analyzer.pipeline import check_paths

    _guard_output(output, [*files, *([history] if history else [])], fmt)
    when = _meeting_date(meeting_date)
    result = check_paths(files, _rules_for(rules, select, ignore), manifest=manifest, meeting_date=when,
                         history=history)
    _emit(result, fmt, output, batch=False)
    raise typer.Exit(_exit_code(result, fail_on))


@app.command("batch", help="批量审核一个目录（或 .zip 压缩包）下的全部材料：逐份检查，并相互比对、与范文和往年材料比对、查疑似代写；子目录为各班子，分班子判断主题和疑似代写，跨班子查抄袭。")
def batch(
    directory: Path = typer.Argument(..., help="存放各成员材料的目录或 .zip 压缩包（子目录为各班子）", show_default=False,
                                     metavar="目录"),
    team: Optional[List[Path]] = typer.Option(None, "--team", help="班子对照检查材料（成员认领其中问题不算抄袭）"),
    templates: Optional[Path] = typer.Option(None, "--templates", help="额外的范文目录（内置范文总会参与比对）"),
    history: Optional[Path] = typer.Option(None, "--history", help="往年材料目录（按文件名或名单识别成员）"),
    manifest: Optional[Path] = typer.Option(None, "--manifest", help=MANIFEST_HELP),
    store: Optional[Path] = typer.Option(None, "--store", help="本地历史库（SQLite）位置；默认在用户数据目录，供明年比对"),
    no_store: bool = typer.Option(False, "--no-store", help="不读写本地历史库"),
    meeting_date: Optional[str] = typer.Option(None, "--meeting-date", help=MEETING_HELP, metavar="年-月-日"),
    rules: Optional[str] = typer.Option(None, "--rules", help=RULES_HELP),
    select: Optional[List[str]] = typer.Option(None, "--select", help=SELECT_HELP),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help=IGNORE_HELP),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help=FORMAT_HELP),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help=OUTPUT_HELP),
    fail_on: Level = typer.Option(Level.error, "--fail-on", help=FAIL_HELP),
) -> None:
    from analyzer.pipeline import BatchOptions, run_batch
    from analyzer.report.text import progress

    if not directory.exists():
        raise ConfigError(f"{directory}：目录不存在。请检查路径是否正确")
    if not directory.is_dir() and not directory.name.lower().endswith(".zip"):
        raise ConfigError(f"{directory}：这是一个文件，batch 需要目录或 .zip 压缩包。单个文件请用 draftcheck check")
    when = _meeting_date(meeting_date)
    inputs = [directory, *(team or []), *([templates] if templates else []), *([history] if history else [])]
    _guard_output(output, inputs, fmt)
    with progress() as advance:
        options = BatchOptions(team=team or [], templates=templates, history=history, manifest=manifest,
                               store=store, use_store=not no_store, progress=advance, meeting_date=when)
        result = run_batch(directory, _rules_for(rules, select, ignore), options)
    _emit(result, fmt, output, batch=True)
    raise typer.Exit(_exit_code(result, fail_on))


@app.command("compare", help="两份材料逐段对照，显示雷同片段。")
def compare(
    a: Path = typer.Argument(..., help="材料 A", show_default=False, metavar="材料A"),
    b: Path = typer.Argument(..., help="材料 B", show_default=False, metavar="材料B"),
    rules: Optional[str] = typer.Option(None, "--rules", help=RULES_HELP),
) -> None:
    from rich.console import Console

    from analyzer.load import load_document
    from analyzer.report.compare import render_compare
    from analyzer.reuse import compare_documents

    ruleset = _ruleset(rules, None, None)
    doc_a, doc_b = load_document(a), load_document(b)
    if doc_a.id == doc_b.id:
        doc_b.id = f"{doc_b.id}(B)"
    reuse = compare_documents(doc_a, doc_b, boilerplate=ruleset.boilerplate_phrases())
    render_compare(doc_a, doc_b, reuse, Console(highlight=False))


@app.command("plan", help="根据问题与措施的对应关系生成整改清单草稿（Excel）。")
def plan(
    files: List[Path] = typer.Argument(..., help="一个或多个材料文件", show_default=False, metavar="文件"),
    output: Path = typer.Option(..., "-o", "--output", help="整改清单 Excel 文件，如 整改清单.xlsx"),
    rules: Optional[str] = typer.Option(None, "--rules", help=RULES_HELP),
    manifest: Optional[Path] = typer.Option(None, "--manifest", help=MANIFEST_HELP),
) -> None:
    from analyzer.atomic import check_output_path
    from analyzer.pipeline import check_paths
    from analyzer.report.plan_xlsx import write_plan

    check_output_path(output, list(files))
    result = check_paths(files, _rules_for(rules, None, None), manifest=manifest)
    for err in result.errors:
        typer.echo(f"无法读取：{err.message}", err=True)
    if not result.documents:
        raise typer.Exit(2)
    write_plan(result.documents, output)
    typer.echo(f"整改清单已写入：{output}", err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"draftcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本并退出")) -> None:
    """民主生活会对照检查材料审核工具。"""


def _mount_rules() -> None:
    from analyzer.rules.cli import rules_app

    app.add_typer(rules_app, name="rules", help="规则：列出、查看说明、校验规则文件、运行规则自带的示例",
                  options_metavar="[选项]", subcommand_metavar="命令 [参数]...")
    for info in (*app.registered_commands, *rules_app.registered_commands):
        info.options_metavar = "[选项]"


_mount_rules()


def main() -> None:
    """Console-script entry point: Chinese one-line errors, exit 2, never a traceback for bad input."""
    try:
        code = app(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except DraftcheckError as exc:
        typer.echo(f"错误：{exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("已中止。", err=True)
        sys.exit(130)
    except Exception as exc:  # click usage errors and anything unforeseen
        from analyzer.cli_i18n import translate_error

        # typer's (vendored) click: usage errors carry format_message() and an exit code
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
            ctx = getattr(exc, "ctx", None)
            if ctx is not None:
                typer.echo(ctx.get_usage(), err=True)
                typer.echo(f"运行 '{ctx.command_path} --help' 查看帮助。", err=True)
            typer.echo(f"错误：{translate_error(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        if isinstance(exc, typer.Abort):
            typer.echo("已中止。", err=True)
            sys.exit(1)
        if os.environ.get("DRAFTCHECK_DEBUG"):
            raise
        typer.echo(f"错误：程序内部出错（{type(exc).__name__}: {exc}）。请设置环境变量 DRAFTCHECK_DEBUG=1 重新运行并把输出反馈给维护者", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
