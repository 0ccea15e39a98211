"""The pipeline every face calls: what a write would answer before analysing, one article's failure isolated,
the server's submit sparing analyses, and a store holding a date from older versions still clusters."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from threading import Lock

from typer.testing import CliRunner

from newsprism._console import Console
from newsprism.cli import app
from newsprism.pipeline import analyse_in_batches, submit_article
from newsprism.pipeline._read import known_outcome
from newsprism.store import Added, Outcome, open_store
from race_writer import synthetic_analysis


def test_known_outcome_says_what_a_write_would_answer(tmp_path):
    first = synthetic_analysis("wire-1", "The harbour bridge closed on Monday after a crack was found.")
    with open_store(tmp_path / "k.db") as store:
        assert known_outcome(store, first.article) is None
        assert store.add(first) == Added(Outcome.STORED, "wire-1")
        same_text = replace(first.article, id="wire-9")
        other_text = replace(first.article, text="A different report entirely, about the ferry timetable.")
        assert known_outcome(store, same_text) == Added(Outcome.ALREADY_STORED, "wire-1")
        assert known_outcome(store, other_text) == Added(Outcome.REFUSED, "wire-1")
        assert known_outcome(store, first.article) == Added(Outcome.ALREADY_STORED, "wire-1")


def test_submit_analyses_only_what_it_may_store(tmp_path):
    calls = []

    def analyse(articles):
        calls.append([a.id for a in articles])
        return [synthetic_analysis(a.id, a.text, a.outlet) for a in articles]

    first = synthetic_analysis("n-1", "Council votes on the repair budget for the harbour bridge.").article
    with open_store(tmp_path / "s.db") as store:
        assert submit_article(first, store, Lock(), analyse) == Added(Outcome.STORED, "n-1")
        assert submit_article(replace(first, id="n-2"), store, Lock(), analyse).outcome is Outcome.ALREADY_STORED
        refused = submit_article(replace(first, text="Another text entirely, on the ferry."), store, Lock(), analyse)
        assert refused.outcome is Outcome.REFUSED and calls == [["n-1"]]


def test_one_article_that_breaks_the_analysis_is_reported_and_the_batch_goes_on(monkeypatch, capsys):
    def analyse(articles, options=None):
        if any("poison" in a.text for a in articles):
            raise RuntimeError("tokenizer blew up")
        return [synthetic_analysis(a.id, a.text) for a in articles]

    monkeypatch.setattr("newsprism.pipeline._analyse.analyze_many", analyse)
    articles = [synthetic_analysis(f"b-{n}", text).article for n, text in enumerate(["good one", "poison", "good two"])]
    console = Console(quiet=True)
    analysed = list(analyse_in_batches(articles, console))
    assert [a.article.id for a in analysed] == ["b-0", "b-2"] and console.failures == 1
    assert "b-1: analysis failed (RuntimeError: tokenizer blew up)" in capsys.readouterr().err


def test_a_store_holding_year_one_still_clusters(tmp_path, bridge_analyses):
    """Older versions accepted "0001-01-01"; such a date is read as unknown instead of breaking every run."""
    location = str(tmp_path / "old.db")
    ancient = replace(bridge_analyses[0].article, published=datetime(1, 1, 1))
    with open_store(location) as store:
        store.add(replace(bridge_analyses[0], article=ancient))
        store.add(bridge_analyses[1])
        assert store.get_article(ancient.id).published is None
    result = CliRunner().invoke(app, ["cluster", "--db", location, "--quiet"])
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.strip().splitlines()) == 2
