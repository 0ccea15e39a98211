"""Language identification for articles that do not declare their language."""

from __future__ import annotations

# Fewer letters than this and a language guess is noise.
MIN_CHARS_FOR_GUESS = 20
_SAMPLE_CHARS = 4000


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or "" when the text is too short to tell."""
    sample = text[:_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_CHARS_FOR_GUESS:
        return ""
    import py3langid

    lang, _score = py3langid.classify(sample)
    return lang
