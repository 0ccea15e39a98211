"""German part-of-speech tags from the Hanover Tagger (HanTa), which ships its model in the package.

German capitalises every noun, so capitalisation cannot tell "Regierung" from "Merkel"; the tagger's STTS tags
can: `NE` marks a proper noun, `NN` a common noun, `ADJ(A)` an attributive adjective (capitalised inside a name
only: "Europäische Union"). The model loads once per process, on first use (about a second).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

PROPER_NOUN = "NE"
COMMON_NOUN = "NN"
ADJECTIVE = "ADJ(A)"
# Tokens handed to the tagger at a time: it reads a sentence's context, and a sentence rarely runs longer.
MAX_SENTENCE_TOKENS = 80
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
_SENTENCE_END = frozenset(".!?")


@cache
def hanover_tagger() -> Any | None:
    """The German HanTa tagger, or None when the hanta package is not installed."""
    try:
        from HanTa import HanoverTagger
    except ImportError:
        return None
    return HanoverTagger.HanoverTagger("morphmodel_ger.pgz")


def _sentences(text: str) -> list[list[re.Match[str]]]:
    """Tokens of a text cut into sentences at end punctuation (and at `MAX_SENTENCE_TOKENS`)."""
    sentences: list[list[re.Match[str]]] = [[]]
    for token in _TOKEN.finditer(text):
        sentences[-1].append(token)
        if token.group() in _SENTENCE_END or len(sentences[-1]) >= MAX_SENTENCE_TOKENS:
            sentences.append([])
    return [s for s in sentences if s]


@lru_cache(maxsize=8)
def german_tags(text: str) -> dict[int, str] | None:
    """STTS tag of each token of a German text, keyed by the token's start; None without the tagger. Cached: the
    entity rules and the quote finder read the same texts."""
    tagger = hanover_tagger()
    if tagger is None:
        return None
    tags: dict[int, str] = {}
    for sentence in _sentences(text):
        for token, tag in zip(sentence, tagger.tag_sent([t.group() for t in sentence], taglevel=0), strict=True):
            tags[token.start()] = tag
    return tags
