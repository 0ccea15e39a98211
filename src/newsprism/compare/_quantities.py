"""Quantities as reports state them: "2,000 residents", "five people", "$45 million", "about 40", "30 to 35",
"8,5 Prozent", "rund 4.000 Beschäftigte".

Each quantity is an interval (an exact count is a point, "about" widens it, "more than" opens it) with the word it
counts and the words around it, so that two reports' figures for one thing can be told apart from figures for
different things ("3 dead" and "12 injured" count different people). Years are figures too when two statements are
matched ("built in 1868", "dates from 1868"), never a count that conflicts.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from newsprism.analyze._facts import NUMBER_VALUES, STEM_CHARS, terms_in

# How far "about", "around", "roughly" widen a figure either side, as a share of it.
APPROXIMATE_SHARE = 0.1
# Words around a quantity (either side) that say what is counted or what happened to it.
CONTEXT_WORDS = 3
_TENS = ["2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "20", "30", "40", "50", "100", "1000"]
# Number words of the languages whose reports are compared most, beyond English (`NUMBER_VALUES`).
FOREIGN_NUMBER_WORDS: dict[str, dict[str, str]] = {
    "de": dict(
        zip(
            [
                "zwei",
                "drei",
                "vier",
                "fünf",
                "sechs",
                "sieben",
                "acht",
                "neun",
                "zehn",
                "elf",
                "zwölf",
                "zwanzig",
                "dreißig",
                "vierzig",
                "fünfzig",
                "hundert",
                "tausend",
            ],
            _TENS,
            strict=True,
        )
    ),
    "es": dict(
        zip(
            [
                "dos",
                "tres",
                "cuatro",
                "cinco",
                "seis",
                "siete",
                "ocho",
                "nueve",
                "diez",
                "once",
                "doce",
                "veinte",
                "treinta",
                "cuarenta",
                "cincuenta",
                "cien",
                "mil",
            ],
            _TENS,
            strict=True,
        )
    ),
    "fr": dict(
        zip(
            [
                "deux",
                "trois",
                "quatre",
                "cinq",
                "six",
                "sept",
                "huit",
                "neuf",
                "dix",
                "onze",
                "douze",
                "vingt",
                "trente",
                "quarante",
                "cinquante",
                "cent",
                "mille",
            ],
            _TENS,
            strict=True,
        )
    ),
}
# Languages that write 4.000,5 where English writes 4,000.5.
DECIMAL_COMMA = frozenset({"de", "es", "fr", "it", "pt", "pl", "tr", "nl", "ru", "da", "sv", "no", "fi", "cs", "ro"})
_SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "millionen": 1e6,
    "millones": 1e6,
    "millions": 1e6,
    "mio": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "milliarden": 1e9,
    "mrd": 1e9,
    "milliards": 1e9,
    "bn": 1e9,
    "b": 1e9,
}
_CURRENCIES = {"$": "USD", "us$": "USD", "dollars": "USD", "dollar": "USD", "usd": "USD", "€": "EUR", "euros": "EUR"}
_CURRENCIES |= {"euro": "EUR", "eur": "EUR", "£": "GBP", "pounds": "GBP", "gbp": "GBP", "¥": "JPY", "yen": "JPY"}
_QUALIFIERS = {
    "about": "approximate",
    "around": "approximate",
    "roughly": "approximate",
    "approximately": "approximate",
    "some": "approximate",
    "circa": "approximate",
    "rund": "approximate",
    "etwa": "approximate",
    "ungefähr": "approximate",
    "unos": "approximate",
    "unas": "approximate",
    "alrededor de": "approximate",
    "environ": "approximate",
    "près de": "approximate",
    "nearly": "nearly",
    "almost": "nearly",
    "fast": "nearly",
    "casi": "nearly",
    "presque": "nearly",
    "over": "at least",
    "more than": "at least",
    "at least": "at least",
    "mehr als": "at least",
    "über": "at least",
    "mindestens": "at least",
    "más de": "at least",
    "plus de": "at least",
    "under": "at most",
    "less than": "at most",
    "fewer than": "at most",
    "up to": "at most",
    "within": "at most",
    "just under": "nearly",
    "just over": "at least",
    "bis zu": "at most",
    "weniger als": "at most",
    "menos de": "at most",
    "moins de": "at most",
}
_PERCENT = r"\s?%|\s+(?:per\s?cent|percent|prozent|por\s+ciento|pour\s+cent|per\s+cento|procent)\b"
_CLOCK_NEAR = re.compile(r"[:.]\d\d\b|\s?(?:a\.?m\.?|p\.?m\.?|uhr|h\d\d)(?!\w)", re.IGNORECASE)
# After an abbreviated scale ("Mio.", "bn."), text that carries on the sentence: a lower-case word or a figure.
_SENTENCE_GOES_ON = re.compile(r"\s+[a-zäöüß\d(]")
_RANGE_START = re.compile(r"\b(?:between|zwischen|entre)\s+$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_NON_COUNTS = frozenset({"one", "a"})
# A unit word after these is not what is counted ("5 of the", "3 in the").
_FUNCTION = frozenset(
    {"of", "the", "a", "an", "in", "on", "at", "to", "and", "or", "from", "by", "for", "per", "more", "other"}
    | {"were", "was", "are", "is", "had", "have", "has", "been", "be", "will", "would", "could", "who", "that"}
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure as an interval [low, high], with its kind (count, year, percent or a currency) and its words."""

    text: str
    start: int
    end: int
    low: float
    high: float
    kind: str  # "count", "year", "percent" or a currency code
    unit: str  # stem of the counted word ("resid" for "residents"), "" when none
    before: frozenset[str]  # stems of the words just before it ("fined" in "fined $45 million")
    after: frozenset[str]  # stems of the words just after the counted word ("evacu" in "… residents were evacuated")

    def overlaps(self, other: Quantity) -> bool:
        """Whether the two figures can be the same value (intervals meet, within float noise)."""
        tolerance = 1e-9 * max(abs(self.high), abs(other.high), 1)
        return self.low <= other.high + tolerance and other.low <= self.high + tolerance


