"""Analyses to and from JSON and bytes, so a stored analysis never has to be recomputed (nor unpickled)."""

from __future__ import annotations

import base64
import json
import logging
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

import numpy as np

from newsprism.types import Analysis, Article, DateRef, Entity, Fact, Label, Mention, Quote, Span, Story


def article_to_row(article: Article) -> dict[str, Any]:
    row = asdict(article)
    row["published"] = article.published.isoformat() if article.published else None
    return row


# Stored dates before this are read as unknown: year 1, which older versions accepted, breaks date arithmetic
# (publication order, cold stories) for every later run on the store.
EARLIEST_READ = datetime(1900, 1, 1)


def _published(value: str | None) -> datetime | None:
    if not value:
        return None
    moment = datetime.fromisoformat(value)
    return moment if moment >= EARLIEST_READ and moment.year < 9999 else None


def article_from_row(row: dict[str, Any]) -> Article:
    return Article(
        id=row["id"],
        title=row["title"],
        text=row["text"],
        outlet=row["outlet"] or "",
        url=row["url"] or "",
        published=_published(row.get("published")),
        language=row["language"] or "",
        source=row["source"] or "",
    )


def analysis_to_json(analysis: Analysis) -> str:
    """Everything but the article and the MUSE vectors, which are stored in their own columns; the small optional
    E5 vector rides along in the payload (base64 of float32), so stores made before it need no new column."""
    data = {
        "sentences": [asdict(s) for s in analysis.sentences],
        "entities": [asdict(e) for e in analysis.entities],
        "dates": [{**asdict(d), "value": d.value.isoformat() if d.value else None} for d in analysis.dates],
        "quotes": [asdict(q) for q in analysis.quotes],
        "facts": [asdict(f) for f in analysis.facts],
        "labels": [asdict(label) for label in analysis.labels],
        "style": analysis.style,
        "version": analysis.version,
    }
    if analysis.e5_embedding is not None:
        data["e5"] = base64.b64encode(np.ascontiguousarray(analysis.e5_embedding, dtype=np.float32).tobytes()).decode()
    return json.dumps(data, ensure_ascii=False)


def vectors_to_bytes(analysis: Analysis) -> tuple[bytes, bytes, int]:
    sentences = np.ascontiguousarray(analysis.sentence_embeddings, dtype=np.float32)
    return np.ascontiguousarray(analysis.embedding, dtype=np.float32).tobytes(), sentences.tobytes(), len(sentences)


def analysis_from_json(article: Article, payload: str, embedding: bytes, sentence_vectors: bytes) -> Analysis:
    data = json.loads(payload)
    note_version(data["version"])
    document = np.frombuffer(embedding, dtype=np.float32).copy()
    dim = len(document) or 1
    sentences = np.frombuffer(sentence_vectors, dtype=np.float32).reshape(-1, dim).copy()
    return Analysis(
        article=article,
        sentences=[Span(**s) for s in data["sentences"]],
        entities=[_entity(e) for e in data["entities"]],
        dates=[_date(d) for d in data["dates"]],
        quotes=[Quote(**q) for q in data["quotes"]],
        facts=[_fact(f) for f in data["facts"]],
        labels=[Label(**label) for label in data["labels"]],
        embedding=document,
        sentence_embeddings=sentences,
        style=data["style"],
        version=data["version"],
        e5_embedding=np.frombuffer(base64.b64decode(data["e5"]), dtype=np.float32).copy() if "e5" in data else None,
    )


_noted_versions: set[int] = set()


def note_version(version: int) -> None:
    """Say once per process (a warning on stderr) that a stored analysis was made by another analysis version:
    the models score the features of the current one, so such analyses should be brought up to date with
    `newsprism reanalyze` before their figures are trusted."""
    from newsprism.analyze._pipeline import ANALYSIS_VERSION

    if version == ANALYSIS_VERSION or version in _noted_versions:
        return
    _noted_versions.add(version)
    logging.getLogger("newsprism").warning(
        "warning: the store holds analyses of version %s; this newsprism analyses as version %s, and its models "
        "expect that: run `newsprism reanalyze` to bring them up to date",
        version,
        ANALYSIS_VERSION,
    )


def _entity(data: dict[str, Any]) -> Entity:
    mentions = tuple(Mention(**m) for m in data.pop("mentions"))
    return Entity(mentions=mentions, **data)


def _date(data: dict[str, Any]) -> DateRef:
    value = data.pop("value")
    return DateRef(value=date.fromisoformat(value) if value else None, **data)


def _fact(data: dict[str, Any]) -> Fact:
    return Fact(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})


def story_to_json(story: Story) -> str:
    """A story as the JSON payload both stores keep."""
    return json.dumps(
        {
            "id": story.id,
            "title": story.title,
            "article_ids": story.article_ids,
            "outlets": story.outlets,
            "languages": story.languages,
            "first_seen": story.first_seen.isoformat() if story.first_seen else None,
            "last_seen": story.last_seen.isoformat() if story.last_seen else None,
            "duplicates": story.duplicates,
        },
        ensure_ascii=False,
    )


def story_from_json(payload: str) -> Story:
    data = json.loads(payload)
    for key in ("first_seen", "last_seen"):
        data[key] = datetime.fromisoformat(data[key]) if data[key] else None
    return Story(**data)
