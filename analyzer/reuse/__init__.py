"""Copy detection (抄袭雷同): drafts against each other, public templates, earlier years, team material.

Public API::

    from analyzer.reuse import detect_reuse, ReuseResult, HistoryStore, compare_documents, load_templates
"""
from analyzer.reuse.detect import (
    ReuseConfig,
    ReuseResult,
    compare_documents,
    detect_reuse,
    load_standard_phrases,
    load_templates,
)
from analyzer.reuse.store import HistoryStore, default_store_path

__all__ = ["detect_reuse", "ReuseResult", "ReuseConfig", "HistoryStore", "compare_documents",
           "load_templates", "load_standard_phrases", "default_store_path"]
