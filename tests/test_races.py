"""Writers that race: every write is decided inside the store's transaction and reported truly — stored, already
stored (the same report, under the id that holds it) or refused (the id holds a different report) — by the
store, the ingest command and the API alike, on SQLite and PostgreSQL. Nothing acknowledged is lost, nothing
lost is acknowledged. Each race runs a bounded number of rounds under a time limit."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from live_server import live_server
from newsprism.cli import app as cli_app
from newsprism.serve import ServeOptions, create_app
from newsprism.store import Outcome, open_store
from race_writer import synthetic_analysis

ROUNDS = 200
API_ROUNDS = 100
TIMEOUT_S = 120


def _race_processes(location: str, tmp_path: Path) -> list[list[dict]]:
    """Two writer processes released at once; what each was told, write by write."""
    go = tmp_path / "go"
    script = Path(__file__).with_name("race_writer.py")
    writers = [
        subprocess.Popen(
            [sys.executable, str(script), location, name, str(ROUNDS), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("a", "b")
    ]
    go.touch()
    outputs = []
    for writer in writers:
        out, err = writer.communicate(timeout=TIMEOUT_S)
        assert writer.returncode == 0, err
        outputs.append([json.loads(line) for line in out.splitlines()])
    return outputs


def test_two_processes_writing_colliding_ids_and_duplicate_texts_are_told_the_truth(location, tmp_path):
    told_a, told_b = _race_processes(location, tmp_path)
    assert len(told_a) == len(told_b) == 2 * ROUNDS
    with open_store(location) as store:
        for a, b in zip(told_a, told_b, strict=True):
            outcomes = sorted([a["outcome"], b["outcome"]])
            winner = a if a["outcome"] == Outcome.STORED else b
            if a["kind"] == "collide":
                assert outcomes == [Outcome.REFUSED, Outcome.STORED], (a, b)
                kept = store.get_article(winner["id"])
                assert kept.text.startswith(f"Writer {'a' if winner is a else 'b'} ")
            else:
                assert outcomes == [Outcome.ALREADY_STORED, Outcome.STORED], (a, b)
                loser = b if winner is a else a
                assert loser["id"] == winner["asked"] and store.get_article(loser["id"]) is not None
        assert store.count() == 2 * ROUNDS


def _racing_analysis(rival_location: str, rival_text: str, rival_id: str):
    """A stand-in for the analysis during which a rival writer stores its own report first."""

    def analyse(articles, options=None):
        with open_store(rival_location) as rival:
            assert rival.add(synthetic_analysis(rival_id, rival_text))
        return [synthetic_analysis(a.id, a.text, a.outlet) for a in articles]

    return analyse


@pytest.mark.parametrize(
    ("rival_id", "rival_text", "expected", "exit_code"),
    [
        ("collide-1", "The rival stored another text under this id first.", "stored=0 already_stored=0 failed=1", 1),
        ("rival-7", "Our own report, which the rival stored first.", "stored=0 already_stored=1 failed=0", 0),
    ],
)
def test_ingest_reports_what_a_rival_stored_while_it_analysed(
    location, tmp_path, monkeypatch, rival_id, rival_text, expected, exit_code
):
    source = tmp_path / "in.jsonl"
    record = {"id": "collide-1", "title": "Race report", "outlet": "Race Desk"}
    source.write_text(json.dumps({**record, "text": "Our own report, which the rival stored first."}) + "\n")
    monkeypatch.setattr("newsprism.pipeline._analyse.analyze_many", _racing_analysis(location, rival_text, rival_id))
    result = CliRunner().invoke(cli_app, ["ingest", str(source), "--db", location, "--quiet"])
    assert result.exit_code == exit_code and expected in result.stdout
    if exit_code:
        assert "article id 'collide-1' already belongs to a different article" in result.stderr
    with open_store(location) as store:
        assert store.count() == 1 and store.get_article(rival_id).text == rival_text


def _post_pair(clients: list[httpx.Client], bodies: list[dict]) -> list[httpx.Response]:
    """Two posts released together, one per thread (each thread with its own connection)."""
    barrier = threading.Barrier(2)

    def post(index: int) -> httpx.Response:
        barrier.wait(timeout=10)
        return clients[index].post("/api/articles", json=bodies[index])

    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(post, [0, 1]))


def _fast_analysis(articles, options=None):
    return [synthetic_analysis(a.id, a.text, a.outlet) for a in articles]


@pytest.mark.parametrize("servers", [1, 2], ids=["two-threads-one-server", "two-servers-one-store"])
def test_api_writers_racing_are_told_the_truth(location, monkeypatch, servers):
    monkeypatch.setattr("newsprism.serve._analysis.analyze_many", _fast_analysis)
    apps = [create_app(location, ServeOptions(analysis_processes=0)) for _ in range(servers)]
    with live_server(apps[0]) as first, live_server(apps[-1]) as last:
        clients = [httpx.Client(base_url=url, timeout=30) for url in (first, last)]
        for number in range(API_ROUNDS):
            base = {"title": "Race report", "outlet": "Race Desk"}
            texts = [f"Writer {w} tells event {number} its own way." for w in "ab"]
            collide = _post_pair(clients, [{**base, "id": f"collide-{number}", "text": t} for t in texts])
            assert sorted(r.status_code for r in collide) == [200, 409], [r.text for r in collide]
            winner = next(r for r in collide if r.status_code == 200).json()
            assert winner == {"id": f"collide-{number}", "stored": True}
            same = f"Both writers carry the same text {number}."
            dup = _post_pair(clients, [{**base, "id": f"dup-{number}-{w}", "text": same} for w in "ab"])
            answers = sorted((r.json() for r in dup), key=lambda d: not d["stored"])
            assert [d["stored"] for d in answers] == [True, False] and answers[0]["id"] == answers[1]["id"]
            for client in clients:
                assert client.get(f"/api/articles/{answers[1]['id']}").json()["text"] == same
        for client in clients:
            client.close()
    with open_store(location) as store:
        assert store.count() == 2 * API_ROUNDS


def test_cluster_reports_an_id_a_rival_took_after_the_input_was_checked(location, tmp_path, monkeypatch):
    source = tmp_path / "in.jsonl"
    record = {"id": "collide-1", "title": "Race report", "outlet": "Race Desk", "text": "Our own text of the event."}
    source.write_text(json.dumps(record) + "\n")

    def checked_then_taken(articles, store, console):
        for article in articles:  # the input check passed; a rival stores its own text under the id right after
            assert store.add(synthetic_analysis(article.id, "The rival's text, stored first."))
            yield article

    monkeypatch.setattr("newsprism.pipeline._cluster.with_distinct_ids", checked_then_taken)
    result = CliRunner().invoke(cli_app, ["cluster", str(source), "--db", location, "--quiet"])
    assert result.exit_code == 1 and "article id 'collide-1' already belongs to a different article" in result.stderr
    assert "collide-1" not in result.stdout
    with open_store(location) as store:
        assert store.get_article("collide-1").text == "The rival's text, stored first."
