"""Watching feeds against a real HTTP server on 127.0.0.1: full pages stored and placed into stories, conditional
GET, failing feeds as one error line each, politeness (size cap, retries, per-host pacing), restarts without
duplicates."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from feed_server import FeedServer, Reply, feed_server
from newsprism import NewsprismError, StoreError
from newsprism.cli import app
from newsprism.feeds import Fetcher, FetchError, FetchOptions, WatchOptions, read_sources
from newsprism.feeds._pace import HostPacer
from newsprism.outlets import load_outlets
from newsprism.pipeline import Watcher
from newsprism.store import SQLiteStore, open_store
from newsprism.types import FeedState

EXAMPLE_FEEDS = Path(__file__).resolve().parents[1] / "examples" / "feeds"
ETAG = '"good-v1"'
MODIFIED = format_datetime(datetime(2025, 6, 11, 10, 0, tzinfo=UTC), usegmt=True)
JAPANESE = [
    "ヴェイルポート市議会は月曜日、主要な鋼製の桁に亀裂が見つかったとして、ハーバー橋を全面通行止めにした。",
    "エレナ・マーシュ市長は記者団に対し、少なくとも三週間は閉鎖が続くと述べ、北部鉄道公社の技術者が損傷を調べると説明した。",
    "市は旧市街とイーストバンク地区を結ぶフェリーを火曜日から十分おきに運航する。クエイ通りの商店主らは客足が落ちることを心配している。",
]
FALLBACK_TEXT = "The council said the ferry timetable doubles from Tuesday while engineers inspect the bridge girders."
FAST = FetchOptions(timeout_s=0.5, retries=0, backoff_s=0.0, host_interval_s=0.0)


def rss(server: FeedServer, title: str, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed; each item is (guid, page path, summary)."""
    body = "".join(
        f"<item><title>{guid} report</title><link>{server.url(path)}</link><guid>{guid}</guid>"
        f"<pubDate>Tue, 10 Jun 2025 08:00:00 GMT</pubDate><description>{summary}</description></item>"
        for guid, path, summary in items
    )
    channel = f"<channel><title>{title}</title>{body}</channel>"
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0">{channel}</rss>'.encode()


def atom(server: FeedServer, title: str, entries: list[tuple[str, str, str]]) -> bytes:
    body = "".join(
        f"<entry><title>{key} report</title><id>urn:test:{key}</id><link href='{server.url(path)}'/>"
        f"<updated>2025-06-10T09:00:00Z</updated><content type='text'>{content}</content></entry>"
        for key, path, content in entries
    )
    return f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title>{body}</feed>'.encode()


def japanese_page() -> bytes:
    """A Shift_JIS page that declares no charset, served without one."""
    heading = "ハーバー橋が通行止め"
    paragraphs = "".join(f"<p>{p}</p>" for p in JAPANESE)
    page = f"<html><head><title>{heading}</title></head><body><article><h1>{heading}</h1>{paragraphs}</article>"
    return f"{page}</body></html>".encode("shift_jis")


def conditional(body: bytes, *, etag: str = "", modified: str = "") -> object:
    """A feed route that answers 304 when the client sends back its validator."""

    def route(headers: dict[str, str]) -> Reply:
        if (etag and headers.get("if-none-match") == etag) or (
            modified and headers.get("if-modified-since") == modified
        ):
            return Reply(status=304)
        validators = {"ETag": etag} if etag else {}
        return Reply(body, headers={**validators, "Last-Modified": modified or MODIFIED})

    return route


