"""Model provenance: manifests beside the model files, `newsprism models`, and the models-directory override."""

from __future__ import annotations

import shutil
from pathlib import Path

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


def test_a_model_file_holding_a_python_object_is_refused_without_running_it(tmp_path):
    import numpy as np

    from newsprism._errors import ModelError
    from newsprism.compare import load_model

    ran = tmp_path / "ran"

    class Trap:
        def __reduce__(self):
            return (ran.write_text, ("a pickle ran",))

    path = tmp_path / "similarity.npz"
    np.savez(path, __kind__=np.asarray("similarity model"), v0=np.array([Trap()], dtype=object))
    with pytest.raises(ModelError, match="not a newsprism model file"):
        load_model(path)
    assert not ran.exists()


_OUTPUTS = Path(__file__).parent / "data" / "model_outputs.json"


def _expected(name: str) -> dict:
    """What the shipped model `name` gave on our fixtures with the model code before the estimator interface,
    skipping when the shipped file is no longer the one those figures were computed with."""
    import json

    recorded = json.loads(_OUTPUTS.read_text(encoding="utf-8"))
    if recorded["models"][name] != file_sha256(package_dir() / MODEL_FILES[name]):
        pytest.skip(f"the shipped {name} model is not the file {_OUTPUTS.name} was computed with")
    return recorded[name]


def _rows(rows: list) -> list:
    return [[float("nan") if value is None else value for value in row] for row in rows]


def test_shipped_similarity_model_scores_the_fixtures_as_before():
    import numpy as np

    from newsprism.compare._model import SimilarityModel

    expected = _expected("similarity")
    model = SimilarityModel.from_file(package_dir() / MODEL_FILES["similarity"])
    assert np.array_equal(model.predict(expected["rows"]), np.array(expected["scores"]))


def test_shipped_same_story_model_scores_the_fixtures_as_before():
    import numpy as np

    from newsprism.compare._same_story import SameStoryModel

    expected = _expected("same_story")
    model = SameStoryModel.from_file(package_dir() / MODEL_FILES["same_story"])
    probability = model.predict_proba(_rows(expected["rows"]))
    assert np.array_equal(probability[:, 1], np.array(expected["probability"]))
    assert np.allclose(probability.sum(axis=1), 1.0)


@pytest.mark.parametrize("name", ["story_join", "report_link"])
def test_shipped_evidence_models_score_the_fixtures_as_before(name):
    import numpy as np

    from newsprism.cluster._join import JoinModel
    from newsprism.cluster._links import LinkModel

    expected = _expected(name)
    kind = JoinModel if name == "story_join" else LinkModel
    model = kind.from_file(package_dir() / MODEL_FILES[name])
    probability = model.predict_proba(_rows(expected["rows"]), expected["words_count"])
    assert probability.shape == (len(expected["rows"]), 2)
    assert np.array_equal(probability[:, 1], np.array(expected["probability"]))


def test_models_follow_the_scikit_learn_estimator_contract():
    import numpy as np
    from sklearn.base import clone

    from newsprism._errors import NotFittedError
    from newsprism.cluster._join import JOIN_FEATURES, JoinModel
    from newsprism.compare._same_story import DECISION_FEATURES, SameStoryModel

    rng = np.random.default_rng(2)
    model = SameStoryModel({"n_estimators": 5}, random_state=4)
    assert clone(model).get_params() == {"params": {"n_estimators": 5}, "random_state": 4}
    with pytest.raises(NotFittedError, match="SameStoryModel is not fitted"):
        model.predict_proba(np.zeros((1, len(DECISION_FEATURES))))
    rows, labels = rng.normal(size=(60, len(DECISION_FEATURES))), rng.integers(0, 2, 60)
    assert model.fit(rows, labels) is model
    assert model.feature_names_in_.tolist() == list(DECISION_FEATURES) and model.classes_.tolist() == [0, 1]
    assert model.predict(rows).tolist() == (model.predict_proba(rows)[:, 1] >= 0.5).astype(int).tolist()
    with pytest.raises(ValueError, match=rf"shape \(2, 3\), but the same-story model takes rows of {len(rows[0])}"):
        model.predict_proba(np.zeros((2, 3)))
    join = JoinModel(regularisation=0.5).fit(rng.uniform(size=(60, len(JOIN_FEATURES))), labels)
    assert join.get_params() == {"regularisation": 0.5} and join.n_features_in_ == len(JOIN_FEATURES)
    with pytest.raises(ValueError, match=r"shape \(1, 3\), but the join model takes rows of 4 features"):
        join.predict_proba([[0.1, 0.2, 0.3]])
    with pytest.raises(ValueError, match="labels 0 and 1"):
        JoinModel().fit(rng.uniform(size=(3, 4)), [0, 1, 2])


