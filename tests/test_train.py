"""Training: groups that leak nothing between folds, where models are written, and evaluation defaults."""

from __future__ import annotations

import numpy as np
import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.evaluate import RatedPair
from newsprism.models import package_dir
from newsprism.train import Target
from newsprism.train._groups import article_components, pair_folds
from newsprism.train._similarity import filled_targets


def test_pairs_sharing_an_article_fall_in_one_group_with_their_translations():
    groups = article_components(["1_2", "2_3", "3_4de", "7_8", "8en_9", "10_11"])
    assert groups[0] == groups[1] == groups[2]  # 1-2-3-4 are linked through articles 2 and 3
    assert groups[3] == groups[4]  # article 8, translated or not, is one article
    assert len({groups[0], groups[3], groups[5]}) == 3


def test_pair_folds_never_test_a_row_whose_story_is_trained_on():
    rng = np.random.default_rng(3)
    stories = [f"s{i}" for i in range(40)]
    first = [stories[i] for i in rng.integers(0, 40, 600)]
    second = [stories[i] for i in rng.integers(0, 40, 600)]
    tested = set()
    for train, test in pair_folds(first, second, folds=5):
        trained_on = {first[i] for i in train} | {second[i] for i in train}
        assert not trained_on & ({first[i] for i in test} | {second[i] for i in test})
        tested.update(test.tolist())
    same = {i for i in range(600) if first[i] == second[i]}
    assert same <= tested  # a pair within one story is always tested once


def test_missing_ratings_are_filled_from_the_training_rows_only():
    def pair(overall: float) -> RatedPair:
        return RatedPair("1_2", "en", "en", "a", "b", (1.0, 1.0, 1.0, 1.0, overall, 1.0, 1.0))

    pairs = [pair(1.0), pair(2.0), pair(4.0), pair(float("nan"))]
    overall = 4
    assert filled_targets(pairs, np.array([0, 1]))[3, overall] == 1.5  # not the 7/3 of every row
    assert filled_targets(pairs)[3, overall] == pytest.approx(7 / 3)


def test_training_never_writes_into_the_package_unless_asked(tmp_path):
    assert Target.of(None, None, False).directory != package_dir()
    assert Target.of(tmp_path, None, False).path("similarity") == tmp_path / "similarity.npz"
    assert Target.of(None, tmp_path / "m.npz", False).path("similarity") == tmp_path / "m.npz"
    assert Target.of(tmp_path, None, True).directory == package_dir()


def test_train_all_needs_one_csv_and_one_source_file(tmp_path):
    result = CliRunner().invoke(app, ["train", "all", str(tmp_path / "x.csv"), "--out", str(tmp_path)])
    assert result.exit_code == 1 and "one SemEval .csv and one AllSides training .source" in result.stderr


@pytest.mark.data
def test_semeval_articles_shared_between_pair_ids_are_grouped_together(shared_data):
    from newsprism.evaluate import read_pairs
    from newsprism.train._groups import article_ids
    from newsprism.train._similarity import cv_groups

    pairs = read_pairs(shared_data / "semeval2022-task8" / "train-sample.csv")
    groups = cv_groups(pairs)
    by_article: dict[str, set[str]] = {}
    for pair, group in zip(pairs, groups, strict=True):
        for article in article_ids(pair.pair_id):
            by_article.setdefault(article, set()).add(group)
    assert all(len(found) == 1 for found in by_article.values())
    shared = [a for a in by_article if len({p.group for p in pairs if a in article_ids(p.pair_id)}) > 1]
    assert shared  # the sample does rate some articles under several pair ids


@pytest.mark.data
def test_eval_clusters_refuses_the_allsides_training_stories_by_default(shared_data):
    source = shared_data / "allsides-neus" / "train.source"
    result = CliRunner().invoke(app, ["eval", "clusters", "--allsides", str(source), "--quiet"])
    assert result.exit_code == 1
    for model in ("same_story was fitted", "story_join was fitted", "story_join was tuned"):
        assert model in result.stderr
    threshold = CliRunner().invoke(
        app, ["eval", "clusters", "--allsides", str(source), "--first", "1001", "--limit", "1010", "--quiet"]
    )
    assert threshold.exit_code == 1 and "tuned on 30 of them" in threshold.stderr
