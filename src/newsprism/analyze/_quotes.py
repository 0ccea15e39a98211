"""Quotes: direct quotes by quotation marks, indirect quotes by reporting verbs, each with its speaker.

English uses the dependency parse. A direct quote's speaker is the subject of the reporting verb the quote hangs
from ("…," she said / said Name / Name told Reuters / according to Name), else of a reporting verb next to it in
the sentences it spans (quotes running over several sentences), else of the verb that governs a quoted phrase
(Smith called the plan "a disaster"). A statement with no attribution at all continues the speaker the article
was last talking about. Other languages get direct quotes only, with the nearest named entity as speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from newsprism.analyze._aliases import alias_key
from newsprism.analyze._nlp import stop_words
from newsprism.analyze._quote_marks import (
    STATEMENT_WORDS,
    direct_quote_spans,
    paragraphs,
    quote_spans,
    word_count,
)
from newsprism.analyze._speakers import (
    SPEAKER_LABELS,
    SUBJECT_DEPS,
    Mention,
    Speaker,
    SpeakerMemory,
    SpeakerResolver,
    document_noun,
    subject_of,
    titles_of,
)
from newsprism.analyze._speech import COMPLEMENTISERS, SPEECH_LANGUAGES, SpeechVerb, reported_clause, speech_verbs
from newsprism.types import Entity, Quote, Span

__all__ = ["REPORTING_LEMMAS", "direct_quote_spans", "parsed_quotes", "rule_quotes"]

REPORTING_LEMMAS = frozenset(
    {
        "say", "tell", "add", "state", "note", "point", "confirm", "declare", "announce", "warn", "claim",
        "insist", "explain", "write", "tweet", "report", "argue", "stress", "emphasize", "emphasise", "accuse",
        "deny", "quote", "assert", "allege", "acknowledge", "admit", "urge", "predict", "suggest", "contend",
        "respond", "reply", "continue", "ask", "testify", "recall", "joke", "quip", "complain", "charge",
        "counter", "concede", "observe", "remark", "caution", "vow", "promise", "pledge", "lament", "post",
    }
)  # fmt: skip
# Verbs that put a quoted phrase in someone's mouth without reporting speech: Smith called the plan "a disaster".
NAMING_LEMMAS = frozenset(
    {"call", "describe", "dub", "label", "term", "brand", "dismiss", "refer", "denounce", "decry", "hail"}
)
ANCESTOR_STEPS = 6  # how far up the parse a quote's words look for the verb they hang from
CONTENT_DEPS = frozenset({"ccomp", "advcl", "xcomp"})
INDIRECT_MIN_TOKENS = 4  # a reported clause shorter than this is not a statement ("he said so")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


def parsed_quotes(doc: Any, offset: int, sentences: list[Span], entities: list[Entity]) -> list[Quote]:
    """Direct and indirect quotes of an English spaCy doc whose text starts at `offset`."""
    text = doc.text  # built anew on every access: read it once
    spans = quote_spans(text)
    bounds = list(paragraphs(text))
    resolver = SpeakerResolver(entities, offset)
    people = [ent.root for ent in doc.ents if ent.label_ == "PERSON"]
    context = _Context(doc, text, spans, sentences_of(doc, bounds), bounds, people, resolver, SpeakerMemory())
    quotes: list[Quote] = []
    pending = list(spans)  # each quote is read once, with the sentence where it ends
    for sent in context.sents:
        _note_documents(sent, context)
        mentions = _sentence_mentions(sent, context)
        ending = []
        while pending and pending[0][1] <= sent.end_char + 1:
            ending.append(pending.pop(0))
        for a, b in ending:
            found = _direct_quote(context, (a, b), mentions)
            if found is not None:
                quotes.append(found.moved(offset, text))
                mentions.append((b, Mention(found.speaker, True)))
        if not any(sent.start_char <= b and a < sent.end_char for a, b in spans):
            indirect = _indirect_quote(sent, context, mentions)
            if indirect is not None:
                quotes.append(indirect.moved(offset, text))
        context.memory.remember([m for _, m in mentions])
    return quotes


@dataclass(frozen=True, slots=True)
class _Context:
    """What the quote finder knows of one parsed text while it reads it."""

    doc: Any
    text: str
    spans: list[tuple[int, int]]  # every quotation, in doc characters
    sents: list[Any]
    paragraphs: list[tuple[int, int]]
    people: list[Any]  # head tokens of the parser's PERSON names
    resolver: SpeakerResolver
    memory: SpeakerMemory

    def paragraph(self, position: int) -> tuple[int, int]:
        """(start, end) of the paragraph holding a doc character: attribution never crosses a blank line."""
        index = bisect_right(self.paragraphs, (position, len(self.text) + 1)) - 1
        return self.paragraphs[max(index, 0)]


def sentences_of(doc: Any, bounds: list[tuple[int, int]]) -> list[Any]:
    """The parser's sentences cut at the paragraph `bounds`: spaCy runs a sentence on into the next paragraph when
    the first one ends without a full stop, which would put a quote and the next paragraph's attribution
    together."""
    pieces = []
    beyond = bounds[-1][1] + 1 if bounds else 1
    for sent in doc.sents:
        first = bisect_right(bounds, (sent.start_char, beyond)) - 1
        for start, end in bounds[max(first, 0) :]:
            if start >= sent.end_char:
                break
            piece = doc.char_span(max(start, sent.start_char), min(end, sent.end_char), alignment_mode="expand")
            if piece is not None and len(piece):
                pieces.append(piece)
    return pieces


@dataclass(frozen=True, slots=True)
class _Found:
    """A quote found in doc coordinates, before it becomes a Quote in full-text coordinates."""

    span: tuple[int, int]
    speaker: Speaker
    direct: bool
    via: str
    cue: str
    role: str

    def moved(self, offset: int, text: str) -> Quote:
        a, b = self.span
        speaker = self.speaker
        return Quote(
            a + offset, b + offset, text[a:b], speaker.name, speaker.key, self.direct, self.via, self.cue, self.role
        )


def _sentence_mentions(sent: Any, context: _Context) -> list[tuple[int, Mention]]:
    """Subjects and named people of a sentence outside its quotes, each with its character position, in order."""
    resolver, memory = context.resolver, context.memory
    mentions: list[tuple[int, Mention]] = []
    for token in sent:
        if token.dep_ in SUBJECT_DEPS and not _inside(token, context.spans):
            speaker = resolver.resolve(token, memory, [m for _, m in mentions])
            if speaker is not None:
                mentions.append((token.idx, Mention(speaker, True)))
    subjects = {at for at, _ in mentions}
    for head in (h for h in context.people if sent.start <= h.i < sent.end):
        entity = resolver.entity_at(head.idx + resolver.offset)
        outside = not _inside(head, context.spans) and head.idx not in subjects
        if entity is not None and entity.label == "PERSON" and outside:
            speaker = Speaker(entity.name, entity.key, titles=titles_of(head))
            mentions.append((head.idx, Mention(speaker, False)))
    return sorted(mentions, key=lambda pair: pair[0])


def _note_documents(sent: Any, context: _Context) -> None:
    """Remember who produced each kind of document the sentence names, for a later "the ad says"."""
    for token in sent:
        noun = document_noun(token)
        if noun and not _inside(token, context.spans):
            owner = context.resolver.document_owner(token, context.memory, [])
            if owner is not None:
                context.memory.documents[noun] = owner


def _direct_quote(context: _Context, span: tuple[int, int], mentions: list[tuple[int, Mention]]) -> _Found | None:
    """The quote at `span` with its speaker; a statement without attribution continues the last speaker."""
    resolver, memory = context.resolver, context.memory
    statement = word_count(context.text[span[0] : span[1]]) >= STATEMENT_WORDS
    verb, subject = _attribution(context, span, statement)
    if subject is not None:
        speaker = resolver.resolve(subject, memory, [m for at, m in mentions if at < subject.idx])
    elif statement:
        speaker = memory.recent(None, [m for at, m in mentions if at < span[0]])
    else:
        speaker = None
    if speaker is None:
        return None
    speaker, via = _relay(verb, speaker, context)
    cue = verb.text if verb is not None else ""
    return _Found(span, speaker, True, via, cue, memory.role_of(speaker))


def _attribution(context: _Context, span: tuple[int, int], statement: bool) -> tuple[Any, Any]:
    """(verb, subject) attributing the quote at `span`, or (None, None). A quoted phrase shorter than a statement
    must hang from its verb: a reporting verb elsewhere in the sentence does not make a scare quote a quote."""
    roots = _quote_roots(context.doc, span)
    found = _up_to_verb(roots, context, lambda t: _lemma(t) in REPORTING_LEMMAS)
    if found is None and statement:
        found = _verb_nearby(context, span)
    if found is None:
        governing = NAMING_LEMMAS | REPORTING_LEMMAS
        found = _up_to_verb(roots, context, lambda t: statement or _lemma(t) in governing)
    return found if found is not None else (None, None)


def _quote_roots(doc: Any, span: tuple[int, int]) -> list[Any]:
    """The tokens of a quote whose head lies outside it: where the quote attaches to the sentence."""
    a, b = span
    tokens = doc.char_span(a, b, alignment_mode="expand") or []
    return [t for t in tokens if not a <= t.head.idx < b or t.head.i == t.i]


def _up_to_verb(roots: list[Any], context: _Context, accept) -> tuple[Any, Any] | None:
    """The first accepted verb above the quote, or hanging off it as a parenthesis ("…, Smith said, …"), in the
    quote's paragraph (the parser sometimes hangs a quote paragraph on the previous paragraph's "he added")."""
    if not roots:
        return None
    paragraph = context.paragraph(roots[0].idx)
    for root in roots:
        token = root if root.head.i == root.i else root.head
        for _ in range(ANCESTOR_STEPS):
            for candidate in [token, *(c for c in token.children if c.dep_ == "parataxis")]:
                found = _accepted(candidate, paragraph, context, accept)
                if found is not None:
                    return found
            if token.head.i == token.i:
                break
            token = token.head
    return None


def _accepted(verb: Any, paragraph: tuple[int, int], context: _Context, accept) -> tuple[Any, Any] | None:
    """(verb, subject) when the token is an accepted verb of the paragraph, outside quotes, with a subject."""
    here = paragraph[0] <= verb.idx < paragraph[1] and not _inside(verb, context.spans)
    if not here or verb.pos_ not in ("VERB", "AUX") or not accept(verb):
        return None
    subject = _subject(verb, context)
    return (verb, subject) if subject is not None and not _inside(subject, context.spans) else None


def _verb_nearby(context: _Context, span: tuple[int, int]) -> tuple[Any, Any] | None:
    """The reporting verb (or "according to") nearest the quote in the sentences it spans, outside quotes."""
    a, b = span
    doc, spans = context.doc, context.spans
    left, right = context.paragraph(a)
    sents = [s for s in context.sents if s.start_char <= b and a < s.end_char + 1]
    candidates = [t for s in sents for t in s if left <= t.idx < right and not _inside(t, spans)]
    for token in sorted(candidates, key=lambda t: min(abs(t.idx - b), abs(t.idx - a))):
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
            if objects:
                return token, objects[0]
        elif token.pos_ == "VERB" and _lemma(token) in REPORTING_LEMMAS:
            subject = _subject(token, context)
            if subject is not None and not _inside(subject, spans):
                return token, subject
    return None


def _subject(verb: Any, context: _Context) -> Any | None:
    """The verb's subject, from the verb's own paragraph: a sentence the parser ran across a blank line gives the
    verb a subject from the paragraph before; the first name before the verb in its paragraph stands in."""
    subject = subject_of(verb)
    if subject is None:
        return None
    left, right = context.paragraph(verb.idx)
    if left <= subject.idx < right:
        return subject
    names = [t for t in verb.doc[subject.i : verb.i] if t.idx >= left and (t.pos_ == "PROPN" or t.ent_type_)]
    first = names[0] if names else None
    while first is not None and first.i + 1 < verb.i and first.nbor().pos_ == "PROPN":
        first = first.nbor()
    return first


def _relay(verb: Any, speaker: Speaker, context: _Context) -> tuple[Speaker, str]:
    """(speaker, via): "Interfax quoted the ministry as saying" is the ministry via Interfax, "Smith told
    Reuters" is Smith via Reuters ("told reporters" names no outlet)."""
    if verb is None:
        return speaker, ""
    quoting = _quoting_verb(verb)
    if quoting is not None:
        objects = [c for c in quoting.children if c.dep_ == "dobj"]
        quoted = context.resolver.resolve(objects[0], context.memory, []) if objects else None
        return (quoted, speaker.name) if quoted is not None else (speaker, "")
    if _lemma(verb) == "tell":
        for listener in (c for c in verb.children if c.dep_ in ("dobj", "dative")):
            outlet = _named_organisation(listener, context.resolver)
            if outlet is not None:
                return speaker, outlet.name
    return speaker, ""


