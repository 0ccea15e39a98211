"""Date expressions: find the spans first, then resolve each against the article's own publication date.

Searching and parsing in one step (dateparser's search) misreads "on Feb. 27" as "on Feb"; finding spans
with patterns (and spaCy's DATE entities for English) and parsing each span alone avoids that. Weekday
names are resolved here, not by dateparser: in a report published on a Monday, "Monday" is that day.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache

from newsprism.analyze._cjk_dates import cjk_date_spans, resolve_cjk_date
from newsprism.types import DateRef

_EN_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
]
_EN_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_RELATIVE_DAY = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "this morning": 0, "last night": -1}
_RELATIVE_PERIOD = re.compile(r"\b(?:last|next|this|past)\s+(?:week|month|year)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")
_NUMERIC = re.compile(r"\b(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2}))\b")
_DURATION = re.compile(
    r"^(?:[\w-]+\s+){0,3}(?:days|weeks|months|years|decades|centuries|hours|minutes|the time|time)$", re.I
)
# "a week of heavy rain", "31 years", "two days": a length of time, not a date. "last year", "a year ago" and "next
# month" name a date and do not match.
_COUNTED_SPAN = re.compile(
    r"^(?:(?:about|around|nearly|almost|some|over|more than|less than|at least|the first|the past|the last|"
    r"another|a|an|a few|several|few|many|couple of|\d[\d,.]*|(?:twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety)(?:-\w+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|"
    r"hundreds of|dozens of)\s+){1,3}"
    r"(?:day|week|month|year|decade|century|hour|minute|fortnight)s?(?:'s?)?$",
    re.I,
)
_LENGTH_ADJECTIVE = re.compile(r"^[\w.]+-(?:day|week|month|year|hour|minute|decade)(?:-long|-old)?$")
_AGO = re.compile(r"\b(?P<unit>day|week|month|year|decade)s?\s+ago\b")
_RELATIVE_WORDS = frozenset({"last", "next", "this", "coming", "previous"})
# Words that put the rest of a clause in the future: a weekday or month named after them is still ahead ("talks will
# resume on Friday", "the mill will close at the end of September"). English, German, French, Spanish, Italian.
_FUTURE = re.compile(
    r"\b(?:will|shall|'ll|is due to|are due to|is set to|are set to|is scheduled to|are scheduled to|scheduled for|"
    r"is to|are to|plans? to|planned for|expected to|intends? to|going to|upcoming|"
    r"wird|werden|soll|sollen|geplant|va|vont|sera|seront|doit|doivent|prévu|prévue|será|serán|va a|van a|"
    r"prevista|previsto|sarà|saranno|dovrà)\b",
    re.IGNORECASE,
)
# Where a clause begins, looking back from a date: a sentence end, a semicolon, a comma or a coordinating "and".
_CLAUSE_START = re.compile(r"[.!?;,:]\s|\b(?:and|but|und|et|y)\s", re.IGNORECASE)
_SAME_DAY = re.compile(r"\b(?:same|that)\s+day\b", re.IGNORECASE)
_LEADING_WORDS = re.compile(r"^(?:the|on|in|since|by|until|from|of|at)\s+", re.IGNORECASE)
# dateparser's own names for months and weekdays, per language.
_LOCALE_KEYS_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


@lru_cache(maxsize=32)
def _names(language: str) -> tuple[list[str], list[str]]:
    """Month and weekday names of a language (English always included, news mixes them)."""
    months, weekdays = list(_EN_MONTHS), list(_EN_WEEKDAYS)
    if language and language != "en":
        try:
            from dateparser.languages.loader import default_loader

            info = default_loader.get_locale(language).info
        except Exception:  # an unknown language code: English names only
            return months, weekdays
        months += [n.lower() for key in _LOCALE_KEYS_MONTHS for n in info.get(key, []) if len(n) >= 3]
        weekdays += [n.lower() for key in _EN_WEEKDAYS for n in info.get(key, []) if len(n) >= 4]
    return months, weekdays


@lru_cache(maxsize=32)
def _month_pattern(language: str) -> re.Pattern[str]:
    months, weekdays = _names(language)
    month = "|".join(sorted({re.escape(m) for m in months}, key=len, reverse=True))
    weekday = "|".join(sorted({re.escape(w) for w in weekdays}, key=len, reverse=True))
    relative = "|".join(_RELATIVE_DAY)
    return re.compile(
        rf"(?:\b\d{{1,2}}(?:st|nd|rd|th|\.)?\s+(?:de\s+)?(?:{month})\b\.?(?:\s+(?:de\s+)?\d{{4}})?"
        rf"|\b(?:{month})\b\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?\b)?(?:,?\s+\d{{4}}\b)?"
        rf"|\b(?:last\s+|next\s+|this\s+)?(?:{weekday})\b|\b(?:{relative})\b)",
        re.IGNORECASE,
    )


def find_date_spans(text: str, language: str, extra: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) ranges of date expressions; longer spans win overlaps."""
    candidates = list(extra)
    for pattern in (_month_pattern(language), _NUMERIC, _RELATIVE_PERIOD):
        candidates += [m.span() for m in pattern.finditer(text)]
    candidates += cjk_date_spans(text)
    candidates += [m.span() for m in _YEAR.finditer(text)]
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(candidates, key=lambda s: (-(s[1] - s[0]), s[0])):
        lead = _LEADING_WORDS.match(text[start:end])
        if lead:
            start += lead.end()
        if text[start:end].endswith(".") and _ends_in_full_month(text[start : end - 1], language):
            end -= 1  # the sentence's full stop, not an abbreviation's ("in September." but "Sept.")
        if end > start and all(end <= s or start >= e for s, e in chosen) and _looks_like_date(text[start:end]):
            chosen.append((start, end))
    return sorted(chosen)


