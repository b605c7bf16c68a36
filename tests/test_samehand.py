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


# --- formula passages, heading patterns, 的/地/得 slips ------------------------------------------
from analyzer.samehand.core import pair_signals  # noqa: E402
from analyzer.samehand.features import heading_patterns  # noqa: E402
from analyzer.samehand.formula import FormulaBatch, build_formula_profile  # noqa: E402

HOLDOUT2 = PROJECT / "corpora" / "holdout2"
HOLDOUT1 = PROJECT / "corpora" / "holdout"
needs_holdout2 = pytest.mark.skipif(not (HOLDOUT2 / "gold").is_dir(), reason="holdout2 corpus not available")

# One writer's formulas, as he would put them in every draft he writes (invented).
WRITER_OPENING = ("遵照县委部署，本人紧扣本次民主生活会主题，认真的研读了规定篇目，"
                  "结合分管工作广泛听取了意见。现将检视剖析情况报告如下。")
WRITER_CLOSING = "以上剖析，自觉还不够深刻，恳请同志们不留情面、直言相告。"
# The closing of a shipped template (corpora/templates/TPL-2022-六个带头.txt): the genre's, nobody's own.
TEMPLATE_CLOSING = "以上对照检查，如有不妥，请同志们批评指正。"


def _with_formulas(doc: Document, opening: str | None = None, closing: str | None = None) -> Document:
    """``doc`` with its opening paragraph (the prose before the first section heading) and/or its last
    paragraph replaced."""
    lines = doc.text.split("\n")
    if opening is not None:
        first = next(i for i, l in enumerate(lines) if re.match(r"^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[，,])", l))
        lines = lines[:1] + [opening] + lines[first:]
    if closing is not None:
        lines = lines[:-1] + [closing]
    return Document(id=doc.id, path=doc.path, text="\n".join(lines), format="txt", member=doc.member)


def _formula(docs: list[Document], a: str, b: str, reference=()):
    docs = sorted(docs, key=lambda d: d.id)
    fb = FormulaBatch([build_formula_profile(d) for d in docs], reference)
    ids = [d.id for d in docs]
    return fb.match(ids.index(a), ids.index(b), docs[ids.index(a)])


def test_a_writers_opening_and_closing_are_found_but_alone_make_no_pair():
    docs = [_with_formulas(d, WRITER_OPENING, WRITER_CLOSING) if d.id in ("H02", "H05") else d
            for d in honest_docs()]
    m = _formula(docs, "H02", "H05")
    assert m.zones == 2
    quotes = [q for q, _kind, _k, _w in m.passages]
    assert WRITER_CLOSING in quotes
    assert any("本人紧扣本次民主生活会主题，认真的研读了规定篇目" in q for q in quotes)
    assert {kind for _q, kind, _k, _w in m.passages} == {"opening", "closing"}
    # Nobody else shares them.
    assert _formula(docs, "H02", "H03").score == 0
    # Two honest voices that merely share formulas are not a pair: formulas only support style.
    signal = next(s for s in pair_signals(sorted(docs, key=lambda d: d.id))[0] if (s.a, s.b) == ("H02", "H05"))
    assert signal.formula >= 0.3 and not signal.edge
    assert find_same_hand(docs) == []


def test_genre_formulas_in_a_template_or_in_many_drafts_are_not_a_writers():
    template = Document(id="TPL", path="TPL.txt", text="……\n" + TEMPLATE_CLOSING, format="txt", kind="template")
    docs = [_with_formulas(d, closing=TEMPLATE_CLOSING) if d.id in ("H02", "H05") else d for d in honest_docs()]
    assert _formula(docs, "H02", "H05").score > 0          # two drafts alone share it...
    assert _formula(docs, "H02", "H05", [template]).score == 0  # ...but the template has it
    # A closing five of eight members use is the batch's habit, not a writer's.
    many = {"H01", "H02", "H04", "H05", "H07"}
    docs = [_with_formulas(d, closing=WRITER_CLOSING) if d.id in many else d for d in honest_docs()]
    assert _formula(docs, "H02", "H05").score == 0
    # Three of eight: still rare enough to count (one writer can serve three members), with less weight.
    three = [_with_formulas(d, closing=WRITER_CLOSING) if d.id in ("H02", "H05", "H07") else d for d in honest_docs()]
    two = [_with_formulas(d, closing=WRITER_CLOSING) if d.id in ("H02", "H05") else d for d in honest_docs()]
    assert 0 < _formula(three, "H02", "H05").score < _formula(two, "H02", "H05").score


