"""Loaded and evaluative wording beyond the names of actors: "slammed", "fiasco", "reckless", "so-called".

Two sources: newsprism's own list of words that news-bias studies flag as loaded (attribution verbs that
judge, nouns that condemn, charged adjectives), and the strongly subjective, strongly polar adjectives of the
pattern/TextBlob subjectivity lexicon that the textblob package ships. English only.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

from newsprism.types import Label

WORDING = "wording"
# Stems: a word is loaded when it starts with one of these and is at most a few letters longer.
LOADED_STEMS = (
    # attribution and reaction verbs that judge what they report
    "slam",
    "blast",
    "lambast",
    "lash",
    "rip",
    "bash",
    "decr",
    "denounc",
    "tout",
    "boast",
    "brag",
    "scoff",
    "smear",
    "skewer",
    "trash",
    "assail",
    "berat",
    "mock",
    "ridicul",
    "whin",
    "rant",
    "fum",
    "hammer",
    "sneer",
    "gloat",
    "bemoan",
    "railed",
    "railing",
    "harangu",
    "savag",
    "torch",
    "ruthless",
    # nouns that condemn
    "gaffe",
    "fiasco",
    "debacl",
    "scandal",
    "tirade",
    "crony",
    "cronies",
    "regime",
    "thug",
    "propaganda",
    "hoax",
    "stunt",
    "meltdown",
    "scheme",
    "extremis",
    "radical",
    "zealot",
    "demagog",
    "puppet",
    "henchm",
    "bigot",
    "fanatic",
    "agitator",
    "mob",
    "diatribe",
    "screed",
    "boondoggl",
    "handout",
    "amnesty",
    # charged adjectives and adverbs
    "fierce",
    "so-called",
    "notorious",
    "draconian",
    "reckless",
    "disastrous",
    "outrageous",
    "shameful",
    "disgrace",
    "bizarre",
    "embattled",
    "divisive",
    "hardline",
    "far-left",
    "far-right",
    "brazen",
    "blistering",
    "scathing",
    "stunning",
    "shocking",
    "egregious",
    "controversial",
    "radical",
    "extreme",
    "staunch",
    "vehement",
    "furious",
    "angrily",
    "slick",
    "sham",
    "ultra",
    "job-killing",
    "failed",
    "infamous",
    "vitriol",
    "incendiary",
    "inflammatory",
    "heavy-handed",
    "alarmist",
    "overreach",
    "blunder",
    "absurd",
    "ludicrous",
    "ridiculous",
    "outlandish",
    "dubious",
    "lavish",
    "extravagant",
    "wasteful",
    "draconian",
    "devastating",
)
MAX_SUFFIX_LETTERS = 4
# Lexicon adjectives count as loaded only when this subjective and this polar.
MIN_SUBJECTIVITY = 0.8
MIN_ABS_POLARITY = 0.5
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


@lru_cache(maxsize=1)
def _lexicon_adjectives() -> frozenset[str]:
    """Strongly subjective, strongly polar adjectives of the shipped subjectivity lexicon (empty if absent)."""
    try:
        import textblob
    except ImportError:
        return frozenset()
    path = Path(textblob.__file__).parent / "en" / "en-sentiment.xml"
    if not path.is_file():
        return frozenset()
    senses: dict[str, list[tuple[float, float]]] = {}
    for word in ET.parse(path).getroot():
        form = (word.get("form") or "").lower()
        senses.setdefault(form, []).append((float(word.get("polarity", 0)), float(word.get("subjectivity", 0))))
    chosen = set()
    for form, values in senses.items():
        polarity = sum(p for p, _ in values) / len(values)
        subjectivity = sum(s for _, s in values) / len(values)
        if subjectivity >= MIN_SUBJECTIVITY and abs(polarity) >= MIN_ABS_POLARITY and " " not in form:
            chosen.add(form)
    return frozenset(chosen)


@lru_cache(maxsize=1)
def _stem_pattern() -> re.Pattern[str]:
    stems = sorted(set(LOADED_STEMS), key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(re.escape(s) for s in stems) + rf")[a-z'-]{{0,{MAX_SUFFIX_LETTERS}}}$")


def loaded_words(text: str, offset: int, language: str, adjective_starts: set[int] | None = None) -> list[Label]:
    """Loaded words of an English text as labels of the `wording` class.

    Lexicon entries are adjectives ("kind", "rose" are also a noun and a verb): when the parser's adjective
    positions are given (offsets into `text`), a lexicon word counts only where it is used as an adjective.
    """
    if language not in ("en", ""):
        return []
    lexicon, stems = _lexicon_adjectives(), _stem_pattern()
    found = []
    for match in _WORD.finditer(text):
        word = match.group().lower()
        as_adjective = word in lexicon and (adjective_starts is None or match.start() in adjective_starts)
        if stems.match(word) or as_adjective:
            found.append(Label(match.start() + offset, match.end() + offset, match.group(), WORDING, True))
    return found
