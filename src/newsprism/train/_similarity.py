"""Fit the similarity model on rated pairs, with cross-validation that leaks no article between folds."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from newsprism.compare._features import OPTIONAL_FEATURES
from newsprism.compare._model import SimilarityModel
from newsprism.evaluate._semeval import RatedPair, Report, score_report
from newsprism.train._groups import article_components
from newsprism.types import DIMENSIONS, Analysis

CV_FOLDS = 5


def filled_targets(pairs: list[RatedPair], fitted_on: np.ndarray | None = None) -> np.ndarray:
    """The ratings, a missing one filled with its dimension's mean over the rows `fitted_on` (all when None).

    Within cross-validation the mean is taken over the training folds only: a mean over every row would carry
    the test rows' ratings into the fit."""
    gold = np.array([p.scores for p in pairs], dtype=float)
    source = gold if fitted_on is None else gold[fitted_on]
    means = np.nanmean(source, axis=0)
    return np.where(np.isnan(gold), means, gold)


def cv_groups(pairs: list[RatedPair]) -> list[str]:
    """One group per connected component of shared articles (translations included)."""
    return article_components([p.pair_id for p in pairs])


def out_of_fold(
    pairs: list[RatedPair], features: list[dict[str, float]], folds: int = CV_FOLDS, seed: int = 0
) -> np.ndarray:
    """Each row's seven scores predicted by a model that never saw any of its articles (nor their translations)."""
    from sklearn.model_selection import GroupKFold

    groups = cv_groups(pairs)
    predictions = np.zeros((len(pairs), len(DIMENSIONS)))
    for train, test in GroupKFold(n_splits=folds).split(features, groups=groups):
        targets = filled_targets(pairs, train)
        model = SimilarityModel(random_state=seed).fit([features[i] for i in train], targets[train])
        predictions[test] = model.predict([features[i] for i in test])
    return predictions


def grouped_cv(
    pairs: list[RatedPair], features: list[dict[str, float]], folds: int = CV_FOLDS, seed: int = 0
) -> tuple[Report, Report]:
    """Out-of-fold predictions of the model and of the zero-shot cosine baseline, both scored."""
    predictions = out_of_fold(pairs, features, folds, seed)
    cosine = np.array([f["doc_cosine"] for f in features])
    baseline = np.tile((4 - 3 * cosine)[:, None], (1, len(DIMENSIONS)))
    return score_report(pairs, predictions), score_report(pairs, baseline)


def without_optional(features: list[dict[str, float]]) -> list[dict[str, float]]:
    """The rows as a machine without the optional encoder computes them: what the fallback variant is fitted on."""
    return [{k: v for k, v in row.items() if k not in OPTIONAL_FEATURES} for row in features]


def without_e5(analyses: list[Analysis]) -> list[Analysis]:
    """The analyses as a machine without the optional E5 encoder has them, for fitting the fallback variants."""
    return [replace(a, e5_embedding=None) for a in analyses]


def has_e5(analyses: list[Analysis]) -> bool:
    return any(a.e5_embedding is not None for a in analyses)


def fit_full(pairs: list[RatedPair], features: list[dict[str, float]], seed: int = 0) -> SimilarityModel:
    """The model to ship: fitted on every row."""
    return SimilarityModel(random_state=seed).fit(features, filled_targets(pairs))
