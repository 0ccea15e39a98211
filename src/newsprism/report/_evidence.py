"""What drove a pair's scores, as labelled lines every output format shows the same way.

The JSON contract carries the evidence as data (`evidence`, one pair, or `evidence.pairs` for three or more
reports); the text, Markdown and HTML views read it through here so that "why" reads alike in all of them.
"""

from __future__ import annotations

from typing import Any

# Aligned sentences are cut to this many characters in the human-readable views.
ALIGNED_CHARS = 120
# At most this many shared actors are listed.
SHOWN_ACTORS = 12


def evidence_pairs(evidence: dict[str, Any]) -> list[dict[str, Any]]:
    """The per-pair evidence blocks of a comparison (one for two reports, one per pair for more)."""
    if "geography" in evidence:
        return [{"a": 0, "b": 1, **evidence}]
    return [pair for pair in evidence.get("pairs", []) if "geography" in pair]


def evidence_rows(pair: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, text) lines for one pair: shared countries, places, actors, dates, and the narrative cosines."""
    geo, entities, time, narrative = pair["geography"], pair["entities"], pair["time"], pair["narrative"]
    rows = [
        ("Countries shared", ", ".join(geo.get("shared_country_names", geo["shared_countries"])) or "none"),
        ("Places shared", ", ".join(geo["shared_places"]) or "none"),
        ("Actors shared", ", ".join(entities["shared_entities"][:SHOWN_ACTORS]) or "none"),
        ("Dates shared", ", ".join(time["shared_dates"] + time.get("shared_calendar_days", [])) or "none"),
    ]
    gap = time["publication_gap_days"]
    rows.append(("Publication gap", f"{gap} days" if gap is not None else "unknown"))
    if "e5_cosine" in narrative:
        rows.append(("Title and lead alike (E5 cosine)", f"{narrative['e5_cosine']:.2f}"))
    if "same_story_probability" in pair:
        rows.append(("Same-story probability", f"{pair['same_story_probability']:.2f}"))
    return rows


def aligned_sentences(pair: dict[str, Any]) -> list[tuple[float, str, str]]:
    """The sentence pairs that carry the narrative score: (cosine, sentence of a, sentence of b)."""
    return [
        (aligned["cosine"], aligned["text_a"][:ALIGNED_CHARS], aligned["text_b"][:ALIGNED_CHARS])
        for aligned in pair["narrative"]["aligned"]
    ]
