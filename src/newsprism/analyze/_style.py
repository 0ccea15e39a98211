"""Stylometric measures that do not depend on the language: the Style and Tone signals."""

from __future__ import annotations

import re
import statistics

from newsprism.types import Label, Quote, Span

_WORD = re.compile(r"\w+", re.UNICODE)


def style_profile(full_text: str, sentences: list[Span], quotes: list[Quote], labels: list[Label]) -> dict[str, float]:
    """Sentence length, quoting, numbers, punctuation and loaded wording, each normalised by length."""
    words = _WORD.findall(full_text)
    word_count = max(len(words), 1)
    lengths = [len(_WORD.findall(s.text)) for s in sentences] or [0]
    chars = max(len(full_text), 1)
    return {
        "words": float(len(words)),
        "sentence_len_mean": float(statistics.fmean(lengths)),
        "sentence_len_sd": float(statistics.pstdev(lengths)),
        "word_len_mean": float(statistics.fmean(len(w) for w in words)) if words else 0.0,
        "type_token_ratio": len({w.lower() for w in words}) / word_count,
        "quote_share": sum(q.end - q.start for q in quotes if q.direct) / chars,
        "quotes_per_100w": 100.0 * len(quotes) / word_count,
        "digit_share": sum(ch.isdigit() for ch in full_text) / chars,
        "exclaim_question_rate": 100.0 * (full_text.count("!") + full_text.count("?")) / word_count,
        "loaded_per_100w": 100.0 * sum(label.loaded for label in labels) / word_count,
        "labels_per_100w": 100.0 * len(labels) / word_count,
    }
