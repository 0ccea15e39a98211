"""The public Python API: plain functions over the stage functions, taking loose inputs once at the edge."""

from __future__ import annotations

import os

from newsprism.analyze import AnalyzeOptions, analyze_many
from newsprism.compare import CompareOptions, compare_analyses
from newsprism.ingest import read_article
from newsprism.types import Analysis, Article, Comparison

ArticleLike = Article | Analysis | str | os.PathLike[str]


def _as_analyses(items: tuple[ArticleLike, ...], options: AnalyzeOptions | None) -> list[Analysis]:
    articles = [read_article(x) if isinstance(x, (str, os.PathLike)) else x for x in items]
    pending = [a for a in articles if isinstance(a, Article)]
    done = iter(analyze_many(pending, options)) if pending else iter(())
    return [next(done) if isinstance(a, Article) else a for a in articles]


def compare(
    first: ArticleLike,
    second: ArticleLike,
    *more: ArticleLike,
    analyze_options: AnalyzeOptions | None = None,
    options: CompareOptions | None = None,
) -> Comparison:
    """Compare two or more reports given as articles, analyses or file paths."""
    return compare_analyses(_as_analyses((first, second, *more), analyze_options), options)
