"""How surely two reports belong to one story, from what the clusterer keeps of every report: its words and its
two document vectors.

The online clusterer judges an article against a story's first and latest reports with the full pairwise
evidence, one article at a time, and never goes back. To look back over a batch (`_refine`), every report is
compared with every member of the stories near it, which full pair features would make too dear and would need
every analysis kept in memory. The link model needs only what `ReportVectors` holds: the TF-IDF cosine of the
two texts' words (weighted by the stream's own document frequencies), and the cosines of their MUSE and E5
document vectors. On AllSides training stories, a report's mean link to the members of a story separates its
own story from the others about as well with these three as with the same-story probability added.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np

from newsprism.cluster._join import EvidenceModel, load_evidence_model
from newsprism.cluster._lexical import LexicalIndex, term_frequencies
from newsprism.models import MODEL_FILES, REPORT_LINK
from newsprism.types import Analysis

MODEL_RESOURCE = MODEL_FILES[REPORT_LINK]
LINK_FEATURES = ("lexical_cosine", "muse_cosine", "e5_cosine")
# A report keeps its heaviest terms only (by TF-IDF when it is placed): the link needs the distinctive words,
# and a batch of undated reports keeps every report's vectors until the batch ends.
LINK_TERMS = 80


class LinkModel(EvidenceModel):
    """Probability that two reports belong to one story (features `LINK_FEATURES`)."""

    FEATURES = LINK_FEATURES
    LEXICAL_FEATURE = "lexical_cosine"
    E5_FEATURE = "e5_cosine"
    KIND = "link model"


def load_link_model(path: str | Path | None = None) -> LinkModel:
    """The shipped link model (or one at `path`), loaded once per process."""
    return load_evidence_model(LinkModel, MODEL_RESOURCE, path)


@dataclass(frozen=True, slots=True)
class ReportVectors:
    """What a report needs to be linked to others, and what its story's record needs if it moves."""

    article_id: str
    outlet: str
    language: str
    published: datetime | None
    muse: np.ndarray
    e5: np.ndarray | None
    terms: dict[str, float]  # term frequencies of the heaviest `LINK_TERMS` terms


def report_vectors(analysis: Analysis, lexical: LexicalIndex, terms: dict[str, float] | None = None) -> ReportVectors:
    """The vectors of one report; `terms` are its term frequencies when already counted."""
    article = analysis.article
    frequencies = terms if terms is not None else term_frequencies(article.full_text, article.language)
    heaviest = sorted(frequencies, key=lambda t: -frequencies[t] * lexical.idf(t))[:LINK_TERMS]
    return ReportVectors(
        article.id,
        article.outlet,
        article.language,
        article.published,
        analysis.embedding,
        analysis.e5_embedding,
        {t: frequencies[t] for t in heaviest},
    )


def link_row(
    a: ReportVectors, b: ReportVectors, weights_a: dict[str, float], weights_b: dict[str, float]
) -> list[float]:
    """One row in `LINK_FEATURES` order; `weights_*` are the reports' TF-IDF weights (`LexicalIndex.weigh`)."""
    small, large = (weights_a, weights_b) if len(weights_a) <= len(weights_b) else (weights_b, weights_a)
    lexical = sum(w * large.get(t, 0.0) for t, w in small.items())
    e5 = float(np.dot(a.e5, b.e5)) if a.e5 is not None and b.e5 is not None else math.nan
    return [lexical, float(np.dot(a.muse, b.muse)), e5]


def words_count(a: ReportVectors, b: ReportVectors, lexical: LexicalIndex) -> bool:
    """Words are evidence between two reports of one language whose function words are known (see
    `LexicalIndex.informative`)."""
    return bool(a.language) and a.language == b.language and lexical.informative(a.language)
