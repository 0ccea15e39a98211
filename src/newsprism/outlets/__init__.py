"""Outlets: who published a report (name, domains, country, language, lean, owner), read from an outlets file,
and how a story's coverage spreads over the lean scale and over countries."""

from newsprism.outlets._directory import OutletDirectory
from newsprism.outlets._load import load_outlets
from newsprism.outlets._scale import (
    BLINDSPOT_MIN_OUTLETS,
    LEANS,
    LEFT_LEANS,
    RIGHT_LEANS,
    UNKNOWN_COUNTRY,
    UNRATED,
)
from newsprism.outlets._spread import CoverageSpread, blindspot_side, coverage_spread

__all__ = [
    "BLINDSPOT_MIN_OUTLETS",
    "CoverageSpread",
    "LEANS",
    "LEFT_LEANS",
    "OutletDirectory",
    "RIGHT_LEANS",
    "UNKNOWN_COUNTRY",
    "UNRATED",
    "blindspot_side",
    "coverage_spread",
    "load_outlets",
]
