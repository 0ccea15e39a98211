"""newsprism: one news story through many outlets, offline."""

import sys
import types
from typing import TYPE_CHECKING, Any

from newsprism._errors import InputError, ModelError, NewsprismError, NotFittedError, StoreError
from newsprism._lazy import lazy_exports

if TYPE_CHECKING:
    from newsprism.analyze import AnalyzeOptions, analyze, analyze_many
    from newsprism.cluster import ClusterOptions, StoryClusterer
    from newsprism.compare import CompareOptions, SimilarityModel, compare_analyses
    from newsprism.ingest import ReadOptions, read_article, read_records
    from newsprism.store import open_store
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

# Every public name is imported on first use: `newsprism --help` and the errors need none of the stages, whose
# imports (numpy, spaCy, the encoders, scikit-learn) cost seconds.
_TYPES = ("DIMENSIONS", "Analysis", "Article", "Comparison", "DateRef", "Entity", "Fact", "Label", "Mention")
_LAZY = {
    **{name: "newsprism.types" for name in (*_TYPES, "Quote", "Span", "Story")},
    "AnalyzeOptions": "newsprism.analyze",
    "analyze_many": "newsprism.analyze",
    "ClusterOptions": "newsprism.cluster",
    "StoryClusterer": "newsprism.cluster",
    "CompareOptions": "newsprism.compare",
    "SimilarityModel": "newsprism.compare",
    "compare_analyses": "newsprism.compare",
    "ReadOptions": "newsprism.ingest",
    "read_article": "newsprism.ingest",
    "read_records": "newsprism.ingest",
    "open_store": "newsprism.store",
}


__getattr__, _lazy_dir = lazy_exports(globals(), __name__, _LAZY)


def __dir__() -> list[str]:
    return sorted({*_lazy_dir(), "analyze", "compare"})


class _Package(types.ModuleType):
    """The package module, whose `compare` and `analyze` are always the functions of the public API.

    Importing the subpackage `newsprism.compare` binds its name on the package after this module has run (the
    stages load lazily); the function keeps the name, and the subpackage stays importable by its full name.
    """

    @property
    def compare(self) -> Any:
        from newsprism._api import compare

        return compare

    @compare.setter
    def compare(self, value: Any) -> None:
        """The import system binding the subpackage: it is reachable through `sys.modules` already."""

    @property
    def analyze(self) -> Any:
        from newsprism.analyze import analyze

        return analyze

    @analyze.setter
    def analyze(self, value: Any) -> None:
        """As for `compare`: the function keeps the name when the subpackage `newsprism.analyze` is imported."""


sys.modules[__name__].__class__ = _Package


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
