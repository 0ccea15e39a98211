"""The `newsprism train` commands: fit one model (or all, in order), write it with its manifest, return the report.

Models are written into a directory the caller names, never into the installed package unless asked: a run that
went wrong must not replace the models in use. Every fit is seeded, so the same data gives the same model.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsprism._console import Console
from newsprism._errors import InputError
from newsprism.models import (
    MODEL_FILES,
    MODELS_ENV,
    REPORT_LINK,
    SAME_STORY,
    SIMILARITY,
    STORY_JOIN,
    DataUse,
    Manifest,
    current_commit,
    file_sha256,
    library_versions,
    model_path,
    package_dir,
    write_manifest,
)
from newsprism.train._data import allsides_use, semeval_use
from newsprism.types import Analysis

# AllSides training stories (lines of train.source) and what each range is for: they never overlap, so the
# threshold range judges models that never saw it, and the join and link models learn from stories the same-story
# model never saw (its probabilities there are as good as on new stories).
SAME_STORY_STORIES = (1, 1000)
THRESHOLD_STORIES = (1001, 1300)
JOIN_STORIES = (1301, None)
LINK_STORIES = (1301, 1700)
SEED = 0


@dataclass(frozen=True, slots=True)
class Target:
    """Where a training run writes: a directory (the file named as shipped), or one file given outright."""

    directory: Path
    file: Path | None = None

    def path(self, model: str) -> Path:
        return self.file or self.directory / MODEL_FILES[model]

    @classmethod
    def of(cls, out: Path | None, output: Path | None, into_package: bool) -> Target:
        """From the command line: `--into-package`, else `-o FILE`, else `--out DIR` (default ./newsprism-models)."""
        if into_package:
            return cls(package_dir())
        if output is not None:
            return cls(output.parent, output)
        return cls(out or Path("newsprism-models"))


def _write(
    model: object, name: str, target: Target, data: Sequence[DataUse], cv: dict, upstream: Sequence[str]
) -> Path:
    """Save a fitted model and its manifest; later loads in this process see the new file."""
    path = target.path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    model.save(path)  # type: ignore[attr-defined]
    from newsprism.analyze._pipeline import ANALYSIS_VERSION
    from newsprism.models._manifest import now

    manifest = Manifest(
        model=name,
        file=path.name,
        file_sha256=file_sha256(path),
        data=tuple(data),
        analysis_version=ANALYSIS_VERSION,
        commit=current_commit(),
        libraries=library_versions(),
        seed=SEED,
        cv={k: round(float(v), 4) for k, v in cv.items()},
        upstream={n: file_sha256(model_path(MODEL_FILES[n])) for n in upstream},
        created=now(),
    )
    write_manifest(manifest, path)
    _clear_model_caches()
    return path


def _clear_model_caches() -> None:
    from newsprism.cluster import _join
    from newsprism.compare import _model, _same_story

    for module in (_model, _same_story, _join):
        module._load.cache_clear()


def _analyse_stream(stream: list, console: Console) -> list[Analysis]:
    from newsprism.pipeline import analyse_in_batches

    return list(console.track(analyse_in_batches([a for a, _ in stream], console), "analysing", total=len(stream)))


def _figure_lines(figures: dict) -> list[str]:
    return [f"{k}={v:.4f}" if isinstance(v, float) else f"{k}={v}" for k, v in figures.items()]


def train_similarity(csv_path: Path, target: Target, console: Console) -> str:
    """Grouped-CV figures next to the zero-shot baseline, then the model fitted on every row."""
    from newsprism.evaluate import feature_rows, read_pairs
    from newsprism.train._similarity import fit_full, grouped_cv, without_optional

    pairs = read_pairs(csv_path)
    console.info(f"analysing {len(pairs)} pairs")
    features = feature_rows(pairs, lambda done, total: console.debug(f"{done}/{total} texts"))
    model_report, baseline = grouped_cv(pairs, features, seed=SEED)
    cv = {f"{d}_pearson": r for d, r in model_report.per_dimension.items()}
    lines = ["# grouped cross-validation (model; groups: connected components of shared articles)"]
    lines += model_report.lines()
    reduced = without_optional(features)
    if reduced != features:
        fallback = grouped_cv(pairs, reduced, seed=SEED)[0]
        cv["overall_pearson_without_e5"] = fallback.per_dimension["overall"]
        lines += ["# grouped cross-validation (fallback model: no E5 vectors)", *fallback.lines()]
    path = _write(fit_full(pairs, features, SEED), SIMILARITY, target, [semeval_use(csv_path, pairs)], cv, [])
    lines += ["# zero-shot baseline: cosine of embeddings", *baseline.lines()]
    return "\n".join([*lines, f"model written to {path}"])


def train_same_story(allsides: Path, limit: int, semeval: Path | None, target: Target, console: Console) -> str:
    """Fit the same-story model on AllSides stories (and rated SemEval pairs) and write it."""
    from newsprism.evaluate import read_pairs
    from newsprism.evaluate._clusters import allsides_stream
    from newsprism.train._same_story import same_story_fit

    stream = allsides_stream(allsides, limit)
    analyses = _analyse_stream(stream, console)
    rated = read_pairs(semeval) if semeval is not None else []
    if rated:
        console.info(f"analysing {len(rated)} rated pairs")
    model, figures = same_story_fit(analyses, [story for _, story in stream], rated, SEED)
    data = [allsides_use(allsides, stream, 1, limit)] + ([semeval_use(semeval, rated)] if semeval else [])
    path = _write(model, SAME_STORY, target, data, figures, [SIMILARITY])
    heading = "# grouped cross-validation (pairs: story roundups, hard/random negatives, rated pairs)"
    return "\n".join([heading, *_figure_lines(figures), f"model written to {path}"])


def train_join(allsides: Path, first: int, limit: int | None, target: Target, console: Console) -> str:
    """Fit the join model on a replayed stream of AllSides stories and write it."""
    from newsprism.cluster._join import JoinModel
    from newsprism.evaluate._clusters import allsides_stream, mixed_stream
    from newsprism.train._joins import grouped_cv_join, join_rows
    from newsprism.train._similarity import has_e5, without_e5

    part = allsides_stream(allsides, limit, first)
    stream = mixed_stream([part])
    analyses = _analyse_stream(stream, console)
    gold = [story for _, story in stream]
    console.info(f"replaying {len(analyses)} articles")
    rows, labels, groups = join_rows(analyses, gold)
    figures = grouped_cv_join(rows, labels, groups)
    if has_e5(analyses):  # replayed again as a machine without E5 sees it, for the fallback variants
        console.info("replaying them again without E5 vectors")
        plain_rows, plain_labels, plain_groups = join_rows(without_e5(analyses), gold)
        figures |= {f"{k}_without_e5": v for k, v in grouped_cv_join(plain_rows, plain_labels, plain_groups).items()}
        rows, labels = rows + plain_rows, np.concatenate([labels, plain_labels])
    model = JoinModel().fit(rows, labels)
    data = [allsides_use(allsides, part, first, limit), *_threshold_use(allsides, first)]
    path = _write(model, STORY_JOIN, target, data, figures, [SIMILARITY, SAME_STORY])
    weights = [f"weights_{kind}={weights}" for kind, weights in model.describe().items()]
    heading = "# grouped cross-validation (candidates of a replayed stream)"
    return "\n".join([heading, *_figure_lines(figures), *weights, f"model written to {path}"])


def train_links(allsides: Path, first: int, limit: int | None, target: Target, console: Console) -> str:
    """Fit the link model (report vs. report, for the end-of-batch review) on AllSides stories and write it."""
    from newsprism.cluster._links import LinkModel
    from newsprism.evaluate._clusters import allsides_stream, mixed_stream
    from newsprism.train._joins import grouped_cv_evidence
    from newsprism.train._links import link_rows

    part = allsides_stream(allsides, limit, first)
    stream = mixed_stream([part])
    analyses = _analyse_stream(stream, console)
    rows, labels, groups = link_rows(analyses, [story for _, story in stream])
    figures = grouped_cv_evidence(LinkModel, rows, labels, groups)
    model = LinkModel().fit(rows, labels)
    data = [allsides_use(allsides, part, first, limit), *_threshold_use(allsides, first)]
    path = _write(model, REPORT_LINK, target, data, figures, [])
    weights = [f"weights_{kind}={weights}" for kind, weights in model.describe().items()]
    heading = "# grouped cross-validation (pairs of neighbouring reports)"
    return "\n".join([heading, *_figure_lines(figures), *weights, f"model written to {path}"])


def _threshold_use(allsides: Path, first: int) -> list[DataUse]:
    """The stories that chose the clustering thresholds, recorded with the models those thresholds apply to
    (only when the model's own stories come after them, as in the shipped ranges)."""
    from newsprism.evaluate._clusters import allsides_stream

    low, high = THRESHOLD_STORIES
    if first <= high:
        return []
    return [allsides_use(allsides, allsides_stream(allsides, high, low), low, high, role="threshold")]


@contextmanager
def models_from(directory: Path) -> Iterator[None]:
    """Within the block, models found in `directory` are the ones in use (so each model learns from the
    predictions of the models fitted before it in the same run)."""
    previous = os.environ.get(MODELS_ENV)
    os.environ[MODELS_ENV] = str(directory)
    _clear_model_caches()
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(MODELS_ENV, None)
        else:
            os.environ[MODELS_ENV] = previous
        _clear_model_caches()


def split_data(paths: Sequence[Path]) -> tuple[Path, Path]:
    """The SemEval CSV and the AllSides .source file among the data paths of `train all`."""
    csvs = [p for p in paths if p.suffix.lower() == ".csv"]
    sources = [p for p in paths if p.suffix.lower() == ".source"]
    if len(csvs) != 1 or len(sources) != 1:
        raise InputError(", ".join(map(str, paths)), "give one SemEval .csv and one AllSides training .source file")
    for path in (csvs[0], sources[0]):
        if not path.is_file():
            raise InputError(str(path), "no such file")
    return csvs[0], sources[0]


def train_all(paths: Sequence[Path], target: Target, console: Console) -> str:
    """Every shipped model, in the order each needs the ones before it: similarity, same-story, joins, links."""
    csv_path, allsides = split_data(paths)
    sections = []
    with models_from(target.directory):
        console.info("1/4 similarity model")
        sections.append(train_similarity(csv_path, target, console))
        console.info("2/4 same-story model")
        sections.append(train_same_story(allsides, SAME_STORY_STORIES[1], csv_path, target, console))
        console.info("3/4 join model")
        sections.append(train_join(allsides, JOIN_STORIES[0], JOIN_STORIES[1], target, console))
        console.info("4/4 link model")
        sections.append(train_links(allsides, LINK_STORIES[0], LINK_STORIES[1], target, console))
    return "\n".join(sections)
