"""JSON and JSON Lines records: the design's field names and their common aliases."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from newsprism._errors import InputError
from newsprism.ingest._decode import decode_text

FIELD_ALIASES = {
    "source": "outlet",
    "date": "published",
    "body": "text",
    "content": "text",
    "lang": "language",
    "headline": "title",
    "link": "url",
}


def normalise_fields(source: str, record: Any) -> dict[str, Any]:
    """Map aliases onto the design's names; a record must be a JSON object."""
    if not isinstance(record, dict):
        raise InputError(source, f"expected a JSON object, got {type(record).__name__}")
    fields: dict[str, Any] = {}
    for key, value in record.items():
        name = FIELD_ALIASES.get(key, key)
        if name not in fields or fields[name] in (None, ""):
            fields[name] = value
    if isinstance(fields.get("outlet"), dict):  # {"source": {"name": ...}} as news APIs send it
        fields["outlet"] = fields["outlet"].get("name") or ""
    return fields


def iter_json_records(source: str, text: str) -> Iterator[tuple[str, dict[str, Any] | InputError]]:
    """Records of a JSON document: one object, a list, or {"articles": [...]}."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"invalid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from exc
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        where = f"{source}[{index}]" if isinstance(data, list) else source
        yield from _one(where, record)


def iter_jsonl_records(source: str, text: str) -> Iterator[tuple[str, dict[str, Any] | InputError]]:
    """Records of a JSON Lines stream; a broken line is reported and the rest go on."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield where, InputError(where, f"invalid JSON ({exc.msg})")
            continue
        yield from _one(where, record)


def iter_jsonl_lines(
    source: str, lines: Iterable[bytes], limit: int
) -> Iterator[tuple[str, dict[str, Any] | InputError]]:
    """Records of a JSON Lines stream read one line at a time: a firehose of any length, each line at most `limit`
    bytes; a line too long, undecodable or broken is reported and the rest go on."""
    for number, raw in enumerate(lines, start=1):
        where = f"{source}:{number}"
        if not raw.strip():
            continue
        if len(raw) > limit:
            yield (
                where,
                InputError(where, f"line too large ({len(raw) / 1e6:.1f} MB; the limit is {limit / 1e6:.1f} MB)"),
            )
            continue
        try:
            record = json.loads(decode_text(where, raw))
        except InputError as exc:
            yield where, exc
            continue
        except json.JSONDecodeError as exc:
            yield where, InputError(where, f"invalid JSON ({exc.msg})")
            continue
        yield from _one(where, record)


def _one(where: str, record: Any) -> Iterator[tuple[str, dict[str, Any] | InputError]]:
    try:
        yield where, normalise_fields(where, record)
    except InputError as exc:
        yield where, exc
