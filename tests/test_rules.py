"""The rule engine and the shipped rule sets (rules/*.yaml, rules/themes/*.yaml)."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from analyzer.errors import ConfigError
from analyzer.model import Document, Item, Section, Structure
from analyzer.paths import RULES_DIR
from analyzer.rules import RuleSet, load_ruleset
from analyzer.rules.engine import example_document, validate_path
from analyzer.rules.markers import check_regex

RS = load_ruleset()
EXAMPLES = [(r.code, kind, i) for r in RS.all_rules for kind in ("fail", "pass")
            for i in range(len(r.examples[kind]))]


@pytest.mark.parametrize("code,kind,index", EXAMPLES, ids=[f"{c}-{k}{i}" for c, k, i in EXAMPLES])
def test_rule_examples(code, kind, index):
    """Every rule's own bad examples are flagged and its good ones are not."""
    rule = RS.rule(code)
    example = rule.examples[kind][index]
    found = [f for f in RS.run_example(rule, example) if f.rule == code]
    if kind == "fail":
        assert found, f"{code} should flag: {example}"
    else:
        assert not found, f"{code} should not flag: {example} → {[f.excerpt for f in found]}"


def test_every_rule_is_documented():
    for r in RS.all_rules:
        assert r.examples["fail"] and r.examples["pass"], r.code
        assert r.name and r.norm and r.suggestion and r.message, r.code
        assert any("\u4e00" <= ch <= "\u9fff" for ch in r.message + r.norm), r.code


def test_contract_categories_are_covered():
    cats = {r.category for r in RS.all_rules}
    for c in ("missing-section", "vague", "unanswered-problem", "generic-measure", "objective-excuse",
              "hope-as-criticism", "theme-not-covered", "template-residue", "numbering",
              "problems-too-short", "praise-first"):
        assert c in cats, c


# ---- public API ------------------------------------------------------------------------------
def test_default_ruleset_and_theme():
    assert isinstance(RS, RuleSet)
    assert RS.id == "2020-political-ecology"
    assert RS.theme["theme"]
    assert {a["label"] for a in RS.theme["aspects"]} >= {"政治生态考核反馈问题", "意识形态方面"}
    assert "feedback" in RS.theme
    phrases = RS.boilerplate_phrases()
    assert RS.theme["theme"] in phrases and "意识形态方面" in phrases and "政治生态考核" in phrases


THEMES = sorted(p.stem for p in (RULES_DIR / "themes").glob("*.yaml"))


@pytest.mark.parametrize("theme", THEMES)
def test_every_theme_loads(theme):
    rs = load_ruleset(theme)
    assert rs.id == theme
    assert rs.theme["aspects"] or theme == "general"   # the general theme checks no aspects
    assert {"problems", "causes", "measures"} <= set(rs.theme["sections"]["required"])
    for a in rs.theme["aspects"]:
        assert a.get("status", "confirmed") in ("confirmed", "partial", "unconfirmed")


def test_theme_list_covers_the_years():
    for t in ("2013-2014-mass-line", "2019-initial-mission", "2020-annual", "2020-political-ecology",
              "2021-party-history", "2022-annual", "2023-theme-education", "2024-annual", "2025-annual"):
        assert t in THEMES


def test_2025_requires_case_analysis():
    rs = load_ruleset("2025-annual")
    doc, st = example_document(rs.rule("SEC001"), {
        "problems": ["政治忠诚方面，3月柳塘乡征地帖文传播5天，我只批转1次。"],
        "causes": ["党性修养放松了。"],
        "measures": ["2026年3月底前修订《枫岭县网络舆情应急处置办法》。"]})
    found = [f for f in rs.check(doc, st) if f.category == "missing-section"]
    assert [f.data["role"] for f in found] == ["case_analysis"]
    assert not [f for f in load_ruleset().check(doc, st) if f.category == "missing-section"]


def test_theme_by_path(tmp_path):
    path = RULES_DIR / "themes" / "2024-annual.yaml"
    assert load_ruleset(str(path)).id == "2024-annual"
    assert load_ruleset(str(RULES_DIR)).id == "2020-political-ecology"


def test_select_and_ignore_by_code_and_prefix():
    rs = load_ruleset(select=["VAG", "PAIR001"])
    assert {r.code for r in rs.rules} == {"VAG001", "VAG002", "VAG003", "PAIR001"}
    rs = load_ruleset(ignore=["VAG", "NUM001"])
    codes = {r.code for r in rs.rules}
    assert not any(c.startswith("VAG") for c in codes) and "NUM001" not in codes and "PAIR001" in codes
    rs = load_ruleset(select=["VAG"], ignore=["VAG002", "ZZZ9", "QQ"])
    assert rs.unmatched_suppressions() == ["ZZZ9", "QQ"]


def test_config_file(tmp_path):
    (tmp_path / "pyproject.toml").write_text(textwrap.dedent("""
        [tool.draftcheck]
        rules = "2025-annual"
        ignore = ["NUM", "TPL003", "NOPE"]
    """), encoding="utf-8")
    rs = load_ruleset(config_dir=tmp_path)
    assert rs.id == "2025-annual"
    assert not any(r.code.startswith("NUM") or r.code == "TPL003" for r in rs.rules)
    assert rs.unmatched_suppressions() == ["NOPE"]
    # an explicit name wins over the config file; command-line ignores add to the file's
    rs = load_ruleset("2024-annual", ignore=["VAG001"], config_dir=tmp_path)
    assert rs.id == "2024-annual" and rs.rule("VAG001") not in rs.rules and rs.rule("NUM001") not in rs.rules


