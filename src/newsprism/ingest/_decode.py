"""Turn untrusted bytes into text, or say plainly why they are not an article."""

from __future__ import annotations

import codecs
import re
import unicodedata

from newsprism._errors import InputError

# A report longer than this is not a news article but a dump; refusing it keeps one bad file from stalling a batch.
MAX_BYTES = 5_000_000
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BINARY_PROBE = 8192
_DECLARATION_PROBE = 2048
_XML_ENCODING = re.compile(rb"""\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Labels browsers read as another charset: a page declaring Latin-1 is decoded as windows-1252.
_WHATWG_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}
# Characters no real text is made of, but a wrong charset's reading often is.
_UNLIKELY = re.compile("[\u3130-\u318f\ue000-\uf8ff\x80-\x9f\ufffd]")


def check_size(source: str, size: int, limit: float = MAX_BYTES) -> None:
    """Refuse empty and oversized inputs before reading them whole."""
    if size == 0:
        raise InputError(source, "empty file")
    if size > limit:
        raise InputError(source, f"too large ({size / 1e6:.1f} MB; the limit is {limit / 1e6:.1f} MB)")


def decode_text(source: str, raw: bytes, encoding: str | None = None) -> str:
    """Decode bytes the way browsers do: a byte-order mark, else the given or declared charset, else UTF-8 when
    the bytes are valid UTF-8, else the charset detected from the content; binary data is refused."""
    bom = _bom_encoding(raw)
    if bom is None and b"\x00" in raw[:_BINARY_PROBE]:
        raise InputError(source, "binary data, not text")
    codec = bom or encoding or declared_encoding(raw)
    if codec:
        try:
            return clean_text(raw.decode(_WHATWG_ALIASES.get(codec.lower(), codec)))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: the content decides, as below
    try:
        return clean_text(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        detected = detect_text(raw)
        if detected is None:
            bad = raw[exc.start : exc.start + 1].hex()
            problem = (
                f"not valid UTF-8 (byte 0x{bad} at offset {exc.start}) and no other charset fits; re-save it as UTF-8"
            )
            raise InputError(source, problem) from exc
        return clean_text(detected)


def declared_encoding(raw: bytes) -> str | None:
    """The charset an XML declaration or an HTML <meta> declares in the first bytes, if any."""
    head = raw[:_DECLARATION_PROBE]
    found = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return found.group(1).decode("ascii") if found else None


def detect_text(raw: bytes) -> str | None:
    """The text of undeclared, non-UTF-8 bytes, by charset-normalizer. Short CJK texts fit several charsets
    about equally (EUC-JP bytes also decode as EUC-KR); the reading with the fewest characters no real text
    uses (isolated Hangul jamo, private-use, C1 controls) wins."""
    from charset_normalizer import from_bytes

    readings = [str(match) for match in from_bytes(raw)]
    if not readings:
        return None
    return min(readings, key=lambda text: len(_UNLIKELY.findall(text)))


def utf8_bytes(raw: bytes) -> bytes:
    """Bytes an XML parser can read: unchanged when they carry a byte-order mark, declare their encoding or are
    valid UTF-8; otherwise transcoded to UTF-8 from the charset their content shows."""
    if _bom_encoding(raw) or _XML_ENCODING.match(raw[:_DECLARATION_PROBE]):
        return raw
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        detected = detect_text(raw)
        return raw if detected is None else detected.encode("utf-8")
    return raw


def _bom_encoding(raw: bytes) -> str | None:
    for mark, codec in _BOMS:
        if raw.startswith(mark):
            return codec
    return None


def clean_text(text: str) -> str:
    """Normalise Unicode and line ends and drop control characters that break later stages."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return CONTROL_CHARS.sub("", text).replace("\u00a0", " ")
