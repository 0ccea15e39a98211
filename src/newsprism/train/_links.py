"""Training rows for the link model: pairs of reports that are near each other, labelled by their gold stories.

The review at the end of a batch compares a report with the members of the stories near it, so the rows are
the pairs it would meet: each report with its nearest reports in the MUSE space and, where the E5 encoder ran,
in E5's space. Most of them are of other stories; the near ones of the same topic are what the model must tell
apart.
"""

from __future__ import annotations

import numpy as np

from newsprism.cluster._lexical import LexicalIndex, term_frequencies
from newsprism.cluster._links import link_row, report_vectors
from newsprism.types import Analysis

# Nearest reports per report in each embedding space.
LINK_NEIGHBOURS = 20


def link_rows(analyses: list[Analysis], gold: list[str]) -> tuple[list[list[float]], np.ndarray, list[tuple[str, str]]]:
    """Rows (`LINK_FEATURES` order) of each report with its nearest neighbours, labels (1 = same gold story), and
    the gold stories of both reports of each row (for grouped cross-validation)."""
    lexical = LexicalIndex()
    frequencies = [term_frequencies(a.article.full_text, a.article.language) for a in analyses]
    for terms in frequencies:
        lexical.observe(terms)
    vectors = [report_vectors(a, lexical, terms) for a, terms in zip(analyses, frequencies, strict=True)]
    weights = [lexical.weigh(v.terms) for v in vectors]
    pairs: set[tuple[int, int]] = set()
    spaces = [np.stack([v.muse for v in vectors])]
    if all(v.e5 is not None for v in vectors):
        spaces.append(np.stack([v.e5 for v in vectors]))
    for space in spaces:
        similarity = space @ space.T
        np.fill_diagonal(similarity, -np.inf)
        nearest = np.argsort(-similarity, axis=1)[:, :LINK_NEIGHBOURS]
        pairs.update((min(i, int(j)), max(i, int(j))) for i, row in enumerate(nearest) for j in row)
    rows, labels, groups = [], [], []
    for i, j in sorted(pairs):
        rows.append(link_row(vectors[i], vectors[j], weights[i], weights[j]))
        labels.append(int(gold[i] == gold[j]))
        groups.append((gold[i], gold[j]))
    return rows, np.array(labels), groups
