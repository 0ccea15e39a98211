"""Hostile clients against a real server on 127.0.0.1: huge bodies, huge fields, lone surrogates, NULs, path-like
ids, slow date strings, year 1 and 9999, numbers as dates. Each gets a 4xx with a short message in bounded time
(or, for NULs and unsafe ids, a clean stored article that can be fetched), and a reader polling the API
throughout is answered within 200 ms every time."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from live_server import server_process

REPLY_WITHIN_S = 3.0
READER_WITHIN_S = 0.2
SHORT = 400  # characters: an error message, never an echo of the input
TEXT = "The Valeport council closed the Harbour Bridge on Monday after inspectors found a crack in a girder."


class Reader:
    """Polls GET /api/stories every 20 ms and keeps the slowest answer (bounded: it stops with the test)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.slowest = 0.0
        self.answers = 0
        self.failures: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with httpx.Client(base_url=self.base, timeout=5) as client:
            while not self._stop.wait(0.02):
                started = time.perf_counter()
                response = client.get("/api/stories")
                self.slowest = max(self.slowest, time.perf_counter() - started)
                self.answers += 1
                if response.status_code != 200:
                    self.failures.append(response.text[:80])

    def __enter__(self) -> Reader:
        self._thread.start()
        deadline = time.monotonic() + 5
        while not self.answers and time.monotonic() < deadline:  # polling before the first hostile request
            time.sleep(0.005)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    with server_process(str(tmp_path_factory.mktemp("hostile") / "h.db")) as base:
        # What loads once per process (dateparser's English locale, the language identifier) loads before the clock.
        with httpx.Client(base_url=base) as client:
            client.get("/api/stories")
            client.post("/api/articles", json=_article(published="Junuary 99th"))
        yield base


@pytest.fixture()
def client(server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=30) as client:
        yield client


def _refused(response: httpx.Response, status: int, words: str) -> None:
    assert response.status_code == status, response.text[:200]
    assert len(response.text) < SHORT and words in response.json()["detail"], response.text[:200]
    assert response.elapsed.total_seconds() < REPLY_WITHIN_S


def _article(**fields) -> dict:
    return {"title": "Harbour bridge closed", "text": TEXT, "outlet": "Valeport Courier", **fields}


HUGE = "x" * 100_000
FIELD_CASES = [
    ({"id": HUGE}, "id: String should have at most 200 characters"),
    ({"outlet": HUGE}, "outlet: String should have at most 200 characters"),
    ({"url": HUGE}, "url: String should have at most 2048 characters"),
    ({"language": HUGE}, "language: String should have at most 35 characters"),
    ({"published": "1" * 100_000}, "published: String should have at most 64 characters"),
    ({"published": "x" * 64}, "as a publication date"),
    ({"published": "0001-01-01"}, "publication date 0001-01-01 is out of range"),
    ({"published": "9999-12-31T23:59:59"}, "publication date 9999-12-31 is out of range"),
    ({"published": 12}, "published: Input should be a valid string"),
    ({"published": "12"}, "is a number (12), not a date"),
]


def test_hostile_fields_get_a_short_4xx_while_readers_are_served(server, client):
    with Reader(server) as reader:
        for fields, words in FIELD_CASES:
            _refused(client.post("/api/articles", json=_article(**fields)), 422, words)
        for name in ("title", "text", "outlet", "id", "url"):
            raw = f'{{"title": "t", "text": "{TEXT}", "{name}": "a\\udfffb"}}'
            response = client.post("/api/articles", content=raw, headers={"content-type": "application/json"})
            _refused(response, 422, f"{name}: not valid Unicode")
        broken = client.post(
            "/api/articles", content=b'{"text": "\xff\xfe"}', headers={"content-type": "application/json"}
        )
        _refused(broken, 400, "error parsing the body")
        _refused(client.post("/api/compare", json={"articles": [_article(published="0001-01-01")] * 2}), 422, "out")
    assert reader.answers > 0 and not reader.failures
    assert reader.slowest < READER_WITHIN_S, f"a reader waited {reader.slowest:.3f} s"


def test_huge_bodies_are_refused_unread(server, client):
    with Reader(server) as reader:
        declared = client.post("/api/articles", content=b"{" + b" " * 50_000_000 + b"}")
        _refused(declared, 413, "request body too large")

        def chunks() -> Iterator[bytes]:
            for _ in range(60):
                yield b" " * 100_000

        _refused(client.post("/api/articles", content=chunks()), 413, "request body too large")
    assert reader.slowest < READER_WITHIN_S, f"a reader waited {reader.slowest:.3f} s"


def test_nuls_are_removed_and_unsafe_ids_encoded_so_every_id_can_be_fetched(client):
    answers = [
        client.post("/api/articles", json=_article(id=raw, outlet="Valeport\x00 Courier", text=f"{TEXT} {n}"))
        for n, raw in enumerate(["a\x00b", "../../etc/passwd", "x/y?z#w", ".."])
    ]
    ids = [a.json()["id"] for a in answers]
    assert all(a.status_code == 200 and a.json()["stored"] for a in answers)
    assert len(set(ids)) == 4 and not any(c in "".join(ids) for c in "\x00/?#")
    for article_id in ids:
        article = client.get(f"/api/articles/{article_id}").json()
        assert article["id"] == article_id and article["outlet"] == "Valeport Courier"


def test_one_client_cannot_hold_every_analysis(server):
    barrier = threading.Barrier(4)

    def post(n: int) -> int:
        with httpx.Client(base_url=server, timeout=30) as client:
            barrier.wait(timeout=10)
            return client.post("/api/articles", json=_article(text=f"{TEXT} Flood {n}.")).status_code

    threads_done: list[int] = []
    workers = [threading.Thread(target=lambda n=n: threads_done.append(post(n))) for n in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert 429 in threads_done and 200 in threads_done


def test_unknown_host_headers_are_refused_and_every_answer_has_the_security_headers(client):
    assert client.get("/api/health", headers={"host": "evil.example"}).status_code == 400
    for response in (client.get("/"), client.get("/api/articles/nope"), client.get("/docs")):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert "script-src 'self'" in response.headers["content-security-policy"]


def test_readers_are_served_while_a_long_article_is_analysed(server, client):
    long_text = " ".join(
        f"Inspectors found crack number {n} in girder {n % 7} of the Harbour Bridge." for n in range(150)
    )
    with Reader(server) as reader:
        response = client.post("/api/articles", json=_article(text=long_text))
    assert response.status_code == 200 and response.json()["stored"]
    assert reader.answers > 5 and reader.slowest < READER_WITHIN_S, f"a reader waited {reader.slowest:.3f} s"


def test_markdown_escapes_every_field_a_client_controls(bridge_analyses):
    from dataclasses import replace

    from newsprism import compare_analyses
    from newsprism.report import render_comparison

    hostile = replace(bridge_analyses[0].article, language="<script>alert(1)</script>")
    page = render_comparison(compare_analyses([replace(bridge_analyses[0], article=hostile), bridge_analyses[1]]), "md")
    assert "<script>" not in page and "&lt;script&gt;" in page
