"""Quotes and their speakers: the attribution patterns of news reports, and the BASIL scoring of them."""

from __future__ import annotations

import pytest

from newsprism import Article, analyze
from newsprism.analyze._quote_marks import direct_quote_spans, quote_spans
from newsprism.evaluate._basil import (
    ExtractionScores,
    _is_group,
    _quote_matches,
    basil_pairs,
    locate_spans,
    score_article,
)
from newsprism.types import Quote


def _quotes(text: str, title: str = "Bridge closed") -> list[Quote]:
    analysis = analyze(Article(id="q", title=title, text=text, language="en"))
    full = analysis.article.full_text
    assert all(full[q.start : q.end] == q.text for q in analysis.quotes)
    assert len({(q.start, q.end) for q in analysis.quotes}) == len(analysis.quotes)
    return analysis.quotes


def _speaker_of(quotes: list[Quote], words: str) -> str:
    return next(q.speaker for q in quotes if words in q.text)


def test_quote_spans_pair_marks_within_a_paragraph():
    text = '"The first paragraph never closes.\n\n"The second one does," she said. "Then a third."'
    assert [text[a:b] for a, b in quote_spans(text)] == [
        "The first paragraph never closes.",
        "The second one does,",
        "Then a third.",
    ]


def test_quote_spans_close_german_low_quotes_and_keep_short_phrases():
    text = "„Die Brücke bleibt zu“, sagte sie. Er nannte es “a disaster”."
    assert [text[a:b] for a, b in quote_spans(text)] == ["Die Brücke bleibt zu", "a disaster"]
    assert [text[a:b] for a, b in direct_quote_spans(text)] == ["Die Brücke bleibt zu"]


def test_speaker_after_the_quote_and_inverted_with_a_role():
    quotes = _quotes(
        "Maria Lopez runs the harbour office. "
        '"The bridge will stay closed for three weeks," said Maria Lopez, the spokeswoman for the Harbour '
        "Authority."
    )
    quote = next(q for q in quotes if "three weeks" in q.text)
    assert quote.speaker == "Maria Lopez"
    assert quote.role == "spokeswoman for the Harbour Authority"


def test_later_surname_resolves_to_the_full_name_and_keeps_the_role():
    quotes = _quotes(
        "Senate majority leader John Harker met the engineers on Monday.\n\n"
        '"We will find the money for the repairs," Harker said.'
    )
    quote = next(q for q in quotes if "money" in q.text)
    assert (quote.speaker, quote.role) == ("John Harker", "Senate majority leader")


def test_pronoun_takes_the_person_named_in_the_sentence_before():
    quotes = _quotes(
        "Engineer Priya Natarajan inspected the girder on Tuesday morning.\n\n"
        '"The crack is longer than we feared," she said.'
    )
    assert _speaker_of(quotes, "crack is longer") == "Priya Natarajan"


def test_pronoun_after_a_new_person_is_introduced_skips_the_one_quoted_before():
    quotes = _quotes(
        '"The bridge is safe for pedestrians," said Mayor Tom Becker.\n\n'
        "Resident Claire Dumont, who crosses the bridge every day, was not convinced.\n\n"
        '"Nobody has told us anything about the crack," she said.'
    )
    assert _speaker_of(quotes, "safe for pedestrians") == "Tom Becker"
    assert _speaker_of(quotes, "Nobody has told us") == "Claire Dumont"


def test_quote_paragraph_without_attribution_continues_the_speaker():
    quotes = _quotes(
        '"We warned the council twice about the girder," said Tom Okafor, a structural engineer.\n\n'
        '"Nobody listened to us until the crack appeared."'
    )
    assert _speaker_of(quotes, "Nobody listened") == "Tom Okafor"


def test_quote_over_several_sentences_is_attributed_at_its_end():
    quotes = _quotes(
        "The council met on Friday.\n\n"
        '"What have you been doing all year? You have been debating paint colours," Dana Whitfield told '
        "the council."
    )
    assert _speaker_of(quotes, "What have you been doing") == "Dana Whitfield"


