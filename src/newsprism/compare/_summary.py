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
    """Shared facts in story order, each citing its articles; a few neutral unique facts when little is shared.

    A unique fact is eligible only if it is plain reporting: no quotation marks and no loaded label.
    """
    shared = [g for g in groups if len(g.articles) > 1 and not g.conflict][:SUMMARY_SENTENCES]
    rows = [_row(_neutral_member(g, analyses), g) for g in shared]
    rows.sort(key=lambda r: (r["from_article"], r["start"]))
    if len(rows) < SUMMARY_SENTENCES // 2:
        single = [g for g in groups if len(g.articles) == 1 and _is_plain(g.members[0], analyses)]
        single.sort(key=lambda g: g.members[0].fact.sentence)
        rows += [_row(g.members[0], g) for g in single[:UNIQUE_FACTS_IN_SUMMARY]]
    return rows


def _is_plain(ref: FactRef, analyses: list[Analysis]) -> bool:
    text = ref.fact.text
    return _loadedness(ref, analyses) == 0 and not any(mark in text for mark in '"“”«»„')


def _row(ref: FactRef, group: FactGroup) -> dict[str, Any]:
    return {
        "text": ref.fact.text,
        "articles": group.articles,
        "from_article": ref.article,
        "start": ref.fact.start,
        "end": ref.fact.end,
    }
