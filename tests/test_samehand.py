"""Ghost-writing detection (analyzer.samehand): style and Word traces, relative to the batch."""
from __future__ import annotations

import csv
import json
import random
import re
import zipfile
from pathlib import Path

import pytest
import yaml

from analyzer.model import Document, SameHandGroup
from analyzer.samehand import find_same_hand
from analyzer.samehand.features import build_profile

HERE = Path(__file__).resolve().parent
FIX = HERE / "fixtures" / "samehand"
PROJECT = HERE.parent
DEV = PROJECT.parent / "shared" / "corpus" / "dev"
THEME_FILE = PROJECT / "rules" / "themes" / "2020-political-ecology.yaml"

needs_dev = pytest.mark.skipif(not (DEV / "gold").is_dir(), reason="dev corpus not available")


# --- helpers ------------------------------------------------------------------------------
def txt_doc(path: Path, member: str | None = None) -> Document:
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    return Document(id=path.stem, path=str(path), text=text, format="txt", member=member)


def honest_docs() -> list[Document]:
    return [txt_doc(p) for p in sorted((FIX / "honest").glob("*.txt"))]


def ghost_docs() -> list[Document]:
    return [txt_doc(p) for p in sorted((FIX / "ghost").glob("*.txt"))]


def dev_members() -> dict[str, str]:
    with open(DEV / "manifest.csv", encoding="utf-8") as fh:
        return {Path(r["file"]).stem: r["member"] for r in csv.DictReader(fh)}


def dev_gold_docs(ids=None) -> list[Document]:
    members = dev_members()
    paths = sorted((DEV / "gold").glob("D0*.txt"))
    return [txt_doc(p, members.get(p.stem)) for p in paths if ids is None or p.stem in ids]


def dev_theme() -> list[str]:
    """What the pipeline passes as boilerplate: the rule set's theme sentence and standard phrases."""
    try:
        from analyzer.rules import load_ruleset

        return list(load_ruleset("2020-political-ecology").boilerplate_phrases())
    except Exception:  # noqa: BLE001 - rules module not there: the theme sentence alone
        if THEME_FILE.exists():
            return [yaml.safe_load(THEME_FILE.read_text(encoding="utf-8"))["theme"]]
        return ["对照政治生态考核被评为“一般”等次以及意识形态方面存在的问题进行深入查摆、深刻反思"]


def gold_pairs() -> set[tuple[str, str]]:
    labels = {}
    for p in sorted((DEV / "gold").glob("D0*.gold.json")):
        g = json.loads(p.read_text(encoding="utf-8")).get("ghostwriter")
        if g:
            labels[p.name.split(".")[0]] = g
    ids = sorted(labels)
    return {(a, b) for i, a in enumerate(ids) for b in ids[i + 1:] if labels[a] == labels[b]}


def reported_pairs(groups: list[SameHandGroup]) -> set[tuple[str, str]]:
    return {(a, b) for g in groups for i, a in enumerate(g.docs) for b in g.docs[i + 1:]}


def load_docx(path: Path) -> Document:
    """The project loader when present; else python-docx + zipfile (same metadata keys)."""
    try:
        from analyzer.load import load_document
    except ImportError:  # pragma: no cover - the load helper's module is not there yet
        load_document = None
    if load_document is not None:
        return load_document(str(path))
    import docx  # pragma: no cover

    d = docx.Document(str(path))
    text = "\n".join(p.text for p in d.paragraphs)
    cp = d.core_properties
    meta = {"creator": cp.author, "last_modified_by": cp.last_modified_by,
            "created": cp.created.isoformat() if cp.created else None,
            "modified": cp.modified.isoformat() if cp.modified else None}
    with zipfile.ZipFile(path) as z:
        app = z.read("docProps/app.xml").decode("utf-8")
        settings = z.read("word/settings.xml").decode("utf-8")
    for key, tag in (("company", "Company"), ("template", "Template"), ("total_time", "TotalTime")):
        m = re.search(rf"<{tag}>([^<]*)</{tag}>", app)
        meta[key] = m.group(1) if m else None
    m = re.search(r'<w:rsidRoot w:val="([0-9A-Fa-f]+)"', settings)
    meta["rsid_root"] = m.group(1).upper() if m else None
    meta["rsids"] = sorted({v.upper() for v in re.findall(r'<w:rsid w:val="([0-9A-Fa-f]+)"', settings)})
    return Document(id=path.stem, path=str(path), text=text, format="docx", metadata=meta)


CORE_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:creator>{creator}</dc:creator><cp:lastModifiedBy>{last}</cp:lastModifiedBy>"
    "<cp:revision>{revision}</cp:revision>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">{modified}</dcterms:modified>'
    "</cp:coreProperties>"
)
APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Template>{template}</Template><TotalTime>{total}</TotalTime><Application>Microsoft Office Word</Application>"
    "<Company>{company}</Company><AppVersion>16.0000</AppVersion></Properties>"
)


