"""Who is speaking: a parsed subject turned into a speaker, and the memory that resolves "she said".

A speaker is named the way the article first introduced it ("Smith said" → "John Smith"), with its role kept
apart ("spokeswoman for the Farmers Union"). Pronouns and quote paragraphs without attribution go to the most
recent person (or group) the article talked about, sentence by sentence, preferring the subject of a sentence
over other names in it: a resident introduced after an official takes over the next "she said".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsprism.analyze._aliases import alias_key
from newsprism.types import Entity

PERSON = "person"
GROUP = "group"
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "MISC"})
PLACE_LABELS = frozenset({"GPE", "NORP"})  # countries and peoples speak as spelled: "Russia", "the Turks"
PERSON_PRONOUNS = frozenset({"he", "she"})
GROUP_PRONOUNS = frozenset({"it", "they"})
PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS
PRONOUN_GENDERS = {"he": "m", "she": "f"}
PERSONAL_PRONOUNS = frozenset({"i", "me", "we", "us", "you", "this", "that", "there", "what", "someone", "anyone"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# "the Log Cabin Republicans, which said …": the speaker is what the relative pronoun stands for.
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
# A clause without its own subject shares the subject of the clause it hangs from ("Smith left, saying …").
SUBJECT_SHARING_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "acl"})
NAME_DEPS = frozenset({"compound", "flat", "nmod"})
GROUP_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
# People who speak for an organisation: "a Google spokesperson said" is Google speaking.
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "aide"})
# Titles kept out of the role: they say nothing about whom a person speaks for.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame"})
# Abbreviated titles, spelled out so that "Gov. Rick Perry" is the one "the governor" refers to.
TITLE_WORDS = {
    "gov": "governor", "sen": "senator", "rep": "representative", "pres": "president", "gen": "general",
    "lt": "lieutenant", "sgt": "sergeant", "atty": "attorney", "amb": "ambassador", "supt": "superintendent",
}  # fmt: skip
# Evidence of a person's gender in the text itself (titles, appositions, honorifics), for he/she.
FEMININE = frozenset(
    {"ms", "mrs", "miss", "dame", "wife", "mother", "daughter", "sister", "woman", "girl", "actress", "widow",
     "spokeswoman", "congresswoman", "chairwoman", "businesswoman", "councilwoman", "queen", "princess", "lady",
     "grandmother", "aunt", "niece", "girlfriend"}
)  # fmt: skip
MASCULINE = frozenset(
    {"mr", "sir", "husband", "father", "son", "brother", "man", "boy", "actor", "widower", "spokesman",
     "congressman", "chairman", "businessman", "councilman", "king", "prince", "grandfather", "uncle", "nephew",
     "boyfriend"}
)  # fmt: skip
# Role nouns: "the congressman said" with no earlier "Congressman X" refers back to the latest person. Plain
# nouns for people ("the man", "the mother") are left out: news uses them for people it does not name.
PERSON_NOUNS = (
    SPOKESPEOPLE
    | frozenset(TITLE_WORDS.values())
    | frozenset(
        {"mayor", "minister", "lawmaker", "official", "director", "leader", "chief", "candidate", "nominee",
         "judge", "lawyer", "secretary", "chancellor", "premier", "commander", "officer", "executive", "founder",
         "author", "activist", "senator", "legislator", "politician", "manager", "chairman", "chairwoman", "host",
         "congressman", "congresswoman", "councilman", "councilwoman", "businessman", "businesswoman", "king",
         "queen", "prince", "princess", "actor", "actress"}
    )
)  # fmt: skip
# Documents speak for their authors: "the council's statement said" is the council speaking.
DOCUMENT_NOUNS = frozenset(
    {"statement", "letter", "report", "ad", "advertisement", "commercial", "resolution", "lawsuit", "suit",
     "complaint", "memo", "release", "post", "tweet", "filing", "document", "petition", "editorial"}
)  # fmt: skip
DOCUMENT_KINDS = {"advertisement": "ad", "commercial": "ad", "suit": "lawsuit"}
# Nouns that refer back to the organisation last named: "the group said" after "the NAACP".
ORGANISATION_NOUNS = frozenset(
    {"organization", "organisation", "group", "company", "firm", "agency", "association", "coalition"}
)
# "said Gov. Rick Perry" misparsed as an object: the name follows the verb within this many tokens.
INVERSION_REACH = 4
MEMORY_SENTENCES = 6  # how far back a pronoun or an unattributed quote looks for its speaker
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: canonical name, alias key, role (title, affiliation) and kind (person or group)."""

    name: str
    key: str
    role: str = ""
    kind: str = PERSON
    titles: frozenset[str] = frozenset()  # head nouns of its titles and appositions: "governor", "spokeswoman"


