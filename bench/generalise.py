"""Generalisation protocol: score draftcheck on every labelled corpus, and leave-one-corpus-out.

Usage:
    python bench/generalise.py                 # every corpus the project knows (dev + corpora/holdout*)
    python bench/generalise.py DIR [DIR ...]   # other corpora (same layout, or a flat folder of
                                               # NAME.txt + NAME.gold.json such as labelled real drafts)
    python bench/generalise.py --loco [--pos]  # also the leave-one-corpus-out table (bench/loco.py):
                                               # each corpus's first run beside a combiner of the rule
                                               # signals trained on the other corpora

A corpus directory holds ``gold/`` (NAME.txt + NAME.gold.json), ``inputs/`` and optionally
``manifest.csv``, ``team/TEAM.txt``, ``templates/``, ``history/``. A flat folder (no ``gold/``) is its own
gold and its ``*.txt`` files are the inputs. The real ``draftcheck batch`` command is run on each
corpus and ``../shared/eval/score.py`` scores the JSON report; the table prints the figures that
issue 11 counts. The score that matters is the FIRST run on a corpus the rules were not tuned on:
those lines are kept in ``bench/FIRST_RUNS.md`` and never edited.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
if not SHARED.is_dir():
    SHARED = Path("/work/shared")
SCORER = SHARED / "eval" / "score.py"


def known_corpora() -> list[Path]:
    out = []
    dev = SHARED / "corpus" / "dev"
    if dev.is_dir():
        out.append(dev)
    out += sorted(p for p in (ROOT / "corpora").glob("holdout*") if (p / "gold").is_dir())
    out += sorted(p for p in (ROOT / "corpora").glob("devmix*") if (p / "gold").is_dir())
    return out


def _draftcheck() -> list[str]:
    exe = Path(sys.executable).parent / "draftcheck"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "analyzer.cli"]


def run_corpus(corpus: Path, extra_args: list[str] | None = None) -> tuple[str, dict]:
    """Run the batch command on one corpus; return (scorer text, scorer figures)."""
    gold = corpus / "gold" if (corpus / "gold").is_dir() else corpus
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if (corpus / "inputs").is_dir():
            inputs = corpus / "inputs"
        else:  # a flat folder of NAME.txt + NAME.gold.json: the texts are the inputs
            inputs = tmp / "inputs"
            inputs.mkdir()
            for g in gold.glob("*.gold.json"):
                stem = g.name[: -len(".gold.json")]
                if (gold / f"{stem}.txt").is_file():
                    shutil.copy(gold / f"{stem}.txt", inputs / f"{stem}.txt")
        cmd = _draftcheck() + ["batch", str(inputs), "--no-store", "--format", "json",
                               "-o", str(tmp / "report.json")]
        for flag, rel in (("--team", "team/TEAM.txt"), ("--templates", "templates"),
                          ("--history", "history"), ("--manifest", "manifest.csv")):
            if (corpus / rel).exists():
                cmd += [flag, str(corpus / rel)]
        cmd += extra_args or []
        subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if not (tmp / "report.json").is_file():
            return "没有生成报告", {}
        res = subprocess.run([sys.executable, str(SCORER), str(gold), str(tmp / "report.json"),
                              "--json", str(tmp / "score.json")], capture_output=True, text=True)
        figures = json.loads((tmp / "score.json").read_text(encoding="utf-8")) \
            if (tmp / "score.json").is_file() else {}
        return res.stdout.strip(), figures


def _frac(t) -> str:
    if not t:
        return "—"
    a, b = t[0], t[1]
    return f"{a / b:.2f} ({a}/{b})" if b else "—"


def _stray(t) -> str:
    """Flags in drafts where nothing of that kind is labelled (the scorer's third figure)."""
    return f" +{t[2]}" if t and len(t) > 2 and t[2] else ""


def summary_row(name: str, fig: dict) -> list[str]:
    vague = fig.get("vague") or [0, 0, 0, 0]
    un = fig.get("unanswered_problems") or [0, 0, 0]
    return [name,
            _frac(vague[:2]),
            _frac(vague[2:4]),
            _frac(fig.get("objective_excuse")) + _stray(fig.get("objective_excuse")),
            _frac(fig.get("hope_as_criticism")) + _stray(fig.get("hope_as_criticism")),
            _frac(fig.get("sections")),
            f"{_frac(un[:2])}, {un[2] if len(un) > 2 else 0}"]


HEADER = ["corpus", "vague found", "concrete flagged", "objective excuses", "hope-as-criticism",
          "sections", "unanswered, false alarms"]


def print_table(rows: list[list[str]]) -> None:
    print("| " + " | ".join(HEADER) + " |")
    print("|" + "---|" * len(HEADER))
    for r in rows:
        print("| " + " | ".join(r) + " |")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpora", nargs="*", type=Path)
    ap.add_argument("--lines", action="store_true", help="print the scorer's lines for each corpus")
    ap.add_argument("--loco", action="store_true", help="leave-one-corpus-out table (bench/loco.py)")
    ap.add_argument("--pos", action="store_true", help="with --loco: jieba part-of-speech signals too")
    args = ap.parse_args(argv)
    corpora = args.corpora or known_corpora()
    rows = []
    for c in corpora:
        text, fig = run_corpus(c)
        name = c.name if c.name != "dev" else "dev (shared)"
        if args.lines:
            print(f"## {name}\n{text}\n")
        rows.append(summary_row(name, fig))
    print_table(rows)
    if args.loco:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from loco import loco_table

        print()
        print(loco_table(known_corpora() + [c for c in args.corpora if c not in known_corpora()], args.pos))


if __name__ == "__main__":
    main()
