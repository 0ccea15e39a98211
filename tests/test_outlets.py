"""Outlets files (CSV, TOML), matching articles to outlets, and the coverage spread with its blindspot rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism import NewsprismError
from newsprism.outlets import (
    BLINDSPOT_MIN_OUTLETS,
    LEANS,
    UNKNOWN_COUNTRY,
    UNRATED,
    OutletDirectory,
    coverage_spread,
    load_outlets,
)
from newsprism.types import Article, Outlet

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

CSV_TEXT = """name,domains,country,language,lean,owner,url
Valeport Courier,courier.example www.courier-news.example,GB,en,lean-left,Courier Cooperative,https://courier.example/
Eastbank Gazette,"gazette.example; eastbank.example",GB,en,Lean-Right,,
Quiet Wire,wire.example,,,,,
"""

TOML_TEXT = """
[[outlets]]
name = "Harbour Herald"
domains = ["harbour-herald.example"]
country = "IE"
lean = "left"

[[outlets]]
name = "Ridge Post"
domains = ["ridge.example"]
lean = "right"
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _article(url: str = "", outlet: str = "", n: int = 0) -> Article:
    return Article(id=f"a{n}", title="t", text="x", url=url, outlet=outlet)


def test_load_outlets_csv_reads_every_field(tmp_path: Path) -> None:
    directory = load_outlets(_write(tmp_path, "o.csv", CSV_TEXT))
    courier, gazette, wire = directory.outlets
    assert courier == Outlet(
        name="Valeport Courier",
        domains=("courier-news.example", "courier.example"),
        country="GB",
        language="en",
        lean="lean-left",
        owner="Courier Cooperative",
        url="https://courier.example/",
    )
    assert gazette.domains == ("eastbank.example", "gazette.example")
    assert gazette.lean == "lean-right"
    assert wire.lean is None and wire.country == ""


def test_load_outlets_toml_reads_tables(tmp_path: Path) -> None:
    directory = load_outlets(_write(tmp_path, "o.toml", TOML_TEXT))
    assert [(o.name, o.lean, o.country) for o in directory.outlets] == [
        ("Harbour Herald", "left", "IE"),
        ("Ridge Post", "right", ""),
    ]


def test_load_outlets_example_file_is_valid() -> None:
    directory = load_outlets(EXAMPLES / "outlets.toml")
    assert {o.name for o in directory.outlets} >= {"Valeport Courier", "Eastbank Gazette"}
    assert all(o.lean in LEANS for o in directory.outlets)


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (",nameless.example,,,,,", "no name"),
        ("Odd One,odd.example,,,far-left,,", "lean 'far-left'"),
        ("Valeport Courier,other.example,,,,,", "listed twice"),
        ("Copycat,courier.example,,,,,", "already belongs"),
        ("Bad Domain,not a domain,,,,,", "not a domain"),
    ],
)
def test_load_outlets_bad_csv_row_names_file_and_line(tmp_path: Path, row: str, problem: str) -> None:
    path = _write(tmp_path, "o.csv", CSV_TEXT + row + "\n")
    with pytest.raises(NewsprismError) as caught:
        load_outlets(path)
    assert f"{path}:5:" in str(caught.value) and problem in str(caught.value)


def test_load_outlets_bad_rows_reported_and_rest_loaded(tmp_path: Path) -> None:
    text = TOML_TEXT + '\n[[outlets]]\nname = "Loud"\nlean = "extreme"\n\n[[outlets]]\nname = "Calm"\n'
    path = _write(tmp_path, "o.toml", text)
    errors: list[str] = []
    directory = load_outlets(path, on_error=errors.append)
    assert [o.name for o in directory.outlets] == ["Harbour Herald", "Ridge Post", "Calm"]
    assert len(errors) == 1 and errors[0].startswith(f"{path}:13:") and "extreme" in errors[0]


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("o.toml", "[[outlets]\nname=", "not valid TOML"),
        ("o.txt", "name\nX\n", ".csv or .toml"),
        ("o.csv", None, "cannot read"),
    ],
)
def test_load_outlets_unreadable_file_is_one_error(tmp_path: Path, name: str, text: str | None, problem: str) -> None:
    path = tmp_path / name if text is None else _write(tmp_path, name, text)
    with pytest.raises(NewsprismError, match=problem):
        load_outlets(path)


@pytest.mark.parametrize(
    ("url", "outlet", "expected"),
    [
        ("https://courier.example/news/1", "", "Valeport Courier"),
        ("https://www.courier.example/news/1", "", "Valeport Courier"),
        ("http://live.news.COURIER.example:8080/x", "", "Valeport Courier"),
        ("https://courier-news.example/a", "", "Valeport Courier"),
        ("https://eastbank.example/a", "someone else", "Eastbank Gazette"),
        ("", "eastbank  gazette", "Eastbank Gazette"),
        ("http://127.0.0.1:8000/a.html", "Valeport Courier", "Valeport Courier"),
        ("", "www.gazette.example", "Eastbank Gazette"),
        ("https://notcourier.example/a", "", None),
        ("https://example/a", "", None),
        ("", "", None),
    ],
)
def test_directory_match_by_domain_then_name(tmp_path: Path, url: str, outlet: str, expected: str | None) -> None:
    directory = load_outlets(_write(tmp_path, "o.csv", CSV_TEXT))
    found = directory.match(_article(url, outlet))
    assert (found.name if found else None) == expected


