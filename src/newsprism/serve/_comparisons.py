"""A story's comparison for its page and the API, computed once per story version and kept in memory.

The models stay loaded in the server process, and a comparison of eight reports costs seconds; the same story
asked for again (the same reports chosen, the same analyses) is answered from the cache. The key holds the story
id, the chosen article ids and each analysis version, so a story that gains a report, or a report analysed again,
is compared afresh.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from newsprism.compare import compare_analyses
from newsprism.pipeline import current_analyses
from newsprism.store import Store
from newsprism.types import Analysis, Comparison, Story

# At most this many reports are compared at once on a page (the API's bound on compared articles too).
MAX_COMPARED = 8
# Comparisons kept per server process; each is a few hundred kilobytes at most.
CACHE_SIZE = 64

CacheKey = tuple[str, tuple[tuple[str, int], ...]]


class ComparisonCache:
    """A bounded least-recently-used map from story version to comparison, safe across request threads."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._items: OrderedDict[CacheKey, Comparison] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: CacheKey) -> Comparison | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                self.hits += 1
            else:
                self.misses += 1
            return found

    def put(self, key: CacheKey, comparison: Comparison) -> None:
        with self._lock:
            self._items[key] = comparison
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


def distinct_reports(story: Story) -> list[str]:
    """The story's reports that are not copies of another, in story order."""
    return [i for i in story.article_ids if i not in story.duplicates]


def chosen_reports(story: Story, wanted: list[str]) -> list[str]:
    """The reports to compare: those `wanted` that belong to the story (in story order), else the first ones;
    never more than `MAX_COMPARED`."""
    reports = distinct_reports(story)
    picked = [i for i in reports if i in set(wanted)] if wanted else []
    return (picked if len(picked) >= 2 else reports)[:MAX_COMPARED]


def load_analyses(store: Store, article_ids: list[str]) -> list[Analysis]:
    return [a for a in (store.get_analysis(i) for i in article_ids) if a is not None]


def compare_cached(story: Story, analyses: list[Analysis], cache: ComparisonCache) -> Comparison:
    """The comparison of these analyses of `story`, from the cache when this story version was compared; stored
    analyses of another analysis version are made again first (see `current_analyses`)."""
    key: CacheKey = (story.id, tuple((a.article.id, a.version) for a in analyses))
    found = cache.get(key)
    if found is None:
        found = compare_analyses(current_analyses(analyses))
        cache.put(key, found)
    return found
