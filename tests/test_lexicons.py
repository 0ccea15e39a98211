"""Lexicons matched on lemmas: inflections match, words that merely begin alike do not."""

from __future__ import annotations

import pytest

from newsprism.analyze._framing import find_labels
from newsprism.analyze._tone import loaded_words


def _labels(text: str) -> dict[str, tuple[str, bool]]:
    return {label.text: (label.actor, label.loaded) for label in find_labels(text, 0, "en")}


def _words(text: str) -> list[str]:
    return [label.text for label in loaded_words(text, 0, "en")]


@pytest.mark.parametrize(
    "text",
    [
        "The regiment crossed the river at dawn.",
        "Residents filmed the scene on their mobile phones.",
        "Talks on government formation stalled again.",
    ],
)
def test_words_that_only_begin_like_an_actor_noun_are_no_label(text):
    found = _labels(text)
    assert not any(actor == "armed groups" or loaded for actor, loaded in found.values()), found


def test_government_formation_names_the_government_not_an_armed_group():
    assert _labels("Talks on government formation stalled.") == {"government": ("government", False)}


def test_inflections_and_modifiers_of_actor_nouns_are_labels():
    found = _labels(
        "Terrorist formations and Turkey's mercenaries clashed with rebels; gunmen fled as angry mobs gathered outside."
    )
    assert found["Terrorist formations"] == ("armed groups", True)
    assert found["Turkey's mercenaries"] == ("armed groups", True)
    assert found["rebels"] == ("armed groups", False)
    assert found["gunmen"] == ("armed groups", False)
    assert found["mobs"] == ("protesters", True)


@pytest.mark.parametrize("word", ["ripe", "decrease", "shame", "blast", "rails", "regiment", "mobile"])
def test_tone_words_that_only_begin_like_a_loaded_word_are_not_loaded(word):
    assert _words(f"They spoke of the {word} at the meeting.") == []


def test_tone_matches_inflections_and_verbs_only_as_verbs():
    text = "She slammed the plan, he decried it, critics blasted the sham and railed at the so-called reform."
    assert _words(text) == ["slammed", "decried", "blasted", "sham", "railed", "so-called"]


def test_languages_without_a_lexicon_get_no_labels():
    assert find_labels("I ribelli hanno attaccato il regime.", 0, "it") == []
    assert loaded_words("Il a dénoncé le régime.", 0, "fr") == []


def test_label_offsets_point_into_the_text():
    text = "Title\n\nThe so-called armed groups and the regime's thugs slammed the plan."
    for label in [*find_labels(text[7:], 7, "en"), *loaded_words(text[7:], 7, "en")]:
        assert text[label.start : label.end] == label.text
