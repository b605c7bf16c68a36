"""The reviewer's rules: a rule engine whose rules are YAML data (``rules/*.yaml``, ``rules/themes``).

Public API::

    from analyzer.rules import load_ruleset, RuleSet
    rs = load_ruleset("2020-political-ecology", select=["VAG"], ignore=["NUM001"])
    findings = rs.check(document, structure)
    theme_id = infer_theme(documents)   # theme from titles/openings and years, or None
"""
from ..errors import ConfigError
from .engine import (DEFAULT_THEME, GENERAL_THEME, Rule, RuleSet, assumed_theme, infer_theme, load_ruleset,
                     validate_path)

__all__ = ["ConfigError", "DEFAULT_THEME", "GENERAL_THEME", "Rule", "RuleSet", "assumed_theme", "infer_theme",
           "load_ruleset", "validate_path"]
