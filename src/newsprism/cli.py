"""The `newsprism` command: thin wrappers that parse options, call the stage functions and print."""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsprism._console import Console
from newsprism._errors import InputError, NewsprismError

if TYPE_CHECKING:
    from newsprism.cluster import ClusterOptions
    from newsprism.outlets import OutletDirectory
    from newsprism.pipeline import RoundResult

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="One news story through many outlets: compare, analyze, cluster and report, offline.",
)
eval_app = typer.Typer(no_args_is_help=True, help="Measure newsprism against human-rated data.")
train_app = typer.Typer(no_args_is_help=True, help="Rebuild the models newsprism ships.")
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    md = "md"
    html = "html"


DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="NEWSPRISM_DB", help="Store: a SQLite file, or a postgresql://user@host/db address."),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Only errors on stderr.")]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="More detail on stderr.")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")]
AllowInSampleOption = Annotated[
    bool,
    typer.Option(
        "--allow-in-sample",
        help="Score data the models were trained or tuned on anyway, every figure marked in_sample=true.",
    ),
]
ModelDirOption = Annotated[
    Path | None,
    typer.Option("--out", help="Directory to write the model and its manifest to (default ./newsprism-models)."),
]
ModelFileOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write the model to this file instead.")]
IntoPackageOption = Annotated[
    bool, typer.Option("--into-package", help="Replace the model shipped inside the installed package.")
]


OutletsOption = Annotated[
    Path | None,
    typer.Option(help="Outlets file (.csv or .toml): name, domains, country, language, lean, owner, url."),
]


def _outlets(path: Path | None, console: Console) -> OutletDirectory | None:
    """The outlets file's directory; each bad row is one error line and the others still count."""
    if path is None:
        return None
    from newsprism.outlets import load_outlets

    return load_outlets(path, on_error=console.error)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        output.write_text(text, encoding="utf-8")


def _finish(console: Console) -> None:
    if console.failures:
        raise typer.Exit(1)


def _fail(message: str) -> typer.Exit:
    print(f"error: {message}", file=sys.stderr)
    return typer.Exit(1)


