"""Rule sets: loading and validating the YAML rule data, and running it on a document.

Layout of a rules directory (the shipped one is ``rules/``)::

    markers.yaml          named marker sets (lexicons in corpora/lexicons/*.txt, phrases, regexes) and groups
    *.yaml                rule files: ``rules: [...]`` (sections.yaml belongs to the structure parser)
    themes/ID.yaml        one file per meeting theme: id, theme sentence, aspects, required sections, ...

A rule::

    code: VAG001            # 2–5 capitals + 3 digits; select/ignore by code or prefix (VAG)
    name: 表述空泛            # Chinese
    category: vague         # contract category or a project one (numbering, template-residue ...)
    severity: warning       # info | warning | error
    kind: metric            # existence (alias lexicon, pattern) | metric | conditional | pairing |
                            # coverage | sequence | sections | share | lead
    scope: {sections: [problems, causes], unit: sentence}   # roles (+ opening, closing); unit:
                            # sentence | clause | item | section | document
    params: {...}           # per kind, see PARAM_KEYS; marker names refer to markers.yaml
    message: 这句话……“{excerpt}”   # placeholders: excerpt, section, and the kind's data
    suggestion: ……
    norm: ……                # the norm it enforces (shown by ``draftcheck rules show``)
    examples: {fail: [...], pass: [...]}   # strings (one item of the first scope section) or
                            # mappings {problems: [...], measures: [...]} (a small draft)

Unknown keys, bad or backtracking-prone regexes, unknown markers and missing examples raise
:class:`ConfigError` naming the file and key.
"""
from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import yaml

from ..errors import ConfigError
from ..model import SECTION_ROLES, SEVERITIES, Document, Finding, Item, Section, Structure
from ..paths import CORPORA_DIR, RULES_DIR
from .context import ITEM_KIND, Context
from .kinds import CHECKERS, aspect_name
from .markers import Marker, build_marker, check_regex, fold_pattern, fold_phrase, read_lexicon, trie_regex

DEFAULT_THEME = "2020-political-ecology"
# With no theme given or inferable the CLI checks with this one: sections and the general rules only.
GENERAL_THEME = "general"
LEXICON_DIR = CORPORA_DIR / "lexicons"
CONTRACT_CATEGORIES = ("missing-section", "vague", "unanswered-problem", "generic-measure",
                       "objective-excuse", "hope-as-criticism", "theme-not-covered")
# Section roles plus the text before the first and after the last section (opening and closing formulas).
SCOPE_ROLES = (*SECTION_ROLES, "opening", "closing")
UNITS = ("sentence", "clause", "item", "section", "document")
KIND_ALIASES = {"lexicon": "existence", "pattern": "existence"}
KINDS = set(CHECKERS) | {"pairing"} | set(KIND_ALIASES)
RULE_KEYS = {"code", "name", "category", "severity", "kind", "scope", "params", "message",
             "suggestion", "norm", "examples", "description"}
REQUIRED_RULE_KEYS = ("code", "name", "category", "severity", "kind", "message", "suggestion",
                      "norm", "examples")
PARAM_KEYS = {
    "existence": {"markers", "phrases", "patterns", "lexicon", "unless", "span", "tokens"},
    "metric": {"score", "counter", "veto", "threshold", "min_chars", "max_chars", "cap", "label_inherits",
               "label_max_chars", "label_backed_by_plain", "item_credit", "item_credit_roles"},
    "conditional": {"when", "unless", "unless_after", "unless_before", "frame", "ignore_quoted", "concession",
                    "after_sentences"},
    "sections": {"required", "names"},
    "coverage": set(),
    "share": {"threshold", "exclude"},
    "lead": {"lead", "turn", "threshold", "min_lead"},
    "sequence": {"checks"},
    "pairing": {"threshold", "second_threshold", "weak_threshold", "sibling_threshold", "stop", "topics",
                "topic_weight", "number_weight", "tokenizer"},
}
SEQUENCE_CHECKS = {"repeat", "skip", "mixed", "nongb", "jump", "inline"}
THEME_KEYS = {"id", "meeting", "year_label", "status", "theme", "sections", "aspects",
              "standard_phrases", "feedback", "thresholds", "description", "notes", "source", "match"}
MATCH_KEYS = {"title_patterns", "years"}
ASPECT_KEYS = {"id", "label", "keys", "status", "note"}
STATUSES = {"confirmed", "partial", "unconfirmed"}
CONFIG_KEYS = {"select", "ignore", "rules"}
# Keys of [tool.draftcheck] that belong to the rest of the tool (read by the CLI, not by rules).
OTHER_CONFIG_KEYS = {"fail-on", "fail_on", "format", "store", "no-store", "no_store", "templates",
                     "history", "team", "manifest", "output", "workers", "jobs", "reuse", "same-hand",
                     "same_hand", "html", "thresholds"}
