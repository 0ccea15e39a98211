"""Pipeline: the orchestration every face calls (CLI, server, Dask): read -> analyse -> store -> cluster."""

from newsprism.pipeline._analyse import AnalysisFailure, analyse_in_batches, analyse_isolated
from newsprism.pipeline._cluster import (
    Placement,
    cluster_into_store,
    place_articles,
    publication_order,
    render_assignments,
    story_coverage,
    story_json,
)
from newsprism.pipeline._ingest import IngestResult, ingest_paths, store_one
from newsprism.pipeline._read import id_taken_message, iter_articles, with_distinct_ids
from newsprism.pipeline._reanalyze import (
    Reanalyzed,
    StaleAnalysesError,
    current_analyses,
    reanalyze_store,
    require_current_analyses,
)
from newsprism.pipeline._submit import submit_article
from newsprism.pipeline._watch import RoundResult, Watcher, watch_round

__all__ = [
    "AnalysisFailure",
    "IngestResult",
    "Placement",
    "Reanalyzed",
    "RoundResult",
    "StaleAnalysesError",
    "Watcher",
    "analyse_in_batches",
    "analyse_isolated",
    "cluster_into_store",
    "current_analyses",
    "id_taken_message",
    "ingest_paths",
    "iter_articles",
    "place_articles",
    "publication_order",
    "reanalyze_store",
    "render_assignments",
    "require_current_analyses",
    "store_one",
    "story_coverage",
    "story_json",
    "submit_article",
    "watch_round",
    "with_distinct_ids",
]