def test_header_lines_and_body_content_are_not_formula_zones():
    title = "枫岭县委常委班子成员2021年度专题民主生活会个人检视剖析发言材料"
    content = "今年三月到柳塘乡调研时，发现灌溉渠道年久失修、群众反映强烈的情况后只作了批示未跟踪问效"
    docs = []
    for d in honest_docs():
        if d.id in ("H02", "H05"):
            lines = d.text.split("\n")
            body = next(i for i, l in enumerate(lines) if re.match(r"^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[，,])", l))
            lines[0] = title
            lines[body + 1] = lines[body + 1] + content + "。"
            d = Document(id=d.id, path=d.path, text="\n".join(lines), format="txt")
        docs.append(d)
    assert _formula(docs, "H02", "H05").score == 0
    # The same title line and sentence at the end, in the closing paragraph, would count.
    moved = [_with_formulas(d, closing=content + "。") if d.id in ("H02", "H05") else d for d in docs]
    assert _formula(moved, "H02", "H05").score > 0


def test_member_role_is_not_formula():
    # Two deputies with the same role: the role in their openings is their particulars, not a habit.
    openings = {"H02": "本人作为党组成员、常务副总经理，这次发言围绕分管的交通和城建工作来谈。",
                "H05": "本人作为党组成员、常务副总经理，先把会前准备和征求意见的情况说一下。"}

    def batch(role):
        out = []
        for d in honest_docs():
            if d.id in openings:
                d = _with_formulas(d, openings[d.id])
                d.role = role
            out.append(d)
        return out

    assert _formula(batch(None), "H02", "H05").score > 0          # unknown role: looks like a shared formula
    assert _formula(batch("党组成员、常务副总经理"), "H02", "H05").score == 0  # the manifest's role is masked


def test_de_de_slips_are_habits_and_correct_usage_is_not():
    slips = Document(id="X", path="X.txt", format="txt", text=(
        "一、存在的问题\n（一）抓分管领域党风廉政建设用的精力少，落实“一岗双责”做的不够到位，对廉洁风险点排查抓的不紧。\n"
        "二、整改措施\n（一）进一步加强理论学习，认真的学习党的创新理论，扎实的推进整改落实。"))
    clean = Document(id="Y", path="Y.txt", format="txt", text=(
        "一、存在的问题\n（一）落实“一岗双责”做得不够到位，对廉洁风险点排查抓得不紧，存在的不足是明显的。\n"
        "二、整改措施\n（一）会前进行了认真的学习，对照检查做到认真地学、扎实地改。"))
    assert {"de_for_de1", "de_for_de2"} <= build_profile(slips).habits
    assert not {"de_for_de1", "de_for_de2"} & build_profile(clean).habits


def test_heading_list_patterns():
    text = "\n".join([
        "二、根源剖析",
        "(一)从思想根子上看，理论学习的系统性不够。",
        "(二)从党性修养上看，自我要求有所降低。",
        "(三)从作风养成上看，宗旨意识有所淡化。",
        "三、努力方向和整改措施",
        "（一）以“学”为先，筑牢思想根基。进一步加强理论学习。",
        "（二）以“严”为尺，锤炼党性作风。严格对照党章党规检视自己。",
        "（三）以“干”为要，勇于担当作为。进一步增强创新意识。",
        "四、相互批评意见",
        "（一）理论学习不够深入。",
        "（二）联系群众不够经常。",
        "（三）廉洁自律标准不高。",
        "五、其他",
        "（一）从严治党方面。",
        "（二）作风建设方面。",
    ])
    pats = heading_patterns(text)
    assert pats == {"从…上看": ["从思想根子上看", "从党性修养上看", "从作风养成上看"],
                    "以“…”为…": ["以“学”为先", "以“严”为尺", "以“干”为要"]}


