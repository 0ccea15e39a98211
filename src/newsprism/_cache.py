"""Data built once per machine instead of once per process: `marshal` images in the user's cache directory.

Some tables newsprism needs are derived from libraries' data at a cost paid on every start (the MUSE
tokenizer's prefix index, the place gazetteer). Their built form is kept as a `marshal` image (data only, no
code runs on load) named by what it was built from, so a changed source is simply not found and is built anew.
A cache that cannot be read or written only costs the next start the build.
"""

from __future__ import annotations

import marshal
import os
import tempfile
import zlib
from pathlib import Path
from typing import Any

CACHE_DIR_ENV = "NEWSPRISM_CACHE_DIR"


def cache_dir() -> Path:
    """`NEWSPRISM_CACHE_DIR`, else the user's cache directory for newsprism."""
    folder = os.environ.get(CACHE_DIR_ENV)
    if not folder:
        from platformdirs import user_cache_dir

        folder = user_cache_dir("newsprism")
    return Path(folder)


def read_image(path: Path, compressed: bool = False) -> Any | None:
    """The value stored at `path` (by `write_image` with the same `compressed`), or None when there is none or
    it is unreadable."""
    try:
        data = path.read_bytes()
        return marshal.loads(zlib.decompress(data) if compressed else data)
    except (OSError, EOFError, ValueError, TypeError, zlib.error):
        return None


def write_image(path: Path, value: Any, compressed: bool = False) -> None:
    """Store `value` (marshal-able data) at `path` atomically; a failure leaves no partial file behind.

    `compressed` deflates it at the fastest level: a fifth of the size for about a fifth more time to read."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            temporary = Path(handle.name)
            data = marshal.dumps(value)
            handle.write(zlib.compress(data, 1) if compressed else data)
        os.replace(temporary, path)
    except (OSError, ValueError):
        if temporary is not None:
            temporary.unlink(missing_ok=True)