def test_coverage_spread_counts_reports_by_lean_and_country(tmp_path: Path) -> None:
    directory = load_outlets(_write(tmp_path, "o.csv", CSV_TEXT))
    articles = [
        _article("https://courier.example/1", n=1),
        _article("https://courier.example/2", n=2),
        _article("https://gazette.example/1", n=3),
        _article("https://wire.example/1", n=4),
        _article("https://unknown.example/1", n=5),
    ]
    spread = coverage_spread(articles, directory)
    assert spread.by_lean == {
        "left": 0,
        "lean-left": 2,
        "center": 0,
        "lean-right": 1,
        "right": 0,
        UNRATED: 2,
    }
    assert spread.by_country == {"GB": 3, UNKNOWN_COUNTRY: 2}
    assert spread.blindspot is None


def _directory(*leans: str | None) -> OutletDirectory:
    return OutletDirectory(Outlet(f"Outlet {i}", (f"o{i}.example",), lean=lean) for i, lean in enumerate(leans))


def test_coverage_spread_blindspot_when_one_side_ignores() -> None:
    directory = _directory("left", "lean-left", "center", "right")
    left_only = [_article(f"https://o{i}.example/x", n=i) for i in (0, 1, 2)]
    assert coverage_spread(left_only, directory).blindspot == "right"
    both = [*left_only, _article("https://o3.example/x", n=3)]
    assert coverage_spread(both, directory).blindspot is None


def test_coverage_spread_blindspot_counts_outlets_not_reports() -> None:
    directory = _directory("lean-right", "right", "left")
    one_outlet = [_article("https://o0.example/x", n=i) for i in range(BLINDSPOT_MIN_OUTLETS + 2)]
    assert coverage_spread(one_outlet, directory).blindspot is None
    two_outlets = [_article(f"https://o{i}.example/x", n=i) for i in range(BLINDSPOT_MIN_OUTLETS)]
    assert coverage_spread(two_outlets, directory).blindspot == "left"


def test_coverage_spread_empty_directory_is_all_unrated() -> None:
    spread = coverage_spread([_article("https://courier.example/1")], OutletDirectory.empty())
    assert spread.by_lean[UNRATED] == 1 and sum(spread.by_lean.values()) == 1
    assert spread.blindspot is None and spread.by_country == {UNKNOWN_COUNTRY: 1}


def test_cli_cluster_with_outlets_gives_each_story_its_coverage(tmp_path: Path, examples: Path) -> None:
    import json

    from typer.testing import CliRunner

    from newsprism.cli import app

    args = ["cluster", str(examples), "--db", str(tmp_path / "s.db"), "-f", "jsonl"]
    result = CliRunner().invoke(app, [*args, "--outlets", str(EXAMPLES / "outlets.toml")])
    assert result.exit_code == 0, result.output
    stories = [json.loads(line) for line in result.stdout.splitlines()]
    bridge = next(s for s in stories if "Valeport Courier" in s["outlets"])
    assert bridge["coverage"]["by_lean"]["lean-left"] == 1 and bridge["coverage"]["by_lean"]["lean-right"] == 1
    assert bridge["coverage"]["by_country"] == {"GB": 2} and bridge["coverage"]["blindspot"] is None
    assert sum(s["coverage"]["by_lean"]["center"] for s in stories) == 1  # the Valley Times report
    plain = CliRunner().invoke(app, ["cluster", str(examples), "--db", str(tmp_path / "t.db"), "-f", "jsonl"])
    assert all("coverage" not in json.loads(line) for line in plain.stdout.splitlines())


def test_cli_ingest_with_outlets_stores_the_outlet_name(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsprism.cli import app
    from newsprism.store import open_store

    record = tmp_path / "r.json"
    text = "The council closed the harbour bridge on Monday after inspectors found a crack in a girder."
    record.write_text(
        f'{{"id": "r1", "title": "Bridge closed", "text": "{text}", "url": "https://www.courier.example/b", '
        '"source": "courier.example"}'
    )
    outlets = tmp_path / "o.csv"
    outlets.write_text(CSV_TEXT + ",,,,,,\nBroken,,,,sideways,,\n")
    db = tmp_path / "s.db"
    result = CliRunner().invoke(app, ["ingest", str(record), "--db", str(db), "--outlets", str(outlets)])
    assert result.exit_code == 1 and "stored=1" in result.stdout  # the bad outlets row fails the run, not the rest
    assert f"{outlets}:6:" in result.stderr and "sideways" in result.stderr
    with open_store(db) as store:
        assert store.get_article("r1").outlet == "Valeport Courier"
