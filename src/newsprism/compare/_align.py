"""Fact alignment across articles: which facts they share, which only one gives, where they contradict.

Two facts state the same thing when their content agrees beyond their topic: to the closeness of the sentence
vectors the score adds what distinguishes a fact from the rest of the two reports — content words that few other
facts use, an actor that is not the story's backdrop, the same figure. Words that every fact of the story uses
("ceasefire", "Idlib") weigh little. Each fact is paired with its best match when it is that match's best too.
A pair of statements of one fact whose values differ (a figure, a date, a time, a name or a
place) is a conflict, not a shared fact.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from newsprism.analyze import keys_match
from newsprism.compare._conflicts import (
    CHECKS,
    Check,
    Disagreement,
    Statement,
    different_scopes,
    disagreement,
    figure_clashes,
    figures_of,
    same_thing,
    variant_spelling,
)
from newsprism.compare._figure_counterparts import figure_conflicts, measures_fit
from newsprism.compare._quantities import Quantity, quantities_in
from newsprism.compare._titles import mention_fact, spelling_disagreements, title_disagreements
from newsprism.compare._vectors import cached_vectors
from newsprism.types import Analysis, Fact

# A pair of facts states one thing at this score or above: the cosine of their sentence vectors, plus a share of the
# distinctive content words they have in common, plus a bonus per figure and per distinctive actor both give.
# Weights and threshold were chosen on the development coverage cases (tests/data/coverage/case01-07, case15-22).
SHARED_MIN_SCORE = 0.5
TERM_WEIGHT = 0.4
FIGURE_BONUS = 0.4
ENTITY_BONUS = 0.05
# The words two facts share are weighed against no fewer than this many words used in two facts each.
MIN_SHARE_TERMS = 3
# A count at least this large tells a fact apart by its value alone.
DISTINCTIVE_COUNT = 13
# "More than 300" is the same figure as another report's 320, not as its 9,500; "under six" as 5, not as 2.
OPEN_FIGURE_MAX_RATIO = 1.5
# An actor named in more facts than this in an article is the story's backdrop, not a distinguishing detail.
DISTINCTIVE_MAX_FACTS = 2
# Beyond the one-to-one matching, a fact joins a second partner's group only at this score: a report may state in
# one clause what another spreads over two.
ONE_TO_MANY_MIN_SCORE = 0.95
# Alignment compares every fact with every other: beyond this many facts per article (a long report's tail)
# the cost is not worth it.
MAX_FACTS_PER_ARTICLE = 300
# Who did it and where can only contradict in statements aligned at least this strongly.
STRICT_ALIGNED_SCORE = 0.6
# Statements giving a value of one kind (a time, a date, a place …) that are each other's best match among the other
# report's statements of that kind are counterparts (at the cosine the kind asks for, see `Check`); for who and where
# they must also align at this score.
COUNTERPART_MIN_SCORE = 0.4
# Statements giving the only value of a kind in their reports are compared from this sentence cosine up.
SOLE_COUNTERPART_MIN_COSINE = 0.2
# Figures in a counted word each report uses once ("acres") are weighed as counterparts from this cosine up.
LONE_UNIT_MIN_COSINE = 0.15
# Statements giving figures are weighed as counterparts only from this sentence cosine up.
FIGURE_COUNTERPART_MIN_COSINE = 0.3
# Two facts this close may be statements of one fact that differ
# in a value; they are checked for a conflict.
RELATED_MIN_COSINE = 0.4


@dataclass(slots=True)
class FactRef:
    """A fact and the article it comes from."""

    article: int
    fact: Fact


@dataclass(slots=True)
class FactGroup:
    """Facts of several articles that state one thing (or, if `conflict` is set, disagree about it)."""

    members: list[FactRef]
    score: float = 0.0
    conflict: Disagreement | None = None
    articles: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PairEvidence:
    """What two facts have in common."""

    cosine: float
    word_share: float  # weighted share of distinctive content words, 0 across languages
    actors: int  # distinctive actors both name
    figures: int  # figures both give (the same count, amount, share or year)
    clashes: int  # figures of the same thing with values that cannot both be right

    @property
    def score(self) -> float:
        bonus = ENTITY_BONUS * min(self.actors, 2) + FIGURE_BONUS * min(self.figures, 2)
        return self.cosine + TERM_WEIGHT * self.word_share + bonus

    def states_one_fact(self, needed: float = SHARED_MIN_SCORE) -> bool:
        return self.score >= needed

    @property
    def related(self) -> bool:
        """Close enough to be statements of one fact that differ in a value."""
        return self.cosine >= RELATED_MIN_COSINE


def fact_vectors(analyses: list[Analysis], refs: list[FactRef]) -> np.ndarray:
    """Embeddings of the facts: a fact that is a whole sentence reuses the sentence's stored vector."""
    stored = {}
    for index, analysis in enumerate(analyses):
        for span, vector in zip(analysis.sentences, analysis.sentence_embeddings, strict=False):
            stored[(index, span.start, span.end)] = vector
    missing = [r for r in refs if (r.article, r.fact.start, r.fact.end) not in stored]
    for ref, vector in zip(missing, cached_vectors([r.fact.text for r in missing]), strict=True):
        stored[(ref.article, ref.fact.start, ref.fact.end)] = vector
    return np.array([stored[(r.article, r.fact.start, r.fact.end)] for r in refs], dtype=np.float32)


