"""Date expressions of Chinese and Japanese text: "2019年12月30日", "4 月 12 日", "周三", "昨天".

The month and day patterns of the other languages look for month names between word boundaries; CJK text writes
dates with the counters 年 (year), 月 (month), 日/号 (day) and has no spaces to bound a word. dateparser reads a
full date ("2013年7月19日") but turns a year-less one ("4月12日") into today's date with a random time, so these
expressions are read here, by their numbers, and a missing year is taken from the publication date.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

_FULL = r"(?P<year>\d{4})\s*年\s*(?:(?P<month>\d{1,2})\s*月\s*(?:(?P<day>\d{1,2})\s*[日号])?)?(?!\s*代)"
_MONTH_DAY = r"(?P<month2>\d{1,2})\s*月\s*(?:(?P<day2>\d{1,2})\s*[日号])?"
_WEEKDAY = (
    r"(?P<shift>[上下本这]个?)?(?:周|星期|礼拜)(?P<weekday>[一二三四五六日天])"  # Chinese
    r"|(?P<jweekday>[月火水木金土日])曜日"  # Japanese
)
_RELATIVE = {
    "今天": 0,
    "今日": 0,
    "今晚": 0,
    "昨天": -1,
    "昨日": -1,
    "昨晚": -1,
    "前天": -2,
    "明天": 1,
    "明日": 1,
    "后天": 2,
}
CJK_DATE = re.compile(rf"{_FULL}|{_MONTH_DAY}|{_WEEKDAY}|(?P<relative>{'|'.join(_RELATIVE)})")
_CHINESE_WEEKDAYS = "一二三四五六"  # Monday … Saturday; 日 and 天 are Sunday
_JAPANESE_WEEKDAYS = "月火水木金土日"


def cjk_date_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every CJK date expression in a text."""
    return [m.span() for m in CJK_DATE.finditer(text)]


def resolve_cjk_date(surface: str, published: datetime | None) -> tuple[date | None, str] | None:
    """The date a CJK expression names and its granularity; None when the surface is not one."""
    match = CJK_DATE.fullmatch(surface.strip())
    if match is None:
        return None
    if match["year"]:
        year, month, day = int(match["year"]), int(match["month"] or 1), int(match["day"] or 1)
        granularity = "day" if match["day"] else "month" if match["month"] else "year"
        return _safe_date(year, month, day), granularity
    if match["month2"]:
        month, day = int(match["month2"]), int(match["day2"] or 1)
        granularity = "day" if match["day2"] else "month"
        return (_nearest_year(month, day, published) if published else None), granularity
    if published is None:
        return None, "day"
    base = published.date()
    if match["relative"]:
        return base + timedelta(days=_RELATIVE[match["relative"]]), "day"
    if match["jweekday"]:
        weekday = _JAPANESE_WEEKDAYS.index(match["jweekday"])
    else:
        weekday = _CHINESE_WEEKDAYS.find(match["weekday"]) % 7  # -1 (日, 天) becomes 6, Sunday
    monday = base - timedelta(days=base.weekday())
    shift = (match["shift"] or "")[:1]
    if shift in ("上", "下"):  # last week's / next week's day
        return monday + timedelta(days=weekday + (7 if shift == "下" else -7)), "day"
    if shift:  # this week's day
        return monday + timedelta(days=weekday), "day"
    back = (base.weekday() - weekday) % 7  # a bare weekday in a report: the most recent one
    return base - timedelta(days=back), "day"


def _nearest_year(month: int, day: int, published: datetime) -> date | None:
    """The month and day in the year (of the three around publication) that puts them nearest to it."""
    candidates = [_safe_date(published.year + shift, month, day) for shift in (-1, 0, 1)]
    valid = [c for c in candidates if c is not None]
    return min(valid, key=lambda c: abs((c - published.date()).days), default=None)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
