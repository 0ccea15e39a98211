"""Input and output schemas of the API: loose JSON in, validated once at the edge, every field bounded."""

from __future__ import annotations

from pydantic import BaseModel, Field

from newsprism.ingest._build import (
    MAX_ID_CHARS,
    MAX_LANGUAGE_CHARS,
    MAX_OUTLET_CHARS,
    MAX_PUBLISHED_CHARS,
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    MAX_URL_CHARS,
)


class ArticleIn(BaseModel):
    """An article as a client sends it; `published` is a date string (a number is not a date)."""

    title: str = Field("", max_length=MAX_TITLE_CHARS)
    text: str = Field(..., min_length=1, max_length=MAX_TEXT_CHARS)
    outlet: str = Field("", max_length=MAX_OUTLET_CHARS)
    url: str = Field("", max_length=MAX_URL_CHARS)
    published: str | None = Field(None, max_length=MAX_PUBLISHED_CHARS)
    language: str = Field("", max_length=MAX_LANGUAGE_CHARS)
    id: str | None = Field(None, max_length=MAX_ID_CHARS)


class ArticleOut(BaseModel):
    """A stored article as it was stored (its text clean of control characters)."""

    id: str
    title: str
    text: str
    outlet: str
    url: str
    language: str
    published: str | None = Field(description="ISO 8601; without a UTC offset when the source gave none.")


class CompareIn(BaseModel):
    """Two to eight articles to compare."""

    articles: list[ArticleIn] = Field(..., min_length=2, max_length=8)


class StoredOut(BaseModel):
    """What the store decided: `stored` is false when the same report was already stored, under `id`."""

    id: str
    stored: bool


class ErrorOut(BaseModel):
    """Every error answer: one short message naming the culprit."""

    detail: str


_SEEN = "ISO 8601; without a UTC offset when the reports gave none (an RFC 3339 date-time needs one)"


class StoryOut(BaseModel):
    id: str
    title: str
    outlets: list[str]
    languages: list[str]
    first_seen: str | None = Field(description=f"When its first report was published: {_SEEN}.")
    last_seen: str | None = Field(description=f"When its latest report was published: {_SEEN}.")
    articles: list[str]
    duplicates: dict[str, str]


class CoverageOut(BaseModel):
    """Reports of a story per lean of their outlets ("unrated" included) and per country, and the side that
    ignores the story (a blindspot), if any."""

    by_lean: dict[str, int]
    by_country: dict[str, int]
    blindspot: str | None


class StoryItemOut(StoryOut):
    """A story as lists show it: the story and how its coverage spreads."""

    coverage: CoverageOut


class StoryListOut(BaseModel):
    """One page of stories and how many match in all."""

    total: int
    items: list[StoryItemOut]


class OutletOut(BaseModel):
    """An outlet as the outlets file describes it; `known` is false for an outlet only the stored reports name."""

    name: str
    domains: list[str]
    country: str
    language: str
    lean: str | None
    owner: str
    url: str
    known: bool


class OutletListOut(BaseModel):
    items: list[OutletOut]
