"""Shared fixtures: example paths, the shared benchmark data (skipped when absent), analyses made once."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

POSTGRES_ENV = "NEWSPRISM_TEST_POSTGRES"
_TABLES = (
    "feed_entries",
    "feeds",
    "story_reports",
    "story_index",
    "story_events",
    "stories",
    "analyses",
    "articles",
    "meta",
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED_DATA = ROOT.parent / "shared" / "data"


EXAMPLE_ARTICLE_SUFFIXES = (".txt", ".html", ".json")


@pytest.fixture(scope="session")
def examples(tmp_path_factory) -> Path:
    """The example articles (the files at the top of examples/, not its outlets file or example feeds) in a
    directory of their own, so a test can ingest or cluster the directory whole."""
    folder = tmp_path_factory.mktemp("examples")
    for path in EXAMPLES.iterdir():
        if path.is_file() and path.suffix in EXAMPLE_ARTICLE_SUFFIXES:
            shutil.copy2(path, folder / path.name)
    return folder


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared benchmark data not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(scope="session")
def bridge_analyses():
    """The two example reports of the bridge story, analysed once per test session."""
    from newsprism import analyze_many, read_article

    a = read_article(EXAMPLES / "harbour-bridge-valeport-courier.txt")
    b = read_article(EXAMPLES / "harbour-bridge-eastbank-gazette.html")
    return analyze_many([a, b])


@pytest.fixture(scope="session")
def german_bridge_analysis():
    """A German report of the bridge story (our own fixture), analysed once per test session."""
    from newsprism import analyze, read_article

    return analyze(read_article(ROOT / "tests" / "fixtures" / "harbour-bridge-rundschau-de.txt"))


@pytest.fixture(scope="session")
def orchard_analysis():
    from newsprism import analyze, read_article

    return analyze(read_article(EXAMPLES / "orchard-festival.json"))


@pytest.fixture(scope="session")
def bridge_comparison(bridge_analyses):
    from newsprism import compare_analyses

    return compare_analyses(bridge_analyses)


@pytest.fixture(scope="session")
def seed_comparison(shared_data):
    """The reference pair, published on Monday 16 March 2020."""
    from newsprism import ReadOptions, compare, read_article

    seeds = sorted((shared_data / "seeds").glob("*.txt"))
    options = ReadOptions(published="2020-03-16")
    return compare(read_article(seeds[0], options), read_article(seeds[1], options))


@pytest.fixture(params=["sqlite", "postgres"])
def location(request, tmp_path) -> str:
    """A fresh, empty store of each kind: a SQLite file, or the PostgreSQL test database emptied first."""
    if request.param == "sqlite":
        return str(tmp_path / "s.db")
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"no PostgreSQL server: set {POSTGRES_ENV}=postgresql://… to test the PostgreSQL store")
    psycopg = pytest.importorskip("psycopg", reason="the PostgreSQL store needs psycopg")
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DROP TABLE IF EXISTS " + ", ".join(_TABLES) + " CASCADE")
    return url
