"""Set the lineage thresholds from labelled pairs: ``python bench/yearly_calibrate.py [PAIRS.yaml]``.

Reads ``tests/fixtures/yearly/pairs.yaml`` (or the file given): ``pairs`` (an earlier problem item
``old``, this year's ``new``, ``same``: raised again or not) and ``mentions`` (an earlier problem
``old``, a passage of this year's 上年度整改落实情况 part, ``same``: the passage reports on it or not).
Scores every pair the way ``draftcheck`` does (``analyzer.yearly.lineage``: bodies, character-bigram
TF-IDF with IDF over the sentences of the texts and the shipped templates) and prints, for a range of
thresholds, how many true pairs reach it and how many false ones do, then the threshold range with the
fewest errors and the values ``rules/batch/yearly.yaml`` holds. Nothing is written.
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzer.segment import sentences  # noqa: E402
from analyzer.yearly.config import number  # noqa: E402
from analyzer.yearly.lineage import Similarity, body_text, problem_scores  # noqa: E402
from analyzer.yearly.stage import _template_sentences  # noqa: E402


def _sentences(texts):
    return [t[s:e] for t in texts for s, e in sentences(t)]


def table(name: str, scored: list[tuple[bool, float]], current: float) -> None:
    pos = sorted(s for y, s in scored if y)
    neg = sorted(s for y, s in scored if not y)
    print(f"{name}: {len(pos)} 对相同，{len(neg)} 对不同；当前阈值 {current}")
    values = sorted({s for _, s in scored})
    cuts = [(a + b) / 2 for a, b in zip(values, values[1:])] or values   # between the samples' scores
    errors = {t: (len(pos) - sum(s >= t for s in pos)) + sum(s >= t for s in neg) for t in cuts}
    fewest = min(errors.values())
    at = [t for t in cuts if errors[t] == fewest]
    low = max((v for v in values if v < at[0]), default=at[0])
    high = min((v for v in values if v > at[-1]), default=at[-1])
    for t in [x / 100 for x in range(2, 31, 2)] + [current]:
        tp, fp = sum(s >= t for s in pos), sum(s >= t for s in neg)
        mark = "  ←当前" if t == current else ""
        print(f"  阈值 {t:.2f}：找到 {tp}/{len(pos)}，误报 {fp}/{len(neg)}{mark}")
    print(f"  阈值在 {low:.3f} 以上、{high:.3f} 以下（样本中相邻的分数）时错误最少：{fewest} 个"
          "（漏掉的相同对加误报的不同对）")


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else ROOT / "tests" / "fixtures" / "yearly" / "pairs.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    pairs, mentions = data.get("pairs") or [], data.get("mentions") or []
    texts = [p["old"] for p in pairs] + [p["new"] for p in pairs] + [m["old"] for m in mentions] \
        + [m["passage"] for m in mentions]
    sim = Similarity(list(_template_sentences()) + _sentences(dict.fromkeys(texts)))
    scored = [(bool(p["same"]), float(problem_scores(sim, [p["old"]], [p["new"]])[0, 0])) for p in pairs]
    table("问题对（lineage.threshold）", scored, number("lineage", "threshold"))
    if mentions:
        scored = [(bool(m["same"]), float(sim.matrix([body_text(m["old"])], [m["passage"]])[0, 0]))
                  for m in mentions]
        table("整改情况段落（lineage.mention_threshold）", scored, number("lineage", "mention_threshold"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
