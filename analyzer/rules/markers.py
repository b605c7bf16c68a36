"""Marker sets: named lexicons and regular expressions, compiled once, matched on the normalised text.

A marker is defined in ``rules/markers.yaml`` (or in a rule's own ``params``) by any of
``lexicon`` (file names under ``corpora/lexicons``), ``phrases`` (inline) and ``patterns`` (regexes).
Phrases are folded with :func:`analyzer.normalize.normalize` and compiled into one trie-shaped
regex (fast on long texts); patterns are folded with :func:`fold_pattern` and checked by
:func:`check_regex` (syntax and catastrophic backtracking).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from ..wordlist import read_list
from ..normalize import fold_char, normalize
from .regex_syntax import nested_repeat, required_literals

_META = set(".^$*+?{}[]\\|()")


def fold_pattern(pattern: str) -> str:
    """Fold a regex written with Chinese punctuation the way the text is normalised (NFKC).

    ``，`` becomes ``,`` and ``（`` becomes ``\\(`` (escaped when the folded character is a regex
    metacharacter), so authors may write patterns the way the drafts are written.
    """
    out = []
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            if nxt == "d":   # the text's digits are ASCII after NFKC; [0-9] scans faster than \d
                out.append("0-9" if in_class else "[0-9]")
            else:
                out.append(ch + nxt)
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        folded = fold_char(ch)
        if folded == ch or len(folded) != 1:
            out.append(ch)
        elif folded in _META:
            out.append("\\" + folded)
        else:
            out.append(folded)
        i += 1
    return "".join(out)


def fold_phrase(phrase: str) -> str:
    return normalize(phrase).text


def check_regex(pattern: str, where: str) -> re.Pattern:
    """Compile ``pattern`` or raise ConfigError naming ``where`` (file and key)."""
    try:
        compiled = re.compile(pattern)
    except re.error as err:
        raise ConfigError(f"{where}：正则表达式写法有误（{err}）：{pattern}。请修正后重试") from None
    if nested_repeat(pattern):   # None (syntax the reader does not model) is let through
        raise ConfigError(
            f"{where}：正则表达式含嵌套的无限重复（如 (a+)+、(.*)*），可能导致灾难性回溯：{pattern}。"
            "请改写为不嵌套的形式")
    return compiled


def trie_regex(phrases: list[str]) -> str:
    """One regex matching any of ``phrases`` (longest first), factored as a character trie."""
    trie: dict = {}
    for p in phrases:
        if not p:
            continue
        node = trie
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            branches.append(re.escape(ch) + build(node[ch]))
        if not branches:
            return ""
        if len(branches) == 1 and not end:
            return branches[0]
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if end else body

    return build(trie)


read_lexicon = read_list
__all__ = ["Marker", "build_marker", "check_regex", "fold_pattern", "fold_phrase", "read_lexicon",
           "required_literals", "trie_regex"]

@dataclass
class Marker:
    id: str
    description: str = ""
    regexes: list[re.Pattern] = field(default_factory=list)
    tokens: bool = False          # matches must fall on jieba token boundaries
    phrases: list[str] = field(default_factory=list)  # folded phrases (for `rules show`)
    needs: list[tuple[str, ...] | None] = field(default_factory=list)  # per regex: required_literals

    def __post_init__(self):
        if len(self.needs) != len(self.regexes):
            self.needs = [required_literals(rx) for rx in self.regexes]


MARKER_KEYS = {"description", "lexicon", "phrases", "patterns", "tokens"}


def build_marker(mid: str, spec: dict, where: str, lexicon_dir: Path) -> Marker:
    if not isinstance(spec, dict):
        raise ConfigError(f"{where}：标记 {mid} 应为映射（含 lexicon/phrases/patterns）")
    unknown = set(spec) - MARKER_KEYS
    if unknown:
        raise ConfigError(f"{where}：标记 {mid} 含未知键 {', '.join(sorted(unknown))}；"
                          f"可用的键：{', '.join(sorted(MARKER_KEYS))}")
    phrases: list[str] = []
    for name in spec.get("lexicon") or []:
        path = lexicon_dir / f"{name}.txt"
        if not path.is_file():
            raise ConfigError(f"{where}：标记 {mid} 的 lexicon 指向不存在的词表 {path}")
        phrases += read_lexicon(path)
    for p in spec.get("phrases") or []:
        if not isinstance(p, str):
            raise ConfigError(f"{where}：标记 {mid} 的 phrases 应为字符串列表")
        phrases.append(p)
    folded = sorted({fold_phrase(p) for p in phrases if p.strip()}, key=lambda s: (-len(s), s))
    regexes = []
    if folded:
        regexes.append(re.compile(trie_regex(folded)))
    for i, pat in enumerate(spec.get("patterns") or []):
        if not isinstance(pat, str):
            raise ConfigError(f"{where}：标记 {mid} 的 patterns[{i}] 应为字符串")
        regexes.append(check_regex(fold_pattern(pat), f"{where} 标记 {mid} 的 patterns[{i}]"))
    if not regexes:
        raise ConfigError(f"{where}：标记 {mid} 没有任何 lexicon、phrases 或 patterns")
    return Marker(mid, str(spec.get("description", "")), regexes, bool(spec.get("tokens", False)), folded)
