"""What the clusterer keeps per warm story, and how stories are named, ordered and judged.

A story is judged by a few of its reports (its first and its latest), not all of them: the cost of a
candidate stays the same however long the story grows.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from newsprism.cluster._join import JOIN_FEATURES
from newsprism.types import Analysis, Story

# How many of a story's latest reports (besides its first) a new article is compared with.
RECENT_REPRESENTATIVES = 3


@dataclass(frozen=True, slots=True)
class Candidate:
    """A warm story an article might join, with the evidence for it in `JOIN_FEATURES` order."""

    state: StoryState
    features: tuple[float, ...]
    first_probability: float  # same-story probability against the story's first report (for drift)
    words_count: bool  # the story has reports in the article's language, and that language's words are evidence
    join_probability: float = 0.0

    @property
    def story_id(self) -> str:
        return self.state.story.id

    @property
    def evidence(self) -> dict[str, float]:
        named = dict(zip(JOIN_FEATURES, self.features, strict=True))
        return {name: round(value, 3) for name, value in named.items() if not math.isnan(value)}


@dataclass(slots=True)
class StoryState:
    """What the clusterer keeps of a warm story: its record, its place in the indexes, the running sums of its
    members' vectors, and the reports a new article is compared with."""

    story: Story
    index_key: int
    vector_sum: np.ndarray
    first: Analysis
    recent: list[Analysis]
    e5_sum: np.ndarray | None = None  # sum of the members' E5 vectors, for those that have one

    def add_vectors(self, analysis: Analysis) -> None:
        self.vector_sum = self.vector_sum + analysis.embedding
        if analysis.e5_embedding is not None:
            self.e5_sum = analysis.e5_embedding if self.e5_sum is None else self.e5_sum + analysis.e5_embedding

    def e5_cosine(self, analysis: Analysis) -> float:
        """Cosine of the article's E5 vector with the story's E5 centroid; NaN when either has none."""
        if analysis.e5_embedding is None or self.e5_sum is None:
            return math.nan
        return float(np.dot(analysis.e5_embedding, self.e5_sum) / max(float(np.linalg.norm(self.e5_sum)), 1e-12))

    @property
    def representatives(self) -> list[Analysis]:
        """The story's first report and its latest ones: what a new article is judged against."""
        return [self.first] + [a for a in self.recent if a is not self.first]

    @property
    def centroid(self) -> np.ndarray:
        return self.vector_sum / max(float(np.linalg.norm(self.vector_sum)), 1e-12)


def single_report(story: Story) -> bool:
    """The story holds one report (copies of it aside)."""
    return sum(1 for i in story.article_ids if i not in story.duplicates) == 1


def age_key(state: StoryState) -> tuple[bool, datetime, str]:
    """Sort key of stories: dated ones oldest first, then undated ones, each by id."""
    first_seen = state.story.first_seen
    return (first_seen is None, first_seen or datetime.min, state.story.id)


def representative_ids(story: Story) -> list[str]:
    """The reports a restored story is judged by: its first original report and its latest ones."""
    originals = [i for i in story.article_ids if i not in story.duplicates] or story.article_ids
    return list(dict.fromkeys(originals[:1] + originals[-RECENT_REPRESENTATIVES:]))


def story_id_for(article_id: str) -> str:
    """A story is named after its first article, so re-running on the same input gives the same ids."""
    return "s-" + hashlib.sha1(article_id.encode()).hexdigest()[:12]
