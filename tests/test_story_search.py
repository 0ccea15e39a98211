"""Story search on both stores: full text, date range, language, sources (outlets, leans, blindspots), sorting,
paging with a true total, and an older store indexed when it opens."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from newsprism.store import SourceFilter, StoryQuery, open_store
from newsprism.types import Story

BRIDGE = "s-bridge"
ORCHARD = "s-orchard"
GERMAN = "s-german"


def _report(analysis, article_id: str, outlet: str, url: str, published: str):
    article = replace(
        analysis.article, id=article_id, outlet=outlet, url=url, published=datetime.fromisoformat(published)
    )
    return replace(analysis, article=article)


@pytest.fixture(scope="module")
def other_analyses():
    """The orchard festival and the German bridge report, analysed once for this module."""
    from conftest import EXAMPLES, ROOT
    from newsprism.analyze import analyze_many
    from newsprism.ingest import read_article

    paths = [EXAMPLES / "orchard-festival.json", ROOT / "tests" / "fixtures" / "harbour-bridge-rundschau-de.txt"]
    return analyze_many([read_article(p) for p in paths])


@pytest.fixture()
def store(location, bridge_analyses, other_analyses):
    """Three stories: the bridge in two English reports (two outlets), an orchard festival, a German bridge."""
    orchard_analysis, german_bridge_analysis = other_analyses
    reports = [
        _report(bridge_analyses[0], "b1", "Valeport Courier", "https://valeport.example/b1", "2025-06-10"),
        _report(bridge_analyses[1], "b2", "Eastbank Gazette", "https://news.eastbank.example/b2", "2025-06-11"),
        _report(orchard_analysis, "o1", "Valeport Courier", "https://valeport.example/o1", "2025-05-02"),
        _report(german_bridge_analysis, "g1", "Rundschau", "", "2025-06-12"),
    ]
    stories = [
        Story(BRIDGE, "Harbour bridge closed", ["b1", "b2"], ["Valeport Courier", "Eastbank Gazette"], ["en"],
              datetime(2025, 6, 10), datetime(2025, 6, 11)),
        Story(ORCHARD, "Orchard festival", ["o1"], ["Valeport Courier"], ["en"],
              datetime(2025, 5, 2), datetime(2025, 5, 2)),
        Story(GERMAN, "Hafenbrücke gesperrt", ["g1"], ["Rundschau"], ["de"],
              datetime(2025, 6, 12), datetime(2025, 6, 12)),
    ]  # fmt: skip
    with open_store(location) as opened:
        for report in reports:
            assert opened.add(report)
        for story in stories:
            opened.save_story(story)
        yield opened


def _ids(store, **fields) -> list[str]:
    return [s.id for s in store.search_stories(StoryQuery(**fields)).items]


def test_stories_come_newest_first_or_most_covered_first(store):
    assert _ids(store) == [GERMAN, BRIDGE, ORCHARD]
    assert _ids(store, sort="covered") == [BRIDGE, GERMAN, ORCHARD]


def test_full_text_search_finds_words_of_the_reports_not_only_titles(store):
    body_word = store.get_article("b2").text.split()[3].strip(".,")
    assert BRIDGE in _ids(store, text=body_word)
    assert _ids(store, text="orchard festival") == [ORCHARD]
    assert _ids(store, text="harbour nothing-like-this-anywhere") == []


def test_search_words_are_never_read_as_query_syntax(store):
    for hostile in ('"', "NEAR(", "a OR", "*", "title:x", "'; DROP TABLE stories; --", "\\"):
        page = store.search_stories(StoryQuery(text=hostile))
        assert page.total == len(page.items)
    assert store.search_stories(StoryQuery()).total == 3


def test_date_range_keeps_stories_that_overlap_it(store):
    assert _ids(store, date_from=date(2025, 6, 11)) == [GERMAN, BRIDGE]
    assert _ids(store, date_to=date(2025, 6, 10)) == [BRIDGE, ORCHARD]
    assert _ids(store, date_from=date(2025, 6, 1), date_to=date(2025, 6, 10)) == [BRIDGE]


def test_language_filter(store):
    assert _ids(store, language="de") == [GERMAN]


def test_source_filters_count_outlets_of_each_group(store):
    valeport = frozenset({("Valeport Courier", "valeport.example")})
    eastbank = frozenset({("Eastbank Gazette", "news.eastbank.example")})
    assert _ids(store, sources=(SourceFilter((valeport,)),)) == [BRIDGE, ORCHARD]
    assert _ids(store, sources=(SourceFilter((valeport, eastbank), at_least=2),)) == [BRIDGE]
    assert _ids(store, sources=(SourceFilter((eastbank,), at_least=0, at_most=0),)) == [GERMAN, ORCHARD]
    assert _ids(store, sources=(SourceFilter((frozenset(),)),)) == []


def test_pages_do_not_overlap_and_the_total_counts_every_match(store):
    pages = [store.search_stories(StoryQuery(limit=2, offset=offset)) for offset in (0, 2, 4)]
    assert [p.total for p in pages] == [3, 3, 3]
    assert [s.id for p in pages for s in p.items] == [GERMAN, BRIDGE, ORCHARD]
    assert pages[0].sources[BRIDGE] == [
        ("Valeport Courier", "valeport.example"),
        ("Eastbank Gazette", "news.eastbank.example"),
    ]
    assert ("Rundschau", "") in store.story_sources()
    assert store.stories_with("b2") == [BRIDGE] and store.stories_with("nowhere") == []


def test_a_story_saved_again_is_indexed_again_and_a_deleted_one_is_gone(store):
    story = store.get_story(BRIDGE)
    store.save_story(replace(story, article_ids=["b1"], outlets=["Valeport Courier"]))
    assert store.search_stories(StoryQuery(text="bridge", sort="covered")).sources[BRIDGE] == [
        ("Valeport Courier", "valeport.example")
    ]
    store.delete_story(BRIDGE)
    assert BRIDGE not in _ids(store)


def test_a_store_made_before_search_has_its_stories_indexed_on_opening(location, bridge_analyses):
    from test_store import _raw_sql

    with open_store(location) as store:
        store.add(bridge_analyses[0])
        story = Story(BRIDGE, "Harbour bridge closed", [bridge_analyses[0].article.id], ["x"], ["en"], None, None)
        store.save_story(story)
    tables = ["story_index", "story_reports"] + ([] if location.startswith("postgresql://") else ["story_text"])
    drops = [(f"DROP TABLE {table}", ()) for table in tables]
    _raw_sql(location, [*drops, ("DELETE FROM meta WHERE key = ?", ("story_search_version",))])
    with open_store(location) as store:
        assert _ids(store, text="harbour") == [BRIDGE]
