"""Cluster: group a stream of articles into stories; mark syndicated copies."""

from newsprism.cluster._duplicates import DuplicateIndex, DuplicateOptions, minhash
from newsprism.cluster._online import Assignment, ClusterOptions, StoryClusterer
from newsprism.cluster._state import representative_ids, story_id_for

__all__ = [
    "Assignment",
    "ClusterOptions",
    "DuplicateIndex",
    "DuplicateOptions",
    "StoryClusterer",
    "minhash",
    "representative_ids",
    "story_id_for",
]
