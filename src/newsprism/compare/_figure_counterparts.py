"""Figures of two reports that count the same thing, matched figure by figure.

A statement often gives several figures ("1,187 competitors dropped out of a field of about 12,000 runners"), and
each may answer a different statement of the other report. Matching whole statements would let the figure that
happens to share the statement's wording decide; here every figure of one report is matched with the figures of
the other report that can count the same thing (same kind, a counted word that fits, no different outcome), each
candidate weighed by how well the two statements agree, and a pair that is each other's best is a counterpart.

Counterparts must lie within a factor of each other (`within_ratio`): two counts of one thing far apart are more
likely two scopes than one figure reported wrongly.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from newsprism.compare._conflicts import (
    Disagreement,
    Statement,
    figure_clashes,
    figures_of,
    is_duration,
    middle,
    same_thing,
    sole_figures,
    within_ratio,
)
from newsprism.compare._quantities import Quantity

# Units of measure (area, length, weight, volume, energy), by their first letters in the languages compared most: a
# report rarely measures two things in the same one.
MEASURE_STEM = 4
MEASURE_UNITS = frozenset(
    {"acre", "hect", "squa", "mile", "kilo", "km", "metr", "mete", "feet", "foot", "tonn", "tons", "gall", "litr"}
    | {"lite", "barr", "mega", "giga", "kwh", "mwh", "quad", "hekt", "quadr"}
)
# Among candidates, closer values are likelier one count: the statements' score loses this much per e-fold apart.
MAGNITUDE_PENALTY = 0.1


@dataclass(frozen=True, slots=True)
class PlacedFigure:
    """A figure with the index of the statement that gives it."""

    statement: int
    figure: Quantity


def figure_conflicts(
    left: list[Statement],
    right: list[Statement],
    score: Callable[[int, int], float],
    min_score: float,
    across_languages: bool,
    loose_score: Callable[[int, int], float] | None = None,
) -> Iterator[tuple[int, int, Disagreement]]:
    """(left index, right index, disagreement) for each pair of counterpart figures whose values cannot both hold.

    `score(p, q)` weighs statement p of the left report against statement q of the right one; candidates below
    `min_score` are not counterparts. Two figures in a unit of measure each report uses for one figure only
    ("acres", "tonnes") are weighed by `loose_score` instead, which asks less of the statements' wording: the unit
    already tells what they measure.
    """
    figures_left = _placed(left)
    figures_right = _placed(right)
    if not figures_left or not figures_right:
        return
    figures_of_left = [figures_of(s) for s in left]
    figures_of_right = [figures_of(s) for s in right]
    lone_units = _lone_units(left, figures_left) & _lone_units(right, figures_right)
    matrix = np.full((len(figures_left), len(figures_right)), -np.inf)
    for a, x in enumerate(figures_left):
        for b, y in enumerate(figures_right):
            lone = x.figure.unit == y.figure.unit and x.figure.unit in lone_units
            pair_score = (loose_score if lone and loose_score else score)(x.statement, y.statement)
            if pair_score < min_score or not within_ratio(x.figure, y.figure):
                continue
            sole = sole_figures(figures_of_left[x.statement], figures_of_right[y.statement], x.figure)
            if same_thing(x.figure, y.figure, sole, across_languages):
                matrix[a, b] = pair_score - MAGNITUDE_PENALTY * abs(math.log(middle(x.figure) / middle(y.figure)))
    for a, b in _mutual_best(matrix):
        x, y = figures_left[a], figures_right[b]
        clashes = figure_clashes(figures_of(left[x.statement]), figures_of(right[y.statement]), across_languages)
        if _clash_by_value(x.figure, y.figure, clashes):
            yield x.statement, y.statement, Disagreement("number", x.figure.text, y.figure.text)


def _clash_by_value(x: Quantity, y: Quantity, clashes: list[tuple[Quantity, Quantity]]) -> bool:
    """Whether the clashes found between the two statements include these two figures (by position and text)."""
    return any((p.start, q.start) == (x.start, y.start) and (p.text, q.text) == (x.text, y.text) for p, q in clashes)


def _lone_units(statements: list[Statement], figures: list[PlacedFigure]) -> set[str]:
    """Units of measure that one figure of a report uses and no other (a figure inside a clause nested in another
    statement is one figure). Counts of things are left out: "40 homes saved" and "25 homes lost" are two facts."""
    places = {
        (f.figure.unit, statements[f.statement].fact.start + f.figure.start)
        for f in figures
        if f.figure.kind == "count" and f.figure.unit
    }
    per_unit = Counter(unit for unit, _ in places)
    return {unit for unit, n in per_unit.items() if n == 1 and unit[:MEASURE_STEM] in MEASURE_UNITS}


def measures_fit(x: Quantity, y: Quantity) -> bool:
    """Whether two counts may be of one thing as far as units of measure tell: "4,200 residents" is no figure of
    "3,500 acres", however close the values."""
    if x.kind != "count" or x.unit == y.unit:
        return True
    return not any(unit[:MEASURE_STEM] in MEASURE_UNITS for unit in (x.unit, y.unit) if unit)


def _placed(statements: list[Statement]) -> list[PlacedFigure]:
    """Every figure but spans of time, which only statements aligned as one fact compare."""
    return [PlacedFigure(i, f) for i, s in enumerate(statements) for f in figures_of(s) if not is_duration(f)]


def _mutual_best(matrix: np.ndarray) -> list[tuple[int, int]]:
    pairs = []
    for a in range(matrix.shape[0]):
        b = int(matrix[a].argmax())
        if np.isfinite(matrix[a, b]) and int(matrix[:, b].argmax()) == a:
            pairs.append((a, b))
    return pairs
