"""newsprism: one news story through many outlets, offline."""

import importlib
from typing import Any

from newsprism._api import compare
from newsprism._errors import InputError, ModelError, NewsprismError, NotFittedError, StoreError
from newsprism.analyze import AnalyzeOptions, analyze, analyze_many
from newsprism.compare import CompareOptions, SimilarityModel, compare_analyses
from newsprism.ingest import ReadOptions, read_article, read_records
from newsprism.types import (
    DIMENSIONS,
    Analysis,
    Article,
    Comparison,
    DateRef,
    Entity,
    Fact,
    Label,
    Mention,
    Quote,
    Span,
    Story,
)

__version__ = "0.1.0"

# Imported on first use: clustering and the stores pull in libraries every other command can do without.
_LAZY = {"ClusterOptions": "newsprism.cluster", "StoryClusterer": "newsprism.cluster", "open_store": "newsprism.store"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'newsprism' has no attribute {name!r}")


__all__ = [
    "Analysis",
    "AnalyzeOptions",
    "Article",
    "ClusterOptions",
    "CompareOptions",
    "Comparison",
    "DIMENSIONS",
    "DateRef",
    "Entity",
    "Fact",
    "InputError",
    "Label",
    "Mention",
    "ModelError",
    "NewsprismError",
    "NotFittedError",
    "Quote",
    "ReadOptions",
    "SimilarityModel",
    "Span",
    "StoreError",
    "Story",
    "StoryClusterer",
    "__version__",
    "analyze",
    "analyze_many",
    "compare",
    "compare_analyses",
    "open_store",
    "read_article",
    "read_records",
]
