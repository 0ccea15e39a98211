"""Store: where articles, analyses and stories persist (SQLite by default, PostgreSQL when shared)."""

from __future__ import annotations

import os
from pathlib import Path

from newsprism.store._outcome import Added, Outcome
from newsprism.store._protocol import Store
from newsprism.store._search import SORTS, Source, SourceFilter, StoryPage, StoryQuery, source_article
from newsprism.store.postgres import PostgresStore, is_postgres_url
from newsprism.store.sqlite import SQLiteStore, content_hash
from newsprism.types import Article

DB_ENV = "NEWSPRISM_DB"


def default_db_path() -> Path:
    """`$NEWSPRISM_DB`, else newsprism.db in the user's data directory."""
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV])
    from platformdirs import user_data_dir

    return Path(user_data_dir("newsprism")) / "newsprism.db"


def id_held_by_another(store: Store, article: Article) -> bool:
    """Whether the store keeps a different text under this article's id (sources that number their own articles
    collide; storing is insert-or-ignore, so the new text would otherwise be lost without a word)."""
    stored = store.get_article(article.id)
    return stored is not None and content_hash(stored) != content_hash(article)


def open_store(location: str | Path | None = None) -> Store:
    """Open (creating if needed) the store at `location`: a `postgresql://` address, a SQLite file, or the default."""
    if is_postgres_url(location):
        return PostgresStore(str(location))
    return SQLiteStore(location or default_db_path())


__all__ = [
    "DB_ENV",
    "Added",
    "Outcome",
    "PostgresStore",
    "SORTS",
    "SQLiteStore",
    "Source",
    "SourceFilter",
    "Store",
    "StoryPage",
    "StoryQuery",
    "content_hash",
    "default_db_path",
    "id_held_by_another",
    "is_postgres_url",
    "open_store",
    "source_article",
]
