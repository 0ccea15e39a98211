"""German names from the Hanover Tagger's proper-noun tags: every noun is capitalised, only names are `NE`."""

from __future__ import annotations

import pytest

from newsprism.analyze._entities import group_mentions, rule_mentions
from newsprism.analyze._sentences import spans_of, split_sentences

pytest.importorskip("HanTa")

TEXT = (
    "Die Regierung von Bundeskanzlerin Angela Merkel hat am Montag in Berlin beschlossen, dass die Regierungen der"
    " Länder mehr Geld bekommen. Streiks legten den Verkehr lahm, weil die Deutsche Bahn und Siemens keine Einigung"
    " fanden. Merkel sagte, die Europäische Union sei besorgt. Neue Regeln gelten ab Juli."
)


def _entities(text: str) -> dict[str, str]:
    sentences = spans_of(text, split_sentences(text, 0))
    mentions = rule_mentions(text, 0, [s.start for s in sentences], "de")
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    return {e.name: e.label for e in group_mentions(mentions, {}, text=text)}


def test_german_names_are_found_and_capitalised_nouns_are_not():
    found = _entities(TEXT)
    assert {"Angela Merkel", "Berlin", "Deutsche Bahn", "Siemens", "Europäische Union"} <= set(found), found
    for noun in ("Regierung", "Regierungen", "Bundeskanzlerin", "Montag", "Länder", "Streiks", "Verkehr", "Regeln"):
        assert not any(noun in name.split() for name in found), (noun, found)


def test_a_title_makes_a_person_and_the_surname_joins_the_full_name():
    found = _entities(TEXT)
    assert found["Angela Merkel"] == "PERSON"
    assert "Merkel" not in found


def test_a_capitalised_adjective_opening_a_sentence_is_no_name():
    assert _entities("Neue Regeln gelten ab Juli. Deutsche Autos verkaufen sich schlecht.") == {}