@needs_holdout2
def test_holdout2_formulas_survive_the_reuse_masks():
    """The reuse stage reports a writer's shared opening and closing as member-to-member reuse and they
    are masked out of the style features; the formula passages are still seen, and with the recurring
    habits they complete the pair."""
    from analyzer.reuse import load_templates
    from analyzer.rules import load_ruleset

    members = {Path(r["file"]).stem: r for r in csv.DictReader(open(HOLDOUT2 / "manifest.csv", encoding="utf-8"))}
    docs = [txt_doc(p, members[p.stem]["member"]) for p in sorted((HOLDOUT2 / "gold").glob("E0*.txt"))]
    for d in docs:
        d.role, d.unit = members[d.id]["role"], members[d.id]["unit"]
    by_id = {d.id: d for d in docs}
    masks = {}
    for doc_id in ("E04", "E06"):  # what reuse masks: the header+opening, the transition, the closing
        t = by_id[doc_id].text
        first_heading = t.index("一、")
        last = t.rindex("\n") + 1
        masks[doc_id] = [(0, first_heading + 30), (last, len(t))]
    reference = [txt_doc(HOLDOUT2 / "team" / "TEAM.txt"), txt_doc(HOLDOUT2 / "templates" / "T01.txt"), *load_templates()]
    boilerplate = list(load_ruleset("2024-annual").boilerplate_phrases())
    groups = find_same_hand(docs, masks=masks, boilerplate=boilerplate, reference=reference)
    assert [g.docs for g in groups] == [["E04", "E06"]]
    g = groups[0]
    pair = g.signals["pairs"]["E04-E06"]
    assert pair["formula"] >= 0.6 and pair["trace"] == 0
    text = "\n".join(g.evidence)
    assert "相同的开头结尾套语" in g.evidence[0]
    assert "开头、结尾的套语字面相同" in text
    assert "“以上剖析，自觉还不够深刻，恳请同志们不留情面、直言相告。”" in text
    assert "遵照集团党委部署，本人紧扣本次民主生活会主题" in text
    assert "“以“…”为…”" in text and "以“学”为先" in text
    assert "做的不够" in text


def _pipeline_groups(corpus: Path, **opts) -> list[SameHandGroup]:
    from analyzer.pipeline import BatchOptions, run_batch
    from analyzer.rules import infer_theme, load_ruleset

    options = BatchOptions(manifest=corpus / "manifest.csv", use_store=False, **opts)
    result = run_batch(corpus / "inputs", lambda docs: load_ruleset(infer_theme(docs)), options)
    return result.same_hand


@needs_holdout2
def test_holdout2_batch_reports_the_one_writer_pair_only():
    groups = _pipeline_groups(HOLDOUT2, team=[HOLDOUT2 / "team" / "TEAM.txt"], templates=HOLDOUT2 / "templates",
                              history=HOLDOUT2 / "history")
    assert [g.docs for g in groups] == [["E04", "E06"]]
    assert any("套语字面相同" in e for e in groups[0].evidence)


@pytest.mark.skipif(not (HOLDOUT1 / "gold").is_dir(), reason="holdout corpus not available")
def test_first_holdout_batch_reports_no_pair():
    assert _pipeline_groups(HOLDOUT1) == []


# --- refrains, typing habits, heading-list patterns across drafts (one writer, vague and concrete) ---
from analyzer.samehand.core import FORM_MIN  # noqa: E402
from analyzer.samehand.features import follows, refrains  # noqa: E402

HOLDOUT4 = PROJECT / "corpora" / "holdout4"
needs_holdout4 = pytest.mark.skipif(not (HOLDOUT4 / "gold").is_dir(), reason="holdout4 corpus not available")