def _quoting_verb(verb: Any) -> Any | None:
    """The "quoted" of "X quoted Y as saying", from itself or from its "saying"."""
    if _lemma(verb) == "quote":
        return verb
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and _lemma(verb.head.head) == "quote":
        return verb.head.head
    return None


def _named_organisation(token: Any, resolver: SpeakerResolver) -> Entity | None:
    """The organisation a token names, itself or by apposition ("the news agency APA")."""
    for candidate in [token, *(c for c in token.children if c.dep_ in ("appos", "compound"))]:
        entity = resolver.entity_at(candidate.idx + resolver.offset)
        if entity is not None and entity.label == "ORG":
            return entity
    return None


def _indirect_quote(sent: Any, context: _Context, mentions: list[tuple[int, Mention]]) -> _Found | None:
    """A sentence reporting speech without quotation marks: the reporting verb's clausal complement, or the
    clause that "according to X" is attached to."""
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
            subject = next((c for c in token.nbor().children if c.dep_ == "pobj"), None)
            content = _according_content(token)
        elif token.pos_ == "VERB" and _lemma(token) in REPORTING_LEMMAS:
            subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS), None)
            content = _content_span(token)
        else:
            continue
        if subject is None or content is None:
            continue
        speaker = context.resolver.resolve(subject, context.memory, [m for at, m in mentions if at < subject.idx])
        if speaker is None:
            continue
        speaker, via = _relay(token, speaker, context)
        return _Found(content, speaker, False, via, token.text, context.memory.role_of(speaker))
    return None


