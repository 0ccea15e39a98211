"""Word evidence on dictionary lemmas: the inflections of one word count once, a compound stays its own word."""

from __future__ import annotations

import numpy as np
import pytest

from newsprism.analyze import content_lemmas, lemma
from newsprism.analyze._facts import terms_in
from newsprism.cluster._lexical import term_frequencies
from newsprism.compare._features import lemma_overlap
from newsprism.types import Analysis, Article

pytest.importorskip("simplemma")


def _analysis(text: str, language: str) -> Analysis:
    article = Article(id=text[:10], title="", text=text, language=language)
    empty = np.zeros(0, dtype=np.float32)
    return Analysis(article, [], [], [], [], [], [], empty, np.zeros((0, 0), np.float32))


def test_inflections_share_a_lemma_and_a_compound_keeps_its_own():
    assert lemma("Regierungen", "de") == lemma("Regierung", "de") == "regierung"
    assert lemma("Regierungschef", "de") not in {"regierung", ""}
    assert lemma("gobiernos", "es") == lemma("gobierno", "es")
    assert lemma("rządu", "pl") == lemma("rząd", "pl")


def test_a_language_without_a_dictionary_keeps_its_words_lower_cased():
    assert lemma("政府", "zh") == "政府"
    assert lemma("Governo", "xx") == "governo"


def test_content_lemmas_leave_out_function_words():
    assert content_lemmas("Die Regierungen und die Regierung", "de") == ["regierung", "regierung"]


def test_clusterer_counts_inflections_as_one_term():
    frequencies = term_frequencies("Die Regierung stürzt. Die Regierungen der Länder beraten.", "de")
    assert "regierung" in frequencies and "regierungen" not in frequencies
    assert frequencies["regierung"] > frequencies["land"]


def test_fact_terms_join_inflections_that_change_the_start_of_a_word():
    assert terms_in("Die Häuser brannten", "de") == terms_in("Das Haus brannte", "de")
    assert terms_in("Die Häuser brannten") != terms_in("Das Haus brannte")


def test_pair_features_see_inflected_words_as_shared():
    a = _analysis("Die Regierung kündigt Steuern an.", "de")
    b = _analysis("Die Regierungen kündigten Steuern auf Benzin an.", "de")
    jaccard, containment = lemma_overlap(a, b)
    assert containment == 1.0
    assert 0.5 < jaccard < 1.0
    other = _analysis("Der Fußballverein gewinnt das Spiel.", "de")
    assert lemma_overlap(a, other) == (0.0, 0.0)


def test_lemmas_from_the_dictionary_images_are_simplemmas_own(tmp_path, monkeypatch):
    import re
    from pathlib import Path

    import simplemma
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy

    from newsprism._cache import CACHE_DIR_ENV
    from newsprism.analyze import _lemma_dictionaries

    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path))
    root = Path(__file__).resolve().parents[1]
    texts = {
        "en": (root / "examples" / "harbour-bridge-valeport-courier.txt").read_text(encoding="utf-8"),
        "de": (root / "tests" / "fixtures" / "harbour-bridge-rundschau-de.txt").read_text(encoding="utf-8"),
    }
    for language, text in texts.items():
        words = [*sorted(set(re.findall(r"[^\W\d_][\w'’-]*", text))), "Regierungen", "l'État", "zzzq"]
        for attempt in ("built", "restored"):
            factory = _lemma_dictionaries.ImageDictionaryFactory()
            ours = Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory))
            assert [ours.lemmatize(w, language) for w in words] == [
                simplemma.lemmatize(w, lang=language) for w in words
            ], (language, attempt)
        assert len(list(tmp_path.glob(f"simplemma-*-{language}-*.marshal"))) == 1
    [image] = tmp_path.glob("simplemma-*-en-*.marshal")
    image.write_bytes(b"not an image")
    assert _lemma_dictionaries._dictionary("en").get("bridges") == "bridge"
    assert image.read_bytes() != b"not an image"
