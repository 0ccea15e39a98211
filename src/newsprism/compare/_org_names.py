"""How reports shorten an organisation's name, and how to tell such a short form from another name.

Alias keys already join spellings and legal forms ("Brennock Shipping" / "Brennock Shipping Ltd."). Reports also
write an organisation as its initials ("the TGWF" for "the Textile and Garment Workers' Federation"), as the first
word of its name ("Corvane" for "Corvane Payments Inc."), with a word cut short ("Kestrel Steel" for "Kestrel
Steelworks Ltd.") or with its words in another order ("Coastal States Council" for "Council of Coastal States").
These tests compare two names only; whether exactly one candidate fits is decided by the caller, since a short form
is only safe when nothing else in the story could own it.
"""

from __future__ import annotations

import re

from newsprism.analyze._acronyms import initials
from newsprism.analyze._aliases import CORPORATE_SUFFIXES, alias_key, core_key

_WORD = re.compile(r"[^\W_][\w'’\-]*")
# An acronym is written in capitals (digits allowed after the first letter), two to eight of them.
_ACRONYM = re.compile(r"^[A-ZÄÖÜÉ][A-Z0-9ÄÖÜÉ&]{1,7}$")
# The shortest word cut that still names a company ("Steel" of "Steelworks", "Air" of "Airlines").
MIN_CUT_WORD = 3


def is_acronym(name: str) -> bool:
    """Whether a name is written as initials ("RRCU", "GHL")."""
    return bool(_ACRONYM.match(name.strip()))


def acronym_of_name(acronym: str, name: str) -> bool:
    """Whether `acronym` is the initials of `name` (a name of two words or more)."""
    words = [w for w in _WORD.findall(name) if alias_key(w) not in CORPORATE_SUFFIXES]
    return is_acronym(acronym) and len(words) >= 2 and initials(words) == acronym.strip().upper()


def leads_name(word_key: str, name_key: str) -> bool:
    """Whether a one-word key is the first word of a longer name's key ("corvane" of "corvane payments inc")."""
    words = name_key.split()
    return " " not in word_key and len(words) >= 2 and words[0] == word_key


def cut_or_reordered(key_a: str, key_b: str) -> bool:
    """Whether two multi-word keys name one organisation with words cut short, reordered or carried over from
    another language: "kestrel stel" / "kestrel stelworks ltd", "council coastal states" / "coastal states council",
    "groupe hospitalier saone confluence" / "saone confluence hospital group".

    Keys or cores (legal form dropped) must pair word for word, each word with one of the other's that it equals or
    that starts it, and at least one word must be equal.
    """
    if key_a == key_b:
        return False
    return _pair_words(key_a.split(), key_b.split()) or _pair_words(core_key(key_a).split(), core_key(key_b).split())


def _pair_words(a: list[str], b: list[str]) -> bool:
    if len(a) < 2 or len(a) != len(b) or not set(a) & set(b):
        return False
    unused = list(b)
    for word in sorted(a, key=lambda w: (w not in unused, -len(w))):
        partner = next((w for w in unused if _same_word(word, w)), None)
        if partner is None:
            return False
        unused.remove(partner)
    return True


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= MIN_CUT_WORD and long_.startswith(short)
