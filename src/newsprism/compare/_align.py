"""Fact alignment across articles: which facts they share, which only one gives, where they contradict.

Two facts align when their embeddings are close and they agree on actors; an aligned pair whose
numbers or dates disagree (both state one, and none is common) is a conflict, not a shared fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from newsprism.analyze import embed, keys_match
from newsprism.types import Analysis, Fact

# Score above which two facts say the same thing. The score is the cosine of the fact embeddings plus
# a share of their content-word agreement and a small bonus per distinctive actor both name.
SHARED_MIN_SCORE = 0.65
TERM_WEIGHT = 0.5
ENTITY_BONUS = 0.04
# An actor named in more facts than this in an article is the story's backdrop, not a distinguishing detail.
DISTINCTIVE_MAX_FACTS = 2
# A fact may join a second partner's group (one-to-many) only above this score; mutual best pairs need less.
ONE_TO_MANY_MIN_SCORE = 0.8
# Alignment compares every fact with every other: beyond this many facts per article (a long report's tail)
# the cost is not worth it.
MAX_FACTS_PER_ARTICLE = 300
# Below this cosine two facts are unrelated even when they name the same actors.
RELATED_MIN_COSINE = 0.45


@dataclass(slots=True)
class FactRef:
    """A fact and the article it comes from."""

    article: int
    fact: Fact


@dataclass(slots=True)
class FactGroup:
    """Facts of several articles that state one thing (or, if `conflict`, disagree about it)."""

    members: list[FactRef]
    score: float = 0.0
    conflict: str = ""
    articles: list[int] = field(default_factory=list)


def fact_vectors(analyses: list[Analysis], refs: list[FactRef]) -> np.ndarray:
    """Embeddings of the facts: a fact that is a whole sentence reuses the sentence's stored vector."""
    stored = {}
    for index, analysis in enumerate(analyses):
        for span, vector in zip(analysis.sentences, analysis.sentence_embeddings, strict=False):
            stored[(index, span.start, span.end)] = vector
    missing = [r for r in refs if (r.article, r.fact.start, r.fact.end) not in stored]
    for ref, vector in zip(missing, embed([r.fact.text for r in missing]), strict=True):
        stored[(ref.article, ref.fact.start, ref.fact.end)] = vector
    return np.array([stored[(r.article, r.fact.start, r.fact.end)] for r in refs], dtype=np.float32)


def _actor_overlap(a: Fact, b: Fact, ignore: frozenset[str] = frozenset()) -> int:
    return sum(
        1 for x in a.entity_keys if x not in ignore and any(keys_match(x, y) for y in b.entity_keys if y not in ignore)
    )


def _term_overlap(a: Fact, b: Fact) -> float:
    """Shared content-word stems over the smaller fact's count."""
    if not a.terms or not b.terms:
        return 0.0
    return len(set(a.terms) & set(b.terms)) / min(len(a.terms), len(b.terms))


def _backdrop_keys(refs: list[FactRef], indexes: list[int]) -> frozenset[str]:
    counts: dict[str, int] = {}
    for index in indexes:
        for key in refs[index].fact.entity_keys:
            counts[key] = counts.get(key, 0) + 1
    return frozenset(k for k, n in counts.items() if n > DISTINCTIVE_MAX_FACTS)


def _quantities(fact: Fact) -> dict[str, set[str]]:
    by_unit: dict[str, set[str]] = {}
    for number in fact.numbers:
        value, _, unit = number.partition(" ")
        by_unit.setdefault(unit, set()).add(value)
    return by_unit


def _conflict(a: Fact, b: Fact) -> str:
    """Why two facts about one thing disagree: a count of the same unit, or the date, differs."""
    qa, qb = _quantities(a), _quantities(b)
    for unit in sorted(set(qa) & set(qb) - {""}):
        if not qa[unit] & qb[unit]:
            return f"numbers differ: {'/'.join(sorted(qa[unit]))} vs {'/'.join(sorted(qb[unit]))} ({unit}…)"
    if a.dates and b.dates and not set(a.dates) & set(b.dates):
        return f"dates differ: {', '.join(a.dates)} vs {', '.join(b.dates)}"
    return ""


def _pair_score(cosine: float, a: Fact, b: Fact, backdrop: frozenset[str]) -> float:
    return cosine + TERM_WEIGHT * _term_overlap(a, b) + ENTITY_BONUS * min(_actor_overlap(a, b, backdrop), 2)


def align_facts(analyses: list[Analysis]) -> list[FactGroup]:
    """Group facts across articles: mutual best matches above the threshold join one group."""
    refs = [FactRef(i, f) for i, a in enumerate(analyses) for f in a.facts[:MAX_FACTS_PER_ARTICLE]]
    if not refs:
        return []
    vectors = fact_vectors(analyses, refs)
    parent = list(range(len(refs)))
    conflicts: dict[int, str] = {}
    scores: dict[int, float] = {}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_article: dict[int, list[int]] = {}
    for index, ref in enumerate(refs):
        by_article.setdefault(ref.article, []).append(index)
    articles = sorted(by_article)
    for pos, i in enumerate(articles):
        for j in articles[pos + 1 :]:
            for x, y, score, conflict in _matches(refs, vectors, by_article[i], by_article[j]):
                rx, ry = root(x), root(y)
                parent[ry] = rx
                scores[rx] = max(scores.get(rx, 0.0), scores.pop(ry, 0.0), score)
                if conflict:
                    conflicts[rx] = conflict
                elif ry in conflicts:
                    conflicts[rx] = conflicts.pop(ry)
    groups: dict[int, FactGroup] = {}
    for index, ref in enumerate(refs):
        group = groups.setdefault(root(index), FactGroup([]))
        group.members.append(ref)
    for key, group in groups.items():
        group.score = round(scores.get(key, 0.0), 3)
        group.conflict = conflicts.get(key, "")
        group.articles = sorted({m.article for m in group.members})
    return sorted(groups.values(), key=lambda g: (-len(g.articles), min(m.fact.start for m in g.members)))


def _matches(refs: list[FactRef], vectors: np.ndarray, left: list[int], right: list[int]):
    """Each fact's best partner in the other article, when the pair scores high enough (or conflicts)."""
    sims = vectors[left] @ vectors[right].T
    backdrop = _backdrop_keys(refs, left) | _backdrop_keys(refs, right)
    scored = np.array(
        [
            [_pair_score(float(sims[p, q]), refs[x].fact, refs[y].fact, backdrop) for q, y in enumerate(right)]
            for p, x in enumerate(left)
        ]
    )
    from_left = {(p, int(scored[p].argmax())) for p in range(len(left))}
    from_right = {(int(scored[:, q].argmax()), q) for q in range(len(right))}
    for p, q in sorted(from_left | from_right):
        x, y = left[p], right[q]
        cosine = float(sims[p, q])
        needed = SHARED_MIN_SCORE if (p, q) in from_left & from_right else ONE_TO_MANY_MIN_SCORE
        same_slot = scored[p, q] >= needed or (
            cosine >= RELATED_MIN_COSINE and _actor_overlap(refs[x].fact, refs[y].fact, backdrop) > 0
        )
        conflict = _conflict(refs[x].fact, refs[y].fact) if same_slot else ""
        if scored[p, q] >= needed or conflict:
            yield x, y, float(scored[p, q]), conflict
