"""The one-way flow: load → structure → per-document rules → batch reuse and same-hand → decisions
→ BatchResult.

Nothing here formats output; renderers in ``analyzer.report`` take the BatchResult.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from analyzer.decide import decide
from analyzer.errors import InputError
from analyzer.model import BatchResult, DocResult, Document, LoadFailure

Progress = Callable[[int, int], None]
# A rule set, or a function choosing one once the drafts are loaded (e.g. by the theme in their titles).
Rules = Any


def _resolve_rules(rules: Rules, docs: list[Document]):
    return rules(docs) if callable(rules) else rules


@dataclass
class BatchOptions:
    """Everything ``draftcheck batch`` can be told besides the directory."""

    team: Sequence[Path] = ()
    templates: Path | None = None
    history: Path | None = None
    manifest: Path | None = None
    store: Path | None = None          # None → default location
    use_store: bool = True
    progress: Progress | None = None
    meeting_date: date | None = None   # --meeting-date (else the manifest's, else inferred)
    extra: dict = field(default_factory=dict)


def analyse_document(doc: Document, ruleset) -> DocResult:
    """Structure and per-document rules for one loaded draft."""
    from analyzer.structure import parse

    structure = parse(doc)
    findings = ruleset.check(doc, structure)
    return DocResult(document=doc, structure=structure, findings=findings)


def _manifest(path: Path | None):
    if path is None:
        return None
    from analyzer.identity import Manifest

    return Manifest.read(path)


def load_documents(paths: Iterable[Path], *, kind: str = "member", manifest=None
                   ) -> tuple[list[Document], list[LoadFailure]]:
    """Load every path; a file that cannot be read becomes a LoadFailure, never an exception."""
    from analyzer.load import display_path, load_document

    docs: list[Document] = []
    failures: list[LoadFailure] = []
    for path in paths:
        try:
            doc = load_document(path, kind=kind)
        except InputError as err:
            failures.append(LoadFailure(err.path, str(err)))
            continue
        except OSError as err:  # permissions, vanished files
            failures.append(LoadFailure(display_path(path), f"{display_path(path)}：无法读取文件（{err.strerror or err}）。请检查文件权限后重试"))
            continue
        if manifest is not None:
            entry = manifest.lookup(path)
            if entry is not None:
                manifest.apply(doc, entry)
        docs.append(doc)
    return docs, failures


def _year_on_year(result: BatchResult, ruleset, meeting_date: date | None) -> None:
    """Meeting dates and year-on-year findings (stale deadlines; analyzer.yearly)."""
    from analyzer.yearly import year_on_year

    year_on_year(result, ruleset, meeting_date)


def check_paths(paths: Sequence[Path], rules: Rules, *, manifest: Path | None = None,
                meeting_date: date | None = None) -> BatchResult:
    """``draftcheck check``: each file on its own, no cross-comparison."""
    docs, failures = load_documents(paths, manifest=_manifest(manifest))
    ruleset = _resolve_rules(rules, docs)
    result = BatchResult(rules=ruleset.id, errors=failures)
    result.documents = [analyse_document(d, ruleset) for d in docs]
    _year_on_year(result, ruleset, meeting_date)
    return decide(result)


def _dir_docs(directory: Path | None, kind: str, manifest) -> tuple[list[Document], list[LoadFailure]]:
    if directory is None:
        return [], []
    from analyzer.load import discover

    paths, failures = discover(directory)
    docs, more = load_documents(paths, kind=kind, manifest=manifest)
    return docs, failures + more


def run_batch(directory: Path, rules: Rules, options: BatchOptions | None = None) -> BatchResult:
    """``draftcheck batch``: check every draft under ``directory`` and compare them."""
    from analyzer.load import discover
    from analyzer.reuse import HistoryStore, default_store_path, detect_reuse, load_templates
    from analyzer.samehand import find_same_hand

    opts = options or BatchOptions()
    manifest = _manifest(opts.manifest)
    paths, failures = discover(directory)
    members, more = load_documents(paths, manifest=manifest)
    failures += more
    team, more = load_documents(opts.team, kind="team", manifest=manifest)
    failures += more
    history, more = _dir_docs(opts.history, "history", manifest)
    failures += more
    extra_templates, more = _dir_docs(opts.templates, "template", manifest)
    failures += more
    templates = load_templates() + extra_templates
    ruleset = _resolve_rules(rules, members)

    result = BatchResult(rules=ruleset.id, errors=failures, root=str(directory))
    total = len(members)
    for n, doc in enumerate(members, 1):
        result.documents.append(analyse_document(doc, ruleset))
        if opts.progress:
            opts.progress(n, total)

    store = None
    if opts.use_store:
        store = HistoryStore(opts.store or default_store_path())
    try:  # with a store, detect_reuse also looks up earlier years and then stores this batch
        found = detect_reuse(members, templates=templates, history=history, team=team,
                             boilerplate=ruleset.boilerplate_phrases(), store=store)
    finally:
        if store is not None:
            store.close()
    result.reuse = found.reuse
    for res in result.documents:
        res.figures = found.figures.get(res.document.id, {})
    result.sources = {d.id: d for d in (*team, *templates, *history)}

    from analyzer.batch_findings import reuse_findings

    by_id = {r.document.id: r for r in result.documents}
    names = {d.id: d.member or d.id for d in (*members, *result.sources.values())}
    for doc_id, findings in reuse_findings(result.reuse, by_id, names).items():
        by_id[doc_id].findings.extend(findings)

    masks: dict[str, list[tuple[int, int]]] = {}
    for r in result.reuse:
        masks.setdefault(r.doc, []).append((r.start, r.end))
    result.same_hand = find_same_hand(members, masks=masks, boilerplate=ruleset.boilerplate_phrases(),
                                       reference=[*team, *templates])
    _year_on_year(result, ruleset, opts.meeting_date)
    return decide(result)
