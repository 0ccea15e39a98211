"""Batch ingestion: read many files, analyse in batches, store each article in its own transaction."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from newsprism._console import Console
from newsprism._errors import InputError, NewsprismError
from newsprism.analyze import AnalyzeOptions, analyze_many
from newsprism.ingest import ReadOptions, iter_files, read_records
from newsprism.scale import ScaleOptions
from newsprism.store import Store, content_hash, id_held_by_another
from newsprism.types import Analysis, Article

BATCH_SIZE = 32
# Articles sent to the Dask cluster at a time: results are stored (committed) after each round.
DISTRIBUTED_ROUND = 2048


@dataclass(slots=True)
class IngestResult:
    """What a batch did: counts a caller can report."""

    stored: int = 0
    already_stored: int = 0
    failed: int = 0


def iter_articles(
    paths: Iterable[str | os.PathLike[str]], console: Console, options: ReadOptions | None = None
) -> Iterator[Article]:
    """Articles of every file under `paths`; each bad file or record is reported once and skipped."""
    for path in iter_files(paths):
        for result in read_records(path, options):
            if isinstance(result, InputError):
                console.error(str(result))
            else:
                yield result


def analyse_in_batches(
    articles: Iterable[Article], console: Console, options: AnalyzeOptions | None = None
) -> Iterator[Analysis]:
    """Analyses in input order; an article the analysis chokes on is reported and skipped."""
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) == BATCH_SIZE:
            yield from _analyse_batch(batch, console, options)
            batch = []
    if batch:
        yield from _analyse_batch(batch, console, options)


def _analyse_batch(batch: list[Article], console: Console, options: AnalyzeOptions | None) -> Iterator[Analysis]:
    try:
        yield from analyze_many(batch, options)
        return
    except NewsprismError:
        raise
    except Exception:  # one article broke the batch: find it by analysing them one by one
        pass
    for article in batch:
        try:
            yield analyze_many([article], options)[0]
        except NewsprismError:
            raise
        except Exception as exc:
            console.error(f"{article.source or article.id}: analysis failed ({type(exc).__name__}: {exc})")


def with_distinct_ids(articles: Iterable[Article], store: Store, console: Console) -> Iterator[Article]:
    """The articles whose id is not already taken by a different article, in the store or earlier in this input.

    An input's own ids are kept (they are what a user's TSV and JSON refer back to), so two sources that both
    number their articles from 1 collide. Storing is insert-or-ignore, so the second would silently become the
    first; it is reported (one error line naming its source) and skipped instead. The same report read again,
    under its id or another, is not a conflict: the store keeps each outlet's text once."""
    seen: dict[str, str] = {}  # id -> content hash of the article read under it
    for article in articles:
        digest = content_hash(article)
        earlier = seen.get(article.id)
        if (earlier is not None and earlier != digest) or (earlier is None and id_held_by_another(store, article)):
            console.error(
                f"{article.source or article.id}: article id {article.id!r} already belongs to a different article; "
                "skipped (give it an id of its own)"
            )
            continue
        seen[article.id] = digest
        yield article


def ingest_paths(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    console: Console,
    read_options: ReadOptions | None = None,
    scale: ScaleOptions | None = None,
) -> IngestResult:
    """Read, analyse (locally, or on Dask when `scale` is given) and store; stored content is not analysed again."""
    result = IngestResult()
    failures_before = console.failures

    def fresh() -> Iterator[Article]:
        for article in with_distinct_ids(iter_articles(paths, console, read_options), store, console):
            if store.contains(article):
                result.already_stored += 1
                console.debug(f"{article.source}: already stored as {article.id}")
            else:
                yield article

    analyses = analyse_in_batches(fresh(), console) if scale is None else _distributed(fresh(), scale)
    for analysis in console.track(analyses, "ingesting"):
        if store.add(analysis):
            result.stored += 1
        else:
            result.already_stored += 1
    result.failed = console.failures - failures_before
    return result


def _distributed(articles: Iterable[Article], scale: ScaleOptions) -> Iterator[Analysis]:
    from newsprism.scale import analyze_distributed

    pending: list[Article] = []
    for article in articles:
        pending.append(article)
        if len(pending) == DISTRIBUTED_ROUND:
            yield from analyze_distributed(pending, scale)
            pending = []
    if pending:
        yield from analyze_distributed(pending, scale)
