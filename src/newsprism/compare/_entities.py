"""Entities across articles: one canonical entity per actor, with each article's spellings.

Each article's entities merge by alias key; a lone surname then joins the one person named in full with it in any
of the articles. The type of a merged entity is decided again from all its mentions in all the articles, with the
cues around each mention read in its own article's text: one report's "Hurras al-Din, a group that …" settles
the type of the other report's "Huras Addin".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from newsprism.analyze import keys_match, labels_compatible
from newsprism.analyze._entities import (
    PLACE_LABELS,
    could_be_surname,
    entity_label,
    label_evidence,
    person_surnames,
)
from newsprism.types import Analysis, Entity


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
    return sorted(merged, key=lambda m: (-len(m.forms), -sum(m.mentions.values()), m.name))


def _add(target: MergedEntity, index: int, entity: Entity) -> None:
    """Take one article's entity into a merged one."""
    target.parts.append((index, entity))
    target.spellings.update(m.text for m in entity.mentions)
    target.country = target.country or entity.country
    target.forms.setdefault(index, [])
    target.forms[index] += [f for f in entity.surface_forms if f not in target.forms[index]]
    target.mentions[index] = target.mentions.get(index, 0) + len(entity.mentions)


def _settle(target: MergedEntity, texts: list[str]) -> None:
    """Type, name and country of a merged entity from all its mentions.

    A person is named by a full name, never by the surname alone however often that is written.
    """
    target.label = entity_label(((e.mentions, texts[i]) for i, e in target.parts), target.name)
    candidates = list(target.spellings)
    if target.label == "PERSON":
        full = [s for s in candidates if " " in s.strip()]
        candidates = full or candidates
    target.name = max(candidates, key=lambda form: (target.spellings[form], len(form)))
    if target.label not in PLACE_LABELS and target.label != "MISC":
        target.country = None


def _join_surnames(merged: list[MergedEntity], texts: list[str]) -> list[MergedEntity]:
    """Fold each one-word entity into the one person whose full name ends with it, in any article."""
    owners = {id(m): person_surnames(mention for _, e in m.parts for mention in e.mentions) for m in merged}
    persons = [m for m in merged if m.label == "PERSON" and owners[id(m)]]
    kept = []
    for entity in merged:
        if " " not in entity.key and not owners[id(entity)]:
            matches = [p for p in persons if entity.key in owners[id(p)]]
            evidence = sum((label_evidence(e.mentions, texts[i]) for i, e in entity.parts), Counter())
            if len(matches) == 1 and could_be_surname(entity.label, entity.name, evidence):
                for index, part in entity.parts:
                    _add(matches[0], index, part)
                _settle(matches[0], texts)
                continue
        kept.append(entity)
    return kept


def _find(merged: list[MergedEntity], entity: Entity) -> MergedEntity | None:
    for candidate in merged:
        compatible = labels_compatible(candidate.label, entity.label, candidate.key, entity.key)
        if compatible and keys_match(candidate.key, entity.key):
            return candidate
    return None


def label_counts(entities: list[MergedEntity]) -> Counter[str]:
    """How many merged entities of each type: a quick profile of a story."""
    return Counter(e.label for e in entities)
