"""The routes: JSON API under /api, story pages under /; every status a route answers is declared."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from markupsafe import escape

from newsprism._errors import InputError
from newsprism.compare import compare_analyses
from newsprism.ingest import build_article
from newsprism.pipeline import submit_article
from newsprism.report import comparison_dict, render_comparison
from newsprism.serve._limits import expensive
from newsprism.serve._schemas import ArticleIn, CompareIn, ErrorOut, StoredOut, StoryOut
from newsprism.serve._security import require_token
from newsprism.store import Outcome, Store
from newsprism.types import Article, Story

MAX_REPORT_ARTICLES = 8
# Ids echoed in an error message are cut to this many characters, and any message to MAX_DETAIL_CHARS.
ECHO_CHARS = 80
MAX_DETAIL_CHARS = 300
_ERRORS = {status: {"model": ErrorOut} for status in (401, 404, 409, 413, 422, 429, 503)}


def _store(request: Request):
    holder = request.app.state.store_holder
    with holder.lock:
        yield holder.store


StoreDep = Annotated[Store, Depends(_store)]
api_router = APIRouter(prefix="/api", responses={s: _ERRORS[s] for s in (413, 422)})
page_router = APIRouter()


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


@api_router.get("/articles/{article_id:path}", responses={404: _ERRORS[404]})
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


@api_router.get("/stories", response_model=list[StoryOut])
def stories(store: StoreDep) -> list[StoryOut]:
    return [_story_out(s) for s in store.iter_stories()]


@api_router.get("/stories/{story_id}", response_model=StoryOut, responses={404: _ERRORS[404]})
def story(story_id: str, store: StoreDep) -> StoryOut:
    found = store.get_story(story_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no story {story_id[:ECHO_CHARS]}")
    return _story_out(found)


@page_router.get("/", response_class=HTMLResponse)
def index(store: StoreDep) -> str:
    rows = "".join(
        f'<li><a href="/stories/{escape(s.id)}">{escape(s.title)}</a> — {len(s.article_ids)} '
        f"reports, {escape(', '.join(s.outlets))}</li>"
        for s in store.iter_stories()
    )
    return (
        f"<!doctype html><meta charset='utf-8'><title>newsprism</title><h1>Stories</h1>"
        f"<ul>{rows or '<li>No stories yet: run newsprism cluster.</li>'}</ul>"
    )


@page_router.get("/stories/{story_id}", response_class=HTMLResponse, dependencies=[Depends(expensive)])
def story_page(story_id: str, request: Request) -> str:
    holder = request.app.state.store_holder
    with holder.lock:
        found = holder.store.get_story(story_id)
        if found is None:
            raise HTTPException(status_code=404, detail=f"no story {story_id[:ECHO_CHARS]}")
        ids = [i for i in found.article_ids if i not in found.duplicates][:MAX_REPORT_ARTICLES]
        analyses = [a for a in (holder.store.get_analysis(i) for i in ids) if a is not None]
    if len(analyses) < 2:
        raise HTTPException(
            status_code=409, detail=f"story {story_id[:ECHO_CHARS]} has fewer than two distinct reports"
        )
    return render_comparison(compare_analyses(analyses), "html")


def _story_out(story: Story) -> StoryOut:
    return StoryOut(
        id=story.id,
        title=story.title,
        outlets=story.outlets,
        languages=story.languages,
        first_seen=story.first_seen,
        last_seen=story.last_seen,
        articles=story.article_ids,
        duplicates=story.duplicates,
    )
