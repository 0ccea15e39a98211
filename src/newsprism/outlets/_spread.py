"""How a story's coverage spreads over the lean scale and over countries, and whether one side ignores it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.outlets._directory import OutletDirectory
from newsprism.outlets._scale import (
    BLINDSPOT_MIN_OUTLETS,
    LEANS,
    LEFT_LEANS,
    RIGHT_LEANS,
    UNKNOWN_COUNTRY,
    UNRATED,
)
from newsprism.types import Article


@dataclass(frozen=True, slots=True)
class CoverageSpread:
    """Reports of a story per lean (all five leans and "unrated", zeros included) and per country; `blindspot`
    names the side ("left" or "right") that ignores a story the other side carries, else None."""

    by_lean: dict[str, int]
    by_country: dict[str, int]
    blindspot: str | None

    def to_dict(self) -> dict[str, object]:
        """The spread as JSON-ready data."""
        return {"by_lean": dict(self.by_lean), "by_country": dict(self.by_country), "blindspot": self.blindspot}


def coverage_spread(articles: Sequence[Article], directory: OutletDirectory) -> CoverageSpread:
    """Count each report under its outlet's lean and country (an unknown outlet counts as unrated, country
    unknown) and apply the blindspot rule of `newsprism.outlets._scale`."""
    by_lean = dict.fromkeys((*LEANS, UNRATED), 0)
    by_country: Counter[str] = Counter()
    left: set[str] = set()
    right: set[str] = set()
    for article in articles:
        outlet = directory.match(article)
        lean = outlet.lean if outlet is not None and outlet.lean else UNRATED
        by_lean[lean] += 1
        by_country[outlet.country if outlet is not None and outlet.country else UNKNOWN_COUNTRY] += 1
        if lean in LEFT_LEANS:
            left.add(outlet.name)  # type: ignore[union-attr]
        elif lean in RIGHT_LEANS:
            right.add(outlet.name)  # type: ignore[union-attr]
    return CoverageSpread(by_lean, dict(sorted(by_country.items())), blindspot_side(len(left), len(right)))


def blindspot_side(left_outlets: int, right_outlets: int) -> str | None:
    """The side that ignores a story: "right" when at least `BLINDSPOT_MIN_OUTLETS` left-leaning outlets carry
    it and no right-leaning one does, "left" the other way round, else None."""
    if left_outlets >= BLINDSPOT_MIN_OUTLETS and right_outlets == 0:
        return "right"
    if right_outlets >= BLINDSPOT_MIN_OUTLETS and left_outlets == 0:
        return "left"
    return None