@dataclass(slots=True)
class Mention:
    """A speaker candidate seen in a sentence, and whether it was the sentence's subject."""

    speaker: Speaker
    subject: bool


@dataclass(slots=True)
class SpeakerMemory:
    """The speakers and subjects of the sentences read so far, for pronouns and continued quotes."""

    sentences: list[list[Mention]] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    titles: dict[str, frozenset[str]] = field(default_factory=dict)
    documents: dict[str, Speaker] = field(default_factory=dict)  # author of the latest ad, letter, statement …

    def remember(self, mentions: list[Mention]) -> None:
        """Close a sentence: its mentions become the most recent ones."""
        for mention in mentions:
            key = mention.speaker.key
            if mention.speaker.role and key not in self.roles:
                self.roles[key] = mention.speaker.role
            self.titles[key] = self.titles.get(key, frozenset()) | mention.speaker.titles
        self.sentences.append(mentions)

    def recent(self, kind: str | None, current: list[Mention] = (), gender: str = "") -> Speaker | None:
        """In the latest sentence with a candidate of the wanted kind (any kind for None) and not of the other
        gender: one the text marked with the pronoun's gender, else the subject, else the first name."""
        for mentions in [current, *reversed(self.sentences[-MEMORY_SENTENCES:])]:
            fitting = [m for m in mentions if self._fits(m.speaker, kind, gender)]
            marked = [m for m in fitting if gender and self.gender(m.speaker) == gender]
            pool = marked or fitting
            chosen = next((m for m in pool if m.subject), pool[0] if pool else None)
            if chosen is not None:
                return chosen.speaker
        return None

    def by_title(self, noun: str, current: list[Mention] = ()) -> Speaker | None:
        """The latest person with this title: "the spokeswoman" after "Ann Lee, a spokeswoman", "the governor"
        after "Gov. Rick Perry"."""
        for mentions in [current, *reversed(self.sentences)]:
            for mention in mentions:
                if noun in mention.speaker.titles | self.titles.get(mention.speaker.key, frozenset()):
                    return mention.speaker
        return None

    def _fits(self, speaker: Speaker, kind: str | None, gender: str) -> bool:
        if kind is not None and speaker.kind != kind:
            return False
        known = self.gender(speaker)
        return not gender or not known or known == gender

    def gender(self, speaker: Speaker) -> str:
        """ "f" or "m" when the text said so of this person anywhere so far ("Ms. Lee", "his wife, Huma"), else ""."""
        titles = speaker.titles | self.titles.get(speaker.key, frozenset())
        if titles & FEMININE and not titles & MASCULINE:
            return "f"
        if titles & MASCULINE and not titles & FEMININE:
            return "m"
        return ""

    def role_of(self, speaker: Speaker) -> str:
        """The role given where the speaker was introduced, so that every later quote carries it too."""
        return speaker.role or self.roles.get(speaker.key, "")


