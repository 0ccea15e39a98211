"""Sentence boundaries for languages without a spaCy model, by punctuation rules."""

from __future__ import annotations

import re

from newsprism.types import Span

# A sentence ends at . ! ? (or their CJK/Arabic forms), optionally followed by closing quotes, then space or a newline.
_BOUNDARY = re.compile(r"(?<=[.!?…。！？؟])(?P<close>[\"'”’»)\]]*)\s+|(?<=[。！？])|\n\s*\n|\n(?=\S)")
# Tokens that end in a dot but do not end a sentence.
_ABBREVIATIONS = [
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Prof",
    "St",
    "Jr",
    "Sr",
    "Gen",
    "Col",
    "Lt",
    "Sgt",
    "Rep",
    "Sen",
    "Gov",
    "Inc",
    "Ltd",
    "Co",
    "Corp",
    "vs",
    "etc",
    "No",
    "Nr",
    "bzw",
    "usw",
    "ca",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Hr",
    "Fr",
    "Sra",
    "pt",
    "ul",
    "ks",
]
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\b(?:" + "|".join(_ABBREVIATIONS) + r"))\.$")
MIN_SENTENCE_CHARS = 2


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Half-open (start, end) ranges of the sentences of `text`, shifted by `offset`."""
    ranges: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.start() + len(match.group("close") or "")
        if _ABBREVIATION.search(text[max(start, end - 12) : end]) and "\n" not in match.group():
            continue
        ranges.extend(_trimmed(text, start, end))
        start = match.end()
    ranges.extend(_trimmed(text, start, len(text)))
    return [(s + offset, e + offset) for s, e in ranges]


def _trimmed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [(start, end)] if end - start >= MIN_SENTENCE_CHARS else []


def spans_of(full_text: str, ranges: list[tuple[int, int]]) -> list[Span]:
    """Span objects for ranges of the full text."""
    return [Span.of(full_text, start, end) for start, end in ranges]
