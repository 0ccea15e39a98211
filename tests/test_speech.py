"""Quotes with speakers in languages without a parser: speech verbs on lemmas, the nearest name as speaker."""

from __future__ import annotations

import pytest

from newsprism.analyze._entities import group_mentions, rule_mentions
from newsprism.analyze._quotes import rule_quotes
from newsprism.analyze._sentences import spans_of, split_sentences
from newsprism.types import Quote

pytest.importorskip("simplemma")

CASES = {
    "de": (
        "Die Regierung hat am Montag neue Regeln beschlossen. „Wir müssen jetzt schnell handeln“, sagte Bundeskanzlerin"
        " Angela Merkel in Berlin. Der Ministerpräsident Markus Söder erklärte, die Länder würden den Plan"
        " unterstützen."
    ),
    "es": (
        "El Gobierno aprobó el lunes nuevas normas. «Es un error histórico», afirmó el presidente Pedro Sánchez en"
        " Madrid. La ministra Teresa Ribera dijo que el plan llegará demasiado tarde para las familias."
    ),
    "fr": (
        "Le gouvernement a adopté lundi de nouvelles règles. « C'est une erreur historique », a déclaré le président"
        " Emmanuel Macron à Paris. La ministre Élisabeth Borne a affirmé que le plan arrivera trop tard pour les"
        " familles."
    ),
    "pl": (
        "Rząd przyjął w poniedziałek nowe przepisy. „To jest historyczny błąd” – powiedział premier Donald Tusk w"
        " Warszawie. Minister Andrzej Domański stwierdził, że plan przyjdzie za późno dla rodzin."
    ),
    "tr": (
        "Hükümet pazartesi günü yeni kurallar kabul etti. Cumhurbaşkanı Recep Tayyip Erdoğan, “Bu tarihi bir hatadır”"
        " dedi. Bakan Mehmet Şimşek ise “Plan aileler için çok geç kalacak” diye konuştu."
    ),
}
# (speaker, first words of the quote, direct?, speech verb) per language.
EXPECTED = {
    "de": [("Angela Merkel", "Wir müssen", True, "sagte"), ("Markus Söder", "die Länder", False, "erklärte")],
    "es": [("Pedro Sánchez", "Es un", True, "afirmó"), ("Teresa Ribera", "el plan", False, "dijo")],
    "fr": [("Emmanuel Macron", "C'est une", True, "déclaré"), ("Élisabeth Borne", "le plan", False, "affirmé")],
    "pl": [("Donald Tusk", "To jest", True, "powiedział"), ("Andrzej Domański", "plan przyjdzie", False, "stwierdził")],
    "tr": [("Recep Tayyip Erdoğan", "Bu tarihi", True, "dedi"), ("Mehmet Şimşek", "Plan aileler", True, "konuştu")],
}


def _quotes(text: str, language: str) -> list[Quote]:
    sentences = spans_of(text, split_sentences(text, 0))
    mentions = rule_mentions(text, 0, [s.start for s in sentences], language)
    return rule_quotes(text, 0, sentences, group_mentions(mentions, {}, text=text), language)


@pytest.mark.parametrize("language", sorted(CASES))
def test_quotes_get_the_speaker_of_their_speech_verb(language):
    text = CASES[language]
    quotes = _quotes(text, language)
    found = [(q.speaker, q.text, q.direct, q.cue) for q in quotes]
    assert len(found) == len(EXPECTED[language]), found
    for (speaker, quote, direct, cue), expected in zip(found, EXPECTED[language], strict=True):
        assert (speaker, quote.startswith(expected[1]), direct, cue) == (expected[0], True, expected[2], expected[3])
    for q in quotes:
        assert text[q.start : q.end] == q.text


def test_a_speech_verb_without_a_clause_or_a_name_makes_no_indirect_quote():
    assert _quotes("Die Regierung sagte nichts dazu. Ein Sprecher erklärte, man prüfe den Fall genau.", "de") == []


def test_a_verb_that_only_begins_like_a_speech_verb_is_none():
    text = "Der Ingenieur Paul Weber sagenhaft, die Brücke sei in gutem Zustand gewesen."
    assert _quotes(text, "de") == []
