"""Clustering a batch: analyse what is new, continue the stored stories, save them back."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime

from newsprism._console import Console
from newsprism.cluster import Assignment, ClusterOptions, StoryClusterer, representative_ids
from newsprism.outlets import CoverageSpread, OutletDirectory, coverage_spread
from newsprism.pipeline._analyse import analyse_in_batches
from newsprism.pipeline._ingest import IngestResult, store_one
from newsprism.pipeline._read import id_taken_message, iter_articles, known_outcome, with_distinct_ids
from newsprism.pipeline._reanalyze import require_current_analyses
from newsprism.store import Outcome, Store
from newsprism.types import Analysis, Article, Story

_Entry = tuple[datetime | None, int, str]  # (published, position in the input, stored article id)


def _stored_or_new(
    paths: Iterable[str | os.PathLike[str]], store: Store, console: Console, outlets: OutletDirectory | None = None
) -> list[_Entry]:
    """The articles under `paths` (all stored articles when no path is given) as entries: new ones are analysed and
    stored on the way, so no analysis has to stay in memory."""
    if not paths:
        return [(a.published, n, a.id) for n, a in enumerate(store.iter_articles())]
    return _entries_of(iter_articles(paths, console, outlets=outlets), store, console)


def _entries_of(
    articles: Iterable[Article], store: Store, console: Console, counts: IngestResult | None = None
) -> list[_Entry]:
    """`articles` as entries, the new ones analysed and stored on the way; `counts` tallies what the store
    decided for each (refused ones are error lines and no entry)."""
    counts = counts if counts is not None else IngestResult()
    entries: list[_Entry] = []
    positions: dict[str, int] = {}

    def unknown() -> Iterator[Article]:
        """Articles not stored yet; the stored ones are noted on the way (the input is read once, lazily)."""
        for position, article in enumerate(with_distinct_ids(articles, store, console)):
            known = known_outcome(store, article)
            if known is not None and known.outcome is Outcome.REFUSED:  # taken by another writer meanwhile
                console.error(id_taken_message(article))
            elif known is not None and store.get_analysis(known.id) is not None:
                counts.already_stored += 1
                entries.append((article.published, position, known.id))
            else:
                positions[article.id] = position
                yield article

    for analysis in console.track(analyse_in_batches(unknown(), console), "analysing"):
        article = analysis.article
        added = store_one(store, analysis, console)
        if added.outcome is not Outcome.REFUSED:
            counts.stored += added.outcome is Outcome.STORED
            counts.already_stored += added.outcome is Outcome.ALREADY_STORED
            entries.append((article.published, positions.pop(article.id, len(entries)), added.id))
    return entries


def _in_publication_order(entries: list[_Entry]) -> list[str]:
    """Stored ids, dated articles by date, then undated ones in input order; each article once."""
    first: dict[str, _Entry] = {}
    for entry in sorted(entries, key=lambda e: e[1]):
        first.setdefault(entry[2], entry)
    ordered = sorted(first.values(), key=lambda e: (e[0] is None, e[0] or datetime.min, e[1]))
    return [article_id for _, _, article_id in ordered]


def publication_order(analyses: list[Analysis]) -> list[Analysis]:
    """Dated articles by date, then undated ones in input order; each article once."""
    unique = list({a.article.id: a for a in analyses}.values())
    return sorted(unique, key=lambda a: (a.article.published is None, a.article.published or datetime.min))


def cluster_into_store(
    paths: list[str],
    store: Store,
    console: Console,
    options: ClusterOptions | None = None,
    outlets: OutletDirectory | None = None,
) -> tuple[StoryClusterer, list[Assignment]]:
    """Continue clustering from the stories in the store and save the result back; with `outlets`, new articles
    are stored under the names the outlets file gives their outlets. Stored analyses of another analysis version
    are made again first (`require_current_analyses`)."""
    require_current_analyses(store, console)
    return _place(_stored_or_new(paths, store, console, outlets), store, options, console)


def story_coverage(store: Store, story: Story, directory: OutletDirectory) -> CoverageSpread:
    """The spread of a story's reports over leans and countries, and its blindspot, by the outlets file."""
    articles = [a for a in (store.get_article(i) for i in story.article_ids) if a is not None]
    return coverage_spread(articles, directory)


