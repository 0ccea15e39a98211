"""`newsprism reanalyze`: bring stored analyses up to the analysis version this newsprism makes.

The models score features of the current analysis; an analysis stored by an older version would be scored by
models fitted on something else. Each article is analysed again from its stored text and its new analysis written
in its own transaction, so an interrupted run loses nothing and a second run takes up only what is left.
Clustering does the same first (`require_current_analyses`): a story is never built from analyses of two versions,
and a story's coverage view compares analyses of this version only (`current_analyses`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsprism._console import Console
from newsprism._errors import NewsprismError
from newsprism.store import Store
from newsprism.types import Analysis, Article

if TYPE_CHECKING:
    from newsprism.scale import ScaleOptions

# Articles read from the store at a time: the texts of one batch are all that is held in memory.
REANALYZE_BATCH = 256
# Stale ids named in the refusal to cluster; the rest are counted.
NAMED_IDS = 3


class StaleAnalysesError(NewsprismError):
    """Stored analyses of another analysis version could not be made again, so clustering them would mix versions."""


@dataclass(frozen=True, slots=True)
class Reanalyzed:
    """What a run did: analyses brought up to date, articles that failed, and the version they now carry."""

    updated: int
    failed: int
    version: int

    def line(self) -> str:
        return f"reanalyzed={self.updated} failed={self.failed} analysis_version={self.version}"


def _stale_articles(store: Store, ids: list[str]) -> Iterator[Article]:
    for article_id in ids:
        article = store.get_article(article_id)
        if article is not None:
            yield article


def reanalyze_store(
    store: Store, console: Console, scale: ScaleOptions | None = None, limit: int | None = None
) -> Reanalyzed:
    """Analyse again every stored article whose analysis is of another version (at most `limit` of them), here
    or on Dask (`scale`), writing each new analysis as soon as it is made."""
    from newsprism.analyze._pipeline import ANALYSIS_VERSION
    from newsprism.pipeline._ingest import analyse

    stale = store.stale_analyses(ANALYSIS_VERSION)[:limit]
    console.info(f"{len(stale)} stored analyses are not of version {ANALYSIS_VERSION}")
    failures_before, updated = console.failures, 0
    for start in range(0, len(stale), REANALYZE_BATCH):
        batch = list(_stale_articles(store, stale[start : start + REANALYZE_BATCH]))
        for analysis in analyse(batch, console, scale):
            store.replace_analysis(analysis)
            updated += 1
    return Reanalyzed(updated, console.failures - failures_before, ANALYSIS_VERSION)


def current_analyses(analyses: list[Analysis]) -> list[Analysis]:
    """The analyses to compare, each made by another analysis version analysed again from its article: reports
    analysed by two versions are never compared, and a comparison is never judged by models fitted on another
    version's features. The store is left as it is (`newsprism reanalyze` updates it)."""
    from newsprism.analyze import analyze_many
    from newsprism.analyze._pipeline import ANALYSIS_VERSION

    stale = [a.article for a in analyses if a.version != ANALYSIS_VERSION]
    if not stale:
        return analyses
    fresh = iter(analyze_many(stale))
    return [a if a.version == ANALYSIS_VERSION else next(fresh) for a in analyses]


def require_current_analyses(store: Store, console: Console) -> None:
    """Before clustering: analyse again every stored analysis of another version; refuse (`StaleAnalysesError`,
    naming `newsprism reanalyze`) when any is left, since a story of two versions' features would be judged by
    models fitted on one."""
    from newsprism.analyze._pipeline import ANALYSIS_VERSION

    if not store.stale_analyses(ANALYSIS_VERSION):
        return
    console.info(f"analysing again the stored analyses not of version {ANALYSIS_VERSION} before clustering")
    reanalyze_store(store, console)
    left = store.stale_analyses(ANALYSIS_VERSION)
    if left:
        named = ", ".join(left[:NAMED_IDS]) + (f" and {len(left) - NAMED_IDS} more" if len(left) > NAMED_IDS else "")
        raise StaleAnalysesError(
            f"{len(left)} stored analyses are not of version {ANALYSIS_VERSION} and could not be made again "
            f"({named}); clustering them would mix analysis versions (`newsprism reanalyze` says why each one fails)"
        )
