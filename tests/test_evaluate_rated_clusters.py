"""Clustering judged by rated pairs: the verdict counts and `newsprism eval clusters --semeval`."""

from __future__ import annotations

import csv
import math
import sys

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.evaluate import RatedPair
from newsprism.evaluate._rated_clusters import rated_verdicts, verdict_lines


def _rated(lang1: str, lang2: str, overall: float) -> RatedPair:
    scores = (1.0, 1.0, 1.0, 1.0, overall, 1.0, 1.0)
    return RatedPair(f"{lang1}{overall}_{lang2}", lang1, lang2, "a", "b", scores)


def test_rated_verdicts_count_per_language_pair_and_skip_unsure_rows():
    pairs = [
        _rated("de", "de", 1.0),  # one story, put together
        _rated("de", "de", 1.5),  # one story, kept apart
        _rated("de", "en", 4.0),  # different stories, put together
        _rated("de", "en", 2.0),  # in between: not counted
        _rated("en", "en", float("nan")),  # not rated: not counted
    ]
    together = {0: True, 1: False, 2: True, 3: True, 4: True}
    verdicts = rated_verdicts(pairs, lambda i: together[i])
    assert (verdicts["all"].same, verdicts["all"].same_together) == (2, 1)
    assert (verdicts["all"].different, verdicts["all"].different_together) == (1, 1)
    assert verdicts["de-de"].recall == 0.5 and math.isnan(verdicts["de-de"].false_joins)
    assert verdicts["cross-lang"].false_joins == 1.0 and "en-en" not in verdicts
    lines = verdict_lines(verdicts)
    assert lines[1].startswith("all ") and lines[-2:] == [
        "rated_same_together=0.5000",
        "rated_different_together=1.0000",
    ]


def test_eval_clusters_checks_rated_pairs_of_a_csv(tmp_path, examples):
    from newsprism import read_article

    def text(path):
        article = read_article(path)
        return f"{article.title}  {article.text}"  # SemEval joins title and body with two spaces

    valeport = text(examples / "harbour-bridge-valeport-courier.txt")
    eastbank = text(examples / "harbour-bridge-eastbank-gazette.html")
    orchard = text(examples / "orchard-festival.json")
    rows = [
        ("1_2", "en", "en", valeport, eastbank, 1.0),
        ("1_3", "en", "en", valeport, orchard, 4.0),
        ("3_2", "en", "en", orchard, eastbank, 2.5),
    ]
    rated = tmp_path / "rated.csv"
    with rated.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["pair_id", "lang1", "lang2", "text1", "text2", "Overall"])
        writer.writerows(rows)
    result = CliRunner().invoke(app, ["eval", "clusters", "--semeval", str(rated), "--quiet"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("# in_sample=false")  # texts of our own, which no model was trained on
    assert "same n=1    together=1.000" in lines[2] and "different n=1    together=0.000" in lines[2]
    assert lines[-2:] == ["rated_same_together=1.0000", "rated_different_together=0.0000"]
    assert not any(line.startswith("bcubed_f1") for line in lines)


def test_eval_clusters_refuses_a_csv_without_a_clear_rating(tmp_path):
    rated = tmp_path / "unsure.csv"
    rated.write_text("pair_id,lang1,lang2,text1,text2,Overall\n1_2,en,en,One text.,Another text.,2.5\n")
    result = CliRunner().invoke(app, ["eval", "clusters", "--semeval", str(rated), "--quiet"])
    assert result.exit_code == 1
    assert "unsure.csv" in result.stderr and "no pair has an Overall rating" in result.stderr


@pytest.mark.data
@pytest.mark.slow
def test_eval_clusters_semeval_on_rated_pairs_of_the_sample(shared_data, tmp_path):
    """On real rated pairs in many languages, pairs rated one story share a story far more often than pairs
    rated different stories."""
    source = shared_data / "semeval2022-task8" / "train-sample.csv"
    rated = tmp_path / "slice.csv"
    csv.field_size_limit(sys.maxsize)
    with source.open(newline="", encoding="utf-8") as handle, rated.open("w", newline="", encoding="utf-8") as out:
        reader = csv.DictReader(handle)
        writer = csv.DictWriter(out, fieldnames=reader.fieldnames)
        writer.writeheader()
        writer.writerows(row for _, row in zip(range(150), reader, strict=False))
    refused = CliRunner().invoke(app, ["eval", "clusters", "--semeval", str(rated), "--quiet"])
    assert refused.exit_code == 1 and "same_story was fitted on" in refused.stderr  # rated pairs train it
    result = CliRunner().invoke(app, ["eval", "clusters", "--semeval", str(rated), "--allow-in-sample", "--quiet"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert all(line.endswith("in_sample=true") for line in lines[-2:])
    figures = dict(line.split()[0].split("=") for line in lines[-2:])
    assert "cross-lang" in result.stdout and any(line.startswith("de-de") for line in lines)
    assert float(figures["rated_same_together"]) > 2 * float(figures["rated_different_together"])
