"""An entry as a full article: the linked page through trafilatura, else the entry's own content."""

from __future__ import annotations

from urllib.parse import urlsplit

from newsprism._errors import InputError
from newsprism.feeds._fetch import Fetcher, FetchError
from newsprism.feeds._poll import Entry
from newsprism.ingest import build_article
from newsprism.ingest._decode import decode_text
from newsprism.ingest._feed import _strip_markup
from newsprism.ingest._html import parse_html
from newsprism.types import Article

PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


def entry_article(entry: Entry, fetcher: Fetcher) -> tuple[Article, str | None]:
    """The article of an entry and, when its page could not be used, why (the entry's content stood in).

    Raises `InputError` when neither the page nor the entry holds an article, and `FetchError` (transient)
    when the page failed for a reason that may pass and the entry has no text of its own: such an entry is
    tried again in a later round rather than stored without its text."""
    source = f"{entry.feed_url}#{entry.link or entry.guid}"
    page, problem = _page_fields(entry, fetcher)
    fields = {
        "id": entry.guid or entry.link or None,
        "title": _strip_markup(entry.title) or page.get("title", ""),
        "text": page.get("text") or _strip_markup(entry.content),
        "url": entry.link or page.get("url", ""),
        "outlet": entry.feed_title or page.get("outlet", ""),
        "published": entry.published or page.get("published"),
        "language": page.get("language", ""),
    }
    if problem is not None and not fields["text"] and isinstance(problem, FetchError) and problem.transient:
        raise problem
    return build_article(source, fields), None if problem is None else str(problem)


def _page_fields(entry: Entry, fetcher: Fetcher) -> tuple[dict, Exception | None]:
    """The fields of the linked page, or none and the reason."""
    if urlsplit(entry.link).scheme.lower() not in ("http", "https"):
        return {}, InputError(entry.link or entry.guid, "the entry links to no web page")
    try:
        response = fetcher.get(entry.link, accept=PAGE_ACCEPT)
        html = decode_text(response.url, response.content, response.charset)
        return parse_html(entry.link, html), None
    except (FetchError, InputError) as exc:
        return {}, exc
