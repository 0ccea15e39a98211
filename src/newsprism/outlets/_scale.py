"""The five-point lean scale and the blindspot rule, as named constants every part of newsprism shares."""

from __future__ import annotations

LEANS: tuple[str, ...] = ("left", "lean-left", "center", "lean-right", "right")
"""The lean scale, left to right; an outlets file may leave an outlet unrated."""

UNRATED = "unrated"
"""The `by_lean` bucket of reports whose outlet is unknown or has no lean."""

UNKNOWN_COUNTRY = "unknown"
"""The `by_country` bucket of reports whose outlet is unknown or names no country."""

LEFT_LEANS: frozenset[str] = frozenset({"left", "lean-left"})
RIGHT_LEANS: frozenset[str] = frozenset({"lean-right", "right"})

BLINDSPOT_MIN_OUTLETS = 2
"""A story is a blindspot of one side when at least this many distinct outlets of the other side carry it and no
outlet of this side does. Outlets, not reports: one outlet's running updates are still one voice."""
