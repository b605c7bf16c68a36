#!/usr/bin/env python3
"""检查 holdout4 语料的标注是否自洽。

用法：/work/main/.venv/bin/python tools/check.py   （.docx 的检查需要 python-docx）
检查项：
  * gold/*.txt 为 UTF-8、LF，长度 1400–3000 字符；
  * 各类标注（vague、concrete、hope_as_criticism、objective_excuses、copied.here、recycled.now、claims.here）
    是正文的精确子串，且在正文中只出现一次（评分脚本只取第一次出现）；vague 与 concrete 不重叠；
  * problems/measures 的 text 为20个字符、在正文中唯一、位于行首或“。；：”之后（条目开头）；
  * answers 指向存在的问题，unanswered_problems 等于没有措施回答的问题；
  * sections 中非空的标题是正文中完整的一行；
  * copied.there 在来源文件中（templates/、team/ 或另一份 gold），recycled.before 在 history/ 中；
  * inputs/ 下每个文件解码（BOM 判断 UTF-16/UTF-8，否则 UTF-8，再否则 GB18030；.docx 取段落）后等于 gold 文本；
  * manifest.csv 列出 inputs、templates、team、history 下的每个文件；ghostwriter 的每个取值至少两份。
"""
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
errors = []


def err(msg):
    errors.append(msg)


def decode_input(path):
    if path.suffix == ".docx":
        import docx
        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    raw = path.read_bytes()
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        s = raw.decode("utf-16")
    elif raw[:3] == b"\xef\xbb\xbf":
        s = raw[3:].decode("utf-8")
    else:
        try:
            s = raw.decode("utf-8")
        except UnicodeDecodeError:
            s = raw.decode("gb18030")
    return s.replace("\r\n", "\n")


def source_text(name):
    for p in (ROOT / "templates" / f"{name}.txt", ROOT / "team" / f"{name}.txt",
              ROOT / "history" / f"{name}.txt", ROOT / "gold" / f"{name}.txt"):
        if p.exists():
            return p.read_text(encoding="utf-8")
    return None


def main():
    gold = ROOT / "gold"
    docs = {}
    for g in sorted(gold.glob("*.gold.json")):
        if g.name == "reuse.gold.json":
            continue
        doc = g.name[: -len(".gold.json")]
        raw = (gold / f"{doc}.txt").read_bytes()
        if b"\r" in raw:
            err(f"{doc}: gold text contains CR")
        text = raw.decode("utf-8")
        lab = json.loads(g.read_text(encoding="utf-8"))
        docs[doc] = (text, lab)
        if not 1400 <= len(text) <= 3000:
            err(f"{doc}: length {len(text)} outside 1400–3000")
        lines = set(text.split("\n"))

        for role, head in (lab.get("sections") or {}).items():
            if head and head not in lines:
                err(f"{doc}: section {role} heading is not a full line: {head}")

        spans = {}
        for key in ("vague", "concrete", "hope_as_criticism", "objective_excuses"):
            for s in lab.get(key) or []:
                n = text.count(s)
                if n != 1:
                    err(f"{doc}: {key} label occurs {n} times: {s[:30]}")
                else:
                    i = text.find(s)
                    spans.setdefault(key, []).append((i, i + len(s)))
        for a in spans.get("vague", []):
            for b in spans.get("concrete", []):
                if a[0] < b[1] and b[0] < a[1]:
                    err(f"{doc}: vague and concrete labels overlap at {a} / {b}")
        for key, field in (("copied", "here"), ("recycled", "now"), ("claims", "here")):
            for r in lab.get(key) or []:
                n = text.count(r[field])
                if n != 1:
                    err(f"{doc}: {key}.{field} occurs {n} times: {r[field][:30]}")
        for c in lab.get("copied") or []:
            src = source_text(c["source"])
            if src is None:
                err(f"{doc}: copied source {c['source']} not found")
            elif c.get("there") and c["there"] not in src:
                err(f"{doc}: copied.there not in {c['source']}: {c['there'][:30]}")
        for r in lab.get("recycled") or []:
            src = source_text(lab.get("recycled_from") or doc + "P")
            if src is None or r["before"] not in src:
                err(f"{doc}: recycled.before not in history: {r['before'][:30]}")

        ids = set()
        for key in ("problems", "measures"):
            for it in lab.get(key) or []:
                t = it["text"]
                if it["id"] in ids:
                    err(f"{doc}: duplicate id {it['id']}")
                ids.add(it["id"])
                if len(t) != 20:
                    err(f"{doc}: {key} {it['id']} prefix has {len(t)} chars")
                n = text.count(t)
                if n != 1:
                    err(f"{doc}: {key} {it['id']} prefix occurs {n} times: {t}")
                    continue
                i = text.find(t)
                if i > 0 and text[i - 1] not in "\n。；：":
                    err(f"{doc}: {key} {it['id']} does not start an item: {t}")
        pids = {p["id"] for p in lab.get("problems") or []}
        answered = set()
        for m in lab.get("measures") or []:
            for a in m.get("answers") or []:
                if a not in pids:
                    err(f"{doc}: measure {m['id']} answers unknown {a}")
                answered.add(a)
        expect = sorted(pids - answered, key=lambda s: int(s[1:]))
        if not (lab.get("sections") or {}).get("measures"):
            expect = sorted(pids, key=lambda s: int(s[1:]))
        if sorted(lab.get("unanswered_problems") or [], key=lambda s: int(s[1:])) != expect:
            err(f"{doc}: unanswered_problems {lab.get('unanswered_problems')} != {expect}")

    hands = {}
    for doc, (_, lab) in docs.items():
        if lab.get("ghostwriter"):
            hands.setdefault(lab["ghostwriter"], []).append(doc)
    for h, ms in hands.items():
        if len(ms) < 2:
            err(f"ghostwriter {h} has only {ms}")

    seen = set()
    for p in sorted((ROOT / "inputs").iterdir()):
        seen.add(p.stem)
        if p.stem not in docs:
            err(f"input {p.name} has no gold")
            continue
        got = decode_input(p)
        want = docs[p.stem][0]
        if got.rstrip("\n") != want.rstrip("\n"):
            err(f"input {p.name} does not decode to gold text")
    for d in docs:
        if d not in seen:
            err(f"gold {d} has no input")

    with open(ROOT / "manifest.csv", encoding="utf-8") as f:
        listed = {r["file"] for r in csv.DictReader(f)}
    for sub in ("inputs", "templates", "team", "history"):
        for p in (ROOT / sub).iterdir():
            if p.name not in listed:
                err(f"manifest misses {sub}/{p.name}")

    if errors:
        print("\n".join(errors))
        sys.exit(1)
    print(f"ok: {len(docs)} documents, labels consistent, inputs decode to gold text")


if __name__ == "__main__":
    main()
