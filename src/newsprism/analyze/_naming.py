"""Naming labels in German, Spanish and French: the actor lexicon of `_framing`, matched on simplemma lemmas.

The actor classes are the English lexicon's ("armed groups", "government", "protesters", "migrants"), so that the
naming table sets a German "Terroristen" beside an English "militants". Nouns match on their dictionary lemma
("Söldnern" is "Söldner", "autoridades" is "autoridad"), or as written where the dictionary does not know them
("djihadistes"). A loaded modifier next to the noun, before it in German ("sogenannte Rebellen"), before or after
it in Spanish and French ("grupos terroristas", "soi-disant rebelles"), makes the label loaded.
"""

from __future__ import annotations

import re

from newsprism.analyze._lemmatize import lemma
from newsprism.types import Label

# language → actor class → {noun lemma (lower-case) or written form: loaded?}
ACTOR_NOUNS: dict[str, dict[str, dict[str, bool]]] = {
    "de": {
        "armed groups": {
            "terrorist": True, "söldner": True, "dschihadist": True, "extremist": True, "terrormiliz": True,
            "besatzer": True, "invasor": True, "bandit": True, "aufständische": False, "kämpfer": False,
            "rebell": False, "miliz": False, "milizionär": False, "separatist": False, "islamist": False,
            "bewaffnete": False, "militante": False,
        },
        "government": {"regime": True, "junta": True, "regierung": False, "behörde": False, "administration": False},
        "protesters": {
            "randalierer": True, "mob": True, "plünderer": True, "chaot": True, "krawallmacher": True,
            "demonstrant": False, "aktivist": False, "protestierender": False, "protestierende": False,
        },
        "migrants": {
            "asylant": True, "wirtschaftsflüchtling": True, "migrant": False, "flüchtling": False,
            "asylbewerber": False, "geflüchtete": False, "geflüchteter": False,
        },
    },
    "es": {
        "armed groups": {
            "terrorista": True, "mercenario": True, "yihadista": True, "extremista": True, "bandido": True,
            "invasor": True, "ocupante": True, "matón": True, "insurgente": False, "militante": False,
            "rebelde": False, "combatiente": False, "pistolero": False, "milicia": False, "miliciano": False,
            "separatista": False, "islamista": False,
        },
        "government": {"régimen": True, "junta": True, "gobierno": False, "administración": False, "autoridad": False},
        "protesters": {
            "alborotador": True, "turba": True, "saqueador": True, "vándalo": True, "manifestante": False,
            "activista": False,
        },
        "migrants": {
            "ilegal": True, "indocumentado": False, "migrante": False, "inmigrante": False, "refugiado": False,
        },
    },
    "fr": {
        "armed groups": {
            "terroriste": True, "mercenaire": True, "djihadiste": True, "djihadistes": True, "jihadiste": True,
            "jihadistes": True, "extrémiste": True, "bandit": True, "envahisseur": True, "occupant": True,
            "voyou": True, "insurgé": False, "militant": False, "rebelle": False, "combattant": False, "milice": False,
            "milicien": False, "séparatiste": False, "islamiste": False,
        },
        "government": {
            "régime": True, "junte": True, "gouvernement": False, "administration": False, "autorité": False,
        },
        "protesters": {
            "émeutier": True, "casseur": True, "pillard": True, "manifestant": False, "activiste": False,
        },
        "migrants": {
            "clandestin": True, "sans-papier": False, "sans-papiers": False, "migrant": False, "immigré": False,
            "réfugié": False,
        },
    },
}  # fmt: skip
# Lemmas of modifiers that make any label loaded.
LOADED_MODIFIERS: dict[str, frozenset[str]] = {
    "de": frozenset({"sogenannt", "terroristisch", "brutal", "kriminell", "illegal", "radikal", "dschihadistisch"}),
    "es": frozenset({"supuesto", "terrorista", "brutal", "criminal", "ilegal", "radical", "yihadista"}),
    "fr": frozenset({"soi-disant", "soi-dire", "prétendu", "terroriste", "brutal", "criminel", "illégal", "radical"}),
}
# Languages whose adjectives may follow the noun ("grupos terroristas").
ADJECTIVES_AFTER = frozenset({"es", "fr"})
NAMING_LANGUAGES = frozenset(ACTOR_NOUNS)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _actor_of(word: str, language: str) -> tuple[str, str] | None:
    """(actor class, lexicon entry) of a word, by its lemma or as written."""
    base = lemma(word, language)
    for actor, nouns in ACTOR_NOUNS[language].items():
        for candidate in (base, word.lower()):
            if candidate in nouns:
                return actor, candidate
    return None


def naming_labels(text: str, offset: int, language: str) -> list[Label]:
    """Labels naming actors in a German, Spanish or French text; empty for any other language."""
    if language not in NAMING_LANGUAGES:
        return []
    words = list(_WORD.finditer(text))
    modifiers = LOADED_MODIFIERS[language]
    labels: list[Label] = []
    for index, word in enumerate(words):
        found = _actor_of(word.group(), language)
        if found is None or (labels and word.start() < labels[-1].end - offset):
            continue
        actor, noun = found
        start, end, loaded = word.start(), word.end(), ACTOR_NOUNS[language][actor][noun]
        before = words[index - 1] if index else None
        if before is not None and _joined(text, before, word) and lemma(before.group(), language) in modifiers:
            start, loaded = before.start(), True
        after = words[index + 1] if index + 1 < len(words) else None
        modified_after = (
            after is not None and _joined(text, word, after) and lemma(after.group(), language) in modifiers
        )
        if language in ADJECTIVES_AFTER and modified_after:
            end, loaded = after.end(), True
        labels.append(Label(start + offset, end + offset, text[start:end], actor, loaded))
    return labels


def _joined(text: str, first: re.Match[str], second: re.Match[str]) -> bool:
    """Whether only spaces stand between two words (no punctuation, no line break)."""
    return text[first.end() : second.start()].strip(" \u00a0") == ""
