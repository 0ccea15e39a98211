"""Loaded and evaluative wording beyond the names of actors: "slammed", "fiasco", "reckless", "so-called".

Two sources: newsprism's own list of words that news-bias studies flag as loaded (attribution verbs that
judge, nouns that condemn, charged adjectives), and the strongly subjective, strongly polar adjectives of the
pattern/TextBlob subjectivity lexicon (shipped as a word list). English only.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

from newsprism.analyze._lemmas import english_tagger, tagged
from newsprism.types import Label

WORDING = "wording"
# Lemmas of loaded words: a word counts when its lemma is one of these ("slammed" → "slam", "decried" → "decry";
# "ripe", "decrease" and "shame" are other words).
LOADED_LEMMAS = (
    # attribution and reaction verbs that judge what they report
    "slam",
    "lambast",
    "lambaste",
    "bash",
    "decry",
    "denounce",
    "tout",
    "boast",
    "brag",
    "scoff",
    "smear",
    "skewer",
    "assail",
    "berate",
    "mock",
    "ridicule",
    "whine",
    "rant",
    "fume",
    "sneer",
    "gloat",
    "bemoan",
    "harangue",
    "savage",
    "ruthless",
    # nouns that condemn
    "gaffe",
    "fiasco",
    "debacle",
    "scandal",
    "tirade",
    "crony",
    "regime",
    "thug",
    "propaganda",
    "hoax",
    "stunt",
    "meltdown",
    "scheme",
    "extremism",
    "extremist",
    "radical",
    "zealot",
    "demagogue",
    "demagoguery",
    "puppet",
    "henchman",
    "bigot",
    "bigotry",
    "fanatic",
    "agitator",
    "mob",
    "diatribe",
    "screed",
    "boondoggle",
    "handout",
    "amnesty",
    "vitriol",
    "overreach",
    "blunder",
    "mockery",
    # charged adjectives and adverbs
    "fierce",
    "notorious",
    "draconian",
    "reckless",
    "disastrous",
    "outrageous",
    "shameful",
    "disgrace",
    "disgraceful",
    "bizarre",
    "embattled",
    "divisive",
    "hardline",
    "brazen",
    "blistering",
    "scathing",
    "stunning",
    "shocking",
    "egregious",
    "controversial",
    "extreme",
    "staunch",
    "vehement",
    "furious",
    "slick",
    "sham",
    "ultra",
    "infamous",
    "vitriolic",
    "incendiary",
    "inflammatory",
    "alarmist",
    "absurd",
    "ludicrous",
    "ridiculous",
    "outlandish",
    "dubious",
    "lavish",
    "extravagant",
    "wasteful",
    "devastating",
    "scandalous",
    "fanatical",
)
# Loaded only as verbs: as nouns they are neutral ("a blast", "the rails", "a torch", "a rip current").
LOADED_VERB_LEMMAS = ("blast", "lash", "rip", "trash", "hammer", "rail", "torch")
# Matched as written: adverbs and forms whose lemma is a neutral word ("failed" → "fail", "angrily" → "angrily"
# is its own lemma but listed with its kin).
LOADED_FORMS = (
    "failed",
    "angrily",
    "fiercely",
    "furiously",
    "recklessly",
    "brazenly",
    "savagely",
    "ruthlessly",
    "vehemently",
    "shockingly",
    "stunningly",
    "outrageously",
    "disastrously",
    "shamefully",
    "egregiously",
    "bizarrely",
    "absurdly",
    "ridiculously",
    "disgraced",
    "bigoted",
)
# Hyphenated words, matched token by token as written.
LOADED_PHRASES = ("so-called", "far-left", "far-right", "job-killing", "heavy-handed")
# The pattern/TextBlob lexicon's adjectives of subjectivity >= 0.8 and |polarity| >= 0.5 (one word each), as
# tools/build_word_lists.py selects them: importing textblob for them would import NLTK and SciPy.
LEXICON_FILE = "subjective_adjectives.txt"


@lru_cache(maxsize=1)
def _lexicon_adjectives() -> frozenset[str]:
    """Strongly subjective, strongly polar adjectives of the subjectivity lexicon, shipped as a word list."""
    text = files("newsprism.analyze").joinpath("data", LEXICON_FILE).read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line)


@cache
def _matchers() -> tuple[Any, Any] | None:
    """The word matcher (lemmas, verb lemmas, forms) and the phrase matcher (hyphenated words)."""
    from spacy.matcher import Matcher, PhraseMatcher

    nlp = english_tagger()
    if nlp is None:
        return None
    words = Matcher(nlp.vocab)
    words.add("lemma", [[{"LEMMA": {"IN": list(LOADED_LEMMAS)}}]])
    words.add("verb", [[{"LEMMA": {"IN": list(LOADED_VERB_LEMMAS)}, "POS": "VERB"}]])
    words.add("form", [[{"LOWER": {"IN": list(LOADED_FORMS)}}]])
    phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
    phrases.add("phrase", list(nlp.tokenizer.pipe(LOADED_PHRASES)))
    return words, phrases


def loaded_words(text: str, offset: int, language: str, adjective_starts: set[int] | None = None) -> list[Label]:
    """Loaded words of an English text as labels of the `wording` class.

    Lexicon entries are adjectives ("kind", "rose" are also a noun and a verb): a lexicon word counts only where
    it is used as an adjective, by the parser's adjective positions when given (offsets into `text`), else by the
    tagger's.
    """
    if language not in ("en", "") or _matchers() is None:
        return []
    from spacy.util import filter_spans

    words, phrases = _matchers()
    lexicon = _lexicon_adjectives()
    found = []
    for start, doc in tagged(text):
        spans = [doc[a:b] for _, a, b in [*words(doc), *phrases(doc)]]
        for token in doc:
            as_adjective = token.pos_ == "ADJ" if adjective_starts is None else token.idx + start in adjective_starts
            if as_adjective and token.lower_ in lexicon:
                spans.append(doc[token.i : token.i + 1])
        for span in filter_spans(spans):
            where = start + offset
            found.append(Label(span.start_char + where, span.end_char + where, span.text, WORDING, True))
    return found
