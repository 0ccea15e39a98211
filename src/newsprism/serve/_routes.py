"""The JSON API under /api; every status a route answers is declared with its error body."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from newsprism._errors import InputError
from newsprism.compare import compare_analyses
from newsprism.ingest import build_article
from newsprism.outlets import OutletDirectory
from newsprism.pipeline import submit_article
from newsprism.report import comparison_dict
from newsprism.serve._comparisons import MAX_COMPARED, chosen_reports, compare_cached, load_analyses
from newsprism.serve._limits import expensive
from newsprism.serve._listing import (
    BLINDSPOTS,
    LEAN_CHOICES,
    MAX_LIMIT,
    MAX_OFFSET,
    StoryFilters,
    coverage_of,
    find_stories,
    outlet_rows,
)
from newsprism.serve._schemas import (
    ArticleIn,
    ArticleOut,
    CompareIn,
    CoverageOut,
    ErrorOut,
    OutletListOut,
    OutletOut,
    StoredOut,
    StoryItemOut,
    StoryListOut,
    StoryOut,
)
from newsprism.serve._security import require_token
from newsprism.store import SORTS, Outcome, Store, StoryPage
from newsprism.types import Analysis, Article, Story

# Ids echoed in an error message are cut to this many characters, and any message to MAX_DETAIL_CHARS.
ECHO_CHARS = 80
MAX_DETAIL_CHARS = 300
_ERRORS = {status: {"model": ErrorOut} for status in (400, 401, 404, 409, 413, 422, 429, 503)}


def _store(request: Request):
    holder = request.app.state.store_holder
    with holder.lock:
        yield holder.store


StoreDep = Annotated[Store, Depends(_store)]
api_router = APIRouter(prefix="/api", responses={s: _ERRORS[s] for s in (400, 413, 422)})
MAX_QUERY_CHARS = 200
DAY = r"^\d{4}-\d{2}-\d{2}$"


def _filters(
    q: Annotated[str, Query(max_length=MAX_QUERY_CHARS, description="Words every story must contain.")] = "",
    date_from: Annotated[str, Query(alias="from", pattern=DAY, description="Stories seen on or after this day.")] = "",
    date_to: Annotated[str, Query(alias="to", pattern=DAY, description="Stories seen on or before this day.")] = "",
    outlet: Annotated[str, Query(max_length=MAX_QUERY_CHARS, description="Stories this outlet reported.")] = "",
    lean: Annotated[Literal[LEAN_CHOICES] | None, Query(description="Stories an outlet of this lean reported.")] = None,
    language: Annotated[str, Query(max_length=35, description="Stories with a report in this language.")] = "",
    blindspot: Annotated[Literal[BLINDSPOTS] | None, Query(description="Stories this side ignores.")] = None,
    sort: Annotated[Literal[SORTS], Query(description="newest, or covered: most reports first.")] = "newest",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> StoryFilters:
    return StoryFilters(
        text=q,
        date_from=_day(date_from, "from"),
        date_to=_day(date_to, "to"),
        outlet=outlet,
        language=language,
        lean=lean or "",
        blindspot=blindspot or "",
        sort=sort,
        limit=limit,
        offset=offset,
    )


def _day(value: str, name: str) -> date | None:
    """A YYYY-MM-DD day, read strictly (a number is no date here, as it is for published dates)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise HTTPException(status_code=422, detail=f"query.{name}: {value[:10]!r} is not a day") from exc


FiltersDep = Annotated[StoryFilters, Depends(_filters)]


def _article(payload: ArticleIn, where: str) -> Article:
    """The article a client sent, checked like any ingested record (422 with the reason otherwise)."""
    try:
        return build_article(where, payload.model_dump())
    except InputError as exc:
        raise HTTPException(status_code=422, detail=str(exc)[:MAX_DETAIL_CHARS]) from exc


@api_router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@api_router.post("/compare", dependencies=[Depends(expensive)], responses={s: _ERRORS[s] for s in (429, 503)})
def compare(body: CompareIn, request: Request) -> dict[str, Any]:
    articles = [_article(a, f"articles[{i}]") for i, a in enumerate(body.articles)]
    return comparison_dict(compare_analyses(request.app.state.analyser(articles)))


