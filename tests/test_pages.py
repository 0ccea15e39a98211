"""The web app's pages and the story API over one store: filters and paging (in the URL), story pages of one and
of several reports, hostile article text escaped on every page, HTML error pages, API shapes and bounds."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from conftest import EXAMPLES
from newsprism.outlets import load_outlets
from newsprism.serve import ServeOptions, create_app
from newsprism.types import Story

HOSTILE_TITLE = '<script>window.__pwned = "title"</script> Bridge'
HOSTILE_TEXT = "Officials spoke. <img src=x onerror=\"window.__pwned = 'img'\"> The bridge closed on Monday."
HOSTILE_OUTLET = "<b onmouseover=alert(1)>Evil</b>"
FILLER_STORIES = 23  # with the bridge and the hostile story: 25 stories, two pages of 20
FIRST_DAY = datetime(2025, 5, 1, 8, 0)


def _copy(analysis, article_id: str, **fields):
    return replace(analysis, article=replace(analysis.article, id=article_id, **fields))


def _story(story_id: str, title: str, articles, **fields) -> Story:
    dates = [a.article.published for a in articles if a.article.published]
    return Story(
        story_id,
        title,
        [a.article.id for a in articles],
        sorted({a.article.outlet for a in articles}),
        sorted({a.article.language for a in articles}),
        min(dates, default=None),
        max(dates, default=None),
        **fields,
    )


@pytest.fixture(scope="module")
def app(tmp_path_factory, bridge_analyses):
    return pages_app(tmp_path_factory.mktemp("pages") / "pages.db", bridge_analyses)


def pages_app(db, bridge_analyses, **options):
    """An app on a store holding the two bridge reports as one story (their outlets rated in
    examples/outlets.toml), a hostile one-report story, and filler one-report stories a day apart."""
    outlets = load_outlets(EXAMPLES / "outlets.toml")
    application = create_app(db, ServeOptions(analysis_processes=0, outlets=outlets, **options))
    store = application.state.store_holder.store
    bridge = [_copy(a, f"bridge-{i}") for i, a in enumerate(bridge_analyses)]
    hostile = _copy(
        bridge_analyses[0],
        "hostile-1",
        title=HOSTILE_TITLE,
        text=HOSTILE_TEXT,
        outlet=HOSTILE_OUTLET,
        url="javascript:alert(1)",
    )
    fillers = [
        _copy(bridge_analyses[1], f"filler-{n}", title=f"Ferry timetable {n}", outlet=f"Ferry Weekly {n}",
              text=f"The ferry timetable of route {n} changes on Monday, the operator said.",
              url="", published=FIRST_DAY + timedelta(days=n))
        for n in range(FILLER_STORIES)
    ]  # fmt: skip
    for analysis in [*bridge, hostile, *fillers]:
        assert store.add(analysis)
    store.save_story(_story("s-bridge", "Harbour bridge closed", bridge))
    store.save_story(_story("s-hostile", HOSTILE_TITLE, [hostile]))
    for n, filler in enumerate(fillers):
        store.save_story(_story(f"s-filler-{n:02d}", filler.article.title, [filler]))
    return application


@pytest.fixture()
def client(app):
    return TestClient(app, base_url="http://127.0.0.1")


def _listed(page: str) -> list[str]:
    return re.findall(r'<h2><a href="/stories/([^"]+)">', page)


def test_search_narrows_the_list_and_the_view_is_in_the_url(client):
    everything = client.get("/")
    assert everything.status_code == 200 and "25 stories" in everything.text
    found = client.get("/", params={"q": "girder"})
    assert _listed(found.text) == ["s-bridge"] and 'value="girder"' in found.text


def test_filters_by_lean_outlet_language_dates_and_blindspot(client):
    assert _listed(client.get("/?lean=lean-right").text) == ["s-bridge"]
    assert _listed(client.get("/", params={"outlet": "Ferry Weekly 3"}).text) == ["s-filler-03"]
    assert _listed(client.get("/?from=2025-05-03&to=2025-05-04").text) == ["s-filler-03", "s-filler-02"]
    assert _listed(client.get("/?language=xx").text) == []
    assert _listed(client.get("/?blindspot=left").text) == []  # one right-leaning outlet is not enough


def test_paging_walks_every_story_once(client):
    first, second = client.get("/"), client.get("/?page=2")
    assert len(_listed(first.text)) == 20 and len(_listed(second.text)) == 5
    assert not set(_listed(first.text)) & set(_listed(second.text))
    assert 'href="/?page=2"' in first.text and 'rel="prev"' in second.text


def test_bad_list_parameters_are_dropped_with_a_notice_not_an_error(client):
    page = client.get("/?from=yesterday&lean=far-out&page=-3")
    assert page.status_code == 200 and page.text.count('class="notice"') == 2 and "25 stories" in page.text


def test_a_story_page_shows_headlines_coverage_timeline_comparison_and_links(client):
    page = client.get("/stories/s-bridge")
    assert page.status_code == 200
    assert page.text.count('class="card"') == 2 and 'id="timeline"' in page.text
    assert page.text.count('class="point"') == 2 and 'class="lean-lean-left"' in page.text
    assert "Eastbank Press Ltd" in page.text  # outlet metadata from the outlets file
    assert 'id="comparison"' in page.text and 'id="summary"' in page.text
    assert 'class="original" href="https://' in page.text


def test_an_article_page_links_to_its_story(client):
    page = client.get("/articles/bridge-1")
    assert page.status_code == 200 and 'id="in-stories"' in page.text and 'href="/stories/s-bridge"' in page.text


def test_a_story_page_compares_the_reports_picked_and_says_when_too_few_were(client):
    picked = client.get("/stories/s-bridge", params={"report": ["bridge-0", "bridge-1"]})
    assert 'id="comparison"' in picked.text and 'id="pick-notice"' not in picked.text
    one = client.get("/stories/s-bridge", params={"report": "bridge-0"})
    assert 'id="pick-notice"' in one.text and 'id="comparison"' in one.text


def test_a_story_of_one_report_renders(client):
    page = client.get("/stories/s-filler-00")
    assert page.status_code == 200 and 'id="single"' in page.text and 'class="card"' in page.text


def test_hostile_article_text_is_escaped_on_every_page(client):
    pages = [
        client.get("/"),
        client.get("/stories/s-hostile"),
        client.get("/articles/hostile-1"),
        client.post(
            "/compare",
            data={"title_a": HOSTILE_TITLE, "text_a": HOSTILE_TEXT, "outlet_a": HOSTILE_OUTLET,
                  "title_b": "Bridge closed", "text_b": "The bridge closed on Monday after a crack was found."},
        ),
    ]  # fmt: skip
    for page in pages:
        assert page.status_code == 200, page.text[:300]
        assert "<script>window" not in page.text and "<img src=x" not in page.text and "<b onmouseover" not in page.text
        assert "&lt;script&gt;" in page.text
        assert 'href="javascript:' not in page.text


def test_page_errors_are_html_and_api_errors_are_json(client):
    missing = client.get("/stories/s-nowhere")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert "<nav" in missing.text and "no story" in missing.text.lower()
    assert client.get("/no/such/page").headers["content-type"].startswith("text/html")
    assert client.get("/articles/nope").status_code == 404
    api = client.get("/api/stories/s-nowhere")
    assert api.status_code == 404 and api.json() == {"detail": "no story s-nowhere"}
    assert client.get("/api/nothing-here").json() == {"detail": "Not Found"}


def test_story_api_answers_total_and_items_with_a_bounded_limit(client):
    page = client.get("/api/stories", params={"limit": 2, "offset": 1, "sort": "covered"}).json()
    assert page["total"] == 25 and len(page["items"]) == 2
    top = client.get("/api/stories", params={"sort": "covered", "limit": 1}).json()["items"][0]
    assert top["id"] == "s-bridge" and top["coverage"]["by_lean"]["lean-left"] == 1
    too_many = client.get("/api/stories", params={"limit": 101})
    assert too_many.status_code == 422 and too_many.json() == {
        "detail": "query.limit: Input should be less than or equal to 100"
    }
    assert client.get("/api/stories", params={"from": "2025-13-01"}).status_code == 422


def test_comparison_and_outlets_api(client):
    comparison = client.get("/api/stories/s-bridge/comparison")
    assert comparison.status_code == 200 and len(comparison.json()["articles"]) == 2
    single = client.get("/api/stories/s-filler-00/comparison")
    assert single.status_code == 409 and "fewer than two" in single.json()["detail"]
    outlets = {o["name"]: o for o in client.get("/api/outlets").json()["items"]}
    assert outlets["Eastbank Gazette"]["lean"] == "lean-right" and outlets["Eastbank Gazette"]["known"]
    assert outlets["Ferry Weekly 0"] == {**outlets["Ferry Weekly 0"], "known": False, "lean": None}


def test_a_story_comparison_is_computed_once_per_story_version(app, client):
    cache = app.state.comparisons
    client.get("/stories/s-bridge")
    misses = cache.misses
    client.get("/stories/s-bridge")
    assert cache.misses == misses and cache.hits >= 1


WATCH_WITHIN_S = 180.0  # the watcher's first round loads the models, then fetches, analyses and clusters


def test_serve_with_watch_shows_the_stories_of_followed_feeds(tmp_path):
    """`serve --watch SOURCES --outlets FILE`: the example feeds, served on 127.0.0.1, become stories on /."""
    import time

    import httpx

    from feed_server import Reply, feed_server
    from live_server import server_process

    feeds = EXAMPLES / "feeds"
    with feed_server() as site:
        for path in feeds.rglob("*"):
            if path.is_file():
                site.routes["/" + path.relative_to(feeds).as_posix()] = Reply(path.read_bytes())
        listed = [line.split("/", 3)[3] for line in (feeds / "sources.txt").read_text().splitlines() if "://" in line]
        sources = tmp_path / "sources.txt"
        sources.write_text("\n".join(site.url("/" + path) for path in listed))
        args = ("--watch", str(sources), "--outlets", str(EXAMPLES / "outlets.toml"), "--every", "1h")
        with server_process(str(tmp_path / "watch.db"), *args) as base:
            deadline = time.monotonic() + WATCH_WITHIN_S
            total = 0
            while total == 0 and time.monotonic() < deadline:
                time.sleep(1.0)
                total = httpx.get(f"{base}/api/stories", timeout=10).json()["total"]
            page = httpx.get(f"{base}/", timeout=10)
            leans = httpx.get(f"{base}/api/stories", timeout=10).json()["items"][0]["coverage"]["by_lean"]
    assert (total > 0 and "1 story" not in page.text) or total == 1
    assert sum(count for lean, count in leans.items() if lean != "unrated") >= 1  # outlets file applied
    assert all(site.hits("/" + path) for path in listed)


def test_compare_form_refuses_an_empty_text_with_the_form_kept(client):
    page = client.post("/compare", data={"title_a": "Kept headline", "text_a": "  ", "text_b": "Some text."})
    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html")
    assert "no article text" in page.text and 'value="Kept headline"' in page.text
    assert client.get("/compare").status_code == 200


@pytest.fixture(scope="module")
def pages_site():
    """Two example article pages (and an oversized one) served on 127.0.0.1."""
    from feed_server import Reply, feed_server

    feeds = EXAMPLES / "feeds"
    html = {"Content-Type": "text/html; charset=utf-8"}
    with feed_server() as site:
        site.routes["/a.html"] = Reply((feeds / "courier" / "bridge-closed.html").read_bytes(), headers=html)
        site.routes["/b.html"] = Reply((feeds / "gazette" / "bridge-commuters.html").read_bytes(), headers=html)
        site.routes["/huge.html"] = Reply(b"<p>" + b"x" * 5_000_001, headers=html)
        yield site


def test_compare_by_url_refuses_loopback_and_other_schemes_by_default(client, pages_site):
    for url, words in ((pages_site.url("/a.html"), "not a public address"), ("file:///etc/passwd", "http(s)")):
        page = client.post("/compare", data={"url_a": url, "text_b": "The bridge closed on Monday."})
        assert page.status_code == 422 and words in page.text
    assert pages_site.hits("/a.html") == []  # refused before any connection


def test_compare_by_url_fetches_pages_when_the_server_allows_private_addresses(tmp_path, pages_site):
    app = create_app(tmp_path / "f.db", ServeOptions(analysis_processes=0, fetch_private=True))
    client = TestClient(app, base_url="http://127.0.0.1")
    page = client.post("/compare", data={"url_a": pages_site.url("/a.html"), "url_b": pages_site.url("/b.html")})
    assert page.status_code == 200 and 'id="comparison"' in page.text and "Same story" in page.text
    huge = client.post("/compare", data={"url_a": pages_site.url("/huge.html"), "text_b": "x y z"})
    assert huge.status_code == 422 and "larger than 5,000,000 bytes" in huge.text
