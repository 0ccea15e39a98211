"""Compare: score how alike reports are on seven dimensions and lay their coverage side by side."""

from typing import TYPE_CHECKING

from newsprism._lazy import lazy_exports
from newsprism.compare._compare import CompareOptions, compare_analyses, score_pair
from newsprism.compare._features import pair_features

if TYPE_CHECKING:
    from newsprism.compare._model import SimilarityModel, load_model
    from newsprism.compare._same_story import SameStoryModel, load_same_story_model

# The models are scikit-learn estimators: their modules import scikit-learn (and with it scipy.stats), about a
# second and a half. They load on first use, so a command or server that never scores a pair does not pay it.
_LAZY = {
    "SameStoryModel": "newsprism.compare._same_story",
    "SimilarityModel": "newsprism.compare._model",
    "load_model": "newsprism.compare._model",
    "load_same_story_model": "newsprism.compare._same_story",
}

__all__ = [
    "CompareOptions",
    "SameStoryModel",
    "SimilarityModel",
    "compare_analyses",
    "load_model",
    "load_same_story_model",
    "pair_features",
    "score_pair",
]


__getattr__, __dir__ = lazy_exports(globals(), __name__, _LAZY)
