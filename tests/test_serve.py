"""The API: compare over HTTP with the same contract, store articles, stories and pages, errors as details."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsprism.report import CONTRACT_KEYS
from newsprism.serve import ServeOptions, create_app

BRIDGE_A = {
    "title": "Harbour bridge closed after crack found",
    "outlet": "Valeport Courier",
    "published": "2025-06-10",
    "text": "The Valeport city council closed the Harbour Bridge on Monday after "
    "inspectors found a crack in a main girder. Mayor Elena Marsh said it would stay closed for three weeks.",
}
BRIDGE_B = {
    "title": "Bridge shutdown strands commuters",
    "outlet": "Eastbank Gazette",
    "published": "2025-06-10",
    "text": "Thousands of commuters were stranded on Monday after the Valeport council shut the Harbour Bridge "
    "over a crack in a girder. Mayor Elena Marsh said the bridge would be closed for about three weeks.",
}


@pytest.fixture()
def client(tmp_path):
    # Analyses in this process (its models are loaded once per test session); test_hostile uses worker processes.
    return TestClient(create_app(tmp_path / "api.db", ServeOptions(analysis_processes=0)), base_url="http://127.0.0.1")


def test_compare_endpoint_returns_the_contract(client):
    response = client.post("/api/compare", json={"articles": [BRIDGE_A, BRIDGE_B]})
    assert response.status_code == 200
    data = response.json()
    assert set(CONTRACT_KEYS) <= set(data) and data["same_story"] is True


def test_compare_needs_two_articles(client):
    response = client.post("/api/compare", json={"articles": [BRIDGE_A]})
    assert response.status_code == 422


def test_article_without_text_is_refused_with_a_reason(client):
    response = client.post("/api/articles", json={"title": "x", "text": "  "})
    assert response.status_code == 422
    assert "no article text" in response.json()["detail"]


def test_articles_are_stored_once_and_read_back(client):
    first = client.post("/api/articles", json=BRIDGE_A).json()
    again = client.post("/api/articles", json=BRIDGE_A).json()
    assert first["stored"] is True and again == {"id": first["id"], "stored": False}
    article = client.get(f"/api/articles/{first['id']}").json()
    assert article["outlet"] == "Valeport Courier"
    assert client.get("/api/articles/nope").status_code == 404


def test_an_id_held_by_a_different_article_is_a_conflict(client):
    first = client.post("/api/articles", json={**BRIDGE_A, "id": "valeport-1"}).json()
    clash = client.post("/api/articles", json={**BRIDGE_B, "id": "valeport-1"})
    assert first == {"id": "valeport-1", "stored": True}
    assert clash.status_code == 409 and "'valeport-1'" in clash.json()["detail"]
    assert client.get("/api/articles/valeport-1").json()["outlet"] == "Valeport Courier"


def test_unknown_story_is_404_with_detail(client):
    response = client.get("/api/stories/s-missing")
    assert response.status_code == 404 and response.json()["detail"] == "no story s-missing"
    assert client.get("/").status_code == 200


def test_writes_need_the_token_when_the_server_has_one(tmp_path):
    app = create_app(tmp_path / "t.db", ServeOptions(token="s3cret", analysis_processes=0))
    client = TestClient(app, base_url="http://127.0.0.1")
    refused = client.post("/api/articles", json=BRIDGE_A)
    assert refused.status_code == 401 and "token" in refused.json()["detail"]
    assert client.post("/api/articles", json=BRIDGE_A, headers={"Authorization": "Bearer wrong"}).status_code == 401
    stored = client.post("/api/articles", json=BRIDGE_A, headers={"Authorization": "Bearer s3cret"})
    assert stored.status_code == 200 and stored.json()["stored"] is True
    assert client.get(f"/api/articles/{stored.json()['id']}").status_code == 200  # reading needs no token


def test_serving_beyond_loopback_needs_a_token():
    from newsprism import NewsprismError
    from newsprism.serve import check_bind, serving_hosts

    check_bind("127.0.0.1", None)
    check_bind("0.0.0.0", "s3cret")
    with pytest.raises(NewsprismError, match=r"refusing to listen on 0\.0\.0\.0 without a token"):
        check_bind("0.0.0.0", None)
    assert "news.example.org" in serving_hosts("0.0.0.0", ["news.example.org"])
    assert "0.0.0.0" not in serving_hosts("0.0.0.0")


def test_docs_load_only_local_assets(client):
    import re

    page = client.get("/docs")
    assert page.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert assets and all(a.startswith("/") and not a.startswith("//") for a in assets)
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_docs_render_in_a_browser_under_the_content_security_policy(tmp_path):
    import shutil

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    from live_server import live_server

    app = create_app(tmp_path / "docs.db", ServeOptions(analysis_processes=0))
    with live_server(app) as base, sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        page = browser.new_page()
        refused = []
        page.on("console", lambda message: "Content Security Policy" in message.text and refused.append(message.text))
        page.goto(f"{base}/docs")
        page.wait_for_selector(".opblock", timeout=15_000)
        operations = page.locator(".opblock").count()
        browser.close()
    assert operations >= 8 and not refused
