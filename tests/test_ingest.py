"""Readers: every format, overrides, and one clear error per bad input while the batch goes on."""

from __future__ import annotations

import json
import re
from datetime import datetime

import pytest
from typer.testing import CliRunner

from newsprism import InputError, ReadOptions, read_article, read_records
from newsprism.cli import app
from newsprism.ingest import build_article, iter_files
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


BOUNDED = {"title": "Harbour bridge closed", "text": "Inspectors found a crack in a girder of the Harbour Bridge."}


@pytest.mark.parametrize(
    ("published", "problem"),
    [
        ("0001-01-01", "publication date 0001-01-01 is out of range"),
        ("9999-12-31", "publication date 9999-12-31 is out of range"),
        ("1850-06-01T10:00:00+02:00", "publication date 1850-06-01 is out of range"),
        (12, "field 'published' must be a date string, not int"),
        ("1700000000", "field 'published' is a number (1700000000), not a date"),
        ("7" * 100_000, "field 'published' is too long for a date (100000 characters; the limit is 64)"),
    ],
)
def test_publication_dates_out_of_range_or_not_dates_are_refused(published, problem):
    with pytest.raises(InputError, match=re.escape(problem)):
        build_article("feed.jsonl:3", {**BOUNDED, "published": published})


def test_loose_dates_in_range_are_still_read():
    assert build_article("a", {**BOUNDED, "published": "20250610"}).published.date().isoformat() == "2025-06-10"
    assert build_article("a", {**BOUNDED, "published": "June 10, 2025"}).published.day == 10
    german = build_article("a", {**BOUNDED, "language": "de", "published": "10. Juni 2025"})
    assert german.published.month == 6


def test_unsafe_ids_are_encoded_and_stay_distinct():
    ids = [build_article("a", {**BOUNDED, "id": raw}).id for raw in ["a/b", "a-b", "a\x00b", "..", "https://x.org/1"]]
    assert ids[1] == "a-b" and len(set(ids)) == 5
    assert all(re.fullmatch(r"[\w.~:@+=,-]+", i) and i.strip(".") for i in ids)
    assert ids[4].startswith("https:-x.org-1-")


def test_nuls_are_removed_and_lone_surrogates_refused():
    article = build_article("a", {**BOUNDED, "outlet": "Valeport\x00 Courier", "url": "https://v.example/\x00a"})
    assert article.outlet == "Valeport Courier" and article.url == "https://v.example/a"
    with pytest.raises(InputError, match="field 'outlet' is not valid Unicode"):
        build_article("a", {**BOUNDED, "outlet": "bad\udfff"})
    with pytest.raises(InputError, match="field 'id' is too long"):
        build_article("a", {**BOUNDED, "id": "x" * 201})


HARBOUR = {
    "euc-jp": "港湾橋は月曜日、検査官が主桁に亀裂を発見したため閉鎖された。市長は三週間閉鎖されると述べた。",
    "shift_jis": "港湾橋は月曜日、検査官が主桁に亀裂を発見したため閉鎖された。市長は三週間閉鎖されると述べた。",
    "euc-kr": "항구 다리는 월요일 검사관들이 주요 거더에서 균열을 발견한 후 폐쇄되었다. "
    "시장은 3주 동안 폐쇄된다고 말했다.",
    "koi8-r": "Мост в гавани закрыли в понедельник после того, как инспекторы обнаружили трещину в главной балке.",
    "tis-620": "สะพานท่าเรือถูกปิดเมื่อวันจันทร์หลังจากผู้ตรวจสอบพบรอยร้าวในคานหลัก นายกเทศมนตรีกล่าวว่าจะปิดสามสัปดาห์",
    "windows-1255": "גשר הנמל נסגר ביום שני לאחר שפקחים מצאו סדק בקורה הראשית. "
    "ראש העיר אמרה שהגשר יהיה סגור שלושה שבועות.",
}


@pytest.mark.parametrize("encoding", sorted(HARBOUR))
def test_undeclared_feeds_in_legacy_charsets_are_read_not_garbled(tmp_path, encoding):
    text = HARBOUR[encoding]
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item>'
        f"<title>{text[:12]}</title><description>{text}</description></item></channel></rss>"
    )
    path = tmp_path / "wire.rss"
    path.write_bytes(feed.encode(encoding))
    (article,) = read_records(path)
    assert article.text == text and article.title == text[:12]


@pytest.mark.parametrize("declared", [True, False])
def test_latin1_pages_and_text_are_read(tmp_path, declared):
    meta = '<meta charset="iso-8859-1">' if declared else ""
    body = "Le café de la place a rouvert lundi après trois semaines de travaux « très attendus » par le quartier."
    page = f"<html><head>{meta}<title>Café rouvert</title></head><body><article><p>{body}</p></article></body></html>"
    (tmp_path / "page.html").write_bytes(page.encode("windows-1252"))
    (tmp_path / "note.txt").write_bytes(f"Café rouvert\n\n{body}".encode("latin-1"))
    html, text = read_article(tmp_path / "page.html"), read_article(tmp_path / "note.txt")
    assert "café de la place" in html.text and "« très attendus »" in html.text
    assert text.title == "Café rouvert" and text.text == body


def test_a_rated_csv_cut_mid_record_is_one_error_line(tmp_path):
    from newsprism.evaluate import read_pairs

    path = tmp_path / "cut.csv"
    path.write_text(
        "pair_id,lang1,lang2,text1,text2,Overall\n"
        '1_2,en,en,"Bridge closed  The council closed it.","Bridge shut  It shut.",1.0\n'
        '3_4,en,en,"Storm hits  Wind'
    )
    with pytest.raises(InputError, match="record ending on line 3 lacks text2 \\(is the file cut short\\?\\)"):
        read_pairs(path)
    result = CliRunner().invoke(app, ["eval", "semeval", str(path)])
    assert result.exit_code == 1 and result.stderr.strip().splitlines() == [
        f"error: {path}: record ending on line 3 lacks text2 (is the file cut short?)"
    ]


def test_language_identifier_from_its_image_is_py3langids_own(tmp_path, monkeypatch):
    import numpy as np
    from py3langid import langid

    from newsprism._cache import CACHE_DIR_ENV
    from newsprism.ingest import _language

    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path))
    reference = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE)
    texts = [
        "The council closed the bridge on Tuesday.",
        "Der Rat sperrte die Brücke am Dienstag.",
        "橋は火曜日に閉鎖された。",
    ]
    _language._identifier.cache_clear()
    try:
        for attempt in ("built", "restored", "rebuilt"):
            identifier = _language._identifier()
            [image] = tmp_path.glob("langid-*.marshal")
            assert np.array_equal(identifier.nb_ptc, reference.nb_ptc), attempt
            assert identifier.tk_nextmove == reference.tk_nextmove and identifier.tk_row == reference.tk_row
            assert [identifier.classify(t) for t in texts] == [reference.classify(t) for t in texts], attempt
            if attempt == "restored":
                image.write_bytes(b"not an image")
            _language._identifier.cache_clear()
        assert image.read_bytes() != b"not an image"
    finally:
        _language._identifier.cache_clear()
