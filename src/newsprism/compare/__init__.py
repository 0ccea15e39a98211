"""Compare: score how alike reports are on seven dimensions and lay their coverage side by side."""

from newsprism.compare._compare import SAME_STORY_MAX_OVERALL, CompareOptions, compare_analyses, score_pair
from newsprism.compare._features import pair_features
from newsprism.compare._model import SimilarityModel, load_model

__all__ = [
    "SAME_STORY_MAX_OVERALL",
    "CompareOptions",
    "SimilarityModel",
    "compare_analyses",
    "load_model",
    "pair_features",
    "score_pair",
]
