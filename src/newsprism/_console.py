"""Messages for people: errors and progress on stderr, quiet in pipes, one line per bad input."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from newsprism._progress import Advance, plain_progress, rich_progress

T = TypeVar("T")


def _ignore(advance: int = 1, *, completed: int | None = None, total: int | None = None) -> None:
    """Progress nobody sees."""


class Console:
    """Writes warnings, errors and progress to stderr, honouring --quiet and --verbose."""

    def __init__(self, quiet: bool = False, verbose: bool = False) -> None:
        self.quiet = quiet
        self.verbose = verbose
        self.failures = 0

    def error(self, message: str) -> None:
        """One line per failed item; counted so the command can exit non-zero."""
        self.failures += 1
        print(f"error: {message}", file=sys.stderr, flush=True)

    def info(self, message: str) -> None:
        if not self.quiet:
            print(message, file=sys.stderr, flush=True)

    def debug(self, message: str) -> None:
        if self.verbose:
            print(message, file=sys.stderr, flush=True)

    @contextmanager
    def progress(self, description: str, total: int | None = None) -> Iterator[Advance]:
        """A rich bar with rate and ETA on a terminal, a plain line every few seconds elsewhere, none if quiet."""
        if self.quiet:
            yield _ignore
        elif sys.stderr.isatty():
            with rich_progress(description, total) as advance:
                yield advance
        else:
            with plain_progress(description, total) as advance:
                yield advance

    def track(self, items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
        with self.progress(description, total) as advance:
            for item in items:
                yield item
                advance()
