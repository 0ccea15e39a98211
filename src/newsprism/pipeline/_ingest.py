"""Ingesting a batch: read, analyse (here or on Dask), store each article in its own transaction, report truly."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsprism._console import Console
from newsprism.ingest import ReadOptions
from newsprism.outlets import OutletDirectory
from newsprism.pipeline._analyse import analyse_in_batches, reported
from newsprism.pipeline._read import id_taken_message, iter_articles, known_outcome, with_distinct_ids
from newsprism.store import Added, Outcome, Store
from newsprism.types import Analysis, Article

if TYPE_CHECKING:
    from newsprism.scale import ScaleOptions


@dataclass(slots=True)
class IngestResult:
    """What a batch did: counts a caller can report."""

    stored: int = 0
    already_stored: int = 0
    failed: int = 0


def store_one(store: Store, analysis: Analysis, console: Console) -> Added:
    """Store one analysis and report what the store decided: a refused id is one error line naming the source."""
    added = store.add(analysis)
    if added.outcome is Outcome.REFUSED:
        console.error(id_taken_message(analysis.article))
    elif added.outcome is Outcome.ALREADY_STORED:
        console.debug(f"{analysis.article.source}: already stored as {added.id}")
    return added


def ingest_paths(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    console: Console,
    read_options: ReadOptions | None = None,
    scale: ScaleOptions | None = None,
    outlets: OutletDirectory | None = None,
) -> IngestResult:
    """Read, analyse (locally, or on Dask when `scale` is given) and store; stored content is not analysed again.
    Every count comes from what the store decided when writing, so a writer racing this one changes the answer
    (already stored, or refused) but never loses an article silently. With `outlets`, articles are stored under
    the names the outlets file gives their outlets."""
    result = IngestResult()
    failures_before = console.failures

    def fresh() -> Iterator[Article]:
        for article in with_distinct_ids(iter_articles(paths, console, read_options, outlets), store, console):
            known = known_outcome(store, article)
            if known is None:
                yield article
            elif known.outcome is Outcome.REFUSED:
                console.error(id_taken_message(article))
            else:
                result.already_stored += 1
                console.debug(f"{article.source}: already stored as {known.id}")

    for analysis in console.track(analyse(fresh(), console, scale), "ingesting"):
        outcome = store_one(store, analysis, console).outcome
        if outcome is Outcome.STORED:
            result.stored += 1
        elif outcome is Outcome.ALREADY_STORED:
            result.already_stored += 1
    result.failed = console.failures - failures_before
    return result


def analyse(articles: Iterable[Article], console: Console, scale: ScaleOptions | None = None) -> Iterator[Analysis]:
    """Analyses in input order, here or on Dask (one cluster for the whole run); failures reported, skipped."""
    if scale is None:
        return analyse_in_batches(articles, console)
    from newsprism.scale import analyse_stream

    return reported(analyse_stream(articles, scale), console)
