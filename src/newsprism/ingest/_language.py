"""Language identification for articles that do not declare their language."""

from __future__ import annotations

import zlib
from array import array
from functools import cache
from hashlib import sha256
from pathlib import Path
from typing import Any

from newsprism._cache import cache_dir, read_image, write_image

# Fewer letters than this and a language guess is noise.
MIN_CHARS_FOR_GUESS = 20
_SAMPLE_CHARS = 4000
# Bumped when the image's layout changes (`_state`); part of its file name.
IDENTIFIER_LAYOUT = 1


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or "" when the text is too short to tell."""
    sample = text[:_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_CHARS_FOR_GUESS:
        return ""
    lang, _score = _identifier().classify(sample)
    return lang


@cache
def _identifier() -> Any:
    """py3langid's identifier with its own model, as `py3langid.classify` builds it, from this machine's image.

    The model ships LZMA-compressed and unpacking it takes about 0.4 s at every start of a command that reads an
    article without a declared language; the image of the unpacked tables (the large state table deflated,
    which unpacks ten times faster) gives the identifier the same arrays in a fraction of that.
    """
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
    from py3langid.modelio import load_model

    model = Path(MODEL_DIR) / MODEL_FILE
    image = cache_dir() / f"langid-{IDENTIFIER_LAYOUT}-{sha256(model.read_bytes()).hexdigest()[:16]}.marshal"
    state = read_image(image)
    tables = None
    if isinstance(state, dict):
        try:
            tables = _restore(state)
        except (KeyError, TypeError, ValueError, zlib.error):
            tables = None
    if tables is None:
        tables = load_model(model)
        write_image(image, _state(*tables))
    ptc, pc, classes, nextmove, row, output = tables
    return LanguageIdentifier(ptc, pc, classes, nextmove, output, tk_row=row)


def _state(ptc: Any, pc: Any, classes: list, nextmove: array, row: array, output: list) -> dict[str, Any]:
    """The model's tables as marshal-able data: arrays as bytes with their types and shapes."""
    return {
        "ptc": (ptc.tobytes(), ptc.dtype.str, ptc.shape),
        "pc": (pc.tobytes(), pc.dtype.str, pc.shape),
        "classes": classes,
        "nextmove": (nextmove.typecode, zlib.compress(nextmove.tobytes(), 1)),
        "row": (row.typecode, row.tobytes()),
        "output": output,
    }


def _restore(state: dict[str, Any]) -> tuple:
    import numpy as np

    def matrix(data: bytes, dtype: str, shape: tuple) -> Any:
        return np.frombuffer(data, dtype=dtype).reshape(shape)

    nextmove = array(state["nextmove"][0])
    nextmove.frombytes(zlib.decompress(state["nextmove"][1]))
    row = array(state["row"][0])
    row.frombytes(state["row"][1])
    return (matrix(*state["ptc"]), matrix(*state["pc"]), state["classes"], nextmove, row, state["output"])
