"""Dask scale-out: the same analyses as a local run, in the same order."""

from __future__ import annotations

import numpy as np
import pytest

from newsprism import analyze_many, read_article

pytest.importorskip("dask.distributed", reason="Dask is an optional extra (newsprism[scale])")


def test_distributed_analysis_matches_local(examples):
    from newsprism.scale import ScaleOptions, analyze_distributed

    articles = [read_article(p) for p in sorted(examples.iterdir())]
    local = analyze_many(articles)
    options = ScaleOptions(partition_size=2, local_workers=1, local_processes=False)
    remote = analyze_distributed(articles, options)
    assert [a.article.id for a in remote] == [a.id for a in articles]
    for x, y in zip(local, remote, strict=True):
        assert x.entities == y.entities and x.facts == y.facts
        assert np.allclose(x.embedding, y.embedding, atol=1e-5)


def test_cli_ingest_on_dask_stores_like_local(tmp_path, examples):
    from typer.testing import CliRunner

    from newsprism.cli import app

    result = CliRunner().invoke(app, ["ingest", str(examples), "--dask", "local", "--db", str(tmp_path / "d.db")])
    assert result.exit_code == 0, result.stderr
    assert "stored=3" in result.stdout


def _failing_on(bad_id: str):
    """analyze_many that breaks on one article, as a real analysis may on a pathological text."""
    from newsprism.analyze import analyze_many

    def analyse(articles, options=None):
        if any(a.id == bad_id for a in articles):
            raise ValueError(f"cannot analyse {bad_id}")
        return analyze_many(articles, options)

    return analyse


def test_one_failing_article_does_not_abort_a_distributed_run_and_one_cluster_serves_every_round(examples, monkeypatch):
    from newsprism.scale import ScaleOptions, analyse_stream, dask_client
    from newsprism.scale import _dask as dask_module

    articles = [read_article(p) for p in sorted(examples.iterdir())]
    monkeypatch.setattr("newsprism.pipeline._analyse.analyze_many", _failing_on(articles[1].id))
    opened = []

    def counting_client(options):
        opened.append(options)
        return dask_client(options)

    monkeypatch.setattr(dask_module, "dask_client", counting_client)
    options = ScaleOptions(partition_size=2, round_size=1, local_workers=1, local_processes=False)
    results = list(analyse_stream(iter(articles), options))
    assert [type(r).__name__ for r in results] == ["Analysis", "AnalysisFailure", "Analysis"]
    assert results[1].message().endswith(f"analysis failed (ValueError: cannot analyse {articles[1].id})")
    assert len(opened) == 1  # three rounds, one cluster
