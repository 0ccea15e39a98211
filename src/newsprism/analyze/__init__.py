"""Analyze: turn an `Article` into an `Analysis` (sentences, entities, dates, quotes, facts, labels, vectors)."""

from newsprism.analyze._aliases import alias_key, keys_match
from newsprism.analyze._dates import calendar_days
from newsprism.analyze._embed import embed
from newsprism.analyze._entities import labels_compatible
from newsprism.analyze._lemmatize import content_lemmas, lemma
from newsprism.analyze._nlp import stop_words
from newsprism.analyze._pipeline import AnalyzeOptions, analyze, analyze_many
from newsprism.analyze._places import Place, resolve_place

__all__ = [
    "AnalyzeOptions",
    "Place",
    "alias_key",
    "analyze",
    "analyze_many",
    "calendar_days",
    "content_lemmas",
    "embed",
    "keys_match",
    "labels_compatible",
    "lemma",
    "resolve_place",
    "stop_words",
]
