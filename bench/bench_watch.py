"""Feed watching throughput against a local feed server: articles/min for fetching alone, for storing and placing
the same articles without HTTP (what `ingest` + `cluster` cost), and for a whole `watch` round; then the cost of
a second round where every feed answers 304.

The server (127.0.0.1, a thread of this process) serves two sets of three RSS feeds whose entries link to HTML
pages of AllSides/NeuS reports (../shared/data, validation stories; without it, paragraphs of the example feed
pages): set a is fetched, then analysed, stored and placed without HTTP; set b goes through a watch round, so no
figure profits from texts the other already embedded. Pacing per host is off (every feed is on 127.0.0.1; a real
watch waits 1 s between requests to one host).

Run: python bench/bench_watch.py [--stories 8]
"""

from __future__ import annotations

import argparse
import html
import random
import re
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

EXAMPLE_FEEDS = Path(__file__).resolve().parents[1] / "examples" / "feeds"
ALLSIDES = Path(__file__).resolve().parents[2] / "shared" / "data" / "allsides-neus" / "val.source"
PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
OUTLETS = 3  # AllSides/NeuS stories carry three reports (left, center, right): one feed per position
SEED = 7


def reports(first: int, stories: int) -> list[tuple[int, str, str]]:
    """(feed, title, text) of `stories` AllSides/NeuS stories from line `first`; without the shared data, pages
    drawn from the example feed pages (their paragraphs repeat, which makes the analysis cheaper than real)."""
    if ALLSIDES.is_file():
        from newsprism.evaluate._clusters import allsides_stream

        stream = allsides_stream(ALLSIDES, limit=first + stories - 1, first=first)
        return [(int(a.outlet.rsplit("-", 1)[1]) % OUTLETS, a.title, a.text) for a, _ in stream]
    print(f"note: {ALLSIDES} absent; pages are made of the example feed pages' paragraphs", file=sys.stderr)
    pool = [
        html.unescape(p) for page in sorted(EXAMPLE_FEEDS.rglob("*.html")) for p in PARAGRAPH.findall(page.read_text())
    ]
    rng = random.Random(SEED + first)
    return [(n % OUTLETS, f"Report {first}-{n}", "\n".join(rng.sample(pool, 4))) for n in range(stories * OUTLETS)]


def make_site(name: str, items: list[tuple[int, str, str]]) -> dict[str, bytes]:
    """Path -> body of the feeds (/NAME/oF/feed.xml) and pages of `items`."""
    site: dict[str, bytes] = {}
    entries: dict[int, list[str]] = {}
    for n, (feed, title, text) in enumerate(items):
        path = f"/{name}/o{feed}/a{n}.html"
        body = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
        page = f"<html><head><title>{html.escape(title)}</title></head><body><article>{body}</article></body></html>"
        site[path] = page.encode()
        entries.setdefault(feed, []).append(
            f"<item><title>{html.escape(title)}</title><link>{{base}}{path}</link><guid>{name}-{n}</guid>"
            "<description>summary</description></item>"
        )
    for feed, listed in entries.items():
        channel = f"<channel><title>Outlet {feed}</title>{''.join(listed)}</channel>"
        site[f"/{name}/o{feed}/feed.xml"] = f'<rss version="2.0">{channel}</rss>'.encode()
    return site


def serve(site: dict[str, bytes]) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = site.get(self.path)
            if body is None:
                self.send_response(404)
                self.end_headers()
                return
            if self.path.endswith(".xml") and self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.end_headers()
                return
            body = body.replace(b"{base}", base.encode())
            self.send_response(200)
            self.send_header("ETag", '"v1"')
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return httpd, base


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds * 60:,.0f} articles/min ({seconds:.2f} s, {count} articles)"


def fetch_only(urls: list[str], fetch) -> list:
    """Poll every feed and fetch every page, as a watch round does, without analysing or storing."""
    from newsprism.feeds import Fetcher, entry_article, poll_feed

    started = time.monotonic()
    with Fetcher(fetch) as fetcher:
        articles = [entry_article(e, fetcher)[0] for u in urls for e in poll_feed(u, None, fetcher).entries]
    print(f"fetch_only: {rate(len(articles), time.monotonic() - started)}: feeds, pages, trafilatura")
    return articles


def warm_up(tmp: Path, console) -> None:
    """Analyse and place the example articles in a throwaway store (two of them one story, so the join and review
    models run too), so every model loads before any clock runs."""
    from newsprism.ingest import read_article
    from newsprism.pipeline import place_articles
    from newsprism.store import open_store

    with open_store(tmp / "warm.db") as store:
        examples = sorted(p for p in EXAMPLE_FEEDS.parent.iterdir() if p.suffix in (".txt", ".html", ".json"))
        place_articles([read_article(p) for p in examples], store, console)


def place_without_http(articles: list, tmp: Path, console) -> None:
    """The same articles analysed, stored and placed into stories with no HTTP: the cost of ingest + cluster."""
    from newsprism.pipeline import place_articles
    from newsprism.store import open_store

    with open_store(tmp / "files.db") as store:
        started = time.monotonic()
        placed = place_articles(articles, store, console)
        print(f"store_and_place_without_http: {rate(placed.counts.stored, time.monotonic() - started)}")


def watch_rounds(urls: list[str], fetch, tmp: Path, console) -> None:
    """A whole watch round on an empty store, then a second round (every feed answers 304)."""
    from newsprism.feeds import WatchOptions
    from newsprism.pipeline import Watcher
    from newsprism.store import open_store

    db = tmp / "watch.db"
    watcher = Watcher(urls, lambda: open_store(db), WatchOptions(fetch=fetch), console=console)
    with open_store(db) as store:
        first = watcher.run_once(store)
        second = watcher.run_once(store)
    print(f"watch_round: {rate(first.stored, first.seconds)}")
    print(f"second_round: {second.seconds:.3f} s (not_modified={second.not_modified} stored={second.stored})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=8, help="stories per set (each of about three reports)")
    args = parser.parse_args()

    from newsprism._console import Console
    from newsprism.feeds import FetchOptions

    site = {**make_site("a", reports(1, args.stories)), **make_site("b", reports(1 + args.stories, args.stories))}
    httpd, base = serve(site)
    feeds = {name: [f"{base}/{name}/o{f}/feed.xml" for f in range(OUTLETS)] for name in ("a", "b")}
    fetch = FetchOptions(host_interval_s=0.0, retries=0, timeout_s=10)
    console = Console(quiet=True)
    print(f"stories={args.stories} per set, {OUTLETS} feeds per set (host pacing off: every feed is on 127.0.0.1)")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            warm_up(Path(tmp), console)
            articles = fetch_only(feeds["a"], fetch)
            place_without_http(articles, Path(tmp), console)
            watch_rounds(feeds["b"], fetch, Path(tmp), console)
    finally:
        httpd.shutdown()
        httpd.server_close()


if __name__ == "__main__":
    sys.exit(main())
