"""The similarity model's fitted parts and how they score: shared by the estimator and the compare-time scorer.

Nothing here imports scikit-learn: scoring is arrays and LightGBM trees only, so `compare` can score a pair
without the second of start-up scikit-learn costs (`newsprism.compare._scorers`), while the estimator
(`SimilarityModel`) fits these parts and scores with the very same code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from newsprism.types import DIMENSIONS

SCORE_MIN, SCORE_MAX = 1.0, 4.0
MODEL_KIND = "similarity model"

# One fitted feature set: its feature names and its regressors.
Variant = tuple[list[str], "Regressors"]


@dataclass(slots=True)
class Regressors:
    """The three regressors of every dimension for one set of features, and the standardisation two of them need."""

    trees: dict[str, Any]  # LightGBM boosters (anything with `predict(matrix, num_threads=...)`)
    center: np.ndarray  # feature means of the training rows (also what a missing value is taken to be)
    scale: np.ndarray  # feature standard deviations (1 where a feature never varied)
    low: np.ndarray  # the training rows' range per feature: values outside it are clipped to it
    high: np.ndarray
    anchors: np.ndarray  # the kernel regressors' support vectors (standardised rows), shape (m, features)
    gamma: float  # RBF kernel width
    kernel_weights: np.ndarray  # dual coefficients, shape (m, 7); 0 where a row supports no dimension
    kernel_bias: np.ndarray  # shape (7,)
    linear_weights: np.ndarray  # ridge coefficients, shape (features, 7)
    linear_bias: np.ndarray  # shape (7,)

    def predict(self, matrix: np.ndarray) -> np.ndarray:
        """The mean of the three regressors' scores, shape (n, 7)."""
        # The booster directly, one thread: the scikit-learn wrapper costs milliseconds per call in overhead,
        # and threads do not pay off for the handful of rows a comparison or a clustering scores.
        trees = np.column_stack([self.trees[d].predict(matrix, num_threads=1) for d in DIMENSIONS])
        standard = standardise(matrix, self.center, self.scale, self.low, self.high)
        squared = (
            (standard**2).sum(axis=1)[:, None] + (self.anchors**2).sum(axis=1)[None, :] - 2 * standard @ self.anchors.T
        )
        kernels = np.exp(-self.gamma * np.maximum(squared, 0.0)) @ self.kernel_weights + self.kernel_bias
        linear = standard @ self.linear_weights + self.linear_bias
        return (trees + kernels + linear) / 3.0

    def arrays(self, tree_text: Callable[[Any], np.ndarray]) -> dict[str, Any]:
        """Everything but the trees as arrays, the trees as LightGBM's text format (`tree_text` of a booster)."""
        arrays: dict[str, Any] = {f"tree.{d}": tree_text(self.trees[d]) for d in DIMENSIONS}
        for name in ARRAY_FIELDS:
            arrays[name] = getattr(self, name)
        return arrays

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], booster: Callable[[str], Any]) -> Regressors:
        """The parts saved by `arrays`, each tree rebuilt from its text by `booster`."""
        trees = {d: booster(str(arrays[f"tree.{d}"])) for d in DIMENSIONS}
        fields = {name: arrays[name] for name in ARRAY_FIELDS}
        return cls(trees=trees, **{**fields, "gamma": float(fields["gamma"])})


ARRAY_FIELDS = (
    "center",
    "scale",
    "low",
    "high",
    "anchors",
    "gamma",
    "kernel_weights",
    "kernel_bias",
    "linear_weights",
    "linear_bias",
)


def standardise(
    matrix: np.ndarray, center: np.ndarray, scale: np.ndarray, low: np.ndarray, high: np.ndarray
) -> np.ndarray:
    """Features clipped to the training range, then centred and scaled; a missing value becomes the mean.

    Clipping keeps the kernel and linear regressors from extrapolating: a feature the training rows never varied
    (publication dates are absent from the SemEval sample, so their gap is constant there) or a value far beyond
    them (full-length articles against cut ones) would otherwise push every kernel distance up and every linear
    score off the scale. The trees need no such care: they never split beyond the data."""
    standard = (np.clip(np.asarray(matrix, dtype=float), low, high) - center) / scale
    return np.nan_to_num(standard, nan=0.0, posinf=0.0, neginf=0.0)


def row_matrix(features: Sequence[Mapping[str, float]], names: list[str]) -> np.ndarray:
    """Feature rows as a float32 matrix of the columns `names`."""
    return np.array([[row[name] for name in names] for row in features], dtype=np.float32)


def predict_variants(variants: Sequence[Variant], rows: Sequence[Mapping[str, float]]) -> np.ndarray:
    """Scores of shape (n, 7) clipped to the 1–4 scale; each row by the richest variant whose features it has."""
    scores = np.zeros((len(rows), len(DIMENSIONS)))
    remaining = list(range(len(rows)))
    for names, regressors in variants:
        chosen = [i for i in remaining if all(name in rows[i] for name in names)]
        if chosen:
            scores[chosen] = regressors.predict(row_matrix([rows[i] for i in chosen], names))
        remaining = [i for i in remaining if i not in set(chosen)]
    if remaining:
        fallback = variants[-1][0]
        missing = sorted(set(fallback) - set(rows[remaining[0]]))
        raise ValueError(
            f"feature rows lack {missing[:5]} that the model was fitted with (it needs at least {fallback})"
        )
    return np.clip(scores, SCORE_MIN, SCORE_MAX)


def read_variants(arrays: dict[str, np.ndarray], meta: dict[str, Any], booster: Callable[[str], Any]) -> list[Variant]:
    """The variants of a saved similarity model file (`load_arrays` of it), richest first."""
    variants: list[Variant] = []
    for index in range(meta["variants"]):
        prefix = f"v{index}."
        mine = {key[len(prefix) :]: value for key, value in arrays.items() if key.startswith(prefix)}
        variants.append((mine.pop("names").tolist(), Regressors.from_arrays(mine, booster)))
    return variants