@app.command()
def compare(
    sources: Annotated[list[str], typer.Argument(help="Two (or more) article files or stored article ids.")],
    published_a: Annotated[str | None, typer.Option(help="Publication date of the first article.")] = None,
    published_b: Annotated[str | None, typer.Option(help="Publication date of the second article.")] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.text,
    output: OutputOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Compare reports: is it the same story, how alike are they, and what does each say that the others don't."""
    from newsprism._commands import compare_sources

    console = Console(quiet, verbose)
    if len(sources) < 2:
        raise _fail("compare needs at least two articles")
    try:
        text = compare_sources(sources, [published_a, published_b], output_format.value, db, console)
    except NewsprismError as exc:
        raise _fail(str(exc)) from exc
    _emit(text, output)


@app.command()
def analyze(
    source: Annotated[Path, typer.Argument(help="An article file.")],
    output_format: Annotated[str, typer.Option("--format", "-f", help="Only json for now.")] = "json",
    published: Annotated[str | None, typer.Option(help="Publication date, if the file has none.")] = None,
    output: OutputOption = None,
) -> None:
    """Analyse one article: sentences, entities, dates, quotes, facts, naming labels."""
    from newsprism._commands import analyze_file

    if output_format != "json":
        raise _fail(f"analyze writes json only, not {output_format!r}")
    try:
        _emit(analyze_file(source, published), output)
    except NewsprismError as exc:
        raise _fail(str(exc)) from exc


@app.command()
def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files or directories (text, HTML, JSON, JSONL, RSS/Atom); - reads JSONL on stdin."),
    ],
    outlet: Annotated[str | None, typer.Option(help="Outlet for every article read.")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date for every article read.")] = None,
    dask: Annotated[str | None, typer.Option(help="Analyse on Dask: 'local' or a scheduler address.")] = None,
    outlets: OutletsOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Read, analyse and store articles; the same report (one outlet's text) is stored once. With --outlets, an
    article whose URL or outlet matches an outlet of the file is stored under that outlet's name."""
    from newsprism.ingest import ReadOptions
    from newsprism.pipeline import ingest_paths
    from newsprism.scale import ScaleOptions
    from newsprism.store import open_store

    console = Console(quiet, verbose)
    try:
        with open_store(db) as store:
            scale = None if dask is None else ScaleOptions(address=None if dask == "local" else dask)
            read_options = ReadOptions(outlet=outlet, published=published)
            result = ingest_paths(paths, store, console, read_options, scale, _outlets(outlets, console))
            total = store.count()
    except NewsprismError as exc:
        raise _fail(str(exc)) from exc
    _emit(
        f"stored={result.stored} already_stored={result.already_stored} failed={result.failed} total_in_store={total}",
        None,
    )
    _finish(console)


class StreamFormat(StrEnum):
    tsv = "tsv"
    jsonl = "jsonl"


ClearRatioOption = Annotated[
    float | None,
    typer.Option(
        min=0.0,
        help="A report alone also joins a story of two or more reports that it links to this many times more "
        "strongly than to the next story near it, under the mean link otherwise needed (default 3; 0: never).",
    ),
]


def _cluster_options(
    join_min_probability: float | None,
    reexamine: bool,
    refine: bool,
    refine_min_link: float | None,
    refine_clear_ratio: float | None,
    cold_after_days: float = 4.0,
) -> ClusterOptions:
    """Clustering options from the command line; thresholds not given stay the shipped ones."""
    from newsprism.cluster import ClusterOptions

    options = ClusterOptions(cold_after_days=cold_after_days, reexamine_single_reports=reexamine, refine_stories=refine)
    if join_min_probability is not None:
        options = replace(options, join_min_probability=join_min_probability)
    if refine_min_link is not None:
        options = replace(options, refine_min_link=refine_min_link)
    if refine_clear_ratio is not None:
        options = replace(options, refine_clear_ratio=refine_clear_ratio)
    return options


@app.command()
def reanalyze(
    dask: Annotated[str | None, typer.Option(help="Analyse on Dask: 'local' or a scheduler address.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Bring at most this many analyses up to date.")] = None,
    db: DbOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Analyse again the stored articles whose analysis an older version made; resumable (each one is written as
    soon as it is made, and a second run takes up what is left)."""
    from newsprism.pipeline import reanalyze_store
    from newsprism.scale import ScaleOptions
    from newsprism.store import open_store

    console = Console(quiet, verbose)
    scale = None if dask is None else ScaleOptions(address=None if dask == "local" else dask)
    try:
        with open_store(db) as store:
            result = reanalyze_store(store, console, scale, limit)
    except NewsprismError as exc:
        raise _fail(str(exc)) from exc
    _emit(result.line(), None)
    _finish(console)


@app.command()
def cluster(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files, directories or JSONL streams (- reads JSONL on stdin); none: the store."),
    ] = None,
    output_format: Annotated[StreamFormat, typer.Option("--format", "-f")] = StreamFormat.tsv,
    cold_after_days: Annotated[float, typer.Option(help="Days of silence after which a story goes cold.")] = 4.0,
    join_min_probability: Annotated[
        float | None,
        typer.Option(
            min=0.0, max=1.0, help="Join probability needed to join a story (default 0.2); higher: purer stories."
        ),
    ] = None,
    reexamine: Annotated[
        bool,
        typer.Option(
            "--reexamine/--no-reexamine",
            help="At the end, merge a story of a single report into the story it now clearly belongs to.",
        ),
    ] = True,
    refine: Annotated[
        bool,
        typer.Option(
            "--refine/--no-refine",
            help="At the end, move each new report to the story it links to best, when that is not its own.",
        ),
    ] = True,
    refine_min_link: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0, help="Mean link probability a report needs to move (default 0.1)."),
    ] = None,
    refine_clear_ratio: ClearRatioOption = None,
    outlets: OutletsOption = None,
    output: OutputOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Group articles into stories in publication order, continuing the stories already in the store. With
    --outlets, new articles take the outlet names of the file and each JSON story gets its `coverage`."""
    from newsprism.pipeline import cluster_into_store, render_assignments, story_coverage
    from newsprism.store import open_store

    console = Console(quiet, verbose)
    options = _cluster_options(
        join_min_probability, reexamine, refine, refine_min_link, refine_clear_ratio, cold_after_days
    )
    try:
        directory = _outlets(outlets, console)
        with open_store(db) as store:
            clusterer, assignments = cluster_into_store(paths or [], store, console, options, directory)
            touched = {clusterer.story_of(a.article_id) for a in assignments} - {None}
            coverage = None
            if directory is not None:
                coverage = {s: story_coverage(store, clusterer.stories[s], directory) for s in touched}
    except NewsprismError as exc:
        raise _fail(str(exc)) from exc
    _emit(render_assignments(clusterer, assignments, output_format.value, coverage), output)
    console.info(
        f"{len(assignments)} articles in {len({clusterer.story_of(a.article_id) for a in assignments})} stories"
    )
    _finish(console)


@app.command()
def report(
    story_id: Annotated[str, typer.Argument(help="A story id from `newsprism cluster`.")],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.html,
    output: OutputOption = None,
    db: DbOption = None,
) -> None:
    """The coverage of one stored story: its reports side by side."""
    from newsprism._commands import story_report

    try:
        _emit(story_report(story_id, output_format.value, db), output)
    except NewsprismError as exc:
        raise _fail(str(exc)) from exc


_DURATION_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0}
# How often the foreground checks on a running watch (Ctrl-C is handled between checks).
_WAIT_S = 0.5


def _seconds(value: str) -> float:
    """A schedule such as 15m, 30s, 1h or 900 (seconds)."""
    text = value.strip().lower()
    unit = _DURATION_UNITS.get(text[-1:])
    try:
        return float(text[:-1] if unit else text) * (unit or 1.0)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a duration (15m, 30s, 1h, or seconds)") from exc


@app.command()
def watch(
    sources: Annotated[Path, typer.Argument(help="Feed URLs, one per line, or an OPML file.")],
    every: Annotated[str, typer.Option(help="Time between rounds: 15m, 30s, 1h or seconds.")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="One round, then exit (non-zero if anything failed).")] = False,
    outlets: OutletsOption = None,
    timeout: Annotated[float, typer.Option(min=0.001, help="Seconds allowed per request.")] = 10.0,
    max_bytes: Annotated[int, typer.Option(min=1, help="Largest response body read, in bytes.")] = 5_000_000,
    retries: Annotated[int, typer.Option(min=0, help="Further tries of a request that may pass.")] = 2,
    backoff: Annotated[float, typer.Option(min=0.0, help="Seconds before the first retry; doubles after.")] = 1.0,
    host_interval: Annotated[float, typer.Option(min=0.0, help="Seconds between two requests to one host.")] = 1.0,
    max_entries: Annotated[int, typer.Option(min=1, help="New entries taken per feed and round.")] = 100,
    db: DbOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Follow feeds: new entries are fetched as full articles, analysed, stored and placed into stories; prints
    `article_id<TAB>story_id` for each article placed. Feed state lives in the store, so a restart resumes."""
    from newsprism.feeds import FetchOptions, WatchOptions, read_sources
    from newsprism.pipeline import Watcher
    from newsprism.store import open_store

    console = Console(quiet, verbose)
    try:
        urls = read_sources(sources, on_error=console.error)
        fetch = FetchOptions(
            timeout_s=timeout, max_bytes=max_bytes, retries=retries, backoff_s=backoff, host_interval_s=host_interval
        )
        options = WatchOptions(
            every_s=_seconds(every), max_entries=max_entries, fetch=fetch, outlets=_outlets(outlets, console)
        )
    except (NewsprismError, ValueError) as exc:
        raise _fail(str(exc)) from exc

    def placed(result: RoundResult) -> None:
        if result.story_of:
            _emit("\n".join(f"{article}\t{story}" for article, story in result.story_of.items()), None)

    watcher = Watcher(urls, lambda: open_store(db), options, console=console, on_round=placed)
    try:
        if once:
            with open_store(db) as store:
                watcher.run_once(store)
            _finish(console)
            return
        watcher.start()
        while watcher.running:
            time.sleep(_WAIT_S)
    except NewsprismError as exc:
        raise _fail(str(exc)) from exc
    except KeyboardInterrupt:
        console.info("stopping")
    finally:
        watcher.stop()


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None, typer.Option(envvar="NEWSPRISM_TOKEN", help="Writes need 'Authorization: Bearer TOKEN'.")
    ] = None,
    allowed_host: Annotated[
        list[str] | None, typer.Option(help="A Host name to answer besides loopback and --host; repeatable.")
    ] = None,
    outlets: OutletsOption = None,
    watch: Annotated[
        Path | None, typer.Option(help="Follow these feeds (URLs one per line, or OPML) while serving.")
    ] = None,
    every: Annotated[str, typer.Option(help="With --watch, time between rounds: 15m, 30s, 1h or seconds.")] = "15m",
    fetch_private: Annotated[
        bool, typer.Option("--fetch-private", help="Let /compare fetch pages on loopback and private networks.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Serve the web app (/: stories, /compare) and the JSON API (/api/..., described at /docs) on HTTP; with
    --watch, follow feeds beside it, so new reports appear as they are published."""
    import uvicorn

    from newsprism.feeds import read_sources
    from newsprism.serve import ServeOptions, check_bind, create_app, serving_hosts

    console = Console()
    try:
        check_bind(host, token)
        options = ServeOptions(
            token=token or None,
            allowed_hosts=tuple(serving_hosts(host, allowed_host or [])),
            outlets=_outlets(outlets, console),
            watch=tuple(read_sources(watch, on_error=console.error)) if watch else (),
            watch_every_s=_seconds(every),
            fetch_private=fetch_private,
        )
        app = create_app(db, options)
    except (NewsprismError, ValueError) as exc:
        raise _fail(str(exc)) from exc
    uvicorn.run(app, host=host, port=port)


@eval_app.command("semeval")
def eval_semeval(
    csv_path: Annotated[Path, typer.Argument(help="CSV with pair_id, lang1, lang2, text1, text2 and the scores.")],
    allow_in_sample: AllowInSampleOption = False,
    quiet: QuietOption = False,
) -> None:
    """Pearson r of the similarity model in use per dimension and language pair (refused on its training data)."""
    from newsprism.evaluate._run import evaluate_semeval

    try:
        _emit(evaluate_semeval(csv_path, Console(quiet), allow_in_sample=allow_in_sample), None)
    except NewsprismError as exc:
        raise _fail(str(exc)) from exc


@eval_app.command("clusters")
def eval_clusters(
    basil: Annotated[Path | None, typer.Option(help="BASIL folder (articles/YEAR/*.json).")] = None,
    allsides: Annotated[Path | None, typer.Option(help="An AllSides/NeuS .source file.")] = None,
    gold: Annotated[
        list[Path] | None,
        typer.Option(
            help="JSON/JSONL articles with their gold story in a `story` (or cluster, event) field; repeatable."
        ),
    ] = None,
    semeval: Annotated[
        Path | None,
        typer.Option(help="A rated SemEval CSV: cluster its texts and check its rated pairs, per language pair."),
    ] = None,
    first: Annotated[int, typer.Option(help="First AllSides story (line number) to use.")] = 1,
    limit: Annotated[int | None, typer.Option(help="Last AllSides story (line number) to use.")] = None,
    join_min_probability: Annotated[
        float | None, typer.Option(help="Join probability an article needs to join a story (default: shipped).")
    ] = None,
    reexamine: Annotated[
        bool,
        typer.Option(
            "--reexamine/--no-reexamine",
            help="At the end, merge a story of a single report into the story it now clearly belongs to.",
        ),
    ] = True,
    refine: Annotated[
        bool,
        typer.Option(
            "--refine/--no-refine",
            help="At the end, move each new report to the story it links to best, when that is not its own.",
        ),
    ] = True,
    refine_min_link: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0, help="Mean link probability a report needs to move (default 0.1)."),
    ] = None,
    refine_clear_ratio: ClearRatioOption = None,
    allow_in_sample: AllowInSampleOption = False,
    quiet: QuietOption = False,
) -> None:
    """B-cubed precision, recall, F1 and ARI of the clustering against gold stories (refused on stories or pairs
    the models were trained or tuned on)."""
    from newsprism.evaluate._run import evaluate_clusters

    if basil is None and allsides is None and not gold and semeval is None:
        raise _fail("give --basil DIR, --allsides FILE, --gold FILE and/or --semeval CSV")
    options = _cluster_options(join_min_probability, reexamine, refine, refine_min_link, refine_clear_ratio)
    try:
        report = evaluate_clusters(
            basil,
            allsides,
            Console(quiet),
            gold_files=gold or [],
            semeval=semeval,
            first=first,
            limit=limit,
            options=options,
            allow_in_sample=allow_in_sample,
        )
        _emit(report, None)
    except NewsprismError as exc:
        raise _fail(str(exc)) from exc