SECTION_NAMES = {"problems": "存在的问题", "causes": "原因分析", "measures": "整改措施",
                 "criticism": "相互批评意见", "last_year": "上年度整改落实情况",
                 "case_analysis": "典型案例剖析", "personal_matters": "个人有关事项说明",
                 "study": "学习体会"}


class _Blank(dict):
    def __missing__(self, key):
        return ""


@dataclass
class Rule:
    code: str
    name: str
    category: str
    severity: str
    kind: str
    roles: list[str]
    unit: str
    params: dict
    message: str
    suggestion: str
    norm: str
    examples: dict
    file: str
    description: str = ""
    _groups: dict = field(default_factory=dict, repr=False)
    _expanded: dict = field(default_factory=dict, repr=False)
    _ruleset: Any = field(default=None, repr=False)

    def expand(self, name: str) -> list[str]:
        return self._groups.get(name, [name])

    def expand_all(self, names) -> tuple[str, ...]:
        key = tuple(names)
        got = self._expanded.get(key)
        if got is None:
            got = tuple(dict.fromkeys(m for n in key for m in self.expand(n)))
            self._expanded[key] = got
        return got

    def ruleset_theme(self) -> dict:
        return self._ruleset.theme if self._ruleset is not None else {}

    def ruleset_theme_sections(self) -> list[str]:
        return list((self.ruleset_theme().get("sections") or {}).get("required") or [])

    def ruleset_threshold(self, key: str, default):
        return (self.ruleset_theme().get("thresholds") or {}).get(key, default)

    def matches(self, sel: str) -> bool:
        return self.code == sel or self.code.startswith(sel) or self.category == sel


def read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}：文件不存在") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"第{mark.line + 1}行" if mark is not None else ""
        raise ConfigError(f"{path}：YAML 格式错误{where}（{getattr(err, 'problem', err)}）。请修正后重试") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}：不是 UTF-8 编码的文本文件") from None


def _names(v, where: str) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return list(v)
    raise ConfigError(f"{where}：应为标记名或标记名列表")


def _alts(v, where: str) -> list[list[str]]:
    """Condition alternatives: ``[a, [b, c]]`` → ``[[a], [b, c]]`` (all of an inner list)."""
    if v is None:
        return []
    if isinstance(v, str):
        return [[v]]
    if not isinstance(v, list):
        raise ConfigError(f"{where}：应为标记名列表（内层列表表示同时出现）")
    out = []
    for x in v:
        if isinstance(x, str):
            out.append([x])
        elif isinstance(x, list) and x and all(isinstance(y, str) for y in x):
            out.append(list(x))
        else:
            raise ConfigError(f"{where}：应为标记名列表（内层列表表示同时出现）")
    return out


@dataclass
class MarkerBook:
    markers: dict[str, Marker]
    groups: dict[str, list[str]]

    def known(self, name: str) -> bool:
        return name in self.markers or name in self.groups


def load_markers(path: Path) -> MarkerBook:
    data = read_yaml(path) or {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}：顶层应为映射（markers、groups）")
    unknown = set(data) - {"markers", "groups", "description"}
    if unknown:
        raise ConfigError(f"{path}：未知的键 {', '.join(sorted(unknown))}；可用的键：markers、groups")
    markers = {}
    for mid, spec in (data.get("markers") or {}).items():
        markers[mid] = build_marker(mid, spec, str(path), LEXICON_DIR)
    groups = {}
    for gid, members in (data.get("groups") or {}).items():
        members = _names(members, f"{path} 的 groups.{gid}")
        for m in members:
            if m not in markers:
                raise ConfigError(f"{path}：groups.{gid} 引用了未定义的标记 {m}")
        groups[gid] = members
    return MarkerBook(markers, groups)


def _check_message(text: str, where: str) -> None:
    try:
        list(string.Formatter().parse(text))
    except ValueError as err:
        raise ConfigError(f"{where}：占位符写法有误（{err}）；占位符形如 {{excerpt}}") from None


def _example_list(v, where: str) -> list:
    if v is None:
        return []
    if not isinstance(v, list):
        raise ConfigError(f"{where}：应为示例列表")
    for x in v:
        if isinstance(x, str):
            continue
        if isinstance(x, dict) and all(k in SECTION_ROLES or k == "text" for k in x):
            continue
        raise ConfigError(f"{where}：示例应为字符串，或以章节角色（problems、measures……）为键的映射")
    return v


