"""RSS and Atom feed files: one article per entry, with the entry's own link and date."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

from newsprism._errors import InputError

_TAG = re.compile(r"<[^>]+>")


def _strip_markup(fragment: str) -> str:
    """Feed summaries carry HTML; keep the words only."""
    return html.unescape(_TAG.sub(" ", fragment)).strip()


def iter_feed_records(source: str, raw: bytes) -> Iterator[tuple[str, dict[str, Any] | InputError]]:
    """One record per feed entry; entries without text are reported, the rest go on."""
    import feedparser

    parsed = feedparser.parse(raw)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        raise InputError(source, f"no entries in the feed{f' ({reason})' if reason else ''}")
    feed_title = parsed.feed.get("title", "") if parsed.get("feed") else ""
    for index, entry in enumerate(parsed.entries):
        where = f"{source}#{index + 1}"
        content = entry.get("content") or []
        body = " ".join(part.get("value", "") for part in content) or entry.get("summary", "")
        fields = {
            "id": entry.get("id") or None,
            "title": _strip_markup(entry.get("title", "")),
            "text": _strip_markup(body),
            "url": entry.get("link", ""),
            "outlet": feed_title,
            "published": entry.get("published") or entry.get("updated") or None,
        }
        if not fields["text"] and not fields["title"]:
            yield where, InputError(where, "feed entry has neither title nor text")
            continue
        yield where, fields