def test_according_to_names_the_speaker():
    quotes = _quotes('The repairs are late. According to Sven Olsen, "the steel will not arrive before May."')
    assert _speaker_of(quotes, "steel will not arrive") == "Sven Olsen"


def test_according_to_reports_the_clause_it_is_attached_to():
    quotes = _quotes("According to officials in the port authority, the repairs will cost four million euros.")
    assert [(q.text, q.speaker, q.direct) for q in quotes] == [
        ("the repairs will cost four million euros", "officials", False)
    ]


def test_pronoun_takes_the_person_the_text_marks_with_its_gender():
    quotes = _quotes(
        "Minister Anna Kovacs met her Austrian counterpart, Mr. Stefan Huber, in Vienna on Friday.\n\n"
        '"We agreed on joint patrols along the river," he said.'
    )
    assert _speaker_of(quotes, "joint patrols") == "Stefan Huber"


def test_relayed_direct_quote_and_an_outlet_in_apposition():
    quotes = _quotes(
        "Minister Anna Kovacs visited the border on Friday.\n\n"
        '"Our priority is the river crossing," she told the news agency Reuters.\n\n'
        'Local media quoted Kovacs as saying that "the agreement is historic for both countries."'
    )
    told = next(q for q in quotes if "priority" in q.text)
    assert (told.speaker, told.via) == ("Anna Kovacs", "Reuters")
    relayed = next(q for q in quotes if "historic" in q.text)
    assert (relayed.speaker, relayed.via) == ("Anna Kovacs", "Local media")


def test_relays_name_the_speaker_and_the_source():
    quotes = _quotes(
        "Talks on the crossing stalled in Moscow this week under pressure from the Russian Foreign Ministry.\n\n"
        "Interfax quoted the ministry as saying that the crossing would stay closed for a month.\n\n"
        '"We will not reopen it before the inspection," Anton Belov told Reuters.'
    )
    relayed = next(q for q in quotes if "stay closed" in q.text)
    assert (relayed.speaker, relayed.via) == ("Russian Foreign Ministry", "Interfax")
    told = next(q for q in quotes if "not reopen" in q.text)
    assert (told.speaker, told.via) == ("Anton Belov", "Reuters")


def test_partial_quote_inside_a_sentence_belongs_to_the_subject():
    quotes = _quotes('Ruth Calloway called the closure "a disaster" for the whole valley.')
    assert [(q.text, q.speaker) for q in quotes if q.direct] == [("a disaster", "Ruth Calloway")]


def test_scare_quotes_are_not_quotes_even_next_to_a_reporting_verb():
    quotes = _quotes(
        'The so-called "iron lady" of the bridge was painted in 1932, and officials said the repairs would cost more.'
    )
    assert not [q for q in quotes if q.direct]


def test_parenthetical_attribution_covers_both_halves_of_a_quote():
    quotes = _quotes('"The main girder," Ruth Calloway said, "was rusted right through at the east pier."')
    assert [(q.text, q.speaker) for q in quotes if q.direct] == [
        ("The main girder,", "Ruth Calloway"),
        ("was rusted right through at the east pier.", "Ruth Calloway"),
    ]


def test_group_speakers_keep_their_noun_phrase():
    quotes = _quotes(
        'Residents said "the noise of the diversion is unbearable at night."\n\n'
        "City officials said the diversion would end in June."
    )
    assert _speaker_of(quotes, "noise of the diversion") == "Residents"
    assert _speaker_of(quotes, "diversion would end") == "City officials"


def test_spokesperson_of_an_organisation_speaks_for_it():
    quotes = _quotes(
        "The Harbour Authority closed the bridge. "
        'A Harbour Authority spokesperson said "the decision was taken on safety grounds alone."'
    )
    quote = next(q for q in quotes if "safety grounds" in q.text)
    assert (quote.speaker, quote.role) == ("Harbour Authority", "Harbour Authority spokesperson")


