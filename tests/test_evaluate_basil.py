"""The BASIL extraction harness: spans are located in the text and counted once."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism import Article, analyze
from newsprism.cli import app
from newsprism.evaluate._basil import ExtractionScores, _speaker_matches, score_article


def test_speaker_match_uses_the_family_name():
    assert _speaker_matches("Michael_Steele", "Steele")
    assert _speaker_matches("Michael_Steele", "Michael Steele")
    assert not _speaker_matches("Michael_Steele", "Barack Obama")


def test_score_article_counts_found_quotes_and_loaded_words():
    article = Article(
        id="b",
        title="Senator slams plan",
        language="en",
        text='Senator Ann Lee slammed the plan on Tuesday. "This budget is a fiasco for families," '
        "Lee said. The vote is set for Friday.",
    )
    spans = [
        {"txt": "This budget is a fiasco for families,", "quote": "yes", "speaker": "Ann_Lee", "bias": "inf"},
        {"txt": "slammed", "quote": "no", "speaker": "", "bias": "lex"},
        {"txt": "set for", "quote": "no", "speaker": "", "bias": "lex"},
        {"txt": "not in the text", "quote": "yes", "speaker": "Ann_Lee", "bias": "lex"},
    ]
    scores = ExtractionScores()
    score_article(analyze(article), spans, scores)
    assert (scores.quotes, scores.quotes_found, scores.named_speakers, scores.speakers_right) == (1, 1, 1, 1)
    assert (scores.lex_spans, scores.lex_found) == (2, 1)


@pytest.mark.data
@pytest.mark.slow
def test_eval_basil_prints_the_figures(shared_data):
    result = CliRunner().invoke(app, ["eval", "basil", str(shared_data / "basil")])
    assert result.exit_code == 0, result.stderr
    heading, *lines = result.stdout.strip().splitlines()
    assert heading.startswith("# in_sample=false: none of the 150 texts")
    figures = dict(line.split("=", 1) for line in lines)
    assert set(figures) == {
        "articles",
        "quote_recall",
        "speaker_accuracy",
        "lex_recall",
        "loaded_words_flagged_per_article",
    }
    assert figures["articles"] == "150"


def _basil_folder(root: Path) -> Path:
    """A BASIL-shaped folder of one article of our own, with one quote annotated."""
    (root / "articles" / "2020").mkdir(parents=True)
    (root / "annotations" / "2020").mkdir(parents=True)
    article = {
        "title": "Harbour board delays the bridge vote",
        "source": "valeport-courier",
        "date": "2020-03-02",
        "body-paragraphs": [['The chair, Mara Quill, said: "We need another month."', "The vote moves to April."]],
    }
    annotation = {
        "phrase-level-annotations": [
            {"txt": "We need another month.", "quote": "yes", "speaker": "Mara_Quill", "bias": "inf"}
        ]
    }
    (root / "articles" / "2020" / "a1.json").write_text(json.dumps(article), encoding="utf-8")
    (root / "annotations" / "2020" / "a1_ann.json").write_text(json.dumps(annotation), encoding="utf-8")
    return root


def test_eval_basil_refuses_articles_a_model_learned_from(tmp_path, monkeypatch):
    from newsprism.evaluate._basil import basil_articles
    from newsprism.models import (
        MODEL_FILES,
        MODELS_ENV,
        REPORT_LINK,
        DataUse,
        article_fingerprint,
        package_dir,
        read_manifest,
        write_manifest,
    )

    folder = _basil_folder(tmp_path / "basil")
    (article, _), *_ = basil_articles(folder)
    models = tmp_path / "models"
    models.mkdir()
    shutil.copy(package_dir() / MODEL_FILES[REPORT_LINK], models)
    shipped = read_manifest(package_dir() / MODEL_FILES[REPORT_LINK])
    seen = DataUse("basil.jsonl", "0" * 64, "fit", "every article", 1, (article_fingerprint(article),))
    write_manifest(replace(shipped, data=(*shipped.data, seen)), models / MODEL_FILES[REPORT_LINK])
    monkeypatch.setenv(MODELS_ENV, str(models))
    refused = CliRunner().invoke(app, ["eval", "basil", str(folder)])
    assert refused.exit_code == 1 and refused.stdout == ""
    assert "refusing in-sample figures" in refused.stderr
    assert "report_link was fitted on 1 of them (basil.jsonl, every article)" in refused.stderr
    allowed = CliRunner().invoke(app, ["eval", "basil", str(folder), "--allow-in-sample"])
    assert allowed.exit_code == 0, allowed.stderr
    heading, *lines = allowed.stdout.strip().splitlines()
    assert heading.startswith("# in_sample=true")
    assert lines[0] == "articles=1 in_sample=true" and all(line.endswith("in_sample=true") for line in lines)
    monkeypatch.delenv(MODELS_ENV)
    clean = CliRunner().invoke(app, ["eval", "basil", str(folder)])
    assert clean.exit_code == 0, clean.stderr
    assert clean.stdout.startswith("# in_sample=false: none of the 1 texts")