def _ends_in_full_month(surface: str, language: str) -> bool:
    words = surface.split()
    return bool(words) and words[-1].lower() in _LOCALE_KEYS_MONTHS + _names(language)[0] and len(words[-1]) > 4


def _looks_like_date(surface: str) -> bool:
    """Reject pattern hits that are ordinary words: "may" the verb, "march" the noun, lower-case month words."""
    lower = surface.lower().strip(" .")
    if is_length_of_time(lower):
        return False
    if any(ch.isdigit() for ch in lower):
        return True
    return not (lower == "may" or (surface[:1].islower() and lower in _EN_MONTHS))


def is_length_of_time(lower: str) -> bool:
    """Whether a lower-cased span counts a length of time ("a week", "31 years", "two-day") instead of naming a
    date."""
    if _DURATION.match(lower) or _LENGTH_ADJECTIVE.match(lower):
        return True
    return bool(_COUNTED_SPAN.match(lower)) and not _RELATIVE_WORDS & set(lower.split())


def in_future_clause(text: str, start: int) -> bool:
    """Whether the clause a date at `start` belongs to speaks of what is still to come (up to the clause start)."""
    window = text[max(0, start - 120) : start]
    cuts = list(_CLAUSE_START.finditer(window))
    clause = window[cuts[-1].end() :] if cuts else window
    return _FUTURE.search(clause) is not None


def resolve_date(
    surface: str, language: str, published: datetime | None, ahead: bool = False
) -> tuple[date | None, str]:
    """The calendar date a span names and its granularity (day, month, year). `ahead`: the clause is about the
    future, so a bare weekday or month is the next one, not the last."""
    cjk = resolve_cjk_date(surface, published)
    if cjk is not None:
        return cjk
    lower = surface.lower().strip(" .,")
    granularity = _granularity(lower, language)
    weekday = _weekday_index(lower, language)
    if weekday is not None and not any(ch.isdigit() for ch in lower):
        return (_resolve_weekday(lower, weekday, published, ahead), "day") if published else (None, "day")
    if lower in _RELATIVE_DAY:
        return ((published.date() + timedelta(days=_RELATIVE_DAY[lower])) if published else None), "day"
    has_year = bool(_YEAR.search(lower)) or bool(re.search(r"\d{4}-\d", lower))
    if published is None and not has_year:
        return None, granularity
    return _dateparse(surface, language, published, ahead and not has_year), granularity


def _dateparse(surface: str, language: str, published: datetime | None, ahead: bool = False) -> date | None:
    import dateparser

    settings = {
        "PREFER_DATES_FROM": "future" if ahead else "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "first",
    }
    if published is not None:
        settings["RELATIVE_BASE"] = published
    languages = list(dict.fromkeys([language, "en"])) if language else ["en"]
    try:
        parsed = dateparser.parse(surface, languages=languages, settings=settings)
    except Exception:  # dateparser raises on some odd inputs; an unreadable date stays unresolved
        return None
    return parsed.date() if parsed else None


def _granularity(lower: str, language: str) -> str:
    months, weekdays = _names(language)
    ago = _AGO.search(lower)
    if ago:  # "31 years ago" names a year, "three weeks ago" a day
        return {"month": "month", "year": "year", "decade": "year"}.get(ago.group("unit"), "day")
    has_day = bool(re.search(r"\b\d{1,2}(?:st|nd|rd|th|\.)?\b", lower)) or _NUMERIC.search(lower) is not None
    if has_day or any(w in lower for w in weekdays) or lower in _RELATIVE_DAY:
        return "day"
    if any(re.search(rf"\b{re.escape(m)}\b", lower) for m in months) or "month" in lower:
        return "month"
    return "year" if "year" in lower or _YEAR.fullmatch(lower) else "day"


