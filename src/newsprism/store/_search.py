"""Story search shared by both stores: the query, its answer, and the SQL both dialects build from it.

A story is indexed when it is saved: one row of facets (title, first/last seen, report count), one row per
distinct report naming its source (outlet field and URL host), and its headlines and texts for full-text search.
Leans and outlet names are not stored: they come from the outlets file the server was given, so the caller turns
them into sets of sources (`SourceFilter`) and the store only counts which of those a story's reports come from.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from newsprism.types import Article, Story

# Bump when what is indexed changes: an older index is rebuilt when the store opens.
SEARCH_INDEX_VERSION = "1"
# The key under which a store records the version of its search index.
SEARCH_META_KEY = "story_search_version"

# The newest first, or the most reports first (then the newest).
SORTS = ("newest", "covered")
# Indexed text per story: the headlines and the start of each report, up to this many characters in all (a
# PostgreSQL tsvector holds at most 1 MB, and the lead of a report carries its story).
MAX_INDEXED_CHARS = 200_000
MAX_WORDS = 16
_WORD = re.compile(r"\w+", re.UNICODE)

Source = tuple[str, str]
"""Where a report comes from as the store knows it: (outlet field, URL host)."""


@dataclass(frozen=True, slots=True)
class SourceFilter:
    """Stories with reports from at least `at_least` (and at most `at_most`) of `groups`, each group being the
    sources of one outlet (or of one side of the lean scale)."""

    groups: tuple[frozenset[Source], ...]
    at_least: int = 1
    at_most: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryQuery:
    """What a story list asks for; every field narrows it, and `limit`/`offset` page through the answer."""

    text: str = ""
    date_from: date | None = None
    date_to: date | None = None
    language: str = ""
    sources: tuple[SourceFilter, ...] = ()
    sort: str = "newest"
    limit: int = 20
    offset: int = 0


@dataclass(frozen=True, slots=True)
class StoryPage:
    """One page of matching stories, how many match in all, and the sources of each story on the page."""

    total: int
    items: list[Story]
    sources: dict[str, list[Source]] = field(default_factory=dict)


def source_of(article: Article) -> Source:
    """The (outlet, host) a report is indexed under."""
    try:
        host = (urlsplit(article.url).hostname or "") if article.url else ""
    except ValueError:
        host = ""
    return " ".join(article.outlet.split()), host


def source_article(source: Source) -> Article:
    """An article carrying only a source, enough for an outlet directory to match it."""
    outlet, host = source
    return Article(id="", title="", text="", outlet=outlet, url=f"https://{host}/" if host else "")


def indexed_text(story: Story, articles: Sequence[Article]) -> tuple[str, str]:
    """(headlines, body) of a story as the full-text index holds them, bounded by `MAX_INDEXED_CHARS`."""
    titles = "\n".join(dict.fromkeys([story.title, *(a.title for a in articles)]))
    budget = max(0, MAX_INDEXED_CHARS - len(titles))
    share = budget // max(1, len(articles))
    return titles[:MAX_INDEXED_CHARS], "\n".join(a.text[:share] for a in articles)


def search_words(text: str) -> list[str]:
    """The words of a search box (letters and digits, at most `MAX_WORDS`): every one must occur."""
    return _WORD.findall(text.casefold())[:MAX_WORDS]


@dataclass(frozen=True, slots=True)
class Dialect:
    """What differs between SQLite and PostgreSQL in the search query."""

    placeholder: str
    text_match: Callable[[list[str]], tuple[str, list[Any]]]
    day: Callable[[str], str]


def where_clause(query: StoryQuery, dialect: Dialect) -> tuple[str, list[Any]]:
    """The WHERE clause (over `story_index s`) of `query` and its parameters."""
    p = dialect.placeholder
    clauses: list[str] = []
    params: list[Any] = []
    words = search_words(query.text)
    if words:
        clause, values = dialect.text_match(words)
        clauses.append(clause)
        params += values
    if query.date_from is not None:
        clauses.append(f"{dialect.day('s.last_seen')} >= {p}")
        params.append(query.date_from.isoformat())
    if query.date_to is not None:
        clauses.append(f"{dialect.day('s.first_seen')} <= {p}")
        params.append(query.date_to.isoformat())
    if query.language:
        clauses.append(f"EXISTS (SELECT 1 FROM story_reports r WHERE r.story_id = s.story_id AND r.language = {p})")
        params.append(query.language)
    for source_filter in query.sources:
        clause, values = _source_clause(source_filter, p)
        clauses.append(clause)
        params += values
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _source_clause(source_filter: SourceFilter, p: str) -> tuple[str, list[Any]]:
    """How many of the filter's groups the story's reports come from, bounded below and above."""
    hits, params = [], []
    for group in source_filter.groups:
        if not group:
            hits.append("0")
            continue
        values = ", ".join(f"({p}, {p})" for _ in group)
        hits.append(
            "(CASE WHEN EXISTS (SELECT 1 FROM story_reports r WHERE r.story_id = s.story_id "
            f"AND (r.outlet, r.host) IN (VALUES {values})) THEN 1 ELSE 0 END)"
        )
        params += [part for source in sorted(group) for part in source]
    count = " + ".join(hits) or "0"
    bounds = [f"({count}) >= {int(source_filter.at_least)}"]
    if source_filter.at_most is not None:
        bounds.append(f"({count}) <= {int(source_filter.at_most)}")
    return "(" + " AND ".join(bounds) + ")", params * len(bounds)


def order_clause(sort: str) -> str:
    """ORDER BY for one of `SORTS`; stories without a date come last, ties broken by id so pages never overlap."""
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}; choose one of {', '.join(SORTS)}")
    newest = "s.last_seen IS NULL, s.last_seen DESC, s.story_id"
    return f" ORDER BY s.reports DESC, {newest}" if sort == "covered" else f" ORDER BY {newest}"
