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
from analyzer.parallel import map_ordered
from analyzer.timings import stage

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
    history_manifest: Path | None = None   # the earlier drafts' own manifest (else ``manifest``)
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


def _analyse_in_batch(rulesets: dict, doc: Document) -> DocResult:
    return analyse_document(doc, rulesets[doc.team])


def _manifest(path: Path | None):
    if path is None:
        return None
    from analyzer.identity import Manifest

    return Manifest.read(path)


def _load_one(path: Path, kind: str, shown: str | None = None) -> Document | LoadFailure:
    """One file as a Document, or the LoadFailure saying why not (named by ``shown`` when given)."""
    from analyzer.load import display_path, load_document

    try:
        return load_document(path, kind=kind)
    except InputError as err:
        if shown is None:
            return LoadFailure(err.path, str(err))
        return LoadFailure(shown, str(InputError(shown, err.problem, err.fix)))
    except OSError as err:  # permissions, vanished files
        where = shown or display_path(path)
        return LoadFailure(where, f"{where}：无法读取文件（{err.strerror or err}）。请检查文件权限后重试")


def load_documents(paths: Iterable[Path], *, kind: str = "member", manifest=None, matched: set | None = None
                   ) -> tuple[list[Document], list[LoadFailure]]:
    """Load every path; a file that cannot be read becomes a LoadFailure, never an exception.

    ``matched`` collects the line numbers of the manifest rows the files matched (roster check).
    """
    docs: list[Document] = []
    failures: list[LoadFailure] = []
    for path in paths:
        got = _load_one(path, kind)
        entry = manifest.lookup(path) if manifest is not None else None
        if entry is not None and matched is not None:
            matched.add(entry.line)
        if isinstance(got, LoadFailure):
            failures.append(got)
            continue
        if entry is not None:
            manifest.apply(got, entry)
        docs.append(got)
    return docs, failures


def _year_on_year(result: BatchResult, ruleset, meeting_date: date | None, history=()) -> None:
    """Meeting dates and year-on-year findings (stale deadlines, problems raised again; analyzer.yearly)."""
    from analyzer.yearly import year_on_year

    year_on_year(result, ruleset, meeting_date, history=history)


def load_entries(entries, *, kind: str = "member", manifest=None, matched: set | None = None
                 ) -> tuple[list[tuple[Document, tuple[str, ...]]], list[LoadFailure]]:
    """Load gathered batch entries (:func:`analyzer.load.zipinput.gather`) with their place in the batch.

    A zip entry's Document names the archive and the entry in ``path`` and keeps the scratch copy
    in ``source_file``; a draft takes its team from the manifest's unit or its folder.
    """
    from analyzer.teams import assign_team

    placed: list[tuple[Document, tuple[str, ...]]] = []
    failures: list[LoadFailure] = []
    for e in entries:
        got = _load_one(e.file, kind, e.shown if e.in_archive else None)
        entry = manifest.lookup(e.shown, e.parts) if manifest is not None else None
        if entry is not None and matched is not None:
            matched.add(entry.line)
        if isinstance(got, LoadFailure):
            failures.append(got)
            continue
        if e.in_archive:
            got.path, got.source_file = e.shown, str(e.file)
        if entry is not None:
            manifest.apply(got, entry)
        assign_team(got, e.parts)
        placed.append((got, e.parts))
    return placed, failures


def check_paths(paths: Sequence[Path], rules: Rules, *, manifest: Path | None = None,
                meeting_date: date | None = None, history: Path | None = None,
                history_manifest: Path | None = None) -> BatchResult:
    """``draftcheck check``: each file on its own, as a batch of one: compared with the shipped templates
    and its author's earlier drafts, never with the other files (``history``: the authors'
    earlier drafts, for the year-on-year comparison, identified by ``history_manifest`` if given, else
    by ``manifest``)."""
    mf = _manifest(manifest)
    docs, failures = load_documents(paths, manifest=mf)
    scratch = _scratch()
    try:
        earlier, more = _tree_docs(history, "history", _manifest(history_manifest) or mf, scratch, set())
    finally:
        scratch.cleanup()
    ruleset = _resolve_rules(rules, docs)
    result = BatchResult(rules=ruleset.id, errors=failures + more)
    result.documents = [analyse_document(d, ruleset) for d in docs]
    # each draft as a batch of one: copying from the shipped templates and the author's earlier drafts
    from analyzer.reuse import detect_reuse, load_templates

    templates = load_templates()
    for doc in docs:
        found = detect_reuse([doc], templates=templates, history=earlier, boilerplate=ruleset.boilerplate_phrases())
        _attach_reuse(result, found, [doc], (*templates, *earlier))
    _year_on_year(result, ruleset, meeting_date, earlier)
    return decide(result)


def _attach_reuse(result: BatchResult, found, members: Sequence[Document], sources: Sequence[Document]) -> None:
    """The reuse stage's passages, figures and findings (REU rules) on the drafts of ``result``."""
    from analyzer.batch_findings import reuse_findings

    result.reuse.extend(found.reuse)
    by_id = {r.document.id: r for r in result.documents}
    for doc in members:
        by_id[doc.id].figures = found.figures.get(doc.id, {})
    result.sources.update({d.id: d for d in sources})
    names = {d.id: d.member or d.id for d in (*members, *result.sources.values())}
    for doc_id, findings in reuse_findings(found.reuse, by_id, names).items():
        by_id[doc_id].findings.extend(findings)


