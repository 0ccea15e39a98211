"""Compare: score how alike reports are on seven dimensions and lay their coverage side by side."""

from newsprism.compare._compare import CompareOptions, compare_analyses, score_pair
from newsprism.compare._features import pair_features
from newsprism.compare._model import SimilarityModel, load_model
from newsprism.compare._same_story import SameStoryModel, load_same_story_model

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
