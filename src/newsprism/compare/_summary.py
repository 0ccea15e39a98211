"""A neutral extractive summary in which every sentence cites exactly the reports that state its fact.

Citations come from the alignment, never from the sentence's wording: a shared fact cites the reports whose facts
were aligned with it (when the alignment is sure), a fact only one report gives cites that report alone, and a fact
the reports give with different values stays out (the conflicts section gives each value with its source).
For each shared fact the least loaded wording is chosen, and ties go to the report quoted least so far, so the
summary draws on every report rather than on the plainest one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from newsprism.compare._align import FactGroup, FactRef
from newsprism.types import Analysis, SummarySentence

SHARED_SENTENCES = 5
# A shared fact cites every report of its group only when aligned at least this surely; below, the sentence cites
# the report it is taken from (a citation left out misleads less than one given wrongly).
CITE_ALL_MIN_SCORE = 0.9
# Conflicting facts are left out of the summary: the conflicts section gives them with each value and its source,
# and a summary sentence that chose one value, or both, would take a side or cite a report for a value it denies.
# Facts only one report gives fill the summary up to this many sentences, taken from each report in turn.
SUMMARY_SENTENCES = 8
_QUOTE_MARKS = '"“”«»„'


def _loadedness(ref: FactRef, analyses: list[Analysis]) -> int:
    return sum(
        1 for label in analyses[ref.article].labels if label.loaded and ref.fact.start <= label.start < ref.fact.end
    )


def _overlaps(ref: FactRef, chosen: list[FactRef]) -> bool:
    return any(
        ref.article == other.article and ref.fact.start < other.fact.end and other.fact.start < ref.fact.end
        for other in chosen
    )


def _sentence_of(ref: FactRef, analyses: list[Analysis]) -> FactRef:
    """The whole sentence a fact belongs to, as a reference that blocks every other clause of it."""
    sentences = analyses[ref.article].sentences
    if not 0 <= ref.fact.sentence < len(sentences):
        return ref
    sentence = sentences[ref.fact.sentence]
    start, end = min(sentence.start, ref.fact.start), max(sentence.end, ref.fact.end)
    return FactRef(ref.article, replace(ref.fact, start=start, end=end, text=sentence.text))


def cited_summary(analyses: list[Analysis], groups: list[FactGroup]) -> list[SummarySentence]:
    """Shared facts, then conflicting ones with both values, then facts only one report gives, each with the
    reports that state it."""
    uses: Counter[int] = Counter()
    # Facts bound up with a contested statement (any clause of a sentence whose figure the reports dispute) are left
    # to the conflicts section as well.
    chosen: list[FactRef] = [_sentence_of(m, analyses) for g in groups if g.conflict is not None for m in g.members]
    rows = []
    stated_by = _stated_by(groups)
    shared = [g for g in groups if len(g.articles) > 1 and g.conflict is None]
    for group in sorted(shared, key=lambda g: -g.score):
        ref = min(group.members, key=lambda r: (_loadedness(r, analyses), uses[r.article], len(r.fact.text)))
        if len(rows) < SHARED_SENTENCES and not any(_overlaps(m, chosen) for m in group.members):
            cited = group.articles if group.score >= CITE_ALL_MIN_SCORE else [ref.article]
            if not _inner_facts_stated_by(ref, cited, analyses, stated_by):
                cited = [ref.article]
            rows.append(_row(ref, cited, ref.fact.text))
            chosen += group.members
            uses[ref.article] += 1
    rows.sort(key=lambda r: (r.from_article, r.start))
    rows += _unique_rows(analyses, groups, chosen, SUMMARY_SENTENCES - len(rows))
    return rows


def _stated_by(groups: list[FactGroup]) -> dict[tuple[int, int, int], set[int]]:
    """For each fact (article, start, end) in a shared group, the reports that state it; a fact in no shared group
    is stated by its own report alone."""
    stated: dict[tuple[int, int, int], set[int]] = {}
    for group in groups:
        if group.conflict is None:
            for member in group.members:
                stated.setdefault((member.article, member.fact.start, member.fact.end), set()).update(group.articles)
    return stated


def _inner_facts_stated_by(
    ref: FactRef, cited: list[int], analyses: list[Analysis], stated_by: dict[tuple[int, int, int], set[int]]
) -> bool:
    """Whether every fact nested inside a sentence ("Flight SV412, a jet that had left Lisbon four hours earlier,
    landed in Dublin") is stated by all the reports the sentence would cite: a clause only one report gives makes
    the whole sentence that report's alone."""
    fact = ref.fact
    for inner in analyses[ref.article].facts:
        nested = (
            fact.start <= inner.start and inner.end <= fact.end and (inner.start, inner.end) != (fact.start, fact.end)
        )
        if nested and not set(cited) <= stated_by.get((ref.article, inner.start, inner.end), {ref.article}):
            return False
    return True


def _unique_rows(
    analyses: list[Analysis], groups: list[FactGroup], chosen: list[FactRef], room: int
) -> list[SummarySentence]:
    """Plain facts (no quotation, no loaded word) only one report gives, earliest first, from each report in turn."""
    queues = {i: [] for i in range(len(analyses))}
    for group in groups:
        ref = group.members[0]
        if len(group.articles) == 1 and group.conflict is None and _is_plain(ref, analyses):
            queues[ref.article].append(ref)
    for queue in queues.values():
        queue.sort(key=lambda r: r.fact.start)
    rows = []
    while room > 0 and any(queues.values()):
        for queue in queues.values():
            while queue and room > 0:
                ref = queue.pop(0)
                if not _overlaps(ref, chosen):
                    rows.append(_row(ref, [ref.article], ref.fact.text))
                    chosen.append(ref)
                    room -= 1
                    break
    return rows


def _is_plain(ref: FactRef, analyses: list[Analysis]) -> bool:
    return _loadedness(ref, analyses) == 0 and not any(mark in ref.fact.text for mark in _QUOTE_MARKS)


def _row(ref: FactRef, articles: list[int], text: str) -> SummarySentence:
    return SummarySentence(text, sorted(articles), ref.article, ref.fact.start, ref.fact.end)
