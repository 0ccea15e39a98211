"""Throughput of the pipeline on the SemEval sample texts: analysis (articles/s), scoring and compare (pairs/s).

Run: python bench/bench_pipeline.py [--pairs N]. Prints figures; needs ../shared/data. With NEWSPRISM_E5=0 the
optional E5 document vector is left out, to see what it costs.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "semeval2022-task8" / "train-sample.csv"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=300, help="rated pairs to use (texts: about twice as many)")
    args = parser.parse_args()
    if not DATA.is_file():
        sys.exit(f"benchmark data not found: {DATA}")

    started = time.perf_counter()
    from newsprism.analyze import analyze_many
    from newsprism.analyze._e5 import e5_enabled, embed_e5
    from newsprism.analyze._embed import embed
    from newsprism.analyze._nlp import spacy_pipeline
    from newsprism.compare import compare_analyses, load_model, score_pair
    from newsprism.evaluate import read_pairs
    from newsprism.evaluate._semeval import _article
    from newsprism.store import SQLiteStore

    spacy_pipeline("en")
    embed(["warm up"])
    embed_e5(["warm up"])
    print(f"e5={'on' if e5_enabled() else 'off'} (NEWSPRISM_E5=0 switches it off)")
    load_started = time.perf_counter()
    load_model()
    model_load = time.perf_counter() - load_started
    print(f"models_load_s={time.perf_counter() - started:.2f} (similarity model {model_load:.3f}s)")

    pairs = read_pairs(DATA)[: args.pairs]
    texts = {}
    for p in pairs:
        for text, lang in ((p.text1, p.lang1), (p.text2, p.lang2)):
            texts.setdefault((text, lang), _article(text, lang, f"t{len(texts)}"))
    articles = list(texts.values())
    chars = sum(len(a.full_text) for a in articles)

    t0 = time.perf_counter()
    analyses = []
    with tempfile.TemporaryDirectory() as folder, SQLiteStore(Path(folder) / "bench.db") as store:
        for start in range(0, len(articles), 32):
            batch = analyze_many(articles[start : start + 32])
            for analysis in batch:
                store.add(analysis)
            analyses += batch
    elapsed = time.perf_counter() - t0
    print(
        f"ingest+analysis: {len(articles)} articles ({chars / len(articles):.0f} chars avg) in {elapsed:.1f}s "
        f"= {len(articles) / elapsed:.1f} articles/s"
    )

    by_key = {k: a for k, a in zip(texts, analyses, strict=True)}
    pair_analyses = [(by_key[(p.text1, p.lang1)], by_key[(p.text2, p.lang2)]) for p in pairs]
    t0 = time.perf_counter()
    for a, b in pair_analyses:
        score_pair(a, b)
    elapsed = time.perf_counter() - t0
    print(
        f"score (features + 7 models): {len(pair_analyses)} pairs in {elapsed:.1f}s = "
        f"{len(pair_analyses) / elapsed:.1f} pairs/s"
    )

    sample = pair_analyses[:100]
    t0 = time.perf_counter()
    for a, b in sample:
        compare_analyses([a, b])
    elapsed = time.perf_counter() - t0
    print(
        f"full compare (scores + alignment + coverage): {len(sample)} pairs in {elapsed:.1f}s = "
        f"{len(sample) / elapsed:.1f} pairs/s"
    )
    print(f"peak_rss_mb={peak_mb():.0f}")


if __name__ == "__main__":
    main()
