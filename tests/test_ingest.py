"""Readers: every format, overrides, and one clear error per bad input while the batch goes on."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from typer.testing import CliRunner

from newsprism import InputError, ReadOptions, read_article, read_records
from newsprism.cli import app
from newsprism.ingest import iter_files
from newsprism.store import open_store

FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Harbour Wire</title>
<item><title>Ferry timetable changes</title><link>https://wire.example/ferry</link>
<description>&lt;p&gt;The ferry company will add &lt;b&gt;four&lt;/b&gt; sailings a day.&lt;/p&gt;</description>
<pubDate>Tue, 10 Jun 2025 08:00:00 GMT</pubDate></item>
<item><title></title><description></description></item>
<item><title>Council meets on bridge repairs</title><link>https://wire.example/council</link>
<description>The council will meet on Thursday to vote on the repair budget for the bridge.</description></item>
</channel></rss>"""


def test_read_text_with_front_matter(examples):
    article = read_article(examples / "harbour-bridge-valeport-courier.txt")
    assert article.title.startswith("Harbour bridge closed")
    assert article.outlet == "Valeport Courier"
    assert article.published == datetime(2025, 6, 10)
    assert article.language == "en"
    assert article.url == "https://courier.example/news/harbour-bridge-closed"
    assert "Mayor Elena Marsh" in article.text


def test_read_html_drops_scripts_and_navigation(examples):
    article = read_article(examples / "harbour-bridge-eastbank-gazette.html")
    assert article.outlet == "Eastbank Gazette"
    assert article.published.date().isoformat() == "2025-06-10"
    assert "tracking pixel" not in article.text and "Home" not in article.text
    assert "Tom Okafor" in article.text


def test_read_json_applies_aliases(examples):
    article = read_article(examples / "orchard-festival.json")
    assert (article.id, article.outlet) == ("orchard-festival-2025", "Valley Times")
    assert article.published == datetime(2025, 9, 6)


def test_read_options_override_file_values(examples):
    options = ReadOptions(outlet="Override", published="2024-01-02")
    article = read_article(examples / "harbour-bridge-valeport-courier.txt", options)
    assert article.outlet == "Override" and article.published == datetime(2024, 1, 2)


def test_outlet_falls_back_to_url_domain_then_file_name(tmp_path):
    (tmp_path / "a.json").write_text(
        json.dumps(
            {
                "title": "Storm hits coast",
                "text": "A storm hit the coast overnight and cut power to many homes.",
                "url": "https://www.tide.example/x",
            }
        )
    )
    (tmp_path / "kestrel-news.txt").write_text("Storm hits coast\n\nA storm hit the coast overnight, cutting power.")
    assert read_article(tmp_path / "a.json").outlet == "tide.example"
    assert read_article(tmp_path / "kestrel-news.txt").outlet == "kestrel-news"


def test_same_report_gets_same_id_and_another_outlets_copy_another(tmp_path):
    """An id made from the content names one outlet's report: the same file saved twice is one article, the same
    wire text from two outlets two (a file without an outlet is named after the file)."""
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
    (tmp_path / "one" / "storm.txt").write_text("Storm hits coast\n\nA storm hit the coast overnight, cutting power.")
    (tmp_path / "two" / "storm.txt").write_text("Storm hits coast\n\nA storm hit the coast overnight, cutting power.\n")
    assert read_article(tmp_path / "one" / "storm.txt").id == read_article(tmp_path / "two" / "storm.txt").id
    wire = tmp_path / "wire.jsonl"
    record = {"title": "Storm hits coast", "text": "A storm hit the coast overnight, cutting power to thousands."}
    wire.write_text("\n".join(json.dumps({**record, "outlet": o}) for o in ("Harbour Wire", "Coast Daily")) + "\n")
    first, second = read_records(wire)
    assert first.id != second.id and first.text == second.text


def test_feed_entries_become_articles_and_broken_entries_are_reported(tmp_path):
    (tmp_path / "wire.rss").write_text(FEED)
    results = list(read_records(tmp_path / "wire.rss"))
    articles = [r for r in results if not isinstance(r, InputError)]
    errors = [r for r in results if isinstance(r, InputError)]
    assert [a.title for a in articles] == ["Ferry timetable changes", "Council meets on bridge repairs"]
    assert articles[0].outlet == "Harbour Wire" and "<b>" not in articles[0].text
    assert len(errors) == 1 and "wire.rss#2" in str(errors[0])


