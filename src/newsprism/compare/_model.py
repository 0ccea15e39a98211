"""The seven-dimension similarity model: per SemEval dimension, three regressors of different kinds, averaged.

Gradient-boosted trees (LightGBM) find thresholds and interactions; a support-vector regressor with an RBF
kernel and a ridge regression on the standardised features give smooth answers where the trees step. Their
errors only partly coincide, so their mean is better than any one of them: grouped cross-validation on the
SemEval train sample, Overall r 0.785 (trees alone) → 0.795, and every dimension gains (time +0.02, style and
tone +0.03); without the optional E5 feature 0.752 → 0.758.

It is a scikit-learn estimator: `__init__` stores parameters only (`get_params`, `set_params`, `clone` work),
`fit` validates and sets the learned `*_` attributes (`feature_names_in_` among them), `predict` refuses to run
unfitted. Rows are mappings of feature names to values, or a matrix whose columns are `feature_names_in_`. The
fitted model ships inside the package (`models/similarity.npz`: arrays and LightGBM's own text format, nothing
pickled) and is rebuilt from the SemEval CSV with `newsprism train semeval CSV`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin

from newsprism.compare._features import OPTIONAL_FEATURES
from newsprism.compare._regressors import MODEL_KIND, Regressors, predict_variants, read_variants
from newsprism.compare._regressors import row_matrix as _matrix
from newsprism.compare._regressors import standardise as _standardise
from newsprism.models import MODEL_FILES, SIMILARITY, model_path
from newsprism.models._arrays import booster_from, booster_text, load_arrays, read_model_file, save_arrays
from newsprism.models._estimator import check_fitted, feature_matrix
from newsprism.types import DIMENSIONS

MODEL_RESOURCE = MODEL_FILES[SIMILARITY]
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
# The kernel regressor's settings: scikit-learn's default C, and an insensitive band of 0.2 on the 1–4 scale
# (the ratings are means of a few annotators' integers). C 0.3 / 1 / 3 gave 0.786 / 0.792 / 0.790 with the trees.
KERNEL_C, KERNEL_EPSILON = 1.0, 0.2
RIDGE_ALPHAS = tuple(np.logspace(-2, 3, 12))


class SimilarityModel(RegressorMixin, BaseEstimator):
    """Predicts the seven SemEval scores (1 = very similar … 4 = very dissimilar) from pair features.

    Parameters
    ----------
    params : dict, optional
        LightGBM regressor parameters shared by the seven dimensions.
    random_state : int
        Seed for the boosting's row and column sampling.

    Attributes
    ----------
    feature_names_in_ : ndarray of str
        The features of the richest variant, in the column order a matrix given to `predict` must have.
    n_features_in_ : int
        Their number.
    variants_ : list of (list of str, Regressors)
        Each fitted feature set with its regressors, richest first: with the optional features
        (`OPTIONAL_FEATURES`) where the training rows had them, then without.
    """

    def __init__(self, params: dict[str, Any] | None = None, random_state: int = 0) -> None:
        self.params = params
        self.random_state = random_state

    def fit(self, X: Sequence[Mapping[str, float]], y: Any) -> SimilarityModel:
        """Fit the three regressors of every dimension on feature rows `X` (mappings of feature name to value);
        `y` has one column per entry of `DIMENSIONS`.

        Where the rows carry optional features (`OPTIONAL_FEATURES`, present only when an optional encoder ran
        for both reports), a second set of regressors is fitted without them, so a pair whose reports lack them
        is still scored by a model that never saw them, not by one guessing at missing values.
        """
        targets = np.asarray(y, dtype=float)
        if targets.ndim != 2 or targets.shape[1] != len(DIMENSIONS):
            raise ValueError(f"y must have shape (n, {len(DIMENSIONS)}), one column per dimension; got {targets.shape}")
        if len(X) != len(targets) or not len(X) or not all(isinstance(row, Mapping) for row in X):
            raise ValueError(f"X must be {len(targets)} mappings of feature name to value, one per row of y")
        shared = sorted(set.intersection(*(set(row) for row in X)))
        base = [name for name in shared if name not in OPTIONAL_FEATURES]
        feature_sets = [shared, base] if base != shared else [base]
        self.variants_ = [(names, self._fit_set(X, names, targets)) for names in feature_sets]
        self.feature_names_in_ = np.asarray(shared, dtype=object)
        self.n_features_in_ = len(shared)
        return self

    def _fit_set(self, features: Sequence[Mapping[str, float]], names: list[str], targets: np.ndarray) -> Regressors:
        from lightgbm import LGBMRegressor
        from sklearn.linear_model import RidgeCV
        from sklearn.svm import SVR

        matrix = _matrix(features, names)
        params = {**DEFAULT_PARAMS, **(self.params or {}), "random_state": self.random_state}
        trees = {d: LGBMRegressor(**params).fit(matrix, targets[:, i]).booster_ for i, d in enumerate(DIMENSIONS)}
        center = np.nanmean(matrix, axis=0)
        spread = np.nanstd(matrix, axis=0)
        scale = np.where(spread > 0, spread, 1.0)
        low, high = np.nanmin(matrix, axis=0), np.nanmax(matrix, axis=0)
        standard = _standardise(matrix, center, scale, low, high)
        kernels = [SVR(C=KERNEL_C, epsilon=KERNEL_EPSILON).fit(standard, targets[:, i]) for i in range(len(DIMENSIONS))]
        linear = RidgeCV(alphas=RIDGE_ALPHAS).fit(standard, targets)
        # Only arrays are kept: the seven kernel regressors share one set of anchors (the training rows), so a
        # batch is scored with one kernel matrix and one product instead of seven per-row libsvm calls.
        anchors = np.unique(np.concatenate([k.support_ for k in kernels]))
        position = {row: i for i, row in enumerate(anchors.tolist())}
        kernel_weights = np.zeros((len(anchors), len(DIMENSIONS)))
        for d, kernel in enumerate(kernels):
            kernel_weights[[position[row] for row in kernel.support_.tolist()], d] = kernel.dual_coef_[0]
        return Regressors(
            trees=trees,
            center=center,
            scale=scale,
            low=low,
            high=high,
            anchors=standard[anchors],
            gamma=float(kernels[0]._gamma),
            kernel_weights=kernel_weights,
            kernel_bias=np.array([k.intercept_[0] for k in kernels]),
            linear_weights=np.asarray(linear.coef_).T,
            linear_bias=np.asarray(linear.intercept_),
        )

    def predict(self, X: Sequence[Mapping[str, float]] | np.ndarray) -> np.ndarray:
        """Scores of shape (n, 7) in `DIMENSIONS` order, clipped to the 1–4 scale; each row by the richest
        fitted variant whose features it has.

        `X` holds mappings of feature name to value, or is a matrix whose columns are `feature_names_in_` (an
        optional feature NaN where the optional encoder did not run)."""
        check_fitted(self, "variants_")
        return predict_variants(self.variants_, self._rows(X))

    def _rows(self, X: Sequence[Mapping[str, float]] | np.ndarray) -> Sequence[Mapping[str, float]]:
        """Feature rows as mappings; a matrix is read by `feature_names_in_`, a NaN optional feature left out."""
        if len(X) == 0 or isinstance(X[0], Mapping):
            return X  # type: ignore[return-value]
        names = self.feature_names_in_.tolist()
        matrix = feature_matrix(X, names, type(self).__name__)
        optional = [name in OPTIONAL_FEATURES for name in names]
        return [
            {n: v for n, v, o in zip(names, row.tolist(), optional, strict=True) if not (o and np.isnan(v))}
            for row in matrix
        ]

    def top_features(self, dimension: str, count: int = 5) -> list[str]:
        """The features the richest regressor of one dimension splits on most: what its scores listen to."""
        check_fitted(self, "variants_")
        names, regressors = self.variants_[0]
        order = np.argsort(regressors.trees[dimension].feature_importance("gain"))[::-1][:count]
        return [names[i] for i in order]

    def save(self, path: str | Path) -> None:
        """Arrays and tree text only (`newsprism.models._arrays`): the file can be loaded without running code."""
        check_fitted(self, "variants_")
        arrays: dict[str, Any] = {}
        for index, (names, regressors) in enumerate(self.variants_):
            arrays[f"v{index}.names"] = np.asarray(names)
            arrays |= {f"v{index}.{key}": value for key, value in regressors.arrays(booster_text).items()}
        save_arrays(path, MODEL_KIND, arrays, {**self.get_params(), "variants": len(self.variants_)})

    @classmethod
    def from_file(cls, path: str | Path) -> SimilarityModel:
        arrays, meta = load_arrays(path, MODEL_KIND)
        model = cls(meta["params"], meta["random_state"])
        model.variants_ = read_variants(arrays, meta, booster_from)
        model.feature_names_in_ = np.asarray(model.variants_[0][0], dtype=object)
        model.n_features_in_ = len(model.feature_names_in_)
        return model


def load_model(path: str | Path | None = None) -> SimilarityModel:
    """The model at `path`, or the one in use (`newsprism.models.model_path`)."""
    return _load(str(path or model_path(MODEL_RESOURCE)))


@lru_cache(maxsize=4)
def _load(path: str) -> SimilarityModel:
    return read_model_file(path, MODEL_KIND, "newsprism train semeval CSV", SimilarityModel.from_file)
