"""Where two statements of one fact disagree: a figure, a date, a time of day, who did it (or with which title), or
where it happened.

Each check compares like with like and prefers silence to a false alarm: figures only when they count the same thing
("3 dead" and "12 injured" never conflict), dates and times only when no value of one report fits the other, names
and places only when the other report says nothing of the first report's value anywhere.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from newsprism.analyze import calendar_days, keys_match, resolve_place
from newsprism.compare._quantities import Quantity, quantities_in
from newsprism.types import Analysis, DateRef, Fact

KINDS = ("number", "date", "time", "name", "place")
# Words that count people in general: "2,000 residents" and "3,000 people" may count the same crowd.
PEOPLE_UNITS = frozenset(
    {"peopl", "perso", "resid", "inhab", "citiz", "local", "indiv", "villa", "famil", "civil", "other", "worke"}
    | {"passe", "patie", "victi", "emplo", "staff", "membe", "custo", "runne", "compe", "parti", "athle", "men"}
    | {"women", "adult", "besch", "mensc", "habit", "vecin", "arbei", "mitar", "traba", "emple", "salar", "travai"}
)
# Units of time in the languages compared most (first letters): "48-hour" and "two-day" measure in different units.
TIME_UNITS = {
    "minute": frozenset({"minu", "minut"}),
    "hour": frozenset({"hour", "stun", "hora", "heur", "godz", "saat"}),
    "day": frozenset({"day", "days", "tag", "tage", "tägi", "día", "dias", "días", "jour", "dni", "dzie", "gün"}),
    "week": frozenset({"week", "woch", "sema", "tygo", "hafta"}),
    "month": frozenset({"mont", "mona", "mes", "mese", "mois", "mies", "ay"}),
    "year": frozenset({"year", "jahr", "año", "años", "ans", "anné", "lat", "rok", "yıl"}),
}
# Minutes either side of an approximate time ("about 8 p.m."), and after "shortly after 7:30".
# Two figures of one thing further apart than this factor measure different scopes, not one value reported wrongly.
MAX_CONFLICT_RATIO = 3.0
APPROXIMATE_MINUTES = 10
SHORTLY_MINUTES = 10
# How far apart (characters) a title and a surname may be in the other report for the title to count as given there.
TITLE_NEAR_CHARS = 40
# Two full names this alike (rapidfuzz ratio of their plain letters) are one name spelled two ways.
SPELLING_MIN_RATIO = 80
# A surname this alike (ratio) after the same given name is the same surname misspelled ("Brouwer", "Brauer").
SURNAME_MIN_RATIO = 65
# What happened to what is counted: two figures with outcomes of different classes count different things ("3 dead",
# "12 injured"), whatever the words around them share.
OUTCOME_CLASSES: tuple[frozenset[str], ...] = (
    frozenset({"dead", "died", "die", "dies", "kill", "deat", "fata", "life", "live", "toll", "bodi", "tote", "muer"}),
    frozenset({"inju", "hurt", "woun", "hosp", "trea", "verl", "heri", "bles", "inj"}),
    frozenset({"miss", "verm", "desa", "disp"}),
    frozenset({"arre", "deta", "cust", "fest", "deti", "inte"}),
    frozenset({"evac", "flee", "fled", "left", "leav", "home", "disp"}),
    frozenset({"dama", "dest", "coll", "besc", "zers", "daña"}),
)
_STEM = 4  # context words are compared on their first letters: "fine" ~ "fined", "evacuated" ~ "evacuation"

_CLOCK = re.compile(
    r"(?P<qualifier>\b(?:about|around|approximately|roughly|shortly after|just after|shortly before|just before|"
    r"gegen|kurz nach|kurz vor|etwa|hacia|alrededor de|poco después de|poco antes de|vers|peu après|peu avant)\s+)?"
    r"(?:(?P<h12>\d{1,2})(?:[:.](?P<m12>\d\d))?\s?(?P<half>a\.?\s?m\.?|p\.?\s?m\.?)(?!\w)"
    r"|(?<![\d:.])(?P<h24>[01]?\d|2[0-3])[:.h](?P<m24>[0-5]\d)(?![:.]?\d)(?:\s?(?:uhr|h|hrs|horas|heures))?\b"
    r"|(?P<hour>[01]?\d|2[0-3])\s?(?:uhr|heures|horas)\b"
    r"|(?P<named>noon|midday|midnight|mittag|mitternacht|mediodía|medianoche|midi|minuit))",
    re.IGNORECASE,
)
_NAMED_MINUTES = {"noon": 720, "midday": 720, "mittag": 720, "mediodía": 720, "midi": 720}
_TITLE_WORDS = frozenset(
    [
        "mayor",
        "deputy",
        "vice",
        "governor",
        "president",
        "minister",
        "secretary",
        "chief",
        "fire",
        "police",
        "commissioner",
        "director",
        "ceo",
        "chairman",
        "chairwoman",
        "chair",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "senator",
        "sen.",
        "rep.",
        "representative",
        "judge",
        "prosecutor",
        "general",
        "gen.",
        "captain",
        "capt.",
        "lieutenant",
        "lt.",
        "sergeant",
        "sgt.",
        "officer",
        "inspector",
        "superintendent",
        "professor",
        "prof.",
        "dr.",
        "doctor",
        "councillor",
        "councilor",
        "councilman",
        "councilwoman",
        "executive",
        "managing",
        "manager",
        "head",
        "leader",
        "ambassador",
        "prime",
        "foreign",
        "interior",
        "health",
        "finance",
        "defence",
        "defense",
        "acting",
        "interim",
        "former",
        "assistant",
        "senior",
        "coach",
        "chancellor",
        "premier",
        "sheriff",
        "commander",
        "colonel",
        "col.",
        "major",
        "superintendent",
        "warden",
        "principal",
        "dean",
        "founder",
        "owner",
        "editor",
    ]
)
_TITLE_EQUIVALENTS = {"ceo": "chief executive", "sen.": "senator", "rep.": "representative", "gen.": "general"}
_TITLE_EQUIVALENTS |= {"capt.": "captain", "lt.": "lieutenant", "sgt.": "sergeant", "prof.": "professor"}
_TITLE_EQUIVALENTS |= {"dr.": "doctor", "col.": "colonel", "councilor": "councillor", "defense": "defence"}
_SETTLEMENT = r"(?:(?:the\s+)?(?:village|town|city|port|hamlet|suburb|district|county|region|coast)\s+of\s+)?"
# Where something happened, or where a journey was cut short to ("diverted the aircraft to Glasgow").
_DIVERTED_TO = r"(?:divert|redirect|rerout)\w*\s+(?:[\w'’-]+\s+){0,3}?to"
_LOCATIVE = re.compile(
    r"\b(?:in|near|at|outside|off|along|close to|north of|south of|east of|west of|bei|nahe|vor|im|en|cerca de|"
    rf"frente a|près de|au large de|à|{_DIVERTED_TO})\s+(?:the\s+)?{_SETTLEMENT}$",
    re.IGNORECASE,
)
_STRONG_LOCATIVE = re.compile(
    r"\b(?:near|outside|off|along|close to|north of|south of|east of|west of|nahe|cerca de|près de|au large de|"
    rf"{_DIVERTED_TO})\s+(?:the\s+)?{_SETTLEMENT}$",
    re.IGNORECASE,
)
_TITLE_TOKEN = re.compile(r"[\w.]+$")
_TITLE_AFTER = re.compile(
    r"^,\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?P<title>(?:[\w.]+\s+){0,3}?[\w.]+?)"
    r"(?=\s+(?:of|at|for|in|to)\b|\s*[,.;)]|\s*$)"
)


@dataclass(frozen=True, slots=True)
class Disagreement:
    """One value two reports give differently for one fact."""

    kind: str  # one of KINDS
    a_value: str  # as the first report writes it
    b_value: str
    detail: str = ""  # what the values resolve to, where that says more ("2025-06-06 vs 2025-06-05")

    @property
    def reason(self) -> str:
        resolved = f" ({self.detail})" if self.detail else ""
        return f"{self.kind}s differ: {self.a_value} vs {self.b_value}{resolved}"


@dataclass(frozen=True, slots=True)
class Statement:
    """A fact together with the analysis it comes from: the checks need its report's entities and dates."""

    fact: Fact
    analysis: Analysis

    @property
    def text(self) -> str:
        return self.fact.text


