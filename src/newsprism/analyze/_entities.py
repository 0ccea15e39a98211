"""Named entities: spaCy where a model ships for the language, capitalised-span rules elsewhere.

Mentions inside one article are grouped by alias key into entities; acronyms the article defines
("Hayat Tahrir al-Sham (HTS)") join the entity they abbreviate, and a surname alone ("Alvarez") joins the one
person of the text whose full name ends with it ("Maria Alvarez").

An entity gets one type from all its mentions. The tagger labels each mention from a few words around it, and a
name keeps its label from sentence to sentence whether right or wrong, so a count of its labels is weak evidence;
cues that say what a name is outrank that count: a title before it ("Mayor Elena Marsh"), a word that ends it
("Popular Front", "Brennock Shipping Ltd."), an appositive ("Hurras al-Din, a group that split from …"), a
place word beside it ("the Valeport council", "north of Idlib"), a country it names, and its being the surname
of a person named in full.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from newsprism.analyze._aliases import CORPORATE_SUFFIXES, alias_key, keys_match
from newsprism.analyze._german import ADJECTIVE, COMMON_NOUN, PROPER_NOUN, german_tags
from newsprism.analyze._nlp import stop_words
from newsprism.analyze._places import CASELESS_SCRIPTS, gazetteer_spans, resolve_place
from newsprism.types import Entity, Mention

SPACY_LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "NORP": "NORP",
    "FAC": "LOC",
    "EVENT": "EVENT",
    "LAW": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "PER": "PERSON",
    "MISC": "MISC",
}
PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_TRAILING = re.compile(r"(?:['’]s|['’])$")
# Upper-case letters of the Latin, Greek and Cyrillic blocks (a range like Ā-ſ would also take "ź" and "ż").
_UPPER = "A-Z" + "".join(chr(c) for c in range(0xC0, 0x530) if chr(c).isupper() and chr(c).isalpha())
# Capitalised runs, allowing name particles inside: "Hurras al-Din", "Ludwig van Beethoven".
_CAPITALISED_RUN = re.compile(
    rf"\b[{_UPPER}][\w'’\-]*(?:\s+(?:(?:al|el|ad|as|bin|ibn|van|von|der|de|del|da|di|du|la|le)[\s\-]+)?"
    rf"[{_UPPER}][\w'’\-]*)*"
)
_RUN_WORD = re.compile(r"[\w'’\-]+")
# Languages that capitalise every noun: a lone capitalised word there is no sign of a name.
NOUN_CAPITALISING = frozenset({"de", "lb"})
# Languages whose proper nouns a tagger marks (`_german`): their names come from its tags, not from capitals.
TAGGED_PROPER_NOUNS = frozenset({"de"})
# Languages that attach case suffixes to names after an apostrophe (Turkish "Ankara'da", "İtalya'nın").
APOSTROPHE_SUFFIXES = frozenset({"tr", "az"})
_APOSTROPHE_SUFFIX = re.compile(r"['’][^\W\d_]+")

# A surname right next to another capitalised word belongs to another name ("Farrow Street", "Anna Farrow").
_NAME_NEIGHBOUR = re.compile(r"[ \t]+[A-Z]")
_NAME_BEFORE = re.compile(r"[A-Z][\w'’-]*[ \t]+$")
# Shorter last words ("Li", "Ng") are too often other things to be found on their own.
MIN_SURNAME_CHARS = 3

# Type cues. A place cue argues for whichever place label the tagger gave the name (GPE when it gave none).
PLACE = "PLACE"
# How far around a mention its context cues are looked for, in characters.
CUE_WINDOW = 80
# Last words that make a name an organisation's: "Popular Front", "Northern Rail Authority", "Acme Ltd.". Not "bank"
# or "union": the West Bank and the Soviet Union are places.
ORG_NAME_WORDS = frozenset(
    [
        "group",
        "groups",
        "party",
        "ministry",
        "council",
        "front",
        "army",
        "brigade",
        "brigades",
        "battalion",
        "regiment",
        "corps",
        "militia",
        "forces",
        "company",
        "corporation",
        "association",
        "authority",
        "agency",
        "committee",
        "commission",
        "movement",
        "organisation",
        "organization",
        "institute",
        "federation",
        "league",
        "alliance",
        "coalition",
        "police",
        "parliament",
        "government",
        "department",
        "foundation",
        "bureau",
        "directorate",
        "network",
        "inc",
        "ltd",
        "co",
        "corp",
        "llc",
        "plc",
        "gmbh",
        "ag",
        "limited",
        "incorporated",
    ]
)
_LAST_WORD = re.compile(r"([^\W\d_]+)[\W\d_]*$")
# A capitalised title right before a name, on the same line: "Mayor Elena Marsh", "Mr. Alvarez". Only abbreviations
# take a full stop ("… as their head coach. KCB will …" is no title), and lower-case words are not titles
# ("press secretary SPRINGFIELD, Illinois" is a dateline).
_TITLE_BEFORE = re.compile(
    r"(?<![\w.])(?:(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sen|Rep|Gov|Gen|Col|Capt|Lt|Sgt|Rev|Supt|Insp)\.?|Miss|Professor|Mayor"
    r"|President|Senator|Representative|Governor|Minister|Premier|Chancellor|Judge|Justice|General|Colonel|Captain"
    r"|Lieutenant|Sergeant|Commander|Admiral|Sir|Dame|Lord|Lady|Reverend|Sheikh|King|Queen|Prince|Princess|Pope"
    r"|Councillor|Councilor|Commissioner|Ambassador|Secretary|Chairman|Chairwoman|Inspector|Detective|Officer"
    r"|Coach|Bishop|Archbishop|Imam|Rabbi|Speaker|Deputy|Chief)[ \t\u00a0]+$"
)
# The same in other languages, where titles are often lower-case ("el presidente Pedro Sánchez", "la ministre") and
# German compounds end in the title ("Bundeskanzlerin Angela Merkel", "Regierungssprecher Steffen Seibert").
_FOREIGN_TITLE_BEFORE = re.compile(
    r"(?<![.])\b(?:\w*(?:kanzler|minister|präsident|chef|sprecher|sekretär|bürgermeister)(?:in)?|Herr|Frau"
    r"|president[ae]|ministr[oa]|portavoz|secretari[oa]|alcalde(?:sa)?|président(?:e)?|ministre|porte-parole|maire"
    r"|M\.|Mme|prezydent|premier|ministra|rzeczni(?:k|czka)|burmistrz|Cumhurbaşkanı|Başbakan|Bakan[ıi]?|Sözcüsü)"
    r"[ \t\u00a0]+$",
    re.IGNORECASE,
)
_ORG_NOUNS = (
    r"group|groups|organi[sz]ation|party|militia|movement|faction|company|firm|corporation|conglomerate"
    r"|manufacturer|agency|ministry|council|committee|coalition|alliance|front|army|brigade|network|outfit"
    r"|association|union|charity|newspaper|subsidiary"
)
# "Hurras al-Din, a group that split …", "Tahrir al-Sham, an umbrella group comprised of …": the noun must head
# the appositive ("Alvarez, a group leader" and "Alvarez, a member of the group" are people).
_ORG_APPOSITIVE = re.compile(
    r"^\s*[,(–—]\s*(?:a|an|the)\s+(?:(?!(?:of|the|a|an|for|from|in|at|with|and|or)\b)[\w'’-]+\s+){0,3}?"
    rf"(?:{_ORG_NOUNS})(?=\s*(?:[,.;:)–—]|$)|\s+(?:that|which|whose|of|in|with|from|for|led|comprised|consisting"
    r"|founded|formed|based|linked|allied|backed|affiliated|known|active|fighting|operating|headquartered|listed"
    r"|owned|run|designated|accused|responsible)\b)",
    re.IGNORECASE,
)
# "the militant group Hurras al-Din", "the company Brennock Shipping".
_ORG_BEFORE = re.compile(
    r"\b(?:group|groups|militia|movement|faction|organi[sz]ation|company|firm|party|brigade|network|outfit"
    r"|coalition|alliance)\s+$",
    re.IGNORECASE,
)
# "the Valeport council", "Valeport city council", "the Idlib region", "an Idlib-based group".
_PLACE_AFTER = re.compile(
    r"^(?:-based\b|\s+(?:(?:city|town|county|district|borough)\s+)?(?:council|councils|city|town|village|county"
    r"|borough|municipality|district|province|region|area|residents|mayor|neighbou?rhood|suburb|valley)\b(?!['’]))",
    re.IGNORECASE,
)
# "the mayor of Valeport", "north of Idlib". Not "near" or "outside", which take buildings and firms too, nor
# "capital of" ("the share capital of No Gravity Development").
_PLACE_BEFORE = re.compile(
    r"\b(?:town|city|village|county|borough|municipality|district|province|region|mayor|residents|outskirts"
    r"|suburbs?|centre|center|edge|(?:north|south)(?:east|west)?|east|west)\s+of\s+$",
    re.IGNORECASE,
)


def spacy_mentions(doc: Any, offset: int) -> list[Mention]:
    """Mentions from a spaCy doc whose text starts at `offset` of the article's full text."""
    mentions = []
    text = doc.text  # built anew on every access: read it once
    for ent in doc.ents:
        label = SPACY_LABELS.get(ent.label_)
        if label is None:
            continue
        mention = _trimmed_mention(text, ent.start_char, ent.end_char, label, offset)
        if mention is not None:
            mentions.append(mention)
    return mentions


