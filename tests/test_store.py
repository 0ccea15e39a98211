"""The SQLite store: content stored once, analyses round-trip, an interrupted batch keeps what was committed."""

from __future__ import annotations

import numpy as np
import pytest

from newsprism._batch import ingest_paths
from newsprism._console import Console
from newsprism.store import SQLiteStore


def test_analysis_round_trips(tmp_path, bridge_analyses):
    with SQLiteStore(tmp_path / "s.db") as store:
        assert store.add(bridge_analyses[0])
        loaded = store.get_analysis(bridge_analyses[0].article.id)
    original = bridge_analyses[0]
    assert loaded.article == original.article
    assert loaded.entities == original.entities and loaded.dates == original.dates
    assert loaded.facts == original.facts and loaded.quotes == original.quotes
    assert np.allclose(loaded.sentence_embeddings, original.sentence_embeddings)


def test_same_content_is_stored_once(tmp_path, bridge_analyses):
    with SQLiteStore(tmp_path / "s.db") as store:
        assert store.add(bridge_analyses[0])
        assert not store.add(bridge_analyses[0])
        assert store.count() == 1


def test_batch_with_bad_files_stores_the_good_ones(tmp_path, examples):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "bad.json").write_text("{")
    for path in examples.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    console = Console(quiet=True)
    with SQLiteStore(tmp_path / "s.db") as store:
        result = ingest_paths([folder], store, console)
        again = ingest_paths([folder], store, console)
        assert store.count() == 3
    assert (result.stored, result.failed) == (3, 2)
    assert (again.stored, again.already_stored) == (0, 3)


def test_interrupted_batch_keeps_committed_articles(tmp_path, examples, monkeypatch):
    db = tmp_path / "s.db"
    with SQLiteStore(db) as store:
        ingest_paths([examples / "orchard-festival.json"], store, Console(quiet=True))
    calls = {"n": 0}
    original_add = SQLiteStore.add

    def add_then_interrupt(self, analysis):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return original_add(self, analysis)

    monkeypatch.setattr(SQLiteStore, "add", add_then_interrupt)
    with SQLiteStore(db) as store, pytest.raises(KeyboardInterrupt):
        ingest_paths([examples], store, Console(quiet=True))
    monkeypatch.undo()
    with SQLiteStore(db) as store:
        assert store.count() == 2  # the orchard article from before and the first of the interrupted batch


def test_unreadable_database_is_a_store_error(tmp_path):
    from newsprism import StoreError

    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match=r"not-a-db\.db"):
        SQLiteStore(bad)


def test_stories_and_events_round_trip(tmp_path):
    from datetime import datetime

    from newsprism import Story

    story = Story(
        id="s-1",
        title="Bridge closed",
        article_ids=["a", "b"],
        outlets=["X", "Y"],
        languages=["en"],
        first_seen=datetime(2025, 6, 9),
        last_seen=datetime(2025, 6, 10),
        duplicates={"b": "a"},
    )
    with SQLiteStore(tmp_path / "s.db") as store:
        store.save_story(story)
        store.record_event("s-1", "merge", "absorbed s-2: article c belongs to both (probability 0.95)")
        assert store.get_story("s-1") == story
        assert [e["kind"] for e in store.events("s-1")] == ["merge"]
        store.delete_story("s-1")
        assert store.get_story("s-1") is None and list(store.iter_stories()) == []
