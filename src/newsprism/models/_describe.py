"""What `newsprism models` prints: each model in use, its manifest, and whatever does not add up."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from newsprism.models import MODEL_FILES, ModelInUse, model_path, models_in_use
from newsprism.models._manifest import file_sha256


def model_problems(model: ModelInUse, data: dict[str, str], analysis_version: int) -> list[str]:
    """What makes a model's figures or predictions doubtful: no manifest, a manifest of another file, analyses of
    another version, upstream models other than those in use, or data files other than the ones given
    (`data` maps file names to their sha256)."""
    if not model.path.is_file():
        return [f"{model.path}: no model file"]
    manifest = model.manifest
    if manifest is None:
        return ["no manifest: where this model came from is unknown"]
    problems = []
    if manifest.file_sha256 != file_sha256(model.path):
        problems.append(f"the manifest describes another file (sha256 {manifest.file_sha256[:12]})")
    if manifest.analysis_version != analysis_version:
        problems.append(
            f"fitted on analyses of version {manifest.analysis_version}; this newsprism analyses as version "
            f"{analysis_version}: retrain (`newsprism train all`)"
        )
    for name, digest in manifest.upstream.items():
        if name in MODEL_FILES and file_sha256(model_path(MODEL_FILES[name])) != digest:
            problems.append(f"fitted on the predictions of another {name} model than the one in use")
    for use in manifest.data:
        if use.name in data and data[use.name] != use.sha256:
            problems.append(
                f"names different data: {use.name} with sha256 {use.sha256[:12]}, "
                f"the file given has {data[use.name][:12]}"
            )
    return problems


def _lines(model: ModelInUse, problems: list[str]) -> list[str]:
    lines = [f"{model.name}  {model.path}"]
    manifest = model.manifest
    if manifest is not None:
        lines.append(
            f"  manifest: commit {manifest.commit}, analysis version {manifest.analysis_version}, "
            f"seed {manifest.seed}, created {manifest.created or 'unknown'}"
        )
        lines += [f"  data: {use.role} {use.name} ({use.used}; sha256 {use.sha256[:12]})" for use in manifest.data]
        cv = " ".join(f"{k}={v}" for k, v in manifest.cv.items())
        lines.append(f"  cv: {cv or 'not recorded'}")
        libraries = " ".join(f"{k}={v}" for k, v in manifest.libraries.items())
        lines.append(f"  libraries: {libraries or 'not recorded'}")
        if manifest.notes:
            lines.append(f"  notes: {manifest.notes}")
    lines += [f"  problem: {problem}" for problem in problems]
    return lines


def describe_models(data_files: Sequence[Path] = ()) -> tuple[str, int]:
    """The report of the models in use and the number of problems found."""
    from newsprism.analyze._pipeline import ANALYSIS_VERSION

    data = {Path(path).name: file_sha256(path) for path in data_files}
    lines, count = [], 0
    for model in models_in_use():
        problems = model_problems(model, data, ANALYSIS_VERSION)
        count += len(problems)
        lines += _lines(model, problems)
    return "\n".join(lines), count
