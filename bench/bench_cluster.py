"""Clustering cost as the stream grows: articles/s and peak memory for synthetic streams of N articles.

The stream is built from the BASIL and AllSides/NeuS reports in ../shared/data: the base set is analysed once,
then repeated with publication dates moved forward by two months per repetition and outlets renamed, so every
repetition is a fresh set of stories for the clusterer (old ones have gone cold). Analysis cost is not part
of these figures (see bench_pipeline.py); this measures grouping alone. Every report keeps its gold story, so
the run also prints the B-cubed F1 of the grouping: a dated stream, unlike the undated AllSides evaluation.

Run: python bench/bench_cluster.py 10000 100000
"""

from __future__ import annotations

import argparse
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
REPEAT_GAP_DAYS = 60


def base_analyses(cache: Path) -> list[tuple[Any, str]]:
    """The analysed base set with each report's gold story, from the cache when it was made by this version of
    the analysis (E5 on or off)."""
    from newsprism.analyze._e5 import e5_enabled

    if cache.is_file():
        try:
            cached = pickle.loads(cache.read_bytes())
            analysis, story = cached[0]
            if isinstance(story, str) and (getattr(analysis, "e5_embedding", None) is not None) == e5_enabled():
                return cached
        except (AttributeError, pickle.UnpicklingError, EOFError, IndexError, TypeError, ValueError):
            pass  # made by another version: analyse again
    from newsprism.analyze import analyze_many
    from newsprism.evaluate._clusters import allsides_stream, basil_stream

    stream = basil_stream(DATA / "basil") + allsides_stream(DATA / "allsides-neus" / "val.source")
    analyses = []
    for start in range(0, len(stream), 64):
        analyses += analyze_many([a for a, _ in stream[start : start + 64]])
    undated_day = {}
    dated = []
    for analysis, (_, story) in zip(analyses, stream, strict=True):
        published = analysis.article.published
        if published is None:  # AllSides has no dates: spread its stories over the two-month window
            day = undated_day.setdefault(story, len(undated_day) % REPEAT_GAP_DAYS)
            published = datetime(2010, 1, 1) + timedelta(days=day, hours=len(dated) % 12)
        else:
            published = datetime(2010, 1, 1) + timedelta(days=(published - datetime(2010, 1, 1)).days % 59)
        dated.append((replace(analysis, article=replace(analysis.article, published=published)), story))
    cache.write_bytes(pickle.dumps(dated))
    return dated


def current_rss_mb() -> float:
    """Resident memory now (Linux): the difference before/after clustering is what the clusterer holds."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run(size: int, cache: Path, reexamine: bool = True, refine: bool = True) -> None:
    from newsprism.cluster import ClusterOptions, StoryClusterer
    from newsprism.evaluate._clusters import bcubed

    base = base_analyses(cache)
    stream, gold = [], {}
    repetition = 0
    while len(stream) < size:
        shift = timedelta(days=REPEAT_GAP_DAYS * repetition)
        for analysis, story in sorted(base, key=lambda pair: pair[0].article.published):
            article = analysis.article
            gold[f"{article.id}-r{repetition}"] = f"{story}-r{repetition}"
            stream.append(
                replace(
                    analysis,
                    article=replace(
                        article,
                        id=f"{article.id}-r{repetition}",
                        outlet=f"{article.outlet}-r{repetition}",
                        published=article.published + shift,
                    ),
                )
            )
            if len(stream) == size:
                break
        repetition += 1
    before = current_rss_mb()
    clusterer = StoryClusterer(ClusterOptions(reexamine_single_reports=reexamine, refine_stories=refine))
    started = time.perf_counter()
    tenth, marks = max(size // 10, 1), []
    for count, analysis in enumerate(stream, start=1):
        clusterer.add(analysis)
        if count % tenth == 0:
            marks.append(time.perf_counter())
    streamed = time.perf_counter()
    clusterer.finish_batch()
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"n={size:<7} stories={len(clusterer.stories):<6} time={elapsed:7.1f}s  {size / elapsed:7.1f} articles/s  "
        f"rss_mb before={before:.0f} after={current_rss_mb():.0f} peak={peak:.0f}",
        flush=True,
    )
    # Flat figures here mean the cost per article does not grow with what has been clustered before.
    rates = [tenth / (b - a) for a, b in zip([started, *marks], marks, strict=False)]
    print("  articles/s per tenth of the stream: " + " ".join(f"{r:.0f}" for r in rates), flush=True)
    print(f"  end of batch (review, re-examination): {elapsed - (streamed - started):.1f}s", flush=True)
    predicted = {article_id: clusterer.story_of(article_id) for article_id in gold}
    print("  " + bcubed(gold, predicted).line("grouping"), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "newsprism-bench-cluster.pkl")
    parser.add_argument(
        "--no-reexamine", action="store_true", help="leave single-report stories as the stream left them"
    )
    parser.add_argument("--no-refine", action="store_true", help="skip the review of the batch's reports at the end")
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"benchmark data not found: {DATA}")
    if args.one:
        run(args.one, args.cache, not args.no_reexamine, not args.no_refine)
        return
    base_analyses(args.cache)
    for size in args.sizes:  # one process per size, so each peak memory figure is its own
        command = [sys.executable, __file__, "--one", str(size), "--cache", str(args.cache)]
        flags = ["--no-reexamine"] * args.no_reexamine + ["--no-refine"] * args.no_refine
        subprocess.run(command + flags, check=True)


if __name__ == "__main__":
    main()
