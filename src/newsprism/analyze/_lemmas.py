"""English lemmas for the lexicons: a tagging-only spaCy pipeline, run once per text, long texts in pieces.

Lexicons are matched on lemmas (spaCy `Matcher` / `PhraseMatcher`), not on regex stems: a stem plus any ending
matches words that only begin alike ("regime" in "regiment", "mob" in "mobile", "rip" in "ripe"), a lemma matches
the inflections of one word only ("mobs", "ripped"). Only the tagger and lemmatizer run (no parser, no entities).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any

from newsprism.analyze._nlp import SPACY_PACKAGES

# Characters tagged at a time; a longer text is cut at paragraph breaks (spaCy's own limit is far above this).
PIECE_CHARS = 100_000
_BREAK = re.compile(r"\n\s*\n")


@cache
def english_tagger() -> Any | None:
    """spaCy's English pipeline without parser and entity recogniser, or None when no English model is installed."""
    for package in SPACY_PACKAGES["en"]:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        return module.load(exclude=["parser", "ner"])
    return None


def _pieces(text: str) -> Iterator[tuple[int, str]]:
    """(offset, piece) of at most `PIECE_CHARS` characters each, cut at paragraph breaks where there are some."""
    start = 0
    while len(text) - start > PIECE_CHARS:
        window = text[start : start + PIECE_CHARS]
        breaks = [m.end() for m in _BREAK.finditer(window)]
        end = start + (breaks[-1] if breaks and breaks[-1] > 0 else PIECE_CHARS)
        yield start, text[start:end]
        start = end
    yield start, text[start:]


@lru_cache(maxsize=8)
def tagged(text: str) -> tuple[tuple[int, Any], ...]:
    """(offset, Doc) per piece of an English text; empty without an English model. Cached: the naming and the
    wording lexicons read the same texts one after the other."""
    nlp = english_tagger()
    if nlp is None or not text:
        return ()
    return tuple(zip((o for o, _ in _pieces(text)), nlp.pipe(p for _, p in _pieces(text)), strict=True))