@eval_app.command("basil")
def eval_basil(
    folder: Annotated[Path, typer.Argument(help="BASIL folder with articles/ and annotations/.")],
    allow_in_sample: AllowInSampleOption = False,
) -> None:
    """Quote recall, speaker accuracy and loaded-wording recall against BASIL's annotated spans."""
    from newsprism.evaluate._run import evaluate_basil_report

    try:
        _emit(evaluate_basil_report(folder, allow_in_sample=allow_in_sample), None)
    except NewsprismError as exc:
        raise _fail(str(exc)) from exc


@eval_app.command("coverage")
def eval_coverage(
    folders: Annotated[
        list[Path], typer.Argument(help="Coverage case folders (a.txt, b.txt, gold.json), or folders of them.")
    ],
    allow_in_sample: AllowInSampleOption = False,
) -> None:
    """Shared-fact recall, false pairings, conflicts, citations, speakers, aliases and dates against gold cases."""
    from newsprism.evaluate._coverage import coverage_report
    from newsprism.evaluate._run import coverage_provenance

    console = Console(False)
    try:
        provenance = coverage_provenance(folders, allow_in_sample)
        _emit("\n".join(provenance.mark(coverage_report(folders, console.error).splitlines())), None)
    except NewsprismError as exc:
        raise _fail(str(exc)) from exc
    _finish(console)