def make_docx(path: Path, text: str, *, creator: str, last: str, company: str, total: int,
              root: str, rsids: list[str], created: str, modified: str, template: str = "Normal.dotm") -> Path:
    """Write ``text`` as .docx with python-docx, then set the Word traces in the zip."""
    import docx

    d = docx.Document()
    for para in text.split("\n"):
        d.add_paragraph(para)
    raw = path.with_suffix(".raw.docx")
    d.save(str(raw))
    rsid_xml = "<w:rsids>" + f'<w:rsidRoot w:val="{root}"/>' + "".join(
        f'<w:rsid w:val="{r}"/>' for r in sorted(set(rsids) | {root})) + "</w:rsids>"
    with zipfile.ZipFile(raw) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = CORE_XML.format(creator=creator, last=last, revision=3, created=created,
                                       modified=modified).encode("utf-8")
            elif item.filename == "docProps/app.xml":
                data = APP_XML.format(template=template, total=total, company=company).encode("utf-8")
            elif item.filename == "word/settings.xml":
                s = data.decode("utf-8")
                if "<w:rsids>" in s:
                    s = re.sub(r"<w:rsids>.*?</w:rsids>", rsid_xml, s, flags=re.S)
                else:
                    s = s.replace("</w:settings>", rsid_xml + "</w:settings>")
                data = s.encode("utf-8")
            zout.writestr(item, data)
    raw.unlink()
    return path


# The organisation department's template: every draft starts from it, so its root and rsids are
# shared by all files and must not count.
TEMPLATE_ROOT = "00A3F1C2"
TEMPLATE_RSIDS = [TEMPLATE_ROOT, "0011AA22", "0022BB33", "0033CC44", "0044DD55", "0055EE66", "0066FF77"]
# One writer's master file (save-as keeps its root) and editing sessions.
SECRETARY = "周文涛"
SECRETARY_ROOT = "00E7D9A1"
SECRETARY_RSIDS = ["0071B3C4", "0072C4D5", "0073D5E6", "0074E6F7", "0075F708"]
MEMBERS = {"H01": "陈志远", "H02": "刘雪梅", "H03": "王海涛", "H04": "赵国庆", "H05": "孙丽华", "H06": "吴建军"}


def trace_batch(tmp_path: Path, secretary_docs=("H02", "H04", "H05"), secretary_edits_all=False) -> list[Document]:
    docs = []
    texts = {d.id: d.text for d in honest_docs()}
    for n, (doc_id, member) in enumerate(sorted(MEMBERS.items())):
        own = [f"00{n + 1}9{k}ABC" for k in range(2)]
        if doc_id in secretary_docs:
            kw = dict(creator=member, last=SECRETARY, total=3, root=SECRETARY_ROOT,
                      rsids=TEMPLATE_RSIDS + SECRETARY_RSIDS + own[:1],
                      created=f"2021-12-20T09:{5 * n:02d}:00Z", modified=f"2021-12-20T09:{5 * n + 2:02d}:00Z")
        else:
            # Two honest members use office machines with the default account: never evidence.
            account = "Administrator" if doc_id in ("H01", "H03") else member
            kw = dict(creator=account, last=SECRETARY if secretary_edits_all else account,
                      total=60 + 20 * n, root=TEMPLATE_ROOT, rsids=TEMPLATE_RSIDS + own,
                      created=f"2021-12-{10 + n:02d}T15:00:00Z", modified=f"2021-12-{12 + n:02d}T21:30:00Z")
        # Company is the county's Office licence on every machine: common, subtracted.
        path = make_docx(tmp_path / f"{doc_id}.docx", texts[doc_id], company="枫岭县", **kw)
        docs.append(load_docx(path))
    return docs


# --- dev corpus -----------------------------------------------------------------------------
@needs_dev
def test_dev_gold_text_finds_the_labelled_pair_from_style_alone():
    docs = dev_gold_docs()
    assert all(not d.metadata for d in docs)  # plain text: no Word traces at all
    groups = find_same_hand(docs, boilerplate=dev_theme())
    assert reported_pairs(groups) == gold_pairs() == {("D07", "D08")}
    g = groups[0]
    assert g.docs == ["D07", "D08"]
    assert 0.6 <= g.score <= 1.0
    assert g.signals["trace"] == 0 and g.signals["style"] >= 0.6
    text = "\n".join(g.evidence)
    assert "疑似" in g.evidence[0]
    assert "原因剖析段落结构相同：表面上看是……往深处看是……根子上还是……" in text
    assert "共同的习惯用语" in text and "“坦率地讲”" in text and "“扪心自问”" in text
    assert "其一、其二、其三" in text
    assert "D07（罗敏）" in text or "D07" in text


