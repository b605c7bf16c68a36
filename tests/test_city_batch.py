"""A city's drafts as a department sends them: renamed copies, zips, team folders, rosters, empty folders.

Each test runs the real command line (``python -m analyzer.cli``) on files written here.
"""
from __future__ import annotations

import json
import shutil

from tests.conftest import SAMPLES
from tests.test_cli import run

DRAFTS = SAMPLES / "drafts"


def _batch_json(folder, out, *extra):
    res = run("batch", folder, "--no-store", "--format", "json", "-o", out, *extra)
    assert "Traceback" not in res.stderr and "程序内部出错" not in res.stderr, res.stderr
    return res, json.loads(out.read_text(encoding="utf-8"))


def test_a_renamed_copy_of_a_members_docx_is_reported_not_a_crash(tmp_path):
    folder = tmp_path / "材料"
    shutil.copytree(DRAFTS, folder)
    # the classic ghost-writing case: one member's file handed in again under another name
    shutil.copy(folder / "刘建平.docx", folder / "王小明.docx")
    res, report = _batch_json(folder, tmp_path / "r.json")
    assert res.returncode in (0, 1)
    ids = {d["id"] for d in report["documents"]}
    assert {"刘建平", "王小明"} <= ids
    assert any({"刘建平", "王小明"} <= set(g["docs"]) for g in report["same_hand"])
    copied = [r for r in report["reuse"] if r["doc"] == "王小明" and r["source"] == "刘建平"]
    assert copied and sum(r["end"] - r["start"] for r in copied) > 500


# --- zips -----------------------------------------------------------------------------------------
import io  # noqa: E402
import zipfile  # noqa: E402
from pathlib import Path  # noqa: E402

from tests.conftest import ROOT  # noqa: E402

HOLDOUT = ROOT / "corpora" / "holdout" / "inputs"


def windows_zip(target: Path, files: dict[str, bytes]) -> Path:
    """A zip as Windows' 发送到→压缩文件夹 writes it on a Chinese system: names in GBK, no UTF-8 flag.

    zipfile always flags non-ASCII names as UTF-8, so the archive is written with ASCII names of the
    same byte length, which are then replaced by the GBK bytes (names are not covered by any CRC).
    """
    buf = io.BytesIO()
    real: dict[bytes, bytes] = {}
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, (name, data) in enumerate(files.items()):
            gbk = name.encode("gbk")
            placeholder = f"n{i:04d}".encode().ljust(len(gbk), b"_")
            real[placeholder] = gbk
            zf.writestr(placeholder.decode(), data)
    raw = buf.getvalue()
    for placeholder, gbk in real.items():
        assert raw.count(placeholder) == 2  # local header and central directory
        raw = raw.replace(placeholder, gbk)
    target.write_bytes(raw)
    return target


def test_a_windows_zip_with_gbk_names_and_team_folders_is_a_batch(tmp_path):
    files = {f"清河县委常委班子/{p.name}": p.read_bytes() for p in sorted(DRAFTS.iterdir())[:4]}
    files.update({f"青山县委常委班子/{p.name}": p.read_bytes() for p in sorted(DRAFTS.iterdir())[4:]})
    archive = windows_zip(tmp_path / "全市材料.zip", files)
    with zipfile.ZipFile(archive) as zf:  # really GBK without the flag: zipfile itself shows mojibake
        assert all(not i.flag_bits & 0x800 for i in zf.infolist())
        assert "清河县委常委班子" not in zf.namelist()[0]
    before = archive.read_bytes()
    res, report = _batch_json(archive, tmp_path / "r.json")
    assert res.returncode in (0, 1)
    assert archive.read_bytes() == before
    docs = {d["id"]: d for d in report["documents"]}
    assert set(docs) == {p.stem for p in DRAFTS.iterdir()}
    for name in files:
        team, file = name.split("/")
        doc = docs[Path(file).stem]
        assert doc["team"] == team
        assert doc["path"] == f"{archive}/{name}"  # the zip and the entry, not a scratch copy
    assert {t["team"] for t in report["teams"]} == {"清河县委常委班子", "青山县委常委班子"}


