"""Story search on SQLite: facets in plain tables, headlines and texts in an FTS5 table.

FTS5's `unicode61` tokenizer (diacritics folded) splits any script on word boundaries and stems nothing, so a
multilingual archive is searched alike in every language; PostgreSQL's 'simple' configuration does the same.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from newsprism.store._codec import article_from_row, story_from_json
from newsprism.store._search import (
    SEARCH_INDEX_VERSION,
    SEARCH_META_KEY,
    Dialect,
    Source,
    StoryPage,
    StoryQuery,
    indexed_text,
    order_clause,
    source_of,
    where_clause,
)
from newsprism.types import Story

SCHEMA = """
CREATE TABLE IF NOT EXISTS story_index (
    story_id TEXT PRIMARY KEY, title TEXT NOT NULL, first_seen TEXT, last_seen TEXT, reports INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS story_index_last_seen ON story_index (last_seen);
CREATE TABLE IF NOT EXISTS story_reports (
    story_id TEXT NOT NULL, article_id TEXT NOT NULL, outlet TEXT NOT NULL, host TEXT NOT NULL,
    language TEXT NOT NULL, PRIMARY KEY (story_id, article_id)
);
CREATE INDEX IF NOT EXISTS story_reports_source ON story_reports (outlet, host);
CREATE VIRTUAL TABLE IF NOT EXISTS story_text USING fts5(
    story_id UNINDEXED, titles, body, tokenize = 'unicode61 remove_diacritics 2'
);
"""


def _text_match(words: list[str]) -> tuple[str, list[Any]]:
    # Each word is a quoted FTS5 string, so nothing a user types is read as FTS5 syntax.
    expression = " ".join('"' + w.replace('"', '""') + '"' for w in words)
    return "s.story_id IN (SELECT story_id FROM story_text WHERE story_text MATCH ?)", [expression]


DIALECT = Dialect(placeholder="?", text_match=_text_match, day=lambda column: f"substr({column}, 1, 10)")


def create_tables(db: sqlite3.Connection) -> None:
    """Create the search tables (outside any transaction: a script commits what is pending)."""
    db.executescript(SCHEMA)


def is_current(db: sqlite3.Connection) -> bool:
    """Whether every story is indexed by this index version."""
    row = db.execute("SELECT value FROM meta WHERE key = ?", (SEARCH_META_KEY,)).fetchone()
    return row is not None and row[0] == SEARCH_INDEX_VERSION


def reindex_all(db: sqlite3.Connection) -> None:
    """Index every story of a store made before the search tables or this index version, inside the caller's
    write transaction, and record the version."""
    for (payload,) in db.execute("SELECT payload FROM stories").fetchall():
        index_story(db, story_from_json(payload))
    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (SEARCH_META_KEY, SEARCH_INDEX_VERSION))


def index_story(db: sqlite3.Connection, story: Story) -> None:
    """(Re)index one story from its stored reports, inside the caller's transaction."""
    unindex_story(db, story.id)
    ids = [i for i in story.article_ids if i not in story.duplicates]
    articles = [article_from_row(dict(r)) for r in _rows(db, "SELECT * FROM articles WHERE id IN ({})", ids)]
    db.execute(
        "INSERT INTO story_index VALUES (?, ?, ?, ?, ?)",
        (story.id, story.title, _iso(story.first_seen), _iso(story.last_seen), len(story.article_ids)),
    )
    db.executemany(
        "INSERT INTO story_reports VALUES (?, ?, ?, ?, ?)",
        [(story.id, a.id, *source_of(a), a.language) for a in articles],
    )
    db.execute("INSERT INTO story_text VALUES (?, ?, ?)", (story.id, *indexed_text(story, articles)))


def unindex_story(db: sqlite3.Connection, story_id: str) -> None:
    for table in ("story_index", "story_reports", "story_text"):
        db.execute(f"DELETE FROM {table} WHERE story_id = ?", (story_id,))


def search(db: sqlite3.Connection, query: StoryQuery) -> StoryPage:
    """One page of the stories matching `query`, with the total and each story's sources."""
    where, params = where_clause(query, DIALECT)
    total = db.execute(f"SELECT COUNT(*) FROM story_index s{where}", params).fetchone()[0]
    rows = db.execute(
        f"SELECT st.payload FROM story_index s JOIN stories st ON st.id = s.story_id{where}"
        f"{order_clause(query.sort)} LIMIT ? OFFSET ?",
        [*params, query.limit, query.offset],
    ).fetchall()
    items = [story_from_json(r[0]) for r in rows]
    return StoryPage(int(total), items, story_sources(db, [s.id for s in items]))


def story_sources(db: sqlite3.Connection, story_ids: list[str]) -> dict[str, list[Source]]:
    """The (outlet, host) of each indexed report of these stories."""
    found: dict[str, list[Source]] = {i: [] for i in story_ids}
    query = "SELECT story_id, outlet, host FROM story_reports WHERE story_id IN ({}) ORDER BY story_id, article_id"
    for row in _rows(db, query, story_ids):
        found[row[0]].append((row[1], row[2]))
    return found


def all_sources(db: sqlite3.Connection) -> list[Source]:
    """Every distinct source of an indexed report."""
    return [(r[0], r[1]) for r in db.execute("SELECT DISTINCT outlet, host FROM story_reports ORDER BY 1, 2")]


def _rows(db: sqlite3.Connection, query: str, keys: Iterable[str], batch: int = 500) -> list[sqlite3.Row]:
    keys = list(keys)
    rows: list[sqlite3.Row] = []
    for start in range(0, len(keys), batch):
        chunk = keys[start : start + batch]
        rows += db.execute(query.format(", ".join("?" * len(chunk))), chunk).fetchall()
    return rows


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def stories_with(db: sqlite3.Connection, article_id: str) -> list[str]:
    """Ids of the stories a report belongs to (as indexed), newest first."""
    rows = db.execute(
        "SELECT s.story_id FROM story_reports r JOIN story_index s ON s.story_id = r.story_id "
        "WHERE r.article_id = ? ORDER BY s.last_seen DESC, s.story_id",
        (article_id,),
    )
    return [r[0] for r in rows]
