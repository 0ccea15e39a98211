"""Quotes: direct quotes by quotation marks, indirect quotes by reporting verbs, each with its speaker.

English uses the dependency parse (subject of the reporting verb, "X quoted Y as saying" chains).
Other languages get direct quotes only, with the nearest named entity in the sentence as speaker.
"""

from __future__ import annotations

import re
from typing import Any

from newsprism.analyze._aliases import alias_key
from newsprism.analyze._nlp import stop_words
from newsprism.types import Entity, Quote, Span

_QUOTED = re.compile(r"\"([^\"]{12,}?)\"|“([^”]{12,}?)”|«([^»]{12,}?)»|„([^“”]{12,}?)[“”]|‘([^’]{25,}?)’")
REPORTING_LEMMAS = frozenset(
    {
        "say",
        "tell",
        "add",
        "state",
        "note",
        "point",
        "confirm",
        "declare",
        "announce",
        "warn",
        "claim",
        "insist",
        "explain",
        "write",
        "tweet",
        "report",
        "argue",
        "stress",
        "emphasize",
        "emphasise",
        "accuse",
        "deny",
        "quote",
        "assert",
        "allege",
        "acknowledge",
        "admit",
        "urge",
        "predict",
        "suggest",
        "contend",
    }
)
# Reporting cues in languages without a parser; used only to pick the speaker near a direct quote.
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "MISC"})


_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


def direct_quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of quotation marks long enough to be a statement."""
    spans = []
    for match in _QUOTED.finditer(text):
        group = next(i for i in range(1, 6) if match.group(i) is not None)
        start, end = match.span(group)
        if len(match.group(group).split()) >= 3:
            spans.append((start, end))
    return spans


def _entity_at(entities: list[Entity], start: int, end: int) -> Entity | None:
    """The entity with a mention inside [start, end), preferring people and organisations."""
    best = None
    for entity in entities:
        if entity.label not in SPEAKER_LABELS:
            continue
        for mention in entity.mentions:
            if start <= mention.start and mention.end <= end:
                rank = 0 if entity.label in ("PERSON", "ORG") else 1
                if best is None or rank < best[0]:
                    best = (rank, entity)
    return best[1] if best else None


def _entity_by_head(entities: list[Entity], phrase: str) -> Entity | None:
    """Resolve "the ministry" to "Russian Foreign Ministry": an entity whose name ends in the phrase's head."""
    words = alias_key(phrase).split()
    if not words:
        return None
    head = words[-1]
    for entity in entities:
        if entity.label in SPEAKER_LABELS and entity.key.split()[-1:] == [head] and len(entity.key.split()) > 1:
            return entity
    return None


def resolve_speaker(phrase: str, start: int, end: int, entities: list[Entity], previous: str) -> tuple[str, str]:
    """Canonical name and key of the speaker named by `phrase` at [start, end); pronouns take the last speaker."""
    if phrase.lower() in _PRONOUNS and previous:
        return previous, alias_key(previous)
    entity = _entity_at(entities, start, end) or _entity_by_head(entities, phrase)
    if entity is not None and entity.label in ("NORP", "GPE") and len(phrase.split()) > 1:
        phrase = _DETERMINER.sub("", phrase)  # "the Turkish military": the speaker is the military, not Turkey
        return phrase, alias_key(phrase)
    if entity is not None:
        return entity.name, entity.key
    return phrase, alias_key(phrase)


def parsed_quotes(doc: Any, offset: int, sentences: list[Span], entities: list[Entity]) -> list[Quote]:
    """Direct and indirect quotes of an English spaCy doc whose text starts at `offset`."""
    quotes: list[Quote] = []
    previous = ""
    text = doc.text  # built anew on every access: read it once
    direct = [(s + offset, e + offset) for s, e in direct_quote_spans(text)]
    for sent in doc.sents:
        s_start, s_end = sent.start_char + offset, sent.end_char + offset
        inside = [(a, b) for a, b in direct if s_start <= a < s_end]
        verb = _reporting_verb(sent, [(a - offset, b - offset) for a, b in inside])
        speaker_phrase, via_phrase, span = _speaker_of(verb, offset) if verb is not None else (None, None, None)
        if speaker_phrase is None and inside:
            speaker_phrase, span = _nearest_outside(sent, offset, inside, entities)
        if speaker_phrase is None and inside and previous:
            speaker_phrase, span = previous, (s_start, s_start)
        if speaker_phrase is None:
            continue
        name, key = resolve_speaker(speaker_phrase, span[0], span[1], entities, previous)
        via = resolve_speaker(via_phrase[0], via_phrase[1], via_phrase[2], entities, "")[0] if via_phrase else ""
        cue = verb.text if verb is not None else ""
        for a, b in inside:
            quotes.append(Quote(a, b, text[a - offset : b - offset], name, key, True, via, cue))
        if not inside and verb is not None:
            content = _content_span(sent, verb, offset)
            if content is not None:
                a, b = content
                quotes.append(Quote(a, b, text[a - offset : b - offset], name, key, False, via, cue))
        previous = name
    return quotes