# One office writer drafted both (invented, 枫岭县 2021 like the fixtures): a vague draft for one deputy
# and a concrete one for another. No shared sentence of content; shared are his habits — every problem
# closes with 这个问题，我负有直接责任; every cause opens with 追根溯源; problem headings …方面存在‘…’倾向
# and measures 围绕…持续用力; half-width (一), colon, semicolon and exclamation mark; ‘’ as quotes;
# 的 for 得 (做的不够, 抓的不紧).
WRITER_VAGUE = """政府党组成员、副县长林振华2021年度专题民主生活会对照检查材料
按照县委统一部署，会前本人认真学习了规定篇目，通过座谈、个别交流等方式征求了意见建议，并与分管部门主要负责同志逐一谈心。现对照会议主题，把查摆的问题和原因报告如下:
一、查摆的主要问题
(一)理论学习方面存在‘浅、散、虚’倾向。学习多停留在读原文、记笔记的层面，系统学、深入学做的不够，联系分管的科技和市场监管工作思考的少;有时以工作忙为由压缩自学时间，学用结合的效果还不明显。这个问题，我负有直接责任。
(二)宗旨意识方面存在‘冷、远、慢’倾向。深入企业、深入群众调研不够经常，听汇报多、看现场少，对群众反映的一些问题回应不够及时，为民服务的感情还需要进一步加深。这个问题，我负有直接责任。
(三)担当作为方面存在‘等、靠、推’倾向。面对改革中的难点问题，有时存在畏难情绪，习惯于按部就班，开拓创新的劲头不足，推动工作的办法不多;对一些跨部门的事项，协调的不够有力。这个问题，我负有直接责任。
(四)作风建设方面存在‘浮、粗、散’倾向。有时满足于开了会、发了文，对落实情况跟踪问效不够，工作标准不够高，精细化程度有待提升。这个问题，我负有直接责任。
(五)从严治党方面存在‘宽、松、软’倾向。对分管部门党风廉政建设抓的不实，日常监督提醒偏少，对苗头性、倾向性问题的敏感性不强。这个问题，我负有直接责任。
二、产生问题的原因
(一)理想信念有所弱化。追根溯源，是对理论武装的极端重要性认识不足，没有把学习作为立身之本、履职之要，思想上存在重业务、轻理论的倾向。
(二)群众观点有所淡化。追根溯源，是宗旨意识树的不牢，思想深处对群众的感情不够深厚，把自己等同于一般的事务工作者。
(三)进取精神有所减退。追根溯源，是党性修养放松了，满足于过得去、差不多，缺少攻坚克难的韧劲。
(四)纪律意识有所松懈。追根溯源，是对全面从严治党的长期性、复杂性认识不够到位，认为分管部门出不了大问题。
三、整改措施
(一)围绕学深悟透持续用力。坚持把理论学习摆在首位，认真研读规定篇目，做到学思用贯通、知信行统一，切实用党的创新理论指导分管工作。
(二)围绕服务群众持续用力。经常深入企业、深入群众，认真倾听意见呼声，努力解决群众急难愁盼问题，不断增强群众的获得感。
(三)围绕担当作为持续用力。树立攻坚克难的信心和决心，主动研究解决改革发展中的难题，以钉钉子精神抓好各项工作落实。
(四)围绕从严治党持续用力。认真履行‘一岗双责’，加强对分管部门的日常监督，把纪律和规矩挺在前面，做到守土有责、守土尽责。
以上对照检查，不当之处，恳请同志们批评指正!"""