@pytest.fixture
def site():
    """Two good feeds (RSS with an ETag, Atom with Last-Modified only) and four bad ones."""
    with feed_server() as server:
        pages = {
            "/good/bridge.html": EXAMPLE_FEEDS / "courier" / "bridge-closed.html",
            "/good/library.html": EXAMPLE_FEEDS / "courier" / "library-branches.html",
        }
        for path, file in pages.items():
            server.routes[path] = Reply(file.read_bytes(), headers={"Content-Type": "text/html; charset=utf-8"})
        server.routes["/pages/sjis.html"] = Reply(japanese_page(), headers={"Content-Type": "text/html"})
        good = rss(
            server, "Valeport Courier", [("g-1", "/good/bridge.html", "short"), ("g-2", "/good/library.html", "tiny")]
        )
        server.routes["/good/feed.xml"] = conditional(good, etag=ETAG)
        second = atom(
            server, "Nihon Wire", [("jp-1", "/pages/sjis.html", "要約"), ("gone", "/pages/gone.html", FALLBACK_TEXT)]
        )
        server.routes["/second/feed.xml"] = conditional(second, modified=MODIFIED)
        server.routes["/bad/500.xml"] = Reply(b"oops", 500)
        server.routes["/bad/slow.xml"] = Reply(good, delay_s=1.5)
        server.routes["/bad/garbage.xml"] = Reply(
            b"<<<this is no feed>>> &&& <rss", headers={"Content-Type": "text/xml"}
        )
        yield server


def sources(server: FeedServer) -> list[str]:
    paths = [
        "/good/feed.xml",
        "/bad/500.xml",
        "/bad/slow.xml",
        "/bad/missing.xml",
        "/bad/garbage.xml",
        "/second/feed.xml",
    ]
    return [server.url(path) for path in paths]


def error_lines(capsys) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]


def test_watch_once_stores_full_pages_and_places_them_into_stories(site, tmp_path, capsys) -> None:
    db = tmp_path / "w.db"
    watcher = Watcher(sources(site), lambda: open_store(db), WatchOptions(fetch=FAST))
    with open_store(db) as store:
        first = watcher.run_once(store)
        articles = {a.id: a for a in store.iter_articles()}
        placed = {i for story in store.iter_stories() for i in story.article_ids}
    assert (first.stored, first.feeds, first.failed_feeds) == (4, 6, 4)
    assert set(articles) == {"g-1", "g-2", "urn:test:jp-1", "urn:test:gone"}
    assert "forty thousand vehicles a day" in articles["g-1"].text  # the page, not the feed's "short"
    assert articles["g-1"].outlet == "Valeport Courier" and articles["g-1"].url == site.url("/good/bridge.html")
    assert all(p in articles["urn:test:jp-1"].text for p in JAPANESE[1:])
    assert articles["urn:test:gone"].text == FALLBACK_TEXT and first.fallbacks == 1
    assert placed == set(articles) and set(first.story_of) == set(articles)
    errors = error_lines(capsys)
    assert len(errors) == 4
    for path, reason in [
        ("/bad/500.xml", "HTTP 500"),
        ("/bad/slow.xml", "timed out"),
        ("/bad/missing.xml", "HTTP 404"),
        ("/bad/garbage.xml", "not a readable feed"),
    ]:
        assert sum(site.url(path) in line and reason in line for line in errors) == 1, (path, errors)


def test_second_round_sends_validators_and_stores_nothing(site, tmp_path, capsys) -> None:
    db = tmp_path / "w.db"
    watcher = Watcher(sources(site), lambda: open_store(db), WatchOptions(fetch=FAST))
    with open_store(db) as store:
        watcher.run_once(store)
        second = watcher.run_once(store)
        count = store.count()
    assert (second.stored, second.entries, second.not_modified) == (0, 0, 2)
    good = site.hits("/good/feed.xml")
    assert "if-none-match" not in good[0].headers and good[1].headers["if-none-match"] == ETAG
    assert site.hits("/second/feed.xml")[1].headers["if-modified-since"] == MODIFIED
    assert len(site.hits("/good/bridge.html")) == 1  # a page is fetched once
    assert count == 4


def test_restart_on_the_same_store_makes_no_duplicates(site, tmp_path) -> None:
    db = tmp_path / "w.db"
    with open_store(db) as store:
        Watcher(sources(site), lambda: open_store(db), WatchOptions(fetch=FAST)).run_once(store)
    with open_store(db) as store:  # a new process would open the store anew, as here
        again = Watcher(sources(site), lambda: open_store(db), WatchOptions(fetch=FAST)).run_once(store)
        assert (again.stored, again.entries, store.count()) == (0, 0, 4)


