"""HTML report: self-contained, and rendered for real in headless Chromium."""
from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from analyzer.report.html import render_html, write_html

from test_report_fixture import TEMPLATE_PASSAGE, chen, make_batch

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--disable-default-apps", "--mute-audio"]


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def dump_dom(path: Path, profile: Path) -> str:
    exe = chromium()
    if exe is None:
        pytest.skip("未安装 chromium（Debian: apt-get install chromium），跳过浏览器渲染测试")
    cmd = [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=5000",
           "--dump-dom", path.resolve().as_uri()]
    proc = subprocess.run(cmd, capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-2000:]
    return proc.stdout.decode("utf-8")


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.root_attrs: dict = {}
        self._stack: list[tuple[str, dict, list]] = []
        self.texts: dict[int, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.root_attrs = a
        self.elements.append((tag, a))
        self._stack.append((tag, a, []))

    def handle_endtag(self, tag):
        while self._stack:
            t, a, parts = self._stack.pop()
            text = "".join(parts)
            a["_text"] = text
            if self._stack:
                self._stack[-1][2].append(text)
            if t == tag:
                break

    def handle_data(self, data):
        if self._stack:
            self._stack[-1][2].append(data)


def parse(html: str) -> _Collect:
    p = _Collect()
    p.feed(html)
    return p


def classes(a: dict) -> set[str]:
    return set((a.get("class") or "").split())


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("html")
    batch = make_batch()
    path = tmp / "报告.html"
    write_html(batch, path)
    return batch, path, dump_dom(path, tmp / "profile")


def test_file_is_self_contained(tmp_path):
    html = render_html(make_batch())
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "@import" not in html and "url(" not in html
    assert "<script src" not in html and "<link" not in html


def test_dom_after_script_ran_without_errors(rendered):
    batch, _, dom = rendered
    doc = parse(dom)
    assert doc.root_attrs.get("data-rendered") == "ok"
    assert "data-js-errors" not in doc.root_attrs
    errors = [a for t, a in doc.elements if a.get("id") == "js-errors"]
    assert errors and errors[0]["_text"].strip() == ""
    n_spans = int(doc.root_attrs["data-highlights"])
    assert n_spans > 0
    assert int(doc.root_attrs["data-pairs"]) == len(batch.reuse)


def test_highlights_cover_finding_excerpts(rendered):
    batch, _, dom = rendered
    doc = parse(dom)
    spans = [(a, a["_text"]) for t, a in doc.elements if t == "span" and "hl" in classes(a)]
    for di, res in enumerate(batch.documents):
        ordered = sorted(res.findings, key=lambda f: (f.start, f.end, f.rule))
        for fi, f in enumerate(ordered):
            if f.end <= f.start:
                continue
            key = f"d{di}-f{fi}"
            text = "".join(t for a, t in spans if key in (a.get("data-f") or "").split())
            assert text == f.excerpt, key
            sev = [a for a, t in spans if key in (a.get("data-f") or "").split()]
            assert any(f"sev-{f.severity}" in classes(a) or "sev-error" in classes(a) for a in sev)
            cards = [a for t, a in doc.elements if a.get("id") == f"{key}-card"]
            assert len(cards) == 1 and f.message in cards[0]["_text"]
    reuse_text = "".join(t for a, t in spans if "reuse" in classes(a) and "d0-r0" in (a.get("data-r") or ""))
    assert reuse_text == TEMPLATE_PASSAGE


def test_side_by_side_views(rendered):
    batch, _, dom = rendered
    doc = parse(dom)
    pairs = [a for t, a in doc.elements if t == "div" and "pair" in classes(a)]
    assert len(pairs) == len(batch.reuse)
    lefts = [a for t, a in doc.elements if t == "div" and {"pane", "left"} <= classes(a)]
    rights = [a for t, a in doc.elements if t == "div" and {"pane", "right"} <= classes(a)]
    assert len(lefts) == len(rights) == len(batch.reuse)
    assert all(TEMPLATE_PASSAGE in a["_text"] for a in lefts + rights)
    caps = " ".join(a["_text"] for t, a in doc.elements if "cap" in classes(a))
    assert "范文“范文01”" in caps and "其他成员材料“王敏”" in caps


def test_overview_matrix_heatmap_and_groups(rendered):
    batch, _, dom = rendered
    doc = parse(dom)
    cards = {a["_text"].strip() for t, a in doc.elements if "card" in classes(a)}
    assert any(c.startswith("2") and c.endswith("审核材料") for c in cards)
    heat = [a for t, a in doc.elements if t == "td" and a.get("data-ratio")]
    assert len(heat) == 2 * 3 - 2  # two drafts × (two drafts + one template), diagonal excluded
    assert max(float(a["data-ratio"]) for a in heat) > 0.1
    groups = [a for t, a in doc.elements if "samehand-group" in classes(a)]
    assert len(groups) == 1 and "办公室小刘" in groups[0]["_text"]
    matrix_ids = [a for t, a in doc.elements if a.get("id") == "matrix"]
    assert "建议退回修改" in matrix_ids[0]["_text"]


def test_hostile_text_is_escaped(tmp_path):
    res = chen()
    res.document.text = res.document.text.replace("如有不妥", "<b>如有</b>")
    f = res.findings[-1]
    f.excerpt = "<b>如有</b>"
    f.end = f.start + len(f.excerpt)
    f.message = '<script>window.__x=1</script>"'
    batch = make_batch(chen_res=res)
    path = tmp_path / "r.html"
    write_html(batch, path)
    html = path.read_text(encoding="utf-8")
    assert "<script>window.__x" not in html and "&lt;b&gt;如有&lt;/b&gt;" in html
    dom = dump_dom(path, tmp_path / "profile")
    assert parse(dom).root_attrs.get("data-rendered") == "ok"


def test_single_draft_without_reuse(tmp_path):
    from analyzer.model import BatchResult

    batch = BatchResult(rules="2020-political-ecology", documents=[chen()])
    path = tmp_path / "one.html"
    write_html(batch, path)
    dom = dump_dom(path, tmp_path / "profile")
    doc = parse(dom)
    assert doc.root_attrs.get("data-rendered") == "ok"
    assert doc.root_attrs.get("data-pairs") == "0"
    assert not [a for t, a in doc.elements if a.get("id") == "heatmap"]


def test_plan_table_per_draft(rendered):
    _, _, dom = rendered
    doc = parse(dom)
    tables = [a for t, a in doc.elements if t == "table" and "plan-table" in classes(a)]
    assert len(tables) == 2
    assert "舆情处置迟缓" in tables[0]["_text"] and "2021年3月底前；每季度" in tables[0]["_text"]
    unset = [a for t, a in doc.elements if t == "td" and "unset" in classes(a)]
    assert unset and all(a["_text"] == "待明确" for a in unset)


def _tree(html: str):
    import lxml.html

    return lxml.html.fromstring(html)


def test_member_header_shows_cnki_figures():
    """Each draft's header carries 总雷同比例, 扣除班子, 扣除往年, 单一来源最大 and 最长片段 — the
    reuse stage's values for 陈立, as every other view shows them."""
    from test_report_fixture import CHEN_FIGURES

    page = _tree(render_html(make_batch()))
    items = page.xpath('//section[@id="d0"]//dl[@class="figures"]/div')
    got = {d.xpath("dt")[0].text_content(): d.xpath("dd")[0].text_content() for d in items}
    pct = lambda x: f"{round(x * 100)}%"  # noqa: E731
    assert got == {"总雷同比例": pct(CHEN_FIGURES["total_ratio"]), "扣除班子": pct(CHEN_FIGURES["ratio_without_team"]),
                   "扣除往年": pct(CHEN_FIGURES["ratio_without_history"]),
                   "单一来源最大": f"{pct(CHEN_FIGURES['max_source_ratio'])}（范文“范文01”）",
                   "最长片段": f"{CHEN_FIGURES['longest_passage']}字"}


def test_no_figures_for_a_draft_checked_alone():
    from analyzer.model import BatchResult

    res = chen()
    res.figures = {}   # draftcheck check: nothing to compare with
    page = _tree(render_html(BatchResult(rules="2020-political-ecology", documents=[res])))
    assert not page.xpath('//dl[@class="figures"]')


def test_heatmap_cells_link_to_their_passages():
    page = _tree(render_html(make_batch()))
    cols = [th.get("data-label") for th in page.xpath('//table[contains(@class,"heat")]//th[@class="col"]')]
    rows = page.xpath('//table[contains(@class,"heat")]/tbody/tr')
    links = 0
    for tr in rows:
        row_label = tr.xpath("td")[0].text_content()
        for col, td in zip(cols, tr.xpath("td")[1:]):
            if not td.text_content().strip() or "diag" in td.get("class"):
                continue
            (a,) = td.xpath("a")
            target = page.get_element_by_id(a.get("href")[1:])
            assert "pair" in target.get("class").split()
            draft = target.xpath('ancestor::section[contains(@class,"draft")]')[0]
            assert draft.xpath("div/h2")[0].text_content().startswith(row_label)
            assert f"“{col}”" in target.xpath('div[@class="cap"]')[0].text_content()
            links += 1
    assert links == 4  # 陈立 → 王敏, 范文01; 王敏 → 陈立, 范文01


PROBE = """<script>
window.addEventListener("load", function () {
  var out = {width: document.documentElement.scrollWidth, view: window.innerWidth};
  var table = document.getElementById("member-table");
  var heads = table.querySelectorAll("thead th");
  var col = -1;
  Array.prototype.forEach.call(heads, function (th, i) { if (th.textContent.trim() === "警告") { col = i; } });
  function names() { return Array.prototype.map.call(table.tBodies[0].rows, function (r) { return r.cells[0].textContent.trim(); }); }
  out.before = names();
  heads[col].click(); out.asc = names();
  heads[col].click(); out.desc = names();
  out.sort = heads[col].getAttribute("aria-sort");
  document.documentElement.setAttribute("data-probe", JSON.stringify(out));
});
</script></body>"""


def test_sortable_tables_and_800px_layout(tmp_path):
    """At 800 px the page needs no sideways scrolling; clicking a header sorts the member table
    by that column (numbers as numbers), a second click reverses it."""
    import json

    from analyzer.model import BatchResult

    batch = make_batch()
    third = chen(path="drafts/李强.txt")
    third.document.id = third.document.member = "李强"
    third.findings = third.findings[:1]          # 1 warning, between 王敏 (0) and 陈立 (3)
    third.figures = {}
    batch = BatchResult(rules=batch.rules, documents=[*batch.documents, third], reuse=batch.reuse,
                        same_hand=batch.same_hand, sources=batch.sources)
    html = render_html(batch).replace("</body>", PROBE)
    path = tmp_path / "r.html"
    path.write_text(html, encoding="utf-8")
    exe = chromium()
    if exe is None:
        pytest.skip("未安装 chromium（Debian: apt-get install chromium），跳过浏览器渲染测试")
    cmd = [exe, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--window-size=800,900",
           "--virtual-time-budget=5000", "--dump-dom", path.resolve().as_uri()]
    proc = subprocess.run(cmd, capture_output=True, timeout=120)
    dom = parse(proc.stdout.decode("utf-8"))
    probe = json.loads(dom.root_attrs["data-probe"])
    assert probe["view"] == 800
    assert probe["width"] <= probe["view"]
    assert probe["before"] == ["陈立", "王敏", "李强"]
    assert probe["asc"] == ["王敏", "李强", "陈立"] and probe["desc"] == ["陈立", "李强", "王敏"]
    assert probe["sort"] == "descending"
