"""Polling one feed: a conditional GET, then its entries, each with a stable key to remember it by."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from newsprism._errors import InputError
from newsprism.feeds._fetch import Fetcher, FetchError
from newsprism.ingest._decode import decode_text
from newsprism.types import FeedState

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
_KEY_CHARS = 32
# The encoding named in an XML declaration, rewritten once the text is decoded (it is then sent as UTF-8).
_XML_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*["'])[A-Za-z0-9_.:-]+(["'])""")


@dataclass(frozen=True, slots=True)
class Entry:
    """One feed entry as the feed gives it; `key` identifies it across polls (a hash of its id, else its link,
    else its title and content), short and of fixed size whatever the feed puts there."""

    key: str
    feed_url: str
    feed_title: str
    guid: str
    link: str
    title: str
    content: str
    published: str


@dataclass(frozen=True, slots=True)
class FeedPoll:
    """What one poll found: the entries (none when the feed answered 304) and the state to keep for the next."""

    url: str
    entries: list[Entry]
    state: FeedState
    not_modified: bool


def poll_feed(url: str, state: FeedState | None, fetcher: Fetcher) -> FeedPoll:
    """Fetch and parse one feed; raises `FetchError` naming the feed when it cannot be fetched or read."""
    state = state or FeedState(url)
    response = fetcher.get(url, etag=state.etag, last_modified=state.last_modified, accept=FEED_ACCEPT)
    now = datetime.now().isoformat(timespec="seconds")
    if response.status == 304:
        return FeedPoll(url, [], FeedState(url, state.etag, state.last_modified, now), True)
    parsed = _parse(url, response.content, response.charset)
    feed_title = str(parsed.feed.get("title", "")).strip() if parsed.get("feed") else ""
    entries = [entry for raw in parsed.entries if (entry := _entry(url, feed_title, raw)) is not None]
    headers = response.headers
    kept = FeedState(url, headers.get("etag", ""), headers.get("last-modified", ""), now)
    return FeedPoll(url, entries, kept, False)


def _parse(url: str, raw: bytes, charset: str | None) -> Any:
    """Feed bytes parsed by feedparser, decoded first as browsers decode pages: a byte-order mark, else the HTTP
    charset, else the declared one, else UTF-8, else the charset the content shows. A declaration the bytes
    contradict (UTF-8 declared, Shift_JIS sent) is overruled, not obeyed into mojibake."""
    import feedparser

    try:
        text = decode_text(url, raw, charset)
    except InputError as exc:
        raise FetchError(url, f"not a readable feed ({exc.problem})") from exc
    document = _XML_ENCODING.sub(r"\1utf-8\2", text, count=1).encode("utf-8")
    try:
        parsed = feedparser.parse(document)
    except Exception as exc:  # feedparser reports most damage as `bozo`, but not every kind
        raise FetchError(url, f"not a readable feed ({type(exc).__name__})") from exc
    if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
        reason = parsed.get("bozo_exception") or "no RSS or Atom document"
        raise FetchError(url, f"not a readable feed ({_one_line(reason)})")
    return parsed


def _entry(feed_url: str, feed_title: str, raw: Any) -> Entry | None:
    guid = str(raw.get("id") or "").strip()
    link = str(raw.get("link") or "").strip()
    content = raw.get("content") or []
    body = " ".join(str(part.get("value", "")) for part in content) or str(raw.get("summary", ""))
    identity = guid or link or f"{raw.get('title', '')}\n{body}".strip()
    if not identity:
        return None
    return Entry(
        key=hashlib.sha256(identity.encode()).hexdigest()[:_KEY_CHARS],
        feed_url=feed_url,
        feed_title=feed_title,
        guid=guid,
        link=link,
        title=str(raw.get("title", "")),
        content=body,
        published=str(raw.get("published") or raw.get("updated") or ""),
    )


def _one_line(reason: object) -> str:
    text = " ".join(str(reason).split())
    return text[:200]
