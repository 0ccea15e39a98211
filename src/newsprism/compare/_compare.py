"""The comparison recipe: features and scores per pair, then the coverage of all articles side by side."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np

from newsprism.compare._align import FactGroup, align_facts
from newsprism.compare._coverage import date_table, framing_table, quote_table, timeline
from newsprism.compare._entities import merge_entities
from newsprism.compare._features import pair_features
from newsprism.compare._summary import cited_summary
from newsprism.types import (
    DIMENSIONS,
    Analysis,
    Comparison,
    ConflictingFacts,
    ConflictValue,
    EntityRow,
    Fact,
    FactRow,
    FactTable,
    OnlyFacts,
    SharedFacts,
)

# Probability at or above which a pair is called the same story, here and in the same-story model's `predict`.
SAME_STORY_MIN_PROBABILITY = 0.5


@dataclass(frozen=True, slots=True, kw_only=True)
class CompareOptions:
    """Settings of the comparison stage."""

    model_path: str | None = None
    same_story_model_path: str | None = None
    same_story_min_probability: float = SAME_STORY_MIN_PROBABILITY


def score_pair(
    a: Analysis, b: Analysis, options: CompareOptions | None = None
) -> tuple[dict[str, float], dict[str, Any]]:
    """The seven scores of a pair and the evidence behind them."""
    # Scorers, not the estimators: the same model files and numbers without importing scikit-learn (about a
    # second), which only training and the estimator API need. They load on first use, not at import.
    from newsprism.compare._decision import decision_row
    from newsprism.compare._scorers import same_story_scorer, similarity_scorer

    options = options or CompareOptions()
    features, evidence = pair_features(a, b)
    prediction = similarity_scorer(options.model_path).predict([features])[0]
    scores = {d: round(float(v), 2) for d, v in zip(DIMENSIONS, prediction, strict=True)}
    same_story = same_story_scorer(options.same_story_model_path).probability([decision_row(features, prediction)])[0]
    evidence["same_story_probability"] = round(float(same_story), 3)
    evidence["features"] = {k: round(v, 3) for k, v in features.items() if not k.startswith("style_diff")}
    return scores, evidence


def compare_analyses(analyses: list[Analysis], options: CompareOptions | None = None) -> Comparison:
    """Compare two or more analysed articles: scores per pair, then shared, unique and conflicting coverage."""
    if len(analyses) < 2:
        raise ValueError(f"a comparison needs at least two articles, got {len(analyses)}")
    options = options or CompareOptions()
    pair_scores, pair_evidence = [], []
    for i, j in combinations(range(len(analyses)), 2):
        scores, evidence = score_pair(analyses[i], analyses[j], options)
        pair_scores.append(scores)
        pair_evidence.append({"a": i, "b": j, "scores": scores, **evidence})
    scores = {d: round(float(np.mean([s[d] for s in pair_scores])), 2) for d in DIMENSIONS}
    one_story = {
        (e["a"], e["b"]) for e in pair_evidence if e["same_story_probability"] >= options.same_story_min_probability
    }
    groups = align_facts(analyses, conflict_pairs=one_story)
    return Comparison(
        articles=[a.article for a in analyses],
        same_story=all(e["same_story_probability"] >= options.same_story_min_probability for e in pair_evidence),
        scores=scores,
        evidence=pair_evidence[0] if len(pair_evidence) == 1 else {"pairs": pair_evidence},
        entities=_entity_rows(analyses),
        dates=date_table(analyses),
        quotes=quote_table(analyses),
        facts=_fact_rows(groups, len(analyses)),
        framing=framing_table(analyses),
        summary=cited_summary(analyses, groups),
        timeline=timeline(analyses, groups),
        labels=[
            {
                "article": i,
                "start": lab.start,
                "end": lab.end,
                "text": lab.text,
                "actor": lab.actor,
                "loaded": lab.loaded,
            }
            for i, a in enumerate(analyses)
            for lab in a.labels
        ],
    )


def _entity_rows(analyses: list[Analysis]) -> list[EntityRow]:
    return [
        EntityRow(e.name, e.label, e.key, e.country, e.articles, {str(i): forms for i, forms in e.forms.items()})
        for e in merge_entities(analyses)
    ]


def _fact(article: int, fact: Fact) -> FactRow:
    return FactRow(article, fact.text, fact.start, fact.end, list(fact.numbers), list(fact.dates))


def _fact_rows(groups: list[FactGroup], count: int) -> FactTable:
    """Shared, conflicting, and per article the facts no other article gives."""
    table = FactTable(only=[OnlyFacts(i, []) for i in range(count)])
    for group in groups:
        members = [_fact(m.article, m.fact) for m in group.members]
        if group.conflict is not None:
            values = [
                ConflictValue(group.members[0].article, group.conflict.a_value),
                ConflictValue(group.members[1].article, group.conflict.b_value),
            ]
            table.conflicting.append(
                ConflictingFacts(
                    group.conflict.kind, group.conflict.reason, values, group.articles, group.score, members
                )
            )
        elif len(group.articles) == 1:
            table.only[group.articles[0]].facts.extend(members)
        else:
            table.shared.append(SharedFacts(group.articles, group.score, members))
    return table