def _according_content(according: Any) -> tuple[int, int] | None:
    """The clause "according to X" hangs from, without that phrase, when the phrase opens or closes it."""
    cut = {t.i for t in according.subtree}
    kept = [t for t in according.head.subtree if t.i not in cut and not (t.is_punct or t.is_space)]
    if len(kept) < INDIRECT_MIN_TOKENS or any(a.i + 1 in cut and b.i > a.i + 1 for a, b in pairwise(kept)):
        return None
    return kept[0].idx, kept[-1].idx + len(kept[-1].text)


def _content_span(verb: Any) -> tuple[int, int] | None:
    """The reported content, in doc characters: the clausal complement of the verb, or of "saying" in
    "quoted the ministry as saying that …"."""
    clauses = [c for c in verb.children if c.dep_ in CONTENT_DEPS]
    for relayed in (g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pcomp"):
        clauses += [c for c in relayed.children if c.dep_ in CONTENT_DEPS]
    for clause in clauses:
        tokens = list(clause.subtree)
        if len(tokens) >= INDIRECT_MIN_TOKENS:
            return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return None


def _inside(token: Any, spans: list[tuple[int, int]]) -> bool:
    return any(a <= token.idx < b for a, b in spans)


def _lemma(token: Any) -> str:
    return token.lemma_.lower() or token.lower_


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


def rule_quotes(
    text: str, offset: int, sentences: list[Span], entities: list[Entity], language: str = ""
) -> list[Quote]:
    """Quotes for languages without a parser. A direct quote's speaker is the name nearest the speech verb of its
    sentence (see `_speech`), else the nearest entity in the sentence, else the nearest capitalised word outside
    the quote that is not a function word ("sagte ein Sprecher": in German the speaker is often a role, a noun,
    which the entity rules do not take for a name). Where the speech verbs of the language are known, a speech
    verb that introduces a clause makes an indirect quote of it."""
    function_words = stop_words(language) if language else frozenset()
    marked = [(a + offset, b + offset) for a, b in quote_spans(text)]
    quotes = []
    for a, b in direct_quote_spans(text):
        a, b = a + offset, b + offset
        sentence = next((s for s in sentences if s.start <= a < s.end), None)
        if sentence is None:
            continue
        quote_text = text[a - offset : b - offset]
        said = _verb_speaker(text, offset, _spanned(sentences, sentence, b), (a, b), entities, marked, language)
        if said is not None:
            entity, verb = said
            quotes.append(Quote(a, b, quote_text, entity.name, entity.key, True, cue=verb.text))
            continue
        entity = _entity_at(entities, sentence.start, a - 1) or _entity_at(entities, b + 1, sentence.end)
        if entity is not None:
            quotes.append(Quote(a, b, quote_text, entity.name, entity.key, True))
            continue
        speaker = _capitalised_speaker(text, offset, sentence, (a, b), function_words)
        if speaker:
            quotes.append(Quote(a, b, quote_text, speaker, alias_key(speaker), True))
    if language in COMPLEMENTISERS:
        quotes += _indirect_rule_quotes(text, offset, sentences, entities, marked, language)
    return sorted(quotes, key=lambda q: q.start)


def _spanned(sentences: list[Span], first: Span, end: int) -> Span:
    """The sentences from `first` to the one holding `end`, as one span: a quote may run over several."""
    last = next((s for s in sentences if s.start < end <= s.end), first)
    return Span(first.start, max(first.end, last.end), "") if last.end >= first.end else first


def _verb_speaker(
    text: str,
    offset: int,
    sentence: Span,
    quote: tuple[int, int],
    entities: list[Entity],
    marked: list[tuple[int, int]],
    language: str,
) -> tuple[Entity, SpeechVerb] | None:
    """The name nearest the speech verb nearest the quote, both in the sentence and outside every quotation."""
    if language not in SPEECH_LANGUAGES:
        return None
    start, end = max(sentence.start, offset), min(sentence.end, offset + len(text))
    verbs = [
        SpeechVerb(v.start + offset, v.end + offset, v.text)
        for v in speech_verbs(text, start - offset, end - offset, language)
        if not _within(v.start + offset, marked)
    ]
    if not verbs:
        return None
    verb = min(verbs, key=lambda v: min(abs(v.start - quote[1]), abs(quote[0] - v.end)))
    names = [
        (abs(m.start - verb.start), entity)
        for entity in entities
        if entity.label in SPEAKER_LABELS
        for m in entity.mentions
        if start <= m.start and m.end <= end and not _within(m.start, marked)
    ]
    if not names:
        return None
    return min(names, key=lambda n: (n[0], n[1].label not in ("PERSON", "ORG")))[1], verb


def _indirect_rule_quotes(
    text: str,
    offset: int,
    sentences: list[Span],
    entities: list[Entity],
    marked: list[tuple[int, int]],
    language: str,
) -> list[Quote]:
    """Clauses a speech verb introduces in sentences without quotation marks, with the name before the clause."""
    quotes = []
    for sentence in sentences:
        start, end = max(sentence.start, offset), min(sentence.end, offset + len(text))
        if start >= end or any(a < end and start < b for a, b in marked):
            continue
        for verb in speech_verbs(text, start - offset, end - offset, language):
            clause = reported_clause(text, verb, end - offset, language)
            if clause is None:
                continue
            a, b = clause[0] + offset, clause[1] + offset
            said = _verb_speaker(text, offset, Span(start, a, ""), (verb.start + offset, a), entities, [], language)
            if said is not None:
                entity = said[0]
                quotes.append(Quote(a, b, text[clause[0] : clause[1]], entity.name, entity.key, False, cue=verb.text))
            break
    return quotes


def _within(position: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a character position lies inside one of the spans (`_inside` asks the same of a token)."""
    return any(a <= position < b for a, b in spans)


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
