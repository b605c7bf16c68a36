"""Local history store: each batch's drafts, so that next year's batch finds recycled drafts.

SQLite (stdlib), one table; a draft is keyed by the SHA-256 of its text, so storing the same text
twice keeps one row (the newest id/path/year win).
"""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from analyzer.model import Document

_SCHEMA = """
CREATE TABLE IF NOT EXISTS drafts (
    sha256   TEXT PRIMARY KEY,
    id       TEXT NOT NULL,
    member   TEXT NOT NULL,
    year     INTEGER,
    path     TEXT,
    format   TEXT,
    text     TEXT NOT NULL,
    added    TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX IF NOT EXISTS drafts_member ON drafts(member, year);
"""


def default_store_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("draftcheck")) / "history.sqlite3"


def member_key(doc: Document) -> str:
    """Identity a draft is filed under: the member's name, else the document id (file stem) without a
    year written in it (黄海燕-2020 → 黄海燕), so that each year's file of one member meets the others."""
    from analyzer.identity import split_year

    return doc.member or split_year(doc.id)[0]


def text_sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class HistoryStore:
    """``HistoryStore(path)``; ``path=None`` uses the user's data directory."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path is not None else default_store_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(self.path))
        self._db.executescript(_SCHEMA)

    def add(self, docs: list[Document]) -> int:
        """Store drafts (deduplicated by text hash) with the year each reviews; returns how many rows
        were new."""
        from analyzer.yearly.lineage import review_year

        before = self._db.total_changes
        # the year reviewed: the manifest's, else the title's (2020年度), so that a batch with a
        # manifest next year still finds drafts stored without one
        rows = [(text_sha(d.text), d.id, member_key(d), review_year(d), d.path, d.format, d.text)
                for d in docs if d.text and d.text.strip()]
        with self._db:
            self._db.executemany(
                "INSERT INTO drafts(sha256, id, member, year, path, format, text) VALUES (?,?,?,?,?,?,?) "
                "ON CONFLICT(sha256) DO UPDATE SET id=excluded.id, member=excluded.member, "
                "year=COALESCE(excluded.year, drafts.year), path=excluded.path", rows)
        return self._db.total_changes - before

    def earlier(self, member: str, before_year: int | None = None) -> list[Document]:
        """The member's stored drafts (kind "history"), only years before ``before_year`` if given."""
        if before_year is None:
            cur = self._db.execute(
                "SELECT id, member, year, path, format, text FROM drafts WHERE member=? ORDER BY year, id",
                (member,))
        else:
            cur = self._db.execute(
                "SELECT id, member, year, path, format, text FROM drafts WHERE member=? AND year IS NOT NULL "
                "AND year < ? ORDER BY year, id", (member, before_year))
        out = []
        for id_, mem, year, path, fmt, text in cur.fetchall():
            out.append(Document(id=id_ if year is None or str(year) in id_ else f"{id_}-{year}",
                                path=path or "", text=text, format=fmt or "txt", kind="history",
                                member=mem, year=year, metadata={"from_store": True}))
        return out

    def earlier_for(self, docs: list[Document], known: list[Document] = ()) -> list[Document]:
        """The stored drafts of these drafts' members (:meth:`earlier` of each), each text once and
        none with the text of one of ``docs`` or of ``known`` (earlier drafts already at hand)."""
        seen = {text_sha(d.text) for d in (*docs, *known)}
        out: list[Document] = []
        for d in docs:
            for h in self.earlier(member_key(d), d.year):
                sha = text_sha(h.text)
                if sha not in seen:
                    seen.add(sha)
                    out.append(h)
        return out

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM drafts").fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "HistoryStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