WRITER_CONCRETE = """政府党组成员、副县长郑晓岚2021年度专题民主生活会对照检查材料
会前，我把去年民主生活会上提出的5项整改措施逐项对了一遍，又到县教育局、卫健局和6所学校、4家乡镇卫生院听取意见，收到意见建议23条，其中直接点到我本人的有9条。现将对照检查情况报告如下:
一、查摆的主要问题
(一)教育布局方面存在‘重建设、轻配套’倾向。2021年城区新建的城东小学9月开学，教学楼按期交付了，但食堂和运动场到11月才投入使用，头两个月300多名学生只能在教室里吃盒饭。开工前的方案会是我主持的，配套设施的工期我没有单独过问。这个问题，我负有直接责任。
(二)基层卫生方面存在‘有设备、缺人手’倾向。全县14家乡镇卫生院去年配齐了DR机，但有5家没有取得资质的放射技师，设备基本闲置;群众拍片子还是要跑县医院。卫健局年初就报告过这件事，我批给人社局会商后再没有跟进。这个问题，我负有直接责任。
(三)校园安全方面存在‘查问题、不销号’倾向。春季开学检查发现的41处校舍隐患，到10月底还有12处没有整改到位，其中青石镇中心小学围墙开裂一直拖到暑假才修。督办单我签过，整改情况我抓的不紧。这个问题，我负有直接责任。
(四)民生实事方面存在‘报进度、不问效’倾向。县里承诺的‘托育服务进社区’实事项目，我听的是开办了几家、招收了多少人，对价格高、家长不愿送的问题没有深入了解，6个点位里有2个全年入托不到10人。这个问题，我负有直接责任。
二、产生问题的原因
(一)政绩观有偏差。追根溯源，是看重能拿得出手的项目数量，对群众用起来方便不方便想的不多。
(二)工作方法有惰性。追根溯源，是习惯于批文件、听汇报，问题转给部门就当办完了，跟踪问效的链条断在我这里。
(三)斗争精神不够强。追根溯源，是怕得罪人、怕担责任，对部门之间推诿扯皮的事情不愿意较真碰硬。
三、整改措施
(一)围绕补齐学校配套持续用力。2022年新建的2所学校，食堂、运动场与教学楼同步设计、同步验收，我每月到工地调度1次。
(二)围绕盘活乡镇医疗设备持续用力。3月底前与人社局、卫健局共同拿出放射技师定向招聘和县医院下派方案，年内5家卫生院全部恢复拍片服务。
(三)围绕校舍隐患清零持续用力。剩余12处隐患列出清单、明确责任人和时限，春季开学前全部销号，我逐一到现场验收。
(四)围绕托育服务提质持续用力。对入托不足的2个点位，上半年完成价格核定和服务调整，全年入托率达到60%以上。
以上对照检查，不当之处，恳请同志们批评指正!"""


def writer_docs() -> list[Document]:
    return [Document(id="W1", path="W1.txt", text=WRITER_VAGUE, format="txt"),
            Document(id="W2", path="W2.txt", text=WRITER_CONCRETE, format="txt")]


def _signal(docs: list[Document], a: str, b: str, **kw):
    return next(s for s in pair_signals(sorted(docs, key=lambda d: d.id), **kw)[0] if (s.a, s.b) == (a, b))


def _plain_typing(text: str) -> str:
    """The same draft as an ordinary typist would key it: full-width punctuation, “” quotes, 得."""
    text = re.sub(r"\(([一二三四五六七八九十])\)", r"（\1）", text)
    text = text.replace(":", "：").replace(";", "；").replace("!", "！")
    text = re.sub(r"‘([^’]*)’", r"“\1”", text)
    return text.replace("做的不够", "做得不够").replace("协调的不够", "协调得不够").replace(
        "抓的不实", "抓得不实").replace("抓的不紧", "抓得不紧").replace("树的不牢", "树得不牢")


def test_refrains_are_clauses_and_short_sentences_repeated_item_after_item():
    text = "\n".join([
        "一、存在的问题",
        "(一)学习上有差距。说到底，还是思想上不重视。这个问题，我负有直接责任。",
        "(二)调研上有差距。说到底，还是作风不扎实;下去得少。这个问题，我负有直接责任。",
        "(三)落实上有差距。说到底，还是担当不够。这个问题，我负有直接责任。",
        "(四)监督上有差距。‘三重一大’的问题比较突出，‘一把手’的问题比较突出，‘小金库’的问题比较突出。",
    ])
    _clauses, found = refrains(text)
    assert found["这个问题，我负有直接责任"].lines == 3 and found["这个问题，我负有直接责任"].closes == 3
    assert found["说到底"].opens == 3 and found["说到底"].closes == 0
    # Repeated three times in ONE paragraph is not a refrain, and quote fragments (的问题比较突出) never are.
    assert not any("问题比较突出" in c for c in found)
    assert "上有差距" not in found  # cut off at the quotation-free heading: 学习上有差距 ≠ 调研上有差距


