"""Paragraph roles from content, for text no recognised heading covers.

A draft's parts come in a known order — problems, causes, measures, criticism — and each part has a
voice of its own: problems speak of shortfalls and of what happened, causes of roots (根源, 党性,
理想信念), measures of the future and of actions (要, 坚持, 年底前, 每月), criticism names a colleague.
``RoleModel.segment`` scores every paragraph for each role with the cue patterns of
``rules/roles.yaml`` and cuts the run of paragraphs into at most one block per role, in that order,
maximising the total score minus a cost per switch (a left-to-right segmentation, solved exactly by
dynamic programming). The opening formula, the closing formula and preparation narrative score as
``other`` and may stand before the first block and after the last.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError
from .paths import RULES_DIR

ROLES_FILE = RULES_DIR / "roles.yaml"
CORE_ORDER = ("problems", "causes", "measures", "criticism")
OTHER = "other"
OPENER_BONUS = 20.0   # more than any paragraph's cues for another part: the announced part starts there
# a paragraph opening with an item number is an item of some part: the opening, the closing and the
# preparation narrative (``other``) are not numbered, so its cues for ``other`` do not count
_ITEM_NUMBER = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}是|\d{1,2}[.．、]"
                          r"(?!\d)|[①-⑳])")


@dataclass
class RoleModel:
    cues: dict[str, list[tuple[re.Pattern, float]]]
    cap: int
    switch_cost: float
    min_block_score: float
    openers: dict[str, list[re.Pattern]] = None   # cue lines that open a part (究其原因, 下一步，我将……)

    def opener(self, text: str) -> str | None:
        """The part a paragraph announces by its opening words, or None."""
        for role, rxs in (self.openers or {}).items():
            if any(rx.match(text) for rx in rxs):
                return role
        return None

    def scores(self, text: str) -> dict[str, float]:
        """Cue score of one paragraph (simplified-character text) for every role and ``other``."""
        out = {}
        for role, cues in self.cues.items():
            s = 0.0
            for rx, w in cues:
                n = len(rx.findall(text))
                if n:
                    s += w * min(n, self.cap)
            out[role] = s
        return out

    def segment(self, paras: list[str], allowed: list[str]) -> list[str]:
        """A role (one of ``allowed``, in canonical order, or ``other``) for every paragraph.

        States: other, then each allowed role in order, then other again; the path through them is
        monotone, so each role gets at most one contiguous block. Blocks scoring below
        ``min_block_score`` for their role fall back to ``other``."""
        if not paras or not allowed:
            return [OTHER] * len(paras)
        order = [r for r in CORE_ORDER if r in allowed]
        states = [OTHER, *order, OTHER]
        sc = [self.scores(p) for p in paras]
        for p, row in zip(paras, sc):
            if _ITEM_NUMBER.match(p):
                row[OTHER] = 0.0
        for p, row in zip(paras, sc):   # a paragraph that announces a part opens it, however it reads on
            role = self.opener(p)
            if role in order:
                row[role] += OPENER_BONUS
        n, m = len(paras), len(states)
        neg = float("-inf")
        best = [[neg] * m for _ in range(n)]
        back = [[0] * m for _ in range(n)]
        for j in range(m):
            best[0][j] = sc[0][states[j]] - (self.switch_cost if j else 0.0)
        for i in range(1, n):
            for j in range(m):
                # stay in j, or come from any earlier state k < j at the cost of one switch
                stay = best[i - 1][j]
                if j:
                    k_best = max(range(j), key=lambda k: best[i - 1][k])
                    come = best[i - 1][k_best] - self.switch_cost
                else:
                    k_best, come = 0, neg
                if stay >= come:
                    best[i][j], back[i][j] = stay, j
                else:
                    best[i][j], back[i][j] = come, k_best
                best[i][j] += sc[i][states[j]]
        j = max(range(m), key=lambda k: best[n - 1][k])
        path = [0] * n
        for i in range(n - 1, -1, -1):
            path[i] = j
            j = back[i][j]
        roles = [states[k] for k in path]
        # weak blocks are not parts of their own
        i = 0
        while i < n:
            k = i
            while k + 1 < n and roles[k + 1] == roles[i]:
                k += 1
            if roles[i] != OTHER and sum(sc[x][roles[i]] for x in range(i, k + 1)) < self.min_block_score:
                for x in range(i, k + 1):
                    roles[x] = OTHER
            i = k + 1
        return roles


def _cfg(path: str, key: str, problem: str) -> ConfigError:
    return ConfigError(f"{path}：配置项“{key}”{problem}。请对照 rules/roles.yaml 的说明修改")


def load_role_model(path: str | Path | None = None) -> RoleModel:
    import yaml

    p = Path(path) if path is not None else ROLES_FILE
    name = str(p)
    try:
        raw = yaml.safe_load(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{name}：无法读取（{exc.strerror or exc}）。请检查文件是否存在") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{name}：YAML 格式错误（{exc}）。请修正后重试") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("roles"), dict):
        raise _cfg(name, "roles", "应为“部分名称: [线索……]”的映射")
    unknown = set(raw) - {"version", "cap", "switch_cost", "min_block_score", "roles"}
    if unknown:
        raise _cfg(name, "、".join(sorted(unknown)), "无法识别")
    cues: dict[str, list[tuple[re.Pattern, float]]] = {}
    openers: dict[str, list[re.Pattern]] = {}
    for role, entries in raw["roles"].items():
        if role not in (*CORE_ORDER, OTHER):
            raise _cfg(name, f"roles.{role}", f"不是可用的部分（{'、'.join((*CORE_ORDER, OTHER))}）")
        out = []
        for i, e in enumerate(entries or []):
            key = f"roles.{role}[{i}]"
            if not isinstance(e, dict) or not {"weight", "pattern"} <= set(e) <= {"weight", "pattern", "opens"}:
                raise _cfg(name, key, "应为含 weight 和 pattern（可加 opens）的映射")
            if not isinstance(e["weight"], (int, float)):
                raise _cfg(name, f"{key}.weight", "应为数字")
            try:
                out.append((re.compile(e["pattern"], re.M), float(e["weight"])))
                if e.get("opens"):
                    openers.setdefault(role, []).append(re.compile(e["pattern"]))
            except (re.error, TypeError) as exc:
                raise _cfg(name, f"{key}.pattern", f"不是有效的正则表达式（{exc}）") from exc
        cues[role] = out
    for role in (*CORE_ORDER, OTHER):
        cues.setdefault(role, [])
    return RoleModel(cues=cues, cap=int(raw.get("cap", 3)), switch_cost=float(raw.get("switch_cost", 1.5)),
                     min_block_score=float(raw.get("min_block_score", 2.0)), openers=openers)


_MODEL: RoleModel | None = None


def default_model() -> RoleModel:
    global _MODEL
    if _MODEL is None:
        _MODEL = load_role_model()
    return _MODEL
