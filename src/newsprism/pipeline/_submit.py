"""One article from a client (the API): analysed outside the store's lock, decided inside its transaction."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

from newsprism.analyze import analyze_many
from newsprism.pipeline._read import known_outcome
from newsprism.store import Added, Store
from newsprism.types import Analysis, Article


def submit_article(
    article: Article,
    store: Store,
    lock: AbstractContextManager,
    analyse: Callable[[list[Article]], list[Analysis]] = analyze_many,
) -> Added:
    """Store one article and say what happened. A cheap look first spares the analysis of a report already
    stored or an id already taken; `analyse` (the slow part; the server's runs in worker processes) runs
    without the lock, so readers are not held up; the store then decides again inside its transaction, which
    settles any race with another writer."""
    with lock:
        known = known_outcome(store, article)
    if known is not None:
        return known
    analysis = analyse([article])[0]
    with lock:
        return store.add(analysis)
