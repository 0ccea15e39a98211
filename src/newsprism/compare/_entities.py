"""Entities across articles: one canonical entity per actor, with each article's spellings."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from newsprism.analyze import keys_match, labels_compatible
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

    @property
    def articles(self) -> list[int]:
        return sorted(self.forms)


def merge_entities(analyses: list[Analysis]) -> list[MergedEntity]:
    """Merge each article's entities by alias key; the most informative spelling names the group."""
    merged: list[MergedEntity] = []
    for index, analysis in enumerate(analyses):
        for entity in analysis.entities:
            target = _find(merged, entity)
            if target is None:
                target = MergedEntity(entity.name, entity.label, entity.key, entity.country)
                merged.append(target)
            elif len(entity.key) > len(target.key):
                target.key = entity.key
            target.spellings.update(m.text for m in entity.mentions)
            target.name = max(target.spellings, key=lambda form: (target.spellings[form], len(form)))
            target.country = target.country or entity.country
            target.forms.setdefault(index, [])
            target.forms[index] += [f for f in entity.surface_forms if f not in target.forms[index]]
            target.mentions[index] = target.mentions.get(index, 0) + len(entity.mentions)
    return sorted(merged, key=lambda m: (-len(m.forms), -sum(m.mentions.values()), m.name))


def _find(merged: list[MergedEntity], entity: Entity) -> MergedEntity | None:
    for candidate in merged:
        compatible = labels_compatible(candidate.label, entity.label, candidate.key, entity.key)
        if compatible and keys_match(candidate.key, entity.key):
            return candidate
    return None


def label_counts(entities: list[MergedEntity]) -> Counter[str]:
    """How many merged entities of each type: a quick profile of a story."""
    return Counter(e.label for e in entities)
