"""Does an article belong to a candidate story? One probability from pairwise and story-level evidence.

The same-story model judges two reports; a story is several. The join model weighs the article's best
same-story probability against the story's reports with two story-level signals: the TF-IDF cosine of
the article with the story's words (counted over the stream) and the embedding cosine with the story's
centroid. It is fitted on a stream of known stories replayed with the true assignments, where every
candidate the clusterer would look at becomes one row (the right story or not).

Words only say something within one language, so a second model without the lexical cosine serves an article
whose language no report of the story shares: a translation is judged on the multilingual evidence alone
instead of being penalised for sharing no words. The same model serves while the stream is too small for its
word statistics to mean anything. Each of the two also has a variant with the E5 centroid cosine, used where
the optional E5 encoder ran for the article and the story.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from newsprism._errors import ModelError
from newsprism.models import MODEL_FILES, STORY_JOIN, model_path
from newsprism.models._arrays import load_arrays, save_arrays
from newsprism.models._estimator import binary_labels, check_fitted, feature_matrix, two_columns

MODEL_RESOURCE = MODEL_FILES[STORY_JOIN]
# The best same-story probability against the story's reports, not their mean: a long story's first report
# may be far from today's article while its latest are close. (Mean and best did equally well on the
# development stories; the best keeps every weight positive, so more evidence never lowers the probability.)
# The last one, the E5 cosine with the story's E5 centroid, is NaN where the article or story has no E5 vector.
JOIN_FEATURES = ("probability_max", "lexical_cosine", "centroid_cosine", "e5_centroid_cosine")
# `predict` calls a link where its probability reaches this; the clusterer applies its own thresholds
# (`ClusterOptions`) to `predict_proba`.
DECISION_PROBABILITY = 0.5


Model = TypeVar("Model", bound="EvidenceModel")


def _variant_name(words: bool, e5: bool) -> str:
    return f"{'with' if words else 'without'}_words{'_e5' if e5 else ''}"


class EvidenceModel(ClassifierMixin, BaseEstimator):
    """A probability from a few cosines and probabilities, each a piece of evidence *for* (never against).

    One logistic regression (weights kept non-negative) per kind of evidence available: with or without the
    words (texts in different languages share none), with or without E5 vectors (an encoder that may not run
    everywhere). Subclasses name their features (`FEATURES`); one of them is the word cosine and one the E5 cosine
    (NaN where there is none).

    Parameters
    ----------
    regularisation : float
        Inverse regularisation strength of the logistic regressions.

    Attributes
    ----------
    feature_names_in_ : ndarray of str
        `FEATURES`, the columns of a row.
    n_features_in_ : int
        Their number.
    classes_ : ndarray
        ``[0, 1]``: no link, link.
    weights_ : dict of str to ndarray
        Per variant (`with_words`, `without_words_e5`, ...), the weights of the features it reads, bias last.
    """

    FEATURES: tuple[str, ...] = ()
    LEXICAL_FEATURE = ""
    E5_FEATURE = ""
    KIND = "evidence model"

    def __init__(self, regularisation: float = 1.0) -> None:
        self.regularisation = regularisation

    def _columns(self, words: bool, e5: bool) -> list[int]:
        """The features one variant of the model reads."""
        lexical, e5_column = self.FEATURES.index(self.LEXICAL_FEATURE), self.FEATURES.index(self.E5_FEATURE)
        return [i for i in range(len(self.FEATURES)) if (words or i != lexical) and (e5 or i != e5_column)]

    def fit(self, X: Any, y: Any) -> EvidenceModel:
        """Fit on rows in `FEATURES` order; labels say whether the row is a true link. The E5 variants are fitted
        on the rows that carry an E5 cosine, the others on the rows that do not (for the join model, a stream
        replayed without E5, whose same-story probabilities are those a machine without it computes), or on all
        rows when every row has one."""
        features = feature_matrix(X, self.FEATURES, f"the {self.KIND}")
        labels = binary_labels(y, len(features), self.KIND)
        has_e5 = ~np.isnan(features[:, self.FEATURES.index(self.E5_FEATURE)])
        lacks_e5 = ~has_e5 if (~has_e5).any() else np.ones(len(features), dtype=bool)
        # Only the weights (and the bias, last) are kept: the shipped file then loads with any scikit-learn.
        self.weights_: dict[str, np.ndarray] = {}
        for words in (True, False):
            for e5 in (False, True):
                subset = has_e5 if e5 else lacks_e5
                if e5 and len(set(labels[subset].tolist())) < 2:
                    continue
                self.weights_[_variant_name(words, e5)] = _fit_non_negative(
                    features[subset][:, self._columns(words, e5)], labels[subset], self.regularisation
                )
        self._set_columns()
        return self

    def _set_columns(self) -> None:
        self.classes_ = np.array([0, 1])
        self.feature_names_in_ = np.asarray(self.FEATURES, dtype=object)
        self.n_features_in_ = len(self.FEATURES)

    def predict_proba(self, X: Any, words_count: Sequence[bool] | None = None) -> np.ndarray:
        """Probabilities of shape (n, 2): no link, link. Rows where words are no evidence (`words_count` False;
        by default words count in every row) ignore the words; rows without an E5 cosine are judged by a variant
        that never used it."""
        check_fitted(self, "weights_")
        features = feature_matrix(X, self.FEATURES, f"the {self.KIND}")
        words = np.ones(len(features), dtype=bool) if words_count is None else np.asarray(words_count, dtype=bool)
        if words.shape != (len(features),):
            raise ValueError(f"X has {len(features)} rows, but words_count has shape {words.shape}")
        e5 = ~np.isnan(features[:, self.FEATURES.index(self.E5_FEATURE)])
        probability = np.zeros(len(features))
        for use_words in (True, False):
            for use_e5 in (True, False):
                mask = (words == use_words) & (e5 == use_e5)
                name = _variant_name(use_words, use_e5)
                if not mask.any():
                    continue
                if name not in self.weights_:
                    name, use_e5 = _variant_name(use_words, False), False
                columns = self._columns(use_words, use_e5)
                probability[mask] = _logistic(features[mask][:, columns], self.weights_[name])
        return two_columns(probability)

    def predict(self, X: Any, words_count: Sequence[bool] | None = None) -> np.ndarray:
        """1 where the link is more probable than not, else 0."""
        return (self.predict_proba(X, words_count)[:, 1] >= DECISION_PROBABILITY).astype(int)

    def describe(self) -> dict[str, Any]:
        """The fitted weights, for the training report."""
        check_fitted(self, "weights_")
        described = {}
        for name, weights in self.weights_.items():
            columns = self._columns(name.startswith("with_"), name.endswith("_e5"))
            names = [self.FEATURES[i] for i in columns]
            described[name] = dict(zip(names, weights[:-1].round(3).tolist(), strict=True))
        return described

    def save(self, path: str | Path) -> None:
        """The weights as arrays (`newsprism.models._arrays`): loading the file runs no code."""
        check_fitted(self, "weights_")
        save_arrays(path, self.KIND, self.weights_, self.get_params())

    @classmethod
    def from_file(cls: type[Model], path: str | Path) -> Model:
        arrays, meta = load_arrays(path, cls.KIND)
        model = cls(**meta)
        model.weights_ = {name: np.asarray(weights, dtype=float) for name, weights in arrays.items()}
        model._set_columns()
        return model


class JoinModel(EvidenceModel):
    """Probability that an article belongs to a candidate story (features `JOIN_FEATURES`)."""

    FEATURES = JOIN_FEATURES
    LEXICAL_FEATURE = "lexical_cosine"
    E5_FEATURE = "e5_centroid_cosine"
    KIND = "join model"


def _fit_non_negative(features: np.ndarray, labels: np.ndarray, regularisation: float) -> np.ndarray:
    """L2-regularised logistic regression (scikit-learn's objective at C = `regularisation`) whose feature
    weights may not be negative; the bias is free. Returns the weights with the bias last.

    Every feature is evidence for the link: a probability that fell as the word or E5 cosine rose would be
    a fitting accident of correlated features (the E5 and MUSE centroid cosines and the same-story probability
    all say much the same). With features this correlated, scikit-learn's solver stopped short of the optimum
    and one retraining gave the E5 cosine a negative weight (log-loss 4,122 there against 4,110 here, where every
    weight came out positive). Where the unconstrained optimum has no negative weight, this is that optimum.
    """
    from scipy.optimize import minimize

    targets = np.asarray(labels, dtype=float)

    def objective(params: np.ndarray) -> tuple[float, np.ndarray]:
        weights, bias = params[:-1], params[-1]
        z = features @ weights + bias
        residual = 1.0 / (1.0 + np.exp(-z)) - targets
        loss = regularisation * float(np.sum(np.logaddexp(0.0, z) - targets * z)) + 0.5 * float(weights @ weights)
        gradient = np.append(regularisation * (features.T @ residual) + weights, regularisation * residual.sum())
        return loss, gradient

    width = features.shape[1]
    bounds = [(0.0, None)] * width + [(None, None)]
    result = minimize(objective, np.zeros(width + 1), jac=True, method="L-BFGS-B", bounds=bounds)
    return np.asarray(result.x, dtype=float)


def _logistic(features: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Logistic regression's probability from its weights (bias last)."""
    return 1.0 / (1.0 + np.exp(-(features @ weights[:-1] + weights[-1])))


def load_join_model(path: str | Path | None = None) -> JoinModel:
    """The shipped join model (or one at `path`), loaded once per process."""
    return load_evidence_model(JoinModel, MODEL_RESOURCE, path)


def load_evidence_model(kind: type[Model], resource: str, path: str | Path | None = None) -> Model:
    """A shipped model of class `kind` (package resource `resource`) or one at `path`, loaded once per process."""
    if path is None:
        path = model_path(resource)
    return _load(kind, str(path))  # type: ignore[return-value]


@lru_cache(maxsize=8)
def _load(kind: type[EvidenceModel], path: str) -> EvidenceModel:
    if not Path(path).is_file():
        raise ModelError(f"{path}: {kind.KIND} not found")
    return kind.from_file(path)
