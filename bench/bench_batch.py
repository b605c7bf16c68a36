"""City-scale benchmark of the whole ``draftcheck batch`` command, end to end.

Generates N synthetic self-examination drafts (~3,000 characters each, the phrase banks and
draft generator of ``bench_reuse.py``: leaders, portfolios, a county's towns and projects,
numbers and dates, varied problem / cause / measure clauses) in team subfolders (one county's
常委班子 per folder, ``--team-size`` drafts each), and plants

* copies of ≥ 30 characters between drafts, inside a team and across teams, verbatim or in a
  disguise the normalisation undoes (zero-width characters, full/half width, traditional
  characters, changed punctuation), each as its own paragraph of the target draft;
* one same-hand group per team: three drafts typed by one writer, who keeps his habits through
  every draft (a refrain closing each problem, the same opener for each cause, an enumeration
  family, a heading-list pattern, a punctuation habit). Every other draft has a few habits of its
  own drawn from the same pools, so a habit alone does not give a group away.

Then runs the installed ``draftcheck batch`` as a subprocess, with ``-o report.json -o
report.xlsx`` (both reports in one run), ``--no-store`` and ``DRAFTCHECK_TIMINGS=1`` (stage times
on stderr), and prints per size: wall time, CPU time (the command and its worker processes),
peak memory (proportional set size of the command and its workers together, polled: pages
the forked workers share with the command count once), the stage times,
planted copies found / planted (a reuse passage of the target naming the source and covering at
least half the planted text) and same-hand groups (planted groups found: a reported group holding
at least two of the three; other groups reported).

    python3 bench/bench_batch.py --sizes 1000,5000,10000,20000
    python3 bench/bench_batch.py --sizes 1000 --keep          # keep the generated folder and reports
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_reuse as gen  # noqa: E402  (phrase banks and the draft generator)

# --- a writer's habits ----------------------------------------------------------------------------
# Habits are built from parts, so that one writer's combination is rare in a city's batch too.
REFRAIN_PARTS = (["对此", "这个问题", "这件事", "回想起来", "每每想起", "说起来", "细细想来"], ["我", "本人", "自己"],
                 ["深感", "十分", "确实", "一直", "很是"], ["自责", "愧疚", "不安", "惭愧", "痛心", "汗颜", "内疚"])
OPENER_PARTS = (["说到底", "归根结底", "扪心自问", "深究起来", "反思起来", "细想起来", "追根溯源", "静下心来想",
                 "往深处看", "从根子上讲"], ["还是", "根子在于", "主要是", "问题出在", "关键在于"])
ENUMS = [("一是", "二是", "三是"), ("其一，", "其二，", "其三，"), ("首先，", "其次，", "再次，"), ("第一，", "第二，", "第三，")]
HEAD_PATTERNS = ["在“{c}”字上下功夫", "以“{c}”为先", "坚持“{c}”字当头", "突出一个“{c}”字", "把“{c}”字落到实处"]
HEAD_CHARS = list("学严实干廉责勤俭")
PUNCT = ["half_colon", "half_comma", "exclaim", "none"]
DISGUISES = ["verbatim", "verbatim", "zero_width", "width", "traditional", "punctuation"]


@dataclass
class Hand:
    refrain: str | None = None
    opener: str | None = None
    enum: tuple[str, str, str] | None = None
    heads: str | None = None
    punct: str = "none"

    @classmethod
    def ghost(cls, r: random.Random) -> "Hand":
        """A writer with every habit: he types the group's drafts."""
        return cls(_refrain(r), _opener(r), r.choice(ENUMS), r.choice(HEAD_PATTERNS), r.choice(PUNCT[:3]))

    @classmethod
    def honest(cls, r: random.Random) -> "Hand":
        """A member writing his own draft: now and then a habit of his own."""
        return cls(_refrain(r) if r.random() < 0.25 else None,
                   _opener(r) if r.random() < 0.25 else None,
                   r.choice(ENUMS) if r.random() < 0.3 else None,
                   r.choice(HEAD_PATTERNS) if r.random() < 0.2 else None,
                   r.choice(PUNCT) if r.random() < 0.3 else "none")


def _refrain(r: random.Random) -> str:
    return "".join(r.choice(part) for part in REFRAIN_PARTS)


def _opener(r: random.Random) -> str:
    lead, turn = (r.choice(part) for part in OPENER_PARTS)
    return f"{lead}，{turn}"