def _reporting_verb(sent: Any, quoted: list[tuple[int, int]] = ()) -> Any | None:
    """The reporting verb of a sentence ("said", "according to"), never one inside the quoted words."""
    for token in sent:
        if any(a <= token.idx < b for a, b in quoted):
            continue
        lemma = token.lemma_.lower() or token.text.lower()
        has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
        if token.pos_ == "VERB" and lemma in REPORTING_LEMMAS and has_subject:
            return token
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
            return token
    return None


def _speaker_of(verb: Any, offset: int) -> tuple[str | None, tuple[str, int, int] | None, tuple[int, int] | None]:
    """Speaker phrase (and relaying source) of a reporting verb."""
    if verb.lower_ == "according":
        objects = [t for t in verb.doc[verb.i + 1].children if t.dep_ == "pobj"]
        if not objects:
            return None, None, None
        return _phrase(objects[0], offset)[0], None, _phrase(objects[0], offset)[1]
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return None, None, None
    subject, subject_span = _phrase(subjects[0], offset)
    if verb.lemma_ == "quote":
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if objects:
            obj, obj_span = _phrase(objects[0], offset)
            return obj, (subject, *subject_span), obj_span
    return subject, None, subject_span


def _phrase(token: Any, offset: int) -> tuple[str, tuple[int, int]]:
    tokens = [t for t in token.subtree if t.dep_ not in ("punct", "relcl", "acl")]
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    left, right = first.idx, last.idx + len(last.text)
    return token.doc[first.i : last.i + 1].text, (left + offset, right + offset)


def _nearest_outside(sent: Any, offset: int, inside: list[tuple[int, int]], entities: list[Entity]):
    start, end = sent.start_char + offset, sent.end_char + offset
    entity = _entity_at(entities, start, inside[0][0]) or _entity_at(entities, inside[-1][1], end)
    if entity is None:
        return None, None
    return entity.name, (start, end)


def _content_span(sent: Any, verb: Any, offset: int) -> tuple[int, int] | None:
    """The reported content: the clausal complement of the verb, else the sentence without the attribution."""
    clauses = [c for c in verb.children if c.dep_ in ("ccomp", "advcl", "xcomp") and c.i != verb.i]
    for clause in clauses:
        tokens = list(clause.subtree)
        if len(tokens) >= 4:
            left, right = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            return left + offset, right + offset
    return None


def rule_quotes(
    text: str, offset: int, sentences: list[Span], entities: list[Entity], language: str = ""
) -> list[Quote]:
    """Direct quotes for languages without a parser; the speaker is the nearest entity in the sentence, else the
    nearest capitalised word outside the quote that is not a function word ("sagte ein Sprecher": in German the
    speaker is often a role, a noun, which the entity rules do not take for a name)."""
    function_words = stop_words(language) if language else frozenset()
    quotes = []
    for a, b in direct_quote_spans(text):
        a, b = a + offset, b + offset
        sentence = next((s for s in sentences if s.start <= a < s.end), None)
        if sentence is None:
            continue
        quote_text = text[a - offset : b - offset]
        entity = _entity_at(entities, sentence.start, a - 1) or _entity_at(entities, b + 1, sentence.end)
        if entity is not None:
            quotes.append(Quote(a, b, quote_text, entity.name, entity.key, True))
            continue
        speaker = _capitalised_speaker(text, offset, sentence, (a, b), function_words)
        if speaker:
            quotes.append(Quote(a, b, quote_text, speaker, alias_key(speaker), True))
    return quotes


def _capitalised_speaker(
    text: str, offset: int, sentence: Span, quote: tuple[int, int], function_words: frozenset[str]
) -> str | None:
    """The capitalised word nearest the quote in its sentence: the first after it, else the last before it."""
    start, end = max(sentence.start, offset), min(sentence.end, offset + len(text))
    after = text[quote[1] - offset : end - offset]
    before = text[start - offset : quote[0] - offset]
    for words in (_WORD.findall(after), reversed(_WORD.findall(before))):
        for word in words:
            if word[:1].isupper() and len(word) > 1 and word.lower() not in function_words:
                return word
    return None
