"""What a training run records of its data: which file, which part of it, and a fingerprint of every text."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from newsprism.models import DataUse, article_fingerprint, file_sha256, pair_fingerprints
from newsprism.types import Article


def data_use(path: str | Path, fingerprints: Iterable[str], role: str, used: str, items: int) -> DataUse:
    """A `DataUse` for a manifest; fingerprints are sorted so that a manifest does not change between runs."""
    return DataUse(Path(path).name, file_sha256(path), role, used, items, tuple(sorted(set(fingerprints))))


def semeval_use(path: str | Path, pairs: list, role: str = "fit", used: str | None = None) -> DataUse:
    """The rated pairs of a SemEval CSV that a model learned from."""
    return data_use(path, pair_fingerprints(pairs), role, used or f"{len(pairs)} rated pairs (every row)", len(pairs))


def allsides_use(
    path: str | Path, stream: list[tuple[Article, str]], first: int, last: int | None, role: str = "fit"
) -> DataUse:
    """The AllSides stories (lines `first` to `last` of a .source file) that a model learned from."""
    stories = {story for _, story in stream}
    used = f"stories {first}-{last if last is not None else 'end'} ({len(stories)} stories, {len(stream)} reports)"
    return data_use(path, (article_fingerprint(a) for a, _ in stream), role, used, len(stories))