def parse_rule(raw: Any, where: str, book: MarkerBook) -> Rule:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}：每条规则应为映射")
    code = raw.get("code")
    w = f"{where} 规则 {code}" if code else where
    unknown = set(raw) - RULE_KEYS
    if unknown:
        raise ConfigError(f"{w}：未知的键 {', '.join(sorted(unknown))}；可用的键：{', '.join(sorted(RULE_KEYS))}")
    for k in REQUIRED_RULE_KEYS:
        if raw.get(k) in (None, "", [], {}):
            if k == "examples":
                raise ConfigError(f"{w}：缺少 examples（每条规则都要有 fail 和 pass 示例）")
            raise ConfigError(f"{w}：缺少必填键 {k}")
    if not re.fullmatch(r"[A-Z]{2,5}\d{3}", str(code)):
        raise ConfigError(f"{w}：code 应为 2–5 个大写字母加 3 位数字，如 VAG001")
    if raw["severity"] not in SEVERITIES:
        raise ConfigError(f"{w}：severity 应为 {'、'.join(SEVERITIES)} 之一，而不是 {raw['severity']}")
    kind = raw["kind"]
    if kind not in KINDS:
        raise ConfigError(f"{w}：kind 应为 {'、'.join(sorted(KINDS))} 之一，而不是 {kind}")
    kind = KIND_ALIASES.get(kind, kind)
    if not re.fullmatch(r"[a-z][a-z-]*", str(raw["category"])):
        raise ConfigError(f"{w}：category 应为小写英文加连字符，如 vague")
    scope = raw.get("scope") or {}
    if not isinstance(scope, dict) or set(scope) - {"sections", "unit"}:
        raise ConfigError(f"{w}：scope 应为映射，只含 sections 和 unit")
    roles = _names(scope.get("sections"), f"{w} 的 scope.sections")
    for r in roles:
        if r not in SCOPE_ROLES:
            raise ConfigError(f"{w}：scope.sections 中的 {r} 不是已知的章节角色（{'、'.join(SCOPE_ROLES)}）")
    unit = scope.get("unit", "document")
    if unit not in UNITS:
        raise ConfigError(f"{w}：scope.unit 应为 {'、'.join(UNITS)} 之一，而不是 {unit}")
    if unit not in ("document",) and not roles and kind not in ("sections", "coverage", "share", "sequence", "pairing"):
        raise ConfigError(f"{w}：scope.unit 为 {unit} 时须给出 scope.sections")
    params = raw.get("params") or {}
    if not isinstance(params, dict):
        raise ConfigError(f"{w}：params 应为映射")
    bad = set(params) - PARAM_KEYS[kind]
    if bad:
        raise ConfigError(f"{w}：params 含未知键 {', '.join(sorted(bad))}；{kind} 类规则可用：{', '.join(sorted(PARAM_KEYS[kind])) or '无'}")
    params = dict(params)
    pw = f"{w} 的 params"
    # inline lexicon/patterns become an anonymous marker named after the rule
    if kind == "existence":
        if any(k in params for k in ("phrases", "patterns", "lexicon")):
            spec = {k: params.pop(k) for k in ("phrases", "patterns", "lexicon") if k in params}
            if "tokens" in params:
                spec["tokens"] = params.pop("tokens")
            book.markers[code] = build_marker(code, spec, w, LEXICON_DIR)
            params["markers"] = _names(params.get("markers"), f"{pw}.markers") + [code]
        params["markers"] = _names(params.get("markers"), f"{pw}.markers")
        if not params["markers"]:
            raise ConfigError(f"{w}：existence 规则须给出 markers、phrases、patterns 或 lexicon")
        params["unless"] = _names(params.get("unless"), f"{pw}.unless")
        if params.get("span", "match") not in ("match", "unit"):
            raise ConfigError(f"{w}：params.span 应为 match 或 unit")
        refs = params["markers"] + params["unless"]
    elif kind == "metric":
        for k in ("score", "counter"):
            v = params.get(k) or {}
            if not isinstance(v, dict) or not all(isinstance(x, (int, float)) for x in v.values()):
                raise ConfigError(f"{w}：params.{k} 应为“标记名: 权重”的映射")
            params[k] = v
        params["veto"] = _names(params.get("veto"), f"{pw}.veto")
        refs = list(params["score"]) + list(params["counter"]) + params["veto"]
        _number(params, "threshold", w)
    elif kind == "conditional":
        params["when"] = _names(params.get("when"), f"{pw}.when")
        params["frame"] = _names(params.get("frame"), f"{pw}.frame")
        params["concession"] = _names(params.get("concession"), f"{pw}.concession")
        if not params["when"]:
            raise ConfigError(f"{w}：conditional 规则须给出 params.when")
        refs = params["when"] + params["frame"] + params["concession"]
        for k in ("unless", "unless_after", "unless_before"):
            params[k] = _alts(params.get(k), f"{pw}.{k}")
            refs += [n for alt in params[k] for n in alt]
    elif kind == "lead":
        params["lead"] = _names(params.get("lead"), f"{pw}.lead")
        params["turn"] = _names(params.get("turn"), f"{pw}.turn")
        if not params["lead"] or not params["turn"]:
            raise ConfigError(f"{w}：lead 规则须给出 params.lead 和 params.turn")
        refs = params["lead"] + params["turn"]
        _number(params, "threshold", w)
    elif kind == "sections":
        for r in _names(params.get("required"), f"{pw}.required"):
            if r not in SECTION_ROLES:
                raise ConfigError(f"{w}：params.required 中的 {r} 不是已知的章节角色")
        refs = []
    elif kind == "sequence":
        unknown = set(_names(params.get("checks"), f"{pw}.checks")) - SEQUENCE_CHECKS
        if unknown:
            raise ConfigError(f"{w}：params.checks 含未知的检查 {', '.join(sorted(unknown))}；"
                              f"可用的：{', '.join(sorted(SEQUENCE_CHECKS))}")
        refs = []
    elif kind == "pairing":
        for key in ("stop", "topics"):
            name = params.get(key)
            if name is not None and not (LEXICON_DIR / f"{name}.txt").is_file():
                raise ConfigError(f"{w}：params.{key} 指向不存在的词表 {LEXICON_DIR / f'{name}.txt'}")
        if params.get("tokenizer", "bigram") not in ("bigram", "jieba"):
            raise ConfigError(f"{w}：params.tokenizer 应为 bigram（字二元组，快）或 jieba（分词）")
        refs = []
    else:
        refs = []
        if "threshold" in params:
            _number(params, "threshold", w)
    for n in refs:
        if not book.known(n):
            raise ConfigError(f"{w}：引用了未定义的标记 {n}（见 rules/markers.yaml）")
    for k in ("message", "suggestion", "norm", "name"):
        if not isinstance(raw[k], str):
            raise ConfigError(f"{w}：{k} 应为字符串")
    _check_message(raw["message"], f"{w} 的 message")
    _check_message(raw["suggestion"], f"{w} 的 suggestion")
    ex = raw["examples"]
    if not isinstance(ex, dict) or set(ex) - {"fail", "pass"}:
        raise ConfigError(f"{w}：examples 应为映射，只含 fail 和 pass")
    fail = _example_list(ex.get("fail"), f"{w} 的 examples.fail")
    ok = _example_list(ex.get("pass"), f"{w} 的 examples.pass")
    if not fail or not ok:
        raise ConfigError(f"{w}：examples 须同时有 fail 和 pass 示例")
    return Rule(code=str(code), name=raw["name"], category=raw["category"], severity=raw["severity"],
                kind=kind, roles=roles, unit=unit, params=params, message=raw["message"].strip(),
                suggestion=raw["suggestion"].strip(), norm=raw["norm"].strip(),
                examples={"fail": fail, "pass": ok}, file=where,
                description=str(raw.get("description", "")).strip(), _groups=book.groups)


