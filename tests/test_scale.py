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