def test_crash_before_entries_are_marked_resumes_without_duplicates(site, tmp_path, monkeypatch) -> None:
    db = tmp_path / "w.db"
    feeds = [site.url("/good/feed.xml")]

    def crash(self, feed_url, keys):
        raise StoreError("disk gone")

    with monkeypatch.context() as patch:
        patch.setattr(SQLiteStore, "mark_entries_seen", crash)
        with open_store(db) as store, pytest.raises(StoreError):
            Watcher(feeds, lambda: open_store(db), WatchOptions(fetch=FAST)).run_once(store)
    with open_store(db) as store:
        assert store.count() == 2 and store.feed_state(feeds[0]) is None
        resumed = Watcher(feeds, lambda: open_store(db), WatchOptions(fetch=FAST)).run_once(store)
        assert (resumed.stored, resumed.already_stored, store.count()) == (0, 2, 2)
        assert set(resumed.story_of) == {"g-1", "g-2"}
        assert Watcher(feeds, lambda: open_store(db), WatchOptions(fetch=FAST)).run_once(store).entries == 0
    assert "if-none-match" not in site.hits("/good/feed.xml")[1].headers  # no state kept by the crashed round


def test_outlets_name_the_articles_of_a_watch(site, tmp_path) -> None:
    db = tmp_path / "w.db"
    outlets = load_outlets(EXAMPLE_FEEDS.parent / "outlets.toml")
    site.routes["/good/feed.xml"] = Reply(rss(site, "Courier: latest", [("g-1", "/good/bridge.html", "short")]))
    with open_store(db) as store:
        Watcher(
            [site.url("/good/feed.xml")], lambda: open_store(db), WatchOptions(fetch=FAST, outlets=outlets)
        ).run_once(store)
        assert store.get_article("g-1").outlet == "Courier: latest"  # no domain or name of the file matches
    site.routes["/good/feed.xml"] = Reply(rss(site, "valeport courier", [("g-2", "/good/library.html", "tiny")]))
    with open_store(db) as store:
        Watcher(
            [site.url("/good/feed.xml")], lambda: open_store(db), WatchOptions(fetch=FAST, outlets=outlets)
        ).run_once(store)
        assert store.get_article("g-2").outlet == "Valeport Courier"


def test_fetcher_caps_response_size(tmp_path) -> None:
    with feed_server() as server:
        server.routes["/declared"] = Reply(b"x" * 5000)
        server.routes["/streamed"] = Reply(b"y" * 5000, chunked=True)
        server.routes["/fits"] = Reply(b"z" * 1000, chunked=True)
        with Fetcher(FetchOptions(max_bytes=2000, retries=0, host_interval_s=0)) as fetcher:
            for path in ("/declared", "/streamed"):
                with pytest.raises(FetchError, match="too large") as caught:
                    fetcher.get(server.url(path))
                assert not caught.value.transient
            assert fetcher.get(server.url("/fits")).content == b"z" * 1000


def test_fetcher_retries_with_backoff_and_names_newsprism() -> None:
    with feed_server() as server:
        answers = iter([Reply(b"busy", 503), Reply(b"busy", 500), Reply(b"<rss/>")])
        server.routes["/flaky"] = lambda headers: next(answers)
        with Fetcher(FetchOptions(retries=2, backoff_s=0.05, host_interval_s=0)) as fetcher:
            assert fetcher.get(server.url("/flaky")).content == b"<rss/>"
        hits = server.hits("/flaky")
        assert len(hits) == 3
        assert hits[1].at - hits[0].at >= 0.045 and hits[2].at - hits[1].at >= 0.09  # 0.05 s, then doubled
        assert hits[0].headers["user-agent"].startswith("newsprism/")
        server.routes["/gone"] = Reply(b"", 404)
        fetcher = Fetcher(FetchOptions(retries=3, backoff_s=0.0, host_interval_s=0))
        with fetcher, pytest.raises(FetchError, match="HTTP 404"):
            fetcher.get(server.url("/gone"))
        assert len(server.hits("/gone")) == 1  # a 404 is not retried


