"""Story search on PostgreSQL: the same facet tables as SQLite, full text as a GIN-indexed tsvector.

The 'simple' text-search configuration lowercases and splits words without stemming or stop words, as SQLite's
unicode61 tokenizer does, so a multilingual archive answers alike on both stores; `websearch_to_tsquery` reads
whatever a user types without ever failing on syntax.
"""

from __future__ import annotations

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
    story_id TEXT PRIMARY KEY, title TEXT NOT NULL, first_seen TEXT, last_seen TEXT, reports INTEGER NOT NULL,
    document TSVECTOR NOT NULL
);
CREATE INDEX IF NOT EXISTS story_index_last_seen ON story_index (last_seen);
CREATE INDEX IF NOT EXISTS story_index_document ON story_index USING GIN (document);
CREATE TABLE IF NOT EXISTS story_reports (
    story_id TEXT NOT NULL, article_id TEXT NOT NULL, outlet TEXT NOT NULL, host TEXT NOT NULL,
    language TEXT NOT NULL, PRIMARY KEY (story_id, article_id)
);
CREATE INDEX IF NOT EXISTS story_reports_source ON story_reports (outlet, host);
"""


def _text_match(words: list[str]) -> tuple[str, list[Any]]:
    return "s.document @@ websearch_to_tsquery('simple', %s)", [" ".join(words)]


DIALECT = Dialect(placeholder="%s", text_match=_text_match, day=lambda column: f"left({column}, 10)")


def prepare(db) -> None:
    """Create the search tables and index every story of a store made before them; the caller holds the
    transaction and the schema lock."""
    db.execute(SCHEMA)
    row = db.execute("SELECT value FROM meta WHERE key = %s", (SEARCH_META_KEY,)).fetchone()
    if row is not None and row["value"] == SEARCH_INDEX_VERSION:
        return
    for row in db.execute("SELECT payload FROM stories").fetchall():
        index_story(db, story_from_json(row["payload"]))
    db.execute(
        "INSERT INTO meta VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        (SEARCH_META_KEY, SEARCH_INDEX_VERSION),
    )


def index_story(db, story: Story) -> None:
    """(Re)index one story from its stored reports, inside the caller's transaction (which takes the story's
    advisory lock, so two writers saving one story take turns)."""
    db.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (story.id,))
    unindex_story(db, story.id)
    ids = [i for i in story.article_ids if i not in story.duplicates]
    rows = db.execute("SELECT * FROM articles WHERE id = ANY(%s)", (ids,)).fetchall()
    articles = [article_from_row(r) for r in rows]
    titles, body = indexed_text(story, articles)
    db.execute(
        "INSERT INTO story_index VALUES (%s, %s, %s, %s, %s, "
        "setweight(to_tsvector('simple', %s), 'A') || to_tsvector('simple', %s))",
        (story.id, story.title, _iso(story.first_seen), _iso(story.last_seen), len(story.article_ids), titles, body),
    )
    with db.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO story_reports VALUES (%s, %s, %s, %s, %s)",
            [(story.id, a.id, *source_of(a), a.language) for a in articles],
        )


def unindex_story(db, story_id: str) -> None:
    for table in ("story_index", "story_reports"):
        db.execute(f"DELETE FROM {table} WHERE story_id = %s", (story_id,))


def search(db, query: StoryQuery) -> StoryPage:
    """One page of the stories matching `query`, with the total and each story's sources."""
    where, params = where_clause(query, DIALECT)
    total = db.execute(f"SELECT COUNT(*) AS n FROM story_index s{where}", params).fetchone()["n"]
    rows = db.execute(
        f"SELECT st.payload FROM story_index s JOIN stories st ON st.id = s.story_id{where}"
        f"{order_clause(query.sort)} LIMIT %s OFFSET %s",
        [*params, query.limit, query.offset],
    ).fetchall()
    items = [story_from_json(r["payload"]) for r in rows]
    return StoryPage(int(total), items, story_sources(db, [s.id for s in items]))


def story_sources(db, story_ids: list[str]) -> dict[str, list[Source]]:
    found: dict[str, list[Source]] = {i: [] for i in story_ids}
    rows = db.execute(
        "SELECT story_id, outlet, host FROM story_reports WHERE story_id = ANY(%s) ORDER BY story_id, article_id",
        (story_ids,),
    ).fetchall()
    for row in rows:
        found[row["story_id"]].append((row["outlet"], row["host"]))
    return found


def all_sources(db) -> list[Source]:
    rows = db.execute("SELECT DISTINCT outlet, host FROM story_reports ORDER BY 1, 2").fetchall()
    return [(r["outlet"], r["host"]) for r in rows]


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def stories_with(db, article_id: str) -> list[str]:
    """Ids of the stories a report belongs to (as indexed), newest first."""
    rows = db.execute(
        "SELECT s.story_id FROM story_reports r JOIN story_index s ON s.story_id = r.story_id "
        "WHERE r.article_id = %s ORDER BY s.last_seen DESC NULLS LAST, s.story_id",
        (article_id,),
    ).fetchall()
    return [r["story_id"] for r in rows]
