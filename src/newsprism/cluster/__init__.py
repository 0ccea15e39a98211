"""Cluster: group a stream of articles into stories; mark syndicated copies."""

from newsprism.cluster._duplicates import DuplicateIndex, DuplicateOptions, minhash
from newsprism.cluster._online import Assignment, ClusterOptions, StoryClusterer, story_id_for

__all__ = [
    "Assignment",
    "ClusterOptions",
    "DuplicateIndex",
    "DuplicateOptions",
    "StoryClusterer",
    "minhash",
    "story_id_for",
]
