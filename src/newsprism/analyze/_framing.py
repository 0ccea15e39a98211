"""Naming and loaded wording: the words an outlet chooses for the actors of a story.

The lexicon below is newsprism's own: actor classes with the nouns outlets use for them, each marked
loaded (evaluative: "terrorists", "mercenaries", "regime") or neutral ("fighters", "government").
Nouns are matched on their lemmas with spaCy's `Matcher` ("mobs" is "mob", "mobile" is not; "regiment" is not
"regime"), with up to two modifiers before them ("Turkey's mercenaries", "so-called armed groups").
German, Spanish and French have lexicons of their own with the same actor classes (`_naming`, matched on
simplemma lemmas); other languages get no labels yet, and reports say so.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from newsprism.analyze._lemmas import english_tagger, tagged
from newsprism.analyze._naming import NAMING_LANGUAGES, naming_labels
from newsprism.types import Label

# actor class → {noun lemma (a phrase: words before the last are matched as written): loaded?}
ACTOR_NOUNS: dict[str, dict[str, bool]] = {
    "armed groups": {
        "terrorist": True,
        "mercenary": True,
        "jihadist": True,
        "extremist": True,
        "insurgent": False,
        "militant": False,
        "rebel": False,
        "fighter": False,
        "gunman": False,
        "militia": False,
        "separatist": False,
        "radical": True,
        "islamist": False,
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
# Nouns that name an armed group only after one of these words: "terrorist formations", never "government
# formation" (forming a cabinet) or "rock formation".
QUALIFIED_NOUNS = {"armed groups": {"formation": ("armed", "terrorist", "militant", "rebel", "extremist", "jihadist")}}
# Nouns matched as written, not by lemma (their lemma is another word: "authorities" → "authority").
AS_WRITTEN = {"authorities", "illegals", "undocumented"}
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
# Words that may stand before an actor noun as part of its label.
MODIFIER_WORDS = (
    "armed",
    "terrorist",
    "jihadist",
    "extremist",
    "radical",
    "mercenary",
    "rebel",
    "militant",
    "islamist",
    "opposition",
    "illegal",
    "puppet",
    "brutal",
    "criminal",
    "hardline",
    "syrian",
    "turkish",
    "russian",
)
_POSSESSIVE = [{"IS_TITLE": True}, {"LOWER": {"IN": ["'s", "’s"]}}]
_SO_CALLED = [{"LOWER": "so"}, {"ORTH": "-"}, {"LOWER": "called"}]
_MODIFIERS = [{"LOWER": {"IN": list(MODIFIER_WORDS)}, "OP": "?"}] * 2


def _noun_tokens(noun: str) -> list[dict[str, Any]]:
    *before, head = noun.split()
    last = {"LOWER": head} if noun in AS_WRITTEN else {"LEMMA": head}
    return [{"LOWER": word} for word in before] + [last]


def _patterns(noun_tokens: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The noun alone or after modifiers, a possessive name ("Turkey's") or "so-called"."""
    return [prefix + _MODIFIERS + noun_tokens for prefix in ([], _POSSESSIVE, _SO_CALLED)]


@cache
def _matcher() -> Any | None:
    from spacy.matcher import Matcher

    nlp = english_tagger()
    if nlp is None:
        return None
    matcher = Matcher(nlp.vocab)
    for actor, nouns in ACTOR_NOUNS.items():
        for noun in nouns:
            matcher.add(f"{actor}\t{noun}", _patterns(_noun_tokens(noun)), greedy="LONGEST")
    for actor, qualified in QUALIFIED_NOUNS.items():
        for noun, qualifiers in qualified.items():
            tokens = [{"LOWER": {"IN": list(qualifiers)}}, {"LEMMA": noun}]
            matcher.add(f"{actor}\t{noun}", _patterns(tokens), greedy="LONGEST")
    return matcher


def _loaded(actor: str, noun: str, phrase: str) -> bool:
    lower = phrase.lower()
    return ACTOR_NOUNS[actor].get(noun, False) or any(m in lower for m in LOADED_MODIFIERS)


def find_labels(text: str, offset: int, language: str) -> list[Label]:
    """Labels naming actors in an English, German, Spanish or French text; an empty list for other languages."""
    if language in NAMING_LANGUAGES:
        return naming_labels(text, offset, language)
    if language not in ("en", "") or _matcher() is None:
        return []
    from spacy.util import filter_spans

    labels = []
    for start, doc in tagged(text):
        names: dict[tuple[int, int], str] = {}
        spans = []
        for match_id, first, last in _matcher()(doc):
            span = doc[first:last]
            names[(span.start, span.end)] = doc.vocab.strings[match_id]
            spans.append(span)
        for span in filter_spans(spans):
            actor, noun = names[(span.start, span.end)].split("\t")
            where = start + offset
            loaded = _loaded(actor, noun, span.text)
            labels.append(Label(span.start_char + where, span.end_char + where, span.text, actor, loaded))
    return labels


def loaded_word_rate(labels: list[Label], word_count: int) -> float:
    """Loaded labels per hundred words: a tone signal."""
    return 100.0 * sum(label.loaded for label in labels) / max(word_count, 1)