@needs_dev
def test_dev_docx_pair_found_with_traces_and_template_subtracted():
    docs = [load_docx(p) for p in sorted((DEV / "inputs-docx").glob("D0*.docx"))]
    assert {d.metadata.get("rsid_root") for d in docs} >= {"0012C5E9"}
    groups = find_same_hand(docs, boilerplate=dev_theme())
    assert reported_pairs(groups) == {("D07", "D08")}
    text = "\n".join(groups[0].evidence)
    assert "最后修改人均为“张秘书”" in text
    assert "rsidRoot 相同（0012C5E9）" in text
    # Every file has the same creation time, TotalTime 0 and the python-docx template's rsids:
    # none of that is evidence.
    assert "创建时间" not in text and "编辑时间" not in text
    assert "00B47730" not in text
    pair = groups[0].signals["pairs"]["D07-D08"]
    assert "rsids" not in pair["trace_links"]
    # The pair stands on its style too: the traces are not what makes it pass.
    assert pair["style"] >= 0.6


@needs_dev
def test_dev_masked_passages_are_not_style_evidence():
    docs = dev_gold_docs()
    d08 = next(d for d in docs if d.id == "D08")
    groups = find_same_hand(docs, masks={"D08": [(0, len(d08.text))]}, boilerplate=dev_theme())
    assert groups == []


@needs_dev
def test_dev_honest_drafts_form_no_group():
    docs = dev_gold_docs({"D01", "D02", "D03", "D04", "D05", "D06", "D09"})
    assert find_same_hand(docs, boilerplate=dev_theme()) == []


# --- honest batches ---------------------------------------------------------------------------
def test_honest_fixtures_are_full_drafts_in_different_voices():
    docs = honest_docs()
    assert len(docs) >= 6
    for d in docs:
        assert 1000 <= len(d.text) <= 2600, d.id
        assert re.search(r"问题", d.text) and re.search(r"原因|根子|根源", d.text) and re.search(r"措施|改", d.text)
        assert "枫岭" in d.text or "县" in d.text
    # Each voice has its own enumeration habit.
    fams = [frozenset(k for k, c in build_profile(d).enum.items() if c >= 2) for d in docs]
    assert len(set(fams)) >= 5


def test_honest_fixtures_form_no_group():
    assert find_same_hand(honest_docs()) == []


@needs_dev
def test_honest_fixtures_mixed_with_dev_honest_drafts_form_no_group():
    docs = honest_docs() + dev_gold_docs({"D01", "D02", "D03", "D04", "D05", "D06", "D09"})
    assert find_same_hand(docs, boilerplate=dev_theme()) == []


@needs_dev
def test_random_honest_sub_batches_form_no_group():
    pool = honest_docs() + dev_gold_docs({"D01", "D02", "D03", "D04", "D05", "D06", "D09"})
    rng = random.Random(20211220)
    for _ in range(12):
        sub = rng.sample(pool, rng.randint(4, 9))
        assert find_same_hand(sub, boilerplate=dev_theme()) == [], sorted(d.id for d in sub)


# --- a style-only ghost-writer of three drafts -------------------------------------------------
def test_one_writer_for_three_members_is_grouped_from_style():
    docs = honest_docs() + ghost_docs()
    groups = find_same_hand(docs)
    assert [g.docs for g in groups] == [["G1", "G2", "G3"]]
    g = groups[0]
    text = "\n".join(g.evidence)
    assert "原因剖析段落结构相同：从表象看……从本质看……从根源看……" in text
    assert "一则、二则" in text
    assert "三份材料" in text
    assert g.signals["trace"] == 0


def test_ghost_drafts_share_no_copied_sentence():
    sents = [set(s for s in re.split(r"[。；\n]", d.text) if len(s) >= 15) for d in ghost_docs()]
    assert not (sents[0] & sents[1]) and not (sents[0] & sents[2]) and not (sents[1] & sents[2])


# --- Word traces ------------------------------------------------------------------------------
def test_docx_batch_groups_the_drafts_carrying_one_writers_traces(tmp_path):
    docs = trace_batch(tmp_path)
    assert all(TEMPLATE_ROOT in d.metadata["rsids"] for d in docs)
    groups = find_same_hand(docs)
    assert [g.docs for g in groups] == [["H02", "H04", "H05"]]
    g = groups[0]
    text = "\n".join(g.evidence)
    assert "三份材料（H02、H04、H05）最后修改人均为“周文涛”，而各自的创建者不同" in text
    assert f"rsidRoot 相同（{SECRETARY_ROOT}）" in text
    assert "共有 5 个编辑会话标识（已扣除全体共有的模板标识）" in text
    assert "累计编辑时间只有 3 分钟" in text
    # Template rsids, the county-wide Company and the default account are not evidence.
    assert TEMPLATE_ROOT not in text and "枫岭县”" not in text and "Administrator" not in text
    assert g.signals["pairs"]["H02-H04"]["trace_links"]["rsids"] == 5
    assert g.signals["trace"] >= 0.9 and g.score >= 0.9


