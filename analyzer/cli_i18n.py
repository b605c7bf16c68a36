"""Chinese wording for the messages click and typer print themselves (usage, errors, help panels).

click and typer look their strings up through ``gettext``; we install a small catalogue in the
modules that bound ``_``/``ngettext`` at import, so ``--help`` and usage errors read in Chinese.
"""
from __future__ import annotations

import importlib
import re

CATALOGUE = {
    "Usage:": "用法：",
    "Options": "选项",
    "Arguments": "参数",
    "Commands": "命令",
    "Error": "错误",
    "Error: {message}": "错误：{message}",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看帮助。",
    "Try [blue]'{command_path} {help_option}'[/] for help.": "运行 [blue]'{command_path} {help_option}'[/] 查看帮助。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing {param_type}": "缺少{param_type}",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不接受取值。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的取值无效：{message}",
    "Invalid value: {message}": "取值无效：{message}",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "{value!r} is not one of {choices}.": "{value!r} 不在可选值 {choices} 之中。",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是一个目录，这里需要文件。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是一个文件，这里需要目录。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 无法读取（没有权限）。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 无法写入（没有权限）。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "file": "文件",
    "directory": "目录",
    "path": "路径",
    "required": "必填",
    "[required]": "[必填]",
    "[default: {}]": "[默认：{}]",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "[env var: {}]": "[环境变量：{}]",
    "Aborted!": "已中止！",
    "Aborted.": "已中止。",
    "unknown error": "未知错误",
    "(deprecated) ": "（已弃用）",
    "deprecated": "已弃用",
    "Did you mean {possibility}?": "是否想用 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是否想用其中之一：{possibilities}？）",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个取值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个取值。",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
}

_MODULES = ("click.core", "click.exceptions", "click.decorators", "click.parser", "click.types",
            "click.formatting", "click.termui", "typer.core", "typer.main", "typer.rich_utils")


def _gettext(message: str) -> str:
    return CATALOGUE.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


# Messages typer's vendored click builds with f-strings: (pattern, Chinese template).
_ERROR_PATTERNS = [
    (r"No such option: (?P<a>\S+)(?: \(Possible options: (?P<b>.*)\))?", "没有选项 {a}"),
    (r"No such command '(?P<a>.*)'\.", "没有命令“{a}”"),
    (r"Missing argument '(?P<a>.*)'\.", "缺少参数 {a}"),
    (r"Missing option '(?P<a>.*)'\.", "缺少选项 {a}"),
    (r"Missing (?P<a>.*)\.", "缺少 {a}"),
    (r"Invalid value for '?(?P<a>[^':]*)'?: (?P<b>.*)", "{a} 的取值无效：{b}"),
    (r"Invalid value: (?P<a>.*)", "取值无效：{a}"),
    (r"Option '(?P<a>.*)' requires (?:an argument|(?P<b>\d+) arguments)\.", "选项 {a} 需要取值"),
    (r"Option '(?P<a>.*)' does not take a value\.", "选项 {a} 不接受取值"),
    (r"Got unexpected extra arguments? \((?P<a>.*)\)", "多余的参数：{a}"),
    (r"'(?P<a>.*)' is not one of (?P<b>.*)\.", "“{a}”不在可选值 {b} 之中"),
    (r"Path '(?P<a>.*)' does not exist\.", "路径“{a}”不存在"),
    (r"(?:File|Directory|Path) '(?P<a>.*)' is a directory\.", "“{a}”是目录，这里需要文件"),
    (r"(?:File|Directory|Path) '(?P<a>.*)' is a file\.", "“{a}”是文件，这里需要目录"),
]


def translate_error(message: str) -> str:
    """Chinese wording of a usage-error message (unknown messages pass through)."""
    for pattern, template in _ERROR_PATTERNS:
        m = re.fullmatch(pattern, message.strip(), flags=re.S)
        if m:
            return template.format(**{k: v or "" for k, v in m.groupdict().items()})
    return message


def _patch_vendored_click() -> None:
    """typer >= 0.25 vendors click with hard-coded English help and usage prefix."""
    try:
        decorators = importlib.import_module("typer._click.decorators")
        formatting = importlib.import_module("typer._click.formatting")
    except ImportError:
        return
    if getattr(decorators.help_option, "_draftcheck", False):
        return
    original_help_option = decorators.help_option

    def help_option(param_decls):
        apply = original_help_option(param_decls)

        def decorate(command):
            command = apply(command)
            command.params[-1].help = CATALOGUE["Show this message and exit."]
            return command

        return decorate

    help_option._draftcheck = True
    decorators.help_option = help_option
    original_write_usage = formatting.HelpFormatter.write_usage

    def write_usage(self, prog, args="", prefix=None):
        return original_write_usage(self, prog, args, "用法：" if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = write_usage


def install() -> None:
    """Swap the English catalogue of click/typer for ours (idempotent)."""
    for name in _MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if hasattr(module, "_"):
            module._ = _gettext
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext
    _patch_vendored_click()
    import typer.rich_utils as ru

    ru.OPTIONS_PANEL_TITLE = "选项"
    ru.ARGUMENTS_PANEL_TITLE = "参数"
    ru.COMMANDS_PANEL_TITLE = "命令"
    ru.ERRORS_PANEL_TITLE = "错误"
    ru.ABORTED_TEXT = "已中止。"
    ru.DEFAULT_STRING = "[默认：{}]"
    ru.REQUIRED_SHORT_STRING = "*"
    ru.REQUIRED_LONG_STRING = "[必填]"
    ru.ENVVAR_STRING = "[环境变量：{}]"
    ru.DEPRECATED_STRING = "（已弃用）"
    ru.RICH_HELP = _gettext("Try [blue]'{command_path} {help_option}'[/] for help.")
