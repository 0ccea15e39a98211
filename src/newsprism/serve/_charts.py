"""Charts as data for server-rendered SVG (no script): the coverage bar by lean and a story's timeline.

Only geometry is computed here; the templates draw it, escaping every label.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from newsprism.outlets import LEANS, UNRATED, CoverageSpread

BAR_ORDER = (*LEANS, UNRATED)
TIMELINE_WIDTH = 640
ROW_HEIGHT = 26
LABEL_WIDTH = 170
MARGIN = 12


@dataclass(frozen=True, slots=True)
class BarSegment:
    lean: str
    count: int
    start: float  # percent of the bar
    width: float


def coverage_bar(spread: CoverageSpread) -> list[BarSegment]:
    """The segments of a bar split by lean, left to right, unrated last; empty leans are left out."""
    total = sum(spread.by_lean.values())
    segments, start = [], 0.0
    for lean in BAR_ORDER:
        count = spread.by_lean.get(lean, 0)
        if count and total:
            width = 100.0 * count / total
            segments.append(BarSegment(lean, count, round(start, 3), round(width, 3)))
            start += width
    return segments


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    x: float
    y: float
    label: str  # when, as the tooltip says it
    title: str
    article_id: str


@dataclass(frozen=True, slots=True)
class Timeline:
    width: int
    height: int
    rows: list[tuple[float, str]]  # (y, outlet)
    points: list[TimelinePoint]
    ticks: list[tuple[float, str]]  # (x, label)
    undated: list[str]  # outlets of reports without a date


def timeline(reports: list[tuple[str, str, str, datetime | None]]) -> Timeline:
    """Where each report (article id, outlet, title, published) sits in time, one row per outlet."""
    outlets = list(dict.fromkeys(outlet or "unknown outlet" for _, outlet, _, _ in reports))
    rows = {outlet: MARGIN + ROW_HEIGHT * (i + 0.5) for i, outlet in enumerate(outlets)}
    dated = [(i, o or "unknown outlet", t, p) for i, o, t, p in reports if p is not None]
    height = int(MARGIN * 2 + ROW_HEIGHT * max(1, len(outlets)) + 18)
    ticks: list[tuple[float, str]] = []
    points: list[TimelinePoint] = []
    if dated:
        moments = [_naive(p) for *_, p in dated]
        first, last = min(moments), max(moments)
        span = (last - first).total_seconds() or 1.0
        left, right = LABEL_WIDTH, TIMELINE_WIDTH - MARGIN
        for (article_id, outlet, title, _), moment in zip(dated, moments, strict=True):
            x = left + (right - left) * ((moment - first).total_seconds() / span if last > first else 0.5)
            points.append(TimelinePoint(round(x, 1), rows[outlet], _when(moment), title, article_id))
        ticks = [(float(left), _when(first)), (float(right), _when(last))] if last > first else []
        if not ticks:
            ticks = [((left + right) / 2, _when(first))]
    undated = [o or "unknown outlet" for _, o, _, p in reports if p is None]
    return Timeline(TIMELINE_WIDTH, height, [(y, o) for o, y in rows.items()], points, ticks, undated)


def _naive(moment: datetime) -> datetime:
    """Aware and naive dates on one axis: an aware one is read in UTC, a naive one as it is."""
    return moment if moment.tzinfo is None else moment.astimezone(UTC).replace(tzinfo=None)


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if (moment.hour or moment.minute) else moment.strftime("%Y-%m-%d")
