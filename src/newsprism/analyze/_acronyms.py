"""Acronyms a report defines ("the Road and Rail Crews Union (RRCU)") and every later use of them.

A report that writes a name in full with its initials in brackets then uses the initials alone ("the RRCU said").
Taggers often miss both the long name (lower-case link words break it up) and the bare initials, so the definition
itself is the evidence: the words before the brackets whose initials spell the acronym are the name, and each
later stand-alone use of the acronym is a mention of the same organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsprism.analyze._aliases import alias_key
from newsprism.types import Mention

# "(RRCU)", "(GHSC)", "(TGWF)": two to eight capitals in brackets right after a word.
_DEFINITION = re.compile(r"(?<=[\w'’])\s+\(([A-ZÄÖÜÉ][A-Z0-9ÄÖÜÉ&]{1,7})\)")
# Words inside a name, apostrophes and hyphens kept: "Workers'", "Saône-Confluence".
_NAME_WORD = re.compile(r"[^\W_][\w'’\-&.]*")
# Lower-case words a name may hold without an initial of their own.
LINK_WORDS = frozenset(
    {"and", "of", "the", "for", "in", "on", "at", "to", "a", "an", "&", "und", "der", "die", "das", "des", "für"}
    | {"de", "du", "la", "le", "les", "et", "y", "del", "los", "las", "e", "di", "da", "do", "dos"}
)
# How far back, in words, the name of a definition may start.
MAX_NAME_WORDS = 12
ACRONYM_LABEL = "ORG"


@dataclass(frozen=True, slots=True)
class Definition:
    """A name and the acronym a text defines for it; offsets into the text."""

    start: int
    end: int
    acronym: str


def initials(words: list[str]) -> str:
    """The capital initials of a name's words, link words skipped and hyphenated parts counted apart:
    "Groupe hospitalier Saône-Confluence" → "GHSC"."""
    letters = []
    for word in words:
        for part in word.split("-"):
            if part and part.lower() not in LINK_WORDS:
                letters.append(part[0].upper())
    return "".join(letters)


def definitions(text: str) -> list[Definition]:
    """The acronyms a text defines, each with the span of the name it stands for.

    The name is the shortest run of words before the brackets, starting with a capital, whose initials (link words
    skipped, hyphenated parts counted apart) spell the acronym.
    """
    found = []
    for match in _DEFINITION.finditer(text):
        acronym = match.group(1)
        window_start = max(0, match.start() - 160)
        words = list(_NAME_WORD.finditer(text, window_start, match.start()))[-MAX_NAME_WORDS:]
        for first in range(len(words) - 1, -1, -1):
            chosen = [w.group() for w in words[first:]]
            if not chosen[0][:1].isupper():
                continue
            if initials(chosen) == acronym:
                found.append(Definition(words[first].start(), words[-1].end(), acronym))
                break
    return found


def acronym_mentions(text: str, offset: int) -> list[Mention]:
    """Mentions of every defined name and of each stand-alone use of its acronym, as organisations; `offset` is
    where `text` starts in the article's full text."""
    mentions = []
    for definition in definitions(text):
        name = text[definition.start : definition.end].rstrip("'’")
        key = alias_key(name)
        if key:
            start = definition.start + offset
            mentions.append(Mention(start, start + len(name), name, ACRONYM_LABEL, key))
        for use in re.finditer(rf"(?<![\w-]){re.escape(definition.acronym)}(?![\w-])", text):
            start = use.start() + offset
            mentions.append(Mention(start, use.end() + offset, use.group(), ACRONYM_LABEL, alias_key(use.group())))
    return mentions


def acronym_keys(text: str) -> dict[str, str]:
    """The key of each defined acronym mapped to the key of its name."""
    keys = {}
    for definition in definitions(text):
        name_key = alias_key(text[definition.start : definition.end])
        if name_key:
            keys[alias_key(definition.acronym)] = name_key
    return keys