def rule_mentions(text: str, offset: int, sentence_starts: Iterable[int], language: str = "") -> list[Mention]:
    """Capitalised spans as entity mentions, for languages without a statistical model.

    A capitalised word that opens a sentence is kept only when the gazetteer knows it or the same word
    appears capitalised elsewhere in the text; otherwise it is just the first word of a sentence. Function words
    of the language ("Un", "Ist", "Мы") are never names, and lead no name ("Bei der Impfstoffsuche"). Where
    every noun is capitalised (German), a single capitalised word is a name only when it is a known place, an
    acronym, or the last word of a longer name in the same text ("Cuomo" after "Andrew Cuomo"). Scripts
    without capitals (Chinese, Arabic, …) get the place names the gazetteer finds in them, and nothing else.
    """
    if language in CASELESS_SCRIPTS:
        found = (_trimmed_mention(text, start, end, "GPE", offset) for start, end in gazetteer_spans(text, language))
        return [m for m in found if m is not None]
    function_words = stop_words(language) if language else frozenset()
    starts = {s - offset for s in sentence_starts}
    runs = [_without_suffix(text, *run.span(), language) for run in _CAPITALISED_RUN.finditer(text)]
    tags = german_tags(text) if language in TAGGED_PROPER_NOUNS else None
    if tags is not None:
        return _tagged_mentions(text, offset, runs, tags, starts)
    surnames = set()
    for start, end in runs:
        content = _after_function_words(text, start, end, function_words)
        if content is not None and len(text[content:end].split()) > 1:
            surnames.add(text[content:end].split()[-1])
    # Words seen capitalised inside a sentence, or as the last word of a longer name, are names anywhere.
    inner_words = {text[start:end].split()[0] for start, end in runs if start not in starts} | surnames
    mentions = []
    for start, end in runs:
        if start in starts and text[start:end].split()[0] not in inner_words:
            first_end = start + len(text[start:end].split()[0])
            if resolve_place(text[start:first_end]) is None:
                start = _next_word_start(text, first_end, end)
                if start is None:
                    continue
        start = _after_function_words(text, start, end, function_words)
        if start is None:
            continue
        surface = text[start:end]
        place = resolve_place(surface)
        lone_noun = language in NOUN_CAPITALISING and " " not in surface and place is None
        if lone_noun and not (surface.isupper() and len(surface) > 1) and surface not in surnames:
            continue
        mention = _trimmed_mention(text, start, end, "GPE" if place else "MISC", offset)
        if mention is not None and len(mention.text) > 1:
            mentions.append(mention)
    return mentions


