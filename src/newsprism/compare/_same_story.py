"""Same story or not: a classifier over the seven predicted scores and the strongest raw evidence.

SemEval's scale says how alike two reports are; whether they report one event is a sharper question
(two reports on one ongoing topic can be "somewhat similar" yet different stories). This model is fitted
on pairs of reports of known stories (AllSides/NeuS roundups, never the evaluation split) and decides
`same_story` in `compare` and in clustering alike, so both give one verdict for one pair.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from newsprism.compare._compare import SAME_STORY_MIN_PROBABILITY
from newsprism.compare._decision import (
    BASE_WIDTH,
    DECISION_FEATURES,
    EVIDENCE_FEATURES,
    MODEL_KIND,
    OPTIONAL_EVIDENCE,
    decision_matrix,
    story_probability,
)
from newsprism.models import MODEL_FILES, SAME_STORY, model_path
from newsprism.models._arrays import booster_from, booster_text, load_arrays, read_model_file, save_arrays
from newsprism.models._estimator import binary_labels, check_fitted, two_columns
from newsprism.types import DIMENSIONS

MODEL_RESOURCE = MODEL_FILES[SAME_STORY]
DEFAULT_PARAMS: dict[str, Any] = {
    "n_estimators": 300,
    "learning_rate": 0.03,
    "num_leaves": 15,
    "min_child_samples": 20,
    "subsample": 0.8,
    "subsample_freq": 1,
    "colsample_bytree": 0.8,
    "verbose": -1,
}
# More similar evidence never lowers the probability: -1 for the 1–4 scores (1 = very similar), +1 for cosines
# and overlaps, 0 where the direction is not given (an unknown publication gap is -1; language sameness).
MONOTONE = {"time_pub_gap_log": 0, "same_language": 0}


def monotone_constraints(optional: bool = True) -> list[int]:
    """LightGBM's monotone constraints in `decision_row` order; they keep the model sane off its training data."""
    extra = [1] * len(OPTIONAL_EVIDENCE) if optional else []
    return [-1] * len(DIMENSIONS) + [MONOTONE.get(name, 1) for name in EVIDENCE_FEATURES] + extra


class SameStoryModel(ClassifierMixin, BaseEstimator):
    """Probability that two reports tell one story.

    Parameters
    ----------
    params : dict, optional
        LightGBM classifier parameters.
    random_state : int
        Seed for row and column sampling.

    Attributes
    ----------
    feature_names_in_ : ndarray of str
        `DECISION_FEATURES`: the columns of a row (`decision_row` builds one).
    n_features_in_ : int
        Their number.
    classes_ : ndarray
        ``[0, 1]``: different stories, one story.
    estimator_ : lightgbm.Booster or None
        The classifier of rows with the optional evidence (None when no training row had it).
    fallback_ : lightgbm.Booster
        The classifier of rows without it, which never reads the optional columns.
    """

    def __init__(self, params: dict[str, Any] | None = None, random_state: int = 0) -> None:
        self.params = params
        self.random_state = random_state

    def fit(self, X: Any, y: Any) -> SameStoryModel:
        """Fit on `decision_row` rows (columns `DECISION_FEATURES`) and labels (1 = one story).

        Rows with the optional evidence fit the full classifier; rows without it fit the fallback that scores
        pairs without it. Give both kinds (the same pairs analysed with and without the optional encoder): the
        fallback then learns from the scores a machine without it computes. Given only rows with the evidence,
        the fallback is fitted on them with the evidence dropped."""
        matrix = decision_matrix(X)
        labels = binary_labels(y, len(matrix), "same-story model")
        complete = ~np.isnan(matrix[:, BASE_WIDTH:]).any(axis=1)
        # Only the boosters are kept: they score a row directly and save as LightGBM's own text.
        self.estimator_ = self._fit_one(matrix[complete], labels[complete], True) if complete.any() else None
        base = ~complete if (~complete).any() else complete
        self.fallback_ = self._fit_one(matrix[base, :BASE_WIDTH], labels[base], False)
        self._set_columns()
        return self

    def _set_columns(self) -> None:
        self.classes_ = np.array([0, 1])
        self.feature_names_in_ = np.asarray(DECISION_FEATURES, dtype=object)
        self.n_features_in_ = len(DECISION_FEATURES)

    def _fit_one(self, matrix: np.ndarray, labels: np.ndarray, optional: bool) -> Any:
        from lightgbm import LGBMClassifier

        params = {
            **DEFAULT_PARAMS,
            "monotone_constraints": monotone_constraints(optional),
            **(self.params or {}),
            "random_state": self.random_state,
        }
        return LGBMClassifier(**params).fit(matrix, labels).booster_

    def predict_proba(self, X: Any) -> np.ndarray:
        """Probabilities of shape (n, 2): different stories, one story; each row by the full classifier where it
        has the optional evidence, else by the fallback."""
        check_fitted(self, "fallback_")
        return two_columns(story_probability(self.estimator_, self.fallback_, X))

    def predict(self, X: Any) -> np.ndarray:
        """1 where the pair is called one story (probability at least `SAME_STORY_MIN_PROBABILITY`), else 0."""
        return (self.predict_proba(X)[:, 1] >= SAME_STORY_MIN_PROBABILITY).astype(int)

    def save(self, path: str | Path) -> None:
        """The two boosters as LightGBM's own text (`newsprism.models._arrays`): loading runs no code."""
        check_fitted(self, "fallback_")
        arrays = {"fallback": booster_text(self.fallback_)}
        if self.estimator_ is not None:
            arrays["estimator"] = booster_text(self.estimator_)
        save_arrays(path, MODEL_KIND, arrays, self.get_params())

    @classmethod
    def from_file(cls, path: str | Path) -> SameStoryModel:
        arrays, meta = load_arrays(path, MODEL_KIND)
        model = cls(meta["params"], meta["random_state"])
        model.estimator_ = booster_from(arrays["estimator"]) if "estimator" in arrays else None
        model.fallback_ = booster_from(arrays["fallback"])
        model._set_columns()
        return model


def load_same_story_model(path: str | Path | None = None) -> SameStoryModel:
    """The model at `path`, or the one in use (`newsprism.models.model_path`)."""
    return _load(str(path or model_path(MODEL_RESOURCE)))


@lru_cache(maxsize=4)
def _load(path: str) -> SameStoryModel:
    return read_model_file(path, MODEL_KIND, "newsprism train stories FILE", SameStoryModel.from_file)
