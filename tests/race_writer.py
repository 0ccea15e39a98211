"""A writer for the race tests, run as a process of its own: it stores, round after round, a report under an id
its rival also uses (with a different text) and a text its rival also stores (under another id), and prints what
the store answered each time, one JSON line per write.

The analyses are built without the models (a store keeps whatever analysis it is given), so hundreds of rounds
take seconds; what is under test is the store's decision, not the analysis.

Usage: python race_writer.py LOCATION WRITER ROUNDS GO_FILE
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np

from newsprism.store import open_store
from newsprism.types import Analysis, Article

DEADLINE_S = 60.0


def synthetic_analysis(article_id: str, text: str, outlet: str = "Race Desk") -> Analysis:
    """An analysis with no sentences or entities and a unit vector: enough for the store, free to build."""
    vector = np.zeros(512, dtype=np.float32)
    vector[0] = 1.0
    article = Article(id=article_id, title="Race report", text=text, outlet=outlet)
    return Analysis(article, [], [], [], [], [], [], vector, np.zeros((0, 512), dtype=np.float32))


def colliding(round_number: int, writer: str) -> Analysis:
    """Both writers use this id, each with a text of its own."""
    return synthetic_analysis(f"collide-{round_number}", f"Writer {writer} reports event {round_number} in full.")


def duplicate(round_number: int, writer: str) -> Analysis:
    """Both writers store this text, each under an id of its own."""
    return synthetic_analysis(f"dup-{round_number}-{writer}", f"Both writers carry the same text {round_number}.")


def main(location: str, writer: str, rounds: int, go_file: str) -> None:
    deadline = time.monotonic() + DEADLINE_S
    with open_store(location) as store:
        while not Path(go_file).exists() and time.monotonic() < deadline:
            time.sleep(0.005)
        for number in range(rounds):
            if time.monotonic() > deadline:
                break
            for kind, analysis in (("collide", colliding(number, writer)), ("dup", duplicate(number, writer))):
                added = store.add(analysis)
                line = {"kind": kind, "round": number, "asked": analysis.article.id}
                print(json.dumps({**line, "outcome": str(added.outcome), "id": added.id}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4])