def _tagged_mentions(
    text: str, offset: int, runs: list[tuple[int, int]], tags: dict[int, str], starts: set[int]
) -> list[Mention]:
    """Mentions from capitalised runs cut down to the words a part-of-speech tagger takes for a name."""
    mentions = []
    for start, end in runs:
        span = _name_within(text, start, end, tags, starts)
        if span is None:
            continue
        label = "GPE" if resolve_place(text[span[0] : span[1]]) else "MISC"
        mention = _trimmed_mention(text, *span, label, offset)
        if mention is not None and len(mention.text) > 1:
            mentions.append(mention)
    return mentions


def _name_within(text: str, start: int, end: int, tags: dict[int, str], starts: set[int]) -> tuple[int, int] | None:
    """The part of a capitalised run that names something: from its first proper noun (or acronym) to its last,
    taking a capitalised adjective just before them in ("Bundeskanzlerin Angela Merkel" → "Angela Merkel",
    "Europäische Zentralbank EZB"). Without a proper noun, a capitalised adjective and the common nouns after it
    name an institution ("Deutsche Bahn", "Vereinte Nationen") unless the adjective opens a sentence, where any
    word is capitalised. None when no word of the run is part of a name."""
    words = list(_RUN_WORD.finditer(text, start, end))
    marks = [tags.get(w.start(), "") for w in words]
    named = [i for i, w in enumerate(words) if marks[i] == PROPER_NOUN or (w.group().isupper() and len(w.group()) > 1)]
    if named:
        first, last = named[0], named[-1]
        while first > 0 and marks[first - 1] == ADJECTIVE:
            first -= 1
        return words[first].start(), words[last].end()
    adjective = next((i for i, mark in enumerate(marks) if mark == ADJECTIVE), None)
    if adjective is None or words[adjective].start() in starts:
        return None
    nouns = [i for i in range(adjective + 1, len(words)) if marks[i] == COMMON_NOUN]
    return (words[adjective].start(), words[nouns[-1]].end()) if nouns else None