def disagreement(a: Statement, b: Statement, aligned: bool = True) -> Disagreement | None:
    """The first value in which two statements of one fact differ, or None when they agree on all they both give.

    Statements only close to each other (not `aligned`) are checked for values that make them about one thing
    (figures, dates, times); who and where can only contradict in statements already known to state one fact.
    """
    for check in CHECKS:
        if aligned or not check.needs_alignment:
            found = check.compare(a, b)
            if found is not None:
                return found
    return None


# --- figures ---------------------------------------------------------------------------------------------------


def _prefixes(words: frozenset[str]) -> set[str]:
    return {w[:_STEM] for w in words}


def _outcomes(words: frozenset[str]) -> set[int]:
    return {i for i, outcome in enumerate(OUTCOME_CLASSES) for w in words if w[:_STEM] in outcome}


def _unit_class(unit: str) -> str:
    """The kind of thing a counted word names, where known in several languages: people, or a unit of time."""
    if unit in PEOPLE_UNITS:
        return "people"
    return next((name for name, stems in TIME_UNITS.items() if unit[:_STEM] in stems), "")


def _units_fit(x: Quantity, y: Quantity, across_languages: bool) -> bool:
    if not x.unit or not y.unit or x.unit == y.unit:
        return True
    cx, cy = _unit_class(x.unit), _unit_class(y.unit)
    if cx and cy:
        return cx == cy
    return across_languages and not (cx or cy)


