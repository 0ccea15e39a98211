"""LightGBM trees scored through LightGBM's own C library, without importing the `lightgbm` Python package.

`import lightgbm` imports scikit-learn (and SciPy) whenever scikit-learn is installed (its `compat` module does,
for the estimator wrappers), which costs about a second at start-up. Scoring a saved model needs none of that:
LightGBM's documented C API (`c_api.h`: `LGBM_BoosterLoadModelFromString`, `LGBM_BoosterPredictForMat`) loads
the same model text and runs the same prediction code the Python `Booster` calls. The library is the one the
installed `lightgbm` wheel ships, found without running the package; where it cannot be found, the Python
`Booster` is used, so scores never differ, only the start-up time.
"""

from __future__ import annotations

import ctypes
import importlib.util
import platform
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

_LIBRARY_NAMES = {"Windows": "lib_lightgbm.dll", "Darwin": "lib_lightgbm.dylib"}
_DTYPES = {np.dtype(np.float32): 0, np.dtype(np.float64): 1}  # C_API_DTYPE_FLOAT32, C_API_DTYPE_FLOAT64
_ROW_MAJOR = 1
_PREDICT_NORMAL = 0  # transformed output: a probability for a binary objective, the value for a regression
_ALL_ITERATIONS = -1


@lru_cache(maxsize=1)
def _library() -> ctypes.CDLL | None:
    """The installed wheel's lib_lightgbm, where `lightgbm/libpath.py` looks for it; None if absent."""
    spec = importlib.util.find_spec("lightgbm")
    if spec is None or not spec.submodule_search_locations:
        return None
    name = _LIBRARY_NAMES.get(platform.system(), "lib_lightgbm.so")
    package = Path(next(iter(spec.submodule_search_locations)))
    for folder in (package.parent, package / "bin", package / "lib"):
        if (folder / name).is_file():
            library = ctypes.cdll.LoadLibrary(str(folder / name))
            library.LGBM_GetLastError.restype = ctypes.c_char_p
            return library
    return None


class NativeBooster:
    """A LightGBM model loaded from its text format; `predict` gives what `lightgbm.Booster.predict` gives."""

    def __init__(self, library: ctypes.CDLL, model_str: str) -> None:
        self._library = library
        self._handle = ctypes.c_void_p()
        iterations = ctypes.c_int(0)
        self._call(
            "LGBM_BoosterLoadModelFromString", model_str.encode(), ctypes.byref(iterations), ctypes.byref(self._handle)
        )
        classes = ctypes.c_int(0)
        self._call("LGBM_BoosterGetNumClasses", self._handle, ctypes.byref(classes))
        self.num_classes = classes.value

    def _call(self, name: str, *args: Any) -> None:
        if getattr(self._library, name)(*args) != 0:
            raise ValueError(f"LightGBM {name}: {self._library.LGBM_GetLastError().decode()}")

    def predict(self, matrix: np.ndarray, num_threads: int = 1) -> np.ndarray:
        """Scores of the rows of a 2-D matrix, float32 or float64 kept as given (as the Python `Booster` does)."""
        data = np.asarray(matrix)
        if data.dtype not in _DTYPES:
            data = data.astype(np.float32)
        data = np.ascontiguousarray(data)
        if data.ndim != 2:
            raise ValueError("a 2-D matrix of rows is needed")
        rows = data.shape[0]
        out = np.empty(rows * max(self.num_classes, 1), dtype=np.float64)
        written = ctypes.c_int64(0)
        self._call(
            "LGBM_BoosterPredictForMat",
            self._handle,
            data.ctypes.data_as(ctypes.c_void_p),
            ctypes.c_int(_DTYPES[data.dtype]),
            ctypes.c_int32(rows),
            ctypes.c_int32(data.shape[1]),
            ctypes.c_int(_ROW_MAJOR),
            ctypes.c_int(_PREDICT_NORMAL),
            ctypes.c_int(0),
            ctypes.c_int(_ALL_ITERATIONS),
            f"num_threads={num_threads}".encode(),
            ctypes.byref(written),
            out.ctypes.data_as(ctypes.POINTER(ctypes.c_double)),
        )
        if written.value != out.size:
            raise ValueError(f"LightGBM wrote {written.value} scores for {rows} rows")
        return out if self.num_classes <= 1 else out.reshape(rows, self.num_classes)

    def __del__(self) -> None:
        if getattr(self, "_handle", None) and self._handle.value:
            self._library.LGBM_BoosterFree(self._handle)


def scoring_booster(model_str: str) -> Any:
    """A booster for scoring only: LightGBM's C library directly where found, else the Python `Booster`."""
    library = _library()
    if library is None:
        from lightgbm import Booster

        return Booster(model_str=model_str)
    return NativeBooster(library, model_str)
