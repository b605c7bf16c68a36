"""The fit audit (bench/fit_audit.py): its regex reading, its verdicts, and the project's own rules."""
import importlib.util
import re
from pathlib import Path

import pytest

from analyzer.rules.regex_syntax import is_literal, split_alternatives

ROOT = Path(__file__).resolve().parent.parent


def _audit_module():
    spec = importlib.util.spec_from_file_location("fit_audit", ROOT / "bench" / "fit_audit.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("pattern, branches", [
    ("不够|缺乏", ["不够", "缺乏"]),
    ("重(?:部署|安排)|轻落实", ["重(?:部署|安排)", "轻落实"]),
    ("[|]好|坏", ["[|]好", "坏"]),
    (r"a\|b|c", [r"a\|b", "c"]),
    ("(?<=[,;])加强", ["(?<=[,;])加强"]),
])
def test_top_level_branches(pattern, branches):
    assert split_alternatives(pattern) == branches
    assert all(re.compile(b) for b in branches)


@pytest.mark.parametrize("pattern, literal", [
    ("走过场", True), (r"范文网\>", True), ("不(?:够|足)", False), ("[上外][热紧]", False), ("缠身.", False),
])
def test_literal_or_construction(pattern, literal):
    assert is_literal(pattern) is literal


def test_a_phrase_lifted_from_one_draft_is_unexplained():
    audit = _audit_module()
    lines = ["markers:", "  m:", "    patterns:", "      # shortfall words", "      - '拖延|在情理之中'"]
    pat = "拖延|在情理之中"
    commented = audit._commented(lines, pat)
    assert commented
    word, phrase = split_alternatives(pat)
    assert len(word) <= audit.WORD_CHARS < len(phrase)   # the word is a class member, the phrase is not


def test_the_shipped_rules_have_no_unexplained_single_corpus_alternative():
    audit = _audit_module()
    genre = audit.SHARED / "domain" / "genre.md"
    if not genre.is_file():
        pytest.skip("shared/domain/genre.md is not beside the checkout")
    rows, stats = audit.audit(genre.read_text(encoding="utf-8"))
    assert len(stats["corpora"]) >= 5
    bad = [f"{r['marker']}: {r['text']}" for r in rows if len(r["corpora"]) == 1 and not r["explained"]]
    assert not bad, bad