def same_thing(x: Quantity, y: Quantity, sole: bool, across_languages: bool = False) -> bool:
    """Whether two figures count the same thing: the same kind, a counted word that fits (any word across
    languages), no different outcome ("died" against "injured"), and the same counted word, words around them in
    common, or each the only figure of two statements of one fact."""
    if x.kind != y.kind:
        return False
    # An amount or a share has its unit in its kind; the word after it ("$2.3 billion of goods", "4.5% rise") is
    # what it measures, which outlets word freely.
    units_equal = x.kind == "count" and bool(x.unit) and x.unit == y.unit
    units_open = x.kind != "count" or _units_fit(x, y, across_languages)
    oa, ob = _outcomes(x.before | x.after | {x.unit}), _outcomes(y.before | y.after | {y.unit})
    if not units_open or (oa and ob and not oa & ob):
        return False
    shared = _prefixes(x.before | x.after) & _prefixes(y.before | y.after)
    return units_equal or bool(shared) or sole


def figures_of(s: Statement) -> list[Quantity]:
    """The statement's figures that can disagree: counts, amounts and shares, not years."""
    return [q for q in quantities_in(s.text, s.analysis.article.language) if q.kind != "year"]


def number_disagreement(a: Statement, b: Statement) -> Disagreement | None:
    """Figures of the same thing that cannot be the same value, when neither fits any figure of the other report's
    statement that could count it ("nearly 1,200 runners" fits "1,187 competitors", so "12,000 runners" elsewhere in
    that statement is no contradiction)."""
    qa, qb = figures_of(a), figures_of(b)
    if not qa or not qb:
        return None
    across = a.analysis.article.language != b.analysis.article.language
    clashes = figure_clashes(qa, qb, across)
    if not clashes:
        return None
    x, y = max(clashes, key=lambda pair: (_context_overlap(*pair), -_magnitude_gap(*pair)))
    return Disagreement("number", x.text, y.text)