def test_fetcher_paces_requests_to_one_host() -> None:
    with feed_server() as server:
        server.routes["/feed"] = Reply(b"<rss/>")
        with Fetcher(FetchOptions(host_interval_s=0.2, retries=0)) as fetcher:
            started = time.monotonic()
            for _ in range(3):
                fetcher.get(server.url("/feed"))
            elapsed = time.monotonic() - started
        assert len(server.hits("/feed")) == 3 and elapsed >= 0.4  # the second and third waited their turn


def test_host_pacer_keeps_hosts_apart_and_stops_promptly() -> None:
    import threading

    stop = threading.Event()
    pacer = HostPacer(30.0, stop)
    assert pacer.wait("a.example") and pacer.wait("b.example")  # first turns of two hosts: no wait
    stop.set()
    started = time.monotonic()
    assert not pacer.wait("a.example")  # a 30 s wait ends at once when stopped
    assert time.monotonic() - started < 1.0


def test_watcher_runs_in_the_background_and_stops(site, tmp_path) -> None:
    db = tmp_path / "w.db"
    rounds = []
    watcher = Watcher(
        [site.url("/good/feed.xml")],
        lambda: open_store(db),
        WatchOptions(every_s=60, fetch=FAST),
        on_round=rounds.append,
    )
    watcher.start()
    deadline = time.monotonic() + 120
    while not rounds and time.monotonic() < deadline:
        time.sleep(0.05)
    started = time.monotonic()
    assert watcher.stop(timeout=10) and not watcher.running
    assert time.monotonic() - started < 2.0  # the 60 s wait for the next round is cut short
    assert rounds and rounds[0].stored == 2


def test_read_sources_lines_and_opml_agree() -> None:
    lines = read_sources(EXAMPLE_FEEDS / "sources.txt")
    assert lines == read_sources(EXAMPLE_FEEDS / "sources.opml")
    assert len(lines) == 3 and all(url.startswith("http://127.0.0.1:8765/") for url in lines)


def test_read_sources_bad_lines_named_rest_kept(tmp_path) -> None:
    path = tmp_path / "s.txt"
    path.write_text("# feeds\nhttp://a.example/feed\nftp://b.example/feed\n\nnot a url\nhttp://a.example/feed\n")
    errors: list[str] = []
    assert read_sources(path, on_error=errors.append) == ["http://a.example/feed"]
    assert [e.split(": ")[0] for e in errors] == [f"{path}:3", f"{path}:5"]
    opml = tmp_path / "s.opml"
    opml.write_text(
        '<opml><body><outline xmlUrl="http://a.example/f"/>\n<outline type="rss" xmlUrl="file:///etc/passwd"/></body></opml>'
    )
    with pytest.raises(NewsprismError, match=f"{opml}:2"):
        read_sources(opml)
    opml.write_text("<opml><body><outline")
    with pytest.raises(NewsprismError, match="not valid OPML"):
        read_sources(opml)


def test_feed_state_and_seen_entries_round_trip(location) -> None:
    with open_store(location) as store:
        assert store.feed_state("http://a.example/f") is None
        store.save_feed_state(FeedState("http://a.example/f", '"e1"', MODIFIED, "2025-06-10T10:00:00"))
        store.save_feed_state(FeedState("http://a.example/f", '"e2"', "", "2025-06-10T11:00:00"))
        assert store.feed_state("http://a.example/f") == FeedState(
            "http://a.example/f", '"e2"', "", "2025-06-10T11:00:00"
        )
        store.mark_entries_seen("http://a.example/f", ["k1", "k2"])
        store.mark_entries_seen("http://a.example/f", ["k2", "k3"])
        keys = [f"k{i}" for i in range(1200)]
        assert store.seen_entries("http://a.example/f", keys) == {"k1", "k2", "k3"}
        assert store.seen_entries("http://b.example/f", keys) == set()