def _number(params: dict, key: str, w: str) -> None:
    if key in params and not isinstance(params[key], (int, float)):
        raise ConfigError(f"{w}：params.{key} 应为数字")


def load_rule_file(path: Path, book: MarkerBook) -> list[Rule]:
    data = read_yaml(path)
    if data is None:
        return []
    if not isinstance(data, dict):
        raise ConfigError(f"{path}：顶层应为映射，含 rules 列表")
    unknown = set(data) - {"rules", "description"}
    if unknown:
        raise ConfigError(f"{path}：未知的键 {', '.join(sorted(unknown))}；可用的键：rules、description")
    raw = data.get("rules") or []
    if not isinstance(raw, list):
        raise ConfigError(f"{path}：rules 应为列表")
    return [parse_rule(r, str(path), book) for r in raw]


def load_theme(path: Path) -> dict:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ConfigError(f"{path}：主题文件顶层应为映射（id、theme、aspects……）")
    unknown = set(data) - THEME_KEYS
    if unknown:
        raise ConfigError(f"{path}：未知的键 {', '.join(sorted(unknown))}；可用的键：{', '.join(sorted(THEME_KEYS))}")
    for k in ("id", "theme"):
        if not data.get(k):
            raise ConfigError(f"{path}：缺少必填键 {k}")
    if data.get("status", "confirmed") not in STATUSES:
        raise ConfigError(f"{path}：status 应为 confirmed、partial 或 unconfirmed")
    secs = data.get("sections") or {}
    if not isinstance(secs, dict) or set(secs) - {"required", "optional"}:
        raise ConfigError(f"{path}：sections 应为映射，只含 required 和 optional")
    for k in ("required", "optional"):
        for r in secs.get(k) or []:
            if r not in SECTION_ROLES:
                raise ConfigError(f"{path}：sections.{k} 中的 {r} 不是已知的章节角色（{'、'.join(SECTION_ROLES)}）")
    aspects = data.get("aspects") or []
    if not isinstance(aspects, list):
        raise ConfigError(f"{path}：aspects 应为列表")
    for i, a in enumerate(aspects):
        if not isinstance(a, dict):
            raise ConfigError(f"{path}：aspects[{i}] 应为映射")
        bad = set(a) - ASPECT_KEYS
        if bad:
            raise ConfigError(f"{path}：aspects[{i}] 含未知键 {', '.join(sorted(bad))}；可用的键：{', '.join(sorted(ASPECT_KEYS))}")
        if not a.get("label"):
            raise ConfigError(f"{path}：aspects[{i}] 缺少 label")
        if a.get("status", "confirmed") not in STATUSES:
            raise ConfigError(f"{path}：aspects[{i}].status 应为 confirmed、partial 或 unconfirmed")
    for k in ("standard_phrases", "feedback"):
        v = data.get(k) or []
        if not isinstance(v, list) or not all(isinstance(x, (str, dict)) for x in v):
            raise ConfigError(f"{path}：{k} 应为列表")
    match = data.get("match") or {}
    if not isinstance(match, dict) or set(match) - MATCH_KEYS:
        raise ConfigError(f"{path}：match 应为映射，只含 title_patterns（正则列表）和 years（年份列表）")
    pats = match.get("title_patterns") or []
    if not isinstance(pats, list) or not all(isinstance(x, str) for x in pats):
        raise ConfigError(f"{path}：match.title_patterns 应为正则表达式列表")
    data["_match_rx"] = [check_regex(fold_pattern(x), f"{path} 的 match.title_patterns[{i}]")
                         for i, x in enumerate(pats)]
    years = match.get("years") or []
    if not isinstance(years, list) or not all(isinstance(x, int) for x in years):
        raise ConfigError(f"{path}：match.years 应为年份（整数）列表")
    th = data.get("thresholds") or {}
    if not isinstance(th, dict) or not all(isinstance(x, (int, float)) for x in th.values()):
        raise ConfigError(f"{path}：thresholds 应为“名称: 数值”的映射")
    data.setdefault("sections", {"required": ["problems", "causes", "measures"]})
    data["sections"].setdefault("required", ["problems", "causes", "measures"])
    data["_path"] = str(path)
    return data


