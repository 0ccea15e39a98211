"""Watching feeds: each round polls every source, takes the new entries as full articles, stores them and places
them into stories; `Watcher` runs the rounds on a schedule in a background thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from newsprism._console import Console
from newsprism._errors import InputError, NewsprismError
from newsprism.cluster import ClusterOptions
from newsprism.feeds import Entry, FeedPoll, Fetcher, FetchError, WatchOptions, entry_article, poll_feed
from newsprism.pipeline._cluster import place_articles
from newsprism.store import Store
from newsprism.types import Article

STOP_JOIN_S = 30.0
"""How long `Watcher.stop` waits for the round in flight (its last analysis batch) before giving up on it."""


@dataclass(slots=True)
class RoundResult:
    """What one round did. `entries` are the new entries taken; `story_of` maps each article placed to its story."""

    feeds: int = 0
    not_modified: int = 0
    failed_feeds: int = 0
    entries: int = 0
    fallbacks: int = 0
    stored: int = 0
    already_stored: int = 0
    failed: int = 0
    seconds: float = 0.0
    story_of: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        return (
            f"{self.feeds} feeds polled ({self.not_modified} not modified, {self.failed_feeds} failed), "
            f"{self.entries} new entries ({self.fallbacks} from the feed's own text), {self.stored} stored, "
            f"{self.already_stored} already stored, {len(set(self.story_of.values()))} stories touched "
            f"in {self.seconds:.1f} s"
        )


def watch_round(
    sources: Sequence[str],
    store: Store,
    console: Console,
    fetcher: Fetcher,
    options: WatchOptions | None = None,
    cluster_options: ClusterOptions | None = None,
) -> RoundResult:
    """Poll every feed once and ingest what is new, with the guarantees of `ingest`.

    A feed that fails is one error line naming it; the others go on. Crash safety comes from the order of the
    writes: articles are stored (one transaction each) and placed first, then their entries are marked seen, then
    each feed's ETag and Last-Modified are kept. Interrupted anywhere, the next round fetches again what was not
    marked, and the store answers "already stored" for what it already holds: no duplicates, nothing lost."""
    options = options or WatchOptions()
    started, failures_before = time.monotonic(), console.failures
    result = RoundResult()
    polls: list[FeedPoll] = []
    taken: dict[str, list[str]] = {}
    articles = _new_articles(sources, store, console, fetcher, options, result, polls, taken)
    placement = place_articles(articles, store, console, cluster_options)
    result.stored, result.already_stored = placement.counts.stored, placement.counts.already_stored
    result.story_of = placement.story_of
    for feed_url, keys in taken.items():
        store.mark_entries_seen(feed_url, keys)
    for poll in polls:
        store.save_feed_state(poll.state)
    result.failed = console.failures - failures_before
    result.seconds = time.monotonic() - started
    return result


def _new_articles(
    sources: Sequence[str],
    store: Store,
    console: Console,
    fetcher: Fetcher,
    options: WatchOptions,
    result: RoundResult,
    polls: list[FeedPoll],
    taken: dict[str, list[str]],
) -> Iterator[Article]:
    """The articles of the new entries of every feed, read lazily so analysis overlaps fetching; `polls` and
    `taken` collect what to remember once they are stored. Yields nothing more once `fetcher.stop` is set."""
    for url in sources:
        poll = None if fetcher.stop.is_set() else _poll(url, store, console, fetcher, result)
        if poll is None:
            continue
        unseen = _unseen(poll, store)
        keys = taken.setdefault(url, [])
        for entry in unseen[: options.max_entries]:
            if fetcher.stop.is_set():
                return
            article, done = _take(entry, fetcher, console, result)
            if done:
                keys.append(entry.key)
            if article is not None:
                result.entries += 1
                yield options.outlets.named(article) if options.outlets else article
        if len(keys) == len(unseen):  # entries left (to retry, or beyond the bound): no 304 may hide them next round
            polls.append(poll)


def _poll(url: str, store: Store, console: Console, fetcher: Fetcher, result: RoundResult) -> FeedPoll | None:
    result.feeds += 1
    try:
        poll = poll_feed(url, store.feed_state(url), fetcher)
    except FetchError as exc:
        if not fetcher.stop.is_set():
            result.failed_feeds += 1
            console.error(f"feed {exc}")
        return None
    result.not_modified += poll.not_modified
    return poll


def _unseen(poll: FeedPoll, store: Store) -> list[Entry]:
    """The entries no earlier round took, oldest first (feeds list the newest first); each key once."""
    seen = store.seen_entries(poll.url, [entry.key for entry in poll.entries])
    unique = {entry.key: entry for entry in reversed(poll.entries) if entry.key not in seen}
    return list(unique.values())


def _take(entry: Entry, fetcher: Fetcher, console: Console, result: RoundResult) -> tuple[Article | None, bool]:
    """The entry's article, and whether the entry is done with. An entry without an article is reported and
    done; one whose page failed for a passing reason, with no text of its own to stand in, is tried next round."""
    try:
        article, problem = entry_article(entry, fetcher)
    except FetchError as exc:
        if not fetcher.stop.is_set():
            console.info(f"{exc}; the entry is tried again next round")
        return None, False
    except InputError as exc:
        console.error(str(exc))
        return None, True
    if problem is not None:
        result.fallbacks += 1
        console.info(f"{problem}; the feed's own text is used")
    return article, True


class Watcher:
    """Follows feeds in a background thread: a round at once, then one every `options.every_s` seconds.

    Parameters
    ----------
    sources
        Feed URLs (`newsprism.feeds.read_sources` reads them from a file).
    store_factory
        Called once, inside the watcher's thread, to open the store it writes to (a store connection belongs to
        one thread), e.g. ``lambda: open_store(db)``; closed when the watcher ends.
    options
        Schedule, per-feed bound, outlets and the politeness of every request (`WatchOptions`).
    cluster_options
        How stories are formed, as for `cluster`.
    console
        Where error lines (one per failing feed or entry) and round summaries go.
    on_round
        Called with each `RoundResult`, in the watcher's thread.

    `start()` returns at once; `stop()` is prompt and bounded: pending waits end, no new request starts, the
    request in flight ends at its timeout, and the articles already fetched are stored before the thread ends.
    """

    def __init__(
        self,
        sources: Sequence[str],
        store_factory: Callable[[], Store],
        options: WatchOptions | None = None,
        *,
        cluster_options: ClusterOptions | None = None,
        console: Console | None = None,
        on_round: Callable[[RoundResult], None] | None = None,
    ) -> None:
        self.sources = list(sources)
        self.store_factory = store_factory
        self.options = options or WatchOptions()
        self.cluster_options = cluster_options
        self.console = console or Console(quiet=True)
        self.on_round = on_round
        self.rounds = 0
        self.last: RoundResult | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> Watcher:
        """Start the background thread (once)."""
        if self._thread is not None:
            raise RuntimeError("this watcher was already started")
        self._thread = threading.Thread(target=self._run, name="newsprism-watch", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = STOP_JOIN_S) -> bool:
        """Ask the thread to end and wait up to `timeout` seconds; True when it has ended."""
        self._stop.set()
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def run_once(self, store: Store) -> RoundResult:
        """One round in the calling thread, on `store` (what `watch --once` runs)."""
        with Fetcher(self.options.fetch, self._stop) as fetcher:
            return self._round(store, fetcher)

    def _run(self) -> None:
        try:
            store = self.store_factory()
        except NewsprismError as exc:
            self.console.error(f"watch cannot start: {exc}")
            return
        with store, Fetcher(self.options.fetch, self._stop) as fetcher:
            while not self._stop.is_set():
                try:
                    self._round(store, fetcher)
                except NewsprismError as exc:  # the store failed mid-round: what was not marked is fetched again
                    self.console.error(f"watch round failed: {exc}")
                self._stop.wait(self.options.every_s)

    def _round(self, store: Store, fetcher: Fetcher) -> RoundResult:
        result = watch_round(self.sources, store, self.console, fetcher, self.options, self.cluster_options)
        self.rounds += 1
        self.last = result
        self.console.info(f"round {self.rounds}: {result.summary()}")
        if self.on_round is not None:
            self.on_round(result)
        return result