class TermWeights:
    """Inverse fact frequency of content words over the facts compared: rare words distinguish a fact."""

    def __init__(self, facts: list[Fact]) -> None:
        counts = Counter(t for f in facts for t in set(f.terms))
        self._total = max(len(facts), 1)
        self._counts = counts

    def weight(self, term: str) -> float:
        return math.log(1 + self._total / self._counts.get(term, 1))

    def shared_share(self, a: Fact, b: Fact) -> float:
        """The weight of the words two facts share over the weight of the smaller fact's words."""
        ta, tb = set(a.terms), set(b.terms)
        if not ta or not tb:
            return 0.0
        smaller = min(sum(map(self.weight, ta)), sum(map(self.weight, tb)))
        # A clause of two content words shares "most" of itself through one word ("the ban would stay in place",
        # "it would review the ban"): the share is taken of no less than a few ordinary words' weight.
        smaller = max(smaller, MIN_SHARE_TERMS * math.log(1 + self._total / 2))
        return sum(map(self.weight, ta & tb)) / smaller if smaller else 0.0


def _counts(figures: list[Quantity]) -> list[Quantity]:
    return [q for q in figures if q.kind != "year"]


def common_figures(x: list[Quantity], y: list[Quantity]) -> int:
    """How many figures of one statement the other gives too (a value that fits, of the same kind)."""
    return sum(1 for q in x if any(figures_agree(q, r) for r in y))


def figures_agree(q: Quantity, r: Quantity) -> bool:
    """The same figure: a year, share or amount of the same value, or a count that fits and is either large enough
    to be telling (any two reports mention "two" of something) or counts the same thing."""
    if q.kind != r.kind or not q.overlaps(r) or not measures_fit(q, r):
        return False
    if math.isinf(q.high) or math.isinf(r.high):
        # "more than 300" fits any larger figure; it is the same figure as one just above it, of the same thing.
        bound, other = (q, r) if math.isinf(q.high) else (r, q)
        return other.low <= bound.low * OPEN_FIGURE_MAX_RATIO and same_thing(q, r, sole=False)
    if min(q.low, r.low) == 0 < max(q.high, r.high):
        # "under six minutes" fits any smaller figure; it is the same figure as one just below it.
        bound, other = (q, r) if q.low == 0 else (r, q)
        return other.high * OPEN_FIGURE_MAX_RATIO > bound.high and same_thing(q, r, sole=False)
    return q.kind != "count" or min(q.low, r.low) >= DISTINCTIVE_COUNT or same_thing(q, r, sole=False)


def _actor_overlap(a: Fact, b: Fact, ignore: frozenset[str]) -> int:
    return sum(
        1 for x in a.entity_keys if x not in ignore and any(keys_match(x, y) for y in b.entity_keys if y not in ignore)
    )


def _backdrop_keys(refs: list[FactRef], indexes: list[int]) -> frozenset[str]:
    counts: Counter[str] = Counter(key for index in indexes for key in set(refs[index].fact.entity_keys))
    return frozenset(k for k, n in counts.items() if n > DISTINCTIVE_MAX_FACTS)


