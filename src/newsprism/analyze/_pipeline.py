"""The analysis recipe: sentences, entities, dates, quotes, facts, labels, style, embeddings.

Title and body are analysed as separate texts (spaCy would otherwise glue the title's last words to the
body's first into one entity); all offsets point into `Article.full_text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

from newsprism.analyze._acronyms import acronym_keys, acronym_mentions
from newsprism.analyze._clauses import parsed_units
from newsprism.analyze._dates import date_refs
from newsprism.analyze._e5 import embed_e5
from newsprism.analyze._embed import embed
from newsprism.analyze._entities import group_mentions, rule_mentions, spacy_mentions, surname_uses
from newsprism.analyze._facts import extract_facts
from newsprism.analyze._framing import find_labels
from newsprism.analyze._nlp import spacy_pipeline
from newsprism.analyze._quotes import parsed_quotes, rule_quotes
from newsprism.analyze._sentences import spans_of, split_sentences
from newsprism.analyze._style import style_profile
from newsprism.analyze._tone import loaded_words
from newsprism.types import Analysis, Article, DateRef, Label, Mention, Span

# spaCy's cost grows with length; past this a body is cut for parsing (embeddings still see the start).
MAX_PARSE_CHARS = 100_000
MAX_SENTENCES_EMBEDDED = 300
ANALYSIS_VERSION = 4
# Languages whose speech verbs and dependency labels the parser-based quote finder knows; a parsed article in any
# other language (French, where its spaCy package is installed) gets the direct quotes of the rules.
PARSED_QUOTE_LANGUAGES = frozenset({"en"})
_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True, kw_only=True)
class AnalyzeOptions:
    """Settings of the analysis stage."""

    use_parser: bool = True
    batch_size: int = 32


def analyze(article: Article, options: AnalyzeOptions | None = None) -> Analysis:
    """Analyse one article."""
    return analyze_many([article], options)[0]


def analyze_many(articles: Sequence[Article], options: AnalyzeOptions | None = None) -> list[Analysis]:
    """Analyse a batch: spaCy and the encoder run over the whole batch at once, which is much faster."""
    options = options or AnalyzeOptions()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsprism-e5") as worker:
        # E5 reads only the article texts and runs in C without the interpreter lock: on a second core it is done
        # by the time spaCy and MUSE are (its vectors are the same; only when they are computed changes).
        e5_vectors = worker.submit(embed_e5, [a.full_text for a in articles])
        parsed = _parse_all(articles, options)
        analyses = [_analyse_one(article, docs) for article, docs in zip(articles, parsed, strict=True)]
        _attach_embeddings(analyses, e5_vectors.result())
    return analyses


def _segments(article: Article) -> list[tuple[str, int]]:
    """(text, offset) of title and body inside the full text."""
    parts = [(article.title, 0)] if article.title else []
    parts.append((article.text[:MAX_PARSE_CHARS], article.body_offset))
    return parts


def _parse_all(articles: Sequence[Article], options: AnalyzeOptions) -> list[list[Any] | None]:
    results: list[list[Any] | None] = [None] * len(articles)
    by_language: dict[str, list[int]] = {}
    for index, article in enumerate(articles):
        if options.use_parser and spacy_pipeline(article.language) is not None:
            by_language.setdefault(article.language, []).append(index)
    for language, indexes in by_language.items():
        nlp = spacy_pipeline(language)
        texts = [text for i in indexes for text, _ in _segments(articles[i])]
        docs = iter(nlp.pipe(texts, batch_size=options.batch_size))
        for i in indexes:
            results[i] = [next(docs) for _ in _segments(articles[i])]
    return results


def _analyse_one(article: Article, docs: list[Any] | None) -> Analysis:
    full = article.full_text
    segments = _segments(article)
    if docs is not None:
        ranges = [
            (s.start_char + off, s.end_char + off)
            for doc, (_, off) in zip(docs, segments, strict=True)
            for s in doc.sents
        ]
        ranges = list(_strip_ranges(full, _split_paragraphs(full, ranges)))
    else:
        ranges = [r for text, off in segments for r in split_sentences(text, off)]
    sentences = spans_of(full, ranges)
    mentions, dates, acronyms = [], [], {}
    for index, (text, offset) in enumerate(segments):
        doc = docs[index] if docs is not None else None
        if doc is not None:
            mentions += spacy_mentions(doc, offset)
            extra = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]
        else:
            mentions += rule_mentions(text, offset, [s.start for s in sentences], article.language)
            extra = []
        dates += date_refs(text, offset, article.language, article.published, extra)
        mentions = _with_acronyms(mentions, acronym_mentions(text, offset))
        acronyms.update(acronym_keys(text))
    mentions += surname_uses(full, mentions)
    entities = group_mentions(mentions, acronyms, text=full)
    dates = _with_sentence(dates, sentences)
    quotes = []
    for index, (text, offset) in enumerate(segments):
        if article.title and index == 0:
            continue  # a headline's ", city says" shortens a statement the body reports with its speaker
        if docs is not None and article.language in PARSED_QUOTE_LANGUAGES:
            quotes += parsed_quotes(docs[index], offset, sentences, entities)
        else:
            quotes += rule_quotes(text, offset, sentences, entities, article.language)
    labels = [label for text, offset in segments for label in find_labels(text, offset, article.language)]
    names = [(m.start, m.end) for e in entities for m in e.mentions]
    words = [
        w
        for index, (text, offset) in enumerate(segments)
        for w in loaded_words(text, offset, article.language, _adjective_starts(docs, index))
    ]
    labels += [w for w in _uncovered(labels, words) if not any(a <= w.start < b for a, b in names)]
    labels.sort(key=lambda label: label.start)
    units = (
        None
        if docs is None
        else [u for doc, (_, off) in zip(docs, segments, strict=True) for u in parsed_units(doc, off)]
    )
    body_start = article.body_offset if article.title else 0
    facts = extract_facts(full, sentences, body_start, entities, dates, units, language=article.language)
    return Analysis(
        article=article,
        sentences=sentences,
        entities=entities,
        dates=dates,
        quotes=quotes,
        facts=facts,
        labels=labels,
        embedding=np.zeros(0, dtype=np.float32),
        sentence_embeddings=np.zeros((0, 0), np.float32),
        style=style_profile(full, sentences, quotes, labels),
        version=ANALYSIS_VERSION,
    )


def _adjective_starts(docs: list[Any] | None, index: int) -> set[int] | None:
    """Where the parser saw adjectives in one segment, or None without a parser."""
    if docs is None:
        return None
    return {token.idx for token in docs[index] if token.pos_ == "ADJ"}


def _uncovered(labels: list[Label], words: list[Label]) -> list[Label]:
    """Loaded words that are not already part of an actor label."""
    return [w for w in words if not any(label.start <= w.start < label.end for label in labels)]


def _split_paragraphs(full: str, ranges: Iterable[tuple[int, int]]) -> Iterable[tuple[int, int]]:
    """A sentence never spans a blank line: spaCy sometimes carries a closing quote into the next paragraph."""
    for start, end in ranges:
        cut = start
        for match in _PARAGRAPH.finditer(full, start, end):
            yield cut, match.start()
            cut = match.end()
        yield cut, end


def _strip_ranges(full: str, ranges: Iterable[tuple[int, int]]) -> Iterable[tuple[int, int]]:
    for start, end in ranges:
        while start < end and full[start].isspace():
            start += 1
        while end > start and full[end - 1].isspace():
            end -= 1
        if end - start >= 2 and any(ch.isalnum() for ch in full[start:end]):
            yield start, end


def _with_sentence(dates: list[DateRef], sentences: list[Span]) -> list[DateRef]:
    out = []
    for ref in dates:
        index = next((i for i, s in enumerate(sentences) if s.start <= ref.start < s.end), -1)
        out.append(DateRef(ref.start, ref.end, ref.text, ref.value, ref.granularity, index))
    return out


def _attach_embeddings(analyses: list[Analysis], e5_vectors: np.ndarray | None) -> None:
    """Embed all documents and sentences of the batch in two MUSE calls; attach the documents' E5 vectors."""
    documents = embed([a.article.full_text for a in analyses])
    sentence_texts = [[s.text for s in a.sentences[:MAX_SENTENCES_EMBEDDED]] for a in analyses]
    flat = embed([t for texts in sentence_texts for t in texts])
    position = 0
    for analysis, document, texts in zip(analyses, documents, sentence_texts, strict=True):
        analysis.embedding = document
        analysis.sentence_embeddings = flat[position : position + len(texts)]
        position += len(texts)
    if e5_vectors is not None:
        for analysis, vector in zip(analyses, e5_vectors, strict=True):
            analysis.e5_embedding = vector


def _with_acronyms(mentions: list[Mention], defined: list[Mention]) -> list[Mention]:
    """The mentions with those of defined acronyms and their names added. A defined name replaces the pieces a
    tagger cut it into ("Road" and "Rail Crews Union"), but never a mention that reaches outside it."""
    for mention in defined:
        inside = [m for m in mentions if mention.start <= m.start and m.end <= mention.end]
        crossing = [m for m in mentions if m.start < mention.end and mention.start < m.end and m not in inside]
        if not crossing:
            mentions = [m for m in mentions if m not in inside] + [mention]
    return mentions
