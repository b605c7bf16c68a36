"""A small reader of regular-expression syntax, for the two questions the rule engine asks of a
marker pattern before using it:

* which literals must every match contain (``required_literals``: a cheap prefilter that lets the
  engine skip a regex on text holding none of them);
* does an unbounded repeat contain another repeat (``nested_repeat``: ``(a+)+``, ``(.*)*``, the
  shapes that backtrack catastrophically).

It reads the subset of Python's syntax the rule files use — literals and escapes, character
classes, groups (capturing, named, non-capturing, atomic), lookarounds, alternation, anchors,
back-references and every quantifier — into a plain tree. Anything else (inline flags,
conditionals, comments, ``\\N{...}``, octal escapes) raises ``Unsupported``, and the callers then
claim nothing: no prefilter, no nesting verdict. Python's own ``re`` has already checked the
pattern compiles; this module never decides whether a pattern is valid, only what shape it has.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_NEEDS = 12   # a prefilter of more literals than this costs more than the scan it saves
WIDE = 50        # a repeat allowing more than this many is treated as unbounded


class Unsupported(Exception):
    """The pattern uses syntax this reader does not model."""


@dataclass
class Node:
    kind: str                    # lit | set | any | anchor | group | look | alt | seq | repeat
    char: str = ""               # lit
    chars: frozenset | None = None  # set: the plain characters it matches (None: ranges, negation, \d ...)
    lo: int = 0                  # repeat
    hi: int | None = None        # repeat: None = unbounded
    items: list["Node"] = field(default_factory=list)  # seq, alt (alternatives), group/look/repeat (one body)


_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_CLASS_ESCAPES = set("dDwWsS")
_ANCHOR_ESCAPES = set("bBAZ")
_QUANT = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")


class _Reader:
    def __init__(self, pattern: str):
        self.p = pattern
        self.i = 0

    def peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.p[j] if j < len(self.p) else ""

    def take(self, n: int = 1) -> str:
        s = self.p[self.i:self.i + n]
        self.i += n
        return s

    # alternation := sequence ('|' sequence)*
    def alternation(self) -> Node:
        alts = [self.sequence()]
        while self.peek() == "|":
            self.take()
            alts.append(self.sequence())
        # as in Python's own parser, an alternation is one item of the sequence that holds it
        return alts[0] if len(alts) == 1 else Node("seq", items=[Node("alt", items=alts)])

    def sequence(self) -> Node:
        items: list[Node] = []
        while self.i < len(self.p) and self.peek() not in "|)":
            atom = self.atom()
            items.append(self.quantified(atom))
        return Node("seq", items=items)

    def quantified(self, atom: Node) -> Node:
        while True:
            ch = self.peek()
            if ch in ("*", "+", "?"):
                self.take()
                lo, hi = {"*": (0, None), "+": (1, None), "?": (0, 1)}[ch]
            elif ch == "{":
                m = _QUANT.match(self.p, self.i)
                if not m or (m.group(2) is None and not m.group(1)):
                    return atom    # not a quantifier ("{}", "{x}"): Python reads the brace as a literal
                self.i = m.end()
                lo = int(m.group(1) or 0)
                hi = lo if m.group(2) is None else (int(m.group(3)) if m.group(3) else None)
            else:
                return atom
            if atom.kind in ("anchor", "look"):
                raise Unsupported("a repeated assertion")
            if self.peek() in ("?", "+"):   # lazy or possessive: the same shape
                self.take()
            atom = Node("repeat", lo=lo, hi=hi, items=[atom])

    def atom(self) -> Node:
        ch = self.take()
        if ch == "(":
            return self.group()
        if ch == "[":
            return self.char_class()
        if ch == "\\":
            return self.escape()
        if ch == ".":
            return Node("any")
        if ch in ("^", "$"):
            return Node("anchor")
        if ch in ("*", "+", "?"):
            raise Unsupported("nothing to repeat")
        return Node("lit", char=ch)

    def group(self) -> Node:
        kind = "group"
        if self.peek() == "?":
            self.take()
            nxt = self.take()
            if nxt == ":" or nxt == ">":
                pass
            elif nxt == "P" and self.peek() == "<":
                end = self.p.find(">", self.i)
                if end < 0:
                    raise Unsupported("unterminated group name")
                self.i = end + 1
            elif nxt == "P" and self.peek() == "=":   # (?P=name): a back-reference
                end = self.p.find(")", self.i)
                if end < 0:
                    raise Unsupported("unterminated back-reference")
                self.i = end + 1
                return Node("any")
            elif nxt in ("=", "!"):
                kind = "look"
            elif nxt == "<" and self.peek() in ("=", "!"):
                self.take()
                kind = "look"
            else:
                raise Unsupported(f"(?{nxt}")
        body = self.alternation()
        if self.take() != ")":
            raise Unsupported("unbalanced parenthesis")
        return Node(kind, items=[body])

    def escape(self) -> Node:
        ch = self.take()
        if not ch:
            raise Unsupported("trailing backslash")
        if ch in _CLASS_ESCAPES:
            return Node("any")
        if ch in _ANCHOR_ESCAPES:
            return Node("anchor")
        if ch.isdigit():
            if ch == "0":
                raise Unsupported("octal escape")
            while self.peek().isdigit():
                self.take()
            return Node("any")            # a back-reference: whatever the group matched
        return Node("lit", char=self.escaped_char(ch))

    def escaped_char(self, ch: str) -> str:
        if ch in _SIMPLE_ESCAPES:
            return _SIMPLE_ESCAPES[ch]
        width = {"x": 2, "u": 4, "U": 8}.get(ch)
        if width:
            digits = self.take(width)
            if len(digits) != width or not all(c in "0123456789abcdefABCDEF" for c in digits):
                raise Unsupported(f"\\{ch} escape")
            return chr(int(digits, 16))
        if ch.isalnum():
            raise Unsupported(f"\\{ch}")   # \N{...} and letters Python rejects or gives meaning to
        return ch

    def char_class(self) -> Node:
        negated = self.peek() == "^"
        if negated:
            self.take()
        chars: set[str] = set()
        plain = not negated
        first = True
        while True:
            ch = self.take()
            if not ch:
                raise Unsupported("unterminated character class")
            if ch == "]" and not first:
                break
            first = False
            if ch == "[" and self.peek() in (":", "=", "."):
                raise Unsupported("POSIX class")
            if ch == "\\":
                esc = self.take()
                if esc in _CLASS_ESCAPES:
                    plain = False
                    continue
                ch = "\b" if esc == "b" else self.escaped_char(esc)
            if self.peek() == "-" and self.peek(1) not in ("]", ""):
                self.take()
                end = self.take()
                if end == "\\":
                    self.escaped_char(self.take())
                plain = False            # a range: not a short list of plain characters
                continue
            chars.add(ch)
        if plain and len(chars) == 1:   # [x] is the literal x
            return Node("lit", char=next(iter(chars)))
        return Node("set", chars=frozenset(chars) if plain else None)


def parse(pattern: str) -> Node:
    """The pattern's tree, or ``Unsupported``."""
    reader = _Reader(pattern)
    tree = reader.alternation()
    if reader.i != len(pattern):
        raise Unsupported("unbalanced parenthesis")
    return tree


