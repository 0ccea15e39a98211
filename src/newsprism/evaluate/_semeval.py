"""The SemEval-2022 Task 8 harness: read rated pairs, compute features, score Pearson r per dimension.

Rows whose pair id carries a language suffix are machine translations of another pair; cross-validation
groups rows by the base pair id so that no translation of a test pair is ever trained on.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsprism._errors import InputError
from newsprism.analyze import analyze_many
from newsprism.compare._features import pair_features
from newsprism.types import DIMENSIONS, Analysis, Article

REQUIRED_COLUMNS = ("pair_id", "lang1", "lang2", "text1", "text2")
CSV_COLUMNS = {d: d.capitalize() for d in DIMENSIONS}
_SUFFIX = re.compile(r"[a-z]+$")
ANALYSIS_BATCH = 64


@dataclass(frozen=True, slots=True)
class RatedPair:
    """One row of a SemEval CSV."""

    pair_id: str
    lang1: str
    lang2: str
    text1: str
    text2: str
    scores: tuple[float, ...]  # NaN where the CSV has no rating

    @property
    def group(self) -> str:
        """Base pair id without translation suffixes: the unit of grouped cross-validation."""
        return "_".join(_SUFFIX.sub("", part) for part in self.pair_id.split("_"))

    @property
    def language_pair(self) -> str:
        return f"{self.lang1}-{self.lang2}"


def read_pairs(path: str | Path) -> list[RatedPair]:
    """Rows of a CSV with the sample's columns; dimension columns may be missing (then NaN)."""
    csv.field_size_limit(sys.maxsize)
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(str(path), f"missing CSV columns {missing}")
            return [_row(str(path), reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise InputError(str(path), f"broken CSV ({exc})") from exc
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise InputError(str(path), "not valid UTF-8") from exc


def _row(source: str, line: int, row: dict[str, str | None]) -> RatedPair:
    """One rated pair; a record with fewer fields than the header (a file cut short mid-record) is refused."""
    missing = [name for name in REQUIRED_COLUMNS if row.get(name) is None]
    if missing:
        raise InputError(source, f"record ending on line {line} lacks {', '.join(missing)} (is the file cut short?)")
    scores = tuple(_float(row.get(CSV_COLUMNS[d])) for d in DIMENSIONS)
    return RatedPair(row["pair_id"], row["lang1"], row["lang2"], row["text1"] or "", row["text2"] or "", scores)


def _float(value: str | None) -> float:
    try:
        return float(value) if value is not None else float("nan")
    except ValueError:
        return float("nan")


def _article(text: str, language: str, ident: str) -> Article:
    """SemEval texts join title and body with a double space; the first such split is the title."""
    title, sep, body = text.partition("  ")
    if not sep or len(title) > 300:
        title, body = "", text
    return Article(id=ident, title=title.strip(), text=body.strip() or title.strip(), language=language)


def pair_analyses(
    pairs: list[RatedPair], progress: Callable[[int, int], None] | None = None
) -> list[tuple[Analysis, Analysis]]:
    """Analyse every text once (texts repeat across rows) and return the analyses per pair."""
    unique: dict[tuple[str, str], Article] = {}
    for pair in pairs:
        for text, language in ((pair.text1, pair.lang1), (pair.text2, pair.lang2)):
            unique.setdefault((text, language), _article(text, language, f"t{len(unique)}"))
    keys = list(unique)
    analysed: dict[tuple[str, str], Analysis] = {}
    for start in range(0, len(keys), ANALYSIS_BATCH):
        chunk = keys[start : start + ANALYSIS_BATCH]
        for key, analysis in zip(chunk, analyze_many([unique[k] for k in chunk]), strict=True):
            analysed[key] = analysis
        if progress:
            progress(min(start + ANALYSIS_BATCH, len(keys)), len(keys))
    return [(analysed[(p.text1, p.lang1)], analysed[(p.text2, p.lang2)]) for p in pairs]


def feature_rows(pairs: list[RatedPair], progress: Callable[[int, int], None] | None = None) -> list[dict[str, float]]:
    """Pair features for every row."""
    return [pair_features(a, b)[0] for a, b in pair_analyses(pairs, progress)]


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    """Pearson r over the rows where both are known; NaN with fewer than three such rows."""
    mask = ~(np.isnan(x) | np.isnan(y))
    if mask.sum() < 3 or np.std(x[mask]) == 0 or np.std(y[mask]) == 0:
        return float("nan")
    return float(np.corrcoef(x[mask], y[mask])[0, 1])


@dataclass(frozen=True, slots=True)
class Report:
    """Pearson r per dimension overall and per language pair, with counts."""

    per_dimension: dict[str, float]
    per_language_pair: dict[str, tuple[int, float]]  # Overall r per language pair
    count: int

    def lines(self) -> list[str]:
        out = [f"pairs={self.count}"]
        out += [f"{d:<10} r={self.per_dimension[d]:.3f}" for d in DIMENSIONS]
        out += ["language_pair  n  overall_r"]
        out += [f"{lp:<13} {n:>4}  {r:.3f}" for lp, (n, r) in sorted(self.per_language_pair.items())]
        out.append(f"overall_pearson={self.per_dimension['overall']:.4f}")
        return out


def score_report(pairs: list[RatedPair], predictions: np.ndarray) -> Report:
    """Compare predictions of shape (n, 7) with the ratings."""
    gold = np.array([p.scores for p in pairs], dtype=float)
    per_dimension = {d: pearson(predictions[:, i], gold[:, i]) for i, d in enumerate(DIMENSIONS)}
    overall = DIMENSIONS.index("overall")
    by_pair: dict[str, list[int]] = {}
    for index, pair in enumerate(pairs):
        by_pair.setdefault(pair.language_pair, []).append(index)
    per_lp = {lp: (len(ix), pearson(predictions[ix, overall], gold[ix, overall])) for lp, ix in by_pair.items()}
    return Report(per_dimension, per_lp, len(pairs))
