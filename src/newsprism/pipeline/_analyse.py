"""Analysing a batch: in input order, one article's failure isolated from the rest (locally and on Dask)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from newsprism._console import Console
from newsprism._errors import NewsprismError
from newsprism.analyze import AnalyzeOptions, analyze_many
from newsprism.types import Analysis, Article

BATCH_SIZE = 32


@dataclass(frozen=True, slots=True)
class AnalysisFailure:
    """An article the analysis choked on: reported with its source, and the batch goes on."""

    article: Article
    reason: str

    def message(self) -> str:
        return f"{self.article.source or self.article.id}: analysis failed ({self.reason})"


def analyse_isolated(
    articles: list[Article], options: AnalyzeOptions | None = None
) -> list[Analysis | AnalysisFailure]:
    """Analyses of `articles` in order; when the batch breaks, each article is retried alone so that only the one
    that broke it fails. A `NewsprismError` (a missing model) is not one article's fault and stops the run."""
    try:
        return list(analyze_many(articles, options))
    except NewsprismError:
        raise
    except Exception:  # one article broke the batch: find it by analysing them one by one
        if len(articles) == 1:
            return [_alone(articles[0], options)]
    return [_alone(article, options) for article in articles]


def _alone(article: Article, options: AnalyzeOptions | None) -> Analysis | AnalysisFailure:
    try:
        return analyze_many([article], options)[0]
    except NewsprismError:
        raise
    except Exception as exc:
        return AnalysisFailure(article, f"{type(exc).__name__}: {exc}")


def chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Consecutive lists of at most `size` items, read lazily."""
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def reported(results: Iterable[Analysis | AnalysisFailure], console: Console) -> Iterator[Analysis]:
    """The analyses; each failure becomes one error line."""
    for result in results:
        if isinstance(result, AnalysisFailure):
            console.error(result.message())
        else:
            yield result


def analyse_in_batches(
    articles: Iterable[Article], console: Console, options: AnalyzeOptions | None = None
) -> Iterator[Analysis]:
    """Analyses in input order, batch by batch; an article the analysis chokes on is reported and skipped."""
    for batch in chunks(articles, BATCH_SIZE):
        yield from reported(analyse_isolated(batch, options), console)