def _weekday_index(lower: str, language: str) -> int | None:
    if language and language != "en":
        from dateparser.languages.loader import default_loader

        try:
            info = default_loader.get_locale(language).info
            for index, key in enumerate(_EN_WEEKDAYS):
                if any(re.search(rf"\b{re.escape(n.lower())}\b", lower) for n in info.get(key, []) if len(n) >= 4):
                    return index
        except Exception:  # unknown language: fall through to English names
            pass
    for index, name in enumerate(_EN_WEEKDAYS):
        if re.search(rf"\b{name}\b", lower):
            return index
    return None


def _resolve_weekday(lower: str, weekday: int, published: datetime, ahead: bool = False) -> date:
    base = published.date()
    if lower.startswith("next") or (ahead and not lower.startswith("last")):
        return base + timedelta(days=(weekday - base.weekday()) % 7 or 7)
    back = (base.weekday() - weekday) % 7
    if lower.startswith("last") and back == 0:
        back = 7
    return base - timedelta(days=back)


def date_refs(
    text: str, offset: int, language: str, published: datetime | None, extra: Iterable[tuple[int, int]] = ()
) -> list[DateRef]:
    """Every date expression of a text with its resolved date; offsets shifted into the full text."""
    refs: list[DateRef] = []
    for start, end in find_date_spans(text, language, extra):
        value, granularity = resolve_date(text[start:end], language, published, in_future_clause(text, start))
        if value is None and _SAME_DAY.search(text[start:end]) and refs:
            value, granularity = refs[-1].value, refs[-1].granularity  # "on the same day" refers back
        refs.append(DateRef(start + offset, end + offset, text[start:end], value, granularity))
    return refs


# "3月5日", "3月" in Chinese and Japanese text: month, then an optional day.
_CJK_MONTH_DAY = re.compile(r"(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?")
_DAY_NUMBER = re.compile(r"(?<![\d.,])(\d{1,2})(?:st|nd|rd|th|\.)?(?![\d,]|\.\d)")


@lru_cache(maxsize=32)
def _month_numbers(language: str) -> dict[str, int]:
    """Month names and abbreviations of a language (and English) mapped to 1–12."""
    numbers: dict[str, int] = {}
    for index, name in enumerate(_EN_MONTHS):
        numbers[name] = index + 1 if index < 12 else _LOCALE_KEYS_MONTHS.index(_expand_abbreviation(name)) + 1
    if language and language != "en":
        try:
            from dateparser.languages.loader import default_loader

            info = default_loader.get_locale(language).info
        except Exception:  # an unknown language code: English names only
            return numbers
        for index, key in enumerate(_LOCALE_KEYS_MONTHS):
            for name in info.get(key, []):
                if len(name) >= 3:
                    numbers.setdefault(name.lower(), index + 1)
    return numbers


def _expand_abbreviation(abbreviation: str) -> str:
    return next(name for name in _LOCALE_KEYS_MONTHS if name.startswith(abbreviation[:3]))


def calendar_days(refs: Iterable[DateRef], language: str) -> set[tuple[int, int]]:
    """The (month, day) each date expression names, year left out; day 0 where only the month is said.

    A report without a publication date cannot resolve "Aug. 29" or "in July" to a calendar date, yet two
    reports that both name Aug. 29 are, in all likelihood, about the same days. Resolved dates contribute their
    month and day too, so a dated and an undated report can still be compared.
    """
    days: set[tuple[int, int]] = set()
    names = _month_numbers(language)
    for ref in refs:
        if ref.value is not None:
            if ref.granularity in ("day", "month"):
                days.add((ref.value.month, ref.value.day if ref.granularity == "day" else 0))
            continue
        lower = ref.text.lower()
        cjk = _CJK_MONTH_DAY.search(lower)
        if cjk:
            month, day = int(cjk.group(1)), int(cjk.group(2) or 0)
        else:
            month = next((names[w] for w in re.findall(r"[^\W\d_]+", lower) if w in names), 0)
            number = _DAY_NUMBER.search(_YEAR.sub(" ", lower)) if month else None
            day = int(number.group(1)) if number else 0
        if 1 <= month <= 12:
            days.add((month, day if 1 <= day <= 31 else 0))
    return days
