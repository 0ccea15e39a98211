"""Train: fitting the shipped models, in order, each written with a manifest of its making."""

from newsprism.train._run import (
    Target,
    train_all,
    train_join,
    train_links,
    train_same_story,
    train_similarity,
)

__all__ = ["Target", "train_all", "train_join", "train_links", "train_same_story", "train_similarity"]
