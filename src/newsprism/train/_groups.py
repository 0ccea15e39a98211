"""Cross-validation groups that leak nothing.

A test fold must share no text with its training folds, or its figures measure memory. Two leaks are closed here:
rated SemEval pairs that share an article (the same article is rated against several others, under different
pair ids) are grouped by connected component of shared articles, not by pair id; and a pair of reports of two
different stories belongs to both, so it is tested only in a fold holding both stories and trained on only in
folds holding neither.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

_SUFFIX = re.compile(r"[a-z]+$")
FOLD_SEED = 11


def article_ids(pair_id: str) -> list[str]:
    """The SemEval article ids a pair id joins, without the language suffix of machine-translated copies."""
    return [_SUFFIX.sub("", part) for part in pair_id.split("_")]


def article_components(pair_ids: Sequence[str]) -> list[str]:
    """For every rated pair, a label of the connected component of articles it belongs to (union-find)."""
    parent: dict[str, str] = {}

    def root(item: str) -> str:
        while parent.setdefault(item, item) != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for pair_id in pair_ids:
        first, *rest = article_ids(pair_id)
        for other in rest:
            parent[root(other)] = root(first)
    return [root(article_ids(pair_id)[0]) for pair_id in pair_ids]


def pair_folds(
    first: Sequence[str], second: Sequence[str], folds: int = 5, seed: int = FOLD_SEED
) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train, test) row indices per fold for rows that each belong to two groups (`first[i]`, `second[i]`).

    Groups are dealt to folds in a seeded shuffle; a row is tested in a fold holding both its groups and trained
    on in the folds holding neither, so a row spanning two folds is never tested and never trains a model
    tested on one of its groups.
    """
    groups = sorted(set(first) | set(second))
    order = np.random.default_rng(seed).permutation(len(groups))
    fold_of = {groups[i]: rank % folds for rank, i in enumerate(order)}
    a = np.array([fold_of[g] for g in first])
    b = np.array([fold_of[g] for g in second])
    splits = []
    for fold in range(folds):
        test = np.flatnonzero((a == fold) & (b == fold))
        train = np.flatnonzero((a != fold) & (b != fold))
        splits.append((train, test))
    return splits
