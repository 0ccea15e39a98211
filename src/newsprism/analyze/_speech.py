"""Quotes with their speakers in languages without a parser: speech verbs matched on dictionary lemmas.

A quote's speaker is the name nearest the speech verb of its sentence ("„Wir handeln“, sagte Merkel", "«Es un
error», afirmó el ministro Pedro Sánchez", "Erdoğan, “…” dedi"); a sentence without quotation marks whose
speech verb introduces a clause ("Merkel sagte, die Regierung werde …", "Sánchez dijo que …", "a déclaré
que …", "powiedział, że …") is an indirect quote of that name. Verbs are matched on simplemma lemmas, so every
tense and person of them counts ("erklärte", "erklärt"; "aseguró", "asegura"); Turkish verbs, whose lemmas
simplemma often cuts too short ("dedi" → "de"), are matched on their written forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsprism.analyze._lemmatize import lemma

# Lemmas of verbs that report speech, per language.
SPEECH_LEMMAS: dict[str, frozenset[str]] = {
    "de": frozenset(
        [
            "sagen",
            "erklären",
            "betonen",
            "warnen",
            "kritisieren",
            "fordern",
            "versichern",
            "bestätigen",
            "ankündigen",
            "antworten",
            "schreiben",
            "meinen",
            "äußern",
            "berichten",
            "unterstreichen",
            "bekräftigen",
            "mahnen",
            "twittern",
            "ergänzen",
            "fragen",
            "behaupten",
        ]
    ),
    "es": frozenset(
        [
            "decir",
            "afirmar",
            "declarar",
            "asegurar",
            "explicar",
            "señalar",
            "añadir",
            "agregar",
            "indicar",
            "advertir",
            "subrayar",
            "destacar",
            "manifestar",
            "anunciar",
            "sostener",
            "insistir",
            "reconocer",
            "apuntar",
            "comentar",
            "denunciar",
            "criticar",
            "precisar",
        ]
    ),
    "fr": frozenset(
        [
            "dire",
            "déclarer",
            "affirmer",
            "expliquer",
            "ajouter",
            "indiquer",
            "souligner",
            "assurer",
            "annoncer",
            "préciser",
            "avertir",
            "insister",
            "confier",
            "répondre",
            "dénoncer",
            "rappeler",
            "estimer",
            "marteler",
            "lancer",
            "écrire",
        ]
    ),
    "pl": frozenset(
        [
            "powiedzieć",
            "mówić",
            "stwierdzić",
            "oświadczyć",
            "podkreślić",
            "dodać",
            "zaznaczyć",
            "przekazać",
            "wyjaśnić",
            "ocenić",
            "zapowiedzieć",
            "napisać",
            "poinformować",
            "ostrzec",
            "przyznać",
            "zapewnić",
            "oznajmić",
        ]
    ),
    "tr": frozenset(["söyle", "açıkla", "kaydet", "vurgula", "konuş", "bildir", "uyar"]),
}
# Written forms matched as they are (Turkish "dedi" has the lemma "de", which is also a conjunction).
SPEECH_FORMS: dict[str, frozenset[str]] = {
    "tr": frozenset(["dedi", "demiş", "diyerek", "dedim", "belirtti", "belirtmiş", "belirterek", "ifade"]),
}
# Words that open a reported clause after a speech verb.
COMPLEMENTISERS: dict[str, frozenset[str]] = {
    "de": frozenset({"dass"}),
    "es": frozenset({"que"}),
    "fr": frozenset({"que", "qu"}),
    "pl": frozenset({"że", "iż"}),
}
SPEECH_LANGUAGES = frozenset(SPEECH_LEMMAS)
# An indirect quote has at least this many words: "sagte er" alone reports nothing.
INDIRECT_MIN_WORDS = 4
# How many words may stand between a speech verb and the clause it introduces ("sagte Merkel am Montag, …").
CLAUSE_REACH_WORDS = 6
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True, slots=True)
class SpeechVerb:
    """A speech verb in a text: where it is and how it is written."""

    start: int
    end: int
    text: str


def speech_verbs(text: str, start: int, end: int, language: str) -> list[SpeechVerb]:
    """The speech verbs of `text[start:end]`, in text order."""
    lemmas = SPEECH_LEMMAS.get(language, frozenset())
    forms = SPEECH_FORMS.get(language, frozenset())
    found = []
    for word in _WORD.finditer(text, start, end):
        written = word.group()
        if written.lower() in forms or lemma(written, language) in lemmas:
            found.append(SpeechVerb(word.start(), word.end(), written))
    return found


def reported_clause(text: str, verb: SpeechVerb, end: int, language: str) -> tuple[int, int] | None:
    """(start, end) of the clause a speech verb introduces, up to `end`: after a complementiser ("dijo que …",
    "powiedział, że …") or after the comma that closes the verb's phrase ("sagte Merkel, die Regierung …"). None
    when the verb introduces no clause of at least `INDIRECT_MIN_WORDS` words."""
    words = list(_WORD.finditer(text, verb.end, end))[:CLAUSE_REACH_WORDS]
    openers = COMPLEMENTISERS.get(language, frozenset())
    clause = next((w.end() for w in words if w.group().lower().rstrip("'’") in openers), None)
    if clause is None:
        comma = text.find(",", verb.end, words[-1].end() if words else verb.end)
        clause = comma + 1 if comma >= 0 else None
    if clause is None:
        return None
    stop = end
    while stop > clause and not (text[stop - 1].isalnum() or text[stop - 1] in ")’'"):
        stop -= 1
    while clause < stop and not text[clause].isalnum():
        clause += 1
    if len(_WORD.findall(text, clause, stop)) < INDIRECT_MIN_WORDS:
        return None
    return clause, stop
