"""Where the quoted words are: quotation marks paired paragraph by paragraph.

News style lets a quote run over several paragraphs: each paragraph opens with a quotation mark and only the
last one closes it. Pairing marks across the whole text would then shift every later pair by one and turn the
reporter's words into quotes, so marks are paired inside each paragraph and an opening mark left unclosed at the
end of a paragraph quotes the rest of that paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_OPENING = frozenset("“«„")
_CLOSING = frozenset("”»")
_CLOSERS = {"“": "”", "«": "»", "„": "“”", '"': '"'}
_DOUBLE_MARK = re.compile(r"[\"“”«»„]")
# Single marks double as apostrophes: only a long ‘…’ run outside double quotes is taken for a quote.
_SINGLE_QUOTED = re.compile(r"‘([^’\n]{25,}?)’")
_WORD = re.compile(r"\w+")
STATEMENT_WORDS = 3  # fewer words are a partial quote ("called it “a disaster”"), kept only when attributed


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of quotation marks, of any length, in text order."""
    spans: list[tuple[int, int]] = []
    for start, end in paragraphs(text):
        spans += _double_quoted(text, start, end)
    spans += [m.span(1) for m in _SINGLE_QUOTED.finditer(text) if not any(a <= m.start() < b for a, b in spans)]
    return sorted(s for s in (_trim(text, a, b) for a, b in spans) if s is not None)


def direct_quote_spans(text: str) -> list[tuple[int, int]]:
    """The quotes long enough to be a statement on their own (at least STATEMENT_WORDS words)."""
    return [(a, b) for a, b in quote_spans(text) if word_count(text[a:b]) >= STATEMENT_WORDS]


def word_count(text: str) -> int:
    """Number of words, for telling a statement from a quoted phrase."""
    return len(_WORD.findall(text))


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph: text between blank lines."""
    start = 0
    for match in _PARAGRAPH.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _double_quoted(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Pairs of double marks in one paragraph; an unclosed quote runs to the paragraph's end."""
    spans = []
    opened: tuple[int, str] | None = None
    for match in _DOUBLE_MARK.finditer(text, start, end):
        at, mark = match.start(), match.group()
        if _opens(text, at, mark, opened[1] if opened else None):
            if opened is not None:
                spans.append((opened[0], at))
            opened = (at + 1, mark)
        elif opened is not None:
            spans.append((opened[0], at))
            opened = None
    if opened is not None:
        spans.append((opened[0], end))
    return spans


def _opens(text: str, at: int, mark: str, open_mark: str | None) -> bool:
    """Whether a mark opens a quote. Curly marks say so, except the closing mark of the quote that is open
    (German „…“ closes with the English opening mark); a straight one opens unless a quote is open and the
    mark looks like a closing one (attached to the word before it)."""
    if open_mark is not None and mark in _CLOSERS.get(open_mark, ""):
        return False
    if mark in _OPENING:
        return True
    if mark in _CLOSING:
        return False
    if open_mark is None:
        return True
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return before.isspace() and not after.isspace()


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without surrounding white space; None when it holds no word."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if _WORD.search(text, start, end) else None