@train_app.command("joins")
def train_joins(
    allsides: Annotated[Path, typer.Argument(help="AllSides/NeuS training .source file (never the evaluation one).")],
    first: Annotated[int, typer.Option(help="First story (line number) to replay.")] = 1301,
    limit: Annotated[int | None, typer.Option(help="Last story (line number) to replay.")] = None,
    out: ModelDirOption = None,
    output: ModelFileOption = None,
    into_package: IntoPackageOption = False,
    quiet: QuietOption = False,
) -> None:
    """Rebuild the join model (article vs. candidate story) by replaying known stories; prints grouped-CV figures.

    The default stories (1301 on) are used neither by the same-story model (1-1000) nor to choose the join
    threshold (1001-1300)."""
    from newsprism.train import Target, train_join

    try:
        _emit(train_join(allsides, first, limit, Target.of(out, output, into_package), Console(quiet)), None)
    except NewsprismError as exc:
        raise _fail(str(exc)) from exc


@train_app.command("links")
def train_links(
    allsides: Annotated[Path, typer.Argument(help="AllSides/NeuS training .source file (never the evaluation one).")],
    first: Annotated[int, typer.Option(help="First story (line number) to learn from.")] = 1301,
    limit: Annotated[int | None, typer.Option(help="Last story (line number) to learn from.")] = 1700,
    out: ModelDirOption = None,
    output: ModelFileOption = None,
    into_package: IntoPackageOption = False,
    quiet: QuietOption = False,
) -> None:
    """Rebuild the link model (report vs. report, for the review at the end of a batch); prints grouped-CV figures.

    The default stories (1301-1700) are used neither by the same-story model (1-1000) nor to choose the
    thresholds (1001-1300)."""
    from newsprism.train import Target
    from newsprism.train import train_links as train

    try:
        _emit(train(allsides, first, limit, Target.of(out, output, into_package), Console(quiet)), None)
    except NewsprismError as exc:
        raise _fail(str(exc)) from exc


