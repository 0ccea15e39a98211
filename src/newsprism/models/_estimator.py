"""What every newsprism model shares with scikit-learn's estimators: the fitted check and the input check.

Inputs are converted once, at the boundary, to a float matrix whose columns are the model's declared features
(`feature_names_in_`), so a caller that built its rows for another version of a model hears so in one sentence
naming both sides rather than getting scores of shuffled columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from newsprism._errors import NotFittedError


def check_fitted(model: Any, attribute: str) -> None:
    """Refuse to use `model` before `fit` (or loading a model file) set its learned `attribute`."""
    if not hasattr(model, attribute):
        raise NotFittedError(f"{type(model).__name__} is not fitted: call fit() or load a model file")


def feature_matrix(X: Any, features: Sequence[str], owner: str, dtype: type = float) -> np.ndarray:
    """`X` as a 2-D matrix of one column per entry of `features`; any other width is refused naming both sides."""
    matrix = np.asarray(X, dtype=dtype)
    if matrix.ndim == 1 and matrix.size == 0:
        matrix = matrix.reshape(0, len(features))
    if matrix.ndim != 2 or matrix.shape[1] != len(features):
        raise ValueError(
            f"X has shape {matrix.shape}, but {owner} takes rows of {len(features)} features ({', '.join(features)})"
        )
    return matrix


def binary_labels(y: Any, rows: int, owner: str) -> np.ndarray:
    """`y` as 0/1 integers, one per row, holding both classes (a classifier of one class learns nothing)."""
    labels = np.asarray(y)
    if labels.shape != (rows,):
        raise ValueError(f"X has {rows} rows, but y has shape {labels.shape}")
    found = set(np.unique(labels).tolist())
    if not found <= {0, 1}:  # booleans compare equal to these
        raise ValueError(f"the {owner} learns labels 0 and 1, got {sorted(found)[:5]}")
    if len(found) < 2:
        raise ValueError(f"the {owner} needs both true and false rows to learn from")
    return labels.astype(int)


def two_columns(probability: np.ndarray) -> np.ndarray:
    """Probabilities of the positive class as scikit-learn's (n, 2) `predict_proba`: class 0, then class 1."""
    return np.column_stack([1.0 - probability, probability])
