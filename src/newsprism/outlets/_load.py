"""Reading an outlets file (CSV or TOML): one `Outlet` per row, each bad row one error naming file and line."""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from newsprism._errors import InputError
from newsprism.outlets._directory import OutletDirectory, normalise_domain, normalise_name
from newsprism.outlets._scale import LEANS
from newsprism.types import Outlet

MAX_FILE_BYTES = 5_000_000
"""The same bound as any other input file."""
MAX_FIELD_CHARS = 200
FIELDS = ("name", "domains", "country", "language", "lean", "owner", "url")
_DOMAIN_SPLIT = re.compile(r"[\s,;|]+")
_TOML_TABLE = re.compile(r"^[ \t]*\[\[[ \t]*outlets?[ \t]*\]\]", re.MULTILINE)
_LEAN_ALIASES = {"centre": "center", "lean left": "lean-left", "lean right": "lean-right", "": None}

ErrorSink = Callable[[str], None]


def load_outlets(path: str | Path, *, on_error: ErrorSink | None = None) -> OutletDirectory:
    """The outlets of a `.csv` or `.toml` file.

    A bad row (no name, an unknown lean, a name or domain another row already claims) raises `InputError`
    naming `file:line`; with `on_error` it is passed there instead and the other rows still load, as every
    other batch input in newsprism does.
    """
    path = Path(path)
    rows = _rows(path)
    outlets: list[Outlet] = []
    names: set[str] = set()
    domains: set[str] = set()
    for line, row in rows:
        try:
            outlet = _outlet(row, names, domains)
        except ValueError as exc:
            error = InputError(f"{path}:{line}", str(exc))
            if on_error is None:
                raise error from exc
            on_error(str(error))
            continue
        names.add(normalise_name(outlet.name))
        domains.update(outlet.domains)
        outlets.append(outlet)
    return OutletDirectory(outlets)


def _rows(path: Path) -> list[tuple[int, Mapping[str, Any]]]:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(str(path), f"outlets file larger than {MAX_FILE_BYTES:,} bytes")
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputError(str(path), f"cannot read outlets file ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise InputError(str(path), "outlets file is not UTF-8") from exc
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return list(_csv_rows(text))
    if suffix == ".toml":
        return _toml_rows(path, text)
    raise InputError(str(path), "an outlets file must be .csv or .toml")


def _csv_rows(text: str) -> Iterator[tuple[int, Mapping[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    for row in reader:
        if any((value or "").strip() for key, value in row.items() if key is not None):
            yield reader.line_num, row


def _toml_rows(path: Path, text: str) -> list[tuple[int, Mapping[str, Any]]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(str(path), f"not valid TOML ({exc})") from exc
    tables = data.get("outlets", data.get("outlet", []))
    if not isinstance(tables, list):
        raise InputError(str(path), "expected [[outlets]] tables")
    # tomllib keeps no positions: the n-th table starts at the n-th [[outlets]] header.
    lines = [text.count("\n", 0, match.start()) + 1 for match in _TOML_TABLE.finditer(text)]
    lines += [0] * (len(tables) - len(lines))
    return [(line, table if isinstance(table, dict) else {}) for line, table in zip(lines, tables, strict=True)]


def _outlet(row: Mapping[str, Any], names: set[str], domains: set[str]) -> Outlet:
    fields = {key: _text(row, key) for key in FIELDS if key != "domains"}
    if not fields["name"]:
        raise ValueError("outlet has no name")
    if normalise_name(fields["name"]) in names:
        raise ValueError(f"outlet {fields['name']!r} is listed twice")
    lean = _lean(fields.pop("lean"))
    own = _domains(row.get("domains"))
    if own & domains:
        raise ValueError(f"domain {sorted(own & domains)[0]!r} already belongs to another outlet")
    return Outlet(domains=tuple(sorted(own)), lean=lean, **fields)


def _text(row: Mapping[str, Any], key: str) -> str:
    value = row.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{key} must be text, not {type(value).__name__}")
    value = " ".join(value.split())
    if len(value) > MAX_FIELD_CHARS:
        raise ValueError(f"{key} longer than {MAX_FIELD_CHARS} characters")
    return value


def _lean(value: str) -> str | None:
    lean = value.casefold()
    lean = _LEAN_ALIASES.get(lean, lean)
    if lean is not None and lean not in LEANS:
        raise ValueError(f"lean {value!r} is not one of {', '.join(LEANS)}")
    return lean


def _domains(value: Any) -> set[str]:
    if value is None or isinstance(value, str):
        items = _DOMAIN_SPLIT.split(value or "")
    elif isinstance(value, list) and all(isinstance(item, str) for item in value):
        items = value
    else:
        raise ValueError("domains must be text or a list of text")
    found = {normalise_domain(item) for item in items if item.strip()}
    if "" in found or any("." not in domain for domain in found):
        raise ValueError(f"domains {value!r} hold something that is not a domain")
    return found