class RuleSet:
    """A loaded theme with its rules, ready to check documents."""

    def __init__(self, theme: dict, rules: list[Rule], all_rules: list[Rule], book: MarkerBook,
                 suppressions: Sequence[str] = (), pairing_params: dict | None = None):
        self.theme = theme
        self.id = str(theme["id"])
        self.rules = rules
        self.all_rules = all_rules
        self._book = book
        self._suppressions = list(suppressions)
        for r in all_rules:
            r._ruleset = self
        from .pairing import Pairing

        pp = pairing_params or {}
        stop = None
        if pp.get("stop"):
            words = sorted({fold_phrase(w) for w in read_lexicon(LEXICON_DIR / f"{pp['stop']}.txt")},
                           key=lambda s: (-len(s), s))
            stop = re.compile(trie_regex(words)) if words else None
        topics = []
        if pp.get("topics"):
            for line in read_lexicon(LEXICON_DIR / f"{pp['topics']}.txt"):
                name, *words = line.split()
                words = sorted({fold_phrase(w) for w in words}, key=lambda s: (-len(s), s))
                if words:
                    topics.append((name, re.compile(trie_regex(words))))
        self._pairing = Pairing(pp, stop, topics)

    # ---- data for other stages ------------------------------------------------------------
    def boilerplate_phrases(self) -> list[str]:
        out = []
        if self.theme.get("theme"):
            out.append(str(self.theme["theme"]))
        aspects = self.theme.get("aspects") or []
        for a in aspects:
            out.append(str(a["label"]))
            out += [str(k) for k in a.get("keys") or [] if len(str(k)) >= 4]
        short = [aspect_name(a) for a in aspects]
        if len(short) >= 2:   # the list of the aspects (理论学习、政治素质……) is the theme's, never copying
            out.append("、".join(short))
        out += [str(x) for x in self.theme.get("standard_phrases") or []]
        return list(dict.fromkeys(x.strip() for x in out if x and str(x).strip()))

    def unmatched_suppressions(self) -> list[str]:
        return [s for s in self._suppressions if not any(r.matches(s) for r in self.all_rules)]

    def rule(self, code: str) -> Rule | None:
        return next((r for r in self.all_rules if r.code == code), None)

    @property
    def markers(self) -> dict[str, Marker]:
        return self._book.markers

    # ---- checking -------------------------------------------------------------------------
    def check(self, doc: Document, structure: Structure) -> list[Finding]:
        ctx = Context(doc, structure, self._book.markers)
        return self._run(ctx, self.rules)

    def _run(self, ctx: Context, rules: list[Rule]) -> list[Finding]:
        answers = self._pairing.pair(ctx)
        answered = {i for a in answers for i in a}
        out: list[Finding] = []
        seen = set()
        text = ctx.text
        for rule in rules:
            if rule.kind == "pairing":
                hits = self._unanswered(rule, ctx, answered)
            else:
                hits = CHECKERS[rule.kind](rule, ctx)
            for s, e, data in hits:
                key = (rule.code, s, e, data.get("role"))   # one finding per missing part, same span
                if key in seen:
                    continue
                seen.add(key)
                excerpt = text[s:e]
                role = ctx.role_at(s) if e > s or s < len(text) else None
                short = excerpt if len(excerpt) <= 40 else excerpt[:38] + "……"
                fill = _Blank(excerpt=short, section=SECTION_NAMES.get(role or "", ""), **data)
                out.append(Finding(rule=rule.code, category=rule.category, severity=rule.severity,
                                   start=s, end=e, excerpt=excerpt,
                                   message=rule.message.format_map(fill),
                                   suggestion=rule.suggestion.format_map(fill),
                                   section=role, name=rule.name, data=dict(data)))
        out.sort(key=lambda f: (f.start, f.end, f.rule))
        return out

    def _unanswered(self, rule: Rule, ctx: Context, answered: set[int] | None):
        problems = ctx.items("problems")
        if ctx.section("problems") is None or not problems:
            return
        if answered is None or ctx.section("measures") is None or not ctx.items("measures"):
            answered = set()
            why = "材料没有整改措施部分"
        else:
            why = "没有一条整改措施对应这个问题"
        for i, p in enumerate(problems):
            if i not in answered:
                yield p.start, p.end, {"index": i + 1, "why": why}

    # ---- examples -------------------------------------------------------------------------
    def run_example(self, rule: Rule, example) -> list[Finding]:
        doc, structure = example_document(rule, example)
        ctx = Context(doc, structure, self._book.markers)
        return self._run(ctx, [rule])


