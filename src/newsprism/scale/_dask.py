"""Analysis scaled out with Dask: the pipeline's own `analyse_isolated` mapped over partitions of articles.

A local cluster (one worker process per core) by default, or any running Dask scheduler by address. One client
(and so one local cluster, whose workers load the models once) serves a whole run however many rounds it takes;
an article the analysis chokes on comes back as a failure of its own while the rest of its partition goes on.
Results come back in input order. Nothing here schedules work itself: Dask does.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from newsprism._errors import NewsprismError
from newsprism.analyze import AnalyzeOptions
from newsprism.pipeline._analyse import AnalysisFailure, analyse_isolated, chunks
from newsprism.types import Analysis, Article

PARTITION_SIZE = 64
# Articles sent to the cluster at a time: results are stored (committed) after each round.
ROUND_SIZE = 2048


@dataclass(frozen=True, slots=True, kw_only=True)
class ScaleOptions:
    """Where and how to run: a scheduler address (None: a local cluster) and the partition size."""

    address: str | None = None
    partition_size: int = PARTITION_SIZE
    local_workers: int | None = None
    local_processes: bool = True
    round_size: int = ROUND_SIZE


@contextmanager
def dask_client(options: ScaleOptions):
    """A Dask client for the address, or for a local cluster that lives as long as the block."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise NewsprismError("Dask is not installed: pip install 'newsprism[scale]'") from exc
    if options.address:
        client = Client(options.address)
        try:
            yield client
        finally:
            client.close()
        return
    workers = options.local_workers or os.cpu_count() or 1
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=options.local_processes, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _round(client, articles: list[Article], size: int, analyze_options: AnalyzeOptions | None) -> Iterator:
    partitions = list(chunks(articles, max(size, 1)))
    futures = client.map(analyse_isolated, partitions, [analyze_options] * len(partitions), pure=False)
    for batch in client.gather(futures):
        yield from batch


def analyse_stream(
    articles: Iterable[Article], options: ScaleOptions | None = None, analyze_options: AnalyzeOptions | None = None
) -> Iterator[Analysis | AnalysisFailure]:
    """Analyses (or failures) of `articles`, in order, round by round on one Dask client for the whole stream."""
    options = options or ScaleOptions()
    rounds = chunks(articles, max(options.round_size, 1))
    first = next(rounds, None)
    if first is None:
        return
    with dask_client(options) as client:
        yield from _round(client, first, options.partition_size, analyze_options)
        for articles_of_round in rounds:
            yield from _round(client, articles_of_round, options.partition_size, analyze_options)


def analyze_distributed(
    articles: Sequence[Article], options: ScaleOptions | None = None, analyze_options: AnalyzeOptions | None = None
) -> list[Analysis]:
    """Analyses of `articles`, in order, computed on a Dask cluster; raises if any article fails."""
    results = list(analyse_stream(articles, options, analyze_options))
    failures = [r for r in results if isinstance(r, AnalysisFailure)]
    if failures:
        raise NewsprismError(failures[0].message())
    return results  # type: ignore[return-value]
