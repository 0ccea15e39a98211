"""Validate loose reader output once, at the boundary, and turn it into an `Article`."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsprism._errors import InputError
from newsprism.ingest._decode import CONTROL_CHARS, clean_text
from newsprism.ingest._language import detect_language
from newsprism.types import Article

# Fewer letters than this in title and body together and there is nothing to analyse.
MIN_TEXT_CHARS = 20
# Bounds on the short fields: far beyond any real value, small enough that no field can stall a stage.
MAX_ID_CHARS = 200
MAX_OUTLET_CHARS = 200
MAX_URL_CHARS = 2_048
MAX_LANGUAGE_CHARS = 35
# Title and text from files are bounded by the file size (MAX_BYTES); these bound what a client may send.
MAX_TITLE_CHARS = 2_000
MAX_TEXT_CHARS = 2_000_000
# A date string longer than this is not a date; parsing long strings costs seconds.
MAX_PUBLISHED_CHARS = 64
# Publication dates outside this range are typos or attacks; year 1 breaks every date computation downstream.
EARLIEST_PUBLISHED = datetime(1900, 1, 1)
LATEST_PUBLISHED_AHEAD = timedelta(days=2)
# Ids travel in URLs (/api/articles/{id}) and file names: letters, digits and . _ ~ : @ + = , - only.
_ID_SAFE = re.compile(r"[\w.~:@+=,-]+")
_ID_UNSAFE = re.compile(r"[^\w.~:@+=,-]+")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def parse_published(source: str, value: Any, language: str = "") -> datetime | None:
    """Read a publication date from an ISO string, a loose date string (in the article's language or English)
    or a datetime; a number is not a date (12 would be read as 12 seconds past 1970), a long string is refused
    before parsing, and a date outside 1900 .. a little after now is refused."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _in_range(source, _naive_utc(value))
    if not isinstance(value, str):
        raise InputError(source, f"field 'published' must be a date string, not {type(value).__name__}")
    text = CONTROL_CHARS.sub("", value).strip()
    if len(text) > MAX_PUBLISHED_CHARS:
        raise InputError(
            source,
            f"field 'published' is too long for a date ({len(text)} characters; the limit is {MAX_PUBLISHED_CHARS})",
        )
    try:
        return _in_range(source, _naive_utc(datetime.fromisoformat(text.replace("Z", "+00:00"))))
    except ValueError:
        pass
    if _NUMBER.fullmatch(text):
        raise InputError(source, f"field 'published' is a number ({text[:20]}), not a date")
    parsed = _loose_date(text, language)
    if parsed is None:
        raise InputError(source, f"cannot read {text[:40]!r} as a publication date")
    return _in_range(source, parsed)


def _loose_date(text: str, language: str) -> datetime | None:
    """dateparser on the given languages only: guessing among all of them loads every locale (seconds)."""
    import dateparser

    settings = {"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first"}
    languages = list(dict.fromkeys([language, "en"])) if language else ["en"]
    try:
        return dateparser.parse(text, languages=languages, settings=settings)
    except ValueError:  # a language dateparser does not know
        return dateparser.parse(text, languages=["en"], settings=settings)


def _in_range(source: str, moment: datetime) -> datetime:
    latest = datetime.now() + LATEST_PUBLISHED_AHEAD
    if not EARLIEST_PUBLISHED <= moment <= latest:
        raise InputError(
            source, f"publication date {moment.date().isoformat()} is out of range (1900-01-01 to {latest.date()})"
        )
    return moment


def _naive_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment
    try:
        return moment.astimezone(UTC).replace(tzinfo=None)
    except OverflowError:  # year 1 or 9999 shifted out of range by its offset
        return moment.replace(tzinfo=None)


def safe_id(source: str, raw: str) -> str:
    """The id as given when it is URL-safe; otherwise its safe characters plus a short hash of the whole, so every
    stored id can be fetched at /api/articles/{id} and distinct ids stay distinct ("a/b" -> "a-b-<hash>")."""
    if len(raw) > MAX_ID_CHARS:
        raise InputError(source, f"field 'id' is too long ({len(raw)} characters; the limit is {MAX_ID_CHARS})")
    if _ID_SAFE.fullmatch(raw) and raw.strip("."):
        return raw
    slug = _ID_UNSAFE.sub("-", raw).strip("-.")[:60]
    digest = hashlib.sha256(raw.encode()).hexdigest()[:12]
    return f"{slug}-{digest}" if slug else f"id-{digest}"


def outlet_from_url(url: str) -> str:
    """The site's domain without a leading "www.", which is how people name outlets."""
    if not url:
        return ""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _as_str(source: str, name: str, value: Any, limit: int | None = None) -> str:
    """A string field, checked once: no lone surrogates (they cannot be stored or sent), within its limit."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(source, f"field {name!r} must be a string, not {type(value).__name__}")
    bad = _SURROGATE.search(value)
    if bad:
        raise InputError(source, f"field {name!r} is not valid Unicode (a lone surrogate at character {bad.start()})")
    if limit is not None and len(value) > limit:
        raise InputError(source, f"field {name!r} is too long ({len(value)} characters; the limit is {limit})")
    return value


def _short(source: str, name: str, value: Any, limit: int) -> str:
    """A one-line field without control characters (NUL included), trimmed, within its limit."""
    return CONTROL_CHARS.sub("", _as_str(source, name, value, limit)).strip()


def _article_id(source: str, raw_id: Any, title: str, text: str, outlet: str) -> str:
    if raw_id in (None, ""):
        return Article.content_id(title, text, outlet)
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)):
        raise InputError(source, f"field 'id' must be a string or number, not {type(raw_id).__name__}")
    return safe_id(source, _as_str(source, "id", str(raw_id)))


def build_article(source: str, fields: dict[str, Any]) -> Article:
    """Check the fields of one record and build the article, filling outlet, id and language."""
    title = clean_text(_as_str(source, "title", fields.get("title"))).strip()
    text = clean_text(_as_str(source, "text", fields.get("text"))).strip()
    if sum(ch.isalpha() for ch in title + text) < MIN_TEXT_CHARS:
        raise InputError(source, "no article text (title and body are empty or too short)")
    if not text:
        title, text = "", title
    url = _short(source, "url", fields.get("url"), MAX_URL_CHARS)
    outlet = _short(source, "outlet", fields.get("outlet"), MAX_OUTLET_CHARS) or outlet_from_url(url)
    if not outlet:
        outlet = Path(source.split(":")[0]).stem or "unknown"
    language = _short(source, "language", fields.get("language"), MAX_LANGUAGE_CHARS).lower() or detect_language(text)
    return Article(
        id=_article_id(source, fields.get("id"), title, text, outlet),
        title=title,
        text=text,
        outlet=outlet,
        url=url,
        published=parse_published(source, fields.get("published"), language),
        language=language,
        source=source,
    )
