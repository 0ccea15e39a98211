"""Input and output schemas of the API: loose JSON in, validated once at the edge."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class ArticleIn(BaseModel):
    """An article as a client sends it."""

    title: str = Field("", max_length=2_000)
    text: str = Field(..., min_length=1, max_length=2_000_000)
    outlet: str = ""
    url: str = ""
    published: datetime | str | None = None
    language: str = ""
    id: str | None = None


class CompareIn(BaseModel):
    """Two to eight articles to compare."""

    articles: list[ArticleIn] = Field(..., min_length=2, max_length=8)


class StoredOut(BaseModel):
    id: str
    stored: bool


class StoryOut(BaseModel):
    id: str
    title: str
    outlets: list[str]
    languages: list[str]
    first_seen: datetime | None
    last_seen: datetime | None
    articles: list[str]
    duplicates: dict[str, str]
