"""The ``draftcheck`` command line (typer). Everything the user reads here is Chinese."""
from __future__ import annotations

import errno
import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import click
import typer

from analyzer import __version__
from analyzer.cli_i18n import ChineseCommand, ChineseGroup
from analyzer.cli_i18n import install as _install_chinese
from analyzer.errors import ConfigError, DraftcheckError

_install_chinese()

# Help is laid out by click (plain, wrapped by display width), not by typer's rich panels; typer's
# own command suggestion is English, click's (translated) is used instead.
TYPER_SETTINGS = dict(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                      suggest_commands=False, pretty_exceptions_enable=False, cls=ChineseGroup,
                      context_settings={"help_option_names": ["-h", "--help"]},
                      options_metavar="[选项]", subcommand_metavar="命令 [参数]...")

app = typer.Typer(
    name="draftcheck",
    help="民主生活会对照检查材料审核工具：查结构缺项、空泛表述、问题与措施不对应、原因找客观、批评变希望、抄袭雷同和疑似代写。",
    **TYPER_SETTINGS,
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


# Report file extensions and the format each one means (-o without --format).
EXTENSIONS = {".txt": Format.text, ".json": Format.json, ".html": Format.html, ".htm": Format.html,
              ".xlsx": Format.xlsx}
_QUIET = {"on": False}
_NOTED: set[str] = set()   # notes already said in this run


def _begin(quiet: bool) -> None:
    """A command's start: notes on or off, none said yet."""
    _QUIET["on"] = quiet
    _NOTED.clear()


def _note(message: str) -> None:
    """A remark on stderr (theme chosen, report written); --quiet leaves them out."""
    if not _QUIET["on"]:
        typer.echo(message, err=True)


def _implied(output: Optional[Path]) -> Format:
    """The format -o's extension names (text when it names none)."""
    return EXTENSIONS.get(output.suffix.lower(), Format.text) if output is not None else Format.text


def _resolve_format(fmt: Optional[Format], output: Optional[Path]) -> Format:
    """--format as given, else the one -o's extension names; a mismatch is refused."""
    suffix = output.suffix.lower() if output is not None else ""
    implied = EXTENSIONS.get(suffix)
    if fmt is None:
        if output is None:
            return Format.text
        if implied is None:
            known = "、".join(EXTENSIONS)
            raise ConfigError(f"-o {output}：从扩展名看不出要哪种报告。请用 {known} 之一作扩展名，"
                              "或用 --format 指定（带批注的 Word 副本写进目录：--format docx -o 目录）")
        return implied
    if fmt is Format.docx and (implied is not None or suffix in (".docx", ".doc")):
        raise ConfigError(f"-o {output}：--format docx 把每份材料的批注副本写进一个目录，-o 应为目录，例如 -o 批注")
    if implied is not None and implied is not fmt:
        raise ConfigError(f"-o {output} 的扩展名是 {suffix}（{implied.value} 报告），与 --format {fmt.value} 不符。"
                          f"请去掉 --format，或把文件名改为 .{_extension(fmt)}")
    return fmt


def _extension(fmt: Format) -> str:
    return next(ext for ext, f in EXTENSIONS.items() if f is fmt).lstrip(".")


def _write_error(path, err: OSError) -> ConfigError:
    """One Chinese line for an output that could not be written, with the fix."""
    where = path or err.filename or "输出位置"
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return ConfigError(f"{where}：磁盘空间已满，报告没有写入（原有文件未改动）。请清理磁盘空间，或用 -o 写到另一个磁盘")
    if err.errno == errno.EROFS:
        return ConfigError(f"{where}：所在位置只读，无法写入。请用 -o 换一个可写的位置")
    if isinstance(err, PermissionError):
        return ConfigError(f"{where}：没有写入权限（或文件正被其他程序打开，如 Excel、WPS）。"
                           "请关闭该文件后重试，或用 -o 换一个有写入权限的位置")
    reason = _OS_REASONS.get(err.errno, f"系统错误代码 {err.errno}")
    return ConfigError(f"{where}：无法写入（{reason}）。请检查该位置后重试，或用 -o 换一个位置")


_OS_REASONS = {errno.ENOENT: "路径不存在", errno.ENOTDIR: "路径中有一段不是目录", errno.EISDIR: "这是一个目录",
               errno.ENAMETOOLONG: "文件名太长", errno.EINVAL: "文件名中有系统不允许的字符",
               errno.EBUSY: "文件正被占用", errno.EIO: "磁盘读写出错", errno.EEXIST: "同名文件已存在",
               errno.EMFILE: "同时打开的文件太多", errno.ENFILE: "同时打开的文件太多"}


def _split_codes(values: Optional[List[str]]) -> list[str]:
    out: list[str] = []
    for value in values or []:
        out += [v.strip() for v in value.replace("，", ",").split(",") if v.strip()]
    return out


def _ruleset(rules: Optional[str], select, ignore, docs=None, configured: bool = False):
    """Load the rule set; without --rules (and with no rule set named by the project config,
    ``configured``), pick the theme from the drafts' titles, else the general rules."""
    from analyzer import rules as rules_pkg

    name = rules
    if name is None and docs is not None and not configured:
        name = rules_pkg.infer_theme(docs)
        if name:
            _note_once(f"提示：根据材料标题判断为“{name}”主题，按该主题规则检查（可用 --rules 指定其他主题）。")
        else:
            name = rules_pkg.GENERAL_THEME
            _note_once(_general_note(rules_pkg.assumed_theme(docs)))
    from analyzer.rules.cli import check_selection

    chosen, dropped = _split_codes(select), _split_codes(ignore)
    ruleset = rules_pkg.load_ruleset(name, select=chosen, ignore=dropped)
    check_selection(ruleset, chosen, dropped)
    return ruleset


def _configured_rules() -> bool:
    """Whether the project's config ([tool.draftcheck] rules) names a rule set."""
    from analyzer.rules.engine import read_config

    return bool(read_config(None)[0].get("rules"))


def _general_note(assumed: Optional[str]) -> str:
    what = "提示：材料标题没有写明会议主题，只检查各部分是否齐全和通用规则，不查主题方面覆盖"
    if assumed:
        return f"{what}；按材料年份应是“{assumed}”主题，如是，请加 --rules {assumed}。"
    return f"{what}；如需按某次会议的主题检查，请用 --rules 指定（draftcheck rules list 列出各主题）。"


def _note_once(message: str) -> None:
    """A note said once per run (a city batch infers a theme for every team)."""
    if message not in _NOTED:
        _NOTED.add(message)
        _note(message)


def _rules_for(rules: Optional[str], select, ignore):
    """A chooser the pipeline calls once the drafts are loaded."""
    configured = _configured_rules()   # read once: a city batch chooses a rule set for every team
    return lambda docs: _ruleset(rules, select, ignore, docs, configured)


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


def _emit(result, fmt: Format, output: Optional[Path], *, batch: bool, tell_errors: bool = True) -> None:
    """Write the report in the chosen format; errors of unreadable files go to stderr too (once:
    ``tell_errors`` is false for the second and later reports of one run)."""
    if not result.documents:  # nothing readable: one line per file on stderr
        for err in result.errors if tell_errors else ():
            typer.echo(f"错误：{err.message}", err=True)
        # programs still get the JSON, reviewers the report file, listing the errors
        if fmt is not Format.json and not (output is not None and fmt in (Format.html, Format.xlsx)):
            return
    try:
        _write(result, fmt, output, batch=batch)
    except OSError as err:
        raise _write_error(output, err) from None
    if tell_errors and result.documents and (fmt is not Format.text or output is not None):
        for err in result.errors:
            typer.echo(f"无法读取：{err.message}", err=True)
    if output is not None:
        _note(f"报告已写入：{output}")


def _outputs(fmt: Optional[Format], outputs: List[Optional[Path]], inputs: list[Path]
             ) -> list[tuple[Format, Optional[Path]]]:
    """Each ``-o`` of one run with its format, checked before any work (one report per -o)."""
    if len(outputs) > 1 and len(set(outputs)) < len(outputs):
        raise ConfigError("-o：同一个输出位置给了两次。每个 -o 写一份报告，请给不同的文件")
    chosen = []
    for output in outputs:
        _guard_output(output, inputs, fmt or _implied(output))
        form = _resolve_format(fmt, output)
        _need_output(form, output)
        chosen.append((form, output))
    return chosen


def _need_output(fmt: Format, output: Optional[Path]) -> None:
    if fmt in (Format.html, Format.xlsx, Format.docx) and output is None:
        example = "目录 批注" if fmt is Format.docx else f"文件，例如 -o 报告.{fmt.value}"
        raise ConfigError(f"--format {fmt.value} 需要用 -o 指定输出{example}")


def _write(result, fmt: Format, output: Optional[Path], *, batch: bool) -> None:
    from analyzer.atomic import atomic_write_text

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


RULES_HELP = "规则集：主题编号（如 2020-political-ecology、2025-annual）或规则文件路径；默认按材料标题判断，判断不出时只用通用规则"
SELECT_HELP = "只启用这些规则代码或前缀（逗号分隔，可重复），如 VAG,PAIR；写错的代码会报错"
IGNORE_HELP = "忽略这些规则代码或前缀（逗号分隔，可重复）"
FORMAT_HELP = ("输出格式：text 终端文字、json 程序读取、html 网页、xlsx Excel、docx 带批注的 Word；"
               "不写时按 -o 的扩展名（.txt .json .html .xlsx）判断，没有 -o 时为 text")
OUTPUT_HELP = "输出位置（text/json 省略时打印到屏幕；html/xlsx 为文件；docx 为目录）"
BATCH_OUTPUTS_HELP = "；可给多次，一次写出几种报告（如 -o 报告.json -o 报告.xlsx）"
FAIL_HELP = "发现达到该级别（info 提示、warning 警告、error 错误）的问题时退出码为 1"
QUIET_HELP = "不显示进度条和提示（报告和错误照常输出）"
RULES_OPT = dict(help=RULES_HELP, metavar="主题或路径")
CODES_OPT = dict(metavar="代码")
MANIFEST_HELP = "名单 CSV：file,member,role,unit,year,meeting_date（可选；否则以文件名作为成员）"
HISTORY_HELP = "本人往年材料目录（按名单或文件名识别成员）：查问题年年提、上年整改情况、措施照搬"
HISTORY_MANIFEST_HELP = "往年材料的名单 CSV（列同 --manifest）；不给时往年材料也按 --manifest 识别"
MEETING_HELP = "会议日期，如 2021-01-20（用于判断整改时限是否已过期；不给时取名单的 meeting_date 列，再不然据材料推断）"


def _meeting_date(value: Optional[str]):
    from analyzer.yearly import date_option

    return date_option(value)


@app.command("check", cls=ChineseCommand, help="逐份检查对照检查材料（作者自查），不做相互比对。")
def check(
    files: List[Path] = typer.Argument(..., help="一个或多个材料文件（.docx .txt .md .pdf .doc .wps）", show_default=False,
                                       metavar="文件..."),
    fmt: Optional[Format] = typer.Option(None, "--format", "-f", help=FORMAT_HELP, show_default=False),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help=OUTPUT_HELP, metavar="路径"),
    rules: Optional[str] = typer.Option(None, "--rules", **RULES_OPT),
    select: Optional[List[str]] = typer.Option(None, "--select", help=SELECT_HELP, **CODES_OPT),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help=IGNORE_HELP, **CODES_OPT),
    manifest: Optional[Path] = typer.Option(None, "--manifest", help=MANIFEST_HELP, metavar="文件"),
    meeting_date: Optional[str] = typer.Option(None, "--meeting-date", help=MEETING_HELP, metavar="年-月-日"),
    history: Optional[Path] = typer.Option(None, "--history", help=HISTORY_HELP, metavar="目录"),
    history_manifest: Optional[Path] = typer.Option(None, "--history-manifest", help=HISTORY_MANIFEST_HELP,
                                                    metavar="文件"),
    fail_on: Level = typer.Option(Level.error, "--fail-on", help=FAIL_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
) -> None:
    from analyzer.pipeline import check_paths

    _begin(quiet)
    [(fmt, output)] = _outputs(fmt, [output], [*files, *([history] if history else [])])
    when = _meeting_date(meeting_date)
    result = check_paths(files, _rules_for(rules, select, ignore), manifest=manifest, meeting_date=when,
                         history=history, history_manifest=history_manifest)
    _emit(result, fmt, output, batch=False)
    raise typer.Exit(_exit_code(result, fail_on))


