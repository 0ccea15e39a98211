"""The shared store: PostgreSQL, for many writers (Dask workers, servers) on one archive.

Same tables and the same promises as the SQLite store: one transaction per article, so an interrupted batch
keeps everything committed before it; the same report (one outlet's text) stored once (a unique content hash
decides, even when two writers race); the analysis stored as JSON and vectors as bytes, never pickles. Open it
by giving a `postgresql://` address wherever a store path is taken (`--db`, `NEWSPRISM_DB`). Needs `psycopg`
(the `postgres` extra).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from newsprism._errors import StoreError
from newsprism.store import _pg_search as _search_sql
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
from newsprism.store.sqlite import SCHEMA_VERSION, content_hash, rehashed
from newsprism.types import Analysis, Article, FeedState, Story

URL_SCHEMES = ("postgresql://", "postgres://")
CONNECT_TIMEOUT_S = 10
# Rows fetched per round trip when iterating over the whole archive.
ITER_BATCH = 500
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, content_hash TEXT NOT NULL UNIQUE, title TEXT NOT NULL, text TEXT NOT NULL,
    outlet TEXT, url TEXT, published TEXT, language TEXT, source TEXT, ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);
CREATE TABLE IF NOT EXISTS analyses (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE, version INTEGER NOT NULL,
    payload TEXT NOT NULL, embedding BYTEA NOT NULL, sentence_vectors BYTEA NOT NULL
);
CREATE TABLE IF NOT EXISTS stories (id TEXT PRIMARY KEY, payload TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS story_events (
    seq BIGSERIAL PRIMARY KEY, story_id TEXT NOT NULL, kind TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS story_events_story ON story_events (story_id);
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY, etag TEXT NOT NULL, last_modified TEXT NOT NULL, checked_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS feed_entries (
    feed_url TEXT NOT NULL, entry_key TEXT NOT NULL, seen_at TEXT NOT NULL, PRIMARY KEY (feed_url, entry_key)
);
"""
# Two processes creating the schema at once would collide; this advisory lock makes them take turns.
_SCHEMA_LOCK = 0x6E657773


def is_postgres_url(location: object) -> bool:
    """Whether a store location names a PostgreSQL database rather than a SQLite file."""
    return isinstance(location, str) and location.startswith(URL_SCHEMES)


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


