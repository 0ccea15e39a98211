"""Plain-text articles: title on the first line, then the body; optional front matter on top."""

from __future__ import annotations

import re
from typing import Any

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<head>(?:[^\n]*\n){0,40}?)---[ \t]*\n")
_FIELD = re.compile(r"^(?P<key>[A-Za-z_]+)\s*:\s*(?P<value>.*?)\s*$")
FRONT_MATTER_KEYS = {"title", "outlet", "source", "url", "published", "date", "language", "id"}


def parse_text(text: str) -> dict[str, Any]:
    """Split front matter, title line and body into record fields."""
    fields: dict[str, Any] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        for line in match.group("head").splitlines():
            field = _FIELD.match(line)
            if field and field.group("key").lower() in FRONT_MATTER_KEYS:
                fields[field.group("key").lower()] = field.group("value").strip("'\"")
        text = text[match.end() :]
    text = text.lstrip("\n")
    if "title" in fields:
        fields["text"] = text
        return _rename(fields)
    title, _, body = text.partition("\n")
    fields["title"], fields["text"] = title.strip(), body
    return _rename(fields)


def _rename(fields: dict[str, Any]) -> dict[str, Any]:
    if "source" in fields:
        fields.setdefault("outlet", fields.pop("source"))
    if "date" in fields:
        fields.setdefault("published", fields.pop("date"))
    return fields