@app.command("batch", cls=ChineseCommand,
             help="批量审核一个目录（或 .zip 压缩包）下的全部材料：逐份检查，并相互比对、与范文和往年材料比对、"
                  "查疑似代写；子目录为各班子，分班子判断主题和疑似代写，跨班子查抄袭。")
def batch(
    directory: Path = typer.Argument(..., help="存放各成员材料的目录或 .zip 压缩包（子目录为各班子）", show_default=False,
                                     metavar="目录"),
    team: Optional[List[Path]] = typer.Option(None, "--team", help="班子对照检查材料（成员认领其中问题不算抄袭）",
                                              metavar="文件"),
    templates: Optional[Path] = typer.Option(None, "--templates", help="额外的范文目录（内置范文总会参与比对）",
                                             metavar="目录"),
    history: Optional[Path] = typer.Option(None, "--history", help="往年材料目录（按文件名或名单识别成员）",
                                           metavar="目录"),
    history_manifest: Optional[Path] = typer.Option(None, "--history-manifest", help=HISTORY_MANIFEST_HELP,
                                                    metavar="文件"),
    manifest: Optional[Path] = typer.Option(None, "--manifest", help=MANIFEST_HELP, metavar="文件"),
    store: Optional[Path] = typer.Option(None, "--store", help="本地历史库（SQLite）位置；默认在用户数据目录，供明年比对",
                                         metavar="文件"),
    no_store: bool = typer.Option(False, "--no-store", help="不读写本地历史库"),
    meeting_date: Optional[str] = typer.Option(None, "--meeting-date", help=MEETING_HELP, metavar="年-月-日"),
    rules: Optional[str] = typer.Option(None, "--rules", **RULES_OPT),
    select: Optional[List[str]] = typer.Option(None, "--select", help=SELECT_HELP, **CODES_OPT),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help=IGNORE_HELP, **CODES_OPT),
    fmt: Optional[Format] = typer.Option(None, "--format", "-f", help=FORMAT_HELP, show_default=False),
    output: Optional[List[Path]] = typer.Option(None, "-o", "--output", help=OUTPUT_HELP + BATCH_OUTPUTS_HELP,
                                                metavar="路径"),
    fail_on: Level = typer.Option(Level.error, "--fail-on", help=FAIL_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
) -> None:
    from analyzer.pipeline import BatchOptions, run_batch
    from analyzer.report.text import progress

    _begin(quiet)

    if not directory.exists():
        raise ConfigError(f"{directory}：目录不存在。请检查路径是否正确")
    if not directory.is_dir() and not directory.name.lower().endswith(".zip"):
        raise ConfigError(f"{directory}：这是一个文件，batch 需要目录或 .zip 压缩包。单个文件请用 draftcheck check")
    when = _meeting_date(meeting_date)
    inputs = [directory, *(team or []), *([templates] if templates else []), *([history] if history else [])]
    outputs = _outputs(fmt, output or [None], inputs)
    with progress(enabled=not quiet) as advance:
        options = BatchOptions(team=team or [], templates=templates, history=history, manifest=manifest,
                               history_manifest=history_manifest, store=store, use_store=not no_store,
                               progress=advance, meeting_date=when)
        result = run_batch(directory, _rules_for(rules, select, ignore), options)
    from analyzer import timings

    with timings.stage("写出报告"):
        for k, (form, path) in enumerate(outputs):
            _emit(result, form, path, batch=True, tell_errors=k == 0)
    timings.report()
    raise typer.Exit(_exit_code(result, fail_on))


class CompareFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"


@app.command("compare", cls=ChineseCommand, help="两份材料逐段对照，显示雷同片段。")
def compare(
    a: Path = typer.Argument(..., help="材料 A", show_default=False, metavar="材料A"),
    b: Path = typer.Argument(..., help="材料 B", show_default=False, metavar="材料B"),
    rules: Optional[str] = typer.Option(None, "--rules", **RULES_OPT),
    fmt: Optional[CompareFormat] = typer.Option(None, "--format", "-f", show_default=False,
                                                help="输出格式：text 终端并排、json 程序读取、html 网页；"
                                                     "不写时按 -o 的扩展名判断"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", metavar="文件",
                                          help="输出文件（text/json 省略时打印到屏幕；html 必须给出）"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
) -> None:
    from analyzer.load import load_document
    from analyzer.reuse import compare_documents

    _begin(quiet)
    _guard_output(output, [a, b], Format.text)
    full = _resolve_format(Format(fmt.value) if fmt else None, output)
    if full not in (Format.text, Format.json, Format.html):
        raise ConfigError(f"-o {output}：compare 只输出 text、json 或 html")
    _need_output(full, output)
    ruleset = _ruleset(rules, None, None)
    doc_a, doc_b = load_document(a), load_document(b)
    if doc_a.id == doc_b.id:
        doc_b.id = f"{doc_b.id}(B)"
    reuse = compare_documents(doc_a, doc_b, boilerplate=ruleset.boilerplate_phrases())
    try:
        _write_compare(doc_a, doc_b, reuse, full, output)
    except OSError as err:
        raise _write_error(output, err) from None
    if output is not None:
        _note(f"比对结果已写入：{output}")


def _write_compare(doc_a, doc_b, reuse, fmt: Format, output: Optional[Path]) -> None:
    from analyzer.atomic import atomic_write_text
    from analyzer.report import compare as view

    if fmt is Format.json:
        text = view.compare_json(doc_a, doc_b, reuse)
    elif fmt is Format.html:
        text = view.compare_html(doc_a, doc_b, reuse)
    else:
        from rich.console import Console

        if output is None:
            view.render_compare(doc_a, doc_b, reuse, Console(highlight=False))
            return
        with open(os.devnull, "w") as sink:
            console = Console(file=sink, record=True, width=110, highlight=False)
            view.render_compare(doc_a, doc_b, reuse, console)
        text = console.export_text()
    if output is None:
        sys.stdout.write(text)
    else:
        atomic_write_text(output, text)


@app.command("plan", cls=ChineseCommand, help="根据问题与措施的对应关系生成整改清单草稿（Excel）。")
def plan(
    files: List[Path] = typer.Argument(..., help="一个或多个材料文件", show_default=False, metavar="文件..."),
    output: Path = typer.Option(..., "-o", "--output", help="整改清单 Excel 文件，如 整改清单.xlsx", metavar="文件"),
    rules: Optional[str] = typer.Option(None, "--rules", **RULES_OPT),
    manifest: Optional[Path] = typer.Option(None, "--manifest", help=MANIFEST_HELP, metavar="文件"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
    meeting_date: Optional[str] = typer.Option(None, "--meeting-date", help=MEETING_HELP, metavar="年-月-日"),
    history: Optional[Path] = typer.Option(None, "--history", help=HISTORY_HELP, metavar="目录"),
    history_manifest: Optional[Path] = typer.Option(None, "--history-manifest", help=HISTORY_MANIFEST_HELP,
                                                    metavar="文件"),
) -> None:
    from analyzer.pipeline import check_paths
    from analyzer.report.plan_xlsx import write_plan

    _begin(quiet)
    if output.suffix.lower() != ".xlsx":
        raise ConfigError(f"-o {output}：整改清单是 Excel 文件，请用 .xlsx 作扩展名，例如 -o 整改清单.xlsx")
    _guard_output(output, [*files, *([history] if history else [])], Format.xlsx)
    when = _meeting_date(meeting_date)
    result = check_paths(files, _rules_for(rules, None, None), manifest=manifest, meeting_date=when,
                         history=history, history_manifest=history_manifest)
    for err in result.errors:
        typer.echo(f"无法读取：{err.message}", err=True)
    if not result.documents:
        raise typer.Exit(2)
    try:
        write_plan(result.documents, output)
    except OSError as err:
        raise _write_error(output, err) from None
    _note(f"整改清单已写入：{output}")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"draftcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                       help="显示版本并退出")) -> None:
    """民主生活会对照检查材料审核工具。"""


def _mount_rules() -> None:
    from analyzer.rules.cli import rules_app

    app.add_typer(rules_app, name="rules", help="规则：列出、查看说明、校验规则文件、运行规则自带的示例",
                  cls=ChineseGroup, options_metavar="[选项]", subcommand_metavar="命令 [参数]...")
    for info in (*app.registered_commands, *rules_app.registered_commands):
        info.options_metavar = "[选项]"


_mount_rules()


def main() -> None:
    """Console-script entry point: Chinese one-line errors, exit 2, never a traceback for bad input."""
    try:
        code = app(prog_name="draftcheck", standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except DraftcheckError as exc:
        typer.echo(f"错误：{exc}", err=True)
        sys.exit(2)
    except (KeyboardInterrupt, click.Abort):
        typer.echo("已中止。", err=True)
        sys.exit(130)
    except click.ClickException as exc:  # usage errors: usage line, hint and message, all Chinese (gettext)
        exc.show()
        sys.exit(exc.exit_code)
    except OSError as exc:  # a disk or permission failure not caught where the file is written
        typer.echo(f"错误：{_write_error(None, exc)}", err=True)
        sys.exit(2)
    except Exception as exc:  # anything unforeseen
        if os.environ.get("DRAFTCHECK_DEBUG"):
            raise
        typer.echo(f"错误：程序内部出错（{type(exc).__name__}: {exc}）。请设置环境变量 DRAFTCHECK_DEBUG=1 重新运行并把输出反馈给维护者", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