def _after_function_words(text: str, start: int, end: int, function_words: frozenset[str]) -> int | None:
    """Where the run's first word that is not a function word begins; None when every word is one."""
    for word in _RUN_WORD.finditer(text, start, end):
        if word.group().lower() not in function_words:
            return word.start()
    return None


def _without_suffix(text: str, start: int, end: int, language: str) -> tuple[int, int]:
    """The run without a case suffix set off by an apostrophe ("İtalya'dan" → "İtalya") in languages that
    write them so."""
    if language in APOSTROPHE_SUFFIXES:
        suffix = _APOSTROPHE_SUFFIX.search(text, start, end)
        if suffix is not None and suffix.end() == end:
            return start, suffix.start()
    return start, end


def _next_word_start(text: str, position: int, end: int) -> int | None:
    while position < end and not text[position].isalpha():
        position += 1
    return position if position < end and text[position].isupper() else None


def _trimmed_mention(text: str, start: int, end: int, label: str, offset: int) -> Mention | None:
    surface = text[start:end]
    if "(" in surface and ")" not in surface:  # "Teachers' Association (WTA": the bracket opens another name
        end = start + surface.index("(")
        surface = text[start:end].rstrip()
        end = start + len(surface)
    lead = _LEADING.match(surface)
    if lead:
        start += lead.end()
    trail = _TRAILING.search(text[start:end])
    if trail:
        end -= len(trail.group())
    surface = text[start:end].strip()
    if not surface or "\n" in surface or not any(ch.isalpha() for ch in surface):
        return None
    key = alias_key(surface)
    if not key:
        return None
    return Mention(start + offset, start + offset + len(surface), surface, label, key)


def group_mentions(mentions: list[Mention], acronyms: dict[str, str], text: str | None = None) -> list[Entity]:
    """Group an article's mentions into entities; the longest spelling names the entity.

    `text` is the article's full text, which the mentions' offsets point into; without it the type of an entity
    is decided without the cues around its mentions.
    """
    groups = _groups_by_key(mentions, acronyms)
    labels = [entity_label([(group, text)], group[0].text) for group in groups]
    _join_surnames(groups, labels, text)
    entities = []
    for group, label in zip(groups, labels, strict=True):
        if not group:
            continue
        head = group[0]
        ordered = tuple(sorted(group, key=lambda m: m.start))
        place = resolve_place(head.text) if label in PLACE_LABELS or label == "MISC" else None
        entities.append(Entity(head.text, label, head.key, ordered, place.country if place else None))
    return sorted(entities, key=lambda e: e.mentions[0].start)


