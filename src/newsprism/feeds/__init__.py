"""Feeds: following sources — reading a sources file, polling with conditional GET, fetching the linked pages as
full articles, politely (a User-Agent naming newsprism, timeouts, size caps, retries, per-host pacing).

The rounds themselves (store, analyse, place into stories) and the background `Watcher` are orchestration and
live in `newsprism.pipeline`."""

from newsprism.feeds._fetch import Fetcher, FetchError, Response
from newsprism.feeds._options import USER_AGENT, FetchOptions, WatchOptions
from newsprism.feeds._pages import entry_article
from newsprism.feeds._poll import Entry, FeedPoll, poll_feed
from newsprism.feeds._sources import read_sources

__all__ = [
    "Entry",
    "FeedPoll",
    "FetchError",
    "FetchOptions",
    "Fetcher",
    "Response",
    "USER_AGENT",
    "WatchOptions",
    "entry_article",
    "poll_feed",
    "read_sources",
]
