"""Naming labels in German, Spanish and French: the actor classes of the English lexicon, matched on lemmas."""

from __future__ import annotations

import pytest

from newsprism.analyze._framing import find_labels
from newsprism.analyze._naming import naming_labels

pytest.importorskip("simplemma")


def _labels(text: str, language: str) -> dict[str, tuple[str, bool]]:
    return {label.text: (label.actor, label.loaded) for label in find_labels(text, 0, language)}


def test_german_inflected_nouns_and_a_loaded_modifier_are_labels():
    found = _labels(
        "Die sogenannten Rebellen kämpften gegen Söldnern; das Regime schwieg, Demonstranten zogen ab.", "de"
    )
    assert found["sogenannten Rebellen"] == ("armed groups", True)
    assert found["Söldnern"] == ("armed groups", True)
    assert found["Regime"] == ("government", True)
    assert found["Demonstranten"] == ("protesters", False)


def test_spanish_modifier_after_the_noun_makes_it_loaded():
    found = _labels("Los combatientes radicales atacaron; las autoridades culparon a los saqueadores.", "es")
    assert found["combatientes radicales"] == ("armed groups", True)
    assert found["autoridades"] == ("government", False)
    assert found["saqueadores"] == ("protesters", True)


def test_french_labels_by_lemma_and_as_written():
    found = _labels(
        "Les soi-disant rebelles et les djihadistes ont attaqué ; le gouvernement accuse les émeutiers.", "fr"
    )
    assert found["soi-disant rebelles"] == ("armed groups", True)
    assert found["djihadistes"] == ("armed groups", True)
    assert found["gouvernement"] == ("government", False)
    assert found["émeutiers"] == ("protesters", True)


def test_label_offsets_point_into_the_text():
    text = "Titel\n\nDie Regierung warnte die Randalierer."
    for label in naming_labels(text, 10, "de"):
        assert text[label.start - 10 : label.end - 10] == label.text


@pytest.mark.parametrize("text", ["Die Regierungsbank blieb leer.", "Der Kampf um die Mobilität geht weiter."])
def test_words_that_only_contain_an_actor_noun_are_no_label(text):
    assert find_labels(text, 0, "de") == []
