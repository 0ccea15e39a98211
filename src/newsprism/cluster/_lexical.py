"""Words that a story uses and the rest of the stream does not: TF-IDF over the stream itself.

Within one language, two reports of one event share its rare words (names, places, the odd noun of the event)
far more than any embedding can tell: on AllSides roundups (title and lead only) the TF-IDF cosine ranks a
report's own story first more often than the multilingual embedding does. Document frequencies are counted
online, as the stream arrives, so the weights describe the stream being clustered and need no shipped
vocabulary. Stories keep one term vector each; an inverted index over warm stories finds lexical candidates
without scanning every story.

Document frequencies over a handful of documents cannot tell function words from content ("the" is as rare as
"bridge" in a stream of two), so function words are dropped by language with spaCy's stop-word lists (which
need no model). For a language without such a list the words are taken as evidence only once the stream holds
`MIN_DOCUMENTS` documents, enough for the frequencies themselves to mark the function words.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from newsprism.analyze import lemma, stop_words

_WORD = re.compile(r"\w+", re.UNICODE)
# Scripts written without spaces are cut into character pairs instead of words.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+")
# Terms in more than this share of the stream's documents are too common to find candidates with.
CANDIDATE_MAX_DOCUMENT_SHARE = 0.2
# The heaviest terms of an article that are looked up in the inverted index.
CANDIDATE_TERMS = 25
# A story's term vector keeps only its heaviest terms, so that long stories stay cheap.
STORY_TERMS = 300
# For a language without a stop-word list, words are no evidence below this many documents in the stream.
MIN_DOCUMENTS = 50


def term_frequencies(text: str, language: str = "") -> dict[str, float]:
    """Sub-linear term frequencies (1 + log count) of the lower-cased lemmas of content words (see
    `newsprism.analyze.lemma`: "Regierungen" counts as "regierung"), or character pairs in unspaced scripts; the
    language's function words are left out."""
    skip = stop_words(language) if language else frozenset()
    counts: Counter[str] = Counter()
    for word in _WORD.findall(text):
        if _UNSPACED.fullmatch(word):
            lower = word.lower()
            counts.update(lower[i : i + 2] for i in range(max(len(lower) - 1, 1)))
        elif len(word) > 1 and not word.isdigit() and word.lower() not in skip:
            base = lemma(word, language)
            if base not in skip:
                counts[base] += 1
    return {term: 1.0 + math.log(count) for term, count in counts.items()}


class LexicalIndex:
    """Document frequencies of the stream, and one TF-IDF vector per story, searchable by shared terms."""

    def __init__(self) -> None:
        self.documents = 0
        self._document_frequency: Counter[str] = Counter()
        self._story_counts: dict[int, Counter[str]] = {}
        self._story_weights: dict[int, dict[str, float]] = {}
        self._story_norms: dict[int, float] = {}
        self._postings: defaultdict[str, set[int]] = defaultdict(set)

    def informative(self, language: str) -> bool:
        """Whether words of this language single out a story: its function words are known, or the stream is
        large enough for the document frequencies to find them."""
        return bool(stop_words(language)) or self.documents >= MIN_DOCUMENTS

    def observe(self, terms: Iterable[str]) -> None:
        """Count one more document of the stream (every article, copies included, once)."""
        self.documents += 1
        self._document_frequency.update(set(terms))

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency over the stream so far."""
        return math.log((self.documents + 1) / (self._document_frequency[term] + 1)) + 1.0

    def weigh(self, frequencies: dict[str, float]) -> dict[str, float]:
        """TF-IDF weights of one text, normalised to unit length."""
        weights = {term: tf * self.idf(term) for term, tf in frequencies.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {term: w / norm for term, w in weights.items()}

    def add_to_story(self, key: int, frequencies: dict[str, float]) -> None:
        """Fold one article's terms into a story's vector (re-weighted with the current frequencies)."""
        counts = self._story_counts.setdefault(key, Counter())
        counts.update(frequencies)
        weighted = sorted(((c * self.idf(t), t) for t, c in counts.items()), reverse=True)[:STORY_TERMS]
        self._story_counts[key] = Counter({t: counts[t] for _, t in weighted})
        for term in self._story_weights.get(key, {}):
            self._postings[term].discard(key)
        norm = math.sqrt(sum(w * w for w, _ in weighted)) or 1.0
        self._story_weights[key] = {t: w / norm for w, t in weighted}
        for term in self._story_weights[key]:
            self._postings[term].add(key)

    def remove_from_story(self, key: int, frequencies: dict[str, float]) -> None:
        """Take one article's terms out of a story's vector (a report moved to another story). A story keeps its
        heaviest terms only, so what remains is the story without the report as near as those allow."""
        counts = self._story_counts.get(key)
        if counts is None:
            return
        for term, count in frequencies.items():
            if term in counts:
                counts[term] -= count
                if counts[term] <= 1e-9:
                    del counts[term]
        self._story_counts[key] = Counter()
        self.add_to_story(key, dict(counts))

    def merge_stories(self, keeper: int, other: int) -> None:
        """Give the keeper the other story's terms; the other leaves the index."""
        counts = self._story_counts.get(other, Counter())
        self.remove_story(other)
        if counts:
            self.add_to_story(keeper, dict(counts))

    def remove_story(self, key: int) -> None:
        """A cold or absorbed story leaves the index (its counts are dropped)."""
        for term in self._story_weights.pop(key, {}):
            postings = self._postings.get(term)
            if postings is not None:
                postings.discard(key)
                if not postings:
                    del self._postings[term]
        self._story_counts.pop(key, None)

    def cosine(self, weights: dict[str, float], key: int) -> float:
        """Cosine of an article's weights (from `weigh`) with a story's vector; 0 for a story not indexed."""
        story = self._story_weights.get(key)
        if not story:
            return 0.0
        return sum(w * story.get(t, 0.0) for t, w in weights.items())

    def candidates(self, weights: dict[str, float], count: int) -> list[int]:
        """The stories sharing most of the article's heaviest distinctive terms, best first."""
        limit = max(CANDIDATE_MAX_DOCUMENT_SHARE * self.documents, 2)
        distinctive = [t for t in weights if self._document_frequency[t] <= limit]
        scores: Counter[int] = Counter()
        for term in sorted(distinctive, key=weights.__getitem__, reverse=True)[:CANDIDATE_TERMS]:
            for key in self._postings.get(term, ()):
                scores[key] += weights[term] * self._story_weights[key][term]
        return [key for key, _ in scores.most_common(count)]
