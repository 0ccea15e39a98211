"""The HTML report in a real browser (headless Chromium via Playwright): it renders, and payloads stay inert."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsprism import Article, analyze_many, compare_analyses
from newsprism.report import render_comparison

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser_page():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        yield page
        browser.close()


def test_report_renders_side_by_side_with_highlights(browser_page, bridge_comparison, tmp_path):
    path = tmp_path / "report.html"
    path.write_text(render_comparison(bridge_comparison, "html"), encoding="utf-8")
    browser_page.goto(path.as_uri())
    assert browser_page.locator("#side-by-side .article").count() == 2
    assert browser_page.locator(".fact.shared").count() >= 2
    assert browser_page.locator(".fact.conflict").count() >= 2
    assert "Same story" in browser_page.locator(".verdict").inner_text()
    shot = tmp_path / "report.png"
    browser_page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000
    assert _png_size(shot)[1] > 900  # the full page is taller than one screen


def test_hostile_article_text_does_not_run(browser_page, tmp_path):
    payloads = (
        '<script>window.__pwned = "script"</script>',
        "<img src=x onerror=\"window.__pwned = 'img'\">",
        "<svg onload=\"window.__pwned = 'svg'\"></svg>",
    )
    body = "The council closed the harbour bridge on Monday after a crack was found, officials said. " + " ".join(
        f"Someone posted {p} online." for p in payloads
    )
    a = Article(id="h1", title=f"Bridge closed {payloads[1]}", text=body, outlet="<b>Outlet</b>", language="en")
    b = Article(
        id="h2",
        title="Harbour bridge shut after crack",
        language="en",
        outlet="Plain News",
        text="The harbour bridge was shut on Monday after inspectors found a crack, the council said.",
    )
    path = tmp_path / "hostile.html"
    path.write_text(render_comparison(compare_analyses(analyze_many([a, b])), "html"), encoding="utf-8")
    browser_page.goto(path.as_uri())
    browser_page.wait_for_timeout(200)
    assert browser_page.evaluate("window.__pwned") is None
    assert "window.__pwned" in browser_page.locator("#side-by-side").inner_text()  # shown as text, not run


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


# --- the web app, served on 127.0.0.1 and driven like a reader would ---

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def site(tmp_path_factory, bridge_analyses):
    from live_server import live_server
    from test_pages import pages_app

    app = pages_app(tmp_path_factory.mktemp("site") / "site.db", bridge_analyses)
    with live_server(app) as base:
        yield base


@pytest.fixture()
def tab(browser_page):
    """The shared page with every console error and uncaught exception of this test collected."""
    problems: list[str] = []

    def on_console(message) -> None:
        if message.type == "error":
            problems.append(message.text)

    browser_page.on("console", on_console)
    browser_page.on("pageerror", lambda error: problems.append(str(error)))
    browser_page.set_viewport_size({"width": 1280, "height": 900})
    yield browser_page, problems
    browser_page.remove_listener("console", on_console)
    assert not problems, problems


def _shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def test_search_narrows_the_story_list_and_paging_walks_it(site, tab):
    page, _ = tab
    page.goto(f"{site}/")
    assert page.locator("li.story").count() == 20
    _shot(page, "stories")
    page.fill("#q", "girder")
    page.press("#q", "Enter")
    page.wait_for_url("**q=girder**")
    assert page.locator("li.story").count() == 1 and "1 story" in page.locator("#count").inner_text()
    page.goto(f"{site}/")
    page.click("a[rel=next]")
    page.wait_for_url("**page=2**")
    assert page.locator("li.story").count() == 5
    _shot(page, "stories-page-2")


def test_story_page_shows_coverage_bar_timeline_and_links(site, tab):
    page, _ = tab
    page.goto(f"{site}/stories/s-bridge")
    assert page.locator(".coverage svg.bar rect").count() == 2  # lean-left and lean-right
    assert page.locator("#timeline circle.point").count() == 2
    assert page.locator("a.original").count() >= 1  # each report with an http(s) URL links to it
    assert page.locator("#headlines .card h3 a").count() == 2
    assert page.locator("#comparison #summary li").count() >= 1
    shot = _shot(page, "story")
    assert _png_size(shot)[1] > 900
    page.click("#headlines .card h3 a >> nth=0")
    page.wait_for_url("**/articles/**")
    assert page.locator("#article-text p").count() >= 1
    _shot(page, "article")


def test_story_of_one_report_renders(site, tab):
    page, _ = tab
    page.goto(f"{site}/stories/s-filler-00")
    assert page.locator("#single").is_visible() and page.locator("#timeline circle.point").count() == 1
    _shot(page, "story-one-report")


def test_pages_fit_a_phone_and_start_with_a_skip_link(site, tab):
    page, _ = tab
    page.set_viewport_size(PHONE)
    for path, name in (("/", "phone-stories"), ("/stories/s-bridge", "phone-story"), ("/compare", "phone-compare")):
        page.goto(f"{site}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than a phone"
        _shot(page, name)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"


def test_hostile_story_stays_inert_in_the_browser(site, tab):
    page, _ = tab
    for path in ("/", "/stories/s-hostile", "/articles/hostile-1"):
        page.goto(f"{site}{path}")
        page.wait_for_timeout(100)
        assert page.evaluate("window.__pwned") is None
    assert "window.__pwned" in page.locator("#article-text").inner_text()


def test_error_pages_are_html_with_navigation(site, tab):
    page, problems = tab
    response = page.goto(f"{site}/stories/s-nowhere")
    assert response.status == 404 and page.locator("nav a.brand").count() == 1
    page.wait_for_timeout(100)
    problems[:] = [p for p in problems if "status of 404" not in p]  # the browser logs the page's own status
    _shot(page, "not-found")