@api_router.post(
    "/articles",
    response_model=StoredOut,
    dependencies=[Depends(require_token), Depends(expensive)],
    responses={s: _ERRORS[s] for s in (401, 409, 429, 503)},
)
def add_article(body: ArticleIn, request: Request) -> StoredOut:
    """Store an article: `stored` true when this request stored it, false when the same report was already
    stored (under the id returned); 409 when the id holds a different report."""
    article = _article(body, "article")
    holder = request.app.state.store_holder
    added = submit_article(article, holder.store, holder.lock, request.app.state.analyser)
    if added.outcome is Outcome.REFUSED:
        raise HTTPException(status_code=409, detail=f"article id {article.id!r} already belongs to a different article")
    return StoredOut(id=added.id, stored=added.outcome is Outcome.STORED)


@api_router.get("/articles/{article_id:path}", response_model=ArticleOut, responses={404: _ERRORS[404]})
def get_article(article_id: str, store: StoreDep) -> dict[str, Any]:
    article = store.get_article(article_id)
    if article is None:
        raise HTTPException(status_code=404, detail=f"no article {article_id[:ECHO_CHARS]}")
    return {
        "id": article.id,
        "title": article.title,
        "text": article.text,
        "outlet": article.outlet,
        "url": article.url,
        "language": article.language,
        "published": article.published.isoformat() if article.published else None,
    }


@api_router.get("/stories", response_model=StoryListOut)
def stories(filters: FiltersDep, store: StoreDep, request: Request) -> StoryListOut:
    """Stories matching the filters, newest (or most covered) first, one page at a time."""
    directory = request.app.state.outlets
    page = find_stories(store, directory, filters)
    items = [
        StoryItemOut(
            **_story_out(s).model_dump(), coverage=coverage_of(page.sources.get(s.id, []), directory).to_dict()
        )
        for s in page.items
    ]
    return StoryListOut(total=page.total, items=items)


@api_router.get("/stories/{story_id}", response_model=StoryOut, responses={404: _ERRORS[404]})
def story(story_id: str, store: StoreDep) -> StoryOut:
    found = store.get_story(story_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no story {story_id[:ECHO_CHARS]}")
    return _story_out(found)


@api_router.get(
    "/stories/{story_id}/comparison",
    dependencies=[Depends(expensive)],
    responses={s: _ERRORS[s] for s in (404, 409, 429, 503)},
)
def story_comparison(
    story_id: str,
    request: Request,
    article: Annotated[list[str] | None, Query(max_length=MAX_COMPARED, description="Reports to compare.")] = None,
) -> dict[str, Any]:
    """The comparison of up to eight reports of a story (`article` picks them; the first eight otherwise);
    409 when the story has fewer than two distinct reports."""
    found, analyses = _story_analyses(request, story_id, article or [])
    if len(analyses) < 2:
        raise HTTPException(status_code=409, detail=f"story {story_id[:ECHO_CHARS]} has fewer than two reports")
    return comparison_dict(compare_cached(found, analyses, request.app.state.comparisons))


@api_router.get("/outlets", response_model=OutletListOut)
def outlets(store: StoreDep, request: Request) -> OutletListOut:
    """The outlets of the outlets file, then those only stored reports name."""
    return OutletListOut(items=[OutletOut(**row) for row in outlet_rows(store, request.app.state.outlets)])


def _story_analyses(request: Request, story_id: str, wanted: list[str]) -> tuple[Story, list[Analysis]]:
    holder = request.app.state.store_holder
    with holder.lock:
        found = holder.store.get_story(story_id)
        if found is None:
            raise HTTPException(status_code=404, detail=f"no story {story_id[:ECHO_CHARS]}")
        return found, load_analyses(holder.store, chosen_reports(found, wanted))


def _coverage(page: StoryPage, story_id: str, directory: OutletDirectory) -> CoverageOut:
    return CoverageOut(**coverage_of(page.sources.get(story_id, []), directory).to_dict())


def _story_out(story: Story) -> StoryOut:
    return StoryOut(
        id=story.id,
        title=story.title,
        outlets=story.outlets,
        languages=story.languages,
        first_seen=story.first_seen.isoformat() if story.first_seen else None,
        last_seen=story.last_seen.isoformat() if story.last_seen else None,
        articles=story.article_ids,
        duplicates=story.duplicates,
    )
