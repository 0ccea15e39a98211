"""Place names in caseless scripts: the position-by-position lookup finds the spans one alternation of every
gazetteer name (longest first) would, without compiling it."""

from __future__ import annotations

import re

import pytest

from newsprism.analyze._places import _script_names as script_names
from newsprism.analyze._places import gazetteer_spans

OWN_TEXTS = {
    "zh": "北京和上海的官员周二在广州会面，随后前往香港和台北。",
    "ja": "東京と大阪、そして京都で会合が開かれた。",
    "ar": "وصل الوفد إلى القاهرة ثم إلى دمشق وبيروت وعمان يوم الأحد.",
}


def _alternation_spans(text: str, language: str) -> list[tuple[int, int]]:
    names, _ = script_names(language)
    pattern = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))
    return [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize("language", sorted(OWN_TEXTS))
def test_gazetteer_spans_equal_the_alternation_on_own_texts(language):
    text = OWN_TEXTS[language]
    spans = gazetteer_spans(text, language)
    assert spans == _alternation_spans(text, language)
    assert len(spans) >= 2
    assert all(text[a:b] in script_names(language)[0] for a, b in spans)


def test_gazetteer_spans_empty_for_cased_scripts():
    assert gazetteer_spans("Paris and Berlin", "en") == []
    assert gazetteer_spans("", "zh") == []


@pytest.mark.data
def test_gazetteer_spans_equal_the_alternation_on_rated_texts(shared_data):
    from newsprism.evaluate import read_pairs

    pairs = read_pairs(shared_data / "semeval2022-task8" / "train-sample.csv")
    checked = 0
    for language in ("zh", "ar"):
        texts = [p.text1 for p in pairs if p.lang1 == language][:15]
        for text in texts:
            assert gazetteer_spans(text, language) == _alternation_spans(text, language)
        checked += len(texts)
    assert checked >= 20


def test_gazetteer_image_restores_the_built_table(tmp_path, monkeypatch):
    from newsprism._cache import CACHE_DIR_ENV
    from newsprism.analyze import _places

    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path))
    built = _places._build_gazetteer()
    _places._gazetteer.cache_clear()
    try:
        assert _places._gazetteer() == built  # built and stored
        [image] = tmp_path.glob("gazetteer-*.marshal")
        _places._gazetteer.cache_clear()
        restored = _places._gazetteer()
        assert restored == built and list(restored) == list(built)
        assert restored["paris"].country == "FR" and restored["germany"].country == "DE"
        image.write_bytes(b"not an image")
        _places._gazetteer.cache_clear()
        assert _places._gazetteer() == built and image.read_bytes() != b"not an image"
    finally:
        _places._gazetteer.cache_clear()


def test_gazetteer_works_without_a_writable_cache(tmp_path, monkeypatch):
    from newsprism._cache import CACHE_DIR_ENV
    from newsprism.analyze import _places

    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv(CACHE_DIR_ENV, str(blocked / "cache"))
    _places._gazetteer.cache_clear()
    try:
        assert _places.resolve_place("Berlin").country == "DE"
        assert list(tmp_path.iterdir()) == [blocked]
    finally:
        _places._gazetteer.cache_clear()
