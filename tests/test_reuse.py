"""Copy detection: disguises, spans, boilerplate, team claims, history, the store, figures."""
from __future__ import annotations

import opencc
import pytest

from analyzer.model import Document, Reuse
from analyzer.reuse import HistoryStore, ReuseResult, compare_documents, detect_reuse, load_templates
from analyzer.reuse.fingerprint import Boilerplate, fingerprint_chunk, prepare

THEME = "对照政治生态考核被评为“一般”等次以及意识形态方面存在的问题进行深入查摆、深刻反思"

# An honest draft of 青川县 (fictional); P_COPY is the paragraph others will copy.
P_COPY = ("深入信访一线不够，2019年我到县信访局接访只有2次，对青川镇砂石场土地纠纷等重复信访问题，"
          "多是听取汇报、批转部门，没有亲自牵头协调化解，导致当事群众先后4次到市上访。"
          "对政法各单位执法司法中群众反映强烈的“立案难、执行难”问题，调研多、推动少，"
          "全年只召开过1次专题协调会。")

SOURCE = "\n".join([
    "县委常委、政法委书记个人对照检查材料",
    f"按照县委统一部署，我围绕{THEME}这一主题，认真查摆问题。",
    "一、存在的突出问题",
    "（一）在政治建设方面。对政治生态考核结果的警示意义认识不深，认为政法系统案件多、任务重，"
    "把主要精力放在办案维稳上，对本系统政治生态的分析研判只在年初开过一次会。",
    "（二）在为民服务方面。" + P_COPY,
    "（三）在作风建设方面。到基层调研多是听汇报、看材料，今年到乡镇派出所调研6次，"
    "其中4次没有和一线民警座谈，对基层执法规范化建设中的短板掌握不全。",
])

FILLER_B = [
    "县委常委、组织部长个人对照检查材料",
    "一、存在的突出问题",
    "（一）选人用人把关不严。对乡镇领导班子换届中个别干部的廉政情况只看档案，没有到纪委和信访部门"
    "逐一核实，导致南坪乡1名副乡长提拔后不久即被立案审查。",
]
FILLER_B_END = [
    "（三）基层党建抓得不实。全县48个村党组织中，有9个软弱涣散村整顿销号后出现反弹，"
    "我没有组织回头看，对驻村第一书记的日常管理也只停留在签到考勤上。",
]


def doc(id_, text, kind="member", member=None, year=None) -> Document:
    return Document(id=id_, path=f"{id_}.txt", text=text, format="txt", kind=kind, member=member, year=year)


def draft_with(paragraph: str) -> str:
    return "\n".join(FILLER_B + ["（二）联系服务群众不够。" + paragraph] + FILLER_B_END)


def detect_pair(text_b: str, **kw) -> ReuseResult:
    return detect_reuse([doc("A", SOURCE), doc("B", text_b)], **kw)


def reuse_of(res: ReuseResult, doc_id: str, source: str) -> list[Reuse]:
    return [r for r in res.reuse if r.doc == doc_id and r.source == source]


def coverage(text: str, rs: list[Reuse], needle: str) -> float:
    """Share of ``needle`` (located in ``text``) covered by the reported spans."""
    s = text.index(needle)
    e = s + len(needle)
    got = set()
    for r in rs:
        got.update(range(max(s, r.start), min(e, r.end)))
    return len(got) / (e - s)


def assert_spans_exact(res: ReuseResult, docs: dict[str, str]) -> None:
    for r in res.reuse:
        assert r.excerpt == docs[r.doc][r.start:r.end]
        assert r.source_excerpt == docs[r.source][r.source_start:r.source_end]


def check_disguise(disguised: str, min_cover: float = 0.9) -> ReuseResult:
    text_b = draft_with(disguised)
    res = detect_pair(text_b)
    rs = reuse_of(res, "B", "A")
    assert rs, "disguised copy not found"
    assert coverage(text_b, rs, disguised) >= min_cover
    # nothing outside the copied paragraph (plus its heading line) is reported
    para_start = text_b.index("（二）联系服务群众不够。")
    para_end = text_b.index(disguised) + len(disguised)
    for r in rs:
        assert para_start <= r.start and r.end <= para_end + 1
        assert r.source_kind == "member"
    # the source side points at the original paragraph
    src = [r for r in res.reuse if r.doc == "A" and r.source == "B"]
    assert src and coverage(SOURCE, src, P_COPY) >= min_cover
    assert_spans_exact(res, {"A": SOURCE, "B": text_b})
    return res


