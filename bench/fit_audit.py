"""Fit audit: which marker alternatives match sentences of only one labelled corpus.

Usage:
    python bench/fit_audit.py            # summary and every unexplained single-corpus alternative
    python bench/fit_audit.py --all      # also the explained ones
    python bench/fit_audit.py --check    # exit 1 when an unexplained one is left

An alternative is one entry of a marker in ``rules/markers.yaml``: a lexicon or ``phrases`` entry, or a
top-level ``|`` branch of a pattern. Each is matched, as the engine matches it (on the normalised,
simplified text), against the sentences of every labelled corpus the project has (the shared dev
corpus, ``corpora/holdout*``, ``corpora/devmix``) and the shipped samples and templates. An alternative
that matches in exactly one corpus may have been written for that corpus's sentences: that is fitting
unless it stands for a class of drafts, which the audit accepts when

* it is a literal (a word or phrase) that ``../shared/domain/genre.md`` names — the genre's lexicon, or
* it is a construction (a branch with classes, repeats or groups) whose pattern carries a comment in
  ``rules/markers.yaml`` saying what class it covers (a comment line above the pattern or its group), or
* it is a short word (at most ``WORD_CHARS`` characters) in such a commented pattern or in a lexicon
  file with a header comment: a member of a word class the comment names (拖延 among fault verbs).

A longer literal that genre.md does not name is a phrase lifted from some sentence and is never
explained by a comment. Alternatives that match nothing yet are counted, not listed (a construction
may wait for drafts).
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzer.normalize import normalize, to_simplified  # noqa: E402
from analyzer.rules.engine import read_yaml  # noqa: E402
from analyzer.rules.markers import fold_pattern, fold_phrase, read_lexicon  # noqa: E402
from analyzer.rules.regex_syntax import Unsupported, is_literal, split_alternatives  # noqa: E402

SHARED = ROOT.parent / "shared" if (ROOT.parent / "shared").is_dir() else Path("/work/shared")
MARKERS = ROOT / "rules" / "markers.yaml"
LEXICONS = ROOT / "corpora" / "lexicons"
WORD_CHARS = 4
_SENTENCE_END = re.compile(r"(?<=[。;!?\n])")


def corpora() -> dict[str, list[str]]:
    """Corpus name → its texts (gold texts of labelled corpora; shipped samples and templates)."""
    dirs = {"dev": SHARED / "corpus" / "dev" / "gold"}
    for p in sorted((ROOT / "corpora").glob("holdout*")) + sorted((ROOT / "corpora").glob("devmix*")):
        dirs[p.name] = p / "gold"
    dirs["samples"] = ROOT / "corpora" / "samples"
    dirs["templates"] = ROOT / "corpora" / "templates"
    out = {}
    for name, d in dirs.items():
        if d.is_dir():
            texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(d.rglob("*.txt"))]
            if texts:
                out[name] = texts
    return out


def sentences(texts: list[str]) -> list[str]:
    out = []
    for t in texts:
        out += [s for s in _SENTENCE_END.split(to_simplified(normalize(t).text)) if s.strip()]
    return out


def _commented(lines: list[str], pattern: str) -> bool:
    """Whether the raw YAML line holding ``pattern`` sits under a comment: walking up over the
    items of its list, the first other line is a comment."""
    for i, line in enumerate(lines):
        if pattern in line and line.lstrip().startswith("- "):
            j = i - 1
            while j >= 0 and lines[j].lstrip().startswith("- "):
                j -= 1
            return j >= 0 and lines[j].lstrip().startswith("#")
    return False


def alternatives() -> list[dict]:
    """Every alternative of every marker: marker, text as written, regex, literal?, commented?"""
    raw = MARKERS.read_text(encoding="utf-8").splitlines()
    spec = read_yaml(MARKERS)["markers"]
    out = []
    for mid, m in spec.items():
        entries = []
        for name in m.get("lexicon") or []:
            path = LEXICONS / f"{name}.txt"
            headed = path.read_text(encoding="utf-8").lstrip().startswith("#")
            entries += [(p, f"词表 {name}", headed) for p in read_lexicon(path)]
        entries += [(p, "phrases", bool(m.get("description"))) for p in m.get("phrases") or []]
        for text, where, commented in entries:
            if text.strip():
                out.append({"marker": mid, "text": text, "where": where, "literal": True, "commented": commented,
                            "rx": re.compile(re.escape(fold_phrase(text)))})
        for pat in m.get("patterns") or []:
            commented = _commented(raw, pat)   # single-quoted YAML: the line holds the pattern as written
            try:
                branches = split_alternatives(pat)
            except Unsupported:
                branches = [pat]
            for b in branches:
                try:
                    literal = is_literal(b)
                except Unsupported:
                    literal = False
                out.append({"marker": mid, "text": b, "where": "patterns", "literal": literal,
                            "commented": commented, "rx": re.compile(fold_pattern(b))})
    return out


def audit(genre: str) -> tuple[list[dict], dict]:
    texts = corpora()
    sents = {name: sentences(t) for name, t in texts.items()}
    genre_norm = to_simplified(normalize(genre).text)
    rows = []
    for alt in alternatives():
        where = {name: sum(1 for s in ss if alt["rx"].search(s)) for name, ss in sents.items()}
        where = {k: v for k, v in where.items() if v}
        alt["corpora"] = where
        in_genre = alt["literal"] and fold_phrase(alt["text"]) in genre_norm
        word = alt["literal"] and alt["commented"] and len(fold_phrase(alt["text"])) <= WORD_CHARS
        construction = not alt["literal"] and alt["commented"]
        alt["explained"] = in_genre or word or construction
        alt["why"] = ("genre.md" if in_genre else "注释说明的词类" if word else
                      "注释说明的构式" if construction else "")
        rows.append(alt)
    stats = {"corpora": {k: len(v) for k, v in sents.items()}, "alternatives": len(rows),
             "unmatched": sum(1 for r in rows if not r["corpora"]),
             "single": sum(1 for r in rows if len(r["corpora"]) == 1)}
    return rows, stats


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--all", action="store_true", help="list explained single-corpus alternatives too")
    ap.add_argument("--check", action="store_true", help="exit 1 when an unexplained one is left")
    args = ap.parse_args(argv)
    genre_path = SHARED / "domain" / "genre.md"
    rows, stats = audit(genre_path.read_text(encoding="utf-8") if genre_path.is_file() else "")
    single = [r for r in rows if len(r["corpora"]) == 1]
    unexplained = [r for r in single if not r["explained"]]
    print("corpora (sentences): " + ", ".join(f"{k} {v}" for k, v in stats["corpora"].items()))
    by_marker = defaultdict(list)
    for r in single:
        if args.all or not r["explained"]:
            by_marker[r["marker"]].append(r)
    for mid, rs in by_marker.items():
        print(f"\n{mid}")
        for r in rs:
            (name, n), = r["corpora"].items()
            mark = f"explained: {r['why']}" if r["explained"] else "UNEXPLAINED"
            print(f"  {r['text']!s:40}  {r['where']:12} only in {name} ({n})  {mark}")
    print(f"\n{stats['alternatives']} alternatives: {stats['unmatched']} match no corpus yet, "
          f"{stats['single']} match only one corpus, {len(unexplained)} of them unexplained")
    return 1 if args.check and unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
