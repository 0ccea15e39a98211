"""The model files newsprism ships, where the ones in use are found, and their manifests.

A directory named by `NEWSPRISM_MODELS` (what `newsprism train all --out DIR` writes) comes first: a model file
found there is used, any other is taken from the package. So retrained models are tried without touching the
installed package, and a half-filled directory still runs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from newsprism.models._manifest import (
    DataUse,
    Manifest,
    article_fingerprint,
    current_commit,
    file_sha256,
    fingerprint,
    library_versions,
    manifest_path,
    pair_fingerprints,
    read_manifest,
    write_manifest,
)

MODELS_ENV = "NEWSPRISM_MODELS"
SIMILARITY, SAME_STORY, STORY_JOIN, REPORT_LINK = "similarity", "same_story", "story_join", "report_link"
MODEL_FILES = {
    SIMILARITY: "similarity.npz",
    SAME_STORY: "same_story.npz",
    STORY_JOIN: "story_join.npz",
    REPORT_LINK: "report_link.npz",
}
# Each model learns from what the ones before it predict (the same-story model reads the similarity scores, the
# join model the same-story probabilities), so they are retrained in this order.
TRAINING_ORDER = (SIMILARITY, SAME_STORY, STORY_JOIN, REPORT_LINK)
# The models a clusterer runs; comparing two reports runs the first two.
CLUSTERING_MODELS = TRAINING_ORDER
COMPARISON_MODELS = (SIMILARITY, SAME_STORY)


def package_dir() -> Path:
    return Path(str(resources.files("newsprism.models")))


def model_path(resource: str) -> Path:
    """Where the model file `resource` in use is: in `$NEWSPRISM_MODELS` when it is there, else in the package."""
    override = os.environ.get(MODELS_ENV)
    if override and (Path(override) / resource).is_file():
        return Path(override) / resource
    return package_dir() / resource


@dataclass(frozen=True, slots=True)
class ModelInUse:
    """One model as this process would load it."""

    name: str
    path: Path
    manifest: Manifest | None


def models_in_use(names: tuple[str, ...] = TRAINING_ORDER) -> list[ModelInUse]:
    """The models of `names`, in training order, with their manifests (None where a file has none)."""
    found = []
    for name in names:
        path = model_path(MODEL_FILES[name])
        found.append(ModelInUse(name, path, read_manifest(path) if path.is_file() else None))
    return found


__all__ = [
    "CLUSTERING_MODELS",
    "COMPARISON_MODELS",
    "DataUse",
    "MODELS_ENV",
    "MODEL_FILES",
    "Manifest",
    "ModelInUse",
    "REPORT_LINK",
    "SAME_STORY",
    "SIMILARITY",
    "STORY_JOIN",
    "TRAINING_ORDER",
    "article_fingerprint",
    "current_commit",
    "file_sha256",
    "fingerprint",
    "library_versions",
    "manifest_path",
    "model_path",
    "models_in_use",
    "package_dir",
    "pair_fingerprints",
    "read_manifest",
    "write_manifest",
]
