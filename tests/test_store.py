"""Both stores (SQLite, PostgreSQL): content stored once, analyses round-trip, an interrupted batch keeps what
was committed, stories and events persist. `location` names a fresh store of each kind; PostgreSQL runs when
NEWSPRISM_TEST_POSTGRES gives a server (CI starts one) and is skipped with the reason otherwise."""

from __future__ import annotations

import numpy as np
import pytest

from newsprism._console import Console
from newsprism.pipeline import ingest_paths
from newsprism.store import PostgresStore, SQLiteStore, open_store


def test_analysis_round_trips(location, bridge_analyses):
    with open_store(location) as store:
        assert store.add(bridge_analyses[0])
        loaded = store.get_analysis(bridge_analyses[0].article.id)
    original = bridge_analyses[0]
    assert loaded.article == original.article
    assert loaded.entities == original.entities and loaded.dates == original.dates
    assert loaded.facts == original.facts and loaded.quotes == original.quotes
    assert np.allclose(loaded.sentence_embeddings, original.sentence_embeddings)
    if original.e5_embedding is None:
        assert loaded.e5_embedding is None
    else:
        assert np.allclose(loaded.e5_embedding, original.e5_embedding)


def test_same_content_is_stored_once(location, bridge_analyses):
    with open_store(location) as store:
        assert store.add(bridge_analyses[0])
        assert not store.add(bridge_analyses[0])
        assert store.count() == 1


def test_the_same_text_from_another_outlet_is_another_report(location, bridge_analyses):
    """Wire copies: the clusterer marks them as copies, but only if the store keeps them."""
    from dataclasses import replace

    original = bridge_analyses[0]
    copy = replace(original, article=replace(original.article, id="wire-copy", outlet="Wire Desk"))
    with open_store(location) as store:
        assert store.add(original) and store.add(copy)
        assert not store.add(copy)
        assert store.count() == 2 and store.find(copy.article) == "wire-copy"


def _raw_sql(location: str, statements: list[tuple[str, tuple]]) -> None:
    """Run statements on the store's database behind its back (SQLite `?` placeholders; `%s` for PostgreSQL)."""
    if location.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(location, autocommit=True) as connection:
            for sql, params in statements:
                connection.execute(sql.replace("?", "%s"), params)
    else:
        import sqlite3

        with sqlite3.connect(location) as connection:
            for sql, params in statements:
                connection.execute(sql, params)


def test_a_store_of_schema_version_1_is_upgraded_on_opening(location, bridge_analyses):
    """Version 1 hashed the text alone; on opening, stored hashes take the outlet in, so a copy from another
    outlet is no longer mistaken for the stored report, and the stored report is still recognised."""
    import hashlib
    from dataclasses import replace

    from newsprism.store import content_hash

    original = bridge_analyses[0]
    article = original.article
    with open_store(location) as store:
        store.add(original)
    text_only = hashlib.sha256(" ".join(f"{article.title}\n{article.text}".split()).lower().encode()).hexdigest()
    _raw_sql(
        location,
        [
            ("UPDATE articles SET content_hash = ? WHERE id = ?", (text_only, article.id)),
            ("UPDATE meta SET value = ? WHERE key = 'schema_version'", ("1",)),
        ],
    )
    copy = replace(original, article=replace(article, id="wire-copy", outlet="Wire Desk"))
    with open_store(location) as store:
        assert store.find(replace(article, id="another-id")) == article.id
        assert store.find(copy.article) is None and store.add(copy)
    assert content_hash(article) != text_only


def test_batch_with_bad_files_stores_the_good_ones(location, tmp_path, examples):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "bad.json").write_text("{")
    for path in examples.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    console = Console(quiet=True)
    with open_store(location) as store:
        result = ingest_paths([folder], store, console)
        again = ingest_paths([folder], store, console)
        assert store.count() == 3
    assert (result.stored, result.failed) == (3, 2)
    assert (again.stored, again.already_stored) == (0, 3)


