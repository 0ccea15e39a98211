"""The JSON contract of `compare`: keys are stable; new keys may be added, none renamed."""

from __future__ import annotations

import json
from typing import Any

from newsprism.types import Article, Comparison

CONTRACT_KEYS = (
    "articles",
    "same_story",
    "scores",
    "evidence",
    "entities",
    "dates",
    "quotes",
    "facts",
    "framing",
    "summary",
)


def article_json(article: Article, index: int) -> dict[str, Any]:
    return {
        "index": index,
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "language": article.language,
        "source": article.source,
    }


def comparison_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison as plain JSON-ready data, contract keys first."""
    return {
        "articles": [article_json(a, i) for i, a in enumerate(comparison.articles)],
        "same_story": comparison.same_story,
        "scores": comparison.scores,
        "evidence": comparison.evidence,
        "entities": comparison.entities,
        "dates": comparison.dates,
        "quotes": comparison.quotes,
        "facts": comparison.facts,
        "framing": comparison.framing,
        "summary": comparison.summary,
        "scale": "1 = very similar ... 4 = very dissimilar",
        "timeline": comparison.timeline,
        "labels": comparison.labels,
    }


def render_json(comparison: Comparison) -> str:
    return json.dumps(comparison_dict(comparison), ensure_ascii=False, indent=2, default=str)
