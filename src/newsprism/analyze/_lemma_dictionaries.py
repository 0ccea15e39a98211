"""simplemma's dictionaries, unpacked once per machine instead of once per process.

simplemma ships each language's dictionary LZMA-compressed and front-coded; unpacking one takes 0.1 s (English)
to 0.8 s (German) at every start of a command that compares or clusters. The unpacked dictionary is kept as a
cache image (`newsprism._cache`, deflated: English 1 MB, German 7 MB, Polish 20 MB; English then loads in
0.06 s, German in 0.4 s) and handed to simplemma through its own `DictionaryFactory` interface: its lemmatizer
looks words up in the same entries and answers exactly as with its default factory.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from hashlib import sha256
from pathlib import Path
from typing import Any

from newsprism._cache import cache_dir, read_image, write_image

# Bumped when the image's layout changes; part of its file name.
DICTIONARY_LAYOUT = 3


class ImageDictionaryFactory:
    """A simplemma `DictionaryFactory`: each language's dictionary from this machine's image, else unpacked by
    simplemma's default factory (and its image written)."""

    def __init__(self) -> None:
        self._dictionaries: dict[str, Mapping[str, str]] = {}

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        if lang not in self._dictionaries:
            self._dictionaries[lang] = _dictionary(lang)
        return self._dictionaries[lang]


class _Entries(Mapping[str, str]):
    """UTF-8 keys and lemmas as stored (bytes restore from an image several times faster than text), read as
    text, as simplemma's default dictionaries hold and read them."""

    __slots__ = ("_entries",)

    def __init__(self, entries: dict[bytes, bytes]) -> None:
        self._entries = entries

    def get(self, key: str, default: Any = None) -> Any:
        value = self._entries.get(key.encode())
        return default if value is None else value.decode()

    def __getitem__(self, key: str) -> str:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __iter__(self) -> Iterator[str]:
        return (key.decode() for key in self._entries)

    def __len__(self) -> int:
        return len(self._entries)


def _dictionary(lang: str) -> Mapping[str, str]:
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory
    from simplemma.strategies.dictionaries.dictionary_factory import DATA_FOLDER

    shipped = Path(DATA_FOLDER) / f"{lang}.plzma"
    if not shipped.is_file():  # an unsupported language: simplemma's own error
        return DefaultDictionaryFactory().get_dictionary(lang)
    digest = sha256(shipped.read_bytes()).hexdigest()[:16]
    image = cache_dir() / f"simplemma-{DICTIONARY_LAYOUT}-{lang}-{digest}.marshal"
    entries = read_image(image, compressed=True)
    if not isinstance(entries, dict):
        shipped_entries = DefaultDictionaryFactory().get_dictionary(lang).items()
        entries = {key.encode(): value.encode() for key, value in shipped_entries}
        write_image(image, entries, compressed=True)
    return _Entries(entries)


@cache
def lemmatizer() -> Any:
    """simplemma's lemmatizer as `simplemma.lemmatize` builds it (default strategy, not greedy), on the images."""
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy

    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=ImageDictionaryFactory()))
