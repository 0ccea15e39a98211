"""Model files as arrays and text only: loading one can never run code.

A pickled model (joblib) runs whatever its file says when it is loaded, so a model file from elsewhere would be
a program. These files are NumPy `.npz` archives read with `allow_pickle=False`: numbers as arrays, LightGBM
trees as their own text format, settings as a JSON string.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from newsprism._errors import ModelError

T = TypeVar("T")
_KIND = "__kind__"
_META = "__meta__"


def save_arrays(path: str | Path, kind: str, arrays: dict[str, Any], meta: dict[str, Any] | None = None) -> None:
    """Write `arrays` (NumPy arrays or strings) with the model's kind and a JSON-able `meta` to `path`."""
    stored = {name: np.asarray(value) for name, value in arrays.items()}
    for name, value in stored.items():
        if value.dtype == object:
            raise ValueError(f"{name}: only numbers and text can be stored, not Python objects")
    with open(path, "wb") as handle:
        np.savez_compressed(handle, **{_KIND: np.asarray(kind), _META: np.asarray(json.dumps(meta or {})), **stored})


def load_arrays(path: str | Path, kind: str) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """The arrays and meta of a model file of `kind`; a pickled or foreign file is refused, never run."""
    try:
        with np.load(path, allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
    except (OSError, ValueError, EOFError) as exc:
        raise ModelError(f"{path}: not a newsprism model file ({exc})") from exc
    found = str(arrays.pop(_KIND, ""))
    if found != kind:
        raise ModelError(f"{path}: a {found or 'foreign'} file, not a newsprism {kind}")
    return arrays, json.loads(str(arrays.pop(_META)))


def booster_text(booster: Any) -> np.ndarray:
    """A LightGBM booster as its own text format."""
    return np.asarray(booster.model_to_string())


def booster_from(text: np.ndarray) -> Any:
    from lightgbm import Booster

    return Booster(model_str=str(text))


def read_model_file(path: str | Path, kind: str, rebuild: str, build: Callable[[Path], T]) -> T:
    """`build(path)` for a model file of `kind`, its absence or a broken file told as a `ModelError` that says
    how to rebuild it (`rebuild`, a command)."""
    source = Path(path)
    if not source.is_file():
        raise ModelError(f"{source}: {kind} not found; rebuild it with `{rebuild}`")
    try:
        return build(source)
    except (KeyError, ValueError, TypeError) as exc:
        raise ModelError(f"{source}: cannot load the {kind} ({exc})") from exc
