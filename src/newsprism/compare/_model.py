"""The seven-dimension similarity model: one gradient-boosted regressor per SemEval dimension.

It behaves like a scikit-learn estimator: `fit` validates and sets the learned `*_` attributes,
`predict` refuses to run unfitted. The fitted model ships inside the package (`models/similarity.joblib`)
and is rebuilt from the SemEval CSV with `newsprism train semeval CSV`.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from newsprism._errors import ModelError, NotFittedError
from newsprism.compare._features import OPTIONAL_FEATURES
from newsprism.types import DIMENSIONS

SCORE_MIN, SCORE_MAX = 1.0, 4.0
MODEL_RESOURCE = "similarity.joblib"
# Small trees, strong regularisation: 1,283 rated pairs (many of them translations of each other) reward
# caution; chosen by grouped cross-validation among a handful of settings.
DEFAULT_PARAMS: dict[str, Any] = {
    "n_estimators": 400,
    "learning_rate": 0.02,
    "num_leaves": 7,
    "min_child_samples": 40,
    "subsample": 0.8,
    "subsample_freq": 1,
    "colsample_bytree": 0.5,
    "reg_lambda": 5.0,
    "verbose": -1,
}


class SimilarityModel:
    """Predicts the seven SemEval scores (1 = very similar … 4 = very dissimilar) from pair features.

    Parameters
    ----------
    params : dict, optional
        LightGBM regressor parameters shared by the seven dimensions.
    random_state : int
        Seed for the boosting's row and column sampling.
    """

    def __init__(self, params: dict[str, Any] | None = None, random_state: int = 0) -> None:
        self.params = params
        self.random_state = random_state

    def fit(self, features: list[dict[str, float]], targets: np.ndarray) -> SimilarityModel:
        """Fit one regressor per dimension; `targets` has one column per entry of `DIMENSIONS`.

        Where the rows carry optional features (`OPTIONAL_FEATURES`, present only when an optional encoder ran
        for both reports), a second set of regressors is fitted without them, so a pair whose reports lack them
        is still scored by a model that never saw them, not by one guessing at missing values.
        """
        targets = np.asarray(targets, dtype=float)
        if targets.ndim != 2 or targets.shape[1] != len(DIMENSIONS):
            raise ValueError(f"targets must have shape (n, {len(DIMENSIONS)}), got {targets.shape}")
        if len(features) != len(targets):
            raise ValueError(f"{len(features)} feature rows but {len(targets)} target rows")
        shared = sorted(set.intersection(*(set(row) for row in features)))
        base = [name for name in shared if name not in OPTIONAL_FEATURES]
        feature_sets = [shared, base] if base != shared else [base]
        self.variants_ = [(names, self._fit_set(features, names, targets)) for names in feature_sets]
        self.feature_names_ = self.variants_[0][0]
        return self

    def _fit_set(self, features: list[dict[str, float]], names: list[str], targets: np.ndarray) -> dict[str, Any]:
        from lightgbm import LGBMRegressor

        matrix = _matrix(features, names)
        params = {**DEFAULT_PARAMS, **(self.params or {}), "random_state": self.random_state}
        return {d: LGBMRegressor(**params).fit(matrix, targets[:, i]) for i, d in enumerate(DIMENSIONS)}

    def predict(self, features: list[dict[str, float]]) -> np.ndarray:
        """Scores of shape (n, 7) in `DIMENSIONS` order, clipped to the 1–4 scale; each row by the richest
        fitted variant whose features it has."""
        if not hasattr(self, "variants_"):
            raise NotFittedError("SimilarityModel is not fitted; call fit() or load the shipped model")
        scores = np.zeros((len(features), len(DIMENSIONS)))
        remaining = list(range(len(features)))
        for names, estimators in self.variants_:
            rows = [i for i in remaining if all(name in features[i] for name in names)]
            if rows:
                matrix = _matrix([features[i] for i in rows], names)
                # The booster directly, one thread: the scikit-learn wrapper costs milliseconds per call in
                # overhead, and threads do not pay off for the handful of rows a comparison or a clustering scores.
                columns = [estimators[d].booster_.predict(matrix, num_threads=1) for d in DIMENSIONS]
                scores[rows] = np.column_stack(columns)
            remaining = [i for i in remaining if i not in set(rows)]
        if remaining:
            missing = sorted(set(self.variants_[-1][0]) - set(features[remaining[0]]))
            raise ValueError(f"feature rows lack {missing[:5]} that the model was fitted with")
        return np.clip(scores, SCORE_MIN, SCORE_MAX)

    def top_features(self, dimension: str, count: int = 5) -> list[str]:
        """The features the richest regressor of one dimension splits on most: what its scores listen to."""
        names, estimators = self.variants_[0]
        order = np.argsort(estimators[dimension].booster_.feature_importance("gain"))[::-1][:count]
        return [names[i] for i in order]

    def save(self, path: str | Path) -> None:
        import joblib

        joblib.dump(self, path, compress=3)


def _matrix(features: list[dict[str, float]], names: list[str]) -> np.ndarray:
    return np.array([[row[name] for name in names] for row in features], dtype=np.float32)


def load_model(path: str | Path | None = None) -> SimilarityModel:
    """The model at `path`, or the one shipped in the package."""
    return _load(str(path) if path else "")


@lru_cache(maxsize=4)
def _load(path: str) -> SimilarityModel:
    import joblib

    source = Path(path) if path else Path(str(resources.files("newsprism.models") / MODEL_RESOURCE))
    if not source.is_file():
        raise ModelError(f"{source}: similarity model not found; rebuild it with `newsprism train semeval CSV`")
    try:
        model = joblib.load(source)
    except Exception as exc:
        raise ModelError(f"{source}: cannot load the similarity model ({exc})") from exc
    if not isinstance(model, SimilarityModel):
        raise ModelError(f"{source}: not a newsprism similarity model")
    return model
