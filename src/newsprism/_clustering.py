"""Clustering into the store lives in `newsprism.pipeline`; these names stay importable from here for existing
callers."""

from newsprism.pipeline._cluster import (
    _in_publication_order,
    cluster_into_store,
    publication_order,
    render_assignments,
    story_json,
)

__all__ = ["_in_publication_order", "cluster_into_store", "publication_order", "render_assignments", "story_json"]