def figure_clashes(qa: list[Quantity], qb: list[Quantity], across: bool = False) -> list[tuple[Quantity, Quantity]]:
    """Pairs of figures that count the same thing with values that cannot both be right, yet lie within a factor of
    each other: counts further apart measure different scopes ("600 jobs since January", "4,000 in two years")."""
    fits = {id(v) for x in qa for y in qb if x.overlaps(y) and same_thing(x, y, True, across) for v in (x, y)}
    fits |= {id(y) for y in qb if _sum_fits(qa, y)} | {id(x) for x in qa if _sum_fits(qb, x)}
    return [
        (x, y)
        for x in qa
        for y in qb
        if id(x) not in fits
        and id(y) not in fits
        and not x.overlaps(y)
        and within_ratio(x, y)
        and same_thing(x, y, sole_figures(qa, qb, x), across)
    ]


def sole_figures(qa: list[Quantity], qb: list[Quantity], x: Quantity) -> bool:
    """Whether two statements give one figure each, as far as `x` is concerned: an amount or a share is the only
    one of its currency or kind in each ("a 300-year-old violin worth £1.6m" gives one sum of money), a count the
    only figure at all."""
    if x.kind == "count":
        return len(qa) == 1 and len(qb) == 1
    return sum(q.kind == x.kind for q in qa) == 1 and sum(q.kind == x.kind for q in qb) == 1


def different_scopes(a: Statement, b: Statement) -> bool:
    """Whether two statements count the same thing at sizes too far apart to be one fact ("9,500 runners started",
    "300 runners were treated"), with no figure of one fitting a figure of the other."""
    qa, qb = figures_of(a), figures_of(b)
    sole = len(qa) == 1 and len(qb) == 1
    across = a.analysis.article.language != b.analysis.article.language
    same = [(x, y) for x in qa for y in qb if x.kind == "count" and same_thing(x, y, sole, across)]
    fitting = any(x.overlaps(y) and _units_fit(x, y, across) for x in qa for y in qb)
    return bool(same) and not fitting and not any(within_ratio(x, y) for x, y in same)


def within_ratio(x: Quantity, y: Quantity, ratio: float = MAX_CONFLICT_RATIO) -> bool:
    """Whether two figures are close enough in size to be two reports' values of one count."""
    mx, my = middle(x), middle(y)
    if mx <= 0 or my <= 0:
        return False
    return max(mx, my) / min(mx, my) <= ratio


def middle(q: Quantity) -> float:
    """The middle of a figure's interval."""
    return (q.low + q.high) / 2


def is_duration(q: Quantity) -> bool:
    """Whether a figure counts units of time ("two hours", "48-hour"): a story has many spans of time, and two of them
    contradict only in statements aligned as one fact."""
    return any(q.unit in stems or q.unit[:4] in stems for stems in TIME_UNITS.values())


def _sum_fits(parts: list[Quantity], total: Quantity) -> bool:
    """Whether two counts of one statement add up to a count of the other ("212 passengers and 11 crew" and "223
    people on board" say the same)."""
    counts = [q for q in parts if q.kind == total.kind == "count"]
    return any(
        x.low + y.low <= total.high and total.low <= x.high + y.high
        for i, x in enumerate(counts)
        for y in counts[i + 1 :]
    )


def _context_overlap(x: Quantity, y: Quantity) -> int:
    return len(_prefixes(x.before | x.after | {x.unit}) & _prefixes(y.before | y.after | {y.unit}))


def _magnitude_gap(x: Quantity, y: Quantity) -> float:
    return abs(math.log10(max(x.low, 1e-9)) - math.log10(max(y.low, 1e-9)))


# --- dates and times ---------------------------------------------------------------------------------------------


def _dates_of(s: Statement) -> list[tuple[str, str]]:
    """(text, ISO date at the precision the text gives) of the resolved dates inside the statement."""
    return [(d.text, d.iso) for d in date_refs_of(s) if d.iso is not None and d.granularity == "day"]