def _enumerate(body: str, labels: tuple[str, str, str]) -> str:
    sents = [s for s in body.split("。") if s]
    return "".join((labels[i] if i < 3 else "") + s + "。" for i, s in enumerate(sents))


def apply_hand(paras: list[str], hand: Hand, r: random.Random) -> list[str]:
    """The draft as ``hand`` types it."""
    out = []
    part = ""
    heads = r.sample(HEAD_CHARS, 4) if hand.heads else []
    k = 0
    for p in paras:
        if p.startswith(("一、", "二、", "三、")):
            part = p[0]
            out.append(p)
            continue
        m = re.match(r"（([一二三四五六七八九十])）([^。]+)。(.*)", p)
        if not m:
            out.append(p)
            continue
        num, head, body = m.groups()
        if part == "一" and hand.refrain:
            body = body + hand.refrain + "。"
        if part == "二" and hand.opener:
            body = hand.opener + body
        if part == "三":
            if hand.enum:
                body = _enumerate(body, hand.enum)
            if hand.heads:
                head = hand.heads.format(c=heads[k % 4])
                k += 1
        sep = "。"
        if hand.punct == "half_colon":
            sep = ":"
        text = f"（{num}）{head}{sep}{body}"
        if hand.punct == "half_comma":
            text = re.sub(r"(?<=[\u4e00-\u9fff])，(?=[\u4e00-\u9fff])", ",", text, count=3)
        elif hand.punct == "exclaim" and part == "三":
            text = text[:-1] + "！" if text.endswith("。") else text
        out.append(text)
    return out


# --- the city -------------------------------------------------------------------------------------
@dataclass
class Plant:
    doc: str
    source: str
    text: str
    start: int = -1
    end: int = -1


@dataclass
class City:
    files: dict[str, list[str]] = field(default_factory=dict)   # doc id -> paragraphs
    team: dict[str, str] = field(default_factory=dict)          # doc id -> team folder
    plants: list[Plant] = field(default_factory=list)
    groups: list[list[str]] = field(default_factory=list)