def test_verbatim_copy_reported_from_both_sides_with_exact_spans():
    res = check_disguise(P_COPY, min_cover=0.98)
    fig = res.figures["B"]
    assert fig["max_source"] == "A" and fig["max_source_kind"] == "member"
    assert fig["total_ratio"] > 0.3 and fig["longest_passage"] >= len(P_COPY) - 5
    assert res.pairs and {p["doc"] for p in res.pairs} <= {"A", "B"}


def test_zero_width_characters():
    disguised = "\u200b".join(P_COPY[i:i + 3] for i in range(0, len(P_COPY), 3))
    check_disguise(disguised)


def test_spaces_between_characters():
    disguised = " ".join(P_COPY)
    check_disguise(disguised)


def test_full_and_half_width_swaps():
    table = str.maketrans({"，": ",", "；": ";", "“": '"', "”": '"', "、": ",",
                           "0": "０", "1": "１", "2": "２", "4": "４", "9": "９"})
    check_disguise(P_COPY.translate(table))


def test_traditional_characters():
    disguised = opencc.OpenCC("s2t").convert(P_COPY)
    assert disguised != P_COPY
    check_disguise(disguised)


def test_changed_punctuation():
    disguised = P_COPY.replace("，", "；").replace("。", "！").replace("、", "，")
    check_disguise(disguised)


def test_a_few_synonyms():
    disguised = (P_COPY.replace("不够", "不足").replace("听取汇报", "听听汇报")
                 .replace("推动少", "落实少").replace("反映强烈", "反映集中"))
    res = check_disguise(disguised, min_cover=0.85)
    assert all(r.similarity < 1.0 for r in reuse_of(res, "B", "A"))


def test_sentences_reordered_inside_a_paragraph():
    sentences = [s + "。" for s in P_COPY.split("。") if s]
    disguised = "".join(reversed(sentences))
    res = check_disguise(disguised, min_cover=0.85)
    assert len(reuse_of(res, "B", "A")) >= 2


def test_synonyms_in_reordered_short_sentences_use_the_sentence_pass():
    # the first sentence stays verbatim (it makes the pair a candidate); the short second one is
    # reworded so that no 13-character run survives: only the sentence pass can find it
    first = "对青川镇砂石场土地纠纷等重复信访问题，多是听取汇报、批转部门，没有亲自牵头协调化解。"
    second_src = "全年只召开过1次专题协调会，对执法规范化的推动明显不够。"
    second_copy = "全年仅召开过1次专项协调会，对执法规范化的推进明显不足。"
    a = doc("A", "\n".join(["一、存在的突出问题", "（一）作风方面。" + first + second_src,
                            "（二）其他方面。今年到乡镇派出所调研6次，其中4次没有和一线民警座谈。"]))
    b = doc("B", "\n".join(FILLER_B + ["（二）联系群众方面。" + second_copy + first] + FILLER_B_END))
    res = detect_reuse([a, b])
    rs = reuse_of(res, "B", "A")
    assert any(r.method == "sentence" for r in rs)
    assert coverage(b.text, rs, second_copy) >= 0.9


def test_year_and_count_change_keep_one_passage():
    recycled = P_COPY.replace("2019年", "2020年").replace("只有2次", "只有3次")
    text_b = draft_with(recycled)
    res = detect_pair(text_b)
    rs = reuse_of(res, "B", "A")
    inside = [r for r in rs if r.start < text_b.index(recycled) + len(recycled)]
    assert len(inside) == 1, [r.excerpt for r in inside]
    assert coverage(text_b, inside, recycled) >= 0.97
    assert "2020年" in inside[0].excerpt and "2019年" in inside[0].source_excerpt


def test_theme_and_standard_formulations_are_never_reuse():
    formulas = "增强“四个意识”、坚定“四个自信”、做到“两个维护”"
    a = doc("A", "\n".join([
        "县委副书记个人对照检查材料",
        f"按照县委统一部署，我围绕{THEME}这一主题，认真学习了规定篇目。",
        f"（一）理论学习不够系统。{formulas}，深刻领悟“两个确立”的决定性意义。今年参加县委理论学习中心组"
        "集中学习12次，但自学时间少，读原著只读了《习近平谈治国理政》第三卷的4个专题。",
    ]))
    b = doc("B", "\n".join([
        "县委常委、宣传部长个人对照检查材料",
        f"根据会议安排，我紧扣{THEME}的主题进行了对照检查。",
        f"（一）意识形态责任落实有差距。{formulas}，以习近平同志为核心的党中央的决策部署在宣传系统落实"
        "还有温差，县融媒体中心全年只刊发了3篇政治生态建设专题报道。",
    ]))
    res = detect_reuse([a, b], boilerplate=[THEME])
    assert res.reuse == []