def test_a_zip_inside_the_batch_folder_is_read_and_a_hostile_one_only_reported(tmp_path):
    folder = tmp_path / "材料"
    folder.mkdir()
    shutil.copy(DRAFTS / "赵国庆.txt", folder / "赵国庆.txt")
    windows_zip(folder / "青山县.zip", {"刘建平.docx": (DRAFTS / "刘建平.docx").read_bytes(),
                                         "说明/孙丽萍.txt": (DRAFTS / "孙丽萍.txt").read_bytes()})
    with zipfile.ZipFile(folder / "坏的.zip", "w") as zf:
        zf.writestr("../../逃逸.txt", "越界")
        zf.writestr("炸弹.txt", b"0" * (3 * 1024 * 1024), compress_type=zipfile.ZIP_DEFLATED)
    (folder / "残缺.zip").write_bytes(b"PK\x03\x04" + bytes(40))
    res, report = _batch_json(folder, tmp_path / "r.json")
    docs = {d["id"]: d for d in report["documents"]}
    assert set(docs) == {"赵国庆", "刘建平", "孙丽萍"}
    assert docs["刘建平"]["team"] == "青山县" and docs["赵国庆"]["team"] is None
    errors = {e["path"]: e["message"] for e in report["errors"]}
    assert any("逃逸" in p and "包外" in m for p, m in errors.items())
    assert any("炸弹" in p and "压缩炸弹" in m for p, m in errors.items())
    assert any(p.endswith("残缺.zip") and "损坏" in m for p, m in errors.items())
    assert not (tmp_path / "逃逸.txt").exists()


# --- teams ----------------------------------------------------------------------------------------

def test_a_folder_of_team_subfolders_gets_a_theme_per_team_and_copying_across_teams(tmp_path):
    city = tmp_path / "全市"
    a, b = city / "枫岭县委常委班子", city / "青川区委常委班子"
    a.mkdir(parents=True)
    b.mkdir()
    # each county names its files by role: the same file names in both teams
    for n, p in enumerate(sorted(DRAFTS.glob("*.txt")) + sorted(DRAFTS.glob("*.docx"))[:2], 1):
        shutil.copy(p, a / f"成员{n}{p.suffix}")
    for n, p in enumerate(sorted(HOLDOUT.glob("H0[1-7].txt")), 1):
        shutil.copy(p, b / f"成员{n}{p.suffix}")
    # a member of the second team copied a paragraph of a draft of the first team
    borrowed = max((DRAFTS / "韩志刚.txt").read_text(encoding="utf-8").split("\n"), key=len)
    target = b / "成员6.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\n" + borrowed + "\n", encoding="utf-8")
    res, report = _batch_json(city, tmp_path / "r.json")
    docs = report["documents"]
    assert len(docs) == 11 and len({d["id"] for d in docs}) == 11
    assert {d["team"] for d in docs} == {a.name, b.name}
    rules = {t["team"]: t["rules"] for t in report["teams"]}
    assert rules[a.name].startswith("2020") and rules[b.name].startswith("2023")
    by_path = {Path(d["path"]).relative_to(city).as_posix(): d for d in docs}
    # a clashing stem names its folder too; a stem only one team has stays short
    assert by_path[f"{a.name}/成员1.txt"]["id"] == f"{a.name}/成员1"
    assert by_path[f"{b.name}/成员6.txt"]["id"] == "成员6"
    copied = [r for r in report["reuse"] if r["doc"] == "成员6" and r["source_kind"] == "member"]
    assert copied and {r["source_team"] for r in copied} == {a.name}
    assert by_path[f"{b.name}/成员6.txt"]["figures"]["ratio_by_kind"]["member"] > 0.05


# --- roster and empty folders ---------------------------------------------------------------------

def test_a_roster_member_without_a_file_is_listed_as_missing(tmp_path):
    folder = tmp_path / "材料"
    shutil.copytree(DRAFTS, folder)
    (folder / "韩志刚.txt").unlink()
    manifest = tmp_path / "名单.csv"
    manifest.write_text((SAMPLES / "manifest.csv").read_text(encoding="utf-8")
                        + "冯晓东.docx,冯晓东,县委副书记,中共枫岭县委常委班子,2020\n", encoding="utf-8")
    res, report = _batch_json(folder, tmp_path / "r.json", "--manifest", manifest)
    missing = {m["member"]: m for m in report["missing"]}
    # the removed draft and the member who never handed one in; not the history row, not the team's material
    assert set(missing) == {"韩志刚", "冯晓东"}
    assert missing["冯晓东"]["file"] == "冯晓东.docx" and missing["冯晓东"]["team"] == "中共枫岭县委常委班子"
    text = run("batch", folder, "--no-store", "--manifest", manifest)
    assert "未提交" in text.stdout and "冯晓东" in text.stdout