def example_document(rule: Rule, example) -> tuple[Document, Structure]:
    """A document and structure for a rule example.

    A string is one item of the rule's first scope section (or, for document-wide rules, the
    whole document); a mapping ``{problems: [...], measures: [...]}`` builds a small draft with
    one section per key and one item per entry."""
    if isinstance(example, str):
        text = example
        st = Structure()
        role = rule.roles[0] if rule.roles else None
        if role and rule.unit != "document":
            st.sections[role] = Section(role, "", 0, len(text), 0, 0)
            kind = ITEM_KIND.get(role)
            if kind:
                st.items(kind).append(Item(kind, 0, len(text), text))
        return Document(id="example", path="<example>", text=text, format="txt"), st
    parts = ["示例材料"]
    pos = len(parts[0]) + 1
    st = Structure(title=(0, len(parts[0])))
    cn = "一二三四五六七八九十"
    roles = [r for r in SECTION_ROLES if r in example] if "text" not in example else []
    for si, role in enumerate(roles):
        heading = f"{cn[si]}、{SECTION_NAMES[role]}"
        sec_start = pos
        parts.append(heading)
        pos += len(heading) + 1
        entries = example[role]
        entries = [entries] if isinstance(entries, str) else list(entries or [])
        kind = ITEM_KIND.get(role)
        for ii, entry in enumerate(entries):
            line = f"（{cn[ii]}）{entry}"
            if kind:
                st.items(kind).append(Item(kind, pos, pos + len(line), line, marker=f"（{cn[ii]}）"))
            parts.append(line)
            pos += len(line) + 1
        st.sections[role] = Section(role, heading, sec_start, pos - 1, sec_start, sec_start + len(heading))
    text = "\n".join(parts) if "text" not in example else example["text"]
    return Document(id="example", path="<example>", text=text, format="txt"), st


# ---- loading ----------------------------------------------------------------------------------
@lru_cache(maxsize=16)
def _load_dir(rules_dir: str) -> tuple[MarkerBook, list[Rule], dict]:
    root = Path(rules_dir)
    book = load_markers(root / "markers.yaml") if (root / "markers.yaml").is_file() else \
        load_markers(RULES_DIR / "markers.yaml")
    rules: list[Rule] = []
    for path in sorted(root.glob("*.yaml")):
        if path.name in ("markers.yaml", "sections.yaml", "roles.yaml"):
            continue
        rules += load_rule_file(path, book)
    seen: dict[str, str] = {}
    for r in rules:
        if r.code in seen:
            raise ConfigError(f"{r.file}：规则代码 {r.code} 与 {seen[r.code]} 重复")
        seen[r.code] = r.file
    rules.sort(key=lambda r: r.code)
    pairing = next((r.params for r in rules if r.kind == "pairing"), {})
    return book, rules, pairing