@train_app.command("stories")
def train_stories(
    allsides: Annotated[Path, typer.Argument(help="AllSides/NeuS training .source file (never the evaluation one).")],
    limit: Annotated[int, typer.Option(help="Stories to train on.")] = 1000,
    semeval: Annotated[Path | None, typer.Option(help="Rated SemEval CSV: adds multilingual pairs.")] = None,
    out: ModelDirOption = None,
    output: ModelFileOption = None,
    into_package: IntoPackageOption = False,
    quiet: QuietOption = False,
) -> None:
    """Rebuild the same-story model from stories of known reports; prints grouped-CV figures."""
    from newsprism.train import Target, train_same_story

    try:
        target = Target.of(out, output, into_package)
        _emit(train_same_story(allsides, limit, semeval, target, Console(quiet)), None)
    except NewsprismError as exc:
        raise _fail(str(exc)) from exc


@train_app.command("semeval")
def train_semeval(
    csv_path: Annotated[Path, typer.Argument(help="The SemEval training CSV.")],
    out: ModelDirOption = None,
    output: ModelFileOption = None,
    into_package: IntoPackageOption = False,
    quiet: QuietOption = False,
) -> None:
    """Rebuild the similarity model: grouped cross-validation figures, then a fit on every row."""
    from newsprism.train import Target, train_similarity

    try:
        _emit(train_similarity(csv_path, Target.of(out, output, into_package), Console(quiet)), None)
    except NewsprismError as exc:
        raise _fail(str(exc)) from exc


