"""Analysis scaled out with Dask: the same `analyze_many` mapped over partitions of articles.

A local cluster (one worker process per core) by default, or any running Dask scheduler by address. Each worker
loads the models once, on its first partition; results come back in input order. Nothing here schedules work
itself: Dask does.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from newsprism._errors import NewsprismError
from newsprism.analyze import AnalyzeOptions, analyze_many
from newsprism.types import Analysis, Article

PARTITION_SIZE = 64


@dataclass(frozen=True, slots=True, kw_only=True)
class ScaleOptions:
    """Where and how to run: a scheduler address (None: a local cluster) and the partition size."""

    address: str | None = None
    partition_size: int = PARTITION_SIZE
    local_workers: int | None = None
    local_processes: bool = True


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


def _analyse_partition(articles: list[Article], options: AnalyzeOptions | None) -> list[Analysis]:
    # Models load once per worker process and stay cached there.
    return analyze_many(articles, options)


def analyze_distributed(
    articles: Sequence[Article], options: ScaleOptions | None = None, analyze_options: AnalyzeOptions | None = None
) -> list[Analysis]:
    """Analyses of `articles`, in order, computed on a Dask cluster."""
    options = options or ScaleOptions()
    size = max(options.partition_size, 1)
    partitions = [list(articles[i : i + size]) for i in range(0, len(articles), size)]
    if not partitions:
        return []
    with dask_client(options) as client:
        futures = client.map(_analyse_partition, partitions, [analyze_options] * len(partitions), pure=False)
        return [analysis for batch in client.gather(futures) for analysis in batch]
