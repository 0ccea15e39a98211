"""How each report names and titles one person, compared across the two reports.

Reports name a person and their role where they introduce or quote them, often in a sentence that states no fact of
its own ("…," said Sarah Pengelly, managing director of Fenwyck Water). When one report calls her managing director
and the other chief executive, or one spells her Brouwer and the other Brauer, and neither ever writes the other's
form, they disagree on who she is — a name conflict wherever the two forms stand, aligned statements or not.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from newsprism.compare._conflicts import (
    Disagreement,
    leading_title,
    misspelled,
    opens_title,
    same_person,
    title_after,
    title_before,
    title_given_near,
    title_key,
    writes_name,
)
from newsprism.types import Analysis, Fact

# Titles of the past or of a stand-in say nothing against another report's present title.
_NOT_CURRENT = frozenset({"former", "ex", "acting", "interim", "then", "outgoing", "incoming"})


@dataclass(frozen=True, slots=True)
class Titled:
    """One mention of a person with the title the report gives them there."""

    title: str
    name: str
    key: str
    start: int


def titled_mentions(analysis: Analysis) -> list[Titled]:
    """Every mention of a person that carries a title, before the name, inside the tagged name, or set off after."""
    full = analysis.article.full_text
    found = []
    for entity in analysis.entities:
        if entity.label != "PERSON":
            continue
        for mention in entity.mentions:
            inner, name = leading_title(mention.text)
            rest = full[mention.start + len(mention.text) :]
            title = " ".join(filter(None, [title_before(full, mention.start), inner])) or title_after(rest)
            words = set(title.lower().replace("-", " ").split())
            if title and name and not opens_title(rest) and not words & _NOT_CURRENT:
                found.append(Titled(title, name, entity.key, mention.start))
    return found


def title_disagreements(a: Analysis, b: Analysis) -> Iterator[tuple[Titled, Titled, Disagreement]]:
    """One person each report titles differently, neither report giving the other's title near the name; each
    person once, at the first titled mention of each report."""
    seen: set[tuple[str, str]] = set()
    titled_a, titled_b = titled_mentions(a), titled_mentions(b)
    for x in titled_a:
        for y in titled_b:
            pair = (x.key, y.key)
            if pair in seen or not same_person(x.key, y.key):
                continue
            seen.add(pair)
            titles_a = {title_key(t.title) for t in titled_a if t.key == x.key}
            titles_b = {title_key(t.title) for t in titled_b if t.key == y.key}
            if titles_a & titles_b or _covered(titles_a, titles_b):
                continue
            surname_a, surname_b = x.name.split()[-1], y.name.split()[-1]
            if title_given_near(b.article.full_text, x.title, surname_b):
                continue
            if title_given_near(a.article.full_text, y.title, surname_a):
                continue
            yield x, y, Disagreement("name", f"{x.title} {x.name}", f"{y.title} {y.name}")


def spelling_disagreements(a: Analysis, b: Analysis) -> Iterator[tuple[Titled, Titled, Disagreement]]:
    """One person whose full name one report misspells (see `misspelled`), neither report writing the other's
    spelling; each pair of spellings once, at the first mention of each."""
    across = a.article.language != b.article.language
    names_b = _full_names(b)
    for x in _full_names(a):
        for y in names_b:
            if misspelled(x.name, y.name, across) and not writes_name(b, x.name) and not writes_name(a, y.name):
                yield x, y, Disagreement("name", x.name, y.name)


def _full_names(analysis: Analysis) -> list[Titled]:
    """The first mention of each person's name written with a given name and a surname."""
    found: dict[str, Titled] = {}
    for entity in analysis.entities:
        if entity.label != "PERSON":
            continue
        for mention in entity.mentions:
            name = leading_title(mention.text)[1]
            if len(name.split()) >= 2 and name not in found:
                found[name] = Titled("", name, entity.key, mention.start)
    return list(found.values())


def _covered(titles_a: set[str], titles_b: set[str]) -> bool:
    """Whether one title is a part of the other ("minister", "transport minister"): a shorter form, no conflict."""
    return any(s in t or t in s for s in titles_a for t in titles_b)


def mention_fact(analysis: Analysis, start: int) -> Fact | None:
    """The fact unit that holds a mention, the smallest one; else the sentence around it as a fact of its own (an
    attribution states nothing else); None outside every sentence."""
    holding = [f for f in analysis.facts if f.start <= start < f.end]
    if holding:
        return min(holding, key=lambda f: f.end - f.start)
    for index, sentence in enumerate(analysis.sentences):
        if sentence.start <= start < sentence.end:
            return Fact(sentence.start, sentence.end, sentence.text, index)
    return None
