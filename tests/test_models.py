"""Model provenance: manifests beside the model files, `newsprism models`, and the models-directory override."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.models import (
    MODEL_FILES,
    MODELS_ENV,
    REPORT_LINK,
    DataUse,
    Manifest,
    file_sha256,
    model_path,
    models_in_use,
    package_dir,
    read_manifest,
    write_manifest,
)


def _manifest(model_file, data: tuple[DataUse, ...]) -> Manifest:
    return Manifest(
        model=REPORT_LINK,
        file=model_file.name,
        file_sha256=file_sha256(model_file),
        data=data,
        analysis_version=None,
        commit="abc",
        libraries={"numpy": "1"},
        seed=0,
    )


def _section(stdout: str, name: str) -> str:
    """The lines `newsprism models` prints for one model: its heading line and the indented lines under it."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{name}  "))
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith(" ")), len(lines))
    return "\n".join(lines[start:end])


def test_every_shipped_model_has_a_manifest_of_that_very_file():
    for model in models_in_use():
        assert model.manifest is not None, model.name
        assert model.manifest.file_sha256 == file_sha256(model.path), model.name
        assert model.manifest.data and all(use.fingerprints for use in model.manifest.data)


def test_manifest_round_trips_through_json(tmp_path):
    model_file = tmp_path / "x.bin"
    model_file.write_bytes(b"model")
    manifest = _manifest(model_file, (DataUse("d.csv", "0" * 64, "fit", "rows 1-2", 2, ("aa", "bb")),))
    write_manifest(manifest, model_file)
    assert (tmp_path / "x.manifest.json").is_file()
    assert read_manifest(model_file) == manifest


def test_models_directory_comes_first_and_falls_back_to_the_package(tmp_path, monkeypatch):
    shutil.copy(package_dir() / MODEL_FILES[REPORT_LINK], tmp_path)
    monkeypatch.setenv(MODELS_ENV, str(tmp_path))
    assert model_path(MODEL_FILES[REPORT_LINK]) == tmp_path / MODEL_FILES[REPORT_LINK]
    assert model_path("similarity.npz").parent == package_dir()


def test_newsprism_models_reports_a_manifest_naming_different_data(tmp_path, monkeypatch):
    shutil.copy(package_dir() / MODEL_FILES[REPORT_LINK], tmp_path)
    model_file = tmp_path / MODEL_FILES[REPORT_LINK]
    given = tmp_path / "train.source"
    given.write_text("a story that is not the one the manifest names\n", encoding="utf-8")
    write_manifest(
        _manifest(model_file, (DataUse("train.source", "f" * 64, "fit", "stories 1-9", 9, ("aa",)),)), model_file
    )
    monkeypatch.setenv(MODELS_ENV, str(tmp_path))
    result = CliRunner().invoke(app, ["models", "--data", str(given)])
    assert result.exit_code == 0, result.stderr
    section = _section(result.stdout, "report_link")
    assert str(model_file) in section
    assert (
        f"names different data: train.source with sha256 {'f' * 12}, the file given has {file_sha256(given)[:12]}"
        in section
    )


def test_newsprism_models_reports_a_manifest_of_another_file_and_a_file_without_one(tmp_path, monkeypatch):
    shutil.copy(package_dir() / MODEL_FILES[REPORT_LINK], tmp_path)
    monkeypatch.setenv(MODELS_ENV, str(tmp_path))
    result = CliRunner().invoke(app, ["models"])
    assert "no manifest: where this model came from is unknown" in _section(result.stdout, "report_link")
    model_file = tmp_path / MODEL_FILES[REPORT_LINK]
    other = tmp_path / "other.bin"
    other.write_bytes(b"another model")
    write_manifest(_manifest(other, ()), model_file)
    result = CliRunner().invoke(app, ["models"])
    assert "the manifest describes another file" in _section(result.stdout, "report_link")


def test_an_evaluation_with_a_model_without_manifest_is_refused(tmp_path, monkeypatch):
    from newsprism.evaluate._provenance import InSampleError, guard

    shutil.copy(package_dir() / MODEL_FILES[REPORT_LINK], tmp_path)
    monkeypatch.setenv(MODELS_ENV, str(tmp_path))
    with pytest.raises(InSampleError, match="report_link has no manifest"):
        guard({"0123456789ab"}, (REPORT_LINK,), allow_in_sample=False)
    assert guard({"0123456789ab"}, (REPORT_LINK,), allow_in_sample=True).in_sample


def test_a_pickled_model_file_is_refused_without_being_run(tmp_path):
    import pickle

    from newsprism._errors import ModelError
    from newsprism.compare import load_model

    class Trap:
        def __reduce__(self):
            return (print, ("a pickle ran",))

    path = tmp_path / "similarity.npz"
    path.write_bytes(pickle.dumps(Trap()))
    with pytest.raises(ModelError, match="not a newsprism model file"):
        load_model(path)


def test_models_save_as_arrays_and_load_with_the_same_predictions(tmp_path):
    import numpy as np

    from newsprism.cluster._join import JoinModel
    from newsprism.compare._model import SimilarityModel
    from newsprism.compare._same_story import BASE_WIDTH, OPTIONAL_EVIDENCE, SameStoryModel

    rng = np.random.default_rng(1)
    rows = [{"a": float(x), "b": float(y)} for x, y in rng.normal(size=(80, 2))]
    targets = np.clip(2.5 + rng.normal(size=(80, 7)), 1, 4)
    similarity = SimilarityModel({"n_estimators": 5}).fit(rows, targets)
    similarity.save(tmp_path / "s.npz")
    assert np.array_equal(SimilarityModel.from_file(tmp_path / "s.npz").predict(rows), similarity.predict(rows))
    assert SimilarityModel(random_state=3).get_params() == {"params": None, "random_state": 3}
    decisions = rng.normal(size=(80, BASE_WIDTH + len(OPTIONAL_EVIDENCE))).tolist()
    labels = rng.integers(0, 2, 80)
    same_story = SameStoryModel({"n_estimators": 5}).fit(decisions, labels)
    same_story.save(tmp_path / "ss.npz")
    loaded = SameStoryModel.from_file(tmp_path / "ss.npz")
    assert np.array_equal(loaded.predict_proba(decisions), same_story.predict_proba(decisions))
    evidence = rng.uniform(size=(80, 4)).tolist()
    join = JoinModel().fit(evidence, labels)
    join.save(tmp_path / "j.npz")
    words = [True] * 80
    assert np.array_equal(
        JoinModel.from_file(tmp_path / "j.npz").predict_proba(evidence, words), join.predict_proba(evidence, words)
    )
