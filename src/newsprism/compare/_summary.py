"""A neutral extractive summary: shared facts first, each sentence citing the articles that support it.

For each group of aligned facts the least loaded wording is chosen, so the summary does not inherit
one outlet's labels when another outlet says the same thing plainly.
"""

from __future__ import annotations

from typing import Any

from newsprism.compare._align import FactGroup, FactRef
from newsprism.types import Analysis

SUMMARY_SENTENCES = 6
# Unique facts enter the summary only when few facts are shared, and at most this many.
UNIQUE_FACTS_IN_SUMMARY = 2


def _loadedness(ref: FactRef, analyses: list[Analysis]) -> int:
    return sum(
        1 for label in analyses[ref.article].labels if label.loaded and ref.fact.start <= label.start < ref.fact.end
    )


def _neutral_member(group: FactGroup, analyses: list[Analysis]) -> FactRef:
    return min(group.members, key=lambda r: (_loadedness(r, analyses), len(r.fact.text)))


def cited_summary(analyses: list[Analysis], groups: list[FactGroup]) -> list[dict[str, Any]]:
    """Up to `SUMMARY_SENTENCES` sentences, in story order, each with the articles that support it."""
    shared = [g for g in groups if len(g.articles) > 1 and not g.conflict]
    chosen = shared[:SUMMARY_SENTENCES]
    if len(chosen) < SUMMARY_SENTENCES:
        single = [g for g in groups if len(g.articles) == 1 and g.members[0].fact.sentence <= 3]
        chosen += single[: min(UNIQUE_FACTS_IN_SUMMARY, SUMMARY_SENTENCES - len(chosen))]
    rows = []
    for group in chosen:
        ref = _neutral_member(group, analyses)
        rows.append(
            {
                "text": ref.fact.text,
                "articles": group.articles,
                "from_article": ref.article,
                "start": ref.fact.start,
                "end": ref.fact.end,
                "_order": ref.fact.sentence,
            }
        )
    rows.sort(key=lambda r: (r["_order"], r["from_article"]))
    for row in rows:
        del row["_order"]
    return rows