def build(n: int, team_size: int, seed: int, copy_share: float = 0.15) -> City:
    r = random.Random(seed)
    city = City()
    teams: list[list[str]] = []
    used: set[str] = set()
    year = 2020
    for t in range((n + team_size - 1) // team_size):
        gen.new_county(r)
        name = r.choice(gen.SYL1) + r.choice(gen.SYL2) + "县委常委班子"
        name = name if name not in used else f"{name}{t}"
        used.add(name)
        size = min(team_size, n - t * team_size)
        ids = [f"{r.choice(gen.SURNAMES)}{r.choice(gen.GIVEN)}{r.choice(gen.GIVEN)}{t * team_size + i:05d}"
               for i in range(size)]
        ghost = Hand.ghost(r)
        group = ids[:3] if size >= 6 else []
        for i in ids:
            hand = ghost if i in group else Hand.honest(r)
            city.files[i] = apply_hand(gen.make_draft(r, year), hand, r)
            city.team[i] = name
        if group:
            city.groups.append(group)
        teams.append(ids)
    ids = list(city.files)
    for target in r.sample(ids, int(n * copy_share)):
        mates = [i for i in teams[ids.index(target) // team_size] if i != target]
        source = r.choice(mates) if mates and r.random() < 0.5 else r.choice(ids)
        if source == target:
            continue
        passage = gen.pick_passage(city.files[source], r)
        if len(passage) < 30:  # (a paragraph's last sentence can be short)
            continue
        text = gen.disguise(passage, r.choice(DISGUISES), r)
        paras = city.files[target]
        body = [k for k, p in enumerate(paras) if p.startswith("（") and not p.startswith("（补充）")]
        paras.insert(r.choice(body) + 1, "（补充）" + text)
        city.plants.append(Plant(target, source, text))
    return city


def write(city: City, root: Path) -> None:
    for doc, paras in city.files.items():
        folder = root / city.team[doc]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{doc}.txt").write_text("\n".join(paras) + "\n", encoding="utf-8")
    for p in city.plants:
        text = "\n".join(city.files[p.doc])
        p.start = text.index("（补充）" + p.text) + len("（补充）")
        p.end = p.start + len(p.text)


# --- running and scoring --------------------------------------------------------------------------
def _tree_rss(proc) -> int:
    try:
        import psutil
    except ImportError:
        return 0
    try:
        p = psutil.Process(proc.pid)
        procs = [p, *p.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for q in procs:  # proportional set size: pages the forked workers share with the parent count once
        try:
            info = q.memory_full_info()
            total += getattr(info, "pss", info.rss)
        except psutil.Error:
            pass
    return total


def run_cli(root: Path, out: Path) -> dict:
    exe = shutil.which("draftcheck") or str(Path(sys.executable).with_name("draftcheck"))
    cmd = [exe, "batch", str(root), "--no-store", "-q", "-o", str(out / "report.json"),
           "-o", str(out / "report.xlsx")]
    env = {**os.environ, "DRAFTCHECK_TIMINGS": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with open(out / "stderr.txt", "w") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _tree_rss(proc))
            time.sleep(0.5)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = max(peak, after.ru_maxrss * 1024)   # the largest single process, if psutil is missing
    stderr = (out / "stderr.txt").read_text(encoding="utf-8")
    stages = {m.group(1): float(m.group(2)) for m in re.finditer(r"阶段用时：(\S+) 墙钟 ([\d.]+) 秒", stderr)}
    return {"rc": proc.returncode, "wall": wall, "cpu": cpu, "peak": peak, "stages": stages, "stderr": stderr}


def score(city: City, report: dict) -> dict:
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for x in report["reuse"]:
        spans.setdefault((x["doc"], x["source"]), []).append((x["start"], x["end"]))
    found = 0
    missed = []
    for p in city.plants:
        covered = sum(max(0, min(e, p.end) - max(s, p.start)) for s, e in spans.get((p.doc, p.source), ()))
        if covered * 2 >= p.end - p.start:
            found += 1
        else:
            missed.append(p)
    groups = [set(g["docs"]) for g in report.get("same_hand", [])]
    planted = sum(1 for g in city.groups if any(len(set(g) & rep) >= 2 for rep in groups))
    planted_ids = {d for g in city.groups for d in g}
    false = sum(1 for rep in groups if not rep & planted_ids)
    return {"found": found, "plants": len(city.plants), "missed": missed, "groups": planted,
            "planted_groups": len(city.groups), "false_groups": false}


STAGES = ["读取材料", "结构与规则", "雷同比对", "疑似代写", "年度对比", "结论", "写出报告"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,5000,10000,20000")
    ap.add_argument("--team-size", type=int, default=20)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--keep", action="store_true", help="keep the generated drafts and the reports")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    head = ["N", "chars/draft", "exit", "wall s", "CPU s", "peak MiB", *STAGES, "copies found", "same-hand groups",
            "other groups"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head), flush=True)
    rows = []
    for n in sizes:  # each row printed as soon as its size is done
        work = Path(tempfile.mkdtemp(prefix=f"bench-batch-{n}-"))
        city = build(n, args.team_size, args.seed)
        write(city, work / "全市材料")
        chars = sum(len("\n".join(p)) for p in city.files.values()) / max(1, len(city.files))
        res = run_cli(work / "全市材料", work)
        sc = None
        if (work / "report.json").exists():
            sc = score(city, json.loads((work / "report.json").read_text(encoding="utf-8")))
            for p in sc["missed"][:5]:
                print(f"  missed: {p.doc} <- {p.source} [{p.start},{p.end}) {p.text[:40]}", file=sys.stderr)
        else:
            print(f"N={n}: no report (exit {res['rc']})\n{res['stderr'][-3000:]}", file=sys.stderr)
        rows.append((n, res))
        cells = [str(n), f"{chars:.0f}", str(res["rc"]), f"{res['wall']:.1f}", f"{res['cpu']:.1f}",
                 f"{res['peak'] / 2**20:.0f}", *(f"{res['stages'].get(s, float('nan')):.1f}" for s in STAGES)]
        if sc:
            cells += [f"{sc['found']}/{sc['plants']}", f"{sc['groups']}/{sc['planted_groups']}", str(sc["false_groups"])]
        else:
            cells += ["-", "-", "-"]
        print("| " + " | ".join(cells) + " |", flush=True)
        if args.keep:
            print(f"N={n}: kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    walls = {n: res["wall"] for n, res in rows}
    if 10000 in walls and 20000 in walls:
        print(f"time(20k)/time(10k) = {walls[20000] / walls[10000]:.2f}")


if __name__ == "__main__":
    main()
