"""Page latency of the web app: `/`, a story page of eight reports, and an article page, cold and warm.

A child process builds a store from the AllSides/NeuS validation file (eight reports drawn from its first stories
make the compared story, the next stories are one-report stories for the list), so this process starts cold:
no model loaded. Each page is then asked for through the ASGI app in this process:

- cold: the first request of a fresh server (a story page loads the comparison models and embeds its clauses);
- story uncached: the story page again with the comparison cache emptied, the models loaded: what every request
  cost when pages compared on each request;
- warm: the median of `--runs` further requests (the story page answered from its comparison cache).

Run: python bench/bench_pages.py [--runs 5] [--fillers 24] [--data ../shared/data/allsides-neus/val.source]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "allsides-neus" / "val.source"
STORY_REPORTS = 8
STORY_ID = "s-bench-8"


def _reports(line: str) -> list[tuple[str, str]]:
    """(title, text) of each report of one AllSides/NeuS line: `TITLE=> … ARTICLE=> …` parts joined by [SEP]."""
    found = []
    for part in line.split("[SEP]"):
        title, _, text = part.partition("ARTICLE=>")
        found.append((title.replace("TITLE=>", "").strip(), text.strip()))
    return [(t, x) for t, x in found if x]


def build(db: str, data: Path, fillers: int) -> None:
    """Store eight reports as one story and `fillers` one-report stories (run in a child process)."""
    from datetime import datetime, timedelta

    from newsprism.analyze import analyze_many
    from newsprism.store import open_store
    from newsprism.types import Article

    lines = data.read_text(encoding="utf-8").splitlines()
    pool = [r for line in lines[:4] for r in _reports(line)][:STORY_REPORTS]
    start = datetime(2024, 3, 1, 6, 0)
    story_articles = [
        Article(id=f"story-{i}", title=t, text=x, outlet=f"Outlet {i + 1}", published=start + timedelta(hours=3 * i),
                url=f"https://outlet{i + 1}.example/{i}", language="en")
        for i, (t, x) in enumerate(pool)
    ]  # fmt: skip
    filler_articles = [
        Article(id=f"filler-{n}", title=t, text=x, outlet="Filler Post", published=start - timedelta(days=n + 1),
                url=f"https://filler.example/{n}", language="en")
        for n, (t, x) in enumerate(r[0] for r in (_reports(line) for line in lines[4 : 4 + fillers]) if r)
    ]  # fmt: skip
    with open_store(db) as store:
        for analysis in analyze_many([*story_articles, *filler_articles]):
            store.add(analysis)
        store.save_story(_story(STORY_ID, story_articles))
        for article in filler_articles:
            store.save_story(_story(f"s-{article.id}", [article]))


def _story(story_id: str, articles):
    from newsprism.types import Story

    dates = [a.published for a in articles]
    return Story(story_id, articles[0].title, [a.id for a in articles], [a.outlet for a in articles], ["en"],
                 min(dates), max(dates))  # fmt: skip


def _timed(client, path: str) -> float:
    started = time.perf_counter()
    response = client.get(path)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}: {response.text[:200]}")
    return elapsed


def measure(db: str, runs: int) -> None:
    from fastapi.testclient import TestClient

    from newsprism.serve import ServeOptions, create_app

    app = create_app(db, ServeOptions(analysis_processes=0))
    client = TestClient(app, base_url="http://127.0.0.1")
    pages = {"/": "/", "story (8 reports)": f"/stories/{STORY_ID}", "article": "/articles/story-0"}
    cold = {name: _timed(client, path) for name, path in pages.items()}
    uncached = []
    for _ in range(runs):
        app.state.comparisons.__init__()  # emptied: the comparison is computed again, models already loaded
        uncached.append(_timed(client, pages["story (8 reports)"]))
    warm = {name: statistics.median(_timed(client, path) for _ in range(runs)) for name, path in pages.items()}
    print(f"# runs={runs} (warm figures are medians); store: {STORY_REPORTS}-report story + one-report stories")
    print(f"{'page':<20}{'cold_s':>10}{'warm_s':>10}")
    for name in pages:
        print(f"{name:<20}{cold[name]:>10.3f}{warm[name]:>10.3f}")
    print(f"story_uncached_s={statistics.median(uncached):.3f} (comparison recomputed, models loaded)")
    print(f"story_cached_s={warm['story (8 reports)']:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--fillers", type=int, default=24)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--build", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        build(args.build, args.data, args.fillers)
        return
    if not args.data.is_file():
        raise SystemExit(f"no AllSides/NeuS file at {args.data} (give --data)")
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "pages.db")
        started = time.perf_counter()
        command = [sys.executable, __file__, "--build", db, "--data", str(args.data), "--fillers", str(args.fillers)]
        subprocess.run(command, check=True)
        print(f"# store built in {time.perf_counter() - started:.1f} s (child process)")
        measure(db, max(1, args.runs))


if __name__ == "__main__":
    main()
