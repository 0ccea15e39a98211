"""The command line: contract of `compare`, batch behaviour of `ingest`, errors without tracebacks."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.report import CONTRACT_KEYS

runner = CliRunner()


def test_compare_json_has_the_contract(examples):
    result = runner.invoke(
        app,
        [
            "compare",
            str(examples / "harbour-bridge-valeport-courier.txt"),
            str(examples / "harbour-bridge-eastbank-gazette.html"),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(CONTRACT_KEYS) <= set(data) and data["same_story"] is True


def test_compare_text_reads_like_a_report(examples, tmp_path):
    out = tmp_path / "report.txt"
    result = runner.invoke(
        app,
        [
            "compare",
            str(examples / "harbour-bridge-valeport-courier.txt"),
            str(examples / "orchard-festival.json"),
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0
    text = out.read_text()
    assert "Verdict: DIFFERENT STORIES" in text and "Similarity by dimension" in text


def test_compare_missing_file_is_one_error_line(tmp_path, examples):
    result = runner.invoke(
        app,
        [
            "compare",
            str(tmp_path / "nope.txt"),
            str(examples / "orchard-festival.json"),
            "--db",
            str(tmp_path / "s.db"),
        ],
    )
    assert result.exit_code == 1
    assert "nope.txt" in result.stderr and "Traceback" not in result.output + result.stderr


def test_ingest_reports_bad_items_and_stores_good_ones(tmp_path, examples):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 10)
    for path in examples.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    db = tmp_path / "store.db"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 1
    assert "stored=3" in result.stdout and "failed=2" in result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2 and any("empty.txt" in e for e in errors) and any("binary.bin" in e for e in errors)
    again = runner.invoke(app, ["ingest", str(examples), "--db", str(db)])
    assert again.exit_code == 0 and "already_stored=3" in again.stdout and "total_in_store=3" in again.stdout


def test_compare_stored_ids(tmp_path, examples):
    db = tmp_path / "store.db"
    runner.invoke(app, ["ingest", str(examples), "--db", str(db)])
    result = runner.invoke(
        app,
        [
            "compare",
            "orchard-festival-2025",
            str(examples / "harbour-bridge-valeport-courier.txt"),
            "--db",
            str(db),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["articles"][0]["id"] == "orchard-festival-2025"


def test_analyze_prints_spans(examples):
    result = runner.invoke(app, ["analyze", str(examples / "harbour-bridge-valeport-courier.txt")])
    data = json.loads(result.stdout)
    assert {"sentences", "entities", "dates", "quotes", "facts", "labels"} <= set(data)


def test_an_id_taken_by_another_article_is_one_error_line_and_the_stored_article_stays(tmp_path, examples):
    """Sources that number their own articles collide; the second text under an id must not vanish silently into
    the first, nor replace it."""
    db = tmp_path / "store.db"
    runner.invoke(app, ["ingest", str(examples), "--db", str(db)])
    feed = tmp_path / "feed.jsonl"
    records = [
        {
            "id": "orchard-festival-2025",
            "title": "Ferry timetable changes",
            "text": "The ferry company changes its winter timetable from Monday, with fewer crossings in the evening.",
            "outlet": "Harbour Post",
        },
        {
            "id": "harbour-post-2",
            "title": "Ferry fares to rise",
            "text": "Ferry fares rise by five percent in spring, the harbour authority said on Tuesday.",
            "outlet": "Harbour Post",
        },
        {
            "id": "harbour-post-2",
            "title": "Lighthouse reopens",
            "text": "The old lighthouse reopens to visitors after a year of repairs to its lantern room.",
            "outlet": "Harbour Post",
        },
    ]
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n")

    result = runner.invoke(app, ["ingest", str(feed), "--db", str(db)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2 and all("feed.jsonl" in e for e in errors)
    assert "'orchard-festival-2025'" in errors[0] and "'harbour-post-2'" in errors[1]
    assert "stored=1" in result.stdout and "total_in_store=4" in result.stdout

    from newsprism.store import open_store

    store = open_store(db)
    assert "orchard" in store.get_article("orchard-festival-2025").title.lower()
    assert store.get_article("harbour-post-2").title == "Ferry fares to rise"

    clustered = runner.invoke(app, ["cluster", str(examples), str(feed), "--db", str(tmp_path / "other.db")])
    assert clustered.exit_code == 1
    assert sum(line.startswith("error:") for line in clustered.stderr.splitlines()) == 2
    placed = [line.split("\t")[0] for line in clustered.stdout.splitlines() if "\t" in line]
    assert len(placed) == 4 and {"orchard-festival-2025", "harbour-post-2"} <= set(placed)
