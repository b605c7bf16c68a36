"""The year-on-year data file ``rules/batch/yearly.yaml``: rule wording and the word lists and thresholds
of the meeting-date inference and problem lineage, read once and checked."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from analyzer.errors import ConfigError
from analyzer.paths import RULES_DIR

YEARLY_RULES = RULES_DIR / "batch" / "yearly.yaml"


@lru_cache(maxsize=1)
def yearly_data() -> dict[str, Any]:
    import yaml

    try:
        data = yaml.safe_load(YEARLY_RULES.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise ConfigError(f"{YEARLY_RULES}：无法读取年度对比规则（{err}）。请检查该文件") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{YEARLY_RULES}：顶层应为映射")
    return data


def section(name: str) -> dict[str, Any]:
    got = yearly_data().get(name)
    if not isinstance(got, dict):
        raise ConfigError(f"{YEARLY_RULES}：缺少 {name} 部分")
    return got


def compiled(name: str, key: str) -> re.Pattern:
    """A pattern of the data file, folded like the marker patterns and checked."""
    return _compiled(name, key)


@lru_cache(maxsize=64)
def _compiled(name: str, key: str) -> re.Pattern:
    from analyzer.rules.markers import check_regex, fold_pattern

    value = section(name).get(key)
    if isinstance(value, list):
        from analyzer.rules.markers import fold_phrase, trie_regex

        words = sorted({fold_phrase(str(w)) for w in value if str(w).strip()}, key=lambda s: (-len(s), s))
        if not words:
            raise ConfigError(f"{YEARLY_RULES}：{name}.{key} 为空")
        return re.compile(trie_regex(words))
    if not isinstance(value, str):
        raise ConfigError(f"{YEARLY_RULES}：缺少 {name}.{key}（应为正则表达式或词语列表）")
    return check_regex(fold_pattern(value), f"{YEARLY_RULES} {name}.{key}")


def number(name: str, key: str) -> float:
    value = section(name).get(key)
    if not isinstance(value, (int, float)):
        raise ConfigError(f"{YEARLY_RULES}：{name}.{key} 应为数字")
    return float(value)