class PostgresStore:
    """The `Store` on a PostgreSQL database."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._label = _redacted(url)
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError as exc:
            raise StoreError(f"{self._label}: PostgreSQL needs psycopg (pip install 'newsprism[postgres]')") from exc
        self._errors = psycopg.Error
        try:
            self._db = psycopg.connect(url, autocommit=True, row_factory=dict_row, connect_timeout=CONNECT_TIMEOUT_S)
            with self._db.transaction():
                self._db.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
                self._db.execute(_SCHEMA)
                self._db.execute(
                    "INSERT INTO meta VALUES ('schema_version', %s) ON CONFLICT DO NOTHING", (str(SCHEMA_VERSION),)
                )
                self._upgrade()
                _search_sql.prepare(self._db)
        except psycopg.Error as exc:
            raise StoreError(f"{self._label}: cannot open the store ({_first_line(exc)})") from exc

    def _upgrade(self) -> None:
        """Bring a store written by an earlier schema version up to this one (inside the schema lock)."""
        version = int(self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()["value"])
        if version >= SCHEMA_VERSION:
            return
        rows = self._db.execute("SELECT id, title, text, outlet FROM articles").fetchall()
        with self._db.cursor() as cursor:
            cursor.executemany("UPDATE articles SET content_hash = %s WHERE id = %s", rehashed(rows))
        self._db.execute("UPDATE meta SET value = %s WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))

    def add(self, analysis: Analysis) -> Added:
        """Store an article with its analysis, deciding inside its transaction: the insert skips on either unique
        key (waiting for a racing writer's transaction to end first), and a skipped insert reads back what holds
        the id or the report, so each writer gets the true answer."""
        article = analysis.article
        embedding, sentences, _ = vectors_to_bytes(analysis)
        row = {**article_to_row(article), "hash": content_hash(article), "now": _now()}
        try:
            with self._db.transaction():
                inserted = self._db.execute(
                    "INSERT INTO articles VALUES (%(id)s, %(hash)s, %(title)s, %(text)s, %(outlet)s, %(url)s, "
                    "%(published)s, %(language)s, %(source)s, %(now)s) ON CONFLICT DO NOTHING",
                    row,
                ).rowcount
                if inserted == 0:
                    return self._taken(article.id, row["hash"])
                self._db.execute(
                    "INSERT INTO analyses VALUES (%s, %s, %s, %s, %s) ON CONFLICT (article_id) DO UPDATE SET "
                    "version = EXCLUDED.version, payload = EXCLUDED.payload, embedding = EXCLUDED.embedding, "
                    "sentence_vectors = EXCLUDED.sentence_vectors",
                    (article.id, analysis.version, analysis_to_json(analysis), embedding, sentences),
                )
        except self._errors as exc:
            raise StoreError(f"{self._label}: cannot store article {article.id} ({_first_line(exc)})") from exc
        return Added(Outcome.STORED, article.id)

    def _taken(self, article_id: str, digest: str) -> Added:
        """After a skipped insert, in the same transaction: who holds the id or the report (committed by now)."""
        row = self._db.execute("SELECT content_hash FROM articles WHERE id = %s", (article_id,)).fetchone()
        if row is not None:
            return Added(Outcome.ALREADY_STORED if row["content_hash"] == digest else Outcome.REFUSED, article_id)
        row = self._db.execute("SELECT id FROM articles WHERE content_hash = %s", (digest,)).fetchone()
        if row is None:
            raise StoreError(f"{self._label}: article {article_id} was neither stored nor found; try again")
        return Added(Outcome.ALREADY_STORED, row["id"])

    def contains(self, article: Article) -> bool:
        """Whether the same report (outlet and text) or id is already stored, so a batch can skip its analysis."""
        return self.find(article) is not None

    def find(self, article: Article) -> str | None:
        """The stored id of this content (or of this id), if any."""
        row = self._one(
            "SELECT id FROM articles WHERE content_hash = %s OR id = %s", (content_hash(article), article.id)
        )
        return row["id"] if row else None

    def get_article(self, article_id: str) -> Article | None:
        row = self._one("SELECT * FROM articles WHERE id = %s", (article_id,))
        return article_from_row(row) if row else None

    def get_analysis(self, article_id: str) -> Analysis | None:
        article = self.get_article(article_id)
        if article is None:
            return None
        row = self._one("SELECT * FROM analyses WHERE article_id = %s", (article_id,))
        if row is None:
            return None
        return analysis_from_json(article, row["payload"], bytes(row["embedding"]), bytes(row["sentence_vectors"]))

    def iter_articles(self) -> Iterator[Article]:
        """Every stored article, oldest first, streamed (see `_stream`)."""
        for row in self._stream("SELECT * FROM articles ORDER BY published NULLS FIRST, id", "newsprism_articles"):
            yield article_from_row(row)

    def _stream(self, query: str, cursor_name: str) -> Iterator[dict]:
        """Rows fetched in batches through a server-side cursor on a connection of its own, so a large archive
        never sits in memory and the caller may keep using the store while iterating."""
        import psycopg
        from psycopg.rows import dict_row

        try:
            with (
                psycopg.connect(self.url, row_factory=dict_row, connect_timeout=CONNECT_TIMEOUT_S) as reader,
                reader.cursor(name=cursor_name) as cursor,
            ):
                cursor.itersize = ITER_BATCH
                cursor.execute(query)
                yield from cursor
        except psycopg.Error as exc:
            raise StoreError(f"{self._label}: read failed ({_first_line(exc)})") from exc

    def count(self) -> int:
        row = self._one("SELECT COUNT(*) AS n FROM articles")
        return int(row["n"]) if row else 0

    def stale_analyses(self, version: int) -> list[str]:
        """Ids of the articles whose stored analysis was made by another analysis version than `version`."""
        query = "SELECT article_id FROM analyses WHERE version <> %s ORDER BY article_id"
        return [row["article_id"] for row in self._all(query, (version,))]

    def replace_analysis(self, analysis: Analysis) -> None:
        """Put a new analysis of a stored article in place of the old one, in one transaction."""
        embedding, sentences, _ = vectors_to_bytes(analysis)
        self._write(
            "UPDATE analyses SET version = %s, payload = %s, embedding = %s, sentence_vectors = %s "
            "WHERE article_id = %s",
            (analysis.version, analysis_to_json(analysis), embedding, sentences, analysis.article.id),
        )

    def save_story(self, story: Story) -> None:
        """Save a story and index it for search in one transaction."""
        try:
            with self._db.transaction():
                self._db.execute(
                    "INSERT INTO stories VALUES (%s, %s, %s) ON CONFLICT (id) DO UPDATE SET "
                    "payload = EXCLUDED.payload, updated_at = EXCLUDED.updated_at",
                    (story.id, story_to_json(story), _now()),
                )
                _search_sql.index_story(self._db, story)
        except self._errors as exc:
            raise StoreError(f"{self._label}: cannot save story {story.id} ({_first_line(exc)})") from exc

    def get_story(self, story_id: str) -> Story | None:
        row = self._one("SELECT payload FROM stories WHERE id = %s", (story_id,))
        return story_from_json(row["payload"]) if row else None

    def iter_stories(self) -> Iterator[Story]:
        for row in self._stream("SELECT payload FROM stories ORDER BY id", "newsprism_stories"):
            yield story_from_json(row["payload"])

    def delete_story(self, story_id: str) -> None:
        try:
            with self._db.transaction():
                self._db.execute("DELETE FROM stories WHERE id = %s", (story_id,))
                _search_sql.unindex_story(self._db, story_id)
        except self._errors as exc:
            raise StoreError(f"{self._label}: cannot delete story {story_id} ({_first_line(exc)})") from exc

    def search_stories(self, query: StoryQuery) -> StoryPage:
        """One page of the stories matching `query` (full text by tsvector), with the total count."""
        try:
            return _search_sql.search(self._db, query)
        except self._errors as exc:
            raise StoreError(f"{self._label}: story search failed ({_first_line(exc)})") from exc

    def story_sources(self) -> list[Source]:
        """Every distinct (outlet, host) the reports of stored stories come from."""
        try:
            return _search_sql.all_sources(self._db)
        except self._errors as exc:
            raise StoreError(f"{self._label}: read failed ({_first_line(exc)})") from exc

    def stories_with(self, article_id: str) -> list[str]:
        """Ids of the stories that hold this report, newest first."""
        try:
            return _search_sql.stories_with(self._db, article_id)
        except self._errors as exc:
            raise StoreError(f"{self._label}: read failed ({_first_line(exc)})") from exc

    def record_event(self, story_id: str, kind: str, reason: str) -> None:
        self._write(
            "INSERT INTO story_events (story_id, kind, reason, at) VALUES (%s, %s, %s, %s)",
            (story_id, kind, reason, _now()),
        )

    def events(self, story_id: str) -> list[dict[str, str]]:
        rows = self._all(
            "SELECT story_id, kind, reason, at FROM story_events WHERE story_id = %s ORDER BY seq", (story_id,)
        )
        return [dict(r) for r in rows]

    def feed_state(self, url: str) -> FeedState | None:
        row = self._one("SELECT url, etag, last_modified, checked_at FROM feeds WHERE url = %s", (url,))
        return FeedState(**row) if row else None

    def save_feed_state(self, state: FeedState) -> None:
        self._write(
            "INSERT INTO feeds VALUES (%s, %s, %s, %s) ON CONFLICT (url) DO UPDATE SET etag = EXCLUDED.etag, "
            "last_modified = EXCLUDED.last_modified, checked_at = EXCLUDED.checked_at",
            (state.url, state.etag, state.last_modified, state.checked_at),
        )

    def seen_entries(self, feed_url: str, keys: Iterable[str]) -> set[str]:
        rows = self._all(
            "SELECT entry_key FROM feed_entries WHERE feed_url = %s AND entry_key = ANY(%s)", (feed_url, list(keys))
        )
        return {row["entry_key"] for row in rows}

    def mark_entries_seen(self, feed_url: str, keys: Iterable[str]) -> None:
        now = _now()
        try:
            with self._db.transaction(), self._db.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO feed_entries VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                    [(feed_url, key, now) for key in keys],
                )
        except self._errors as exc:
            raise StoreError(f"{self._label}: write failed ({_first_line(exc)})") from exc

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _one(self, query: str, params: tuple[Any, ...] = ()) -> dict[str, Any] | None:
        try:
            return self._db.execute(query, params).fetchone()
        except self._errors as exc:
            raise StoreError(f"{self._label}: read failed ({_first_line(exc)})") from exc

    def _all(self, query: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        try:
            return self._db.execute(query, params).fetchall()
        except self._errors as exc:
            raise StoreError(f"{self._label}: read failed ({_first_line(exc)})") from exc

    def _write(self, query: str, params: tuple[Any, ...]) -> None:
        try:
            with self._db.transaction():
                self._db.execute(query, params)
        except self._errors as exc:
            raise StoreError(f"{self._label}: write failed ({_first_line(exc)})") from exc


def _redacted(url: str) -> str:
    """The address without its password, fit for an error message."""
    scheme, _, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at:
        return url
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}@{host}"


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
