"""Soak one store: N writer processes and M reader processes for a fixed time, then reconcile.

Writers store reports drawn so that they collide on purpose: ids shared between writers with texts of their own
(the store must refuse all but the first), and texts shared between writers under ids of their own (stored once,
the others told "already stored" with the holder's id). Readers fetch random ids and count the archive. The
analyses are built without the models (the store keeps whatever analysis it is given), so the figures are the
store's own. At the end every acknowledged write is checked against the store: each "stored" is there with its
writer's text, each "already stored" names a holder of the same report, each "refused" id is held by another
text, and the store holds nothing that no writer was told it stored.

Usage:
    python bench/bench_soak.py [--store PATH|postgresql://…] [--writers 2] [--readers 2] [--seconds 10]
Prints per role: operations, throughput, p50/p95 latency, errors; then the reconciliation.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from newsprism.store import Outcome, content_hash, open_store
from newsprism.types import Analysis, Article

# Ids and shared texts are drawn from pools this large, so writers collide often but not always.
ID_POOL = 400
SHARED_TEXTS = 200
OUTLET = "Soak Desk"


@dataclass(slots=True)
class Report:
    """What one process did: latencies (seconds) per operation, errors, and (writers) every acknowledgement."""

    role: str
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    acks: list[tuple[str, str, str, str]] = field(default_factory=list)  # (asked id, outcome, id, content hash)


def _analysis(article_id: str, text: str) -> Analysis:
    vector = np.zeros(512, dtype=np.float32)
    vector[0] = 1.0
    article = Article(id=article_id, title="Soak report", text=text, outlet=OUTLET)
    return Analysis(article, [], [], [], [], [], [], vector, np.zeros((0, 512), dtype=np.float32))


def _next_write(rng: random.Random, writer: int, serial: int) -> Analysis:
    """A colliding id with this writer's own text, a shared text under this writer's own id, or a fresh report."""
    draw = rng.random()
    if draw < 0.4:
        number = rng.randrange(ID_POOL)
        return _analysis(f"pool-{number}", f"Writer {writer} tells pooled event {number} (take {serial}).")
    if draw < 0.7:
        number = rng.randrange(SHARED_TEXTS)
        return _analysis(f"w{writer}-{serial}", f"Every writer carries shared dispatch number {number}.")
    return _analysis(f"w{writer}-{serial}", f"Writer {writer} files its own fresh report number {serial}.")


def writer(location: str, index: int, seconds: float, start: float) -> Report:
    report, rng = Report("writer"), random.Random(index)
    with open_store(location) as store:
        while time.time() < start:
            time.sleep(0.001)
        serial = 0
        while time.time() < start + seconds:
            analysis = _next_write(rng, index, serial)
            serial += 1
            began = time.perf_counter()
            try:
                added = store.add(analysis)
            except Exception as exc:  # a soak counts failures instead of stopping at the first
                report.errors.append(f"{type(exc).__name__}: {exc}")
                continue
            report.latencies.append(time.perf_counter() - began)
            report.acks.append((analysis.article.id, str(added.outcome), added.id, content_hash(analysis.article)))
    return report


def reader(location: str, index: int, seconds: float, start: float) -> Report:
    report, rng = Report("reader"), random.Random(1000 + index)
    with open_store(location) as store:
        while time.time() < start:
            time.sleep(0.001)
        while time.time() < start + seconds:
            began = time.perf_counter()
            try:
                if rng.random() < 0.1:
                    store.count()
                else:
                    store.get_article(f"pool-{rng.randrange(ID_POOL)}")
            except Exception as exc:
                report.errors.append(f"{type(exc).__name__}: {exc}")
                continue
            report.latencies.append(time.perf_counter() - began)
    return report


def reconcile(location: str, acks: list[tuple[str, str, str, str]]) -> list[str]:
    """Every way the store and the acknowledgements disagree (empty when every write was reported truly)."""
    problems: list[str] = []
    with open_store(location) as store:
        stored = {article.id: content_hash(article) for article in store.iter_articles()}
    claimed = Counter(returned for _, outcome, returned, _ in acks if outcome == Outcome.STORED)
    for asked, outcome, returned, digest in acks:
        held = stored.get(returned)
        if outcome == Outcome.STORED and held != digest:
            problems.append(
                f"{asked}: acknowledged stored, but the store holds {'nothing' if held is None else 'another text'}"
            )
        elif outcome == Outcome.ALREADY_STORED and held != digest:
            problems.append(f"{asked}: told already stored as {returned}, which holds another report")
        elif outcome == Outcome.REFUSED and (held is None or held == digest):
            problems.append(f"{asked}: refused, yet its id is free or holds this very text")
    problems += [f"{i}: stored {n} times" for i, n in claimed.items() if n > 1]
    problems += [f"{i}: in the store, but no writer was told it stored it" for i in stored if i not in claimed]
    return problems


def _line(role: str, reports: list[Report], seconds: float) -> str:
    latencies = sorted(x for r in reports for x in r.latencies)
    errors = sum(len(r.errors) for r in reports)
    if not latencies:
        return f"{role}s={len(reports)} ops=0 errors={errors}"
    p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
    return (
        f"{role}s={len(reports)} ops={len(latencies)} throughput={len(latencies) / seconds:.0f}/s "
        f"p50={statistics.median(latencies) * 1e3:.2f}ms p95={p95 * 1e3:.2f}ms errors={errors}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="SQLite file or postgresql:// address (default: a fresh temporary file)")
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--readers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    seconds = max(0.5, min(args.seconds, 600.0))  # a soak is bounded in time
    location = args.store or str(Path(tempfile.mkdtemp(prefix="soak-")) / "soak.db")
    with open_store(location) as store:  # the schema exists before anyone races
        if store.count():
            print(f"error: {location.split('@')[-1]}: the store must start empty to be reconciled", file=sys.stderr)
            return 2
    start = time.time() + 2.0
    roles = [(writer, i) for i in range(args.writers)] + [(reader, i) for i in range(args.readers)]
    with multiprocessing.get_context("spawn").Pool(len(roles)) as pool:
        pending = [pool.apply_async(role, (location, i, seconds, start)) for role, i in roles]
        reports = [p.get(timeout=seconds + 120) for p in pending]
    writers = [r for r in reports if r.role == "writer"]
    print(f"store={location.split('@')[-1]} seconds={seconds:g}")
    print(_line("writer", writers, seconds))
    print(_line("reader", [r for r in reports if r.role == "reader"], seconds))
    acks = [a for r in writers for a in r.acks]
    outcomes = Counter(outcome for _, outcome, _, _ in acks)
    print(" ".join(f"{o}={outcomes.get(o, 0)}" for o in Outcome))
    for error in sorted({e for r in reports for e in r.errors})[:5]:
        print(f"error: {error}")
    problems = reconcile(location, acks)
    for problem in problems[:10]:
        print(f"mismatch: {problem}")
    print(f"reconciliation={'ok' if not problems else 'FAILED'} acknowledged={len(acks)} mismatches={len(problems)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
