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
