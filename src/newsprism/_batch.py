"""Batch ingestion lives in `newsprism.pipeline`; these names stay importable from here for existing callers."""

from newsprism.pipeline._analyse import BATCH_SIZE, analyse_in_batches
from newsprism.pipeline._ingest import IngestResult, ingest_paths
from newsprism.pipeline._read import iter_articles, with_distinct_ids

__all__ = ["BATCH_SIZE", "IngestResult", "analyse_in_batches", "ingest_paths", "iter_articles", "with_distinct_ids"]
