#!/usr/bin/env python3
"""核对 holdout2：标注都是金标准文本的精确子串、条目前20字唯一、输入解码后与金标准一致、名单齐全。
仅用标准库。用法：python3 corpora/holdout2/tools/check.py"""
import csv, json, sys, zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
bad = []

def err(msg):
    bad.append(msg)

def decode(path):
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as z:
            body = ET.fromstring(z.read("word/document.xml")).find(W + "body")
        paras = ["".join(t.text or "" for t in p.iter(W + "t")) for p in body.iter(W + "p")]
        return "\n".join(paras)
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        s = raw[3:].decode("utf-8")
    else:
        try:
            s = raw.decode("utf-8")
        except UnicodeDecodeError:
            s = raw.decode("gb18030")
    return s.replace("\r\n", "\n")

hist = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "history").glob("*.txt")}
tpl = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "templates").glob("*.txt")}
team = (ROOT / "team" / "TEAM.txt").read_text(encoding="utf-8")
texts = {}
for g in sorted((ROOT / "gold").glob("*.gold.json")):
    doc = g.name[:-len(".gold.json")]
    if doc == "reuse":
        continue
    text = (ROOT / "gold" / f"{doc}.txt").read_bytes().decode("utf-8")
    texts[doc] = text
    if "\r" in text or "\n\n" in text or text.endswith("\n"):
        err(f"{doc}: gold text has CR, blank line or trailing newline")
    n = len(text)
    if not 1800 <= n <= 3500:
        err(f"{doc}: length {n}")
    gold = json.loads(g.read_text(encoding="utf-8"))
    for sec, head in gold["sections"].items():
        if head and head not in text:
            err(f"{doc}: section {sec} heading not in text: {head}")
    ids = set()
    for key in ("problems", "measures"):
        for it in gold[key]:
            ids.add(it["id"])
            if len(it["text"]) != 20 or text.count(it["text"]) != 1:
                err(f"{doc}: {key} {it['id']} prefix not unique/20 chars: {it['text']}")
            if text.index(it["text"]) > 0 and text[text.index(it["text"]) - 1] not in "\n":
                pass  # 行内条目（一是……）允许
    pids = {p["id"] for p in gold["problems"]}
    for m in gold["measures"]:
        if not set(m["answers"]) <= pids:
            err(f"{doc}: measure {m['id']} answers unknown ids")
    if set(gold["unanswered_problems"]) != pids - {a for m in gold["measures"] for a in m["answers"]}:
        err(f"{doc}: unanswered_problems inconsistent")
    for key in ("vague", "concrete", "hope_as_criticism", "objective_excuses", "claims"):
        for s in gold[key]:
            c = text.count(s)
            if c == 0:
                err(f"{doc}: {key} not found: {s}")
            elif c > 1:
                err(f"{doc}: {key} occurs {c} times (first is scored): {s}")
    overlap = set(gold["vague"]) & set(gold["concrete"])
    if overlap:
        err(f"{doc}: both vague and concrete: {overlap}")
    for r in gold["recycled"]:
        if r["now"] not in text:
            err(f"{doc}: recycled now not found: {r['now'][:30]}")
        src = gold.get("recycled_from") or doc + "P"
        if r["before"] not in hist.get(src, ""):
            err(f"{doc}: recycled before not in history {src}: {r['before'][:30]}")
    for c in gold["copied"]:
        if c["here"] not in text:
            err(f"{doc}: copied here not found: {c['here'][:30]}")
        if c["there"] not in tpl.get(c["source"], ""):
            err(f"{doc}: copied there not in template {c['source']}: {c['there'][:30]}")
    for s in gold["claims"]:
        if s not in team:
            err(f"{doc}: claim not in TEAM: {s}")
for r in json.loads((ROOT / "gold" / "reuse.gold.json").read_text(encoding="utf-8")):
    if r["here"] not in texts.get(r["doc"], ""):
        err(f"reuse: here not in {r['doc']}")
    src_text = team if r["source"] == "TEAM" else texts.get(r["source"], tpl.get(r["source"], ""))
    if r.get("there") and r["there"] not in src_text:
        err(f"reuse: there not in {r['source']}")
# inputs decode to gold
inputs = {p.stem: p for p in (ROOT / "inputs").iterdir()}
if set(inputs) != set(texts):
    err(f"inputs {sorted(inputs)} != gold {sorted(texts)}")
for doc, p in inputs.items():
    if decode(p) != texts.get(doc):
        err(f"{p.name}: decoded text differs from gold")
# manifest
rows = list(csv.DictReader(open(ROOT / "manifest.csv", encoding="utf-8")))
listed = {r["file"] for r in rows}
want = {p.name for p in (ROOT / "inputs").iterdir()} | {p.name for p in (ROOT / "history").iterdir()} | \
       {p.name for p in (ROOT / "templates").iterdir()} | {"TEAM.txt"}
if listed != want:
    err(f"manifest files {sorted(listed ^ want)} mismatch")
print("\n".join(bad) if bad else f"OK: {len(texts)} drafts, all labels exact, inputs decode to gold, manifest complete")
sys.exit(1 if bad else 0)