def test_an_empty_folder_gives_one_chinese_line_and_still_writes_the_report(tmp_path):
    empty = tmp_path / "空目录"
    empty.mkdir()
    (empty / "说明.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    out = tmp_path / "报告.json"
    res = run("batch", empty, "--no-store", "--format", "json", "-o", out)
    assert res.returncode == 2
    lines = [x for x in res.stderr.splitlines() if x.startswith("错误")]
    assert len(lines) == 1 and "没有找到可审核的材料" in lines[0] and "空目录" in lines[0]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["documents"] == [] and len(report["errors"]) == 1
    xlsx = tmp_path / "报告.xlsx"
    assert run("batch", empty, "--no-store", "--format", "xlsx", "-o", xlsx).returncode == 2
    assert xlsx.stat().st_size > 0


def test_gather_reads_utf8_names_nested_zips_and_drops_a_wrapper_folder(tmp_path):
    from analyzer.load.zipinput import gather

    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("韩志刚.txt", (DRAFTS / "韩志刚.txt").read_bytes())
    outer = tmp_path / "材料.zip"
    with zipfile.ZipFile(outer, "w") as zf:  # UTF-8 names (flagged), one wrapper folder around everything
        zf.writestr("材料/清河县/孙丽萍.txt", (DRAFTS / "孙丽萍.txt").read_bytes())
        zf.writestr("材料/青山县.zip", inner.getvalue())
        zf.writestr("材料/__MACOSX/._孙丽萍.txt", b"\x00\x05")
        zf.writestr("材料/说明.xlsx", b"PK")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    entries, failures = gather(outer, scratch)
    assert failures == []
    assert [(e.parts, e.shown) for e in entries] == [
        (("清河县", "孙丽萍.txt"), f"{outer}/材料/清河县/孙丽萍.txt"),
        (("青山县.zip", "韩志刚.txt"), f"{outer}/材料/青山县.zip/韩志刚.txt"),
    ]
    assert all(e.file.is_file() and scratch in e.file.parents for e in entries)


# --- check is a batch of one ------------------------------------------------------------------
TEMPLATE = ROOT / "corpora" / "templates" / "TPL-2020-专题个人.txt"


def _copying_draft(tmp_path) -> Path:
    """孙丽萍's draft with the shipped template's paragraph on 工作作风 copied in after her fourth item."""
    template = TEMPLATE.read_text(encoding="utf-8").splitlines()
    copied = next(line for line in template if line.startswith("（四）在工作作风方面"))
    lines = (DRAFTS / "孙丽萍.txt").read_text(encoding="utf-8-sig").splitlines()
    at = next(k for k, line in enumerate(lines) if line.startswith("（四）")) + 1
    lines.insert(at, copied.replace("（四）", "（五）", 1))
    folder = tmp_path / "一份材料"
    folder.mkdir()
    draft = folder / "孙丽萍.txt"
    draft.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return draft


def test_check_reports_a_copied_template_passage_as_batch_does(tmp_path):
    draft = _copying_draft(tmp_path)
    res = run("check", draft, "--format", "json", "-o", tmp_path / "check.json")
    assert "Traceback" not in res.stderr and "程序内部出错" not in res.stderr, res.stderr
    checked = json.loads((tmp_path / "check.json").read_text(encoding="utf-8"))
    _res, batched = _batch_json(draft.parent, tmp_path / "batch.json")

    def passages(report):
        return sorted((r["start"], r["end"], r["source"], r["source_kind"]) for r in report["reuse"])

    found = passages(checked)
    text = draft.read_text(encoding="utf-8")
    template_part = [p for p in found if p[3] == "template" and "TPL-2020" in p[2]]
    assert template_part, found
    copied = text[template_part[0][0]:template_part[0][1]]
    assert "蜻蜓点水" in copied and len(copied) >= 60
    assert found == passages(batched)
    [doc_c], [doc_b] = checked["documents"], batched["documents"]
    assert doc_c["figures"] == doc_b["figures"] and doc_c["figures"]
    assert any(f["rule"] == "REU001" for f in doc_c["findings"])
