"""Entities across articles: one canonical entity per actor, with each article's spellings.

Each article's entities merge by alias key; a lone surname then joins the one person named in full with it in any
of the articles. The type of a merged entity is decided again from all its mentions in all the articles, with the
cues around each mention read in its own article's text: one report's "Hurras al-Din, a group that …" settles
the type of the other report's "Huras Addin".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from newsprism.analyze import keys_match, labels_compatible
from newsprism.analyze._entities import (
    PLACE,
    PLACE_LABELS,
    could_be_surname,
    entity_label,
    label_evidence,
    may_be_person,
    person_surnames,
)
from newsprism.compare._org_names import acronym_of_name, cut_or_reordered, is_acronym, leads_name
from newsprism.types import Analysis, Entity

_PLACE_PREPOSITION = re.compile(r"\b(?:in|near|outside|across|around|throughout)\s+(?:the\s+)?$", re.IGNORECASE)
# A word two names in two languages share must be this long to be a name and not a common word.
MIN_SHARED_NAME_WORD = 5


@dataclass(slots=True)
class MergedEntity:
    """One actor or place as named across several articles."""

    name: str
    label: str
    key: str
    country: str | None
    forms: dict[int, list[str]] = field(default_factory=dict)  # article index → surface forms
    mentions: dict[int, int] = field(default_factory=dict)  # article index → mention count
    spellings: Counter[str] = field(default_factory=Counter)
    parts: list[tuple[int, Entity]] = field(default_factory=list)  # article index, that article's entity

    @property
    def articles(self) -> list[int]:
        return sorted(self.forms)


def merge_entities(analyses: list[Analysis]) -> list[MergedEntity]:
    """Merge each article's entities by alias key, then lone surnames into full names; one type per entity from
    all its mentions, and the most informative spelling names it."""
    merged: list[MergedEntity] = []
    for index, analysis in enumerate(analyses):
        for entity in analysis.entities:
            target = _find(merged, entity)
            if target is None:
                target = MergedEntity(entity.name, entity.label, entity.key, entity.country)
                merged.append(target)
            elif len(entity.key) > len(target.key):
                target.key = entity.key
            _add(target, index, entity)
    texts = [analysis.article.full_text for analysis in analyses]
    for target in merged:
        _settle(target, texts)
    merged = _join_surnames(merged, texts)
    merged = _join_organisations(merged, texts)
    standalone = {entity.key for analysis in analyses for entity in analysis.entities}
    merged = _join_translations(merged, [analysis.article.language for analysis in analyses], standalone)
    return sorted(merged, key=lambda m: (-len(m.forms), -sum(m.mentions.values()), m.name))


def _add(target: MergedEntity, index: int, entity: Entity) -> None:
    """Take one article's entity into a merged one."""
    target.parts.append((index, entity))
    target.spellings.update(m.text for m in entity.mentions)
    target.country = target.country or entity.country
    target.forms.setdefault(index, [])
    target.forms[index] += [f for f in entity.surface_forms if f not in target.forms[index]]
    target.mentions[index] = target.mentions.get(index, 0) + len(entity.mentions)


def _settle(target: MergedEntity, texts: list[str], *, keep_label: bool = False) -> None:
    """Type, name and country of a merged entity from all its mentions.

    A person or an organisation is named by its full name, never by a surname, initials or a first word alone
    however often that is written. With `keep_label` the type stays: short forms carry no type of their own.
    """
    if not keep_label:
        target.label = entity_label(((e.mentions, texts[i]) for i, e in target.parts), target.name)
    candidates = list(target.spellings)
    if target.label in ("PERSON", "ORG"):
        full = [s for s in candidates if " " in s.strip()]
        candidates = full or candidates
    target.name = max(candidates, key=lambda form: (target.spellings[form], len(form)))
    if target.label not in PLACE_LABELS and target.label != "MISC":
        target.country = None


def _join_surnames(merged: list[MergedEntity], texts: list[str]) -> list[MergedEntity]:
    """Fold each one-word entity into the one person whose full name ends with it, in any article."""
    owners = {id(m): person_surnames(mention for _, e in m.parts for mention in e.mentions) for m in merged}
    persons = [m for m in merged if m.label == "PERSON" and owners[id(m)]]
    untyped = [m for m in merged if owners[id(m)] and _may_be_person(m, texts)]
    kept = []
    for entity in merged:
        if " " not in entity.key and not owners[id(entity)]:
            evidence = sum((label_evidence(e.mentions, texts[i]) for i, e in entity.parts), Counter())
            said_person = entity.label == "PERSON" or evidence["PERSON"] > 0
            matches = [p for p in (persons + untyped if said_person else persons) if entity.key in owners[id(p)]]
            if len(matches) == 1 and could_be_surname(entity.label, entity.name, evidence):
                for index, part in entity.parts:
                    _add(matches[0], index, part)
                _settle(matches[0], texts)
                continue
        kept.append(entity)
    return kept


