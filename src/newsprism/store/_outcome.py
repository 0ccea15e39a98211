"""What a write decided: stored, already stored, or refused — decided inside the store's transaction."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Outcome(StrEnum):
    """The three answers a write can get; callers report exactly this, never a guess made before writing."""

    STORED = "stored"
    ALREADY_STORED = "already_stored"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class Added:
    """The outcome of `Store.add` and the id that now holds the report.

    `id` is the article's own id when stored or refused, and the id the same report is kept under when it was
    already stored (possibly another id: one outlet's text is stored once). Truthy only when this call stored it,
    so `if store.add(analysis):` reads as before."""

    outcome: Outcome
    id: str

    def __bool__(self) -> bool:
        return self.outcome is Outcome.STORED
