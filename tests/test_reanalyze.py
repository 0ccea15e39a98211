"""Analyses know their version: a stale one is announced when read, and `newsprism reanalyze` updates it."""

from __future__ import annotations

import logging
from dataclasses import replace

from typer.testing import CliRunner

from newsprism.analyze._pipeline import ANALYSIS_VERSION
from newsprism.cli import app
from newsprism.store import _codec, open_store


def test_reanalyze_brings_older_analyses_up_to_date_and_resumes(tmp_path, bridge_analyses, caplog, monkeypatch):
    db = tmp_path / "store.db"
    old, current = replace(bridge_analyses[0], version=ANALYSIS_VERSION - 1), bridge_analyses[1]
    with open_store(db) as store:
        store.add(old)
        store.add(current)
        assert store.stale_analyses(ANALYSIS_VERSION) == [old.article.id]
        monkeypatch.setattr(_codec, "_noted_versions", set())
        with caplog.at_level(logging.WARNING, logger="newsprism"):
            assert store.get_analysis(old.article.id).version == ANALYSIS_VERSION - 1
        assert "newsprism reanalyze" in caplog.text and f"version {ANALYSIS_VERSION - 1}" in caplog.text
    first = CliRunner().invoke(app, ["reanalyze", "--db", str(db), "--quiet"])
    assert first.exit_code == 0, first.stderr
    assert first.stdout.strip() == f"reanalyzed=1 failed=0 analysis_version={ANALYSIS_VERSION}"
    with open_store(db) as store:
        assert store.stale_analyses(ANALYSIS_VERSION) == []
        renewed = store.get_analysis(old.article.id)
    assert renewed.version == ANALYSIS_VERSION and renewed.article == old.article
    again = CliRunner().invoke(app, ["reanalyze", "--db", str(db), "--quiet"])
    assert again.stdout.strip() == f"reanalyzed=0 failed=0 analysis_version={ANALYSIS_VERSION}"


def _store_with_a_stale_analysis(db, bridge_analyses):
    old, current = replace(bridge_analyses[0], version=ANALYSIS_VERSION - 1), bridge_analyses[1]
    with open_store(db) as store:
        store.add(old)
        store.add(current)
    return old, current


def test_cluster_analyses_stale_analyses_again_before_clustering(tmp_path, bridge_analyses):
    db = tmp_path / "store.db"
    old, current = _store_with_a_stale_analysis(db, bridge_analyses)
    result = CliRunner().invoke(app, ["cluster", "--db", str(db), "--format", "tsv"])
    assert result.exit_code == 0, result.stderr
    assert f"not of version {ANALYSIS_VERSION} before clustering" in result.stderr
    placed = dict(line.split("\t") for line in result.stdout.strip().splitlines())
    assert set(placed) == {old.article.id, current.article.id}
    with open_store(db) as store:
        assert store.stale_analyses(ANALYSIS_VERSION) == []
        assert store.get_analysis(old.article.id).version == ANALYSIS_VERSION


def test_cluster_refuses_when_a_stale_analysis_cannot_be_made_again(tmp_path, bridge_analyses, monkeypatch):
    from newsprism.pipeline import _ingest

    db = tmp_path / "store.db"
    old, _ = _store_with_a_stale_analysis(db, bridge_analyses)
    monkeypatch.setattr(_ingest, "analyse", lambda articles, console, scale=None: iter(()))  # every analysis fails
    result = CliRunner().invoke(app, ["cluster", "--db", str(db)])
    assert result.exit_code == 1
    assert f"1 stored analyses are not of version {ANALYSIS_VERSION} and could not be made again" in result.stderr
    assert old.article.id in result.stderr and "`newsprism reanalyze`" in result.stderr
    with open_store(db) as store:
        assert list(store.iter_stories()) == []  # nothing was clustered


def test_a_coverage_view_never_compares_analyses_of_two_versions(bridge_analyses):
    from newsprism.pipeline import current_analyses

    old, current = replace(bridge_analyses[0], version=ANALYSIS_VERSION - 1, facts=[]), bridge_analyses[1]
    compared = current_analyses([old, current])
    assert [a.version for a in compared] == [ANALYSIS_VERSION, ANALYSIS_VERSION]
    assert compared[0].article == old.article and compared[0].facts  # made again from its article
    assert compared[1] is current
