"""Pick the reader for each file, expand directories, and keep a batch going past bad items."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from newsprism._errors import InputError
from newsprism.ingest._build import build_article
from newsprism.ingest._decode import MAX_BYTES, check_size, decode_text, utf8_bytes
from newsprism.ingest._feed import iter_feed_records
from newsprism.ingest._html import parse_html
from newsprism.ingest._json import iter_json_records, iter_jsonl_lines, iter_jsonl_records
from newsprism.ingest._text import parse_text
from newsprism.types import Article

STDIN = "-"
FORMAT_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadOptions:
    """Settings for reading: values that override what a file says, and the size limit."""

    outlet: str | None = None
    published: datetime | str | None = None
    url: str | None = None
    max_bytes: int = MAX_BYTES


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """The files named, with directories expanded recursively in a stable order; hidden files skipped.
    `-` stays `-`: standard input, read as JSON Lines."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                    yield child
        else:
            yield path


def sniff_format(path: Path, head: bytes) -> str:
    """The reader for a file: by suffix, else by its first bytes."""
    known = FORMAT_BY_SUFFIX.get(path.suffix.lower())
    if known:
        return known
    start = head.lstrip()[:200].lower()
    if start.startswith((b"{", b"[")):
        return "jsonl" if b"\n{" in head else "json"
    if b"<rss" in start or b"<feed" in start or b"<rdf" in start:
        return "feed"
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def read_records(path: str | os.PathLike[str], options: ReadOptions | None = None) -> Iterator[Article | InputError]:
    """Every article of one file, in order; a bad record or a bad file comes back as an `InputError`."""
    options = options or ReadOptions()
    for where, fields in read_fields(path, options):
        if isinstance(fields, InputError):
            yield fields
            continue
        try:
            yield build_article(where, fields)
        except InputError as exc:
            yield exc


def read_fields(
    path: str | os.PathLike[str], options: ReadOptions | None = None
) -> Iterator[tuple[str, dict[str, Any] | InputError]]:
    """The raw fields of every record of one file with where each came from (`file:line`, `file[3]`), before they
    become articles: callers that need a field of their own (a gold story label) read it here."""
    options = options or ReadOptions()
    path = Path(path)
    try:
        for where, fields in _streamed_or_whole(path, options.max_bytes):
            yield where, fields if isinstance(fields, InputError) else _override(fields, options)
    except InputError as exc:
        yield str(path), exc


def read_article(path: str | os.PathLike[str], options: ReadOptions | None = None) -> Article:
    """The one article a file holds; raises `InputError` if it holds none or is unreadable."""
    for result in read_records(path, options):
        if isinstance(result, InputError):
            raise result
        return result
    raise InputError(str(path), "no article in the file")


def _streamed_or_whole(path: Path, limit: int) -> Iterator[tuple[str, Any]]:
    """JSON Lines (and standard input, `-`) stream line by line with the size limit per line; any other file is one
    document, read whole within the limit."""
    if str(path) == STDIN:
        yield from iter_jsonl_lines("<stdin>", sys.stdin.buffer, limit)
        return
    if FORMAT_BY_SUFFIX.get(path.suffix.lower()) == "jsonl":
        _check_file(path, limit=float("inf"))  # the same errors as any file (missing, a directory, empty)
        try:
            with path.open("rb") as handle:
                yield from iter_jsonl_lines(str(path), handle, limit)
        except OSError as exc:
            raise InputError(str(path), f"cannot read ({exc.strerror})") from exc
        return
    yield from _records(path, _read_bytes(path, limit))


def _read_bytes(path: Path, limit: float) -> bytes:
    _check_file(path, limit)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror})") from exc


def _check_file(path: Path, limit: float) -> None:
    """Refuse a missing file, a directory, an empty file or one over the limit, before reading anything."""
    source = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise InputError(source, "no such file") from exc
    except OSError as exc:
        raise InputError(source, f"cannot read ({exc.strerror})") from exc
    if path.is_dir():
        raise InputError(source, "is a directory")
    check_size(source, size, limit)


def _records(path: Path, raw: bytes) -> Iterator[tuple[str, Any]]:
    source = str(path)
    kind = sniff_format(path, raw[:4096])
    if kind == "feed":
        yield from iter_feed_records(source, utf8_bytes(raw))
        return
    text = decode_text(source, raw)
    if kind == "html":
        yield source, parse_html(source, text)
    elif kind == "json":
        yield from iter_json_records(source, text)
    elif kind == "jsonl":
        yield from iter_jsonl_records(source, text)
    else:
        yield source, parse_text(text)


def _override(fields: dict[str, Any], options: ReadOptions) -> dict[str, Any]:
    for name in ("outlet", "published", "url"):
        value = getattr(options, name)
        if value is not None:
            fields[name] = value
    return fields
