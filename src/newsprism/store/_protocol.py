"""The one interface every store offers; SQLite is the embedded default, PostgreSQL the shared one."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from newsprism.store._outcome import Added
from newsprism.store._search import Source, StoryPage, StoryQuery
from newsprism.types import Analysis, Article, FeedState, Story


class Store(Protocol):
    """Articles, their analyses and the stories they form; every write commits on its own."""

    def add(self, analysis: Analysis) -> Added:
        """Store an article with its analysis, deciding inside the write transaction: stored, already stored (the
        same report, outlet and text, under this id or another) or refused (the id holds a different report)."""

    def find(self, article: Article) -> str | None:
        """The stored id of the same report (outlet and text) or of the same id, if any."""

    def contains(self, article: Article) -> bool: ...

    def get_article(self, article_id: str) -> Article | None: ...

    def get_analysis(self, article_id: str) -> Analysis | None: ...

    def iter_articles(self) -> Iterator[Article]: ...

    def count(self) -> int: ...

    def stale_analyses(self, version: int) -> list[str]:
        """Ids of the articles whose stored analysis was made by another analysis version."""

    def replace_analysis(self, analysis: Analysis) -> None:
        """Replace the stored analysis of an article already stored."""

    def save_story(self, story: Story) -> None: ...

    def get_story(self, story_id: str) -> Story | None: ...

    def iter_stories(self) -> Iterator[Story]: ...

    def delete_story(self, story_id: str) -> None: ...

    def record_event(self, story_id: str, kind: str, reason: str) -> None: ...

    def events(self, story_id: str) -> list[dict[str, str]]: ...

    def search_stories(self, query: StoryQuery) -> StoryPage:
        """One page of the stories matching `query` (full text, dates, language, sources), with the total."""

    def story_sources(self) -> list[Source]:
        """Every distinct (outlet, URL host) the reports of stored stories come from."""

    def stories_with(self, article_id: str) -> list[str]:
        """Ids of the stories that hold this report, newest first."""

    def feed_state(self, url: str) -> FeedState | None:
        """What the feed at `url` last answered (ETag, Last-Modified), or None before its first poll."""

    def save_feed_state(self, state: FeedState) -> None:
        """Replace what is kept of a feed's last answer."""

    def seen_entries(self, feed_url: str, keys: Iterable[str]) -> set[str]:
        """Those of `keys` (entry keys of one feed) already taken in an earlier poll."""

    def mark_entries_seen(self, feed_url: str, keys: Iterable[str]) -> None:
        """Record entries as taken (stored, already stored or refused), so no later poll takes them again."""

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...