def test_interrupted_batch_keeps_committed_articles(location, examples, monkeypatch):
    with open_store(location) as store:
        ingest_paths([examples / "orchard-festival.json"], store, Console(quiet=True))
        kind = type(store)
    calls = {"n": 0}
    original_add = kind.add

    def add_then_interrupt(self, analysis):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return original_add(self, analysis)

    monkeypatch.setattr(kind, "add", add_then_interrupt)
    with open_store(location) as store, pytest.raises(KeyboardInterrupt):
        ingest_paths([examples], store, Console(quiet=True))
    monkeypatch.undo()
    with open_store(location) as store:
        assert store.count() == 2  # the orchard article from before and the first of the interrupted batch


def test_unreadable_database_is_a_store_error(tmp_path):
    from newsprism import StoreError

    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match=r"not-a-db\.db"):
        SQLiteStore(bad)


def test_stories_and_events_round_trip(location):
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
    with open_store(location) as store:
        store.save_story(story)
        store.record_event("s-1", "merge", "absorbed s-2: article c belongs to both (probability 0.95)")
        store.record_event("s-1", "split", "split off s-3")
        assert store.get_story("s-1") == story
        assert [e["kind"] for e in store.events("s-1")] == ["merge", "split"]
        store.delete_story("s-1")
        assert store.get_story("s-1") is None and list(store.iter_stories()) == []


def test_store_location_picks_the_backend(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        assert isinstance(store, SQLiteStore)
    assert PostgresStore.__name__ == "PostgresStore"


def test_unreachable_postgres_is_one_store_error_without_the_password():
    from newsprism import StoreError

    with pytest.raises(StoreError) as caught:
        open_store("postgresql://reader:hunter2@127.0.0.1:9/nowhere?connect_timeout=2")
    message = str(caught.value)
    assert message.startswith("postgresql://reader@127.0.0.1:9/nowhere") and "hunter2" not in message


def test_cli_clusters_into_and_reports_from_either_store(location, examples):
    from typer.testing import CliRunner

    from newsprism.cli import app

    runner = CliRunner()
    clustered = runner.invoke(app, ["cluster", str(examples), "--db", location, "--quiet"])
    assert clustered.exit_code == 0, clustered.stderr
    stories = dict(line.split("\t") for line in clustered.stdout.strip().splitlines())
    assert len(stories) == 3 and len(set(stories.values())) == 2
    again = runner.invoke(app, ["cluster", str(examples), "--db", location, "--quiet"])
    assert dict(line.split("\t") for line in again.stdout.strip().splitlines()) == stories
    story = max(set(stories.values()), key=list(stories.values()).count)  # the bridge: two reports
    page = runner.invoke(app, ["report", story, "--db", location, "--format", "md"])
    assert page.exit_code == 0 and "Elena Marsh" in page.stdout


def test_writers_racing_on_the_same_content_store_it_once(location, bridge_analyses):
    from concurrent.futures import ThreadPoolExecutor

    stores = [open_store(location) for _ in range(4)]
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            added = list(pool.map(lambda store: store.add(bridge_analyses[0]), stores))
        assert sorted(bool(a) for a in added) == [False, False, False, True]
        assert stores[0].count() == 1
    finally:
        for store in stores:
            store.close()


def test_iterating_articles_leaves_the_store_usable(location, bridge_analyses, orchard_analysis):
    with open_store(location) as store:
        for analysis in [*bridge_analyses, orchard_analysis]:
            store.add(analysis)
        seen = []
        for article in store.iter_articles():  # reads in between, as the cluster command does
            seen.append(article.id)
            assert store.get_analysis(article.id).article == article
        assert sorted(seen) == sorted(a.article.id for a in [*bridge_analyses, orchard_analysis])


def test_iterating_stories_leaves_the_store_usable(location):
    from dataclasses import replace
    from datetime import datetime

    from newsprism import Story

    first = Story("s-a", "A", ["a1"], ["X"], ["en"], datetime(2025, 6, 9), datetime(2025, 6, 9))
    with open_store(location) as store:
        for index in range(3):
            store.save_story(replace(first, id=f"s-{index}", title=f"story {index}"))
        seen = []
        for story in store.iter_stories():  # a story rewritten while the others are read, as a re-run does
            seen.append(story.id)
            store.save_story(replace(story, title=story.title + " (updated)"))
        assert seen == ["s-0", "s-1", "s-2"]
        assert all(s.title.endswith("(updated)") for s in store.iter_stories())