@dataclass(slots=True)
class Placement:
    """What an incremental step did: the store's decisions, and the story each article is in at the end (after
    the review moved what it moved)."""

    counts: IngestResult
    story_of: dict[str, str]


def place_articles(
    articles: Iterable[Article], store: Store, console: Console, options: ClusterOptions | None = None
) -> Placement:
    """Ingest articles as they arrive and place them into the stored stories: the incremental step of a feed
    watch. Each new article is analysed and stored in its own transaction (the same report stored once, a taken
    id refused with one error line), then all of them — also those stored before but perhaps never placed, as
    after a crash between the two steps — go into the stories, which are saved back. Nothing is clustered when
    no article is given, so an idle round costs no restore."""
    counts = IngestResult()
    failures_before = console.failures
    entries = _entries_of(articles, store, console, counts)
    counts.failed = console.failures - failures_before
    if not entries:
        return Placement(counts, {})
    require_current_analyses(store, console)
    clusterer, assignments = _place(entries, store, options, console)
    placed = {a.article_id: clusterer.story_of(a.article_id) for a in assignments}
    return Placement(counts, {article_id: story for article_id, story in placed.items() if story})


def _place(
    entries: list[_Entry], store: Store, options: ClusterOptions | None, console: Console
) -> tuple[StoryClusterer, list[Assignment]]:
    """Restore the stored stories, add the entries in publication order, review, save everything back."""
    clusterer = StoryClusterer(options)
    for story in store.iter_stories():
        members = [m for m in (store.get_analysis(i) for i in representative_ids(story)) if m is not None]
        clusterer.restore(story, members)
    assignments = []
    ordered = _in_publication_order(entries)
    for article_id in console.track(ordered, "clustering", total=len(ordered)):
        analysis = store.get_analysis(article_id)
        if analysis is not None:
            assignments.append(clusterer.add(analysis))
    clusterer.finish_batch()
    for story_id, kind, reason in clusterer.events:
        store.record_event(story_id, kind, reason)
    for story_id in clusterer.absorbed:
        store.delete_story(story_id)
    for story in clusterer.stories.values():
        store.save_story(story)
    return clusterer, assignments


def render_assignments(
    clusterer: StoryClusterer,
    assignments: list[Assignment],
    output_format: str,
    coverage: Mapping[str, CoverageSpread] | None = None,
) -> str:
    """TSV `article_id<TAB>story_id`, or one JSON story per line with why each new article went where it did (and
    its `coverage` by lean and country when `coverage` gives it)."""
    if output_format == "tsv":
        return "\n".join(f"{a.article_id}\t{clusterer.story_of(a.article_id)}" for a in assignments)
    by_story: dict[str, list[Assignment]] = {}
    for assignment in assignments:
        story_id = clusterer.story_of(assignment.article_id)
        if story_id:
            by_story.setdefault(story_id, []).append(assignment)
    lines = []
    for story_id, placed in by_story.items():
        data = story_json(clusterer.stories[story_id])
        data["assignments"] = [_assignment_json(a) for a in placed]
        data["events"] = [{"kind": kind, "reason": reason} for s, kind, reason in clusterer.events if s == story_id]
        if coverage is not None and story_id in coverage:
            data["coverage"] = coverage[story_id].to_dict()
        lines.append(json.dumps(data, ensure_ascii=False))
    return "\n".join(lines)


def _assignment_json(assignment: Assignment) -> dict:
    """One article's placement: new story, copy, or joined with the join probability and its evidence."""
    return {
        "article": assignment.article_id,
        "new_story": assignment.new_story,
        "duplicate_of": assignment.duplicate_of,
        "join_probability": assignment.probability,
        "evidence": assignment.evidence,
        "merged": list(assignment.merged),
    }


def story_json(story: Story) -> dict:
    return {
        "id": story.id,
        "title": story.title,
        "outlets": story.outlets,
        "languages": story.languages,
        "first_seen": story.first_seen.isoformat() if story.first_seen else None,
        "last_seen": story.last_seen.isoformat() if story.last_seen else None,
        "articles": story.article_ids,
        "duplicates": story.duplicates,
    }
