"""Training pairs for the same-story model: every pair within a gold story, hard and random negatives.

Hard negatives are the reports of other stories nearest in embedding space: the pairs a clusterer
actually has to tell apart; random ones keep the model sane on plainly unrelated pairs.
Cross-validation is grouped by story, a pair of two stories belonging to both (`pair_folds`); a rated SemEval
pair belongs to its connected component of shared articles.
"""

from __future__ import annotations

import numpy as np

from newsprism.compare import load_model, pair_features
from newsprism.compare._decision import decision_row
from newsprism.compare._same_story import SameStoryModel
from newsprism.evaluate._rated_clusters import rated_clearly
from newsprism.train._groups import pair_folds
from newsprism.types import Analysis

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


def grouped_cv_same_story(
    rows: list[list[float]], labels: np.ndarray, groups: list[tuple[str, str]], seed: int = 0
) -> dict[str, float]:
    """Out-of-fold precision, recall, F1 and AUC of the same-story decision; `groups` gives both stories of each
    pair. Pairs whose stories fall in two folds are never tested (`tested` counts those that are)."""
    from sklearn.metrics import f1_score, precision_score, recall_score, roc_auc_score

    probability = np.full(len(labels), np.nan)
    for train, test in pair_folds([a for a, _ in groups], [b for _, b in groups], CV_FOLDS):
        model = SameStoryModel(random_state=seed).fit([rows[i] for i in train], labels[train])
        probability[test] = model.predict_proba([rows[i] for i in test])[:, 1]
    tested = ~np.isnan(probability)
    truth, predicted = labels[tested], probability[tested] >= 0.5
    return {
        "pairs": len(labels),
        "tested": int(tested.sum()),
        "positives": int(labels.sum()),
        "auc": roc_auc_score(truth, probability[tested]),
        "precision": precision_score(truth, predicted),
        "recall": recall_score(truth, predicted),
        "f1": f1_score(truth, predicted),
    }


def rated_rows(
    pairs, features: list[dict[str, float]], seed: int = 0
) -> tuple[list[list[float]], np.ndarray, list[tuple[str, str]]]:
    """Same-story rows from human-rated pairs: many languages and cross-lingual pairs, which story roundups lack.

    The scores in each row are out-of-fold predictions, so the classifier sees scores as good (and as
    imperfect) as the similarity model gives on pairs it was not fitted on.
    """
    from newsprism.train._similarity import cv_groups, out_of_fold

    predicted = out_of_fold(pairs, features, seed=seed)
    rows, labels, groups = [], [], []
    for pair, group, row_features, scores in zip(pairs, cv_groups(pairs), features, predicted, strict=True):
        one_story = rated_clearly(pair)
        if one_story is not None:
            rows.append(decision_row(row_features, scores))
            labels.append(int(one_story))
            groups.append((f"semeval-{group}", f"semeval-{group}"))
    return rows, np.array(labels), groups


def same_story_fit(
    analyses: list[Analysis], gold: list[str], rated: list, seed: int = 0
) -> tuple[SameStoryModel, dict[str, float]]:
    """The same-story model fitted on story pairs (and rated pairs), with its grouped-CV figures.

    Where E5 runs, every pair goes in twice: as analysed, and as a machine without E5 sees it, so the fallback
    variant learns from the scores that machine computes."""
    from newsprism.evaluate._semeval import pair_analyses
    from newsprism.train._similarity import has_e5, without_e5

    pairs, labels = story_pairs(analyses, gold)
    rated_analyses = pair_analyses(rated)
    kinds = [("", lambda a: a)] + ([("_without_e5", without_e5)] if has_e5(analyses) else [])
    rows, all_labels, figures = [], [], {}
    for suffix, view in kinds:
        kind_rows = decision_rows(view(analyses), pairs)
        kind_labels, kind_groups = labels, [(gold[i], gold[j]) for i, j in pairs]
        if rated:
            firsts, seconds = view([a for a, _ in rated_analyses]), view([b for _, b in rated_analyses])
            features = [pair_features(a, b)[0] for a, b in zip(firsts, seconds, strict=True)]
            extra_rows, extra_labels, extra_groups = rated_rows(rated, features, seed)
            kind_rows, kind_groups = kind_rows + extra_rows, kind_groups + extra_groups
            kind_labels = np.concatenate([labels, extra_labels])
        cv = grouped_cv_same_story(kind_rows, kind_labels, kind_groups, seed)
        figures |= {f"{k}{suffix}": v for k, v in cv.items()}
        rows += kind_rows
        all_labels.append(kind_labels)
    return SameStoryModel(random_state=seed).fit(rows, np.concatenate(all_labels)), figures