def date_refs_of(s: Statement) -> list[DateRef]:
    """The dates a statement gives: those inside it, and those of its sentence that no fact unit holds — the date of
    an attribution cut away as no fact of its own ("Estmark announced on Tuesday that it will impose tariffs")."""
    fact, analysis = s.fact, s.analysis
    inside = [d for d in analysis.dates if fact.start <= d.start < fact.end]
    if fact.sentence < 0:
        return inside
    units = [f for f in analysis.facts if f.sentence == fact.sentence]
    orphans = [
        d for d in analysis.dates if d.sentence == fact.sentence and not any(f.start <= d.start < f.end for f in units)
    ]
    return inside + orphans


def _ahead(s: Statement, iso: str) -> bool:
    """Whether a date lies after the report's own publication date: a plan, not something that happened."""
    published = s.analysis.article.published
    return published is not None and iso > published.date().isoformat()


def _months_of(s: Statement) -> list[tuple[str, int]]:
    """(text, month 1-12) of the dates inside the statement that name a month and no day ("in December", "at the
    end of September"), resolved or not."""
    found = []
    for ref in date_refs_of(s):
        if ref.granularity == "month":
            months = {m for m, day in calendar_days([ref], s.analysis.article.language) if day == 0}
            found += [(ref.text, month) for month in sorted(months)]
    return found


def gives_date(s: Statement) -> bool:
    """Whether a statement names a day or a month."""
    return bool(_dates_of(s) or _months_of(s))


def date_disagreement(a: Statement, b: Statement) -> Disagreement | None:
    """Dates of one event that differ, at the precision both give (a day, else a month); a date still ahead in one
    report and past in the other are two events (the talks on Friday, the levies on Monday)."""
    da, db = _dates_of(a), _dates_of(b)
    if not da and not db:
        return _month_disagreement(a, b)
    if not da or not db or {iso for _, iso in da} & {iso for _, iso in db}:
        return None
    if _ahead(a, da[0][1]) != _ahead(b, db[0][1]):
        return None
    return Disagreement("date", da[0][0], db[0][0], f"{da[0][1]} vs {db[0][1]}")


def _month_disagreement(a: Statement, b: Statement) -> Disagreement | None:
    ma, mb = _months_of(a), _months_of(b)
    if not ma or not mb or {m for _, m in ma} & {m for _, m in mb}:
        return None
    (text_a, month_a), (text_b, month_b) = ma[0], mb[0]
    return Disagreement("date", text_a, text_b, f"month {month_a} vs {month_b}")


def clock_times(text: str) -> list[tuple[str, int, int]]:
    """(text, earliest, latest minute of the day) for each time of day the text gives."""
    found = []
    for match in _CLOCK.finditer(text):
        minute = _minute_of(match)
        if minute is None:
            continue
        qualifier = " ".join((match.group("qualifier") or "").lower().split())
        low, high = minute, minute
        if qualifier.endswith("after") or qualifier == "kurz nach":
            high = minute + SHORTLY_MINUTES
        elif qualifier.endswith("before") or qualifier == "kurz vor":
            low = minute - SHORTLY_MINUTES
        elif qualifier:
            low, high = minute - APPROXIMATE_MINUTES, minute + APPROXIMATE_MINUTES
        value = match.group(0)[len(match.group("qualifier") or "") :].strip()
        found.append((value, low, high))
    return found


def _minute_of(match: re.Match[str]) -> int | None:
    if match.group("named"):
        return _NAMED_MINUTES.get(match.group("named").lower(), 0)
    if match.group("h24") is not None:
        return int(match.group("h24")) * 60 + int(match.group("m24"))
    if match.group("hour") is not None:
        return int(match.group("hour")) * 60
    hour = int(match.group("h12"))
    if not 1 <= hour <= 12:
        return None
    afternoon = match.group("half").lower().startswith("p")
    return (hour % 12 + (12 if afternoon else 0)) * 60 + int(match.group("m12") or 0)


def time_disagreement(a: Statement, b: Statement) -> Disagreement | None:
    ta, tb = clock_times(a.text), clock_times(b.text)
    if not ta or not tb:
        return None
    if any(x_low <= y_high and y_low <= x_high for _, x_low, x_high in ta for _, y_low, y_high in tb):
        return None
    return Disagreement("time", ta[0][0], tb[0][0])


