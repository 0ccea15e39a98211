"""The embedded default store: one SQLite file in WAL mode, one transaction per article.

A crash or Ctrl-C mid-batch loses at most the article being written; everything committed before stays.
The same report (one outlet's title and body) is stored once, whatever file or feed it came from.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from newsprism._errors import StoreError
from newsprism.store import _sqlite_search as _search_sql
from newsprism.store._codec import (
    analysis_from_json,
    analysis_to_json,
    article_from_row,
    article_to_row,
    story_from_json,
    story_to_json,
    vectors_to_bytes,
)
from newsprism.store._outcome import Added, Outcome
from newsprism.store._search import Source, StoryPage, StoryQuery
from newsprism.types import Analysis, Article, FeedState, Story

SCHEMA_VERSION = 2  # 2: the outlet is part of the content hash
# Another process writing to the same store is waited for this long before giving up.
BUSY_TIMEOUT_S = 30.0
# Keys per `IN (...)` query, well under SQLite's bound on query parameters.
_SQL_BATCH = 500
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, content_hash TEXT NOT NULL UNIQUE, title TEXT NOT NULL, text TEXT NOT NULL,
    outlet TEXT, url TEXT, published TEXT, language TEXT, source TEXT, ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);
CREATE TABLE IF NOT EXISTS analyses (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE, version INTEGER NOT NULL,
    payload TEXT NOT NULL, embedding BLOB NOT NULL, sentence_vectors BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS stories (id TEXT PRIMARY KEY, payload TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS story_events (
    story_id TEXT NOT NULL, kind TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY, etag TEXT NOT NULL, last_modified TEXT NOT NULL, checked_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS feed_entries (
    feed_url TEXT NOT NULL, entry_key TEXT NOT NULL, seen_at TEXT NOT NULL, PRIMARY KEY (feed_url, entry_key)
);
"""


def content_hash(article: Article) -> str:
    """Hash of the outlet and the normalised title and body: the identity used to store a report once. The same
    wire text from another outlet is another report — stored, so the clusterer can mark it a copy of the first
    in its story (schema version 1 hashed the text alone, and the copy was taken for the stored report)."""
    normal = " ".join(f"{article.title}\n{article.text}".split()).lower()
    outlet = " ".join(article.outlet.split()).lower()
    return hashlib.sha256(f"{outlet}\n{normal}".encode() if outlet else normal.encode()).hexdigest()


def rehashed(rows: Iterable[dict[str, Any]]) -> list[tuple[str, str]]:
    """(new content hash, id) for stored article rows (id, title, text, outlet) whose hash predates the outlet
    being part of it; the hashes only grow more distinct, so updating them never breaks uniqueness."""
    return [
        (
            content_hash(Article(id=row["id"], title=row["title"], text=row["text"], outlet=row["outlet"] or "")),
            row["id"],
        )
        for row in rows
    ]


