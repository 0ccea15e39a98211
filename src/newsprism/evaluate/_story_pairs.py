"""Training pairs for the same-story model: every pair within a gold story, hard and random negatives.

Hard negatives are the reports of other stories nearest in embedding space: the pairs a clusterer
actually has to tell apart; random ones keep the model sane on plainly unrelated pairs.
Cross-validation is grouped by story.
"""

from __future__ import annotations

import numpy as np

from newsprism.compare import load_model, pair_features
from newsprism.compare._same_story import SameStoryModel, decision_row
from newsprism.types import Analysis

# Rated SemEval pairs this similar (Overall, 1–4) count as one story, this dissimilar as two; between is unsure.
RATED_SAME_MAX_OVERALL = 1.5
RATED_DIFFERENT_MIN_OVERALL = 3.0
HARD_NEGATIVES_PER_ARTICLE = 3
# Easy negatives teach the model what unrelated looks like; without them it extrapolates arbitrarily.
RANDOM_NEGATIVES_PER_ARTICLE = 3
SEED = 7
CV_FOLDS = 5


def story_pairs(analyses: list[Analysis], gold: list[str]) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Index pairs and labels (1 = same story): all positives, and each article's nearest negatives."""
    matrix = np.array([a.embedding for a in analyses])
    sims = matrix @ matrix.T
    pairs: dict[tuple[int, int], int] = {}
    rng = np.random.default_rng(SEED)
    for i in range(len(analyses)):
        for j in range(i + 1, len(analyses)):
            if gold[i] == gold[j]:
                pairs[(i, j)] = 1
        order = np.argsort(-sims[i])
        negatives = [j for j in order if j != i and gold[j] != gold[i]][:HARD_NEGATIVES_PER_ARTICLE]
        drawn = rng.integers(0, len(analyses), RANDOM_NEGATIVES_PER_ARTICLE * 2)
        negatives += [int(j) for j in drawn if gold[j] != gold[i]][:RANDOM_NEGATIVES_PER_ARTICLE]
        for j in negatives:
            pairs.setdefault((min(i, j), max(i, j)), 0)
    keys = sorted(pairs)
    return keys, np.array([pairs[k] for k in keys])


def decision_rows(analyses: list[Analysis], pairs: list[tuple[int, int]]) -> list[list[float]]:
    features = [pair_features(analyses[i], analyses[j])[0] for i, j in pairs]
    scores = load_model().predict(features)
    return [decision_row(f, s) for f, s in zip(features, scores, strict=True)]


def grouped_cv_same_story(rows: list[list[float]], labels: np.ndarray, groups: list[str]) -> dict[str, float]:
    """Out-of-fold precision, recall, F1 and AUC of the same-story decision."""
    from sklearn.metrics import f1_score, precision_score, recall_score, roc_auc_score
    from sklearn.model_selection import GroupKFold

    probability = np.zeros(len(labels))
    for train, test in GroupKFold(n_splits=CV_FOLDS).split(rows, labels, groups):
        model = SameStoryModel().fit([rows[i] for i in train], labels[train])
        probability[test] = model.predict_proba([rows[i] for i in test])
    predicted = probability >= 0.5
    return {
        "pairs": len(labels),
        "positives": int(labels.sum()),
        "auc": roc_auc_score(labels, probability),
        "precision": precision_score(labels, predicted),
        "recall": recall_score(labels, predicted),
        "f1": f1_score(labels, predicted),
    }


def rated_rows(pairs, features: list[dict[str, float]]) -> tuple[list[list[float]], np.ndarray, list[str]]:
    """Same-story rows from human-rated pairs: many languages and cross-lingual pairs, which story roundups lack.

    The scores in each row are out-of-fold predictions, so the classifier sees scores as good (and as
    imperfect) as the similarity model gives on pairs it was not fitted on.
    """
    from newsprism.evaluate._training import out_of_fold
    from newsprism.types import DIMENSIONS

    overall = DIMENSIONS.index("overall")
    predicted = out_of_fold(pairs, features)
    rows, labels, groups = [], [], []
    for pair, row_features, scores in zip(pairs, features, predicted, strict=True):
        rated = pair.scores[overall]
        if rated <= RATED_SAME_MAX_OVERALL or rated >= RATED_DIFFERENT_MIN_OVERALL:
            rows.append(decision_row(row_features, scores))
            labels.append(int(rated <= RATED_SAME_MAX_OVERALL))
            groups.append(f"semeval-{pair.group}")
    return rows, np.array(labels), groups