# --- who and where -----------------------------------------------------------------------------------------------


def _mentions(s: Statement, labels: frozenset[str]) -> list[tuple[str, str, int]]:
    """(surface, key, start) of the entity mentions inside the statement whose entity has one of `labels`."""
    return [
        (m.text, m.key, m.start)
        for e in s.analysis.entities
        if e.label in labels
        for m in e.mentions
        if s.fact.start <= m.start and m.end <= s.fact.end
    ]


def title_before(full_text: str, start: int) -> str:
    """The title words right before a name ("Deputy Fire Chief" before "Tom Okafor"), or ""."""
    words: list[str] = []
    cursor = start
    while cursor > 0 and full_text[cursor - 1] == " ":
        cursor -= 1
    while True:
        match = _TITLE_TOKEN.search(full_text, 0, cursor)
        head = full_text[match.start() : cursor].rstrip() if match else ""
        if not match or head.lower() not in _TITLE_WORDS or full_text[match.end() : cursor].strip(" ") != "":
            break
        words.insert(0, head)
        cursor = match.start()
        while cursor > 0 and full_text[cursor - 1] == " ":
            cursor -= 1
    return " ".join(words)


def title_key(title: str) -> str:
    return " ".join(_TITLE_EQUIVALENTS.get(w, w) for w in title.lower().split())


def same_person(x: str, y: str) -> bool:
    return keys_match(x, y) or (x.split()[-1:] == y.split()[-1:] and bool(x))


def _titled_people(s: Statement) -> list[tuple[str, str, str]]:
    """(title, name, key) of the people the statement names with a title."""
    full = s.analysis.article.full_text
    people = []
    for surface, key, start in _mentions(s, frozenset({"PERSON"})):
        inner_title, name = leading_title(surface)
        rest = full[start + len(surface) :]
        title = " ".join(filter(None, [title_before(full, start), inner_title])) or title_after(rest)
        if title and name and not opens_title(rest):
            people.append((title, name, key))
    return people


def title_after(rest: str) -> str:
    """The title set off after a name ("Sarah Pengelly, managing director of Fenwyck Water", "…, the spokeswoman,"),
    or "": every word of it a title word."""
    found = _TITLE_AFTER.match(rest)
    if found is None:
        return ""
    words = found.group("title").split()
    return found.group("title") if all(w.lower() in _TITLE_WORDS for w in words) else ""


def leading_title(surface: str) -> tuple[str, str]:
    """A mention's own title words and the name after them: a tagger often takes "Councillor Owen Lasko" whole."""
    words = surface.split()
    cut = 0
    while cut < len(words) - 1 and words[cut].lower() in _TITLE_WORDS:
        cut += 1
    return " ".join(words[:cut]), " ".join(words[cut:])


def opens_title(rest: str) -> bool:
    """Whether a name is followed by a title word: then it is part of the title ("Deputy Transport Minister")."""
    words = rest.split(maxsplit=1)
    return bool(words) and words[0].lower() in _TITLE_WORDS


def title_given_near(full_text: str, title: str, surname: str) -> bool:
    for match in re.finditer(re.escape(surname), full_text):
        window = full_text[max(0, match.start() - TITLE_NEAR_CHARS) : match.end() + TITLE_NEAR_CHARS].lower()
        if title.lower() in window:
            return True
    return False


def _people(s: Statement) -> list[tuple[str, str]]:
    """(name without title, key) of the people the statement names by at least a given name and a surname."""
    found = []
    for surface, key, _ in _mentions(s, frozenset({"PERSON"})):
        name = leading_title(surface)[1]
        if len(name.split()) >= 2:
            found.append((name, key))
    return found


def folded_words(name: str) -> list[str]:
    """The words of a name, lower-case and in plain letters, as alias keys fold them ("Ibáñez" and "Ibanez" are one
    spelling)."""
    from anyascii import anyascii

    return anyascii(name).lower().replace(".", "").split()


