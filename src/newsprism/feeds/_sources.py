"""A sources file: feed URLs one per line (`#` starts a comment), or an OPML subscription list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit
from xml.parsers import expat

from newsprism._errors import InputError
from newsprism.ingest import MAX_BYTES

_SCHEMES = ("http", "https")
_OPML_SUFFIXES = (".opml", ".xml")


def read_sources(path: str | Path, *, on_error: Callable[[str], None] | None = None) -> list[str]:
    """The feed URLs of a sources file, each once, in file order.

    A line (or OPML outline) that is not an http(s) URL raises `InputError` naming `file:line`; with `on_error`
    it goes there instead and the other sources still count. An unreadable file always raises."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(str(path), f"sources file larger than {MAX_BYTES:,} bytes")
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the sources file ({exc.strerror or exc})") from exc
    is_opml = path.suffix.lower() in _OPML_SUFFIXES or raw.lstrip().startswith(b"<")
    candidates = _opml_urls(path, raw) if is_opml else _line_urls(path, raw)
    urls: dict[str, None] = {}
    for where, url in candidates:
        if _is_web_url(url):
            urls.setdefault(url, None)
            continue
        error = InputError(where, f"not an http(s) feed URL: {url[:200]!r}")
        if on_error is None:
            raise error
        on_error(str(error))
    return list(urls)


def _line_urls(path: Path, raw: bytes) -> list[tuple[str, str]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), "sources file is not UTF-8") from exc
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        url = line.strip()
        if url and not url.startswith("#"):
            found.append((f"{path}:{number}", url))
    return found


def _opml_urls(path: Path, raw: bytes) -> list[tuple[str, str]]:
    """`xmlUrl` of every outline, nested or not, with the line it is on (expat keeps positions; an
    ElementTree does not)."""
    found: list[tuple[str, str]] = []
    parser = expat.ParserCreate()

    def outline(name: str, attributes: dict[str, str]) -> None:
        url = attributes.get("xmlUrl", "").strip()
        if name == "outline" and (url or attributes.get("type", "").lower() == "rss"):
            found.append((f"{path}:{parser.CurrentLineNumber}", url))

    parser.StartElementHandler = outline
    try:
        parser.Parse(raw, True)
    except expat.ExpatError as exc:
        raise InputError(f"{path}:{exc.lineno}", f"not valid OPML ({expat.ErrorString(exc.code)})") from exc
    return found


def _is_web_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in _SCHEMES and bool(parts.hostname) and not any(c.isspace() for c in url)
