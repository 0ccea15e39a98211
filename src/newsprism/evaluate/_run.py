"""The `newsprism eval` commands (semeval, clusters, basil, and the check of coverage): provenance first, then
scores.

The provenance check comes first (`_provenance.guard`), before any text is analysed, so a refusal costs nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsprism._console import Console
from newsprism._errors import InputError
from newsprism.evaluate._provenance import Provenance, guard
from newsprism.models import (
    CLUSTERING_MODELS,
    COMPARISON_MODELS,
    SIMILARITY,
    TRAINING_ORDER,
    article_fingerprint,
    pair_fingerprints,
)
from newsprism.types import Analysis

if TYPE_CHECKING:
    from newsprism.cluster import ClusterOptions, StoryClusterer


def evaluate_semeval(csv_path: Path, console: Console, *, allow_in_sample: bool = False) -> str:
    """Score the similarity model in use on a rated CSV; refused on rows it was fitted on unless allowed."""
    from newsprism.compare import load_model
    from newsprism.evaluate._semeval import feature_rows, read_pairs, score_report

    pairs = read_pairs(csv_path)
    provenance = guard(pair_fingerprints(pairs), (SIMILARITY,), allow_in_sample)
    with console.progress("analysing", total=None) as advance:
        features = feature_rows(pairs, lambda done, total: advance(completed=done, total=total))
    predictions = load_model().predict(features)
    return "\n".join(provenance.mark(score_report(pairs, predictions).lines()))


def _analyse_stream(stream: list, console: Console) -> list[Analysis]:
    from newsprism.pipeline import analyse_in_batches

    return list(console.track(analyse_in_batches([a for a, _ in stream], console), "analysing", total=len(stream)))


def evaluate_clusters(
    basil: Path | None,
    allsides: Path | None,
    console: Console,
    *,
    gold_files: Sequence[Path] = (),
    semeval: Path | None = None,
    first: int = 1,
    limit: int | None = None,
    options: ClusterOptions | None = None,
    allow_in_sample: bool = False,
) -> str:
    """Cluster the mixed gold stream and print B-cubed figures overall and per source set; with `semeval`, also
    cluster the texts of a rated CSV and print how its rated pairs were placed. Every text is checked first
    against the manifests of the models a clusterer runs."""
    from newsprism.evaluate._clusters import allsides_stream, basil_stream, labelled_stream

    parts = {"basil": basil_stream(basil)} if basil else {}
    if allsides:
        parts["allsides"] = allsides_stream(allsides, limit, first)
    for path in gold_files:
        labelled, errors = labelled_stream(path)
        for error in errors:
            console.error(str(error))
        parts[path.name] = labelled
    rated = _read_rated(semeval) if semeval else []
    fingerprints = {article_fingerprint(a) for part in parts.values() for a, _ in part} | pair_fingerprints(rated)
    provenance = guard(fingerprints, CLUSTERING_MODELS, allow_in_sample)
    sections = [_bcubed_report(parts, console, options)] if parts else []
    if semeval:
        sections.append(_rated_pairs_report(semeval, rated, console, options))
    return "\n".join(provenance.mark("\n".join(sections).splitlines()))


def _read_rated(csv_path: Path) -> list:
    from newsprism.evaluate._rated_clusters import rated_clearly
    from newsprism.evaluate._semeval import read_pairs

    pairs = read_pairs(csv_path)
    if not any(rated_clearly(pair) is not None for pair in pairs):
        raise InputError(str(csv_path), "no pair has an Overall rating of one story or of different stories to check")
    return pairs


def _cluster_all(analyses: list[Analysis], options: ClusterOptions | None) -> StoryClusterer:
    from newsprism.cluster import StoryClusterer
    from newsprism.pipeline import publication_order

    clusterer = StoryClusterer(options)
    for analysis in publication_order(analyses):
        clusterer.add(analysis)
    clusterer.finish_batch()
    return clusterer


def _bcubed_report(parts: dict[str, list], console: Console, options: ClusterOptions | None) -> str:
    from newsprism.evaluate._clusters import bcubed, mixed_stream, repeated_ids

    stream = mixed_stream(parts.values())
    repeated = repeated_ids(stream)
    if repeated:
        examples = ", ".join(f"{article_id!r} ({n} times)" for article_id, n in list(repeated.items())[:3])
        raise InputError("gold stream", f"{len(repeated)} ids are carried by more than one report, e.g. {examples}")
    console.info(f"clustering {len(stream)} articles")
    clusterer = _cluster_all(_analyse_stream(stream, console), options)
    gold = {article.id: story for article, story in stream}
    predicted = {i: clusterer.story_of(i) for i in gold if clusterer.story_of(i)}
    lines = [bcubed(gold, predicted).line("all")]
    if len(parts) > 1:
        for name, part in parts.items():
            subset = {article.id: gold[article.id] for article, _ in part}
            if subset:
                lines.append(bcubed(subset, predicted).line(name))
    lines.append(f"bcubed_f1={bcubed(gold, predicted).f1:.4f}")
    return "\n".join(lines)


def _rated_pairs_report(csv_path: Path, pairs: list, console: Console, options: ClusterOptions | None) -> str:
    from newsprism.evaluate._rated_clusters import rated_verdicts, verdict_lines
    from newsprism.evaluate._semeval import pair_analyses

    with console.progress("analysing rated pairs", total=None) as advance:
        analysed = pair_analyses(pairs, lambda done, total: advance(completed=done, total=total))
    unique = {a.article.id: a for pair in analysed for a in pair}
    console.info(f"clustering the {len(unique)} texts of {len(pairs)} rated pairs from {csv_path}")
    clusterer = _cluster_all(list(unique.values()), options)

    def together(index: int) -> bool:
        first, second = analysed[index]
        return clusterer.story_of(first.article.id) == clusterer.story_of(second.article.id)

    return "\n".join(verdict_lines(rated_verdicts(pairs, together)))


def coverage_provenance(paths: Sequence[Path], allow_in_sample: bool) -> Provenance:
    """The provenance check of `eval coverage`: the reports of its cases against the models a comparison runs."""
    from newsprism.evaluate._coverage import find_cases
    from newsprism.ingest import read_article

    fingerprints = set()
    for case in find_cases(paths):
        if isinstance(case, InputError):
            continue  # reported by the evaluation itself
        for path in case.paths:
            try:
                fingerprints.add(article_fingerprint(read_article(path)))
            except InputError:
                continue
    return guard(fingerprints, COMPARISON_MODELS, allow_in_sample)


def evaluate_basil_report(folder: Path, *, allow_in_sample: bool = False) -> str:
    """Quote, speaker and loaded-wording figures on BASIL, refused on articles any model in use learned from.

    The extraction scored here runs no fitted model, but its articles are checked against every model in use all
    the same: a model fitted or tuned on them has seen the very texts, and the same articles feed
    `eval clusters --basil`, so one command must not call them out of sample while the other refuses them."""
    from newsprism.evaluate._basil import basil_articles, score_articles

    annotated = basil_articles(folder)
    if not annotated:
        raise InputError(str(folder), "no annotated BASIL article (articles/*/*.json with annotations/*/*_ann.json)")
    provenance = guard({article_fingerprint(a) for a, _ in annotated}, TRAINING_ORDER, allow_in_sample)
    return "\n".join(provenance.mark(score_articles(annotated).lines()))
