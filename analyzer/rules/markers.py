"""Marker sets: named lexicons and regular expressions, compiled once, matched on the normalised text.

A marker is defined in ``rules/markers.yaml`` (or in a rule's own ``params``) by any of
``lexicon`` (file names under ``corpora/lexicons``), ``phrases`` (inline) and ``patterns`` (regexes).
Phrases are folded with :func:`analyzer.normalize.normalize` and compiled into one trie-shaped
regex (fast on long texts); patterns are folded with :func:`fold_pattern` and checked by
:func:`check_regex` (syntax and catastrophic backtracking).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

try:  # Python 3.11+
    import re._parser as sre_parse  # type: ignore[import-not-found]
    import re._constants as sre_constants  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

from ..errors import ConfigError
from ..wordlist import read_list
from ..normalize import normalize

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
        folded = unicodedata.normalize("NFKC", ch)
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


_UNBOUNDED = sre_constants.MAXREPEAT
_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT}
if hasattr(sre_constants, "POSSESSIVE_REPEAT"):
    _REPEATS.add(sre_constants.POSSESSIVE_REPEAT)


def _has_repeat(items, unbounded_only: bool) -> bool:
    for op, av in items:
        if op in _REPEATS:
            lo, hi, sub = av
            if (hi == _UNBOUNDED or hi > 50) or not unbounded_only:
                if hi > 1:
                    return True
            if _has_repeat(sub, unbounded_only):
                return True
        elif op == sre_constants.SUBPATTERN:
            if _has_repeat(av[-1], unbounded_only):
                return True
        elif op == sre_constants.BRANCH:
            if any(_has_repeat(b, unbounded_only) for b in av[1]):
                return True
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            if _has_repeat(av[1], unbounded_only):
                return True
    return False


def _nested(items) -> bool:
    """True when an unbounded repeat contains another repeat (``(a+)+``, ``(.*)*``, ``(a{1,9})*``)."""
    for op, av in items:
        if op in _REPEATS:
            lo, hi, sub = av
            if (hi == _UNBOUNDED or hi > 50) and _has_repeat(sub, unbounded_only=False):
                return True
            if _nested(sub):
                return True
        elif op == sre_constants.SUBPATTERN:
            if _nested(av[-1]):
                return True
        elif op == sre_constants.BRANCH:
            if any(_nested(b) for b in av[1]):
                return True
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            if _nested(av[1]):
                return True
    return False


def check_regex(pattern: str, where: str) -> re.Pattern:
    """Compile ``pattern`` or raise ConfigError naming ``where`` (file and key)."""
    try:
        compiled = re.compile(pattern)
    except re.error as err:
        raise ConfigError(f"{where}：正则表达式写法有误（{err}）：{pattern}。请修正后重试") from None
    try:
        tree = sre_parse.parse(pattern)
    except Exception:  # pragma: no cover - compile succeeded, parse should too
        return compiled
    if _nested(list(tree)):
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

_MAX_NEEDS = 12   # a prefilter of more literals than this costs more than the scan it saves
_REPEAT_OPS = _REPEATS


def _needed(items) -> list[str] | None:
    """Literals one of which occurs in every match of the sequence ``items``, or None.

    Only parts every match must contain count: literal runs, groups, branches whose every
    alternative has needs, repeats of at least one, and classes of plain characters. Assertions
    and anything else add no constraint. Among the candidates the most selective is kept."""
    cands: list[list[str]] = []
    run: list[str] = []
    for op, av in items:
        if op == sre_constants.LITERAL:
            run.append(chr(av))
            continue
        if run:
            cands.append(["".join(run)])
            run = []
        got = None
        if op == sre_constants.SUBPATTERN:
            if av[1] & re.IGNORECASE:
                return None
            got = _needed(av[-1])
        elif op == sre_constants.BRANCH:
            alts = [_needed(b) for b in av[1]]
            if all(alts):
                got = sorted({x for a in alts for x in a})
        elif op in _REPEAT_OPS and av[0] >= 1:
            got = _needed(av[2])
        elif op == sre_constants.IN and all(o == sre_constants.LITERAL for o, _ in av):
            got = [chr(v) for _, v in av]
        if got and len(got) <= _MAX_NEEDS:
            cands.append(got)
    if run:
        cands.append(["".join(run)])
    if not cands:
        return None
    return min(cands, key=lambda c: (len(c), -min(map(len, c))))


def required_literals(rx: re.Pattern) -> tuple[str, ...] | None:
    """Strings one of which every match of ``rx`` contains (a cheap prefilter), or None."""
    if rx.flags & re.IGNORECASE:
        return None
    try:
        got = _needed(list(sre_parse.parse(rx.pattern)))
    except Exception:  # pragma: no cover - the pattern compiled, so it parses
        return None
    return tuple(got) if got else None


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