def test_theme_shared_by_most_of_a_batch_is_boilerplate_without_being_told():
    drafts = []
    places = ["东坪", "西岭", "南川", "北塘", "中和", "石门"]
    for i, place in enumerate(places):
        drafts.append(doc(f"M{i}", "\n".join([
            f"{place}镇党委书记个人对照检查材料",
            f"我围绕{THEME}这一主题进行了查摆。",
            f"（一）{place}镇第{i + 3}季度安全生产检查流于形式，{i + 2}家企业隐患整改没有跟踪到底。",
        ])))
    res = detect_reuse(drafts)
    assert res.reuse == []


def test_team_claims_are_team_not_copying():
    team_problem = ("班子落实全面从严治党主体责任压力传导不够，对县直部门“一把手”的监督偏软，"
                    "2020年全县查处的违纪案件中有6件发生在部门主要负责人身上。")
    team = doc("TEAM", "\n".join(["县委常委班子对照检查材料", "一、存在的突出问题", "（一）" + team_problem,
                                  "（二）班子成员之间谈心谈话不够经常。"]), kind="team")
    a = doc("A", "\n".join(["一、存在的突出问题", "（一）认领班子问题。" + team_problem + "作为县委书记我负主要责任。",
                            "（二）本人问题。对周某插手工程的来信批示后没有过问，直到立案才追悔莫及。"]))
    b = doc("B", "\n".join(["一、存在的突出问题", "（一）认领班子问题。" + team_problem,
                            "（二）本人问题。分管的住建领域有3个项目拖欠农民工工资，我没有一次实地督办。"]))
    res = detect_reuse([a, b], team=[team])
    kinds = {(r.doc, r.source, r.source_kind) for r in res.reuse}
    assert ("A", "TEAM", "team") in kinds and ("B", "TEAM", "team") in kinds
    assert not any(r.source_kind == "member" for r in res.reuse)  # the shared claim is not copying
    fig = res.figures["A"]
    assert fig["ratio_without_team"] == 0 and fig["total_ratio"] > 0.3
    for r in res.reuse:
        assert coverage(team.text, [Reuse(r.source, r.source_start, r.source_end, "", 0, 0, "", 0)],
                        team_problem) > 0


def test_template_and_history_with_identity():
    tpl = doc("TPL1", "\n".join(["范文网 > 对照检查材料", "（一）在政治建设方面。" + P_COPY.replace("青川镇", "XX镇")]),
              kind="template")
    old = doc("OLD", SOURCE, kind="history", member="王立新", year=2019)
    other_old = doc("OTHER", SOURCE, kind="history", member="李华", year=2019)
    recycled = P_COPY.replace("2019年", "2020年")
    b = doc("B", draft_with(recycled), member="王立新", year=2020)
    res = detect_reuse([b], templates=[tpl], history=[old, other_old])
    kinds = {(r.source, r.source_kind) for r in res.reuse}
    assert ("OLD", "history") in kinds and ("TPL1", "template") in kinds
    assert "OTHER" not in {r.source for r in res.reuse}  # someone else's earlier draft
    assert all(r.doc == "B" for r in res.reuse)           # sources are not reported as drafts
    fig = res.figures["B"]
    assert fig["ratio_without_history"] < fig["total_ratio"] or fig["ratio_by_kind"]["template"] > 0
    # history matched by id when the member is unknown
    old2 = doc("B", SOURCE, kind="history", year=2019)
    res2 = detect_reuse([doc("B", draft_with(recycled), year=2020)], history=[old2])
    assert {r.source_kind for r in res2.reuse} == {"history"}