def _number_words(language: str) -> dict[str, str]:
    words = {w: v for w, v in NUMBER_VALUES.items() if v.isdigit()}
    return words | FOREIGN_NUMBER_WORDS.get(language, {})


@lru_cache(maxsize=16)
def _pattern(language: str) -> re.Pattern[str]:
    words = "|".join(sorted(map(re.escape, _number_words(language)), key=len, reverse=True))
    # A digit joined to a word by a hyphen names a model or a version ("Skylark-2", "Covid-19"), not a figure.
    amount = rf"(?:(?<![\w.,])(?<![^\W\d_]-)\d(?:[\d,.]*\d)?|\b(?:{words})(?:[\s-]+(?:{words}))*\b)"
    qualifiers = "|".join(sorted(map(re.escape, _QUALIFIERS), key=len, reverse=True))
    scales = "|".join(sorted(map(re.escape, _SCALES), key=len, reverse=True))
    return re.compile(
        rf"(?P<qualifier>\b(?:{qualifiers})\s+)?(?P<currency>US\$|[$€£¥])?\s?(?P<low>{amount})"
        rf"(?:\s*(?:-|–|to|and|bis|und|a|y|et)\s*(?P<currency2>US\$|[$€£¥])?(?P<high>{amount}))?"
        rf"(?:\s*(?P<scale>{scales})\b\.?)?(?P<percent>{_PERCENT})?"
        rf"(?:\s+(?P<currency_word>dollars?|euros?|pounds|yen|usd|eur|gbp)\b)?(?![^\W\d_])",
        re.IGNORECASE,
    )


def _amount(text: str, language: str) -> float | None:
    text = text.lower().strip()
    if text[:1].isdigit():
        text = text.replace(".", "").replace(",", ".") if language in DECIMAL_COMMA else text.replace(",", "")
        try:
            return float(text)
        except ValueError:
            return None
    return _word_amount(text, _number_words(language))


def _word_amount(text: str, words: dict[str, str]) -> float | None:
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", text):
        value = words.get(word)
        if value is None:
            return None
        number = float(value)
        if number >= 1000:
            total, current = total + max(current, 1) * number, 0.0
        elif number == 100:
            current = max(current, 1) * number
        else:
            current += number
    return total + current


