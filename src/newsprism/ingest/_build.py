"""Validate loose reader output once, at the boundary, and turn it into an `Article`."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsprism._errors import InputError
from newsprism.ingest._decode import clean_text
from newsprism.ingest._language import detect_language
from newsprism.types import Article

# Fewer letters than this in title and body together and there is nothing to analyse.
MIN_TEXT_CHARS = 20


def parse_published(source: str, value: Any) -> datetime | None:
    """Read a publication date from an ISO string, a loose date string or a datetime."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _naive_utc(value)
    if not isinstance(value, str):
        raise InputError(source, f"field 'published' must be a date string, not {type(value).__name__}")
    try:
        return _naive_utc(datetime.fromisoformat(value.strip().replace("Z", "+00:00")))
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(value, settings={"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        raise InputError(source, f"cannot read {value[:40]!r} as a publication date")
    return parsed


def _naive_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def outlet_from_url(url: str) -> str:
    """The site's domain without a leading "www.", which is how people name outlets."""
    if not url:
        return ""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _as_str(source: str, name: str, value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(source, f"field {name!r} must be a string, not {type(value).__name__}")
    return value


def build_article(source: str, fields: dict[str, Any]) -> Article:
    """Check the fields of one record and build the article, filling outlet, id and language."""
    title = clean_text(_as_str(source, "title", fields.get("title"))).strip()
    text = clean_text(_as_str(source, "text", fields.get("text"))).strip()
    if sum(ch.isalpha() for ch in title + text) < MIN_TEXT_CHARS:
        raise InputError(source, "no article text (title and body are empty or too short)")
    if not text:
        title, text = "", title
    url = _as_str(source, "url", fields.get("url")).strip()
    outlet = _as_str(source, "outlet", fields.get("outlet")).strip() or outlet_from_url(url)
    if not outlet:
        outlet = Path(source.split(":")[0]).stem or "unknown"
    raw_id = fields.get("id")
    if raw_id is not None and not isinstance(raw_id, (str, int)):
        raise InputError(source, f"field 'id' must be a string or number, not {type(raw_id).__name__}")
    language = _as_str(source, "language", fields.get("language")).strip().lower() or detect_language(text)
    return Article(
        id=str(raw_id) if raw_id not in (None, "") else Article.content_id(title, text, outlet),
        title=title,
        text=text,
        outlet=outlet,
        url=url,
        published=parse_published(source, fields.get("published")),
        language=language,
        source=source,
    )