def _groups_by_key(mentions: list[Mention], acronyms: dict[str, str]) -> list[list[Mention]]:
    """Mentions whose keys match, longest key first in each group."""
    groups: list[list[Mention]] = []
    for mention in sorted(mentions, key=lambda m: -len(m.key)):
        key = acronyms.get(mention.key, mention.key)
        for group in groups:
            if _compatible(group[0], mention) and keys_match(group[0].key, key):
                group.append(mention)
                break
        else:
            groups.append([mention])
    return groups


def _join_surnames(groups: list[list[Mention]], labels: list[str], text: str | None) -> None:
    """Move each lone surname into the one person of the text named in full with it, in place.

    Two people who share the surname leave it alone: the text does not say which of them it means.
    """
    owners = {i: person_surnames(group) for i, group in enumerate(groups) if labels[i] == "PERSON"}
    untyped = {i: person_surnames(group) for i, group in enumerate(groups) if may_be_person(group, labels[i], text)}
    for index, group in enumerate(groups):
        if len(group[0].key.split()) != 1 or owners.get(index) or untyped.get(index):
            continue
        evidence = label_evidence(group, text) if text is not None else Counter()
        said_person = labels[index] == "PERSON" or evidence["PERSON"] > 0
        candidates = {**owners, **untyped} if said_person else owners
        matches = [i for i, surnames in candidates.items() if group[0].key in surnames]
        if len(matches) == 1 and could_be_surname(labels[index], group[0].text, evidence):
            owner = matches[0]
            groups[owner].extend(group)
            groups[index] = []
            labels[owner] = entity_label([(groups[owner], text)], groups[owner][0].text)


