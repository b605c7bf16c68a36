"""Soft line breaks: text copied out of a PDF or a web page wraps every line at a fixed width.

Such a draft has a newline every ~30 characters in the middle of sentences (…我认真学习了规\\n定篇目…),
and page numbers (— 3 —) on lines of their own. Read as written, every line would be a paragraph and
every fragment a sentence. :func:`layout_text` returns a copy of the same length in which the soft
breaks are spaces and page-number lines are blank, so that paragraphs and sentences are read as the
writer wrote them; offsets into the copy are offsets into the original text.

A break is soft when the text as a whole is wrapped (many lines of nearly one length) and the line
before it reaches that width, does not end a sentence or a heading, and the next line does not open
a numbered item or a part.
"""
from __future__ import annotations

import re
from collections import Counter

_PAGE_NUMBER = re.compile(r"^[ \t\u3000]*(?:[—\-－–_]{1,3}[ \t\u3000]*[0-9０-９]{1,3}[ \t\u3000]*[—\-－–_]{1,3}"
                          r"|第[0-9０-９]{1,3}页(?:[ \t\u3000]*共[0-9０-９]{1,3}页)?|[0-9０-９]{1,3}[ \t\u3000]*/[ \t\u3000]*[0-9０-９]{1,3})"
                          r"[ \t\u3000]*$")
_ENDS = set("。！？；：:!?;…」』”）)】")
_OPENS = re.compile(r"^[ \t\u3000]*(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十0-9０-９]+[）)]|[0-9０-９]{1,2}[.．、]"
                    r"|[一二三四五六七八九十]+是|[①-⑳]|第[一二三四五六七八九十]+部分|#)")
MIN_LINES = 8           # fewer lines than this: no evidence of wrapping
MIN_SHARE = 0.35        # share of the lines within TOLERANCE of the wrap width
TOLERANCE = 2
MIN_WIDTH = 20          # narrower "wrapping" is a list of short lines, not a PDF


def layout_text(text: str) -> str:
    """``text`` with soft line breaks as spaces and page-number lines blanked (same length)."""
    if text.count("\n") < MIN_LINES:
        return text
    lines = text.split("\n")
    lengths = [len(line.strip()) for line in lines]
    body = [n for n in lengths if n >= 12]
    if len(body) < MIN_LINES:
        return text
    width, _ = Counter(min(n, 80) for n in body).most_common(1)[0]
    near = sum(1 for n in body if abs(n - width) <= TOLERANCE)
    # wrapped text: many lines of one width, most of them stopping in the middle of a sentence
    open_ends = sum(1 for line in lines if len(line.strip()) >= 12 and line.rstrip()[-1] not in _ENDS)
    if near < MIN_SHARE * len(body) or width < MIN_WIDTH or open_ends < MIN_SHARE * len(body):
        return text
    out = list(text)
    pos = 0
    starts = []
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    page = [bool(_PAGE_NUMBER.match(line)) for line in lines]
    for k, line in enumerate(lines):
        if page[k]:
            for x in range(starts[k], starts[k] + len(line)):
                out[x] = " "
    for k, line in enumerate(lines[:-1]):
        if page[k]:
            continue
        nxt = k + 1
        while nxt < len(lines) and page[nxt]:
            nxt += 1
        if nxt >= len(lines):
            break
        stripped = line.rstrip()
        if not stripped or stripped[-1] in _ENDS or len(stripped.strip()) < width - TOLERANCE:
            continue
        if not lines[nxt].strip() or _OPENS.match(lines[nxt]):
            continue
        for j in range(k, nxt):   # this break and those around the page-number lines in between
            out[starts[j] + len(lines[j])] = " "
    return "".join(out)