# ---- required literals -------------------------------------------------------------------------

def _needed(node: Node) -> list[str] | None:
    """Literals one of which occurs in every match of ``node``, or None (no constraint known).

    Only parts every match must contain count: literal runs, groups, alternations whose every
    alternative has needs, repeats of at least one, and classes of plain characters. Assertions
    and anything else add no constraint. Among a sequence's candidates the most selective is kept."""
    if node.kind == "lit":
        return [node.char]
    if node.kind == "set":
        return sorted(node.chars) if node.chars else None
    if node.kind == "group":
        return _needed(node.items[0])
    if node.kind == "repeat":
        return _needed(node.items[0]) if node.lo >= 1 else None
    if node.kind == "alt":
        alts = [_needed(a) for a in node.items]
        return sorted({x for a in alts for x in a}) if all(alts) else None
    if node.kind != "seq":
        return None                     # any, anchor, look
    cands: list[list[str]] = []
    run: list[str] = []
    for item in node.items:
        if item.kind == "lit":
            run.append(item.char)
            continue
        if run:
            cands.append(["".join(run)])
            run = []
        got = _needed(item)
        if got and len(got) <= MAX_NEEDS:
            cands.append(got)
        prefix = _common_prefix(item)
        if prefix:
            cands.append([prefix])
    if run:
        cands.append(["".join(run)])
    if not cands:
        return None
    return min(cands, key=lambda c: (len(c), -min(map(len, c))))


def _leading(node: Node) -> str:
    """The literal text every match of ``node`` starts with ("" when none is known)."""
    if node.kind == "lit":
        return node.char
    if node.kind == "group":
        return _leading(node.items[0])
    if node.kind == "alt":
        return _common_prefix(node)
    if node.kind == "seq":
        out = ""
        for item in node.items:
            if item.kind != "lit":
                return out + _leading(item)
            out += item.char
        return out
    return ""


def _common_prefix(node: Node) -> str:
    """For an alternation (or a group holding one): the text all its alternatives start with —
    one literal where the alternatives would give several (不敢|不愿|不肯 → 不)."""
    while node.kind in ("group", "seq") and len(node.items) == 1:
        node = node.items[0]
    if node.kind != "alt":
        return ""
    heads = [_leading(a) for a in node.items]
    prefix = heads[0]
    for h in heads[1:]:
        while not h.startswith(prefix):
            prefix = prefix[:-1]
    return prefix


def required_literals(rx: re.Pattern) -> tuple[str, ...] | None:
    """Strings one of which every match of ``rx`` contains (a cheap prefilter), or None."""
    if rx.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        got = _needed(parse(rx.pattern))
    except Unsupported:
        return None
    return tuple(got) if got else None


# ---- nested repeats ------------------------------------------------------------------------------

def _repeats(node: Node) -> bool:
    """Does ``node`` hold a repeat that can match more than once?"""
    if node.kind == "repeat" and (node.hi is None or node.hi > 1):
        return True
    return any(_repeats(i) for i in node.items)


def _nested(node: Node) -> bool:
    if node.kind == "repeat" and (node.hi is None or node.hi > WIDE) and _repeats(node.items[0]):
        return True
    return any(_nested(i) for i in node.items)


def nested_repeat(pattern: str) -> bool | None:
    """True when an unbounded repeat contains another repeat (``(a+)+``, ``(.*)*``, ``(a{1,9})*``);
    None when the pattern's syntax is not one this reader models."""
    try:
        return _nested(parse(pattern))
    except Unsupported:
        return None


def split_alternatives(pattern: str) -> list[str]:
    """The top-level ``|`` branches of ``pattern`` as written (``a|b(c|d)`` → ``a``, ``b(c|d)``); a
    branch of a lookaround or group stays whole. Raises Unsupported where :func:`parse` would."""
    parse(pattern)
    out, depth, in_class, start, i = [], 0, False, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]":   # []] : a class opening with ]
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


def is_literal(pattern: str) -> bool:
    """Whether ``pattern`` matches one fixed string (only literal characters and escapes of them)."""
    node = parse(pattern)
    items = node.items if node.kind == "seq" else [node]
    return all(n.kind == "lit" for n in items)
