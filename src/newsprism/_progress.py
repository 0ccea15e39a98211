"""Progress of long work: a rich bar with rate and ETA on a terminal, a plain line now and then elsewhere.

Both are driven through one `Advance` callable, so a stage reports progress the same way wherever it runs.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol, TextIO

# A log or a pipe gets one line at most this often, and a final one only if a line was written: short work
# stays silent there.
PLAIN_EVERY_SECONDS = 10.0


class Advance(Protocol):
    def __call__(self, advance: int = 1, *, completed: int | None = None, total: int | None = None) -> None:
        """Count `advance` more items done, or set the `completed` count (and the `total` when it is learnt)."""


class PlainProgress:
    """Counts items and writes `description: done/total (rate/s, ETA)` to a stream, at most every few seconds."""

    def __init__(self, description: str, total: int | None, stream: TextIO, clock: Any = time.monotonic) -> None:
        self.description = description
        self.total = total
        self.done = 0
        self._stream = stream
        self._clock = clock
        self._started = clock()
        self._last_line = self._started
        self.lines = 0

    def __call__(self, advance: int = 1, *, completed: int | None = None, total: int | None = None) -> None:
        self.done = completed if completed is not None else self.done + advance
        self.total = total if total is not None else self.total
        now = self._clock()
        if now - self._last_line >= PLAIN_EVERY_SECONDS:
            self._write(now)

    def finish(self) -> None:
        """The closing line, written only when progress lines were written before it."""
        if self.lines:
            self._write(self._clock())

    def line(self, now: float) -> str:
        elapsed = max(now - self._started, 1e-9)
        rate = self.done / elapsed
        count = f"{self.done}/{self.total}" if self.total is not None else str(self.done)
        eta = ""
        if self.total is not None and rate > 0 and self.done < self.total:
            eta = f", ETA {_duration((self.total - self.done) / rate)}"
        return f"{self.description}: {count} ({rate:.1f}/s, {_duration(elapsed)} elapsed{eta})"

    def _write(self, now: float) -> None:
        print(self.line(now), file=self._stream, flush=True)
        self._last_line = now
        self.lines += 1


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m{secs:02d}s" if hours else f"{minutes}m{secs:02d}s"


@contextmanager
def plain_progress(description: str, total: int | None, stream: TextIO | None = None) -> Iterator[Advance]:
    bar = PlainProgress(description, total, stream or sys.stderr)
    yield bar
    bar.finish()


@contextmanager
def rich_progress(description: str, total: int | None) -> Iterator[Advance]:
    """A transient bar on stderr: count, items per second, elapsed and remaining time."""
    from rich.console import Console as RichConsole
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=RichConsole(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total, rate="")

        def advance(advance: int = 1, *, completed: int | None = None, total: int | None = None) -> None:
            kwargs: dict[str, Any] = {"completed": completed} if completed is not None else {"advance": advance}
            if total is not None:
                kwargs["total"] = total
            bar.update(task, **kwargs)
            speed = bar.tasks[task].speed
            bar.update(task, rate=f"{speed:.1f}/s" if speed else "")

        yield advance
