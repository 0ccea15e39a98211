"""What the CLI commands do, as plain typed functions returning the text to print."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsprism._console import Console
from newsprism._errors import InputError
from newsprism.analyze import analyze_many
from newsprism.compare import compare_analyses
from newsprism.ingest import ReadOptions, read_article
from newsprism.report import render_comparison
from newsprism.types import Analysis, Article

if TYPE_CHECKING:
    from newsprism.cluster import ClusterOptions, StoryClusterer


def _load(source: str, published: str | None, db: str | Path | None) -> Article | Analysis:
    """A file path, or else the id of an article in the store."""
    if Path(source).exists() or (db is None and not _default_store_exists()):
        return read_article(source, ReadOptions(published=published))
    from newsprism.store import open_store

    with open_store(db) as store:
        analysis = store.get_analysis(source)
    if analysis is None:
        raise InputError(source, "no such file, and no stored article with this id")
    return analysis


def _default_store_exists() -> bool:
    from newsprism.store import default_db_path

    return default_db_path().exists()


def compare_sources(
    sources: list[str], published: list[str | None], output_format: str, db: str | Path | None, console: Console
) -> str:
    """Compare articles given as files or stored ids and render the result."""
    loaded = [_load(s, published[i] if i < len(published) else None, db) for i, s in enumerate(sources)]
    pending = [x for x in loaded if isinstance(x, Article)]
    console.debug(f"analysing {len(pending)} article(s)")
    fresh = iter(analyze_many(pending))
    analyses = [next(fresh) if isinstance(x, Article) else x for x in loaded]
    return render_comparison(compare_analyses(analyses), output_format)


def analyze_file(source: Path, published: str | None) -> str:
    """The analysis of one article as JSON."""
    from newsprism.store._codec import analysis_to_json, article_to_row

    analysis = analyze_many([read_article(source, ReadOptions(published=published))])[0]
    data = {"article": article_to_row(analysis.article), **json.loads(analysis_to_json(analysis))}
    data.pop("e5", None)  # a vector in base64 tells a reader nothing (the MUSE vectors are not shown either)
    return json.dumps(data, ensure_ascii=False, indent=2)


def evaluate_semeval(csv_path: Path, console: Console) -> str:
    """Score the shipped model on a rated CSV."""
    from newsprism.compare import load_model
    from newsprism.evaluate import feature_rows, read_pairs, score_report

    pairs = read_pairs(csv_path)
    with console.progress("analysing", total=None) as advance:
        features = feature_rows(pairs, lambda done, total: advance(0))
    predictions = load_model().predict(features)
    return "\n".join(score_report(pairs, predictions).lines())


def train_similarity(csv_path: Path, output: Path | None, console: Console) -> str:
    """Grouped-CV figures next to the zero-shot baseline, then the model fitted on every row."""
    from importlib import resources

    from newsprism.compare._model import MODEL_RESOURCE
    from newsprism.evaluate import feature_rows, fit_full, grouped_cv, read_pairs
    from newsprism.evaluate._training import without_optional

    pairs = read_pairs(csv_path)
    console.info(f"analysing {len(pairs)} pairs")
    features = feature_rows(pairs, lambda done, total: console.debug(f"{done}/{total} texts"))
    model_report, baseline = grouped_cv(pairs, features)
    target = output or Path(str(resources.files("newsprism.models") / MODEL_RESOURCE))
    fit_full(pairs, features).save(target)
    lines = ["# grouped cross-validation (model)", *model_report.lines()]
    reduced = without_optional(features)
    if reduced != features:
        lines += ["# grouped cross-validation (fallback model: no E5 vectors)", *grouped_cv(pairs, reduced)[0].lines()]
    lines += [
        "# zero-shot baseline: cosine of embeddings",
        *baseline.lines(),
        f"model written to {target}",
    ]
    return "\n".join(lines)


# Reports of a story beyond this many are left out of its coverage view (copies never enter it).
STORY_REPORT_MAX_ARTICLES = 8


def story_report(story_id: str, output_format: str, db: str | Path | None) -> str:
    """The coverage view of a stored story: its distinct reports compared side by side."""
    from newsprism.store import open_store

    with open_store(db) as store:
        story = store.get_story(story_id)
        if story is None:
            raise InputError(story_id, "no such story in the store")
        ids = [i for i in story.article_ids if i not in story.duplicates][:STORY_REPORT_MAX_ARTICLES]
        analyses = [a for a in (store.get_analysis(i) for i in ids) if a is not None]
    if len(analyses) < 2:
        raise InputError(story_id, f"story has {len(analyses)} distinct report(s); a coverage view needs two")
    return render_comparison(compare_analyses(analyses), output_format)


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
) -> str:
    """Cluster the mixed gold stream and print B-cubed figures overall and per source set; with `semeval`, also
    cluster the texts of a rated CSV and print how its rated pairs were placed."""
    from newsprism.evaluate._clusters import allsides_stream, basil_stream, labelled_stream

    parts = {"basil": basil_stream(basil)} if basil else {}
    if allsides:
        parts["allsides"] = allsides_stream(allsides, limit, first)
    for path in gold_files:
        labelled, errors = labelled_stream(path)
        for error in errors:
            console.error(str(error))
        parts[path.name] = labelled
    sections = [_bcubed_report(parts, console, options)] if parts else []
    if semeval:
        sections.append(_rated_pairs_report(semeval, console, options))
    return "\n".join(sections)


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


def _rated_pairs_report(csv_path: Path, console: Console, options: ClusterOptions | None) -> str:
    from newsprism.evaluate import read_pairs
    from newsprism.evaluate._rated_clusters import rated_clearly, rated_verdicts, verdict_lines
    from newsprism.evaluate._semeval import pair_analyses

    pairs = read_pairs(csv_path)
    if not any(rated_clearly(pair) is not None for pair in pairs):
        raise InputError(str(csv_path), "no pair has an Overall rating of one story or of different stories to check")
    with console.progress("analysing rated pairs", total=None) as advance:
        analysed = pair_analyses(pairs, lambda done, total: advance(0))
    unique = {a.article.id: a for pair in analysed for a in pair}
    console.info(f"clustering the {len(unique)} texts of {len(pairs)} rated pairs")
    clusterer = _cluster_all(list(unique.values()), options)

    def together(index: int) -> bool:
        first, second = analysed[index]
        return clusterer.story_of(first.article.id) == clusterer.story_of(second.article.id)

    return "\n".join(verdict_lines(rated_verdicts(pairs, together)))


def train_join(allsides: Path, first: int, limit: int | None, output: Path | None, console: Console) -> str:
    """Fit the join model on a replayed stream of AllSides stories and write it."""
    from importlib import resources

    import numpy as np

    from newsprism.cluster._join import MODEL_RESOURCE, JoinModel
    from newsprism.evaluate._clusters import allsides_stream, mixed_stream
    from newsprism.evaluate._story_joins import grouped_cv_join, join_rows
    from newsprism.evaluate._training import has_e5, without_e5

    stream = mixed_stream([allsides_stream(allsides, limit, first)])
    analyses = _analyse_stream(stream, console)
    gold = [story for _, story in stream]
    console.info(f"replaying {len(analyses)} articles")
    rows, labels, groups = join_rows(analyses, gold)
    figures = grouped_cv_join(rows, labels, groups)
    if has_e5(analyses):  # replayed again as a machine without E5 sees it, for the fallback variants
        console.info("replaying them again without E5 vectors")
        plain_rows, plain_labels, plain_groups = join_rows(without_e5(analyses), gold)
        figures |= {f"{k}_without_e5": v for k, v in grouped_cv_join(plain_rows, plain_labels, plain_groups).items()}
        rows, labels = rows + plain_rows, np.concatenate([labels, plain_labels])
    model = JoinModel().fit(rows, labels)
    target = output or Path(str(resources.files("newsprism.models") / MODEL_RESOURCE))
    model.save(target)
    lines = [f"{name}={value:.4f}" for name, value in figures.items()]
    weights = [f"weights_{kind}={weights}" for kind, weights in model.describe().items()]
    return "\n".join(
        ["# grouped cross-validation (candidates of a replayed stream)", *lines, *weights, f"model written to {target}"]
    )


def train_links(allsides: Path, first: int, limit: int | None, output: Path | None, console: Console) -> str:
    """Fit the link model (report vs. report, for the end-of-batch review) on AllSides stories and write it."""
    from importlib import resources

    from newsprism.cluster._links import MODEL_RESOURCE, LinkModel
    from newsprism.evaluate._clusters import allsides_stream, mixed_stream
    from newsprism.evaluate._story_joins import grouped_cv_evidence
    from newsprism.evaluate._story_links import link_rows

    stream = mixed_stream([allsides_stream(allsides, limit, first)])
    analyses = _analyse_stream(stream, console)
    rows, labels, groups = link_rows(analyses, [story for _, story in stream])
    figures = grouped_cv_evidence(LinkModel, rows, labels, groups)
    model = LinkModel().fit(rows, labels)
    target = output or Path(str(resources.files("newsprism.models") / MODEL_RESOURCE))
    model.save(target)
    lines = [f"{name}={value:.4f}" for name, value in figures.items()]
    weights = [f"weights_{kind}={weights}" for kind, weights in model.describe().items()]
    return "\n".join(
        ["# grouped cross-validation (pairs of neighbouring reports)", *lines, *weights, f"model written to {target}"]
    )


def train_same_story(allsides: Path, limit: int, semeval: Path | None, output: Path | None, console: Console) -> str:
    """Fit the same-story model on AllSides stories (and rated SemEval pairs) and write it."""
    from importlib import resources

    import numpy as np

    from newsprism.compare import pair_features
    from newsprism.compare._same_story import MODEL_RESOURCE, SameStoryModel
    from newsprism.evaluate import read_pairs
    from newsprism.evaluate._clusters import allsides_stream
    from newsprism.evaluate._semeval import pair_analyses
    from newsprism.evaluate._story_pairs import decision_rows, grouped_cv_same_story, rated_rows, story_pairs
    from newsprism.evaluate._training import has_e5, without_e5

    stream = allsides_stream(allsides, limit)
    analyses = _analyse_stream(stream, console)
    gold = [story for _, story in stream]
    pairs, labels = story_pairs(analyses, gold)
    rated = read_pairs(semeval) if semeval is not None else []
    if rated:
        console.info(f"analysing {len(rated)} rated pairs")
    rated_analyses = pair_analyses(rated)
    # With E5, every pair twice: as analysed, and as a machine without E5 sees it (for the fallback variant).
    kinds = [("", lambda a: a)] + ([("_without_e5", without_e5)] if has_e5(analyses) else [])
    rows, all_labels, groups, figures = [], [], [], {}
    for suffix, view in kinds:
        kind_rows = decision_rows(view(analyses), pairs)
        kind_labels, kind_groups = labels, [gold[i] for i, _ in pairs]
        if rated:
            firsts, seconds = view([a for a, _ in rated_analyses]), view([b for _, b in rated_analyses])
            features = [pair_features(a, b)[0] for a, b in zip(firsts, seconds, strict=True)]
            extra_rows, extra_labels, extra_groups = rated_rows(rated, features)
            kind_rows, kind_groups = kind_rows + extra_rows, kind_groups + extra_groups
            kind_labels = np.concatenate([labels, extra_labels])
        figures |= {f"{k}{suffix}": v for k, v in grouped_cv_same_story(kind_rows, kind_labels, kind_groups).items()}
        rows, groups = rows + kind_rows, groups + kind_groups
        all_labels.append(kind_labels)
    target = output or Path(str(resources.files("newsprism.models") / MODEL_RESOURCE))
    SameStoryModel().fit(rows, np.concatenate(all_labels)).save(target)
    lines = [
        f"{name}={value:.4f}" if isinstance(value, float) else f"{name}={value}" for name, value in figures.items()
    ]
    return "\n".join(
        [
            "# grouped cross-validation (pairs: story roundups, hard/random negatives, rated pairs)",
            *lines,
            f"model written to {target}",
        ]
    )