def test_headline_names_are_never_the_speaker_of_the_body():
    quotes = _quotes(
        'Engineer Tom Okafor inspected the girder on Monday.\n\n"The crack runs through the whole flange," he said.',
        title="Mayor Ann Lee closes Harbour Bridge",
    )
    assert _speaker_of(quotes, "crack runs") == "Tom Okafor"


def test_documents_speak_for_whoever_produced_them():
    quotes = _quotes(
        "The Harbour Traders Association hit back on Tuesday with a television commercial.\n\n"
        '"The bridge closure is costing every shop on the quay," the advertisement says.'
    )
    assert _speaker_of(quotes, "costing every shop") == "Harbour Traders Association"


def test_headline_attributions_are_left_to_the_body():
    article = Article(
        id="h",
        title="Harbour bridge shut after crack found, city says",
        text="The council's statement said the crack was found during an inspection on Thursday.",
        language="en",
    )
    quotes = analyze(article).quotes
    assert [(q.speaker, q.text) for q in quotes] == [
        ("council", "the crack was found during an inspection on Thursday")
    ]


def test_basil_spans_are_placed_by_their_sentence_offsets():
    paragraphs = [["He called it phony.", "She did not."], ['Later he said "phony" again.']]
    spans = [{"txt": "phony", "start": 15, "end": 20}, {"txt": "missing", "start": 0, "end": 7}]
    located = locate_spans(paragraphs, spans)
    body = "\n\n".join(" ".join(p) for p in paragraphs)
    assert body[located[0]["body_offset"] :].startswith('phony" again')
    assert "body_offset" not in located[1]


def test_basil_group_labels_are_counted_apart_and_roles_match_organisations():
    article = Article(
        id="b",
        title="Union criticises plan",
        language="en",
        text='"This budget is a fiasco for families," said Rep. Ann Lee, a spokeswoman for the Farmers Union.\n\n'
        '"The plan hurts every farm in the valley," said Rep. Bob Stone.',
    )
    spans = [
        {"txt": "This budget is a fiasco for families,", "quote": "yes", "speaker": "Farmers_Union"},
        {"txt": "The plan hurts every farm in the valley,", "quote": "yes", "speaker": "Democratic_Lawmakers"},
    ]
    scores = ExtractionScores()
    score_article(analyze(article), spans, scores)
    assert (scores.named_speakers, scores.speakers_right) == (1, 1)
    assert (scores.group_speakers, scores.groups_right) == (1, 0)


def test_basil_group_labels_and_role_matches_are_told_apart():
    assert _is_group("Democratic_Lawmakers", set()) and _is_group("internet_companies", set())
    assert not _is_group("Bernie_Sanders", {"sanders"}) and not _is_group("Congress", set())
    aide = Quote(0, 5, "words", "Dana Whitfield", "dana whitfield", True, role="aide to Barack Obama")
    assert not _quote_matches("Barack_Obama", aide, {"obama", "whitfield"})
    assert _quote_matches(
        "Farmers_Union", Quote(0, 5, "words", "Ann Lee", "ann le", True, role="head of the Farmers Union"), set()
    )


@pytest.mark.data
def test_every_basil_span_is_placed_on_its_own_text(shared_data):
    """The whole evaluation takes about two minutes (`newsprism eval basil`); its span placement is checked here."""
    placed = total = 0
    for article, annotation, _ in basil_pairs(shared_data / "basil"):
        paragraphs = article["body-paragraphs"]
        body = "\n\n".join(" ".join(p) for p in paragraphs)
        for span in locate_spans(paragraphs, annotation.get("phrase-level-annotations", [])):
            total += 1
            at = span.get("body_offset")
            in_title = span["txt"] in article["title"]  # title spans are found by their text
            placed += in_title or (at is not None and body[at : at + len(span["txt"])] == span["txt"])
    assert total > 700 and placed == total
