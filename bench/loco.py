"""Leave-one-corpus-out: do the rules' signals carry to a corpus they were not fitted on?

``python bench/loco.py [DIR ...]`` (also ``bench/generalise.py --loco``). Two views per labelled corpus:

* **rules, first run** — the hand-written rules are fitted on every corpus they have seen, so the only
  held-out figure they have is each corpus's first run, recorded in ``bench/FIRST_RUNS.md`` before any
  change was made for it (corpora older than that file have none).
* **learned, held out** — a logistic regression (scikit-learn) over per-sentence signals, trained on the
  labelled sentences (``vague`` = 1, ``concrete`` = 0) of every other corpus and tested on this one. The
  signals are the rule markers of ``rules/markers.yaml`` (how often each matches the sentence, capped at 3)
  and, with ``--pos``, jieba part-of-speech counts (numerals, measure words, times, person, place and
  organisation names). Training is deterministic (lbfgs, fixed settings); nothing is shipped: the table
  says whether a combiner fitted elsewhere would do better than the rules did on their first run.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generalise import known_corpora  # noqa: E402

POS_TAGS = ("m", "q", "mq", "t", "nr", "ns", "nt", "nz")
_FIRST = re.compile(r"^## (\S+)\n(?:.*\n)*?vague found: (\d+)/(\d+).*?concrete wrongly flagged (\d+)/(\d+)", re.M)


def labelled_sentences(corpus: Path) -> list[tuple[str, int]]:
    gold = corpus / "gold" if (corpus / "gold").is_dir() else corpus
    out = []
    for g in sorted(gold.glob("*.gold.json")):
        labels = json.loads(g.read_text(encoding="utf-8"))
        if not isinstance(labels, dict):   # reuse.gold.json: passages, not sentence labels
            continue
        out += [(s, 1) for s in labels.get("vague") or []]
        out += [(s, 0) for s in labels.get("concrete") or []]
    return out


class Signals:
    """Per-sentence features from the shipped marker book (and optionally jieba POS)."""

    def __init__(self, pos: bool = False):
        from analyzer.rules import load_ruleset

        self.markers = load_ruleset("general").markers
        self.names = sorted(self.markers)
        self.pos = pos

    def features(self, sentence: str) -> list[float]:
        from analyzer.normalize import normalize, to_simplified

        text = to_simplified(normalize(sentence).text)
        row = [float(min(sum(len(rx.findall(text)) for rx in self.markers[n].regexes), 3)) for n in self.names]
        row.append(min(len(text), 120) / 40.0)
        if self.pos:
            import jieba
            import jieba.posseg

            jieba.setLogLevel(60)
            tags = [t.flag for t in jieba.posseg.cut(text)]
            row += [float(min(tags.count(t), 3)) for t in POS_TAGS]
        return row


def first_runs() -> dict[str, tuple[int, int, int, int]]:
    """Corpus name → (vague found, vague labelled, concrete flagged, concrete labelled) of its first run."""
    path = ROOT / "bench" / "FIRST_RUNS.md"
    out: dict[str, tuple[int, int, int, int]] = {}
    if path.is_file():
        for m in _FIRST.finditer(path.read_text(encoding="utf-8")):
            out.setdefault(m.group(1), tuple(int(x) for x in m.group(2, 3, 4, 5)))
    return out


def _share(a: int, b: int) -> str:
    return f"{a / b:.2f} ({a}/{b})" if b else "—"


def loco_rows(corpora: list[Path], pos: bool = False) -> list[list[str]]:
    from sklearn.linear_model import LogisticRegression

    sig = Signals(pos)
    data = {c.name: [(sig.features(s), y) for s, y in labelled_sentences(c)] for c in corpora}
    data = {k: v for k, v in data.items() if v}
    firsts = first_runs()
    rows = []
    for name, test in data.items():
        train = [r for k, v in data.items() if k != name for r in v]
        if len({y for _, y in train}) < 2:
            continue
        model = LogisticRegression(max_iter=2000, class_weight="balanced", C=1.0)
        model.fit([x for x, _ in train], [y for _, y in train])
        pred = model.predict([x for x, _ in test])
        vague = [p for p, (_, y) in zip(pred, test) if y == 1]
        concrete = [p for p, (_, y) in zip(pred, test) if y == 0]
        f = firsts.get(name)
        rows.append([name, _share(int(sum(vague)), len(vague)), _share(int(sum(concrete)), len(concrete)),
                     _share(f[0], f[1]) if f else "—", _share(f[2], f[3]) if f else "—"])
    return rows


HEADER = ["corpus", "learned, held out: vague found", "concrete flagged", "rules, first run: vague found",
          "concrete flagged"]


def loco_table(corpora: list[Path], pos: bool = False) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(r) + " |" for r in loco_rows(corpora, pos)]
    return "\n".join(lines)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpora", nargs="*", type=Path)
    ap.add_argument("--pos", action="store_true", help="add jieba part-of-speech counts to the signals")
    args = ap.parse_args(argv)
    corpora = known_corpora() + [c for c in args.corpora if c not in known_corpora()]
    print(loco_table(corpora, args.pos))


if __name__ == "__main__":
    main()