def surname_uses(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Mentions of each stand-alone use of a person's surname that no tagger marked ("… talks failed. Farrow said
    …"), for the surnames of people named in full in `text`; a surname two people share is left alone."""
    owners: dict[str, set[str]] = {}
    for mention in mentions:
        words = mention.text.split()
        if mention.label == "PERSON" and len(words) >= 2 and len(words[-1]) >= MIN_SURNAME_CHARS:
            owners.setdefault(_TRAILING.sub("", words[-1]), set()).add(mention.key)
    found = []
    for surname, keys in owners.items():
        if len({k.split()[0] for k in keys}) > 1 or not surname[:1].isupper():
            continue
        for use in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
            start, end = use.span()
            if any(m.start < end and start < m.end for m in mentions) or _NAME_NEIGHBOUR.match(text, end):
                continue
            if _NAME_BEFORE.search(text[max(0, start - 40) : start]):
                continue
            found.append(Mention(start, end, surname, "PERSON", alias_key(surname)))
    return found


def may_be_person(mentions: Sequence[Mention], label: str, text: str | None) -> bool:
    """Whether a name the tagger typed otherwise may still be a person's full name: two or three capitalised words,
    no organisation word in it and no cue around it for another type. A lone surname that the text treats as a
    person ("Pollard said her team …") then settles it."""
    if label == "PERSON" or label in PLACE_LABELS or not mentions:
        return False
    if not _person_shaped(mentions[0]):
        return False
    evidence = label_evidence(mentions, text) if text is not None else Counter()
    return not any(cue != "PERSON" for cue in evidence)


def person_surnames(mentions: Iterable[Mention]) -> set[str]:
    """Keys of the last words of the full names among a person's mentions."""
    return {m.key.split()[-1] for m in mentions if len(m.key.split()) >= 2}


def could_be_surname(label: str, name: str, evidence: Counter[str]) -> bool:
    """Whether a lone word may stand for a person named in full: not when cues around it say it is something else,
    nor when the tagger calls it a place and it names a country ("Jordan" beside "Michael Jordan")."""
    if any(cue != "PERSON" for cue in evidence):
        return False
    place = resolve_place(name) if label in PLACE_LABELS else None
    return place is None or place.latitude is not None


def entity_label(parts: Iterable[tuple[Sequence[Mention], str | None]], name: str) -> str:
    """One type for an entity from all its mentions: `parts` holds the mentions of each text with that text.

    Cues decide when there are any (the type most of them argue for, the tagger's count breaking ties); only
    without cues does the tagger's most frequent label decide.
    """
    votes: Counter[str] = Counter()
    evidence: Counter[str] = Counter()
    every: list[Mention] = []
    for mentions, text in parts:
        votes.update(m.label for m in mentions if m.label != "MISC")
        evidence += label_evidence(mentions, text)
        every += mentions
    evidence += surname_evidence(every)
    # A country or a nationality, whatever the tagger said; not an acronym ("FAS" is Morocco in Turkish).
    place = None if name.isupper() else resolve_place(name)
    if place is not None and place.latitude is None and not evidence:
        evidence[PLACE] += 1
    if not evidence:
        return votes.most_common(1)[0][0] if votes else "MISC"
    places = Counter({label: n for label, n in votes.items() if label in PLACE_LABELS})
    place_label = places.most_common(1)[0][0] if places else "GPE"
    best = max(evidence, key=lambda cue: (evidence[cue], votes[place_label if cue == PLACE else cue]))
    return place_label if best == PLACE else best


def label_evidence(mentions: Iterable[Mention], text: str | None) -> Counter[str]:
    """The types that the words in and around each mention argue for, one count per mention with a cue."""
    evidence: Counter[str] = Counter()
    for mention in mentions:
        cue = _cue(mention, text)
        if cue is not None:
            evidence[cue] += 1
    return evidence


def surname_evidence(mentions: Sequence[Mention]) -> Counter[str]:
    """One PERSON count per lone surname among the mentions of a person also named in full; a full name the tagger
    typed otherwise counts when it has a person's shape and its lone surname is tagged a person."""
    multi = [m for m in mentions if len(m.key.split()) >= 2]
    tagged = {m.key.split()[-1] for m in multi if m.label == "PERSON"}
    shaped = {m.key.split()[-1] for m in multi if _person_shaped(m)}
    lone = [m for m in mentions if " " not in m.key]
    return Counter("PERSON" for m in lone if m.key in tagged or (m.key in shaped and m.label == "PERSON"))


def _person_shaped(mention: Mention) -> bool:
    words = mention.text.split()
    if mention.label == "PERSON":
        return True
    if mention.label in PLACE_LABELS or not 2 <= len(words) <= 3:
        return False
    if not all(w[:1].isupper() and w[1:].islower() for w in words):
        return False
    return words[-1].lower() not in ORG_NAME_WORDS and not any(alias_key(w) in CORPORATE_SUFFIXES for w in words)


def _cue(mention: Mention, text: str | None) -> str | None:
    """The type one mention's own words or its context argue for, if any."""
    before = after = ""
    if text is not None and text[mention.start : mention.end] == mention.text:
        before = text[max(0, mention.start - CUE_WINDOW) : mention.start]
        after = text[mention.end : mention.end + CUE_WINDOW]
    last = _LAST_WORD.search(mention.text)
    if " " in mention.text and last is not None and last.group(1).lower() in ORG_NAME_WORDS:
        return "ORG"
    if _TITLE_BEFORE.search(before) or _FOREIGN_TITLE_BEFORE.search(before):
        return "PERSON"
    if _ORG_APPOSITIVE.match(after) or _ORG_BEFORE.search(before):
        return "ORG"
    if _PLACE_AFTER.match(after) or _PLACE_BEFORE.search(before):
        return PLACE
    return None


def _compatible(a: Mention, b: Mention) -> bool:
    return labels_compatible(a.label, b.label, a.key, b.key)


def labels_compatible(label_a: str, label_b: str, key_a: str, key_b: str) -> bool:
    """Whether two names may be one entity despite their labels.

    Statistical taggers label one name ORG in one sentence and PERSON or GPE in the next; a multi-word name
    or an identical spelling identifies the thing better than the label does.
    """
    if label_a == label_b or key_a == key_b or "MISC" in (label_a, label_b):
        return True
    if {label_a, label_b} <= PLACE_LABELS:
        return True
    return len(key_a.split()) >= 2 and len(key_b.split()) >= 2 and not ({label_a, label_b} & PLACE_LABELS)
