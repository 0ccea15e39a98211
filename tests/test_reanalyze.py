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
