"""Alias keys: one normalised form for the spellings outlets use for the same name.

"Hurras al-Din", "Huras Addin" and "Hurras ad-Din" all become "huras din"; "Russia's" becomes "russia".
Keys are built by transliterating to ASCII, dropping possessives, leading articles and Arabic article
particles (including their sun-letter assimilated forms), and collapsing doubled letters.

A key keeps every word of the name; its core (`core_key`) also drops a trailing corporate suffix and puts a plural
last word in the singular, so "Brennock Chemicals" and "Brennock Chemical Company" share the core "brenock
chemical". `keys_match` compares cores on top of the keys themselves: a pair of keys that matched before still
matches, which keeps the similarity features the shipped models were fitted on.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

_POSSESSIVE = re.compile(r"['’`]s\b|(?<=s)['’`](?=\s|$)", re.IGNORECASE)
_NON_WORD = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"([a-z])\1+")
# Words that carry no identity inside a name.
_STOP_TOKENS = frozenset(
    {
        "the",
        "of",
        "and",
        "for",
        "a",
        "an",
        "der",
        "die",
        "das",
        "la",
        "le",
        "les",
        "el",
        "los",
        "las",
        "il",
        "al",
        "ul",
        "de",
        "del",
        "di",
        "du",
        "des",
        "y",
        "e",
        "et",
        "und",
    }
)
# Arabic definite article assimilated to a sun letter: ad-Din → "addin", as-Sham → "assham".
_ASSIMILATED = re.compile(r"^[ae]([tdrzsnl])\1(?=[a-z]{2})")
# Similarity (0-100) above which two keys are taken as spellings of one name.
FUZZY_MATCH_RATIO = 88
# Key words of a trailing legal-form suffix: they say what kind of body a company is, not which one. "S.A." keys
# as "s" (its "a" is a stop token); keys collapse doubled letters, so "LLC" is "lc".
CORPORATE_SUFFIXES = frozenset(
    {
        "co",
        "company",
        "inc",
        "incorporated",
        "ltd",
        "limited",
        "corp",
        "corporation",
        "group",
        "lc",
        "lp",
        "plc",
        "gmbh",
        "ag",
        "sa",
        "s",
        "nv",
        "bv",
    }
)
# Plural endings put in the singular on a core's last word: "industries" → "industry", "chemicals" → "chemical".
_PLURAL_IES = re.compile(r"(?<=[a-z]{2})ies$")
_PLURAL_ES = re.compile(r"(?<=[a-z]{2})(?:ch|sh|x|z)es$")
_PLURAL_S = re.compile(r"(?<=[a-z]{3})(?<![su])s$")


@lru_cache(maxsize=65536)
def alias_key(name: str) -> str:
    """The normalised key of a name; equal keys mean the same name spelled differently."""
    from anyascii import anyascii

    ascii_name = anyascii(_POSSESSIVE.sub("", name)).lower()
    tokens = []
    for token in _NON_WORD.split(ascii_name):
        if not token or token in _STOP_TOKENS:
            continue
        token = _ASSIMILATED.sub(r"\1", token)
        tokens.append(_DOUBLE.sub(r"\1", token))
    return " ".join(tokens)


@lru_cache(maxsize=65536)
def core_key(key: str) -> str:
    """The key without a trailing corporate suffix and with its last word in the singular.

    Outlets add or drop the legal form ("Brennock Shipping" / "Brennock Shipping Ltd.") and write a company's
    trade as a plural or a singular ("Chemicals" / "Chemical Company"). A name is never cut to nothing, and a
    one-word name keeps its ending ("Paris" is no plural).
    """
    words = key.split()
    while len(words) > 1 and words[-1] in CORPORATE_SUFFIXES:
        words.pop()
    if len(words) > 1:
        words[-1] = singular(words[-1])
    return " ".join(words)


def singular(word: str) -> str:
    """An English plural in the singular; other words unchanged ("status", "analysis" and "news" keep their s)."""
    if _PLURAL_IES.search(word):
        return word[:-3] + "y"
    if _PLURAL_ES.search(word):
        return word[:-2]
    if _PLURAL_S.search(word) and not word.endswith(("is", "news")):
        return word[:-1]
    return word


def acronym_of(key: str) -> str:
    """Initials of a multi-word key: "hayat tahrir sham" → "hts"."""
    words = key.split()
    return "".join(word[0] for word in words) if len(words) >= 2 else ""


def keys_match(a: str, b: str) -> bool:
    """Whether two alias keys name the same thing: equal, one a word-subset of the other, fuzzy, an acronym, or equal
    cores (the same company with and without its legal form)."""
    if not a or not b:
        return False
    if a == b or core_key(a) == core_key(b):
        return True
    ta, tb = a.split(), b.split()
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) >= 2 and _is_ordered_subset(short, long_):
        return True
    if len(ta) == 1 and len(tb) == 1:
        return len(a) >= 5 and fuzz.ratio(a, b) >= FUZZY_MATCH_RATIO
    if len(short) == len(long_) and fuzz.ratio(a, b) >= FUZZY_MATCH_RATIO:
        return True
    return len(short) == 1 and len(short[0]) >= 2 and short[0] == acronym_of(" ".join(long_))


def _is_ordered_subset(short: list[str], long_: list[str]) -> bool:
    position = 0
    for token in short:
        try:
            position = long_.index(token, position) + 1
        except ValueError:
            return False
    return True
