"""The shipped similarity and same-story models as scorers only: what `compare` needs, without scikit-learn.

The models are scikit-learn estimators (`SimilarityModel`, `SameStoryModel`) for training and for the API, and
importing scikit-learn takes about a second. Scoring a pair needs none of it: these scorers read the same model
files and score with the same code (`_regressors`, `_decision`), their trees through LightGBM's C library
(`newsprism.models._native`), so they give the estimators' very numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.compare import _decision, _regressors
from newsprism.models import MODEL_FILES, SAME_STORY, SIMILARITY, model_path
from newsprism.models._arrays import load_arrays, read_model_file
from newsprism.models._native import scoring_booster


@dataclass(frozen=True, slots=True)
class SimilarityScorer:
    """The seven SemEval scores of feature rows, as `SimilarityModel.predict` gives them for mappings."""

    variants: list[_regressors.Variant]

    def predict(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        """Scores of shape (n, 7) in `DIMENSIONS` order, clipped to the 1–4 scale."""
        return _regressors.predict_variants(self.variants, rows)

    @classmethod
    def from_file(cls, path: str | Path) -> SimilarityScorer:
        arrays, meta = load_arrays(path, _regressors.MODEL_KIND)
        return cls(_regressors.read_variants(arrays, meta, scoring_booster))


@dataclass(frozen=True, slots=True)
class SameStoryScorer:
    """The probability of one story per decision row, as column 1 of `SameStoryModel.predict_proba`."""

    estimator: Any  # booster of rows with the optional evidence, or None
    fallback: Any  # booster of rows without it

    def probability(self, X: Any) -> np.ndarray:
        """Shape (n,): the probability that each row's two reports tell one story."""
        return _decision.story_probability(self.estimator, self.fallback, X)

    @classmethod
    def from_file(cls, path: str | Path) -> SameStoryScorer:
        arrays, _ = load_arrays(path, _decision.MODEL_KIND)
        estimator = scoring_booster(str(arrays["estimator"])) if "estimator" in arrays else None
        return cls(estimator, scoring_booster(str(arrays["fallback"])))


def similarity_scorer(path: str | Path | None = None) -> SimilarityScorer:
    """The similarity model at `path`, or the one in use (`newsprism.models.model_path`), for scoring."""
    return _similarity(str(path or model_path(MODEL_FILES[SIMILARITY])))


def same_story_scorer(path: str | Path | None = None) -> SameStoryScorer:
    """The same-story model at `path`, or the one in use, for scoring."""
    return _same_story(str(path or model_path(MODEL_FILES[SAME_STORY])))


@lru_cache(maxsize=4)
def _similarity(path: str) -> SimilarityScorer:
    return read_model_file(path, _regressors.MODEL_KIND, "newsprism train semeval CSV", SimilarityScorer.from_file)


@lru_cache(maxsize=4)
def _same_story(path: str) -> SameStoryScorer:
    return read_model_file(path, _decision.MODEL_KIND, "newsprism train stories FILE", SameStoryScorer.from_file)