class SpeakerResolver:
    """Turns the subject token of a reporting verb into a Speaker, using the article's entities."""

    def __init__(self, entities: list[Entity], offset: int) -> None:
        self.offset = offset
        self.entities = [e for e in entities if e.label in SPEAKER_LABELS]
        self.people = [e for e in self.entities if e.label == "PERSON"]

    def entity_at(self, position: int) -> Entity | None:
        """The entity with a mention covering a character position of the full text."""
        for entity in self.entities:
            if any(m.start <= position < m.end for m in entity.mentions):
                return entity
        return None

    def resolve(self, token: Any, memory: SpeakerMemory, current: list[Mention]) -> Speaker | None:
        """The speaker a subject (or "according to" object) token stands for; None when it names nobody."""
        lower = token.lower_
        if lower in PRONOUNS:
            gender = PRONOUN_GENDERS.get(lower, "")
            return memory.recent(PERSON if lower in PERSON_PRONOUNS else GROUP, current, gender) or (
                memory.recent(None, current) if lower == "they" else None
            )
        entity = self.entity_at(token.idx + self.offset)
        if entity is not None and entity.label in PLACE_LABELS:
            surface = _surface(entity, token.idx + self.offset)
            return Speaker(surface, alias_key(surface), _role(token, entity), GROUP)
        if entity is not None:
            return self._named(self._full_name(entity), token, entity.label)
        if token.pos_ == "PROPN":
            phrase = _name_phrase(token)
            entity = self._by_surname(phrase)
            return self._named(entity, token, "PERSON") if entity else Speaker(phrase, alias_key(phrase), _role(token))
        if token.pos_ == "PRON":
            return _indefinite(token)
        return self._common_noun(token, memory, current)

    def _named(self, entity: Entity, token: Any, label: str) -> Speaker:
        kind = PERSON if label == "PERSON" else GROUP
        return Speaker(entity.name, entity.key, _role(token, entity), kind, titles_of(token))

    def _full_name(self, entity: Entity) -> Entity:
        """A one-word person is the person first introduced with that family name, if any."""
        if entity.label == "PERSON" and len(entity.key.split()) == 1:
            return self._by_surname(entity.name) or entity
        return entity

    def _by_surname(self, phrase: str) -> Entity | None:
        words = alias_key(phrase).split()
        for entity in self.people:
            names = entity.key.split()
            if words and len(names) > 1 and names[-1] == words[-1]:
                return entity
        return None

    def _common_noun(self, token: Any, memory: SpeakerMemory, current: list[Mention]) -> Speaker | None:
        """A person in apposition ("the aide, Elizabeth Lauten"), a title or organisation named before ("the
        governor", "the ministry", "the group"), an organisation's spokesperson, else a group ("residents")."""
        lower = token.lemma_.lower()
        named = self._apposed_name(token) or self._document_owner(token, memory, current)
        if named is not None:
            return named
        if any(c.lower_ == "the" for c in token.children if c.dep_ == "det"):
            known = memory.by_title(lower, current) or self._organisation_by_head(token)
            if known is None and lower in PERSON_NOUNS and token.tag_ == "NN":
                known = memory.recent(PERSON, current, _noun_gender(lower))
            if known is not None:
                return known
        if lower in SPOKESPEOPLE:
            organisation = self._spoken_for(token)
            if organisation is not None:
                role = _phrase_text(token)
                return Speaker(organisation.name, organisation.key, role, GROUP, frozenset({lower}))
        phrase = _group_phrase(token)
        return Speaker(phrase, alias_key(phrase), "", GROUP)

    def _apposed_name(self, token: Any) -> Speaker | None:
        """The person or organisation named in apposition to a common noun: "the aide, Elizabeth Lauten, wrote"."""
        for child in token.children:
            entity = self.entity_at(child.idx + self.offset) if child.dep_ == "appos" else None
            if entity is not None and entity.label in ("PERSON", "ORG"):
                full = self._full_name(entity)
                kind = PERSON if entity.label == "PERSON" else GROUP
                return Speaker(full.name, full.key, _phrase_text(token, cut=child), kind, frozenset({token.lower_}))
        return None

    def _document_owner(self, token: Any, memory: SpeakerMemory, current: list[Mention]) -> Speaker | None:
        """Whose words a document carries: "the council's statement said", "a letter from the bishops says", or
        "the resolution says" after "the NAACP adopted a resolution"."""
        noun = document_noun(token)
        if not noun:
            return None
        owner = self.document_owner(token, memory, current)
        definite = any(c.lower_ in ("the", "this") for c in token.children if c.dep_ == "det")
        return owner or (memory.documents.get(noun) if definite else None)

    def document_owner(self, token: Any, memory: SpeakerMemory, current: list[Mention]) -> Speaker | None:
        """The author a document noun names itself (possessive, "from"/"by"), else the subject of the verb that
        produced it ("Romney released a statement", "the campaign retorted with an ad")."""
        owners = [c for c in token.children if c.dep_ == "poss" or (c.dep_ == "compound" and _is_named(c))]
        owners += [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("from", "by") for g in c.children]
        owners = [o for o in owners if o.dep_ in ("poss", "compound", "pobj") and o.pos_ in ("NOUN", "PROPN")]
        if not owners:
            producer = _producing_verb(token)
            subject = subject_of(producer) if producer is not None else None
            owners = [subject] if subject is not None else []
        return self.resolve(owners[0], memory, current) if owners else None

    def _organisation_by_head(self, token: Any) -> Speaker | None:
        """ "the ministry" → "Russian Foreign Ministry": the latest organisation named earlier in the text whose
        name ends in the noun; "the group" → the latest organisation named."""
        position = token.idx + self.offset
        latest: tuple[int, Entity] | None = None
        for entity in self.entities:
            words = entity.key.split()
            earlier = [m.start for m in entity.mentions if self.offset <= m.start < position]
            by_head = len(words) > 1 and words[-1] == token.lower_
            fits = entity.label == "ORG" and earlier and (by_head or token.lower_ in ORGANISATION_NOUNS)
            if fits and (latest is None or max(earlier) > latest[0]):
                latest = (max(earlier), entity)
        return Speaker(latest[1].name, latest[1].key, "", GROUP) if latest else None

    def _spoken_for(self, token: Any) -> Entity | None:
        """The organisation of "a spokesman for X", "X's spokesman" or "an X spokesman"."""
        candidates = [c for c in token.children if c.dep_ in ("compound", "poss")]
        candidates += [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        for candidate in candidates:
            entity = self.entity_at(candidate.idx + self.offset)
            if entity is not None and entity.label != "PERSON":
                return entity
        return None


def document_noun(token: Any) -> str:
    """The kind of document a noun names ("ad" for "commercial"), or "" when it names none."""
    lemma = token.lemma_.lower()
    return DOCUMENT_KINDS.get(lemma, lemma) if lemma in DOCUMENT_NOUNS and token.pos_ == "NOUN" else ""


def _is_named(token: Any) -> bool:
    """A proper name, or a noun with one before it: "Romney" and "Romney campaign", not "television"."""
    return token.pos_ == "PROPN" or any(c.pos_ == "PROPN" and c.i < token.i for c in token.children)


def _producing_verb(token: Any) -> Any | None:
    """The verb a document is the object of: "released a statement", "retorted with an ad"."""
    head = token.head
    if token.dep_ == "dobj" and head.pos_ == "VERB":
        return head
    if token.dep_ == "pobj" and head.lower_ == "with" and head.head.pos_ == "VERB":
        return head.head
    return None


def _surface(entity: Entity, position: int) -> str:
    """The spelling of the mention at `position`: "Russia said" speaks as Russia, not as the entity's longest
    spelling ("Russian")."""
    return next((m.text for m in entity.mentions if m.start <= position < m.end), entity.name)


def _noun_gender(noun: str) -> str:
    return "f" if noun in FEMININE else "m" if noun in MASCULINE else ""


def _indefinite(token: Any) -> Speaker | None:
    """ "some", "many of the residents", "others" speak as a group; "I", "we", "you" outside a quote name nobody."""
    if token.lower_ in PERSONAL_PRONOUNS or token.lower_ in RELATIVE_PRONOUNS:
        return None
    phrase = _phrase_text(token)
    return Speaker(phrase, alias_key(phrase), "", GROUP)


def _name_phrase(token: Any) -> str:
    """A proper name without titles: the token and the name words before it."""
    words = [c for c in token.children if c.dep_ in NAME_DEPS and c.i < token.i and c.pos_ == "PROPN"]
    words = [w for w in words if w.lower_.rstrip(".") not in HONORIFICS] + [token]
    return " ".join(w.text for w in sorted(words, key=lambda w: w.i))


def _role(token: Any, entity: Entity | None = None) -> str:
    """Title and apposition of a named speaker: "Rep." and "the chairman of …" around "Rep. Jerrold Nadler, …",
    "NAACP President" before "Benjamin Todd Jealous"."""
    names = {alias_key(w) for w in entity.name.split()} if entity is not None else set()
    words = [
        t
        for c in token.children
        if c.dep_ in ("compound", "amod") and c.i < token.i
        for t in c.subtree
        if alias_key(t.text) not in names and t.lower_.rstrip(".") not in HONORIFICS
    ]
    titles = _joined(sorted(words, key=lambda t: t.i))
    appositions = [_phrase_text(c) for c in token.children if c.dep_ == "appos"]
    return ", ".join(p for p in [titles, *appositions] if p)


def titles_of(token: Any) -> frozenset[str]:
    """Head nouns of a name's titles and appositions, abbreviations spelled out ({"governor"} for "Gov. Perry"),
    honorifics, and the noun the name stands in apposition to ("wife" in "his wife, Huma Abedin")."""
    heads = [c for c in token.children if c.dep_ in ("compound", "appos") and c.pos_ in ("NOUN", "PROPN")]
    words = {h.lower_.rstrip(".") for h in heads if h.dep_ == "appos" or h.i < token.i}
    if token.dep_ == "appos" and token.head.pos_ == "NOUN":
        words.add(token.head.lower_)
    return frozenset(TITLE_WORDS.get(w, w) for w in words)


def _phrase_text(token: Any, cut: Any = None) -> str:
    """The words of a token's subtree without leading determiners, clauses, edge punctuation or `cut`'s subtree."""
    skip = {t.i for t in cut.subtree} if cut is not None else set()
    tokens = [t for t in token.subtree if not _in_clause(t, token) and t.i not in skip]
    while tokens and (tokens[0].is_punct or tokens[0].lower_ in _DETERMINERS):
        tokens.pop(0)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    return _joined(tokens)


def _joined(tokens: list[Any]) -> str:
    """Tokens as written: their own spacing inside a run, one space across a gap."""
    parts = []
    for token, following in zip(tokens, [*tokens[1:], None], strict=False):
        adjacent = following is not None and following.i == token.i + 1
        parts.append(token.text_with_ws if adjacent else token.text + " ")
    return "".join(parts).strip()


def _in_clause(token: Any, root: Any) -> bool:
    """Whether a token sits in a relative clause or participle phrase under `root` (cut from a phrase)."""
    while token.i != root.i:
        if token.dep_ in ("relcl", "acl", "advcl"):
            return True
        token = token.head
    return False


def _group_phrase(token: Any) -> str:
    """A group's name: the noun with the modifiers before it, without determiners ("Republican lawmakers")."""
    words = [c for c in token.children if c.dep_ in GROUP_DEPS and c.i < token.i]
    tokens = {t.i: t for w in words for t in w.subtree} | {token.i: token}
    kept = [t for _, t in sorted(tokens.items()) if t.lower_ not in _DETERMINERS and not t.is_punct]
    return _joined(kept)


def subject_of(verb: Any) -> Any | None:
    """The subject of a verb, inherited from the clause it hangs from when it has none of its own."""
    for _ in range(4):
        subjects = sorted((c for c in verb.children if c.dep_ in SUBJECT_DEPS), key=lambda c: c.pos_ != "PROPN")
        if subjects and subjects[0].lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head
        if subjects:
            return subjects[0]
        inverted = [
            c
            for c in verb.children
            if c.dep_ in ("dobj", "attr", "npadvmod") and c.pos_ == "PROPN" and 0 < c.i - verb.i <= INVERSION_REACH
        ]
        if inverted and verb.lemma_ in ("say", "add"):
            return inverted[0]
        if verb.head.i == verb.i or not _shares_subject(verb):
            return None
        verb = verb.head
    return None


def _shares_subject(token: Any) -> bool:
    """Whether a subjectless token takes its subject from its head: a dependent clause, or the noun or
    preposition between a participle and its verb ("released a statement saying …")."""
    if token.dep_ in SUBJECT_SHARING_DEPS:
        return True
    return token.pos_ in ("NOUN", "ADP") and token.dep_ in ("dobj", "pobj", "prep")
