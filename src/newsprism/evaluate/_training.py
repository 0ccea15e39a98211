"""Fit the similarity model on rated pairs with cross-validation grouped by base pair id."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from newsprism.compare._features import OPTIONAL_FEATURES
from newsprism.compare._model import SimilarityModel
from newsprism.evaluate._semeval import RatedPair, Report, score_report
from newsprism.types import DIMENSIONS, Analysis

CV_FOLDS = 5


def _targets(pairs: list[RatedPair]) -> np.ndarray:
    gold = np.array([p.scores for p in pairs], dtype=float)
    # A missing rating is filled with the column mean: it neither pulls nor pushes the fit.
    means = np.nanmean(gold, axis=0)
    return np.where(np.isnan(gold), means, gold)


def out_of_fold(pairs: list[RatedPair], features: list[dict[str, float]], folds: int = CV_FOLDS) -> np.ndarray:
    """Each row's seven scores predicted by a model that never saw its group (nor its translations)."""
    from sklearn.model_selection import GroupKFold

    targets = _targets(pairs)
    groups = [p.group for p in pairs]
    predictions = np.zeros((len(pairs), len(DIMENSIONS)))
    for train, test in GroupKFold(n_splits=folds).split(features, targets, groups):
        model = SimilarityModel().fit([features[i] for i in train], targets[train])
        predictions[test] = model.predict([features[i] for i in test])
    return predictions


def grouped_cv(
    pairs: list[RatedPair], features: list[dict[str, float]], folds: int = CV_FOLDS
) -> tuple[Report, Report]:
    """Out-of-fold predictions of the model and of the zero-shot cosine baseline, both scored."""
    predictions = out_of_fold(pairs, features, folds)
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


def fit_full(pairs: list[RatedPair], features: list[dict[str, float]]) -> SimilarityModel:
    """The model to ship: fitted on every row."""
    return SimilarityModel().fit(features, _targets(pairs))
