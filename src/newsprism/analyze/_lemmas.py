"""English lemmas for the lexicons: a tagging-only spaCy pipeline, run once per text, long texts in pieces.

Lexicons are matched on lemmas (spaCy `Matcher` / `PhraseMatcher`), not on regex stems: a stem plus any ending
matches words that only begin alike ("regime" in "regiment", "mob" in "mobile", "rip" in "ripe"), a lemma matches
the inflections of one word only ("mobs", "ripped"). Only the tagger and lemmatizer run (no parser, no entities).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from newsprism.analyze._nlp import spacy_pipeline

# Components the lexicons never read: skipped when tagging.
SKIPPED = ("parser", "ner")
# Characters tagged at a time; a longer text is cut at paragraph breaks (spaCy's own limit is far above this).
PIECE_CHARS = 100_000
_BREAK = re.compile(r"\n\s*\n")


def english_tagger() -> Any | None:
    """spaCy's English pipeline, or None when no English model is installed.

    It is the analysis's own pipeline (`spacy_pipeline`): loading the model a second time without parser and
    entity recogniser cost half a second per process. `tagged` skips those two components (`SKIPPED`), and the
    tagger and lemmatizer do not read them, so the tags and lemmas are the same."""
    return spacy_pipeline("en")


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
    skipped = [name for name in SKIPPED if name in nlp.pipe_names]
    docs = nlp.pipe((p for _, p in _pieces(text)), disable=skipped)
    return tuple(zip((o for o, _ in _pieces(text)), docs, strict=True))
