"""The types every stage speaks: articles in, analyses in the middle, comparisons and stories out.

Spans (mentions, dates, quotes, facts) are frozen views with half-open character offsets into
the text they were found in, so a report can always point back at the source words.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np

# The SemEval-2022 Task 8 dimensions, in the order the benchmark lists them.
DIMENSIONS: tuple[str, ...] = ("geography", "entities", "time", "narrative", "overall", "style", "tone")


@dataclass(frozen=True, slots=True)
class Article:
    """One news report as read from a file, a feed or the store."""

    id: str
    title: str
    text: str
    outlet: str = ""
    url: str = ""
    published: datetime | None = None
    language: str = ""
    source: str = ""

    @property
    def full_text(self) -> str:
        """Title and body as one string; spans of an analysis point into this."""
        return f"{self.title}\n\n{self.text}" if self.title else self.text

    def to_dict(self, index: int) -> dict[str, Any]:
        """The article as a comparison lists it, at position `index`."""
        return {
            "index": index,
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "source": self.source,
        }

    @property
    def body_offset(self) -> int:
        """Where the body starts inside `full_text`."""
        return len(self.title) + 2 if self.title else 0

    @staticmethod
    def content_id(title: str, text: str, outlet: str = "") -> str:
        """A stable id from the content, so the same report ingested twice is stored once; the outlet is part of
        it, so the same wire text carried by two outlets is two reports (the clusterer marks one a copy)."""
        key = f"{title.strip()}\n{text.strip()}"
        if outlet.strip():
            key = f"{' '.join(outlet.split()).lower()}\n{key}"
        return hashlib.sha256(key.encode()).hexdigest()[:16]


def _check_span(text: str, start: int, end: int, surface: str) -> None:
    if not (0 <= start <= end <= len(text)):
        raise ValueError(f"span [{start}, {end}) lies outside a text of {len(text)} characters")
    if text[start:end] != surface:
        raise ValueError(f"span [{start}, {end}) reads {text[start:end]!r}, not {surface!r}")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range of an article's `full_text`."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, full_text: str, start: int, end: int) -> Span:
        """Build a span and refuse offsets that do not fit the text."""
        span = cls(start, end, full_text[start:end])
        _check_span(full_text, start, end, span.text)
        return span


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a named entity."""

    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, GPE, LOC, NORP, EVENT, MISC
    key: str  # alias key: the normalised form used to merge variants


@dataclass(frozen=True, slots=True)
class Entity:
    """All mentions of one actor or place inside one article, under one canonical name."""

    name: str
    label: str
    key: str
    mentions: tuple[Mention, ...]
    country: str | None = None  # ISO 3166 alpha-2 when the entity is a place we could resolve

    @property
    def surface_forms(self) -> list[str]:
        """Distinct spellings in order of first appearance."""
        return list(dict.fromkeys(m.text for m in self.mentions))


@dataclass(frozen=True, slots=True)
class DateRef:
    """A date expression and the calendar date it resolves to (None when it cannot be resolved)."""

    start: int
    end: int
    text: str
    value: date | None
    granularity: str = "day"  # day, month or year: how much of `value` the text actually says
    sentence: int = -1

    @property
    def iso(self) -> str | None:
        """The resolved date at the precision the text gives: 2020-03-05, 2020-03 or 2020."""
        if self.value is None:
            return None
        return {"year": self.value.isoformat()[:4], "month": self.value.isoformat()[:7]}.get(
            self.granularity, self.value.isoformat()
        )


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct or indirect quote with its speaker and the chain it came through."""

    start: int
    end: int
    text: str
    speaker: str
    speaker_key: str
    direct: bool
    via: str = ""  # the relaying source: "Interfax" in "Interfax quoted the ministry as saying"
    cue: str = ""
    role: str = ""  # the speaker's title or affiliation as the article introduced it: "spokeswoman for …"


@dataclass(frozen=True, slots=True)
class Fact:
    """A fact-sized unit of an article: a sentence or clause with its actors, numbers and dates."""

    start: int
    end: int
    text: str
    sentence: int
    entity_keys: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()  # ISO dates
    terms: tuple[str, ...] = ()  # content-word stems, for lexical agreement between facts


@dataclass(frozen=True, slots=True)
class Label:
    """A loaded or naming word an outlet attaches to an actor ("terrorist formations", "rebels")."""

    start: int
    end: int
    text: str
    actor: str  # the generic actor class the label names, e.g. "armed groups"
    loaded: bool


@dataclass(slots=True)
class Analysis:
    """Everything later stages need to know about one article; computed once and stored."""

    article: Article
    sentences: list[Span]
    entities: list[Entity]
    dates: list[DateRef]
    quotes: list[Quote]
    facts: list[Fact]
    labels: list[Label]
    embedding: np.ndarray  # whole-text vector, L2-normalised
    sentence_embeddings: np.ndarray  # one row per sentence, L2-normalised
    style: dict[str, float] = field(default_factory=dict)
    version: int = 1
    # E5 document vector (L2-normalised) where the optional encoder runs; None elsewhere or in older analyses.
    e5_embedding: np.ndarray | None = None


@dataclass(slots=True)
class FactRow:
    """One fact of one article as the comparison shows it."""

    article: int
    text: str
    start: int
    end: int
    numbers: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SharedFacts:
    """Facts of several articles that state one thing, with the score of their alignment."""

    articles: list[int]
    score: float
    facts: list[FactRow]


@dataclass(slots=True)
class ConflictValue:
    """The value one article gives for a fact the articles state differently."""

    article: int
    value: str


@dataclass(slots=True)
class ConflictingFacts:
    """Statements of one fact whose values differ: the kind of value, each article's value, and why."""

    kind: str  # number, date, time, name or place
    reason: str
    values: list[ConflictValue]
    articles: list[int]
    score: float
    facts: list[FactRow]