@lru_cache(maxsize=64)
def _folded_text(text: str) -> str:
    return " ".join(folded_words(text))


def writes_name(analysis: Analysis, name: str) -> bool:
    """Whether a report writes a name anywhere, spelled as given (accents and case aside)."""
    return " ".join(folded_words(name)) in _folded_text(analysis.article.full_text)


def _one_part_differs(x: str, y: str, across_languages: bool) -> bool:
    """Whether two names agree in all but the given name or the surname, which they spell differently ("Jens Kolbe"
    and "Jörg Kolbe", "Anneke Brouwer" and "Anneke Brauer"). A short form of a given name ("Ray", "Raymond") is
    the same name; across languages a surname may be transliterated ("Zelensky", "Selenskyj") and only given names
    are compared."""
    wx, wy = folded_words(x), folded_words(y)
    if len(wx) < 2 or len(wy) < 2 or wx == wy:
        return False
    given_x, given_y, surname_x, surname_y = wx[0], wy[0], wx[-1], wy[-1]
    if surname_x == surname_y:
        return not _short_form(wx, wy)
    if given_x != given_y or across_languages or keys_match(surname_x, surname_y):
        return False
    return len(wx) == len(wy)


def _spelled_alike(x: str, y: str, across_languages: bool) -> bool:
    """Whether two names are one name spelled two ways: all but one part the same ("Jens Kolbe", "Jörg Kolbe"), or,
    in one language, nearly the same letters ("Ewan MacRory", "Euan McRory")."""
    if _one_part_differs(x, y, across_languages):
        return True
    wx, wy = folded_words(x), folded_words(y)
    if across_languages or len(wx) < 2 or len(wy) < 2 or wx == wy or _short_form(wx, wy):
        return False
    return fuzz.ratio(" ".join(wx), " ".join(wy)) >= SPELLING_MIN_RATIO


def misspelled(x: str, y: str, across_languages: bool) -> bool:
    """Whether two full names are one person's name with one of them misspelled: the same given name and a surname
    of nearly the same letters ("Anneke Brouwer", "Anneke Brauer"), or, in one language, nearly the same letters
    throughout ("Ewan MacRory", "Euan McRory"). Unlike `_spelled_alike`, another given name with the same surname
    ("Jens Kolbe", "Anna Kolbe") does not count: that may be another person of the family."""
    wx, wy = folded_words(x), folded_words(y)
    if across_languages or len(wx) < 2 or len(wy) < 2 or wx == wy or _short_form(wx, wy) or wx[-1] == wy[-1]:
        return False
    if wx[0] == wy[0] and len(wx) == len(wy):
        return fuzz.ratio(wx[-1], wy[-1]) >= SURNAME_MIN_RATIO
    return fuzz.ratio(" ".join(wx), " ".join(wy)) >= SPELLING_MIN_RATIO


def _short_form(wx: list[str], wy: list[str]) -> bool:
    """Whether one name is the other with a given name cut short ("Ray Sturgis", "Raymond Sturgis")."""
    return wx[-1] == wy[-1] and (wx[0].startswith(wy[0]) or wy[0].startswith(wx[0]))


def variant_spelling(a: Statement, b: Statement) -> Disagreement | None:
    """One person named differently by two reports' statements, when neither report ever writes the other's form:
    one of them has the name wrong."""
    across = a.analysis.article.language != b.analysis.article.language
    for name_a, _ in _people(a):
        for name_b, _ in _people(b):
            if not _spelled_alike(name_a, name_b, across):
                continue
            if not writes_name(b.analysis, name_a) and not writes_name(a.analysis, name_b):
                return Disagreement("name", name_a, name_b)
    return None