def _bad_batch(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 reopens\n\nThe caf\xe9 on the square reopened.".encode("latin-1"))
    (tmp_path / "huge.txt").write_bytes(b"Huge\n\n" + b"word " * 4_200_000)
    (tmp_path / "broken.html").write_text("<html><body><div><p></div></span><<<>>>")
    (tmp_path / "wrong.json").write_text(json.dumps({"title": 42, "text": ["not", "a", "string"]}))
    (tmp_path / "missing.json").write_text(json.dumps({"url": "https://x.example/1"}))
    (tmp_path / "mixed.jsonl").write_text(
        json.dumps({"title": "Port reopens", "text": "The port reopened on Friday after repairs to the quay."})
        + "\n"
        + "{not json\n"
        + json.dumps({"title": "Rail strike ends", "text": "Train drivers ended their strike after a pay deal."})
    )
    (tmp_path / "good.txt").write_text("Library extends hours\n\nThe city library will open until nine on weekdays.")
    return tmp_path


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty file"),
        ("binary.txt", "binary data"),
        ("latin1.txt", "not valid UTF-8"),
        ("huge.txt", "too large"),
        ("broken.html", "no article text"),
        ("wrong.json", "must be a string"),
        ("missing.json", "no article text"),
    ],
)
def test_bad_file_gives_one_error_naming_it(tmp_path, name, reason):
    folder = _bad_batch(tmp_path)
    results = list(read_records(folder / name))
    assert len(results) == 1 and isinstance(results[0], InputError)
    assert name in str(results[0]) and reason in str(results[0])


def test_bad_jsonl_line_does_not_stop_the_file(tmp_path):
    results = list(read_records(_bad_batch(tmp_path) / "mixed.jsonl"))
    assert [type(r).__name__ for r in results] == ["Article", "InputError", "Article"]
    assert "mixed.jsonl:2" in str(results[1])


def test_directory_expansion_is_sorted_and_skips_hidden(tmp_path):
    (tmp_path / "b.txt").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    assert [p.name for p in iter_files([tmp_path])] == ["a.txt", "b.txt"]


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "nope.txt")


def test_script_payload_in_html_is_not_text(tmp_path):
    page = (
        "<html><head><title>Market day</title></head><body><article><p>Farmers sold vegetables at the market "
        "on Saturday morning as crowds returned.</p><script>alert('x')</script>"
        "<p>Stall holders said sales were up on last year.</p></article></body></html>"
    )
    (tmp_path / "page.html").write_text(page)
    article = read_article(tmp_path / "page.html")
    assert "alert" not in article.text and "Farmers sold vegetables" in article.text


def _jsonl_line(number: int) -> str:
    record = {
        "id": f"r{number}",
        "title": f"Ferry timetable change number {number}",
        "text": "The harbour authority moved the evening ferry by ten minutes. " * 12,
        "outlet": "Valeport Courier",
        "published": "2025-06-10",
    }
    return json.dumps(record)


def test_jsonl_stream_larger_than_the_file_limit_is_read_line_by_line(tmp_path):
    stream = tmp_path / "firehose.jsonl"
    stream.write_text("\n".join(_jsonl_line(n) for n in range(300)) + "\n")
    options = ReadOptions(max_bytes=20_000)  # the file is far larger; each line is well under
    assert stream.stat().st_size > 10 * options.max_bytes
    results = list(read_records(stream, options))
    assert len(results) == 300 and all(not isinstance(r, InputError) for r in results)
    assert results[-1].id == "r299"


def test_jsonl_line_over_the_limit_is_one_error_and_the_stream_goes_on(tmp_path):
    stream = tmp_path / "firehose.jsonl"
    huge = _jsonl_line(1).replace("ten minutes. ", "ten minutes. " * 3000, 1)
    stream.write_text("\n".join([_jsonl_line(0), huge, "\xff not json", _jsonl_line(3)]))
    results = list(read_records(stream, ReadOptions(max_bytes=20_000)))
    errors = [str(r) for r in results if isinstance(r, InputError)]
    assert [r.id for r in results if not isinstance(r, InputError)] == ["r0", "r3"]
    assert "firehose.jsonl:2" in errors[0] and "too large" in errors[0]
    assert "firehose.jsonl:3" in errors[1]


def test_ingest_reads_a_jsonl_stream_on_stdin(tmp_path):
    lines = "\n".join([_jsonl_line(0), "{broken", _jsonl_line(2)])
    result = CliRunner().invoke(app, ["ingest", "-", "--db", str(tmp_path / "s.db")], input=lines)
    assert result.exit_code == 1  # one bad line: reported, the rest stored
    assert "<stdin>:2" in result.stderr
    with open_store(tmp_path / "s.db") as store:
        assert store.count() == 2
