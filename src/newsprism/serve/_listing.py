"""Story lists: the filters a client gives (text, dates, outlet, language, lean, blindspot) turned into a store
query, and each listed story's coverage by lean, shared by the API and the pages so both answer alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from newsprism.outlets import (
    BLINDSPOT_MIN_OUTLETS,
    LEANS,
    LEFT_LEANS,
    RIGHT_LEANS,
    UNRATED,
    CoverageSpread,
    OutletDirectory,
    coverage_spread,
)
from newsprism.outlets._directory import normalise_name
from newsprism.store import Source, SourceFilter, Store, StoryPage, StoryQuery, source_article
from newsprism.types import Outlet

# A page holds at most this many stories (the API refuses more), and pages start this far in at most.
MAX_LIMIT = 100
DEFAULT_LIMIT = 20
MAX_OFFSET = 100_000
LEAN_CHOICES = (*LEANS, UNRATED)
BLINDSPOTS = ("left", "right")


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryFilters:
    """What a story list asks for, already checked (the API by its schema, the pages leniently)."""

    text: str = ""
    date_from: date | None = None
    date_to: date | None = None
    outlet: str = ""
    language: str = ""
    lean: str = ""
    blindspot: str = ""
    sort: str = "newest"
    limit: int = DEFAULT_LIMIT
    offset: int = 0


def find_stories(store: Store, directory: OutletDirectory, filters: StoryFilters) -> StoryPage:
    """The page of stories `filters` asks for; outlet, lean and blindspot are read from the outlets file."""
    sources: list[SourceFilter] = []
    if filters.outlet or filters.lean or filters.blindspot:
        outlets = {source: directory.match(source_article(source)) for source in store.story_sources()}
        sources = _source_filters(filters, outlets)
    query = StoryQuery(
        text=filters.text,
        date_from=filters.date_from,
        date_to=filters.date_to,
        language=filters.language,
        sources=tuple(sources),
        sort=filters.sort,
        limit=filters.limit,
        offset=filters.offset,
    )
    return store.search_stories(query)


def _source_filters(filters: StoryFilters, outlets: dict[Source, Outlet | None]) -> list[SourceFilter]:
    found: list[SourceFilter] = []
    if filters.outlet:
        wanted = normalise_name(filters.outlet)
        group = {s for s, o in outlets.items() if normalise_name(o.name if o else s[0]) == wanted}
        found.append(SourceFilter((frozenset(group),)))
    if filters.lean:
        found.append(SourceFilter((frozenset(s for s, o in outlets.items() if _lean(o) == filters.lean),)))
    if filters.blindspot:
        ignoring = LEFT_LEANS if filters.blindspot == "left" else RIGHT_LEANS
        carrying = RIGHT_LEANS if filters.blindspot == "left" else LEFT_LEANS
        by_outlet: dict[str, set[Source]] = {}
        for source, outlet in outlets.items():
            if outlet is not None and outlet.lean in carrying:
                by_outlet.setdefault(outlet.name, set()).add(source)
        silent = frozenset(s for s, o in outlets.items() if _lean(o) in ignoring)
        groups = tuple(frozenset(g) for _, g in sorted(by_outlet.items()))
        found.append(SourceFilter(groups, at_least=BLINDSPOT_MIN_OUTLETS))
        found.append(SourceFilter((silent,), at_least=0, at_most=0))
    return found


def _lean(outlet: Outlet | None) -> str:
    return outlet.lean if outlet is not None and outlet.lean else UNRATED


def coverage_of(sources: list[Source], directory: OutletDirectory) -> CoverageSpread:
    """How a story's reports (given by their sources) spread over the lean scale and countries."""
    return coverage_spread([source_article(s) for s in sources], directory)


def outlet_rows(store: Store, directory: OutletDirectory) -> list[dict[str, object]]:
    """Every outlet of the outlets file, then every outlet only the stored reports name (unrated)."""
    rows = [_outlet_row(o, known=True) for o in directory.outlets]
    seen = {normalise_name(o.name) for o in directory.outlets}
    for source in store.story_sources():
        if directory.match(source_article(source)) is None and source[0] and normalise_name(source[0]) not in seen:
            seen.add(normalise_name(source[0]))
            rows.append(_outlet_row(Outlet(name=source[0]), known=False))
    return rows


def _outlet_row(outlet: Outlet, *, known: bool) -> dict[str, object]:
    return {
        "name": outlet.name,
        "domains": list(outlet.domains),
        "country": outlet.country,
        "language": outlet.language,
        "lean": outlet.lean,
        "owner": outlet.owner,
        "url": outlet.url,
        "known": known,
    }
