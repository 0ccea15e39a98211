"""Fact-sized units: sentences of the body (split at semicolons), with their actors, numbers and dates."""

from __future__ import annotations

import re

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
_CLAUSE_BREAK = re.compile(r";\s+")
_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
# Prefix stemming: the first letters of a word survive most inflection ("rearmed", "rearm") in most languages.
STEM_CHARS = 5
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


def terms_in(text: str) -> tuple[str, ...]:
    """Stems of the content words of a text, without duplicates."""
    words = (w.lower() for w in _WORD.findall(text))
    return tuple(dict.fromkeys(w[:STEM_CHARS] for w in words if w not in _STOPWORDS))


def extract_facts(
    full_text: str, sentences: list[Span], body_start: int, entities: list[Entity], dates: list[DateRef]
) -> list[Fact]:
    """One fact per body clause, annotated with what alignment compares."""
    facts = []
    for index, sentence in enumerate(sentences):
        if sentence.end <= body_start:
            continue
        for start, end in _clauses(full_text, sentence):
            text = full_text[start:end]
            if len(text.split()) < MIN_FACT_WORDS:
                continue
            keys = tuple(dict.fromkeys(m.key for e in entities for m in e.mentions if start <= m.start < end))
            iso = tuple(d.iso for d in dates if start <= d.start < end and d.iso)
            facts.append(
                Fact(
                    start,
                    end,
                    text,
                    index,
                    keys,
                    numbers_in(text),
                    iso,
                    terms_in(_without_names(full_text, start, end, entities)),
                )
            )
    return facts


def _without_names(full_text: str, start: int, end: int, entities: list[Entity]) -> str:
    """The clause with entity mentions blanked: actors are compared by key, terms carry the rest."""
    chars = list(full_text[start:end])
    for entity in entities:
        for mention in entity.mentions:
            if start <= mention.start and mention.end <= end:
                chars[mention.start - start : mention.end - start] = " " * (mention.end - mention.start)
    return "".join(chars)


def _clauses(full_text: str, sentence: Span) -> list[tuple[int, int]]:
    pieces, start = [], sentence.start
    for match in _CLAUSE_BREAK.finditer(sentence.text):
        pieces.append((start, sentence.start + match.start()))
        start = sentence.start + match.end()
    pieces.append((start, sentence.end))
    return pieces
