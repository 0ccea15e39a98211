"""Vectors of short texts a comparison embeds (fact clauses, quotes), kept per process.

A story page or a server compares the same reports again and again: a clause is embedded the first time it is
compared and read from memory after that. The memory is bounded; the oldest vectors go first.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np

from newsprism.analyze import embed

# About 2 KB a vector: 50,000 clauses hold about 100 MB.
MAX_CACHED_VECTORS = 50_000
_cache: OrderedDict[str, np.ndarray] = OrderedDict()


def cached_vectors(texts: list[str]) -> np.ndarray:
    """One normalised row per text, embedding in one batch only the texts not seen before."""
    missing = list(dict.fromkeys(t for t in texts if t not in _cache))
    for text, vector in zip(missing, embed(missing), strict=True):
        _cache[text] = vector
    rows = []
    for text in texts:
        _cache.move_to_end(text)
        rows.append(_cache[text])
    while len(_cache) > MAX_CACHED_VECTORS:
        _cache.popitem(last=False)
    return np.array(rows, dtype=np.float32).reshape(len(texts), -1) if rows else embed([])
