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


def test_naming_table_sets_a_german_report_beside_an_english_one():
    import numpy as np

    from newsprism.compare._coverage import framing_table
    from newsprism.types import Analysis, Article

    texts = {
        "de": "Die Terroristen griffen das Dorf an. Die Regierung verurteilte die Terroristen.",
        "en": "Militants attacked the village. The government condemned the militants.",
    }
    analyses = [
        Analysis(
            Article(id=language, title="", text=text, language=language),
            [],
            [],
            [],
            [],
            [],
            find_labels(text, 0, language),
            np.zeros(0, np.float32),
            np.zeros((0, 0), np.float32),
        )
        for language, text in texts.items()
    ]
    rows = {row.actor: row.labels for row in framing_table(analyses)}
    armed = {article: [(n.label, n.count, n.loaded) for n in names] for article, names in rows["armed groups"].items()}
    assert armed == {"0": [("terroristen", 2, True)], "1": [("militants", 2, False)]}
    assert set(rows["government"]) == {"0", "1"}