def test_draftcheck_toml_and_bad_keys(tmp_path):
    (tmp_path / "draftcheck.toml").write_text('select = ["CRI"]\n', encoding="utf-8")
    assert {r.code[:3] for r in load_ruleset(config_dir=tmp_path).rules} == {"CRI"}
    (tmp_path / "draftcheck.toml").write_text('selekt = ["CRI"]\n', encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_ruleset(config_dir=tmp_path)
    assert "draftcheck.toml" in str(err.value) and "selekt" in str(err.value)


def test_unknown_theme_is_a_config_error():
    with pytest.raises(ConfigError) as err:
        load_ruleset("2099-annual")
    assert "2025-annual" in str(err.value)


# ---- validation --------------------------------------------------------------------------------
GOOD_RULE = """
rules:
  - code: TST001
    name: 测试规则
    category: vague
    severity: warning
    kind: existence
    scope: {sections: [problems], unit: sentence}
    params:
      phrases: [不够深入]
    message: 空泛：{excerpt}
    suggestion: 写具体。
    norm: 见人见事。
    examples:
      fail: [学习不够深入。]
      pass: [3月学习2次。]
"""


def _rule_file(tmp_path, text):
    p = tmp_path / "custom.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_validate_good_file(tmp_path):
    assert validate_path(_rule_file(tmp_path, GOOD_RULE)) == ["1 条规则"]


@pytest.mark.parametrize("change,needle", [
    (("severity: warning", "severity: warning\n    colour: red"), "colour"),
    (("phrases: [不够深入]", "patterns: ['(不够']"), "正则表达式写法有误"),
    (("phrases: [不够深入]", "patterns: ['(不够.*)*深入']"), "灾难性回溯"),
    (("phrases: [不够深入]", "patterns: ['(a+)+b']"), "灾难性回溯"),
    (("    examples:\n      fail: [学习不够深入。]\n      pass: [3月学习2次。]\n", ""), "examples"),
    (("      pass: [3月学习2次。]", "      pass: []"), "examples"),
    (("kind: existence", "kind: magic"), "kind"),
    (("sections: [problems]", "sections: [problemz]"), "problemz"),
    (("phrases: [不够深入]", "markers: [no_such_marker]"), "no_such_marker"),
])
def test_validate_rejects(tmp_path, change, needle):
    text = GOOD_RULE.replace(*change)
    assert text != GOOD_RULE
    with pytest.raises(ConfigError) as err:
        validate_path(_rule_file(tmp_path, text))
    assert needle in str(err.value)
    assert "custom.yaml" in str(err.value)


def test_validate_rejects_unknown_sequence_check(tmp_path):
    text = GOOD_RULE.replace("kind: existence", "kind: sequence").replace(
        "phrases: [不够深入]", "checks: [repeat, inline, typo]")
    with pytest.raises(ConfigError) as err:
        validate_path(_rule_file(tmp_path, text))
    assert "typo" in str(err.value) and "inline" in str(err.value)


def test_circled_and_inline_numbering():
    rs = load_ruleset()
    text = ("关于某同志的对照检查材料\n一、存在的问题\n（一）政治建设方面。一是学习不深入，3月缺席1次；"
            "二是研判不及时；四是阵地管理松，2个公众号半年未审核。\n"
            "二、整改措施\n（一）抓学习。\n①每月集中学习1次。\n①每季度讲党课1次。\n（二）抓作风。\n①每月到联系村1次。\n")
    doc = Document(id="n", path="n.txt", text=text, format="txt")
    from analyzer.structure import parse
    found = [f for f in rs.check(doc, parse(doc)) if f.rule == "NUM001"]
    problems = sorted(f.data["problem"] for f in found)
    assert len(found) == 2, problems
    assert any("跳到“四是”" in p for p in problems)
    assert any("①" in p and "重复" in p for p in problems)
    # the ① that restarts under （二） is not a repeat
    assert all(text[f.start:f.end] != "①" or f.start < text.index("（二）抓作风") for f in found)


def test_regex_safety_check():
    for bad in ("(a+)+", "(.*)*x", "(?:[一-龥]{1,9})+", "(a|b+)*c"):
        with pytest.raises(ConfigError):
            check_regex(bad, "测试")
    for ok in ("(\\d{4}年)?\\d{1,2}月", "[一-龥]{2,6}村", "(?:比如|例如)", "a+b+"):
        check_regex(ok, "测试")


def test_validate_shipped_rules_dir_and_themes():
    what = validate_path(RULES_DIR)
    assert what[0].endswith("条规则")
    validate_path(RULES_DIR / "markers.yaml")
    validate_path(RULES_DIR / "themes" / "2025-annual.yaml")


def test_bad_theme_file(tmp_path):
    p = tmp_path / "t.yaml"
    p.write_text("id: x\ntheme: 主题\naspects:\n  - {label: 甲, kes: [甲]}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        validate_path(p)
    assert "kes" in str(err.value) and "t.yaml" in str(err.value)


# ---- behaviour on realistic text ---------------------------------------------------------------
def _draft(problems=(), causes=(), measures=(), criticism=()):
    ex = {k: list(v) for k, v in (("problems", problems), ("causes", causes), ("measures", measures),
                                   ("criticism", criticism)) if v}
    return example_document(RS.rule("VAG001"), ex)


def _cats(findings, category):
    return [f for f in findings if f.category == category]


def test_findings_are_exact_and_ordered():
    doc, st = _draft(
        problems=["理论学习不够深入系统，学用结合不够，有时存在学用脱节的现象。",
                  "舆情处置迟缓。3月柳塘乡征地帖文在本地论坛传播5天，我只批转1次，致使事态扩大。"],
        causes=["分管领域多，工作任务重，精力有限，学习时间难以保证。"],
        measures=["进一步加强理论学习，不断提高政治站位。"],
        criticism=["希望陈立同志今后多抽时间加强理论学习。"])
    fs = RS.check(doc, st)
    assert fs == sorted(fs, key=lambda f: (f.start, f.end, f.rule))
    for f in fs:
        assert f.excerpt == doc.text[f.start:f.end]
        assert f.message and f.suggestion and "{" not in f.message
    roles: dict = {}
    for f in fs:
        roles.setdefault(f.category, set()).add(f.section)
    assert roles["vague"] == {"problems", "measures"}
    assert roles["objective-excuse"] == {"causes"}
    assert roles["hope-as-criticism"] == {"criticism"}
    assert fs == RS.check(doc, st)      # deterministic


def test_concrete_sentence_with_hedge_is_not_vague():
    doc, st = _draft(problems=["有时对基层反映的问题过问不够，7月河湾社区开挖路段停工22天，我直到第3次转办才到现场。"])
    assert not _cats(RS.check(doc, st), "vague")


def test_label_backed_by_facts_is_not_vague_but_bare_label_is():
    backed = "学用脱节。今年县委中心组集中学习11次，7月河湾社区开挖路段停工22天无人回填。"
    bare = "学习不够深入系统。对党的创新理论学得不深不透，学用结合不够。"
    doc, st = _draft(problems=[backed, bare])
    vague = _cats(RS.check(doc, st), "vague")
    assert vague and all(f.start >= st.problems[1].start for f in vague)


def test_traditional_and_fullwidth_text_is_matched():
    doc, st = _draft(problems=["理論學習不夠深入系統，學用結合不夠。"])
    assert _cats(RS.check(doc, st), "vague")
    doc, st = _draft(problems=["學用脫節。７月河灣社區開挖路段停工２２天無人回填。"])
    assert not _cats(RS.check(doc, st), "vague")


def test_pairing_fills_answers_by_reference_and_content():
    doc, st = _draft(
        problems=["网络舆情处置迟缓。3月柳塘乡征地帖文在本地论坛传播5天，我只批转1次。",
                  "管网回填滞后。7月河湾社区开挖路段停工22天无人回填，群众投诉12件。",
                  "接访群众不够。全年到联系的石桥镇接访只有2次。"],
        measures=["针对第二个问题，4月15日前对全县在建7个市政项目的占道施工逐个排查，管网回填情况建立台账。",
                  "每月安排1天到石桥镇接访群众，全年不少于12次，接访记录交县信访局备案。",
                  "2021年3月底前修订《枫岭县网络舆情应急处置办法》，涉县舆情2小时内研判、帖文24小时内回应。"])
    fs = RS.check(doc, st)
    assert [m.answers for m in st.measures] == [[1], [2], [0]]
    assert not _cats(fs, "unanswered-problem")


def test_unanswered_problem_is_flagged_on_the_problem_item():
    doc, st = _draft(
        problems=["网络舆情处置迟缓。3月柳塘乡征地帖文在本地论坛传播5天，我只批转1次。",
                  "管网回填滞后。7月河湾社区开挖路段停工22天无人回填，群众投诉12件。"],
        measures=["2021年3月底前修订《枫岭县网络舆情应急处置办法》，涉县舆情2小时内研判。"])
    un = _cats(RS.check(doc, st), "unanswered-problem")
    assert [(f.start, f.end) for f in un] == [(st.problems[1].start, st.problems[1].end)]


def test_without_measures_every_problem_is_unanswered():
    doc, st = _draft(problems=["舆情处置迟缓。3月帖文传播5天。", "管网回填滞后。7月停工22天。"],
                     causes=["宗旨意识淡了。"])
    fs = RS.check(doc, st)
    assert len(_cats(fs, "unanswered-problem")) == 2
    assert [f.data["role"] for f in _cats(fs, "missing-section")] == ["measures"]


def test_generic_measure():
    doc, st = _draft(problems=["学用脱节。7月停工22天。"],
                     measures=["坚决克服形式主义、官僚主义，持续改进工作作风。",
                               "4月15日前对全县在建7个市政项目逐个排查，由县委督查室验收。"])
    gen = _cats(RS.check(doc, st), "generic-measure")
    assert [f.start for f in gen] == [st.measures[0].start]


def test_excuse_with_subjective_turn_is_not_flagged():
    doc, st = _draft(causes=[
        "工作任务重是事实，但根子在于我纪律规矩意识松了，没有把自己摆进去。",
        "乡镇人手少、任务重，这些都不能成为理由，实际上是我没有把日常监督摆在应有位置。",
        "我默认了“乡镇人手少，大家都要干”的说法，没有站在全局看问题。"])
    assert not _cats(RS.check(doc, st), "objective-excuse")


def test_excuse_item_is_flagged_throughout():
    doc, st = _draft(causes=["客观上工作任务繁重。机关只有9名干部，要承担十几项工作，有时难免顾此失彼。"])
    ex = _cats(RS.check(doc, st), "objective-excuse")
    assert ex and ex[0].start == st.causes[0].start


def test_hope_after_pointed_fault_is_fine():
    doc, st = _draft(criticism=[
        "王敏同志：今年全县14个乡镇有5个未按期开展专题研判，你没有约谈一名乡镇党委书记。建议年内逐一约谈。",
        "对县长同志：建议您进一步加大对民生实事的推进力度。"])
    hope = _cats(RS.check(doc, st), "hope-as-criticism")
    assert hope and all(f.start >= st.criticisms[1].start for f in hope)


def test_disguised_praise_and_unnamed_target():
    doc, st = _draft(criticism=["李华同志工作太投入，经常加班到深夜，不注意劳逸结合。",
                                "个别同志在项目推进中存在急于求成的情绪。"])
    codes = {f.rule for f in RS.check(doc, st)}
    assert {"CRI002", "CRI003"} <= codes


def test_praise_first_not_applied_to_preparation():
    text = ("中共枫岭县委常委班子对照检查材料\n"
            "一、会前准备情况\n"
            "一年来，我始终把政治建设摆在首位，积极带头学习，圆满完成各项任务，多次得到市委肯定，但也有不足。\n"
            "二、存在的问题\n（一）学用脱节。7月河湾社区开挖路段停工22天无人回填。\n")
    doc = Document(id="x", path="x", text=text, format="txt")
    a = text.index("二、")
    p = text.index("（一）")
    st = Structure(sections={"study": Section("study", "一、会前准备情况", text.index("一、"), a - 1),
                             "problems": Section("problems", "二、存在的问题", a, len(text) - 1, a, a + 7)},
                   problems=[Item("problem", p, len(text) - 1, text[p:-1])])
    assert not [f for f in RS.check(doc, st) if f.category == "praise-first"]


def test_template_residue():
    doc = Document(id="x", path="x", text="我在XX镇调研时只听汇报。某种程度上……本文系作者原创投稿。提高ZZ站位。", format="txt")
    fs = RS.check(doc, Structure())
    codes = sorted({f.rule for f in fs if f.category == "template-residue"})
    assert codes == ["TPL001", "TPL002", "TPL003"]
    assert not any("某种" in f.excerpt for f in fs if f.category == "template-residue")


def test_numbering_errors():
    text = "一、存在的问题\n（一）学用脱节。\n1、回填滞后。\n2.接访不够。\n（一）舆情迟缓。\n（三）作风漂浮。\n二、原因分析"
    doc = Document(id="x", path="x", text=text, format="txt")
    msgs = [f.data["problem"] for f in RS.check(doc, Structure()) if f.rule == "NUM001"]
    assert any("重复" in m for m in msgs)
    assert any("缺号" in m for m in msgs)
    assert any("混用" in m or "1、" in m for m in msgs)


def test_theme_coverage_uses_aspect_keys():
    doc, st = _draft(problems=["舆情处置迟缓。3月柳塘乡征地帖文在本地论坛传播5天，我只批转1次。"])
    missing = [f.data["aspect"] for f in RS.check(doc, st) if f.category == "theme-not-covered"]
    assert missing == ["政治生态考核反馈问题"]


# ---- CLI ----------------------------------------------------------------------------------------
def _cli(*args):
    import typer
    from typer.testing import CliRunner

    from analyzer.rules.cli import rules_app

    app = typer.Typer()
    app.add_typer(rules_app, name="rules")
    app.command("noop")(lambda: None)
    return CliRunner().invoke(app, ["rules", *args])


def test_cli_list_show_test():
    res = _cli("list")
    assert res.exit_code == 0 and "VAG001" in res.output and "PAIR001" in res.output
    res = _cli("show", "EXC001")
    assert res.exit_code == 0
    for word in ("检查什么", "为什么", "反例", "正例", "怎么改"):
        assert word in res.output
    assert _cli("show", "NOPE999").exit_code == 2
    res = _cli("test")
    assert res.exit_code == 0 and "通过" in res.output


def test_cli_lists_and_shows_batch_rules_and_themes():
    res = _cli("list")
    assert all(code in res.output for code in ("REU001", "REU002", "REU003", "REU004"))
    res = _cli("show", "reu003")
    assert res.exit_code == 0 and "本人往年材料" in res.output and "{" not in res.output
    assert "86字" in res.output
    res = _cli("themes")
    assert res.exit_code == 0
    lines = res.output.splitlines()
    assert any(line.startswith("2015-three-stricts") and "部分核实" in line for line in lines)
    assert any(line.startswith("2024-annual") for line in lines)
    assert "严以用权方面（未核实）" in res.output


def test_cli_validate(tmp_path):
    good = _rule_file(tmp_path, GOOD_RULE)
    assert _cli("validate", str(good)).exit_code == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD_RULE.replace("phrases: [不够深入]", "patterns: ['(a+)+']"), encoding="utf-8")
    res = _cli("validate", str(bad))
    assert res.exit_code == 2
    assert "bad.yaml" in res.output and "回溯" in res.output


def test_cli_test_reports_failing_example(tmp_path):
    d = tmp_path / "rules"
    (d / "themes").mkdir(parents=True)
    (d / "themes" / "2020-political-ecology.yaml").write_text(
        (RULES_DIR / "themes" / "2020-political-ecology.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (d / "markers.yaml").write_text((RULES_DIR / "markers.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (d / "x.yaml").write_text(GOOD_RULE.replace("pass: [3月学习2次。]", "pass: [学习不够深入。]"), encoding="utf-8")
    res = _cli("test", "--rules", str(d))
    assert res.exit_code == 1 and "TST001" in res.output


def test_marker_on_token_boundaries():
    """A lexicon marked ``tokens: true`` only matches whole jieba words (有时 not inside 有时候)."""
    from analyzer.rules.context import Context
    from analyzer.rules.markers import build_marker
    from analyzer.rules.engine import LEXICON_DIR

    text = "我有时候去石桥镇，有时不去。"
    doc = Document(id="x", path="x", text=text, format="txt")
    loose = build_marker("loose", {"phrases": ["有时"]}, "测试", LEXICON_DIR)
    exact = build_marker("exact", {"phrases": ["有时"], "tokens": True}, "测试", LEXICON_DIR)
    ctx = Context(doc, Structure(), {"loose": loose, "exact": exact})
    assert ctx.matches("loose") == [(1, 3), (9, 11)]
    assert ctx.matches("exact") == [(9, 11)]


def test_pairing_tokenizer_option_is_validated(tmp_path):
    bad = GOOD_RULE.replace("kind: existence", "kind: pairing").replace(
        "    params:\n      phrases: [不够深入]\n", "    params:\n      tokenizer: words\n")
    with pytest.raises(ConfigError) as err:
        validate_path(_rule_file(tmp_path, bad))
    assert "tokenizer" in str(err.value)


def test_2025_aspects_matched_on_paraphrased_headings():
    rs = load_ruleset("2025-annual")
    labels = ["在带头强化政治忠诚，提高政治能力方面。3月对省委巡视反馈的2项问题整改不力。",
              "带头固本培元、增强党性。今年参加支部组织生活只有5次。",
              "在敬畏人民、敬畏组织、敬畏法纪方面。柳塘乡11户群众2次上访，我未接访。",
              "干事创业、担当作为方面。石桥镇产业园3个项目延期半年。"]
    doc, st = example_document(rs.rule("THM001"), {"problems": labels})
    missing = [f.data["aspect"] for f in rs.check(doc, st) if f.category == "theme-not-covered"]
    assert missing == ["带头坚决扛起管党治党责任"]


def test_one_measure_may_answer_two_problems():
    doc, st = _draft(
        problems=["政治生态建设责任落实不力。考核反馈指出我分管的农业农村领域3个项目违规审批。",
                  "意识形态工作责任制停在纸面。分管部门2个公众号9月转载不实信息，我事后才知道。",
                  "接访群众不够。全年到联系的石桥镇接访只有2次。"],
        measures=["深刻汲取政治生态考核教训，2021年3月底前对3个违规审批项目逐一整改；落实意识形态工作责任制，"
                  "分管部门公众号由部门主要负责人终审，每季度检查1次。",
                  "每月到石桥镇接访1次，全年不少于12次。"])
    RS.check(doc, st)
    assert st.measures[0].answers == [0, 1] and st.measures[1].answers == [2]


@pytest.mark.parametrize("cause", [
    "虽然分管工作多，但根本原因在于我放松了理论学习。",
    "受“差不多就行”的思想影响，我对整改标准要求不严。",
    "我到任时间短，对情况不熟悉，但这不是理由。",
    "本人习惯于在机关处理文件，下基层的次数少、时间短，对群众的实际困难缺乏切身感受。",
])
def test_self_critical_causes_are_not_excuses(cause):
    doc, st = _draft(causes=[cause])
    assert not _cats(RS.check(doc, st), "objective-excuse")


def test_reference_to_several_problems():
    doc, st = _draft(
        problems=["舆情处置迟缓。3月帖文传播5天。", "阵地管理失之于宽。2个公众号转载不实信息。", "接访不够。全年接访2次。"],
        measures=["针对第一、二个问题，2021年3月底前修订《枫岭县网络舆情应急处置办法》。",
                  "针对（三），每月到石桥镇接访1次。"])
    RS.check(doc, st)
    assert [m.answers for m in st.measures] == [[0, 1], [2]]


from hypothesis import given, settings, strategies as st_  # noqa: E402

_PIECES = ["一、存在的问题\n", "二、原因分析\n", "三、整改措施\n", "四、相互批评意见\n", "（一）", "（二）", "1.", "1、",
           "不够深入", "2020年3月", "石桥镇", "希望", "建议", "客观上", "工作任务重", "但根子在于我", "针对第二个问题，",
           "XX", "**镇", "。", "，", "\n", "理论学习", "舆情", "某某", "“", "”", " ", "\u200b", "學習"]


@settings(max_examples=60, deadline=None)
@given(st_.lists(st_.sampled_from(_PIECES), max_size=60))
def test_any_text_gives_exact_spans(pieces):
    from analyzer.structure import parse

    text = "".join(pieces)
    doc = Document(id="h", path="h", text=text, format="txt")
    for f in RS.check(doc, parse(doc)):
        assert 0 <= f.start <= f.end <= len(text)
        assert f.excerpt == text[f.start:f.end]


# ---- theme inference, theme phrases, aspect messages, numbering blocks (holdout fixes) ----------
def _doc(text: str, year=None, kind="member", i=0) -> Document:
    return Document(id=f"d{i}", path=f"d{i}.txt", text=text, format="txt", year=year, kind=kind)


def test_infer_theme_from_titles_and_years():
    from analyzer.rules import infer_theme

    edu = [_doc(f"区委常委 林某\n2023年主题教育专题民主生活会对照检查材料\n按照市委部署……", i=i) for i in range(3)]
    assert infer_theme(edu) == "2023-theme-education"
    eco = [_doc("县委常委班子2020年度专题民主生活会个人对照检查材料\n本次会议的主题是对照政治生态考核……", i=i)
           for i in range(2)]
    assert infer_theme(eco) == "2020-political-ecology"
    assert infer_theme([_doc("2024年度民主生活会个人对照检查材料\n按照要求……")]) == "2024-annual"
    assert infer_theme([_doc("“三严三实”专题民主生活会个人发言提纲\n对照“不严不实”问题……")]) == "2015-three-stricts"
    # the year alone decides only when one theme claims it as its own year
    assert infer_theme([_doc("个人对照检查材料\n按照要求……", year=2025)]) == "2025-annual"
    assert infer_theme([_doc("个人对照检查材料\n按照要求……", year=2020)]) is None
    # no majority, templates and earlier drafts do not vote
    split = [_doc("2024年度民主生活会对照检查材料", i=0), _doc("2025年度民主生活会对照检查材料", i=1)]
    assert infer_theme(split) is None
    assert infer_theme([_doc("2024年度民主生活会对照检查材料", kind="template")]) is None
    assert infer_theme([]) is None


def test_theme_match_data_is_validated(tmp_path):
    bad = tmp_path / "t.yaml"
    bad.write_text("id: t\ntheme: 主题\nmatch: {title_patterns: ['(a+)+'], years: [2023]}\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        validate_path(bad)
    bad.write_text("id: t\ntheme: 主题\nmatch: {years: ['2023年']}\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        validate_path(bad)


def test_boilerplate_has_aspect_keys_and_list():
    phrases = load_ruleset("2023-theme-education").boilerplate_phrases()
    assert "理论学习、政治素质、能力本领、担当作为、工作作风、廉洁自律" in phrases
    assert "担当作为" in phrases and "廉洁自律" in phrases


def test_coverage_message_does_not_double_fangmian():
    rs = load_ruleset("2023-theme-education", select=["THM001"])
    doc, st = example_document(rs.rule("THM001"), {"problems": ["理论学习方面。今年中心组学习11次，我发言2次。"]})
    msgs = [f.message for f in rs.check(doc, st)]
    assert msgs and not any("方面”方面" in m or "方面方面" in m for m in msgs)
    assert any("“政治素质”方面" in m for m in msgs)


def test_numbering_reported_once_per_block():
    rs = load_ruleset(select=["NUM001"])
    text = "一、存在的问题\n1、学用脱节。\n2、舆情处置迟缓。\n3、回填滞后。\n二、原因分析\n（一）思想上。\n（二）作风上。"
    found = rs.run_example(rs.rule("NUM001"), text)
    assert len(found) == 1
    assert "跳过了“（一）”一级" in found[0].message and "3处" in found[0].message


def test_pairing_uses_group_headings_and_shared_counts():
    from analyzer.structure import parse

    text = "\n".join([
        "枫岭县副县长 林某对照检查材料",
        "一、存在的问题",
        "（一）在理论学习方面",
        "1.学用脱节。今年中心组学习11次，我发言2次，分管的水库移民安置仍按老办法推进。",
        "2.调查研究浮于表面。全年到联系的石桥镇只去了3次，每次不超过半天。",
        "（二）在担当作为方面",
        "1.对棘手问题绕着走。城北片区38户违建拖了两年，我3次协调都没有结论。",
        "2.批示代替落实。县政府常务会议定事项64项，超期17项，我只在督办单上签了字。",
        "二、原因分析",
        "（一）理想信念的总开关拧得不紧，我把学习当成软任务。",
        "三、整改措施",
        "（一）针对理论学习方面的问题",
        "1.每月到石桥镇住村调研1次，全年不少于12次，调研报告交县委办。",
        "2.2024年3月底前把移民安置政策学习纳入县政府常务会议学法安排。",
        "（二）针对担当作为方面的问题",
        "1.对17项超期事项逐项约谈责任人，4月底前全部办结或说明原因。",
    ])
    doc = Document(id="x", path="x.txt", text=text, format="txt")
    st = parse(doc)
    rs = load_ruleset(select=["PAIR001"])
    flagged = [f.excerpt for f in rs.check(doc, st)]
    assert any("城北片区38户违建" in f for f in flagged)          # nothing answers it
    assert not any("超期17项" in f for f in flagged)              # 17项 anchors the measure
    assert not any("学用脱节" in f or "浮于表面" in f for f in flagged)


def _pair(lines: list[str], theme: str = "2024-annual"):
    from analyzer.structure import parse

    doc = Document(id="p", path="p.txt", text="\n".join(lines), format="txt")
    st = parse(doc)
    flagged = [f.excerpt for f in load_ruleset(theme, select=["PAIR001"]).check(doc, st)]
    return st, flagged


def test_one_measure_per_aspect_answers_the_problems_of_that_aspect():
    # vague measures, one per aspect: content alone links few of them, the layout links all
    st, flagged = _pair([
        "中共南岭化工集团有限公司委员会 2024年度民主生活会个人对照检查材料",
        "一、存在的问题",
        "（一）带头严守政治纪律和政治规矩方面",
        "1.传达多、结合少。上级部署到了分管部门，往往转发文件了事，结合本单位实际研究不深。",
        "2.议事时顾虑多。班子议事时对分管以外的事项发言少，怕别人说手伸得长。",
        "（二）带头增强党性、严守纪律、砥砺作风方面",
        "1.下基层少。了解生产情况主要看报表，到车间班组的时候不多。",
        "2.对身边的苗头放任。发现有的科室迟到早退，只是口头提醒一下。",
        "（三）带头履行全面从严治党政治责任方面",
        "1.一岗双责落得不实。抓业务的精力多，过问分管部门党风廉政的时间少。",
        "2.谈心谈话走形式。和分管部门干部谈话多是布置工作，很少谈思想。",
        "二、原因剖析",
        "理想信念有所松懈，我把政治要求当成了软任务。",
        "三、整改措施",
        "（一）以“学”促“做”，提高政治执行力。每次传达上级精神后一周内拿出本单位的落实办法。",
        "（二）以“严”正风，锤炼过硬作风。每月到生产一线不少于2次，发现纪律松弛当场指出并跟踪。",
        "（三）以“责”促“管”，扛起管党治党责任。每季度听取分管部门党风廉政情况汇报1次。",
    ])
    assert len(st.problems) == 6 and len(st.measures) == 3
    assert flagged == []
    assert [m.answers[:2] for m in st.measures] == [[0, 1], [2, 3], [4, 5]]


def test_measure_paragraphs_under_each_problem_in_a_combined_section():
    st, flagged = _pair([
        "2024年度民主生活会发言提纲",
        "一、查摆出的问题及整改措施",
        "（一）带头严守政治纪律和政治规矩方面",
        "问题一：落实党委决定打折扣。党委决定年内关停2条落后产能生产线，我分管的东区只关停1条。",
        "整改措施：2025年5月底前关停剩余生产线，每季度向党委会报告一次进度。",
        "（二）带头增强党性、严守纪律、砥砺作风方面",
        "问题二：会议多、材料多。我主持的调度会平均开3小时，下属单位要准备大量汇报材料。",
        "整改措施：调度会压缩到1小时以内，只报数据不报文字材料，由办公室每月通报。",
        "问题三：安全检查只听汇报。8月储罐区发生泄漏，此前我到该厂检查2次都在会议室。",
        "二、原因分析",
        "我把完成指标当成了最大的政治，担当精神有所弱化。",
    ])
    assert [p.text[:3] for p in st.problems] == ["问题一", "问题二", "问题三"]
    assert [(m.text[:4], m.answers) for m in st.measures] == [("整改措施", [0]), ("整改措施", [1])]
    assert len(flagged) == 1 and flagged[0].startswith("问题三")


def test_a_shared_topic_alone_does_not_answer_a_second_problem():
    # 纪律 is a topic of both the second problem (监督) and the gifts measure (纪律, 纪检); they share
    # no content, so the second problem stays unanswered
    lines = [
        "2024年度民主生活会个人对照检查材料",
        "一、存在的问题",
        "1.节日期间把关不严。中秋节前销售部以走访客户名义购买礼品1.2万元，我签批时没有细问。",
        "2.对下属监督偏松。物资部1名采购员多次接受供应商宴请，被实名举报后才查实，我平时很少过问。",
        "3.走访客户少。全年走访重点客户只有6家。",
        "二、原因剖析",
        "廉洁自律的弦有所放松，我把人情往来看得太平常。",
        "三、整改措施",
        "（一）严守节日廉洁纪律。节日期间以走访客户名义购买礼品的费用，1月底前由责任人退赔；今后节日期间购买礼品一律由纪检部门事前审核。",
        "（二）每月走访重点客户不少于2家，全年不少于24家，走访记录报营销中心备案。",
    ]
    st, flagged = _pair(lines)
    assert [f[:2] for f in flagged] == ["2."]
    # the same measure, written to cover the second problem too, answers it
    lines[-2] = lines[-2].replace(
        "事前审核。", "事前审核；物资部采购员接受供应商宴请一事，2月底前由我约谈并按规定处理。")
    st, flagged = _pair(lines)
    assert not any(f.startswith("2.") for f in flagged)


def test_a_measure_written_for_one_problem_of_its_aspect_does_not_answer_the_others():
    st, flagged = _pair([
        "2025年度民主生活会个人对照检查材料",
        "一、存在的问题",
        "（一）在带头敬畏人民、敬畏组织、敬畏法纪方面",
        "1.对化工园区异味投诉回避矛盾。8月至10月周边小区反映夜间异味41次，我两次以“在线监测达标”答复，没有组织夜间巡查。",
        "2.危险化学品仓储许可审查“以表代查”。2025年新办的23件仓储许可，现场核查的只有6件。",
        "（二）在带头干事创业、担当作为方面",
        "1.推动污水处理厂扩建不力。扩建工程计划2025年6月开工，因征地协调拖到12月仍未动工。",
        "二、原因剖析",
        "我认为群众投诉多是情绪问题，没有把解决群众的操心事当作检验宗旨意识的标尺。",
        "三、整改措施",
        "（一）危险化学品仓储许可新办、延续一律现场核查，2026年6月底前对2025年发放的23件仓储许可逐一“回头看”。",
        "（二）污水处理厂扩建工程2026年3月底前完成征地协调，我每月召开1次调度会，6月底前开工。",
    ], theme="2025-annual")
    assert [m.answers for m in st.measures] == [[1], [2]]
    assert [f[:2] for f in flagged] == ["1."] and "异味" in flagged[0]


def test_counts_match_and_an_unpaired_measure_takes_the_free_problem_it_shares_content_with():
    # measures in a different order from the problems; the one about the 气象 explanation shares
    # little wording with its problem but is the only measure left and the only problem left
    st, flagged = _pair([
        "2025年度民主生活会个人对照检查材料",
        "一、存在的问题",
        "1、把不利气象条件当成汇报的主线。今年一季度细颗粒物浓度同比上升，我在市政府汇报时把原因归于静稳天气。",
        "2、对监测数据质量的把关停在签字上。8月南城空气自动站被发现采样管脱落11天，运维记录却显示正常。",
        "3、接待群众缺少耐心。10月在枫桥镇就砖厂粉尘问题接待群众时，我没有听完就打断了对方。",
        "二、原因剖析",
        "我把汇报当成了过关，担当精神不足。",
        "三、整改措施",
        "1、监测数据质量方面，2026年3月底前对全市26个空气自动站的运维记录逐站核查一次。",
        "2、接待群众方面，每月至少1次到信访较集中的乡镇接待群众，当场登记诉求，枫桥镇粉尘问题3月底前办结。",
        "3、分析空气质量变化时，先讲本地污染源管控的问题和措施，再讲气象因素，汇报材料由大气科把关。",
    ], theme="2025-annual")
    assert flagged == []
    assert [m.answers for m in st.measures] == [[1], [2], [0]]


def test_inline_arabic_items_after_a_colon_are_problem_items():
    from analyzer.structure import parse

    text = "\n".join([
        "2025年度民主生活会个人对照检查材料",
        "一、存在的问题",
        "（一）带头强化政治忠诚、提高政治能力方面。具体表现为：1.对执法的政治属性认识不足，全年立案312件，"
        "我汇报时只讲案件数。2.执行上级部署打折扣，“清废行动”要求检查87家单位，实际检查61家。",
        "（二）带头干事创业、担当作为方面。具体表现为：1.面对重点企业不敢较真，一家造纸企业多次超标排放，"
        "我批示“以帮扶为主”。",
        "（三）带头坚决扛起管党治党责任方面。罚没款达到1.5万元以上的案件，2.5个工作日内报备。",
        "二、原因剖析",
        "我认为执法就是业务工作。",
    ])
    st = parse(Document(id="i", path="i.txt", text=text, format="txt"))
    labels = [p.text[:6] for p in st.problems]
    assert labels[:3] == ["1.对执法的", "2.执行上级", "1.面对重点"]
    assert st.problems[0].group.startswith("（一）") and st.problems[2].group.startswith("（二）")
    # 1.5万元 and 2.5个 are numbers, not items: the third aspect stays one item
    assert len(st.problems) == 4 and st.problems[3].text.startswith("（三）")


def test_a_shared_topic_does_not_outweigh_shared_content():
    # 碰硬 puts the 党性 measure in the 担当 topic; its content still belongs to the 党性 problem
    st, flagged = _pair([
        "2025年度民主生活会个人对照检查材料",
        "一、存在的问题",
        "一是理论学习不深。读原著少，学习笔记多是摘抄，全年只写了1篇心得。",
        "二是党性锻炼抓得不如以前紧。满足于不出问题，对照党章检视自己少了。",
        "三是攻坚的劲头不足。面对机关党建的老问题，习惯沿用过去的做法。",
        "二、原因剖析",
        "我把党建工作当成了软任务。",
        "三、整改措施",
        "一是持续强化理论学习，每季度精读1本原著并写1篇心得。",
        "二是持续加强党性锤炼，每月对照党章检视自己1次，敢于动真碰硬。",
        "三是对机关党建的老问题逐项列出攻坚清单，6月底前逐项销号。",
    ], theme="2025-annual")
    assert flagged == []
    assert [m.answers for m in st.measures] == [[0], [1], [2]]


def test_an_unpaired_measure_in_order_takes_the_one_free_problem_between_its_neighbours():
    # 难题不上交 and 棘手问题往上交 share almost no wording; the order of the measures pairs them
    st, flagged = _pair([
        "2021年度党史学习教育专题民主生活会发言材料",
        "一、存在的问题",
        "一是民生实事“重数量、轻质量”。2021年全镇完成农村户厕改造620户，回访发现38户渗漏。",
        "二是接待来访群众不够耐心。有几次群众来反映宅基地审批，我一句“去找自然资源所”就打发了。",
        "三是碰到棘手的事习惯往县里报。枣林村的山林权属纠纷拖了两年，我三次写报告请县里定。",
        "四是公务接待支出增加。镇政府全年公务接待支出比上年增加11%。",
        "二、原因分析",
        "我把完成县里交办的任务当成了全部工作，宗旨意识淡了。",
        "三、整改措施",
        "一是返修问题户厕。2022年3月底前对620户改厕逐户回访，38户渗漏的4月底前返修完毕。",
        "二是改进接访作风。每周二上午我在便民服务中心接待来访群众，当场登记，一周内答复。",
        "三是难题不上交。政府系统积压的疑难问题由我牵头逐件明确办理时限，6月底前拿出处理意见。",
        "四是带头过紧日子。2022年公务接待支出在上年基础上压减15%以上。",
    ], theme="2021-party-history")
    assert flagged == []
    assert [m.answers for m in st.measures] == [[0], [1], [2], [3]]


def test_a_background_count_does_not_make_a_measure_answer_a_second_problem():
    st, flagged = _pair([
        "2021年度党史学习教育专题民主生活会个人对照检查材料",
        "一、存在的问题",
        "(一)集体经济“空壳村”问题。全镇18个村中还有4个村集体经营性收入不足5万元，我没有拿出办法。",
        "(二)人居环境反复抓、抓反复。县里暗访我镇排名倒数第3，柳溪村垃圾清运点三个月没有清理。",
        "二、原因分析",
        "我把人居环境当成了迎检任务。",
        "三、整改措施",
        "(一)建立人居环境长效机制。3月底前在18个村推行垃圾分类积分制，柳溪村清运点每周清运2次，我每月暗访1次。",
    ], theme="2021-party-history")
    assert [m.answers for m in st.measures] == [[1]]
    assert len(flagged) == 1 and "空壳村" in flagged[0]


def test_measures_inside_a_combined_causes_and_measures_section_answer_the_problem_they_name():
    st, flagged = _pair([
        "2021年度党史学习教育专题民主生活会个人发言材料",
        "一、存在的问题",
        "1、学用脱节。2021年参加中心组学习12次，发言4次，没有一次联系平安建设讲问题。",
        "2、矛盾纠纷调处不及时。石埠村土地流转纠纷从3月到8月只开过2次协调会。",
        "3、反诈宣传满足于拉横幅。全镇发生电信诈骗案件14起，比上年多5起。",
        "二、原因分析及整改措施",
        "（一）关于纠纷调处不及时的问题。原因在于怕得罪群众、怕担责任。整改措施：石埠村纠纷协调会每两周开1次，3月底前兑现调处方案。",
        "（二）关于学用脱节的问题。原因在于我把理论学习看成务虚。整改措施：2022年一季度结合枫桥经验开展1次专题调研。",
        "（三）关于反诈宣传不实的问题。原因是图省事。整改措施：上半年组织民警进村入户宣传，每村不少于2场。",
    ], theme="2021-party-history")
    assert len(st.causes) == 3 and len(st.measures) == 3
    assert all(m.text.startswith("整改措施：") for m in st.measures)
    assert [m.answers for m in st.measures] == [[1], [0], [2]]
    assert flagged == []
