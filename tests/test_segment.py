"""Sentence splitting and jieba tokens with the party-term user dictionary."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from analyzer.segment import USERDICT, sentences, token_spans, tokens

ROOT = Path(__file__).resolve().parent.parent


def texts(text, spans):
    return [text[s:e] for s, e in spans]


def test_sentences_split_on_chinese_and_ascii_marks():
    text = "我分管网信工作。3月柳塘乡征地帖文传播5天！为什么没有会商？原因在我；\n下步整改!Really? yes;done"
    assert texts(text, sentences(text)) == [
        "我分管网信工作。", "3月柳塘乡征地帖文传播5天！", "为什么没有会商？", "原因在我；",
        "下步整改!", "Really?", "yes;", "done"]


def test_sentences_keep_closing_quotes_and_brackets():
    text = "他说：“先落地、后规范。”我没有反对。（见县委办通报。）群众反映“进度正常？”不属实。"
    assert texts(text, sentences(text)) == [
        "他说：“先落地、后规范。”", "我没有反对。", "（见县委办通报。）", "群众反映“进度正常？”", "不属实。"]
    straight = '他说"好的。"然后走了。'
    assert texts(straight, sentences(straight)) == ['他说"好的。"', "然后走了。"]


def test_sentences_trim_whitespace_and_never_empty():
    text = "\u3000\u3000第一句。  \n\n   \n第二句？？  第三句…… \n"
    spans = sentences(text)
    assert texts(text, spans) == ["第一句。", "第二句？？", "第三句……"]
    assert all(e > s for s, e in spans)
    assert sentences("") == []
    assert sentences("   \n ") == []


def test_sentences_respect_start_end_offsets():
    text = "标题\n一、存在的问题。理论学习不深。调研不实。"
    start = text.index("理论")
    spans = sentences(text, start, len(text) - 1)
    assert texts(text, spans) == ["理论学习不深。", "调研不实"]
    assert spans[0][0] == start


def test_import_does_not_load_jieba():
    code = ("import sys; import analyzer.segment, analyzer.structure; "
            "print('jieba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_party_terms_stay_whole():
    text = ("会上开展批评与自我批评，也有批评和自我批评的传统。班子要增强四个意识、坚定四个自信、做到两个维护，"
            "深刻领悟两个确立。落实第一议题制度和三会一课，履行一岗双责，严守八项规定，净化政治生态，"
            "抓好意识形态工作，按照整改清单逐项对照检查，开展谈心谈话，深化主题教育，推进全面从严治党，"
            "整治形式主义、官僚主义，坚定理想信念，增强宗旨意识，加强党性修养，开好民主生活会。")
    words = tokens(text)
    for term in ["民主生活会", "批评与自我批评", "批评和自我批评", "两个维护", "两个确立", "四个意识", "四个自信",
                 "第一议题", "三会一课", "一岗双责", "八项规定", "政治生态", "意识形态", "对照检查", "整改清单",
                 "谈心谈话", "主题教育", "全面从严治党", "形式主义", "官僚主义", "理想信念", "宗旨意识", "党性修养"]:
        assert term in words, term


def test_every_userdict_term_stays_whole_in_context():
    terms = [line.split()[0] for line in USERDICT.read_text("utf-8").splitlines() if line.strip()]
    assert len(terms) >= 300
    missed = [t for t in terms if t not in tokens(f"我们要在{t}方面认真对照")]
    assert missed == []


def test_userdict_format():
    for line in USERDICT.read_text("utf-8").splitlines():
        parts = line.split(" ")
        assert len(parts) == 3 and parts[1].isdigit() and parts[2].isalpha(), line


def test_token_spans_offsets_match_text():
    text = "我分管的河湾社区\n停工22天，  致使群众三次投诉。"
    spans = token_spans(text)
    assert all(text[s:e] == w for w, s, e in spans)
    assert all(not w.isspace() for w, _, _ in spans)
    assert [w for w, _, _ in spans] == tokens(text)
    assert "".join(w for w, _, _ in spans) == "".join(text.split())
    assert tokens("") == [] and token_spans("") == []
