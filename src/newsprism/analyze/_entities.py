"""Named entities: spaCy where a model ships for the language, capitalised-span rules elsewhere.

Mentions inside one article are grouped by alias key into entities; acronyms the article defines
("Hayat Tahrir al-Sham (HTS)") join the entity they abbreviate.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from newsprism.analyze._aliases import alias_key, keys_match
from newsprism.analyze._nlp import stop_words
from newsprism.analyze._places import CASELESS_SCRIPTS, gazetteer_spans, resolve_place
from newsprism.types import Entity, Mention

SPACY_LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "NORP": "NORP",
    "FAC": "LOC",
    "EVENT": "EVENT",
    "LAW": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "PER": "PERSON",
    "MISC": "MISC",
}
PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_TRAILING = re.compile(r"(?:['’]s|['’])$")
# Upper-case letters of the Latin, Greek and Cyrillic blocks (a range like Ā-ſ would also take "ź" and "ż").
_UPPER = "A-Z" + "".join(chr(c) for c in range(0xC0, 0x530) if chr(c).isupper() and chr(c).isalpha())
# Capitalised runs, allowing name particles inside: "Hurras al-Din", "Ludwig van Beethoven".
_CAPITALISED_RUN = re.compile(
    rf"\b[{_UPPER}][\w'’\-]*(?:\s+(?:(?:al|el|ad|as|bin|ibn|van|von|der|de|del|da|di|du|la|le)[\s\-]+)?"
    rf"[{_UPPER}][\w'’\-]*)*"
)
_RUN_WORD = re.compile(r"[\w'’\-]+")
# Languages that capitalise every noun: a lone capitalised word there is no sign of a name.
NOUN_CAPITALISING = frozenset({"de", "lb"})
# Languages that attach case suffixes to names after an apostrophe (Turkish "Ankara'da", "İtalya'nın").
APOSTROPHE_SUFFIXES = frozenset({"tr", "az"})
_APOSTROPHE_SUFFIX = re.compile(r"['’][^\W\d_]+")
_ACRONYM_DEFINITION = re.compile(r"([A-Z][\w'’\-]*(?:\s+[\w'’\-]+){1,7})\s+\(([A-Z]{2,8})\)")


def spacy_mentions(doc: Any, offset: int) -> list[Mention]:
    """Mentions from a spaCy doc whose text starts at `offset` of the article's full text."""
    mentions = []
    text = doc.text  # built anew on every access: read it once
    for ent in doc.ents:
        label = SPACY_LABELS.get(ent.label_)
        if label is None:
            continue
        mention = _trimmed_mention(text, ent.start_char, ent.end_char, label, offset)
        if mention is not None:
            mentions.append(mention)
    return mentions


def rule_mentions(text: str, offset: int, sentence_starts: Iterable[int], language: str = "") -> list[Mention]:
    """Capitalised spans as entity mentions, for languages without a statistical model.

    A capitalised word that opens a sentence is kept only when the gazetteer knows it or the same word
    appears capitalised elsewhere in the text; otherwise it is just the first word of a sentence. Function words
    of the language ("Un", "Ist", "Мы") are never names, and lead no name ("Bei der Impfstoffsuche"). Where
    every noun is capitalised (German), a single capitalised word is a name only when it is a known place, an
    acronym, or the last word of a longer name in the same text ("Cuomo" after "Andrew Cuomo"). Scripts
    without capitals (Chinese, Arabic, …) get the place names the gazetteer finds in them, and nothing else.
    """
    if language in CASELESS_SCRIPTS:
        found = (_trimmed_mention(text, start, end, "GPE", offset) for start, end in gazetteer_spans(text, language))
        return [m for m in found if m is not None]
    function_words = stop_words(language) if language else frozenset()
    starts = {s - offset for s in sentence_starts}
    runs = [_without_suffix(text, *run.span(), language) for run in _CAPITALISED_RUN.finditer(text)]
    surnames = set()
    for start, end in runs:
        content = _after_function_words(text, start, end, function_words)
        if content is not None and len(text[content:end].split()) > 1:
            surnames.add(text[content:end].split()[-1])
    # Words seen capitalised inside a sentence, or as the last word of a longer name, are names anywhere.
    inner_words = {text[start:end].split()[0] for start, end in runs if start not in starts} | surnames
    mentions = []
    for start, end in runs:
        if start in starts and text[start:end].split()[0] not in inner_words:
            first_end = start + len(text[start:end].split()[0])
            if resolve_place(text[start:first_end]) is None:
                start = _next_word_start(text, first_end, end)
                if start is None:
                    continue
        start = _after_function_words(text, start, end, function_words)
        if start is None:
            continue
        surface = text[start:end]
        place = resolve_place(surface)
        lone_noun = language in NOUN_CAPITALISING and " " not in surface and place is None
        if lone_noun and not (surface.isupper() and len(surface) > 1) and surface not in surnames:
            continue
        mention = _trimmed_mention(text, start, end, "GPE" if place else "MISC", offset)
        if mention is not None and len(mention.text) > 1:
            mentions.append(mention)
    return mentions