def _interval(value: float, high: float | None, qualifier: str) -> tuple[float, float]:
    if high is not None:
        return min(value, high), max(value, high)
    meaning = _QUALIFIERS.get(qualifier, "")
    if meaning == "at least":
        return value, math.inf
    if meaning == "nearly":
        return value * (1 - APPROXIMATE_SHARE), value
    if meaning == "at most":
        return 0.0, value
    if meaning == "approximate":
        return value * (1 - APPROXIMATE_SHARE), value * (1 + APPROXIMATE_SHARE)
    return value, value


def quantities_in(text: str, language: str = "en") -> list[Quantity]:
    """Every figure of a text that counts or measures something (years as kind "year"); times of day and the
    article "one" are left out."""
    return list(_quantities(text, language))


@lru_cache(maxsize=8192)
def _quantities(text: str, language: str) -> tuple[Quantity, ...]:
    """Parsed once per statement: alignment and every conflict check read the same statements' figures."""
    found = (_quantity(text, match, language) for match in _pattern(language).finditer(text))
    return tuple(q for q in found if q is not None)


def start_of(match: re.Match[str]) -> int:
    """Where a figure's text begins: at its currency sign when it has one."""
    return match.start("currency") if match.group("currency") else match.start("low")


def _quantity(text: str, match: re.Match[str], language: str) -> Quantity | None:
    if _CLOCK_NEAR.match(text, match.end("low")) or text[max(0, match.start("low") - 1) : match.start("low")] == ":":
        return None  # a time of day ("7:30 p.m."), compared as a time, not as a figure
    low_text, high_text = match.group("low"), match.group("high")
    two_figures = bool(high_text) and re.search(r"\s(?:and|und|y|et)\s", match.group(0)) is not None
    if two_figures and not _RANGE_START.search(text[: match.start("low")]):
        high_text = None  # "3 and 12" is two figures unless it follows "between"
    else:
        two_figures = False
    if low_text.lower() in _NON_COUNTS:
        return None
    low, high = _amount(low_text, language), _amount(high_text, language) if high_text else None
    if low is None or (high_text and high is None):
        return None
    scale = 1.0 if two_figures else _SCALES.get((match.group("scale") or "").lower().rstrip("."), 1.0)
    if high is not None and high < low:
        low *= scale  # "2 to 3 million"
    qualifier = " ".join((match.group("qualifier") or "").lower().split())
    low_bound, high_bound = _interval(low * scale, None if high is None else high * scale, qualifier)
    end = match.end("low") if two_figures else match.end()
    if text[start_of(match) : end].endswith(".") and _SENTENCE_GOES_ON.match(text, end) is None:
        end -= 1  # "worth £1.6m." ends a sentence; "Mio." inside one is an abbreviation
    currency = match.group("currency") or match.group("currency2") or match.group("currency_word") or ""
    kind = "percent" if match.group("percent") else _CURRENCIES.get(currency.lower(), "count")
    if kind == "count" and high is None and scale == 1.0 and _YEAR.fullmatch(low_text):
        kind = "year"
    start = start_of(match)
    unit, before, after = _surroundings(text, start, end)
    return Quantity(text[start:end].strip(), start, end, low_bound, high_bound, kind, unit, before, after)


def _surroundings(text: str, start: int, end: int) -> tuple[str, frozenset[str], frozenset[str]]:
    """The stem of the counted word right after a figure, and the content stems a few words before and after."""
    words_after = _WORD.findall(text[end : end + 120])
    words_before = _WORD.findall(text[max(0, start - 120) : start])[-CONTEXT_WORDS:]
    unit = next((w.lower() for w in words_after[:2] if w.lower() not in _FUNCTION), "")
    unit = "" if unit in NUMBER_VALUES or unit in _SCALES else unit[:STEM_CHARS]
    skip = 1 if unit and words_after and words_after[0].lower()[:STEM_CHARS] == unit else 0
    after = terms_in(" ".join(words_after[skip : skip + CONTEXT_WORDS]))
    before = terms_in(" ".join(words_before))
    return unit, frozenset(before) - {unit}, frozenset(after) - {unit}
