"""The same-story decision's input row and how its two classifiers score it, without scikit-learn.

Shared by the estimator (`SameStoryModel`, which fits the classifiers) and the compare-time scorer
(`newsprism.compare._scorers`), so both give one probability for one row.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from newsprism.compare._features import OPTIONAL_FEATURES
from newsprism.models._estimator import feature_matrix
from newsprism.types import DIMENSIONS

MODEL_KIND = "same-story model"
EVIDENCE_FEATURES = (
    "doc_cosine",
    "title_cosine",
    "sent_align_mean",
    "sent_align_max",
    "ent_all_weighted",
    "ent_actor_jaccard",
    "geo_country_jaccard",
    "time_pub_gap_log",
    "time_date_jaccard",
    "lex_number_jaccard",
    "same_language",
)
# Evidence only some pairs have (an optional encoder ran for both reports); NaN in a row where it is absent.
OPTIONAL_EVIDENCE = OPTIONAL_FEATURES
BASE_WIDTH = len(DIMENSIONS) + len(EVIDENCE_FEATURES)
# The columns of a decision row: the seven predicted scores, the evidence, then the optional evidence.
DECISION_FEATURES = (
    *(f"score_{dimension}" for dimension in DIMENSIONS),
    *EVIDENCE_FEATURES,
    *OPTIONAL_EVIDENCE,
)


def decision_row(features: dict[str, float], scores: np.ndarray) -> list[float]:
    """The classifier's input in `DECISION_FEATURES` order: the seven scores, the evidence features, then the
    optional evidence (NaN where absent)."""
    return (
        [float(s) for s in scores]
        + [float(features[name]) for name in EVIDENCE_FEATURES]
        + [float(features.get(name, np.nan)) for name in OPTIONAL_EVIDENCE]
    )


def decision_matrix(X: Any) -> np.ndarray:
    """Decision rows as the float32 matrix the classifiers were fitted on; another width is refused."""
    return feature_matrix(X, DECISION_FEATURES, "the same-story model", np.float32)


def story_probability(estimator: Any, fallback: Any, X: Any) -> np.ndarray:
    """Probability of one story per decision row: by `estimator` (a LightGBM booster) where the row has the
    optional evidence and there is one, else by `fallback`, which never reads the optional columns."""
    matrix = decision_matrix(X)
    complete = ~np.isnan(matrix[:, BASE_WIDTH:]).any(axis=1)
    if estimator is None:
        complete[:] = False
    out = np.zeros(len(matrix))
    if complete.any():
        out[complete] = estimator.predict(matrix[complete], num_threads=1)
    if (~complete).any():
        out[~complete] = fallback.predict(matrix[~complete, :BASE_WIDTH], num_threads=1)
    return out
