"""Fact-sized units: sentences of the body (split at semicolons), with their actors, numbers and dates."""

from __future__ import annotations

import re

from newsprism.analyze._clauses import rule_units
from newsprism.analyze._lemmatize import lemma
from newsprism.types import DateRef, Entity, Fact, Span

NUMBER_VALUES = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "thirteen": "13",
    "fourteen": "14",
    "fifteen": "15",
    "sixteen": "16",
    "seventeen": "17",
    "eighteen": "18",
    "nineteen": "19",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "sixty": "60",
    "seventy": "70",
    "eighty": "80",
    "ninety": "90",
    "hundred": "100",
    "thousand": "1000",
    "million": "1000000",
    "billion": "1000000000",
    "dozen": "12",
    "dozens": "dozens",
    "hundreds": "hundreds",
    "thousands": "thousands",
    "millions": "millions",
}
_NUMBER = re.compile(
    r"\b(?P<value>\d[\d,.]*%?|(?:" + "|".join(sorted(NUMBER_VALUES, key=len, reverse=True)) + r"))\b"
    r"(?:[\s-]+(?:thousand|million|billion|hundred))?(?:\s+(?:of\s+)?(?P<unit>[^\W\d_]{3,}))?",
    re.IGNORECASE,
)
# "one of its girders", "one day": the word "one" as a pronoun or article is not a quantity.
_NOT_A_QUANTITY = frozenset({"of", "another", "side", "hand", "way"})
_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
# Prefix stemming of the lemma: the first letters survive most derivation ("rearmed", "rearmament"), and the lemma
# first joins inflections that change a word's start ("sagte", "gesagt"; "dijo", "decir"; "Häuser", "Haus").
STEM_CHARS = 5
# Languages whose words are stemmed as written: English inflection keeps a word's start, and alignment's weights
# were chosen on English development cases with these stems.
STEMMED_AS_WRITTEN = frozenset({"en", ""})
_STOPWORDS = frozenset(
    [
        "that",
        "this",
        "with",
        "from",
        "have",
        "been",
        "were",
        "which",
        "their",
        "they",
        "there",
        "these",
        "those",
        "also",
        "after",
        "before",
        "about",
        "said",
        "says",
        "will",
        "would",
        "could",
        "should",
        "than",
        "into",
        "over",
        "under",
        "while",
        "when",
        "where",
        "what",
        "whom",
        "whose",
        "other",
        "such",
        "only",
        "some",
        "more",
        "most",
        "very",
        "just",
        "being",
        "does",
        "done",
        "each",
    ]
)
# Clauses shorter than this are fragments, not facts.
MIN_FACT_WORDS = 4


def numbers_in(text: str) -> tuple[str, ...]:
    """Quantities as "value unit" ("10 minut", "6 shell"), excluding four-digit years.

    The unit is the stem of the word counted, so that conflicts compare like with like: "ten minutes"
    against "fifteen minutes", never "one girder" against "thousands of commuters".
    """
    found = []
    for match in _NUMBER.finditer(text):
        raw = match.group("value").lower().rstrip(".,")
        value = NUMBER_VALUES.get(raw, raw.replace(",", ""))
        unit = (match.group("unit") or "").lower()
        if re.fullmatch(r"(?:19|20)\d\d", value) or (raw == "one" and unit in _NOT_A_QUANTITY | {""}):
            continue
        found.append(f"{value} {unit[:STEM_CHARS]}".strip())
    return tuple(dict.fromkeys(found))


def terms_in(text: str, language: str = "") -> tuple[str, ...]:
    """Stems of the lemmas of the content words of a text, without duplicates."""
    words = (w for w in _WORD.findall(text) if w.lower() not in _STOPWORDS and w.lower() not in NUMBER_VALUES)
    base = str.lower if language in STEMMED_AS_WRITTEN else lambda word: lemma(word, language)
    return tuple(dict.fromkeys(base(w)[:STEM_CHARS] for w in words))


def extract_facts(
    full_text: str,
    sentences: list[Span],
    body_start: int,
    entities: list[Entity],
    dates: list[DateRef],
    parsed: list[tuple[int, int]] | None = None,
    language: str = "",
) -> list[Fact]:
    """One fact per clause of the body, annotated with what alignment compares.

    `parsed` are the clause units a parser found (see `_clauses.parsed_units`); without them each sentence is cut
    by punctuation and conjunctions. `language` chooses the lemma dictionary of the words compared.
    """
    spans = parsed if parsed is not None else [u for s in sentences for u in rule_units(full_text, s.start, s.end)]
    facts = []
    for start, end in sorted(set(spans)):
        text = full_text[start:end]
        index = next((i for i, s in enumerate(sentences) if s.start <= start < s.end), -1)
        if start < body_start or index < 0 or len(text.split()) < MIN_FACT_WORDS:
            continue
        keys = tuple(dict.fromkeys(m.key for e in entities for m in e.mentions if start <= m.start < end))
        iso = tuple(d.iso for d in dates if start <= d.start < end and d.iso)
        terms = terms_in(_without_names(full_text, start, end, entities), language)
        facts.append(Fact(start, end, text, index, keys, numbers_in(text), iso, terms))
    return facts


def _without_names(full_text: str, start: int, end: int, entities: list[Entity]) -> str:
    """The clause with entity mentions blanked: actors are compared by key, terms carry the rest."""
    chars = list(full_text[start:end])
    for entity in entities:
        for mention in entity.mentions:
            if start <= mention.start and mention.end <= end:
                chars[mention.start - start : mention.end - start] = " " * (mention.end - mention.start)
    return "".join(chars)
