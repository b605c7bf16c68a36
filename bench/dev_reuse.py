"""Score copy detection alone on ../shared/corpus/dev (writes a minimal report, runs score.py)."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

from analyzer.model import Document
from analyzer.reuse import detect_reuse

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


def _doc(path: Path, kind: str, man: dict) -> Document:
    row = man.get(path.stem, {})
    return Document(id=path.stem, path=str(path), text=path.read_text(encoding="utf-8").replace("\r\n", "\n"),
                    format="txt", kind=kind, member=row.get("member"),
                    year=int(row["year"]) if row.get("year") else None)


def main(boilerplate: list[str]) -> int:
    man = {Path(r["file"]).stem: r for r in csv.DictReader((DEV / "manifest.csv").open(encoding="utf-8"))}
    members = [_doc(p, "member", man) for p in sorted((DEV / "gold").glob("D0*.txt"))]
    t = time.time()
    res = detect_reuse(members, templates=[_doc(DEV / "templates" / "TPL.txt", "template", man)],
                       history=[_doc(DEV / "history" / "D06P.txt", "history", man)],
                       team=[_doc(DEV / "team" / "TEAM.txt", "team", man)], boilerplate=boilerplate)
    dt = time.time() - t
    out = Path("/tmp/dev_reuse.json")
    out.write_text(json.dumps({"documents": [{"id": d.id} for d in members],
                               "reuse": [asdict(r) for r in res.reuse]}, ensure_ascii=False, indent=1))
    for r in res.reuse:
        print(f"{r.doc}[{r.start}:{r.end}] <- {r.source}({r.source_kind}) {r.similarity:.2f} {r.method} "
              f"{r.excerpt[:40]!r}")
    print(f"time {dt:.2f}s, stats {res.stats}")
    return subprocess.call([sys.executable, str(DEV.parents[1] / "eval" / "score.py"), str(DEV / "gold"), str(out)])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
