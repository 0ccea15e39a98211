"""Turn untrusted bytes into text, or say plainly why they are not an article."""

from __future__ import annotations

import re
import unicodedata

from newsprism._errors import InputError

# A report longer than this is not a news article but a dump; refusing it keeps one bad file from stalling a batch.
MAX_BYTES = 5_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BINARY_PROBE = 8192


def check_size(source: str, size: int, limit: float = MAX_BYTES) -> None:
    """Refuse empty and oversized inputs before reading them whole."""
    if size == 0:
        raise InputError(source, "empty file")
    if size > limit:
        raise InputError(source, f"too large ({size / 1e6:.1f} MB; the limit is {limit / 1e6:.1f} MB)")


def decode_text(source: str, raw: bytes, encoding: str | None = None) -> str:
    """Decode bytes as UTF-8 (or a declared encoding), refusing binary data and broken encodings."""
    if b"\x00" in raw[:_BINARY_PROBE]:
        raise InputError(source, "binary data, not text")
    codec = encoding or "utf-8-sig"
    try:
        text = raw.decode(codec)
    except LookupError:
        text = decode_text(source, raw)
    except UnicodeDecodeError as exc:
        bad = raw[exc.start : exc.start + 1].hex()
        problem = f"not valid {codec.upper()} (byte 0x{bad} at offset {exc.start}); re-save it as UTF-8"
        raise InputError(source, problem) from exc
    return clean_text(text)


def clean_text(text: str) -> str:
    """Normalise Unicode and line ends and drop control characters that break later stages."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _CONTROL.sub("", text).replace("\u00a0", " ")
