"""Dictionary lemmas for word evidence in every language simplemma covers (about 50), no model needed.

Word overlap is evidence only if the inflections of one word count as one: "Regierung" and "Regierungen",
"gobierno" and "gobiernos", "rząd" and "rządu" are the same word to a reader. A lemma joins exactly those; a
compound ("Regierungschef") stays a word of its own. Each language's dictionary loads on first use (unpacked once
per machine, `_lemma_dictionaries`); a language simplemma does not cover keeps its words as they are, lower-cased.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsprism.analyze._lemma_dictionaries import lemmatizer
from newsprism.analyze._nlp import stop_words

# Languages simplemma ships a dictionary for (its own list, copied so that no dictionary loads to answer).
LEMMA_LANGUAGES = frozenset(
    [
        "ast",
        "bg",
        "ca",
        "cs",
        "cy",
        "da",
        "de",
        "el",
        "en",
        "enm",
        "eo",
        "es",
        "et",
        "fa",
        "fi",
        "fr",
        "ga",
        "gd",
        "gl",
        "grc",
        "gv",
        "hbs",
        "he",
        "hi",
        "hu",
        "hy",
        "id",
        "is",
        "it",
        "ka",
        "la",
        "lb",
        "lt",
        "lv",
        "mk",
        "ml",
        "ms",
        "nb",
        "nl",
        "nn",
        "pl",
        "pt",
        "ro",
        "ru",
        "se",
        "sk",
        "sl",
        "sq",
        "sv",
        "sw",
        "tl",
        "tr",
        "uk",
    ]
)
# Distinct words whose lemma is remembered: a stream's vocabulary, not its texts.
LEMMA_CACHE_WORDS = 200_000
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@lru_cache(maxsize=LEMMA_CACHE_WORDS)
def lemma(word: str, language: str) -> str:
    """The lower-cased dictionary lemma of a word ("Regierungen" → "regierung"); the word itself, lower-cased,
    in a language without a dictionary or for a word the dictionary does not know."""
    if language not in LEMMA_LANGUAGES:
        return word.lower()
    return lemmatizer().lemmatize(word, language).lower()


def content_lemmas(text: str, language: str) -> list[str]:
    """Lemmas of the words of a text that are not function words of its language, in text order."""
    skip = stop_words(language) if language else frozenset()
    lemmas = []
    for word in _WORD.findall(text):
        if len(word) > 1 and word.lower() not in skip:
            base = lemma(word, language)
            if base not in skip:
                lemmas.append(base)
    return lemmas
