"""Recall floor: a passage of 30 characters or more that two drafts share is reported, even when
each of its pieces also stands in several other drafts of the batch (but in less than the share
of the batch that makes text common wording, rules/batch/reuse.yaml)."""
from __future__ import annotations

import re
from pathlib import Path

from analyzer.load import load_document
from analyzer.reuse import detect_reuse
from analyzer.reuse.detect import common_wording
from analyzer.reuse.fingerprint import K
from tests.conftest import ROOT

CORPORA = [ROOT / "corpora" / d for d in ("samples/drafts", "devmix/inputs", "holdout/inputs", "holdout2/inputs",
                                          "holdout3/inputs", "holdout4/inputs")]
LETTER = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")


def _drafts():
    docs = []
    for folder in CORPORA:
        for path in sorted(folder.iterdir()):
            doc = load_document(path)
            doc.id = f"{folder.parent.name}-{path.stem}"
            docs.append(doc)
    return docs


def _pieces(passage: str, step: int, size: int) -> list[str]:
    """Overlapping pieces of ``passage``, ``size`` letters long, every ``step`` letters: every K-letter
    window of the passage lies inside exactly one piece."""
    letters = [m.start() for m in LETTER.finditer(passage)] + [len(passage)]
    n = len(letters) - 1
    return [passage[letters[a]:letters[min(n, a + size)]] for a in range(0, n - K + 1, step)]


def _insert(doc, text: str) -> None:
    lines = doc.text.split("\n")
    at = max(1, len(lines) // 2)
    doc.text = "\n".join(lines[:at] + [text] + lines[at:])


def test_a_shared_passage_of_30_characters_is_not_dropped_as_common_wording():
    docs = _drafts()
    floor, share = common_wording()["recall_floor"], common_wording()["share"]
    assert len(docs) >= 40
    source, target, others = docs[0], docs[1], docs[2:]
    # a real sentence of the source draft: 40 letters (45 characters with the punctuation)
    body = source.text[len(source.text) // 3:]
    sentence = next(s for s in re.split(r"(?<=[。；])", body) if len(LETTER.findall(s)) >= 40)
    letters = [m.start() for m in LETTER.finditer(sentence)]
    passage = sentence[:letters[39] + 1]
    assert len(passage) >= floor
    _insert(target, passage)
    # each piece (under 30 characters) in ten other drafts: in 12 drafts with the pair, under the share
    pieces = _pieces(passage, K - 1, 2 * (K - 1))
    per_piece = 10
    assert (per_piece + 2) < share * len(docs)
    for k, piece in enumerate(pieces):
        assert len(piece) < floor
        for doc in others[k * per_piece:(k + 1) * per_piece]:
            _insert(doc, piece)
    found = detect_reuse(docs)
    got = [r for r in found.reuse if {r.doc, r.source} == {source.id, target.id}]
    assert got, "the shared passage was dropped"
    r = got[0]
    text = (target if r.doc == target.id else source).text[r.start:r.end]
    assert LETTER.sub("", passage) == "" or passage[5:25] in text
    # a piece alone (under 30 characters) is not made into a long passage between the other drafts
    holders = {d.id: d for d in others[:len(pieces) * per_piece]}
    for r in found.reuse:
        if r.doc in holders and r.source in holders:
            text = holders[r.doc].text[r.start:r.end]
            assert not (any(p in text for p in pieces) and len(text) >= floor), text