def test_a_secretary_who_saved_every_draft_is_not_evidence(tmp_path):
    # Everyone's file last saved by the office secretary (printing/typesetting), no shared root.
    docs = trace_batch(tmp_path, secretary_docs=(), secretary_edits_all=True)
    assert {d.metadata["last_modified_by"] for d in docs} == {SECRETARY}
    assert find_same_hand(docs) == []


def test_two_file_batch_uses_traces_only(tmp_path):
    docs = trace_batch(tmp_path)
    pair = [d for d in docs if d.id in ("H02", "H04")]
    groups = find_same_hand(pair)
    assert [g.docs for g in groups] == [["H02", "H04"]]
    assert groups[0].signals["style"] == 0
    assert find_same_hand([Document(id=d.id, path=d.path, text=d.text, format="txt") for d in pair]) == []


# --- API behaviour ----------------------------------------------------------------------------
def test_output_is_deterministic_and_order_independent():
    docs = honest_docs() + ghost_docs()
    first = find_same_hand(docs)
    shuffled = docs[:]
    random.Random(7).shuffle(shuffled)
    assert find_same_hand(shuffled) == first


def test_small_inputs():
    docs = honest_docs()
    assert find_same_hand([]) == []
    assert find_same_hand(docs[:1]) == []
    assert find_same_hand(docs[:2]) == []


def test_masks_and_boilerplate_remove_phrases_from_the_profile():
    doc = txt_doc(FIX / "ghost" / "G1.txt")
    assert "客观地说" in build_profile(doc).phrases
    start = doc.text.index("客观地说")
    assert "客观地说" not in build_profile(doc, [(start, start + 4)]).phrases
    assert "从本质看" not in build_profile(doc, (), ["从本质看"]).phrases


def test_generator_template_traces_in_a_mixed_batch_are_not_evidence(tmp_path):
    # Two drafts arrive as .docx made by a tool from its default template (same rsidRoot and rsids,
    # creator "python-docx", TotalTime 0); the others are plain text. Only two files carry rsids, so
    # the batch cannot show the template is common — the generator's ids are known and never count.
    import docx

    docs = []
    for d in honest_docs():
        if d.id in ("H01", "H03"):
            out = docx.Document()
            for para in d.text.split("\n"):
                out.add_paragraph(para)
            path = tmp_path / f"{d.id}.docx"
            out.save(str(path))
            docs.append(load_docx(path))
        else:
            docs.append(d)
    meta = [d.metadata for d in docs if d.format == "docx"]
    assert len(meta) == 2 and meta[0].get("rsid_root") == meta[1].get("rsid_root")
    assert find_same_hand(docs) == []


def test_reference_template_file_traces_are_subtracted(tmp_path):
    # Three members started from the organisation department's template .docx, three wrote from
    # scratch: the template's root is shared by only half the files, which alone looks like a hand. Given the template file itself,
    # its traces are subtracted and no group remains.
    texts = {d.id: d.text for d in honest_docs()}
    docs = []
    for n, doc_id in enumerate(sorted(MEMBERS)):
        uses_template = doc_id in ("H01", "H02", "H03")
        own = [f"00{n + 1}9{k}ABC" for k in range(2)]
        path = make_docx(tmp_path / f"{doc_id}.docx", texts[doc_id], creator=MEMBERS[doc_id], last=MEMBERS[doc_id],
                         company="", total=90 + n, root=TEMPLATE_ROOT if uses_template else own[0],
                         rsids=(TEMPLATE_RSIDS if uses_template else []) + own,
                         created=f"2021-12-{10 + n:02d}T15:00:00Z", modified=f"2021-12-{12 + n:02d}T21:30:00Z")
        docs.append(load_docx(path))
    tpl = load_docx(make_docx(tmp_path / "模板.docx", "关于召开专题民主生活会的个人对照检查材料（模板）", creator="县委组织部",
                              last="县委组织部", company="", total=20, root=TEMPLATE_ROOT, rsids=TEMPLATE_RSIDS,
                              created="2021-12-01T08:00:00Z", modified="2021-12-01T08:20:00Z"))
    assert [g.docs for g in find_same_hand(docs)] == [["H01", "H02", "H03"]]  # the caveat
    assert find_same_hand(docs, reference=[tpl]) == []
