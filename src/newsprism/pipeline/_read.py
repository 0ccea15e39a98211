"""Reading a batch: every article of the paths given, each bad file or record reported once and skipped."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from newsprism._console import Console
from newsprism._errors import InputError
from newsprism.ingest import ReadOptions, iter_files, read_records
from newsprism.outlets import OutletDirectory
from newsprism.store import Added, Outcome, Store, content_hash, id_held_by_another
from newsprism.types import Article


def iter_articles(
    paths: Iterable[str | os.PathLike[str]],
    console: Console,
    options: ReadOptions | None = None,
    outlets: OutletDirectory | None = None,
) -> Iterator[Article]:
    """Articles of every file under `paths`; each bad file or record is reported once and skipped. With
    `outlets`, an article whose URL or outlet matches an outlet of the file takes that outlet's name."""
    for path in iter_files(paths):
        for result in read_records(path, options):
            if isinstance(result, InputError):
                console.error(str(result))
            else:
                yield outlets.named(result) if outlets is not None else result


def id_taken_message(article: Article) -> str:
    """The one error line for an article whose id already holds a different report."""
    return (
        f"{article.source or article.id}: article id {article.id!r} already belongs to a different article; "
        "skipped (give it an id of its own)"
    )


def with_distinct_ids(articles: Iterable[Article], store: Store, console: Console) -> Iterator[Article]:
    """The articles whose id is not already taken by a different article, in the store or earlier in this input.

    An input's own ids are kept (they are what a user's TSV and JSON refer back to), so two sources that both
    number their articles from 1 collide. Checking here spares the analysis of an article that cannot be stored;
    the store still decides again when writing, since another writer may take the id meanwhile. The same report
    read again, under its id or another, is not a conflict: the store keeps each outlet's text once."""
    seen: dict[str, str] = {}  # id -> content hash of the article read under it
    for article in articles:
        digest = content_hash(article)
        earlier = seen.get(article.id)
        if (earlier is not None and earlier != digest) or (earlier is None and id_held_by_another(store, article)):
            console.error(id_taken_message(article))
            continue
        seen[article.id] = digest
        yield article


def known_outcome(store: Store, article: Article) -> Added | None:
    """What storing `article` would answer as the store stands, or None when it is new: a look before the
    analysis, to spare it. The id holder is read after the match, never before: rows are never deleted, so a
    report another writer commits between the two reads is still judged on its text."""
    existing = store.find(article)
    if existing is None:
        return None
    held = store.get_article(article.id)
    if held is None:
        return Added(Outcome.ALREADY_STORED, existing)
    same = content_hash(held) == content_hash(article)
    return Added(Outcome.ALREADY_STORED if same else Outcome.REFUSED, article.id)