def test_similarity_model_reads_a_matrix_by_its_declared_features():
    import numpy as np

    from newsprism.compare._model import SimilarityModel

    rng = np.random.default_rng(5)
    rows = [{"e5_cosine": float(x), "doc_cosine": float(y)} for x, y in rng.uniform(size=(60, 2))]
    model = SimilarityModel({"n_estimators": 5}).fit(rows, np.clip(2.5 + rng.normal(size=(60, 7)), 1, 4))
    assert model.feature_names_in_.tolist() == ["doc_cosine", "e5_cosine"]
    matrix = np.array([[row["doc_cosine"], row["e5_cosine"]] for row in rows])
    assert np.array_equal(model.predict(matrix), model.predict(rows))
    # A missing optional feature is a NaN in the matrix: the variant fitted without it scores that row.
    without = model.predict(np.array([[0.4, np.nan]]))
    assert np.array_equal(without, model.predict([{"doc_cosine": 0.4}]))
    with pytest.raises(ValueError, match=r"X has shape \(1, 3\), but SimilarityModel takes rows of 2 features"):
        model.predict(np.zeros((1, 3)))


def test_compare_scorers_give_the_estimators_numbers_on_real_pairs(bridge_analyses, german_bridge_analysis):
    import numpy as np

    from newsprism.compare import pair_features
    from newsprism.compare._decision import decision_row
    from newsprism.compare._features import OPTIONAL_FEATURES
    from newsprism.compare._model import SimilarityModel
    from newsprism.compare._same_story import SameStoryModel
    from newsprism.compare._scorers import same_story_scorer, similarity_scorer
    from newsprism.models._native import NativeBooster

    a, b = bridge_analyses
    pairs = [(a, b), (b, a), (a, german_bridge_analysis), (german_bridge_analysis, b)]
    rows = [pair_features(x, y)[0] for x, y in pairs]
    rows += [{k: v for k, v in row.items() if k not in OPTIONAL_FEATURES} for row in rows]
    assert any(set(OPTIONAL_FEATURES) & set(row) for row in rows)  # both variants of the model are used
    scorer = similarity_scorer()
    assert all(isinstance(tree, NativeBooster) for _, r in scorer.variants for tree in r.trees.values())
    scores = scorer.predict(rows)
    estimator = SimilarityModel.from_file(package_dir() / MODEL_FILES["similarity"])
    assert np.array_equal(scores, estimator.predict(rows))
    decisions = [decision_row(row, s) for row, s in zip(rows, scores, strict=True)]
    assert any(np.isnan(row).any() for row in decisions) and not all(np.isnan(row).any() for row in decisions)
    classifier = SameStoryModel.from_file(package_dir() / MODEL_FILES["same_story"])
    assert np.array_equal(same_story_scorer().probability(decisions), classifier.predict_proba(decisions)[:, 1])
    assert len(set(np.round(classifier.predict_proba(decisions)[:, 1], 6))) > 2  # not one constant answer


def test_native_booster_predicts_as_lightgbm_and_falls_back_to_it(monkeypatch):
    import lightgbm
    import numpy as np

    from newsprism.models import _native

    rng = np.random.default_rng(3)
    matrix = rng.normal(size=(200, 4))
    matrix[::7, 1] = np.nan
    labels = (matrix[:, 0] + rng.normal(size=200) > 0).astype(int)
    trained = lightgbm.LGBMClassifier(n_estimators=20, verbose=-1).fit(matrix, labels).booster_
    text = trained.model_to_string()
    native = _native.scoring_booster(text)
    assert isinstance(native, _native.NativeBooster)
    for rows in (matrix, matrix.astype(np.float32), matrix[:1]):
        assert np.array_equal(native.predict(rows, num_threads=1), trained.predict(rows, num_threads=1))
    with pytest.raises(ValueError, match="LightGBM"):
        _native.scoring_booster("not a model")
    monkeypatch.setattr(_native, "_library", lambda: None)
    assert isinstance(_native.scoring_booster(text), lightgbm.Booster)


def test_a_missing_model_file_is_told_with_how_to_rebuild_it(tmp_path):
    from newsprism._errors import ModelError
    from newsprism.compare import load_model
    from newsprism.compare._scorers import similarity_scorer

    for load in (load_model, similarity_scorer):
        with pytest.raises(ModelError, match="similarity model not found; rebuild it with `newsprism train semeval"):
            load(tmp_path / "absent.npz")
