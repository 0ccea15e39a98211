"""Does an article belong to a candidate story? One probability from pairwise and story-level evidence.

The same-story model judges two reports; a story is several. The join model weighs the article's best
same-story probability against the story's reports with two story-level signals: the TF-IDF cosine of
the article with the story's words (counted over the stream) and the embedding cosine with the story's
centroid. It is fitted on a stream of known stories replayed with the true assignments, where every
candidate the clusterer would look at becomes one row (the right story or not).

Words only say something within one language, so a second model without the lexical cosine serves an article
whose language no report of the story shares: a translation is judged on the multilingual evidence alone
instead of being penalised for sharing no words. The same model serves while the stream is too small for its
word statistics to mean anything.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from newsprism._errors import ModelError, NotFittedError

MODEL_RESOURCE = "story_join.joblib"
# The best same-story probability against the story's reports, not their mean: a long story's first report
# may be far from today's article while its latest are close. (Mean and best did equally well on the
# development stories; the best keeps every weight positive, so more evidence never lowers the probability.)
JOIN_FEATURES = ("probability_max", "lexical_cosine", "centroid_cosine")
_LEXICAL = JOIN_FEATURES.index("lexical_cosine")
_WITHOUT_LEXICAL = [i for i in range(len(JOIN_FEATURES)) if i != _LEXICAL]


class JoinModel:
    """Probability that an article belongs to a candidate story.

    Parameters
    ----------
    regularisation : float
        Inverse regularisation strength of the logistic regressions.
    """

    def __init__(self, regularisation: float = 1.0) -> None:
        self.regularisation = regularisation

    def fit(self, rows: list[list[float]], labels: np.ndarray) -> JoinModel:
        """Fit on candidate rows in `JOIN_FEATURES` order; labels say whether the candidate was the right story."""
        from sklearn.linear_model import LogisticRegression

        features, labels = np.asarray(rows, dtype=float), np.asarray(labels)
        if features.ndim != 2 or features.shape[1] != len(JOIN_FEATURES):
            raise ValueError(f"expected rows of {len(JOIN_FEATURES)} features, got shape {features.shape}")
        if len(set(labels.tolist())) < 2:
            raise ValueError("the join model needs both right and wrong candidates to learn from")
        with_words = LogisticRegression(C=self.regularisation, max_iter=1000).fit(features, labels)
        without_words = LogisticRegression(C=self.regularisation, max_iter=1000).fit(
            features[:, _WITHOUT_LEXICAL], labels
        )
        # Only the weights (and the bias, last) are kept: the shipped file then loads with any scikit-learn.
        self.with_words_ = np.append(with_words.coef_[0], with_words.intercept_[0])
        self.without_words_ = np.append(without_words.coef_[0], without_words.intercept_[0])
        return self

    def predict_proba(self, rows: list[list[float]], words_count: list[bool]) -> np.ndarray:
        """Join probability per row; rows where words are no evidence (`words_count` False) ignore the words."""
        if not hasattr(self, "with_words_"):
            raise NotFittedError("the join model is not fitted: call fit() or load a shipped model")
        features = np.asarray(rows, dtype=float).reshape(-1, len(JOIN_FEATURES))
        if len(features) == 0:
            return np.zeros(0)
        same = np.asarray(words_count, dtype=bool)
        probability = _logistic(features[:, _WITHOUT_LEXICAL], self.without_words_)
        if same.any():
            probability[same] = _logistic(features[same], self.with_words_)
        return probability

    def describe(self) -> dict[str, Any]:
        """The fitted weights, for the training report."""
        names_without = [JOIN_FEATURES[i] for i in _WITHOUT_LEXICAL]
        return {
            "with_words": dict(zip(JOIN_FEATURES, self.with_words_[:-1].round(3).tolist(), strict=True)),
            "without_words": dict(zip(names_without, self.without_words_[:-1].round(3).tolist(), strict=True)),
        }

    def save(self, path: str | Path) -> None:
        import joblib

        joblib.dump(self, path)


def _logistic(features: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Logistic regression's probability from its weights (bias last)."""
    return 1.0 / (1.0 + np.exp(-(features @ weights[:-1] + weights[-1])))


def load_join_model(path: str | Path | None = None) -> JoinModel:
    """The shipped join model (or one at `path`), loaded once per process."""
    if path is None:
        path = str(resources.files("newsprism.models").joinpath(MODEL_RESOURCE))
    return _load(str(path))


@lru_cache(maxsize=4)
def _load(path: str) -> JoinModel:
    import joblib

    try:
        model = joblib.load(path)
    except (OSError, EOFError, ValueError) as exc:
        raise ModelError(f"{path}: cannot load the join model ({exc})") from exc
    if not isinstance(model, JoinModel):
        raise ModelError(f"{path}: not a newsprism join model")
    return model