def _join_organisations(merged: list[MergedEntity], texts: list[str]) -> list[MergedEntity]:
    """Fold each short form of an organisation's name (initials, its first word, a word cut short, the words
    reordered) into the one organisation of the story it can stand for; with two candidates it stays apart."""
    owners = [m for m in merged if m.label == "ORG" and len(m.key.split()) >= 2]
    absorbed: set[int] = set()
    for entity in merged:
        evidence = sum((label_evidence(e.mentions, texts[i]) for i, e in entity.parts), Counter())
        if entity.label in PLACE_LABELS and not evidence["ORG"] and _placed_by_preposition(entity, texts):
            evidence[PLACE] += 1  # "closed the bridge in Westmark": the state, not the Westmark Roads Agency
        candidates = [o for o in owners if o is not entity and id(o) not in absorbed and _shortens(entity, evidence, o)]
        if len(candidates) == 1:
            target = candidates[0]
            for index, part in entity.parts:
                _add(target, index, part)
            _settle(target, texts, keep_label=True)
            absorbed.add(id(entity))
    return [m for m in merged if id(m) not in absorbed]


def _shortens(short: MergedEntity, evidence: Counter[str], full: MergedEntity) -> bool:
    """Whether `short` (with the type cues around its mentions, `evidence`) is a short form of the organisation
    `full`; never a name the text treats as a place ("the Valeport city council" does not make "Valeport" the
    council) or a known place the text does not call an organisation."""
    if evidence[PLACE] or (short.label in PLACE_LABELS and short.country is not None and not evidence["ORG"]):
        return False
    spellings = list(short.spellings) or [short.name]
    full_spellings = list(full.spellings) or [full.name]
    if any(is_acronym(s) for s in spellings):
        return any(acronym_of_name(s, f) for s in spellings for f in full_spellings)
    if " " not in short.key:
        return not evidence["PERSON"] and any(leads_name(short.key, e.key) for _, e in full.parts)
    return short.label not in ("PERSON", *PLACE_LABELS) and cut_or_reordered(short.key, full.key)


def _join_translations(merged: list[MergedEntity], languages: list[str], standalone: set[str]) -> list[MergedEntity]:
    """Join an organisation named in one report only with its name in a report of another language ("Westmark Roads
    Agency" / "Landesbetrieb Straßenbau Westmark"): a proper word of both names, one no report uses as a name of its
    own, is in no third name, and the first report never writes that word in the other name (there it would be a
    second organisation)."""
    if len(set(languages)) < 2:
        return merged
    names = [m for m in merged if m.label not in ("PERSON", *PLACE_LABELS)]
    absorbed: set[int] = set()
    for entity in (m for m in names if len(m.forms) == 1):
        (article,) = entity.forms
        for word in _proper_words(entity):
            holders = [m for m in merged if word in m.key.split() and id(m) not in absorbed]
            if word in standalone or len(holders) != 2:
                continue
            (target,) = (m for m in holders if m is not entity)
            elsewhere = [i for i in target.forms if languages[i] != languages[article]]
            same_report = [f for f in target.forms.get(article, []) if word in f.lower()]
            if target not in names or same_report or not elsewhere:
                continue
            for index, part in entity.parts:
                _add(target, index, part)
            absorbed.add(id(entity))
            break
    return [m for m in merged if id(m) not in absorbed]


def _proper_words(entity: MergedEntity) -> list[str]:
    """Words of an entity's key that its spellings write with a capital and that are long enough to be a name."""
    capitalised = {w.lower() for s in entity.spellings for w in s.split() if w[:1].isupper()}
    return [
        w for w in entity.key.split() if len(w) >= MIN_SHARED_NAME_WORD and any(c.startswith(w) for c in capitalised)
    ]


def _placed_by_preposition(entity: MergedEntity, texts: list[str]) -> bool:
    """Whether some mention of a name the tagger calls a place follows a preposition of place ("in", "near", …)."""
    for index, part in entity.parts:
        for mention in part.mentions:
            if _PLACE_PREPOSITION.search(texts[index], max(0, mention.start - 12), mention.start):
                return True
    return False


def _may_be_person(entity: MergedEntity, texts: list[str]) -> bool:
    return all(may_be_person(e.mentions, entity.label, texts[i]) for i, e in entity.parts)


def _find(merged: list[MergedEntity], entity: Entity) -> MergedEntity | None:
    for candidate in merged:
        compatible = labels_compatible(candidate.label, entity.label, candidate.key, entity.key)
        if compatible and keys_match(candidate.key, entity.key):
            return candidate
    return None


def label_counts(entities: list[MergedEntity]) -> Counter[str]:
    """How many merged entities of each type: a quick profile of a story."""
    return Counter(e.label for e in entities)