def test_history_store_roundtrip_and_dedup(tmp_path):
    store = HistoryStore(tmp_path / "h.sqlite3")
    d2019 = doc("B", SOURCE, member="王立新", year=2019)
    assert store.add([d2019]) == 1
    store.add([doc("B-copy", SOURCE, member="王立新", year=2019)])  # same text: one row
    assert len(store) == 1
    got = store.earlier("王立新", 2020)
    assert len(got) == 1 and got[0].kind == "history" and got[0].text == SOURCE and got[0].year == 2019
    assert store.earlier("王立新", 2019) == [] and store.earlier("李华", None) == []
    # next year's batch finds the recycled paragraph through the store, then is stored itself
    recycled = P_COPY.replace("2019年", "2020年")
    b2020 = doc("B", draft_with(recycled), member="王立新", year=2020)
    res = detect_reuse([b2020], store=store)
    assert {r.source_kind for r in res.reuse} == {"history"}
    assert len(store) == 2
    # re-running the same batch does not report the draft against itself
    res_again = detect_reuse([b2020], store=store)
    assert all(r.source_excerpt != r.excerpt or r.source_kind == "history" for r in res_again.reuse)
    assert len(store) == 2
    store.close()


def test_compare_documents_and_short_overlaps_ignored():
    text_b = draft_with(P_COPY)
    rs = compare_documents(doc("B", text_b), doc("A", SOURCE))
    assert rs and all(r.doc == "B" and r.source == "A" for r in rs)
    assert coverage(text_b, rs, P_COPY) > 0.95
    # a shared run shorter than the minimum passage is not reuse
    short = doc("C", "\n".join(FILLER_B + ["（二）对青川镇砂石场土地纠纷处置缓慢。"] + FILLER_B_END))
    assert compare_documents(short, doc("A", SOURCE)) == []


def test_masking_on_normalised_copy():
    boiler = Boilerplate(["增强“四个意识”、坚定“四个自信”、做到“两个维护”"])
    p = prepare(doc("X", "我们要增强 “四個意識”，堅定“四個自信”,做到「两个维护」。"), "member")
    fingerprint_chunk([p], boiler)
    assert p.masked.sum() == len("增强四个意识坚定四个自信做到两个维护")


def test_fingerprints_are_deterministic():
    p1 = prepare(doc("X", SOURCE), "member")
    p2 = prepare(doc("Y", SOURCE), "member")
    fingerprint_chunk([p1], Boilerplate())
    fingerprint_chunk([p2, prepare(doc("Z", "别的文字"), "member")], Boilerplate())
    assert p1.fp_hash.tolist() == p2.fp_hash.tolist() and p1.fp_pos.tolist() == p2.fp_pos.tolist()
    assert len(p1.fp_hash) > 0


def test_winnowing_guarantee_on_any_shared_run_of_20():
    base = SOURCE
    n = 0
    for start in range(0, 300, 7):
        p = prepare(doc("X", base), "member")
        fingerprint_chunk([p], Boilerplate())
        run = p.skel[start:start + 20]
        if len(run) < 20:
            continue
        q = prepare(doc("Y", "外" * 30 + run + "外" * 30), "member")
        fingerprint_chunk([q], Boilerplate())
        assert set(p.fp_hash.tolist()) & set(q.fp_hash.tolist()), run
        n += 1
    assert n > 20


def test_load_templates_reads_shipped_dir(tmp_path):
    (tmp_path / "mine.txt").write_text("自定义范文：" + P_COPY, encoding="utf-8")
    docs = load_templates(tmp_path)
    assert any(d.id == "mine" for d in docs)
    assert all(d.kind == "template" for d in docs)


def test_empty_and_tiny_inputs():
    assert detect_reuse([]).reuse == []
    res = detect_reuse([doc("A", ""), doc("B", "短")])
    assert res.reuse == [] and res.figures["A"]["total_ratio"] == 0


def test_fast_normalize_matches_shared_normalize():
    import random

    from analyzer.normalize import normalize
    from analyzer.reuse.fingerprint import fast_normalize

    rnd = random.Random(3)
    alphabet = "中文字體裏後鄉鎮 \u3000\u200b\u00ad\ufeff\n\tａＡ，,。；;½㈠ab1２ﬁ“”"
    samples = [SOURCE, opencc.OpenCC("s2t").convert(SOURCE), " ".join(P_COPY), "", " 前后空格 ", "𠀀 中 文"]
    samples += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40))) for _ in range(500)]
    for text in samples:
        nt = normalize(text)
        fast_text, fast_map = fast_normalize(text)
        assert fast_text == nt.text and fast_map.tolist() == list(nt.orig), repr(text)


