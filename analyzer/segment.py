"""Sentence splitting (regex, instant) and word tokens (jieba, loaded lazily).

Importing this module does not import jieba: loading jieba's dictionary takes about a second, so it
is done on the first call to :func:`tokens` / :func:`token_spans` and only once per process.
The user dictionary ``corpora/userdict.txt`` (jieba format, one ``word freq tag`` line per term,
no comments) keeps party terms such as 民主生活会, 批评与自我批评, 两个维护 or 一岗双责 whole.
"""
from __future__ import annotations

import threading
from typing import Any

from .paths import CORPORA_DIR

USERDICT = CORPORA_DIR / "userdict.txt"

# Sentence terminators (Chinese and ASCII) and the closing marks that stay with the sentence.
_TERMINATORS = frozenset("。！？；!?;")
_CLOSERS = frozenset("”’」』）)】》〉］]｝}")
_STRAIGHT_QUOTES = frozenset("\"'")


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (offsets into ``text``) of ``text[start:end]``.

    Splits after 。！？；!?; (runs of them count as one end) and at newlines; closing quotes and
    brackets right after the end mark stay with their sentence (a straight quote only when it
    closes an odd one). Spans are trimmed of surrounding whitespace and never empty.
    """
    n = len(text)
    end = n if end is None else min(end, n)
    start = max(0, start)
    spans: list[tuple[int, int]] = []
    seg = start
    i = start
    while i < end:
        ch = text[i]
        if ch == "\n":
            span = _trimmed(text, seg, i)
            if span:
                spans.append(span)
            i += 1
            seg = i
            continue
        if ch in _TERMINATORS:
            j = i + 1
            while j < end:
                nxt = text[j]
                if nxt in _TERMINATORS or nxt in _CLOSERS:
                    j += 1
                elif nxt in _STRAIGHT_QUOTES and text.count(nxt, seg, j) % 2 == 1:
                    j += 1
                else:
                    break
            span = _trimmed(text, seg, j)
            if span:
                spans.append(span)
            seg = i = j
            continue
        i += 1
    span = _trimmed(text, seg, end)
    if span:
        spans.append(span)
    return spans


_jieba: Any = None
_lock = threading.Lock()


def _load_jieba() -> Any:
    """Import and initialise jieba once, with the project's user dictionary."""
    global _jieba
    if _jieba is None:
        with _lock:
            if _jieba is None:
                import jieba  # local import: keeps ``draftcheck check`` cold start fast

                jieba.setLogLevel(60)
                jieba.initialize()
                if USERDICT.is_file():
                    jieba.load_userdict(str(USERDICT))
                _jieba = jieba
    return _jieba


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """Words of ``text`` with their offsets, ``(word, start, end)``; whitespace is dropped."""
    if not text:
        return []
    jieba = _load_jieba()
    return [(w, s, e) for w, s, e in jieba.tokenize(text) if not w.isspace()]


def tokens(text: str) -> list[str]:
    """Words of ``text`` (jieba with the party-term user dictionary); whitespace is dropped."""
    return [w for w, _, _ in token_spans(text)]