@lru_cache(maxsize=32)
def _load_theme_cached(path: str) -> dict:
    return load_theme(Path(path))


def theme_path(name: str, rules_dir: Path = RULES_DIR) -> Path:
    p = Path(name)
    if p.suffix in (".yaml", ".yml") or p.is_file():
        if not p.is_file():
            raise ConfigError(f"{p}：主题文件不存在")
        return p
    cand = rules_dir / "themes" / f"{name}.yaml"
    if cand.is_file():
        return cand
    known = sorted(x.stem for x in (rules_dir / "themes").glob("*.yaml"))
    raise ConfigError(f"--rules {name}：没有这个规则集；可选：{'、'.join(known)}，或给出主题文件/规则目录的路径")


def read_config(config_dir: Path | None) -> tuple[dict, str | None]:
    """``[tool.draftcheck]`` of pyproject.toml, or draftcheck.toml, in ``config_dir`` (default cwd)."""
    try:
        import tomllib
    except ImportError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ImportError:
            tomllib = None  # type: ignore[assignment]

    root = Path(config_dir) if config_dir is not None else Path.cwd()
    for name in ("draftcheck.toml", "pyproject.toml"):
        path = root / name
        if not path.is_file():
            continue
        if tomllib is None:
            raise ConfigError(f"{path}：读取 TOML 配置需要 Python 3.11 或安装 tomli（pip install tomli）")
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
            raise ConfigError(f"{path}：TOML 格式错误（{err}）。请修正后重试") from None
        section = (data.get("tool") or {}).get("draftcheck")
        if section is None and name == "draftcheck.toml":
            section = data.get("draftcheck", {k: v for k, v in data.items() if k != "tool"})
        if section is None:
            continue
        if not isinstance(section, dict):
            raise ConfigError(f"{path}：[tool.draftcheck] 应为表")
        unknown = set(section) - CONFIG_KEYS - OTHER_CONFIG_KEYS
        if unknown:
            raise ConfigError(f"{path}：[tool.draftcheck] 含未知的键 {', '.join(sorted(unknown))}；"
                              f"规则相关的键：select、ignore、rules")
        for k in ("select", "ignore"):
            v = section.get(k, [])
            if isinstance(v, str):
                v = [v]
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                raise ConfigError(f"{path}：[tool.draftcheck] 的 {k} 应为规则代码（或前缀）的列表")
            section[k] = v
        if "rules" in section and not isinstance(section["rules"], str):
            raise ConfigError(f"{path}：[tool.draftcheck] 的 rules 应为主题名或路径（字符串）")
        if isinstance(section.get("rules"), str):
            r = Path(section["rules"])
            if not r.is_absolute() and (root / r).exists():
                section["rules"] = str(root / r)
        return section, str(path)
    return {}, None


def load_ruleset(name_or_path: str | None = None, *, select: Sequence[str] = (), ignore: Sequence[str] = (),
                 config_dir: Path | None = None) -> RuleSet:
    """Load a rule set: a theme id (default ``2020-political-ecology``), a theme YAML path, or a
    rules directory (holding ``markers.yaml``, rule files and ``themes/``)."""
    config, _cfg_path = read_config(config_dir)
    name = name_or_path or config.get("rules") or DEFAULT_THEME
    select = list(select) or list(config.get("select", []))
    ignore = list(config.get("ignore", [])) + list(ignore)
    p = Path(str(name))
    if p.is_dir():
        rules_dir = p
        themes = rules_dir / "themes"
        tpath = themes / f"{DEFAULT_THEME}.yaml"
        if not tpath.is_file():
            found = sorted(themes.glob("*.yaml")) if themes.is_dir() else []
            tpath = found[0] if found else RULES_DIR / "themes" / f"{DEFAULT_THEME}.yaml"
    else:
        tpath = theme_path(str(name))
        rules_dir = tpath.parent.parent if tpath.parent.name == "themes" and \
            (tpath.parent.parent / "markers.yaml").is_file() else RULES_DIR
    book, all_rules, pairing = _load_dir(str(rules_dir.resolve()))
    theme = _load_theme_cached(str(tpath.resolve()))
    chosen = [r for r in all_rules if not select or any(r.matches(s) for s in select)]
    chosen = [r for r in chosen if not any(r.matches(s) for s in ignore)]
    return RuleSet(theme, chosen, all_rules, book, [*select, *ignore], pairing)


