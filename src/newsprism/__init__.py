"""newsprism: one news story through many outlets, offline."""

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

__all__ = [
    "Analysis",
    "AnalyzeOptions",
    "Article",
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
    "__version__",
    "analyze",
    "analyze_many",
    "compare",
    "compare_analyses",
    "read_article",
    "read_records",
]
