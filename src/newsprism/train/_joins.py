"""Training rows for the join model: a stream of known stories replayed with the true assignments.

Each article is shown to the clusterer as it would be in real use: the candidates both indexes return, with
their evidence. The candidate that is the article's true story is a positive row, every other one a negative,
and then the article is placed where it truly belongs, so the next article meets the stories as they should be.
"""

from __future__ import annotations

import numpy as np

from newsprism.cluster import ClusterOptions, StoryClusterer
from newsprism.cluster._join import EvidenceModel
from newsprism.train._groups import pair_folds
from newsprism.types import Analysis


def join_rows(analyses: list[Analysis], gold: list[str]) -> tuple[list[list[float]], np.ndarray, list[tuple[str, str]]]:
    """Candidate rows (`JOIN_FEATURES` order), labels (1 = the true story) and, for each row, the gold stories of
    the article and of the candidate (the row tells of both)."""
    # The true assignments are replayed as they are: no story may be merged behind the replay's back.
    clusterer = StoryClusterer(ClusterOptions(reexamine_single_reports=False, refine_stories=False))
    story_of_gold: dict[str, str] = {}
    gold_of_story: dict[str, str] = {}
    rows: list[list[float]] = []
    labels: list[int] = []
    groups: list[tuple[str, str]] = []
    for analysis, story in zip(analyses, gold, strict=True):
        clusterer.observe(analysis)
        true_story = story_of_gold.get(story)
        for candidate in clusterer.candidate_evidence(analysis):
            if not candidate.words_count:  # too early in the stream for word statistics: not what is learned
                continue
            rows.append(list(candidate.features))
            labels.append(int(candidate.story_id == true_story))
            groups.append((story, gold_of_story.get(candidate.story_id, candidate.story_id)))
        story_of_gold[story] = clusterer.place(analysis, true_story)
        gold_of_story[story_of_gold[story]] = story
    return rows, np.array(labels), groups


def grouped_cv_join(
    rows: list[list[float]], labels: np.ndarray, groups: list[tuple[str, str]], folds: int = 5
) -> dict[str, float]:
    """Out-of-fold ROC AUC and average precision of the join model, folds grouped by story."""
    from newsprism.cluster._join import JoinModel

    return grouped_cv_evidence(JoinModel, rows, labels, groups, folds)


def grouped_cv_evidence(
    kind: type[EvidenceModel],
    rows: list[list[float]],
    labels: np.ndarray,
    groups: list[tuple[str, str]],
    folds: int = 5,
) -> dict[str, float]:
    """Out-of-fold ROC AUC and average precision of a model of evidence (`kind`); each row belongs to the two gold
    stories it tells of, and is tested only in a fold holding both (`pair_folds`)."""
    from sklearn.metrics import average_precision_score, roc_auc_score

    features = np.asarray(rows, dtype=float)
    predicted = np.full(len(labels), np.nan)
    for train, test in pair_folds([a for a, _ in groups], [b for _, b in groups], folds):
        model = kind().fit(features[train], labels[train])
        predicted[test] = model.predict_proba(features[test], [True] * len(test))[:, 1]
    tested = ~np.isnan(predicted)
    return {
        "rows": float(len(labels)),
        "tested": float(tested.sum()),
        "positive_share": float(labels.mean()),
        "roc_auc": float(roc_auc_score(labels[tested], predicted[tested])),
        "average_precision": float(average_precision_score(labels[tested], predicted[tested])),
    }
