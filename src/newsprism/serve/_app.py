"""The FastAPI app: the same stage functions as the CLI, behind a JSON API and a few pages."""

import threading
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse
from markupsafe import escape

from newsprism._errors import InputError
from newsprism.analyze import analyze_many
from newsprism.compare import compare_analyses
from newsprism.ingest import build_article
from newsprism.pipeline import submit_article
from newsprism.report import comparison_dict, render_comparison
from newsprism.serve._schemas import ArticleIn, CompareIn, StoredOut, StoryOut
from newsprism.store import Outcome, Store, open_store

MAX_REPORT_ARTICLES = 8


class _StoreHolder:
    """One store per app; SQLite connections are not for concurrent use, so calls take a lock."""

    def __init__(self, path: str | Path | None) -> None:
        self.store = open_store(path)
        self.lock = threading.Lock()


def _store(request: Request):
    holder: _StoreHolder = request.app.state.store_holder
    with holder.lock:
        yield holder.store


StoreDep = Annotated[Store, Depends(_store)]


def _article(payload: ArticleIn, where: str):
    try:
        return build_article(where, payload.model_dump())
    except InputError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc


def create_app(db: str | Path | None = None) -> FastAPI:
    """An app bound to the store at `db` (or the default one)."""
    app = FastAPI(title="newsprism", summary="One news story through many outlets.")
    app.state.store_holder = _StoreHolder(db)
    api = APIRouter(prefix="/api")

    @api.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @api.post("/compare")
    def compare(body: CompareIn) -> dict[str, Any]:
        articles = [_article(a, f"articles[{i}]") for i, a in enumerate(body.articles)]
        return comparison_dict(compare_analyses(analyze_many(articles)))

    @api.post("/articles", response_model=StoredOut)
    def add_article(body: ArticleIn, request: Request) -> StoredOut:
        article = _article(body, "article")
        holder: _StoreHolder = request.app.state.store_holder
        added = submit_article(article, holder.store, holder.lock)
        if added.outcome is Outcome.REFUSED:
            raise HTTPException(
                status_code=409, detail=f"article id {article.id!r} already belongs to a different article"
            )
        return StoredOut(id=added.id, stored=added.outcome is Outcome.STORED)

    @api.get("/articles/{article_id}")
    def get_article(article_id: str, store: StoreDep) -> dict[str, Any]:
        article = store.get_article(article_id)
        if article is None:
            raise HTTPException(status_code=404, detail=f"no article {article_id}")
        return {
            "id": article.id,
            "title": article.title,
            "text": article.text,
            "outlet": article.outlet,
            "url": article.url,
            "language": article.language,
            "published": article.published.isoformat() if article.published else None,
        }

    @api.get("/stories", response_model=list[StoryOut])
    def stories(store: StoreDep) -> list[StoryOut]:
        return [_story_out(s) for s in store.iter_stories()]

    @api.get("/stories/{story_id}", response_model=StoryOut)
    def story(story_id: str, store: StoreDep) -> StoryOut:
        found = store.get_story(story_id)
        if found is None:
            raise HTTPException(status_code=404, detail=f"no story {story_id}")
        return _story_out(found)

    app.include_router(api)

    @app.get("/", response_class=HTMLResponse)
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

    @app.get("/stories/{story_id}", response_class=HTMLResponse)
    def story_page(story_id: str, store: StoreDep) -> str:
        found = store.get_story(story_id)
        if found is None:
            raise HTTPException(status_code=404, detail=f"no story {story_id}")
        ids = [i for i in found.article_ids if i not in found.duplicates][:MAX_REPORT_ARTICLES]
        analyses = [a for a in (store.get_analysis(i) for i in ids) if a is not None]
        if len(analyses) < 2:
            raise HTTPException(status_code=409, detail=f"story {story_id} has fewer than two distinct reports")
        return render_comparison(compare_analyses(analyses), "html")

    return app


def _story_out(story) -> StoryOut:
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