class _Groups:
    """Union-find over facts that state one thing, keeping each group's best score."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))
        self.scores: dict[int, float] = {}

    def root(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, x: int, y: int, score: float) -> None:
        rx, ry = self.root(x), self.root(y)
        if rx != ry:
            self.parent[ry] = rx
            self.scores[rx] = max(self.scores.get(rx, 0.0), self.scores.pop(ry, 0.0))
        self.scores[rx] = max(self.scores.get(rx, 0.0), score)


def align_facts(analyses: list[Analysis], conflict_pairs: set[tuple[int, int]] | None = None) -> list[FactGroup]:
    """Group facts across articles: facts that state one thing join one group; each pair of statements that
    disagree on a value is a conflicting group of its own (a fact may state one thing the other report also states
    and disagree with it on another). Facts in no group are given by one article only.

    Conflicts are looked for only between the article pairs in `conflict_pairs` (all pairs when None): reports of
    different events differ in every figure without contradicting each other.
    """
    refs = [FactRef(i, f) for i, a in enumerate(analyses) for f in a.facts[:MAX_FACTS_PER_ARTICLE]]
    if not refs:
        return []
    vectors = fact_vectors(analyses, refs)
    weights = TermWeights([r.fact for r in refs])
    groups, conflicts = _Groups(len(refs)), []
    by_article: dict[int, list[int]] = {}
    for index, ref in enumerate(refs):
        by_article.setdefault(ref.article, []).append(index)
    articles = sorted(by_article)
    titled: list[FactGroup] = []
    for pos, i in enumerate(articles):
        for j in articles[pos + 1 :]:
            with_conflicts = conflict_pairs is None or (i, j) in conflict_pairs
            for x, y, score, conflict in _matches(analyses, refs, vectors, weights, by_article[i], by_article[j]):
                if conflict is None:
                    groups.join(x, y, score)
                elif with_conflicts and not any((x, y) == (c[0], c[1]) for c in conflicts):
                    conflicts.append((x, y, score, conflict))
            if with_conflicts:
                titled += _title_groups(analyses, i, j, [refs[x].fact for x, y, _, c in conflicts if c.kind == "name"])
    return _collect(refs, groups, conflicts) + titled


def _title_groups(analyses: list[Analysis], i: int, j: int, named: list[Fact]) -> list[FactGroup]:
    """A conflicting group for each person reports i and j title or spell differently, where the statements
    comparison has not already set those two against each other."""
    found = []
    people = [*title_disagreements(analyses[i], analyses[j]), *spelling_disagreements(analyses[i], analyses[j])]
    for x, y, names in people:
        fact_a, fact_b = mention_fact(analyses[i], x.start), mention_fact(analyses[j], y.start)
        if fact_a is None or fact_b is None or any(f.start <= x.start < f.end for f in named):
            continue
        found.append(FactGroup([FactRef(i, fact_a), FactRef(j, fact_b)], 0.0, names, [i, j]))
        named.append(fact_a)
    return found


def _collect(
    refs: list[FactRef], groups: _Groups, conflicts: list[tuple[int, int, float, Disagreement]]
) -> list[FactGroup]:
    collected: dict[int, FactGroup] = {}
    for index, ref in enumerate(refs):
        collected.setdefault(groups.root(index), FactGroup([])).members.append(ref)
    in_conflict = {i for x, y, _, _ in conflicts for i in (x, y)}
    for key in [k for k, g in collected.items() if len(g.members) == 1 and k in in_conflict]:
        del collected[key]  # stated by the other report too, with another value
    for key, group in collected.items():
        group.score = round(groups.scores.get(key, 0.0), 3)
        group.articles = sorted({m.article for m in group.members})
    conflicting = [
        FactGroup([refs[x], refs[y]], round(score, 3), found, sorted({refs[x].article, refs[y].article}))
        for x, y, score, found in conflicts
    ]
    ordered = sorted(collected.values(), key=lambda g: (-len(g.articles), min(m.fact.start for m in g.members)))
    return ordered + conflicting


def _own_text(refs: list[FactRef], index: int, siblings: list[int]) -> str:
    """A fact's text with the clauses nested inside it blanked: "X, which employs 300 people, was fined" gives its
    figure to the clause that states it, not to the sentence around it as well."""
    fact = refs[index].fact
    chars = list(fact.text)
    for other in siblings:
        inner = refs[other].fact
        if other != index and fact.start <= inner.start and inner.end <= fact.end:
            chars[inner.start - fact.start : inner.end - fact.start] = " " * (inner.end - inner.start)
    return "".join(chars)


def _evidence_matrix(
    analyses: list[Analysis],
    refs: list[FactRef],
    vectors: np.ndarray,
    weights: TermWeights,
    left: list[int],
    right: list[int],
) -> list[list[PairEvidence]]:
    sims = vectors[left] @ vectors[right].T
    backdrop = _backdrop_keys(refs, left) | _backdrop_keys(refs, right)
    language_a = analyses[refs[left[0]].article].article.language
    language_b = analyses[refs[right[0]].article].article.language
    figures = {i: quantities_in(_own_text(refs, i, left), language_a) for i in left}
    figures |= {i: quantities_in(_own_text(refs, i, right), language_b) for i in right}
    return [
        [
            PairEvidence(
                float(sims[p, q]),
                weights.shared_share(refs[x].fact, refs[y].fact) if language_a == language_b else 0.0,
                _actor_overlap(refs[x].fact, refs[y].fact, backdrop),
                common_figures(figures[x], figures[y]),
                len(figure_clashes(_counts(figures[x]), _counts(figures[y]), language_a != language_b)),
            )
            for q, y in enumerate(right)
        ]
        for p, x in enumerate(left)
    ]


def _matches(
    analyses: list[Analysis],
    refs: list[FactRef],
    vectors: np.ndarray,
    weights: TermWeights,
    left: list[int],
    right: list[int],
) -> Iterator[tuple[int, int, float, Disagreement | None]]:
    """Pairs of facts of two articles that state one fact (or disagree about one).

    Each fact is paired with its best partner when that fact's best partner is itself (mutual best), and a fact may
    join a second partner at a much higher score. Pairs close enough to be about one fact are checked for a conflict.
    """
    evidence = _evidence_matrix(analyses, refs, vectors, weights, left, right)
    scored = np.array([[e.score for e in row] for row in evidence])
    usable = np.array([[e.states_one_fact() for e in row] for row in evidence])
    aligned = {
        (p, q) for p, q in _mutual_best(evidence, list(range(len(left))), list(range(len(right)))) if usable[p, q]
    }
    aligned |= {(p, q) for p, q in zip(*np.nonzero(scored >= ONE_TO_MANY_MIN_SCORE), strict=True) if usable[p, q]}
    best = {(p, int(scored[p].argmax())) for p in range(len(left))} | {
        (int(scored[:, q].argmax()), q) for q in range(len(right))
    }
    best |= {(p, q) for p, row in enumerate(evidence) for q, pair in enumerate(row) if pair.clashes and pair.related}
    yield from _pairs_checked(analyses, refs, left, right, evidence, aligned, best)
    yield from _counterpart_conflicts(analyses, refs, left, right, evidence, aligned)


def _pairs_checked(
    analyses: list[Analysis],
    refs: list[FactRef],
    left: list[int],
    right: list[int],
    evidence: list[list[PairEvidence]],
    aligned: set[tuple[int, int]],
    best: set[tuple[int, int]],
) -> Iterator[tuple[int, int, float, Disagreement | None]]:
    """Aligned pairs, each with its conflict if any, and close pairs of facts not aligned elsewhere that conflict."""
    taken = {p for p, _ in aligned}, {q for _, q in aligned}
    for p, q in sorted(aligned | best):
        x, y, pair = left[p], right[q], evidence[p][q]
        if (p, q) not in aligned and (p in taken[0] or q in taken[1] or not pair.related):
            continue
        a, b = refs[x], refs[y]
        statements = Statement(a.fact, analyses[a.article]), Statement(b.fact, analyses[b.article])
        if different_scopes(*statements):
            continue
        conflict = disagreement(*statements, aligned=(p, q) in aligned and pair.score >= STRICT_ALIGNED_SCORE)
        if (p, q) in aligned or conflict is not None:
            yield x, y, pair.score, conflict


def _counterpart_conflicts(
    analyses: list[Analysis],
    refs: list[FactRef],
    left: list[int],
    right: list[int],
    evidence: list[list[PairEvidence]],
    aligned: set[tuple[int, int]],
) -> Iterator[tuple[int, int, float, Disagreement]]:
    """For each kind of value, the statements of the two reports that give one are matched among themselves: a
    report's statement of the time of the derailment is matched with the other report's statement of a time, not
    with every sentence about the derailment. A mutual best pair that disagrees is a conflict. Figures are matched
    figure by figure instead (see `figure_conflicts`)."""
    statements = {i: Statement(refs[i].fact, analyses[refs[i].article]) for i in (*left, *right)}
    yield from _figure_counterpart_conflicts(statements, left, right, evidence, aligned)
    yield from _name_spelling_conflicts(statements, left, right, evidence, aligned)
    for check in CHECKS:
        if check.kind == "number":
            continue
        rows = [p for p, x in enumerate(left) if check.gives(statements[x])]
        columns = [q for q, y in enumerate(right) if check.gives(statements[y])]
        yield from _sole_value_conflict(check, statements, left, right, evidence, aligned, rows, columns)
        for p, q in _mutual_best(evidence, rows, columns):
            pair = evidence[p][q]
            if (p, q) in aligned or pair.cosine < check.counterpart_cosine:
                continue
            if check.needs_alignment and not pair.states_one_fact(COUNTERPART_MIN_SCORE):
                continue
            found = check.compare(statements[left[p]], statements[right[q]])
            if found is not None:
                yield left[p], right[q], pair.score, found


def _name_spelling_conflicts(
    statements: dict[int, Statement],
    left: list[int],
    right: list[int],
    evidence: list[list[PairEvidence]],
    aligned: set[tuple[int, int]],
) -> Iterator[tuple[int, int, float, Disagreement]]:
    """A person each report names differently ("Captain Ewan MacRory", "Captain Euan McRory"), found in the best
    matching pair of statements that name them, when those match at least loosely: the same person in one role, one
    report spelling the name wrong. Each pair of spellings is reported once."""
    best: dict[tuple[str, str], tuple[float, int, int, Disagreement]] = {}
    for p, x in enumerate(left):
        for q, y in enumerate(right):
            pair = evidence[p][q]
            if (p, q) in aligned or not pair.states_one_fact(COUNTERPART_MIN_SCORE):
                continue
            found = variant_spelling(statements[x], statements[y])
            key = (found.a_value, found.b_value) if found else ("", "")
            if found is not None and pair.score > best.get(key, (-math.inf,))[0]:
                best[key] = (pair.score, x, y, found)
    for score, x, y, found in best.values():
        yield x, y, score, found


def _sole_value_conflict(
    check: Check,
    statements: dict[int, Statement],
    left: list[int],
    right: list[int],
    evidence: list[list[PairEvidence]],
    aligned: set[tuple[int, int]],
    rows: list[int],
    columns: list[int],
) -> Iterator[tuple[int, int, float, Disagreement]]:
    """When each report gives one value of a kind and one only (one time of day, one date), those values are of the
    story's one event unless its statements are about plainly different things: they are compared at a lower
    closeness than counterparts picked among several values need."""
    values_a = {v for p in rows for v in check.values(statements[left[p]])}
    values_b = {v for q in columns for v in check.values(statements[right[q]])}
    if len(values_a) != 1 or len(values_b) != 1 or values_a == values_b:
        return
    p, q = max(((p, q) for p in rows for q in columns), key=lambda pq: evidence[pq[0]][pq[1]].score)
    pair = evidence[p][q]
    if (p, q) in aligned or pair.cosine < SOLE_COUNTERPART_MIN_COSINE:
        return
    found = check.compare(statements[left[p]], statements[right[q]])
    if found is not None:
        yield left[p], right[q], pair.score, found


def _figure_counterpart_conflicts(
    statements: dict[int, Statement],
    left: list[int],
    right: list[int],
    evidence: list[list[PairEvidence]],
    aligned: set[tuple[int, int]],
) -> Iterator[tuple[int, int, float, Disagreement]]:
    rows = [p for p, x in enumerate(left) if figures_of(statements[x])]
    columns = [q for q, y in enumerate(right) if figures_of(statements[y])]
    if not rows or not columns:
        return
    language = statements[left[0]].analysis.article.language
    across = language != statements[right[0]].analysis.article.language

    def score(i: int, j: int) -> float:
        pair = evidence[rows[i]][columns[j]]
        return pair.score if pair.cosine >= FIGURE_COUNTERPART_MIN_COSINE else -math.inf

    def loose_score(i: int, j: int) -> float:
        pair = evidence[rows[i]][columns[j]]
        return pair.score if pair.cosine >= LONE_UNIT_MIN_COSINE else -math.inf

    found_pairs = figure_conflicts(
        [statements[left[p]] for p in rows],
        [statements[right[q]] for q in columns],
        score,
        -math.inf,
        across,
        loose_score,
    )
    for i, j, found in found_pairs:
        p, q = rows[i], columns[j]
        if (p, q) not in aligned:
            yield left[p], right[q], evidence[p][q].score, found


def _mutual_best(evidence: list[list[PairEvidence]], rows: list[int], columns: list[int]) -> list[tuple[int, int]]:
    if not rows or not columns:
        return []
    scores = np.array([[evidence[p][q].score for q in columns] for p in rows])
    pairs = []
    for r, p in enumerate(rows):
        c = int(scores[r].argmax())
        if int(scores[:, c].argmax()) == r:
            pairs.append((p, columns[c]))
    return pairs
