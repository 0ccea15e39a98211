"""Naming and loaded wording: the words an outlet chooses for the actors of a story.

The lexicon below is newsprism's own: actor classes with the nouns outlets use for them, each marked
loaded (evaluative: "terrorists", "mercenaries", "regime") or neutral ("fighters", "government").
It is English; other languages get no labels yet, and reports say so.
"""

from __future__ import annotations

import re

from newsprism.types import Label

# actor class → {noun stem: loaded?}
ACTOR_NOUNS: dict[str, dict[str, bool]] = {
    "armed groups": {
        "terrorist": True,
        "mercenar": True,
        "jihadist": True,
        "extremist": True,
        "insurgent": False,
        "militant": False,
        "rebel": False,
        "fighter": False,
        "gunm": False,
        "militia": False,
        "separatist": False,
        "radical": True,
        "islamist": False,
        "formation": False,
        "armed group": False,
        "opposition group": False,
        "thug": True,
        "occupier": True,
        "invader": True,
        "bandit": True,
    },
    "government": {"regime": True, "junta": True, "government": False, "administration": False, "authorities": False},
    "protesters": {
        "rioter": True,
        "mob": True,
        "looter": True,
        "protester": False,
        "demonstrator": False,
        "activist": False,
        "agitator": True,
    },
    "migrants": {
        "illegal alien": True,
        "illegal immigrant": True,
        "illegals": True,
        "migrant": False,
        "refugee": False,
        "asylum seeker": False,
        "undocumented": False,
    },
}
# Modifiers that make any label loaded.
LOADED_MODIFIERS = (
    "terrorist",
    "jihadist",
    "extremist",
    "radical",
    "so-called",
    "mercenary",
    "puppet",
    "brutal",
    "criminal",
    "illegal",
    "murderous",
    "notorious",
    "hardline",
)
_MODIFIER = (
    r"(?:(?:[A-Z][\w\-]*['’]s|so-called|armed|terrorist|jihadist|extremist|radical|mercenary|rebel|militant|"
    r"islamist|Islamist|opposition|illegal|puppet|brutal|criminal|hardline|Syrian|Turkish|Russian)\s+){0,2}"
)


def _build_pattern() -> re.Pattern[str]:
    stems = sorted({stem for nouns in ACTOR_NOUNS.values() for stem in nouns}, key=len, reverse=True)
    nouns = "|".join(re.escape(stem) + r"[\w]*" for stem in stems)
    return re.compile(rf"\b{_MODIFIER}(?:{nouns})\b", re.IGNORECASE)


_LABEL = _build_pattern()


def _classify(phrase: str) -> tuple[str, bool] | None:
    lower = phrase.lower()
    for actor, nouns in ACTOR_NOUNS.items():
        for stem, loaded in sorted(nouns.items(), key=lambda item: -len(item[0])):
            if re.search(rf"\b{re.escape(stem)}\w*$", lower):
                return actor, loaded or any(m in lower for m in LOADED_MODIFIERS)
    return None


def find_labels(text: str, offset: int, language: str) -> list[Label]:
    """Labels naming actors in an English text; an empty list for other languages."""
    if language not in ("en", ""):
        return []
    labels = []
    for match in _LABEL.finditer(text):
        found = _classify(match.group())
        if found is None:
            continue
        actor, loaded = found
        labels.append(Label(match.start() + offset, match.end() + offset, match.group(), actor, loaded))
    return labels


def loaded_word_rate(labels: list[Label], word_count: int) -> float:
    """Loaded labels per hundred words: a tone signal."""
    return 100.0 * sum(label.loaded for label in labels) / max(word_count, 1)
