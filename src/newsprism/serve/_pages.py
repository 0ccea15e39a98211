"""The web app's pages: the story list, a story, an article, and comparing two pasted texts.

Query strings are read leniently (a bad date is dropped with a notice, never a raw error), every view is a URL
that can be linked, and every page is rendered on the server from autoescaped templates.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from newsprism._errors import InputError
from newsprism.compare import compare_analyses
from newsprism.ingest import build_article
from newsprism.outlets import coverage_spread
from newsprism.report import comparison_dict
from newsprism.report._evidence import aligned_sentences, evidence_pairs, evidence_rows
from newsprism.report._text import describe
from newsprism.serve._charts import coverage_bar, timeline
from newsprism.serve._comparisons import (
    MAX_COMPARED,
    chosen_reports,
    compare_cached,
    distinct_reports,
    load_analyses,
)
from newsprism.serve._errors import MAX_DETAIL_CHARS
from newsprism.serve._fetch_url import fetch_article
from newsprism.serve._limits import expensive
from newsprism.serve._listing import (
    BLINDSPOTS,
    DEFAULT_LIMIT,
    LEAN_CHOICES,
    MAX_OFFSET,
    StoryFilters,
    coverage_of,
    find_stories,
    outlet_rows,
)
from newsprism.serve._templates import render
from newsprism.store import SORTS
from newsprism.types import DIMENSIONS, Article, Comparison

page_router = APIRouter(include_in_schema=False)
# Headlines shown on a story page; a story larger than this lists its first ones.
MAX_HEADLINES = 60
# Reports read for a story's coverage, outlets and timeline; a story beyond this is described by its first ones.
MAX_REPORTS_READ = 1000
MAX_FIELD_CHARS = 200
# Stories linked from an article page (a report is normally in one).
MAX_STORIES_LINKED = 10
_PARAMS = ("q", "from", "to", "outlet", "language", "lean", "blindspot", "sort")


def _day(value: str, name: str, notices: list[str]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        notices.append(f"“{name}” is not a date (YYYY-MM-DD) and was left out.")
        return None


def _list_filters(request: Request, notices: list[str]) -> tuple[StoryFilters, int, dict[str, str]]:
    """The filters of the list page from its query string; anything out of range is dropped with a notice."""
    raw = {k: request.query_params.get(k, "")[:MAX_FIELD_CHARS].strip() for k in _PARAMS}
    page_text = request.query_params.get("page", "1")
    page = int(page_text) if page_text.isdigit() and 0 < int(page_text) <= MAX_OFFSET // DEFAULT_LIMIT else 1
    for key, choices in (("lean", LEAN_CHOICES), ("blindspot", BLINDSPOTS), ("sort", SORTS)):
        if raw[key] and raw[key] not in choices:
            notices.append(f"“{key}” must be one of {', '.join(choices)}; it was left out.")
            raw[key] = ""
    filters = StoryFilters(
        text=raw["q"],
        date_from=_day(raw["from"], "from", notices),
        date_to=_day(raw["to"], "to", notices),
        outlet=raw["outlet"],
        language=raw["language"][:35],
        lean=raw["lean"],
        blindspot=raw["blindspot"],
        sort=raw["sort"] or "newest",
        limit=DEFAULT_LIMIT,
        offset=(page - 1) * DEFAULT_LIMIT,
    )
    return filters, page, {k: v for k, v in raw.items() if v}


@page_router.get("/", response_class=HTMLResponse)
def index(request: Request) -> str:
    notices: list[str] = []
    filters, page, params = _list_filters(request, notices)
    directory = request.app.state.outlets
    holder = request.app.state.store_holder
    with holder.lock:
        found = find_stories(holder.store, directory, filters)
        names = [str(row["name"]) for row in outlet_rows(holder.store, directory)]
    rows = []
    for story in found.items:
        spread = coverage_of(found.sources.get(story.id, []), directory)
        rows.append({"story": story, "coverage": spread, "segments": coverage_bar(spread)})
    return render(
        request,
        "index.html.j2",
        f=filters,
        rows=rows,
        total=found.total,
        page=page,
        pages=max(1, math.ceil(found.total / DEFAULT_LIMIT)),
        params=params,
        filtered=bool(params),
        notices=notices,
        outlet_names=sorted(set(names), key=str.casefold),
        leans=LEAN_CHOICES,
        blindspots=BLINDSPOTS,
    )


@page_router.get("/stories/{story_id}", response_class=HTMLResponse, dependencies=[Depends(expensive)])
def story_page(
    story_id: str, request: Request, report: Annotated[list[str] | None, Query(max_length=MAX_HEADLINES)] = None
) -> str:
    holder = request.app.state.store_holder
    with holder.lock:
        story = holder.store.get_story(story_id)
        if story is None:
            raise HTTPException(status_code=404, detail="There is no story with this id.")
        ids = distinct_reports(story)[:MAX_REPORTS_READ]
        articles = [a for a in (holder.store.get_article(i) for i in ids) if a is not None]
        wanted = [r[:MAX_FIELD_CHARS] for r in report or []]
        chosen = chosen_reports(story, wanted)
        analyses = load_analyses(holder.store, chosen) if len(chosen) >= 2 else []
    comparison = compare_cached(story, analyses, request.app.state.comparisons) if len(analyses) >= 2 else None
    directory = request.app.state.outlets
    spread = coverage_spread(articles, directory)
    return render(
        request,
        "story.html.j2",
        story=story,
        reports=[_report_row(a, directory) for a in articles[:MAX_HEADLINES]],
        report_count=len(articles),
        coverage=spread,
        segments=coverage_bar(spread),
        outlets=_outlets_of(articles, directory),
        tl=timeline([(a.id, _outlet_name(a, directory), a.title, a.published) for a in articles]),
        chosen=set(chosen),
        max_compared=MAX_COMPARED,
        pick_notice=bool(wanted) and not set(chosen) <= set(wanted),
        **_comparison_context(comparison),
    )


def _outlet_name(article: Article, directory) -> str:
    outlet = directory.match(article)
    return outlet.name if outlet is not None else (article.outlet or "unknown outlet")


def _report_row(article: Article, directory) -> dict[str, Any]:
    outlet = directory.match(article)
    return {"article": article, "outlet_name": _outlet_name(article, directory), "lean": outlet and outlet.lean}


def _outlets_of(articles: list[Article], directory) -> list[dict[str, Any]]:
    """One row per outlet of the story, with what the outlets file says of it and its number of reports."""
    rows: dict[str, dict[str, Any]] = {}
    for article in articles:
        outlet = directory.match(article)
        name = _outlet_name(article, directory)
        row = rows.setdefault(name, {"name": name, "lean": None, "country": "", "owner": "", "url": "", "reports": 0})
        if outlet is not None:
            row.update(lean=outlet.lean, country=outlet.country, owner=outlet.owner, url=outlet.url)
        row["reports"] += 1
    return list(rows.values())


def _comparison_context(comparison: Comparison | None) -> dict[str, Any]:
    if comparison is None:
        return {"comparison": None}
    data = comparison_dict(comparison)
    why = [
        {"a": p["a"], "b": p["b"], "rows": evidence_rows(p), "aligned": aligned_sentences(p)}
        for p in evidence_pairs(data["evidence"])
    ]
    return {"comparison": data, "why": why, "dimensions": DIMENSIONS, "describe": describe}


@page_router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(article_id: str, request: Request) -> str:
    holder = request.app.state.store_holder
    with holder.lock:
        article = holder.store.get_article(article_id)
        ids = holder.store.stories_with(article_id)[:MAX_STORIES_LINKED] if article is not None else []
        stories = [s for s in (holder.store.get_story(i) for i in ids) if s is not None]
    if article is None:
        raise HTTPException(status_code=404, detail="There is no article with this id.")
    outlet = request.app.state.outlets.match(article)
    paragraphs = [p.strip() for p in article.text.split("\n") if p.strip()]
    return render(
        request,
        "article.html.j2",
        article=article,
        outlet=outlet,
        outlet_name=_outlet_name(article, request.app.state.outlets),
        paragraphs=paragraphs,
        stories=stories,
    )


@page_router.get("/compare", response_class=HTMLResponse)
def compare_form(request: Request) -> str:
    return render(request, "compare.html.j2", form={}, comparison=None, error="")


@page_router.post("/compare", response_class=HTMLResponse, dependencies=[Depends(expensive)])
async def compare_texts(request: Request) -> HTMLResponse:
    """Compare the two pasted texts of the form (the body is bounded by the server's body limit)."""
    body = (await request.body()).decode("utf-8", "replace")
    form = {k: v[0] for k, v in parse_qs(body, max_num_fields=20).items()}
    allow_private = request.app.state.fetch_private
    try:
        articles = [await run_in_threadpool(_pasted, form, side, allow_private) for side in ("a", "b")]
    except InputError as exc:
        page = render(request, "compare.html.j2", form=form, comparison=None, error=str(exc)[:MAX_DETAIL_CHARS])
        return HTMLResponse(page, status_code=422)
    analyses = await run_in_threadpool(request.app.state.analyser, articles)
    comparison = await run_in_threadpool(compare_analyses, analyses)
    return HTMLResponse(render(request, "compare.html.j2", form=form, error="", **_comparison_context(comparison)))


def _pasted(form: dict[str, str], side: str, allow_private: bool) -> Article:
    """Report A or B of the form: its pasted text, else the page at its URL (fetched with the guards of
    `_fetch_url`), the fields typed in the form taking precedence over the page's own."""
    fields = {name: form.get(f"{name}_{side}", "").strip() for name in ("title", "text", "outlet", "published")}
    url = form.get(f"url_{side}", "").strip()
    if not fields["text"] and url:
        fetched = fetch_article(url, allow_private=allow_private)
        fields = {
            "title": fields["title"] or fetched.title,
            "text": fetched.text,
            "outlet": fields["outlet"] or fetched.outlet,
            "published": fields["published"] or (fetched.published.isoformat() if fetched.published else ""),
            "url": fetched.url,
        }
    fields["published"] = fields["published"] or None
    return build_article(f"report {side.upper()}", fields)
