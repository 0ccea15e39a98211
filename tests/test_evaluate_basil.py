"""The BASIL extraction harness: spans are located in the text and counted once."""

from __future__ import annotations

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
    figures = dict(line.split("=", 1) for line in result.stdout.strip().splitlines())
    assert set(figures) == {
        "articles",
        "quote_recall",
        "speaker_accuracy",
        "lex_recall",
        "loaded_words_flagged_per_article",
    }
    assert figures["articles"] == "150"
