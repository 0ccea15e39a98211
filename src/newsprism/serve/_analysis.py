"""Analyses for the server, in worker processes: a long article's analysis holds the interpreter lock for long
stretches (spaCy, the encoders), and in a thread it would stall every other request, readers included."""

from __future__ import annotations

import contextlib
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

from newsprism.analyze import analyze_many
from newsprism.types import Analysis, Article

# Worker processes analysing for one server; each loads the models once, on its first article.
ANALYSIS_PROCESSES = 1
# How much lower than the server's the worker processes' scheduling priority is.
ANALYSIS_NICENESS = 10


class Analyser:
    """`analyse(articles)` on `processes` worker processes (started on first use), or in the calling thread when
    `processes` is 0."""

    def __init__(self, processes: int = ANALYSIS_PROCESSES) -> None:
        self.processes = processes
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def __call__(self, articles: list[Article]) -> list[Analysis]:
        if self.processes <= 0:
            return analyze_many(articles)
        executor = self._executor()
        try:
            return executor.submit(analyze_many, articles).result()
        except BrokenProcessPool:  # a worker died (out of memory, killed): the next request starts a fresh one
            self._discard(executor)
            raise

    def _discard(self, executor: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is executor:
                self._pool = None
        executor.shutdown(wait=False, cancel_futures=True)

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    self.processes, mp_context=get_context("spawn"), initializer=_lower_priority
                )
            return self._pool

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)
                self._pool = None


def _lower_priority() -> None:
    """Analysis is background work: on a busy machine, the threads answering requests get the CPU first."""
    with contextlib.suppress(AttributeError, OSError):  # os.nice is POSIX-only
        os.nice(ANALYSIS_NICENESS)