def _after_function_words(text: str, start: int, end: int, function_words: frozenset[str]) -> int | None:
    """Where the run's first word that is not a function word begins; None when every word is one."""
    for word in _RUN_WORD.finditer(text, start, end):
        if word.group().lower() not in function_words:
            return word.start()
    return None


def _without_suffix(text: str, start: int, end: int, language: str) -> tuple[int, int]:
    """The run without a case suffix set off by an apostrophe ("İtalya'dan" → "İtalya") in languages that
    write them so."""
    if language in APOSTROPHE_SUFFIXES:
        suffix = _APOSTROPHE_SUFFIX.search(text, start, end)
        if suffix is not None and suffix.end() == end:
            return start, suffix.start()
    return start, end


def _next_word_start(text: str, position: int, end: int) -> int | None:
    while position < end and not text[position].isalpha():
        position += 1
    return position if position < end and text[position].isupper() else None


def _trimmed_mention(text: str, start: int, end: int, label: str, offset: int) -> Mention | None:
    surface = text[start:end]
    lead = _LEADING.match(surface)
    if lead:
        start += lead.end()
    trail = _TRAILING.search(text[start:end])
    if trail:
        end -= len(trail.group())
    surface = text[start:end].strip()
    if not surface or "\n" in surface or not any(ch.isalpha() for ch in surface):
        return None
    key = alias_key(surface)
    if not key:
        return None
    return Mention(start + offset, start + offset + len(surface), surface, label, key)


def acronym_aliases(text: str) -> dict[str, str]:
    """Acronyms the text defines, mapped to the key of the name they abbreviate."""
    aliases = {}
    for match in _ACRONYM_DEFINITION.finditer(text):
        name, acronym = match.groups()
        words = [w for w in re.split(r"[\s\-]+", name) if w[:1].isupper()]
        tail = words[-len(acronym) :]
        if "".join(w[0] for w in tail).upper() == acronym:
            aliases[alias_key(acronym)] = alias_key(" ".join(tail))
    return aliases


def group_mentions(mentions: list[Mention], acronyms: dict[str, str]) -> list[Entity]:
    """Group an article's mentions into entities; the longest spelling names the entity."""
    groups: list[list[Mention]] = []
    for mention in sorted(mentions, key=lambda m: -len(m.key)):
        key = acronyms.get(mention.key, mention.key)
        for group in groups:
            if _compatible(group[0], mention) and keys_match(group[0].key, key):
                group.append(mention)
                break
        else:
            groups.append([mention])
    entities = []
    for group in groups:
        head = group[0]
        ordered = tuple(sorted(group, key=lambda m: m.start))
        labels = Counter(m.label for m in group if m.label != "MISC")
        label = labels.most_common(1)[0][0] if labels else "MISC"
        place = resolve_place(head.text) if label in PLACE_LABELS or label == "MISC" else None
        entities.append(Entity(head.text, label, head.key, ordered, place.country if place else None))
    return sorted(entities, key=lambda e: e.mentions[0].start)


def _compatible(a: Mention, b: Mention) -> bool:
    return labels_compatible(a.label, b.label, a.key, b.key)


def labels_compatible(label_a: str, label_b: str, key_a: str, key_b: str) -> bool:
    """Whether two names may be one entity despite their labels.

    Statistical taggers label one name ORG in one sentence and PERSON or GPE in the next; a multi-word name
    or an identical spelling identifies the thing better than the label does.
    """
    if label_a == label_b or key_a == key_b or "MISC" in (label_a, label_b):
        return True
    if {label_a, label_b} <= PLACE_LABELS:
        return True
    return len(key_a.split()) >= 2 and len(key_b.split()) >= 2 and not ({label_a, label_b} & PLACE_LABELS)
