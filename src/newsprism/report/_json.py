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
    return article.to_dict(index)


def comparison_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison as plain JSON-ready data, contract keys first."""
    return comparison.to_dict()


def render_json(comparison: Comparison) -> str:
    return json.dumps(comparison_dict(comparison), ensure_ascii=False, indent=2, default=str)