def test_progress_and_figures_keys():
    calls = []
    text_b = draft_with(P_COPY)
    res = detect_reuse([doc("A", SOURCE), doc("B", text_b)], progress=lambda d, t: calls.append((d, t)))
    assert calls and calls[-1][0] == calls[-1][1]
    fig = res.figures["B"]
    for key in ("total_ratio", "ratio_without_team", "ratio_without_history", "max_source_ratio", "max_source",
                "longest_passage", "total_chars", "copied_chars", "ratio_by_kind"):
        assert key in fig
    assert 0 < fig["max_source_ratio"] <= fig["total_ratio"] <= 1
    pair = next(p for p in res.pairs if {p["doc"], p["source"]} == {"A", "B"})
    assert pair["doc_ratio"] > 0 and pair["source_ratio"] > 0


def test_render_compare_side_by_side():
    from rich.console import Console

    from analyzer.report.compare import render_compare

    recycled = P_COPY.replace("2019年", "2020年")
    a, b = doc("B", draft_with(recycled)), doc("A", SOURCE, kind="history")
    rs = compare_documents(a, b)
    console = Console(record=True, width=120)
    render_compare(a, b, rs, console)
    out = console.export_text()
    assert "本人往年材料" in out and "重复段落 1 处" in out and "2020" in out and "2019" in out
    console2 = Console(record=True, width=120)
    render_compare(doc("X", "完全不同的内容。"), b, [], console2)
    assert "未发现重复段落" in console2.export_text()


def test_kgram_hashes_agree_with_chunk_fingerprints():
    from analyzer.reuse.fingerprint import K, kgram_hashes

    p = prepare(doc("X", SOURCE), "member")
    fingerprint_chunk([prepare(doc("W", "前面的文件内容。" * 20), "member"), p], Boilerplate())
    assert kgram_hashes(p)[p.fp_pos].tolist() == p.fp_hash.tolist()
    assert len(kgram_hashes(p)) == p.n - K + 1


def test_one_hand_paragraph_in_several_drafts_is_reported():
    """A staff writer pastes the same paragraph into 4 of 12 drafts: not boilerplate, reported."""
    towns = ["东坪", "西岭", "南川", "北塘", "中和", "石门", "青山", "白河", "黄田", "柳湾", "桃溪", "梅岭"]
    own = [
        "东坪镇第三季度安全生产检查流于形式，5家企业隐患没有跟踪到底。",
        "西岭村集体经济收入连续两年下降，我没有牵头研究对策。",
        "南川片区污水管网建设拖期8个月，督办会只开过一次。",
        "北塘中学食堂承包合同到期未招标，家长反映强烈。",
        "中和社区网格员队伍流动频繁，全年更换了十一人。",
        "石门水库移民后扶资金拨付迟缓，拖欠农户补助两季。",
        "青山林场防火通道年久失修，汛期前没有组织排查。",
        "白河湿地公园管护外包后缺少考核，垃圾清运不及时。",
        "黄田乡卫生院两名医生长期借调，门诊只能半天开放。",
        "柳湾村道硬化工程质量抽检不合格，施工方至今未返工。",
        "桃溪茶厂环评手续不全就开工，被市生态环境局通报。",
        "梅岭景区门票收入管理混乱，审计指出账实不符三万元。",
    ]
    ring = ("对分管领域的重大项目只满足于签字同意、听取汇报，很少到施工现场核实进度和资金使用情况，"
            "导致城北片区改造项目延期半年交付，群众多次到信访局反映。")
    drafts = []
    for i, (town, line) in enumerate(zip(towns, own)):
        body = [f"{town}镇党委书记个人对照检查材料", "（一）" + line]
        if i < 4:
            body.append("（二）" + ring)
        drafts.append(doc(f"M{i:02d}", "\n".join(body)))
    res = detect_reuse(drafts)
    pairs = {(r.doc, r.source) for r in res.reuse if r.source_kind == "member"}
    assert {(f"M{a:02d}", f"M{b:02d}") for a in range(4) for b in range(4) if a != b} <= pairs
    assert all(int(d[1:]) < 4 and int(s[1:]) < 4 for d, s in pairs)


def test_long_quotation_is_not_reuse():
    quote = "“党的作风就是党的形象，关系人心向背，关系党的生死存亡，必须锲而不舍抓下去”"
    a = doc("A", "（一）作风建设方面。习近平总书记强调：" + quote + "。我对照检查，今年到西岭村只去了2次。")
    b = doc("B", "（一）纪律作风方面。正如总书记所说，" + quote + "。我分管的北塘中学食堂问题一拖再拖。")
    assert detect_reuse([a, b]).reuse == []