def _scratch():
    import tempfile

    return tempfile.TemporaryDirectory(prefix="draftcheck-")


def _tree_docs(root: Path | None, kind: str, manifest, scratch, matched: set
               ) -> tuple[list[Document], list[LoadFailure]]:
    """The readable documents under a folder or .zip (templates, history)."""
    if root is None:
        return [], []
    from analyzer.load.zipinput import gather

    entries, failures = gather(root, Path(scratch.name))
    placed, more = load_entries(entries, kind=kind, manifest=manifest, matched=matched)
    return [d for d, _ in placed], failures + more


def _empty_batch(directory: Path) -> LoadFailure:
    from analyzer.load import display_path

    shown = display_path(directory)
    return LoadFailure(shown, f"{shown}：没有找到可审核的材料（.docx、.txt、.md、.pdf、.doc、.wps 或 .zip）。"
                              "请确认目录选对了、材料已放入其中")


def run_batch(directory: Path, rules: Rules, options: BatchOptions | None = None) -> BatchResult:
    """``draftcheck batch``: check every draft under ``directory`` (a folder or a .zip) and compare them.

    Teams (subfolders, or the manifest's unit) get their own theme, rule set and same-hand groups;
    copying is looked for across the whole batch.
    """
    from analyzer.load.zipinput import gather
    from analyzer.reuse import HistoryStore, default_store_path, detect_reuse, load_templates
    from analyzer.samehand import find_same_hand
    from analyzer.teams import by_team, roster_missing, team_of_source, unique_ids

    opts = options or BatchOptions()
    manifest = _manifest(opts.manifest)
    scratch = _scratch()
    matched: set[int] = set()
    with stage("读取材料"):
        entries, failures = gather(directory, Path(scratch.name))
        placed, more = load_entries(entries, manifest=manifest, matched=matched)
    failures += more
    if not entries and not failures:
        failures.append(_empty_batch(directory))
    unique_ids(placed)
    members = [d for d, _ in placed]
    teams = by_team(members)
    team, more = load_documents(opts.team, kind="team", manifest=manifest, matched=matched)
    failures += more
    for d in team:
        d.team = team_of_source(d, [t for t in teams if t])
    if opts.history_manifest is not None:  # its own rows: they say nothing of this year's roster
        history, more = _tree_docs(opts.history, "history", _manifest(opts.history_manifest), scratch, set())
    else:
        history, more = _tree_docs(opts.history, "history", manifest, scratch, matched)
    failures += more
    extra_templates, more = _tree_docs(opts.templates, "template", manifest, scratch, matched)
    failures += more
    templates = load_templates() + extra_templates

    rulesets = {name: _resolve_rules(rules, docs) for name, docs in teams.items()} or {None: _resolve_rules(rules, [])}
    main_rules = max(rulesets.items(), key=lambda kv: (len(teams.get(kv[0], ())), kv[0] is None))[1]
    result = BatchResult(rules=main_rules.id, errors=failures, root=str(directory),
                         scratch=scratch)
    if len(teams) > 1 or any(t is not None for t in teams):
        result.team_rules = {name: rs.id for name, rs in rulesets.items() if name is not None}
    result.missing = roster_missing(manifest, matched, members)
    with stage("结构与规则"):
        result.documents = map_ordered(_analyse_in_batch, members, rulesets, progress=opts.progress)
        for res, doc in zip(result.documents, members):
            res.document = doc  # (a worker's result holds a copy)

    boilerplate = list(dict.fromkeys(p for rs in rulesets.values() for p in rs.boilerplate_phrases()))
    store = None
    stored: list[Document] = []
    if opts.use_store:
        store = HistoryStore(opts.store or default_store_path())
    try:  # with a store, detect_reuse also looks up earlier years and then stores this batch
        if store is not None:
            stored = store.earlier_for(members)
        with stage("雷同比对"):
            found = detect_reuse(members, templates=templates, history=history, team=team,
                                 boilerplate=boilerplate, store=store)
    finally:
        if store is not None:
            store.close()
    _attach_reuse(result, found, members, (*team, *templates, *history))
    if result.team_rules:
        team_by_id = {d.id: d.team for d in (*members, *team)}
        for r in result.reuse:
            r.source_team = team_by_id.get(r.source)

    masks: dict[str, list[tuple[int, int]]] = {}
    for r in result.reuse:
        masks.setdefault(r.doc, []).append((r.start, r.end))
    # one batch: pairs inside each team, neighbours across teams, rarity counted over the whole batch
    with stage("疑似代写"):
        result.same_hand = find_same_hand(members, masks=masks, reference=[*team, *templates],
                                          boilerplate={name: rs.boilerplate_phrases()
                                                       for name, rs in rulesets.items()})
    with stage("年度对比"):
        _year_on_year(result, main_rules, opts.meeting_date, [*history, *stored])
    with stage("结论"):
        return decide(result)