def test_cli_watch_once_prints_placements_and_fails_on_a_bad_feed(site, tmp_path) -> None:
    listing = tmp_path / "sources.txt"
    listing.write_text(f"{site.url('/good/feed.xml')}\n{site.url('/bad/500.xml')}\n")
    args = [
        "watch",
        str(listing),
        "--once",
        "--db",
        str(tmp_path / "w.db"),
        "--timeout",
        "0.5",
        "--retries",
        "0",
        "--host-interval",
        "0",
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert sorted(line.split("\t")[0] for line in lines) == ["g-1", "g-2"]
    assert CliRunner().invoke(app, [*args[:2], "--every", "soon", *args[2:]]).exit_code != 0


def test_watcher_reports_a_failed_round_and_goes_on(site, tmp_path, monkeypatch, capsys) -> None:
    db = tmp_path / "w.db"
    real = SQLiteStore.mark_entries_seen
    calls = []

    def fails_once(self, feed_url, keys):
        calls.append(feed_url)
        if len(calls) == 1:
            raise StoreError("database is locked")
        real(self, feed_url, keys)

    monkeypatch.setattr(SQLiteStore, "mark_entries_seen", fails_once)
    rounds = []
    options = WatchOptions(every_s=1, fetch=FAST)
    watcher = Watcher([site.url("/good/feed.xml")], lambda: open_store(db), options, on_round=rounds.append)
    watcher.start()
    deadline = time.monotonic() + 120
    while not rounds and time.monotonic() < deadline:
        time.sleep(0.05)
    assert watcher.stop(timeout=10)
    assert rounds and (rounds[0].stored, rounds[0].already_stored) == (0, 2)  # the second round resumed
    assert [line for line in error_lines(capsys) if "watch round failed" in line and "locked" in line]


def test_entries_beyond_the_bound_wait_for_the_next_round(site, tmp_path) -> None:
    db = tmp_path / "w.db"
    watcher = Watcher([site.url("/good/feed.xml")], lambda: open_store(db), WatchOptions(max_entries=1, fetch=FAST))
    with open_store(db) as store:
        rounds = [watcher.run_once(store) for _ in range(3)]
    assert [(r.stored, r.not_modified) for r in rounds] == [(1, 0), (1, 0), (0, 1)]
    assert list(rounds[0].story_of) == ["g-2"]  # the oldest entry first (the feed lists g-1 first)


def test_feed_in_a_charset_it_does_not_declare_is_read_and_binary_is_one_error(tmp_path, capsys) -> None:
    db = tmp_path / "w.db"
    with feed_server() as server:
        channel = (
            "<channel><title>日本語ニュース</title><item><title>ハーバー橋が通行止め</title><guid>jp-9</guid>"
            f"<link>{server.url('/missing.html')}</link><description>{JAPANESE[1]}</description></item></channel>"
        )
        lying = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0">{channel}</rss>'.encode("shift_jis")
        server.routes["/sjis.xml"] = Reply(lying, headers={"Content-Type": "application/rss+xml"})
        server.routes["/binary.xml"] = Reply(bytes(range(256)) * 4)
        feeds = [server.url("/binary.xml"), server.url("/sjis.xml")]
        with open_store(db) as store:
            result = Watcher(feeds, lambda: open_store(db), WatchOptions(fetch=FAST)).run_once(store)
            article = store.get_article("jp-9")
    assert result.stored == 1 and result.fallbacks == 1
    assert (article.outlet, article.title, article.text) == ("日本語ニュース", "ハーバー橋が通行止め", JAPANESE[1])
    errors = error_lines(capsys)
    assert len(errors) == 1 and server.url("/binary.xml") in errors[0] and "binary" in errors[0]


@pytest.mark.parametrize("package", ["newsprism.feeds", "newsprism.outlets", "newsprism.pipeline"])
def test_package_surface_is_sorted_and_importable(package) -> None:
    import importlib

    module = importlib.import_module(package)
    assert module.__all__ == sorted(module.__all__)
    assert all(hasattr(module, name) for name in module.__all__)
    assert issubclass(FetchError, NewsprismError)