class SQLiteStore:
    """The `Store` on one SQLite file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_S)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.executescript(_SCHEMA)
            self._db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            self._upgrade()
            self._prepare_search()
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc})") from exc

    def _prepare_search(self) -> None:
        """The story search tables; a store made before them has its stories indexed now, once."""
        _search_sql.create_tables(self._db)
        if _search_sql.is_current(self._db):
            return
        with self._transaction():
            if not _search_sql.is_current(self._db):  # another process indexed it meanwhile
                _search_sql.reindex_all(self._db)

    def _upgrade(self) -> None:
        """Bring a store written by an earlier schema version up to this one (in one transaction)."""
        if self._schema_version() >= SCHEMA_VERSION:
            return
        with self._transaction():
            if self._schema_version() >= SCHEMA_VERSION:  # another process upgraded it meanwhile
                return
            rows = self._db.execute("SELECT id, title, text, outlet FROM articles").fetchall()
            self._db.executemany("UPDATE articles SET content_hash = ? WHERE id = ?", rehashed(map(dict, rows)))
            self._db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))

    def _schema_version(self) -> int:
        return int(self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])

    def add(self, analysis: Analysis) -> Added:
        """Store an article with its analysis, deciding inside one write transaction (BEGIN IMMEDIATE takes the
        file's write lock first) whether its id or its report is already taken, so two writers racing — threads
        or processes — each get the true answer and nothing is lost."""
        article = analysis.article
        digest = content_hash(article)
        embedding, sentences, _ = vectors_to_bytes(analysis)
        try:
            with self._transaction():
                taken = self._taken(article.id, digest)
                if taken is not None:
                    return taken
                self._db.execute(
                    "INSERT INTO articles VALUES (:id, :hash, :title, :text, :outlet, :url, :published, "
                    ":language, :source, :now)",
                    {**article_to_row(article), "hash": digest, "now": datetime.now().isoformat(timespec="seconds")},
                )
                self._db.execute(
                    "INSERT OR REPLACE INTO analyses VALUES (?, ?, ?, ?, ?)",
                    (article.id, analysis.version, analysis_to_json(analysis), embedding, sentences),
                )
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot store article {article.id} ({exc})") from exc
        return Added(Outcome.STORED, article.id)

    def _taken(self, article_id: str, digest: str) -> Added | None:
        """Inside the write transaction: the answer when the id or the report is already stored, else None."""
        row = self._db.execute("SELECT content_hash FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is not None:
            return Added(Outcome.ALREADY_STORED if row[0] == digest else Outcome.REFUSED, article_id)
        row = self._db.execute("SELECT id FROM articles WHERE content_hash = ?", (digest,)).fetchone()
        return Added(Outcome.ALREADY_STORED, row[0]) if row is not None else None

    def contains(self, article: Article) -> bool:
        """Whether the same report (outlet and text) or id is already stored, so a batch can skip its analysis."""
        return self.find(article) is not None

    def find(self, article: Article) -> str | None:
        """The stored id of this content (or of this id), if any."""
        row = self._db.execute(
            "SELECT id FROM articles WHERE content_hash = ? OR id = ?", (content_hash(article), article.id)
        ).fetchone()
        return row["id"] if row else None

    def get_article(self, article_id: str) -> Article | None:
        row = self._db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return article_from_row(dict(row)) if row else None

    def get_analysis(self, article_id: str) -> Analysis | None:
        article = self.get_article(article_id)
        if article is None:
            return None
        row = self._db.execute("SELECT * FROM analyses WHERE article_id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        return analysis_from_json(article, row["payload"], row["embedding"], row["sentence_vectors"])

    def iter_articles(self) -> Iterator[Article]:
        for row in self._db.execute("SELECT * FROM articles ORDER BY published, id"):
            yield article_from_row(dict(row))

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def stale_analyses(self, version: int) -> list[str]:
        """Ids of the articles whose stored analysis was made by another analysis version than `version`."""
        query = "SELECT article_id FROM analyses WHERE version <> ? ORDER BY article_id"
        return [row[0] for row in self._db.execute(query, (version,))]

    def replace_analysis(self, analysis: Analysis) -> None:
        """Put a new analysis of a stored article in place of the old one, in one transaction."""
        embedding, sentences, _ = vectors_to_bytes(analysis)
        try:
            with self._transaction():
                self._db.execute(
                    "UPDATE analyses SET version = ?, payload = ?, embedding = ?, sentence_vectors = ? "
                    "WHERE article_id = ?",
                    (analysis.version, analysis_to_json(analysis), embedding, sentences, analysis.article.id),
                )
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot store the analysis of {analysis.article.id} ({exc})") from exc

    def save_story(self, story: Story) -> None:
        payload = story_to_json(story)
        with self._transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO stories VALUES (?, ?, ?)",
                (story.id, payload, datetime.now().isoformat(timespec="seconds")),
            )
            _search_sql.index_story(self._db, story)

    def get_story(self, story_id: str) -> Story | None:
        row = self._db.execute("SELECT payload FROM stories WHERE id = ?", (story_id,)).fetchone()
        return story_from_json(row["payload"]) if row else None

    def iter_stories(self) -> Iterator[Story]:
        for row in self._db.execute("SELECT payload FROM stories ORDER BY id"):
            yield story_from_json(row["payload"])

    def delete_story(self, story_id: str) -> None:
        with self._transaction():
            self._db.execute("DELETE FROM stories WHERE id = ?", (story_id,))
            _search_sql.unindex_story(self._db, story_id)

    def search_stories(self, query: StoryQuery) -> StoryPage:
        """One page of the stories matching `query` (full text by FTS5), with the total count."""
        try:
            return _search_sql.search(self._db, query)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: story search failed ({exc})") from exc

    def story_sources(self) -> list[Source]:
        """Every distinct (outlet, host) the reports of stored stories come from."""
        return _search_sql.all_sources(self._db)

    def stories_with(self, article_id: str) -> list[str]:
        """Ids of the stories that hold this report, newest first."""
        return _search_sql.stories_with(self._db, article_id)

    def record_event(self, story_id: str, kind: str, reason: str) -> None:
        with self._transaction():
            self._db.execute(
                "INSERT INTO story_events VALUES (?, ?, ?, ?)",
                (story_id, kind, reason, datetime.now().isoformat(timespec="seconds")),
            )

    def events(self, story_id: str) -> list[dict[str, str]]:
        rows = self._db.execute("SELECT * FROM story_events WHERE story_id = ? ORDER BY rowid", (story_id,))
        return [dict(r) for r in rows]

    def feed_state(self, url: str) -> FeedState | None:
        row = self._db.execute("SELECT * FROM feeds WHERE url = ?", (url,)).fetchone()
        return FeedState(**dict(row)) if row else None

    def save_feed_state(self, state: FeedState) -> None:
        with self._transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO feeds VALUES (?, ?, ?, ?)",
                (state.url, state.etag, state.last_modified, state.checked_at),
            )

    def seen_entries(self, feed_url: str, keys: Iterable[str]) -> set[str]:
        keys = list(keys)
        seen: set[str] = set()
        for start in range(0, len(keys), _SQL_BATCH):
            batch = keys[start : start + _SQL_BATCH]
            marks = ", ".join("?" * len(batch))
            query = f"SELECT entry_key FROM feed_entries WHERE feed_url = ? AND entry_key IN ({marks})"
            seen.update(row[0] for row in self._db.execute(query, (feed_url, *batch)))
        return seen

    def mark_entries_seen(self, feed_url: str, keys: Iterable[str]) -> None:
        now = datetime.now().isoformat(timespec="seconds")
        with self._transaction():
            self._db.executemany(
                "INSERT OR IGNORE INTO feed_entries VALUES (?, ?, ?)", [(feed_url, key, now) for key in keys]
            )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _transaction(self):
        return _Transaction(self._db)


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error (including KeyboardInterrupt)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, value, traceback) -> None:
        self._db.execute("COMMIT" if kind is None else "ROLLBACK")
