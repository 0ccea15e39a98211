"""One exception family, so callers can catch everything newsprism raises with one clause."""

from __future__ import annotations


class NewsprismError(Exception):
    """Root of every error newsprism raises on purpose."""


class InputError(NewsprismError):
    """An input file or record cannot be read as an article."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class StoreError(NewsprismError):
    """The article store cannot be opened, read or written."""


class ModelError(NewsprismError):
    """A model package is missing or a model artefact cannot be loaded."""


class NotFittedError(NewsprismError):
    """A model was asked to predict before it was fitted."""
