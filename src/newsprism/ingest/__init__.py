"""Ingest: read untrusted files and feeds into `Article` records, one reader per format."""

from newsprism.ingest._build import build_article, parse_published
from newsprism.ingest._decode import MAX_BYTES
from newsprism.ingest._language import detect_language
from newsprism.ingest._reader import ReadOptions, iter_files, read_article, read_fields, read_records

__all__ = [
    "MAX_BYTES",
    "ReadOptions",
    "build_article",
    "detect_language",
    "iter_files",
    "parse_published",
    "read_article",
    "read_fields",
    "read_records",
]
