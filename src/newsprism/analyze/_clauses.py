"""Fact units: the clauses a sentence is made of, each stating one thing.

News sentences pack several facts: "The service, travelling from Leeds to Carlisle with about 140 passengers on
board, left the tracks shortly after 7:30 p.m. as it rounded a bend" gives the route and the passengers (a
participle clause), the derailment and its time (the main clause) and the bend (an adverbial clause). Two reports
rarely pack the same facts into the same sentence, so facts are aligned clause by clause.

With a parse (English, French), every clause head (the main verb, a coordinated verb with content of its own, a
relative, participle, adverbial or reported clause) gives a unit: its words, less the clauses of its own that open or
close it. A clause in the middle of another stays inside it (a unit is one contiguous span). The bare attribution
left when a reported clause is cut away ("the ministry said") is no fact. Without a parse, sentences are cut at
semicolons, colons that open a statement, contrastive conjunctions and relative pronouns after a comma.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

# Dependency labels of clauses that state something of their own.
CLAUSE_LABELS = frozenset({"relcl", "acl", "advcl", "ccomp", "parataxis", "csubj"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# A verb with one of these before the next coordinated verb has said what it says on its own.
_COMPLEMENTS = frozenset({"dobj", "obj", "attr", "acomp", "ccomp", "xcomp", "prep", "dative", "oprd", "obl"})
# Tokens a unit neither starts nor ends with.
_EDGE_POS = frozenset({"PUNCT", "CCONJ", "SCONJ"})
_EDGE_DEPS = frozenset({"punct", "cc", "mark"})
# Verbs whose clause, once the reported content is cut away, is only an attribution.
REPORTING_LEMMAS = frozenset(
    {"say", "tell", "add", "state", "note", "confirm", "declare", "announce", "report", "point", "quote", "write"}
    | {"warn", "claim", "insist", "explain", "argue", "stress", "deny", "believe", "think", "expect", "estimate"}
)
ATTRIBUTION_MAX_WORDS = 10
# Where a sentence carries a second fact in any language: a semicolon, a colon that opens a quotation or a clause,
# or a contrastive conjunction or relative pronoun after a comma ("…, but …", "…, aber …", "…, der …").
_CLAUSE_BREAK = re.compile(
    r";\s+|:\s+(?=[\"“«„‘A-ZÀ-ÖØ-Þ])|,\s+(?=(?:but|yet|while|whereas|although|though|which|who|where|aber|doch|"
    r"während|der|die|das|welche|pero|mientras|aunque|que|quien|donde|mais|tandis|alors|qui|où|ma|mentre|che|ale|"
    r"lecz|jednak|który|która|które|ancak|fakat|ama|но|однако|который|которая)\s)",
    re.IGNORECASE,
)
# A clause split off a sentence must be a statement on its own: at least this many words on either side.
MIN_CLAUSE_WORDS = 4


def parsed_units(doc: Any, offset: int) -> list[tuple[int, int]]:
    """(start, end) offsets into the full text of each clause unit of a parsed text that starts at `offset`."""
    units = set()
    for token in doc:
        if not is_clause_head(token):
            continue
        span = _unit_of(token)
        if span is not None:
            units.add((span[0] + offset, span[1] + offset))
    return sorted(units)


def is_clause_head(token: Any) -> bool:
    """Whether a token heads a clause that states a fact of its own."""
    if token.dep_ == "ROOT":
        return True
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if token.left_edge.lower_ == "to" or any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return False  # an infinitive ("to keep the areas", "to prevent the patrols") completes its head's fact
    if token.dep_ == "conj":
        own_subject = any(c.dep_ in _SUBJECTS for c in token.children)
        head_complete = any(c.dep_ in _COMPLEMENTS and c.i < token.i for c in token.head.children)
        return token.head.pos_ in ("VERB", "AUX") and (own_subject or head_complete)
    if token.dep_ in ("ccomp", "csubj"):
        return token.head.lemma_.lower() in REPORTING_LEMMAS  # "said that …" reports a fact; "allowed … to" is one
    return token.dep_ in CLAUSE_LABELS


def _own_clauses(head: Any) -> Iterator[Any]:
    """The clause heads directly below `head` (not below another clause of it)."""
    for child in head.children:
        if is_clause_head(child):
            yield child
        else:
            yield from _own_clauses(child)


def _unit_of(head: Any) -> tuple[int, int] | None:
    """The clause's span less the clauses of its own that open or close it, or None when nothing is left."""
    doc, inner = head.doc, list(_own_clauses(head))
    low, high = _without_edges(doc, head.left_edge.i, head.right_edge.i)
    trimmed = bool(inner)
    while trimmed and low <= high:
        trimmed = False
        for clause in inner:
            if clause.left_edge.i <= low <= clause.right_edge.i and clause.i != head.i:
                low, trimmed = clause.right_edge.i + 1, True
            if clause.left_edge.i <= high <= clause.right_edge.i and clause.i != head.i:
                high, trimmed = clause.left_edge.i - 1, True
        low, high = _without_edges(doc, low, high)
    attribution = head.lemma_.lower() in REPORTING_LEMMAS and inner and high - low < ATTRIBUTION_MAX_WORDS
    if high < low or attribution:
        return None
    return doc[low].idx, doc[high].idx + len(doc[high].text)


def _without_edges(doc: Any, low: int, high: int) -> tuple[int, int]:
    """The range without punctuation, conjunctions and spaces at either end."""
    while low <= high and (doc[low].pos_ in _EDGE_POS or doc[low].dep_ in _EDGE_DEPS or doc[low].is_space):
        low += 1
    while high >= low and (doc[high].pos_ in _EDGE_POS or doc[high].dep_ in _EDGE_DEPS or doc[high].is_space):
        high -= 1
    return low, high


def rule_units(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence [start, end) of `text` cut where a second statement begins, when both sides are long enough."""
    pieces, cursor = [], start
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        left, right = text[cursor : match.start()], text[match.end() : end]
        if len(left.split()) >= MIN_CLAUSE_WORDS and len(right.split()) >= MIN_CLAUSE_WORDS:
            pieces.append((cursor, match.start()))
            cursor = match.end()
    pieces.append((cursor, end))
    return pieces