def name_disagreement(a: Statement, b: Statement) -> Disagreement | None:
    """A person named two ways, the same person under two titles, or one title held by two people in statements
    of one fact."""
    variant = variant_spelling(a, b)
    if variant is not None:
        return variant
    pa, pb = _titled_people(a), _titled_people(b)
    for title_a, name_a, key_a in pa:
        for title_b, name_b, key_b in pb:
            if same_person(key_a, key_b) and title_key(title_a) != title_key(title_b):
                surname_b = name_b.split()[-1]
                if not title_given_near(b.analysis.article.full_text, title_a, surname_b):
                    return Disagreement("name", f"{title_a} {name_a}", f"{title_b} {name_b}")
    people_a, people_b = _titled_people(a), _titled_people(b)
    if len(people_a) == 1 and len(people_b) == 1 and not same_person(people_a[0][2], people_b[0][2]):
        (title_a, name_a, key_a), (title_b, name_b, key_b) = people_a[0], people_b[0]
        if not _mentioned(b.analysis, key_a) or not _mentioned(a.analysis, key_b):
            return Disagreement("name", f"{title_a} {name_a}", f"{title_b} {name_b}")
    return None


def _mentioned(analysis: Analysis, key: str) -> bool:
    return any(keys_match(key, e.key) or key.split()[-1:] == e.key.split()[-1:] for e in analysis.entities)


def _places(s: Statement) -> list[tuple[str, str]]:
    """(surface, key) of the places the statement locates something at, countries aside (a country holds a town)."""
    full = s.analysis.article.full_text
    places = []
    for surface, key, start in _mentions(s, frozenset({"GPE", "LOC", "PERSON", "ORG", "MISC"})):
        before = full[max(0, start - 40) : start]
        label = next(e.label for e in s.analysis.entities if any(m.start == start for m in e.mentions))
        locative = _LOCATIVE.search(before) if label in ("GPE", "LOC") else _STRONG_LOCATIVE.search(before)
        place = resolve_place(surface)
        if locative and not (place is not None and place.latitude is None):  # countries carry no coordinates
            places.append((surface, key))
    return places


def place_disagreement(a: Statement, b: Statement) -> Disagreement | None:
    """Statements of one fact that put it in different places, neither of which the other report names at all."""
    pa, pb = _places(a), _places(b)
    if not pa or not pb or any(keys_match(x, y) for _, x in pa for _, y in pb):
        return None
    if any(_mentioned(b.analysis, key) for _, key in pa) or any(_mentioned(a.analysis, key) for _, key in pb):
        return None
    return Disagreement("place", pa[0][0], pb[0][0])


DATE_COUNTERPART_MIN_COSINE = 0.55


@dataclass(frozen=True, slots=True)
class Check:
    """One kind of value two statements can disagree on: whether a statement gives one, and how two compare."""

    kind: str
    gives: Callable[[Statement], bool]
    compare: Callable[[Statement, Statement], Disagreement | None]
    needs_alignment: bool
    # How close two statements giving such a value must be to be taken for counterparts: a story has many dates (the
    # day of the event, of an announcement, of a meeting), so dates need more than figures or times do.
    counterpart_cosine: float = 0.3
    # The values a statement gives, to tell whether a report gives only one value of this kind at all.
    values: Callable[[Statement], frozenset[str]] = lambda s: frozenset()


def _date_values(s: Statement) -> frozenset[str]:
    return frozenset([iso for _, iso in _dates_of(s)] + [f"month {m}" for _, m in _months_of(s)])


CHECKS: tuple[Check, ...] = (
    Check("number", lambda s: bool(figures_of(s)), number_disagreement, needs_alignment=False),
    Check(
        "date",
        gives_date,
        date_disagreement,
        needs_alignment=False,
        counterpart_cosine=DATE_COUNTERPART_MIN_COSINE,
        values=_date_values,
    ),
    Check(
        "time",
        lambda s: bool(clock_times(s.text)),
        time_disagreement,
        needs_alignment=False,
        values=lambda s: frozenset(f"{low}-{high}" for _, low, high in clock_times(s.text)),
    ),
    Check("name", lambda s: bool(_titled_people(s) or _people(s)), name_disagreement, needs_alignment=True),
    Check("place", lambda s: bool(_places(s)), place_disagreement, needs_alignment=True),
)