def test_single_quotes_count_only_as_outer_quotes_and_punctuation_after_a_masked_phrase_counts():
    nested = Document(id="N", path="N.txt", format="txt", text=(
        "一、存在的问题\n（一）对“‘两个确立’的决定性意义”领会不深。（二）对“‘四风’新表现”警惕不够。"))
    outer = Document(id="O", path="O.txt", format="txt", text=(
        "一、存在的问题\n(一)对‘两个确立’的决定性意义领会不深。(二)对‘四风’新表现警惕不够。"))
    assert "single_quote" not in build_profile(nested).habits
    assert build_profile(outer).habit_counts["single_quote"] == 2
    # 现将……汇报如下 is a standard phrase (masked): the half-width colon typed after it still counts.
    doc = Document(id="C", path="C.txt", format="txt", text=(
        "现将个人对照检查情况汇报如下:\n一、存在的问题\n(一)学习不深入;调研不经常。"))
    start = doc.text.index("现将")
    assert build_profile(doc, [(start, start + len("现将个人对照检查情况汇报如下"))]).habit_counts["half_colon_cjk"] == 2


def test_heading_patterns_with_fixed_words_in_the_middle_and_across_drafts():
    concrete = "\n".join([
        "一、查摆出的主要问题",
        "(一)学习上的‘浅尝辄止’问题。",
        "(二)产业上的‘等靠要’问题。",
        "(三)集体经济上的‘空壳村’问题。",
        "(四)人居环境上的‘反复抓、抓反复’问题。",
        "二、整改措施",
        "(一)着力补齐学习短板。",
        "(二)着力推进产业园建设。",
        "(三)着力建立人居环境长效机制。",
    ])
    pats = heading_patterns(concrete)
    assert "…上的‘…’问题" in pats and "着力…" in pats
    # The other draft of the hand: 着力在…上下功夫 follows 着力…, not the other way round.
    assert follows("着力…", ["着力在学深悟透上下功夫", "着力在践行宗旨上下功夫", "着力在服务群众上下功夫"])
    assert not follows("着力在…上下功夫", ["着力补齐学习短板", "着力推进产业园建设", "着力规范项目管理"])
    # Quotation marks aside, …上有‘…’ and …上有… are one pattern.
    assert follows("…上有‘…’", ["理论武装上有松劲", "宗旨意识上有淡化", "担当作为上有退缩"])


def test_one_writers_vague_and_concrete_drafts_are_grouped_by_refrains_and_typing_habits():
    docs = honest_docs() + writer_docs()
    groups = find_same_hand(docs)
    assert [g.docs for g in groups] == [["W1", "W2"]]
    pair = groups[0].signals["pairs"]["W1-W2"]
    assert pair["form"] >= FORM_MIN and pair["trace"] == 0
    text = "\n".join(groups[0].evidence)
    assert "问题查摆部分：W1 有 5 条、W2 有 4 条以同一句“这个问题，我负有直接责任”收尾，本批其他材料都不这样写" in text
    assert "原因剖析部分：W1 有 4 条、W2 有 3 条以同一句“追根溯源”起句" in text
    assert "同一句式“围绕…持续用力”" in text and "W2：围绕补齐学校配套持续用力" in text
    assert "引号用单引号‘’而不用双引号“”（W1 6 处" in text and "“报告如下:”" in text
    assert "这些写法本批其他材料都没有" in text
    assert "“抓的不紧”" in text
    # The refrain's clauses are not listed again as pet phrases or skeletons.
    assert "这个问题……我负有直接责任" not in text


def test_heading_patterns_and_a_slip_alone_do_not_make_the_writers_pair():
    # Typed like everybody else and without the refrains, the two drafts still share two heading-list
    # patterns and the 追根溯源 openers: far from an edge (shared patterns alone are too weak a sign).
    plain = [Document(id=d.id, path=d.path, format="txt",
                      text=_plain_typing(d.text).replace("这个问题，我负有直接责任。", "")) for d in writer_docs()]
    docs = honest_docs() + plain
    signal = _signal(docs, "W1", "W2")
    assert signal.match.form < FORM_MIN and not signal.edge
    assert find_same_hand(docs) == []