@dataclass(slots=True)
class OnlyFacts:
    """The facts that one article alone gives."""

    article: int
    facts: list[FactRow]


@dataclass(slots=True)
class FactTable:
    """The facts of a comparison: shared, conflicting, and those only one article gives."""

    shared: list[SharedFacts] = field(default_factory=list)
    conflicting: list[ConflictingFacts] = field(default_factory=list)
    only: list[OnlyFacts] = field(default_factory=list)

    def only_in(self, article: int) -> list[FactRow]:
        return next((entry.facts for entry in self.only if entry.article == article), [])

    def to_dict(self) -> dict[str, Any]:
        """`shared`, `conflicting`, `only` per article, and for a pair `only_a` / `only_b`."""
        data: dict[str, Any] = {
            "shared": [asdict(g) for g in self.shared],
            "conflicting": [asdict(g) for g in self.conflicting],
        }
        if len(self.only) == 2:
            data["only_a"], data["only_b"] = ([asdict(f) for f in self.only_in(i)] for i in (0, 1))
        data["only"] = [asdict(entry) for entry in self.only]
        return data


@dataclass(slots=True)
class QuoteRow:
    """A quote with its speaker; quotes of one statement in several articles share `statement`."""

    article: int
    speaker: str
    text: str
    via: str
    direct: bool
    cue: str
    start: int
    end: int
    statement: int
    role: str = ""
    speaker_id: int = 0  # quotes of one person, across articles, share it


@dataclass(slots=True)
class NamingLabel:
    """A word an article uses for an actor, how often, and whether it is loaded."""

    label: str
    count: int
    loaded: bool


@dataclass(slots=True)
class NamingRow:
    """How each article names one class of actor ("armed groups": "terrorist formations" vs "militants")."""

    actor: str
    labels: dict[str, list[NamingLabel]]


@dataclass(slots=True)
class SummarySentence:
    """A sentence of the summary, taken from `from_article`, citing exactly the articles that state its fact."""

    text: str
    articles: list[int]
    from_article: int
    start: int
    end: int


@dataclass(slots=True)
class EntityRow:
    """One actor or place across the articles, with each article's spellings (keyed by article index)."""

    name: str
    type: str
    key: str
    country: str | None
    articles: list[int]
    forms: dict[str, list[str]]


@dataclass(slots=True)
class DateRow:
    """A date expression of one article and the ISO date it resolves to (None when it cannot be resolved)."""

    article: int
    text: str
    date: str | None
    start: int
    end: int


@dataclass(slots=True)
class Comparison:
    """The verdict on a set of articles of (perhaps) one story, with the evidence behind it.

    Rows are typed; `to_dict` is the one JSON form that the API, `--format json` and every renderer read.
    """

    articles: list[Article]
    same_story: bool
    scores: dict[str, float]
    evidence: dict[str, Any]
    entities: list[EntityRow]
    dates: list[DateRow]
    quotes: list[QuoteRow]
    facts: FactTable
    framing: list[NamingRow]
    summary: list[SummarySentence]
    timeline: list[dict[str, Any]] = field(default_factory=list)
    labels: list[dict[str, Any]] = field(default_factory=list)  # every naming label with its offsets

    def to_dict(self) -> dict[str, Any]:
        """The comparison as plain JSON-ready data, contract keys first."""
        return {
            "articles": [article.to_dict(i) for i, article in enumerate(self.articles)],
            "same_story": self.same_story,
            "scores": self.scores,
            "evidence": self.evidence,
            "entities": [asdict(row) for row in self.entities],
            "dates": [asdict(row) for row in self.dates],
            "quotes": [asdict(row) for row in self.quotes],
            "facts": self.facts.to_dict(),
            "framing": [asdict(row) for row in self.framing],
            "summary": [asdict(row) for row in self.summary],
            "scale": "1 = very similar ... 4 = very dissimilar",
            "timeline": self.timeline,
            "labels": self.labels,
        }


@dataclass(slots=True)
class Story:
    """A group of articles the clusterer holds to report one event."""

    id: str
    title: str
    article_ids: list[str]
    outlets: list[str]
    languages: list[str]
    first_seen: datetime | None
    last_seen: datetime | None
    duplicates: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Outlet:
    """A news outlet as an outlets file describes it; `lean` is one of the five-point scale (left, lean-left,
    center, lean-right, right) or None when the file gives no rating."""

    name: str
    domains: tuple[str, ...] = ()
    country: str = ""
    language: str = ""
    lean: str | None = None
    owner: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class FeedState:
    """What a watched feed last answered, kept in the store so the next poll (in this process or after a restart)
    sends a conditional GET and skips the entries already taken."""

    url: str
    etag: str = ""
    last_modified: str = ""
    checked_at: str = ""