@train_app.command("all")
def train_all(
    data: Annotated[
        list[Path], typer.Argument(help="The SemEval training CSV and the AllSides/NeuS training .source file.")
    ],
    out: ModelDirOption = None,
    into_package: IntoPackageOption = False,
    quiet: QuietOption = False,
) -> None:
    """Rebuild every model, in order (similarity, same-story, joins, links), each with its manifest.

    AllSides stories 1-1000 train the same-story model, 1001-1300 are left for choosing thresholds, 1301 on train
    the join model and 1301-1700 the link model; every fit is seeded."""
    from newsprism.train import Target
    from newsprism.train import train_all as train

    try:
        _emit(train(data, Target.of(out, None, into_package), Console(quiet)), None)
    except NewsprismError as exc:
        raise _fail(str(exc)) from exc


@app.command("models")
def models(
    data: Annotated[
        list[Path] | None,
        typer.Option("--data", help="A data file to check the manifests against (by name and sha256); repeatable."),
    ] = None,
) -> None:
    """The models in use (NEWSPRISM_MODELS first, then the package), each with its manifest and what is amiss."""
    from newsprism.models._describe import describe_models

    try:
        text, problems = describe_models(data or [])
    except NewsprismError as exc:
        raise _fail(str(exc)) from exc
    _emit(text, None)
    if problems:
        print(f"{problems} problem(s) with the models in use; see the lines marked problem", file=sys.stderr)


def main() -> None:  # pragma: no cover - console entry point
    from newsprism import _collector

    _collector.tune()
    try:
        app()
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)
    finally:
        _collector.settle_before_exit()