def validate_path(path: Path) -> list[str]:
    """Validate a rule file, a theme file or a rules directory; returns what was checked."""
    path = Path(path)
    if path.is_dir():
        _load_dir.cache_clear()
        book, rules, _ = _load_dir(str(path.resolve()))
        themes = sorted((path / "themes").glob("*.yaml")) if (path / "themes").is_dir() else []
        for t in themes:
            load_theme(t)
        return [f"{len(rules)} 条规则", f"{len(themes)} 个主题文件"]
    if not path.is_file():
        raise ConfigError(f"{path}：文件或目录不存在")
    data = read_yaml(path)
    if isinstance(data, dict) and "markers" in data:
        book = load_markers(path)
        return [f"{len(book.markers)} 个标记"]
    if isinstance(data, dict) and "rules" in data:
        book = load_markers(RULES_DIR / "markers.yaml")
        rules = load_rule_file(path, book)
        return [f"{len(rules)} 条规则"]
    load_theme(path)
    return ["1 个主题文件"]


# ---- theme inference ---------------------------------------------------------------------------
_YEAR_IN_TEXT = re.compile(r"(20[0-9]{2})年")
INFER_HEAD_CHARS = 300   # the title and the opening paragraph


# The first part's heading (一、 / （一） / 第一部分 at a line start) ends the title and opening: a year
# named inside the problems (2020年6月的检查) says nothing of the meeting's theme.
_FIRST_PART = re.compile(r"\n\s*(?:[一壹][、.．]|[（(]一[）)]|第一部分|1[、.．](?!\d))")


def _head(doc: Document) -> str:
    """The title and opening of a draft, simplified characters, up to its first part."""
    from ..normalize import normalize, to_simplified

    head = to_simplified(normalize(doc.text[:INFER_HEAD_CHARS]).text)
    m = _FIRST_PART.search(head)
    return head[:m.start()] if m else head


def _draft_year(doc: Document, head: str) -> int | None:
    if doc.year is not None:
        return doc.year
    m = _YEAR_IN_TEXT.search(head)
    return int(m.group(1)) if m else None


def _theme_votes(doc: Document, themes: list[dict]) -> str | None:
    """The theme one draft points to: title/opening patterns (2 points each) plus the year
    (1 point when it is the theme's first listed year, 0.5 for another listed year)."""
    head = _head(doc)
    year = _draft_year(doc, head)
    scores = {}
    for t in themes:
        hits = sum(1 for rx in t.get("_match_rx") or [] if rx.search(head))
        years = (t.get("match") or {}).get("years") or []
        ybonus = 0.0
        if year is not None and year in years:
            ybonus = 1.0 if years[0] == year else 0.5
        if hits:
            scores[str(t["id"])] = 2 * hits + ybonus
        elif ybonus == 1.0:
            scores[str(t["id"])] = 0.1   # the year alone: decisive only when one theme claims it
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


def _matchable_themes(rules_dir: Path | str | None) -> list[dict]:
    root = Path(rules_dir) if rules_dir is not None else RULES_DIR
    tdir = root / "themes" if (root / "themes").is_dir() else RULES_DIR / "themes"
    themes = [_load_theme_cached(str(p.resolve())) for p in sorted(tdir.glob("*.yaml"))]
    return [t for t in themes if t.get("match")]


def _voters(docs: Sequence[Document]) -> list[Document]:
    return [d for d in docs if getattr(d, "kind", "member") not in ("template", "history")]


def assumed_theme(docs: Sequence[Document], rules_dir: Path | str | None = None) -> str | None:
    """The theme the drafts' years alone would suggest (the theme listing that year first), for
    telling the user what ``--rules`` to give when :func:`infer_theme` cannot settle it; None when
    no draft names a year."""
    votes: dict[str, int] = {}
    themes = _matchable_themes(rules_dir)
    for d in _voters(docs):
        year = _draft_year(d, _head(d))
        for t in themes:
            years = (t.get("match") or {}).get("years") or []
            if year is not None and years and years[0] == year:
                votes[str(t["id"])] = votes.get(str(t["id"]), 0) + 1
    return max(sorted(votes), key=lambda k: votes[k]) if votes else None


def infer_theme(docs: Sequence[Document], rules_dir: Path | str | None = None) -> str | None:
    """Pick the theme file for a batch from the drafts' titles and openings and ``Document.year``,
    using the ``match`` data of each theme YAML (``title_patterns``, ``years``).

    Each member or team draft votes for at most one theme (None when its own evidence is tied or
    absent); the theme with the most votes wins, provided it has more than half of the votes cast.
    Returns the theme id, or None when unclear (the CLI then checks with the general theme).
    Templates and earlier-year drafts (``kind`` template/history) do not vote."""
    themes = _matchable_themes(rules_dir)
    if not themes:
        return None
    votes: dict[str, int] = {}
    cast = 0
    for d in _voters(docs):
        v = _theme_votes(d, themes)
        if v is None:
            continue
        cast += 1
        votes[v] = votes.get(v, 0) + 1
    if not votes:
        return None
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    best, n = ranked[0]
    return best if 2 * n > cast else None