def test_a_refrain_two_honest_members_share_is_not_a_pair():
    # Two honest voices that both close their numbered problems with the same short sentence: one
    # shared refrain, nothing else of form — no pair.
    docs = []
    for d in honest_docs():
        if d.id in ("H02", "H04"):  # 首先，……/其次，…… and 1. 2. 3.
            lines = [l + "对此我负有责任。" if re.match(r"^\s*(?:\d[.、]|首先|其次|再次|还有|最后)", l) else l
                     for l in d.text.split("\n")]
            d = Document(id=d.id, path=d.path, text="\n".join(lines), format="txt")
        docs.append(d)
    signal = _signal(docs, "H02", "H04")
    assert [c for c, *_ in signal.match.refrains] == ["对此我负有责任"]
    assert find_same_hand(docs) == []


def test_writers_pair_in_random_sub_batches():
    pool = honest_docs() + writer_docs()
    rng = random.Random(20220112)
    found = 0
    for _ in range(15):
        sub = rng.sample(pool, rng.randint(4, len(pool)))
        groups = [g.docs for g in find_same_hand(sub)]
        ids = {d.id for d in sub}
        assert all(g == ["W1", "W2"] for g in groups), (sorted(ids), groups)
        if {"W1", "W2"} <= ids and len(sub) >= 6:
            assert groups == [["W1", "W2"]], sorted(ids)
            found += 1
    assert found >= 3


@needs_holdout4
def test_holdout4_batch_reports_the_vague_and_concrete_drafts_of_one_writer():
    groups = _pipeline_groups(HOLDOUT4, team=[HOLDOUT4 / "team" / "TEAM.txt"], templates=HOLDOUT4 / "templates",
                              history=HOLDOUT4 / "history")
    assert [g.docs for g in groups] == [["G06", "G08"]]
    text = "\n".join(groups[0].evidence)
    assert "以同一句“对此我深感自责”收尾，本批其他材料都不这样写" in text
    assert "以同一句“说到底”起句" in text
    assert "同一句式“…上的‘…’问题”" in text
    assert "引号用单引号‘’而不用双引号“”" in text and "序号用半角括号" in text
    assert "这些写法本批其他材料都没有" in text


@needs_holdout4
def test_holdout4_random_sub_batches_have_no_false_pair():
    from analyzer.rules import load_ruleset

    rows = {Path(r["file"]).stem: r for r in csv.DictReader(open(HOLDOUT4 / "manifest.csv", encoding="utf-8"))}
    docs = []
    for p in sorted((HOLDOUT4 / "gold").glob("G0*.txt")):
        d = txt_doc(p, rows[p.stem]["member"])
        d.role, d.unit = rows[p.stem]["role"], rows[p.stem]["unit"]
        docs.append(d)
    boilerplate = list(load_ruleset("2021-party-history").boilerplate_phrases())
    assert [g.docs for g in find_same_hand(docs, boilerplate=boilerplate)] == [["G06", "G08"]]
    rng = random.Random(20220113)
    for _ in range(12):
        sub = rng.sample(docs, rng.randint(3, len(docs)))
        groups = [g.docs for g in find_same_hand(sub, boilerplate=boilerplate)]
        assert all(g == ["G06", "G08"] for g in groups), (sorted(d.id for d in sub), groups)


def test_a_masked_standard_phrase_inside_a_heading_does_not_hide_the_list_pattern():
    text = "\n".join([
        "三、整改措施",
        "(一)着力在学深悟透上下功夫。坚持把学习作为第一要务。",
        "(二)着力在践行宗旨上下功夫。牢固树立群众观点。",
        "(三)着力在服务群众上下功夫。经常深入村组。",
        "(四)着力在从严治党上下功夫。认真落实‘一岗双责’。",
    ])
    doc = Document(id="M", path="M.txt", text=text, format="txt")
    assert "着力在…上下功夫" in build_profile(doc, (), ["从严治党"]).head_patterns
    # Most of the list masked (copied from a template, say): no pattern is claimed for it.
    assert build_profile(doc, (), ["学深悟透", "践行宗旨", "从严治党"]).head_patterns == {}
