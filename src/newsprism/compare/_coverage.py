"""Coverage side by side: who is quoted, how actors are named, and the merged timeline."""

from __future__ import annotations

from collections import Counter
from typing import Any

from newsprism.analyze import keys_match
from newsprism.analyze._tone import WORDING
from newsprism.compare._align import FactGroup
from newsprism.compare._vectors import cached_vectors
from newsprism.types import Analysis, DateRow, NamingLabel, NamingRow, QuoteRow

# Two quotes by the same speaker closer than this render the same statement.
SAME_STATEMENT_MIN_COSINE = 0.6


def quote_table(analyses: list[Analysis]) -> list[QuoteRow]:
    """Every quote with its speaker and relay. Quotes of one speaker share a `speaker_id` across articles ("Marsh"
    in one report is "Elena Marsh" in the other); quotes of one statement in several articles share a `statement`."""
    rows = [(i, q) for i, a in enumerate(analyses) for q in a.quotes]
    vectors = cached_vectors([q.text for _, q in rows])
    statement = list(range(len(rows)))
    speaker = list(range(len(rows)))
    for x in range(len(rows)):
        for y in range(x + 1, len(rows)):
            (ix, qx), (iy, qy) = rows[x], rows[y]
            if speaker[y] == y and keys_match(qx.speaker_key, qy.speaker_key):
                speaker[y] = speaker[x]
            if ix != iy and speaker[y] == speaker[x] and float(vectors[x] @ vectors[y]) >= SAME_STATEMENT_MIN_COSINE:
                statement[y] = statement[x]
    return [
        QuoteRow(i, q.speaker, q.text, q.via, q.direct, q.cue, q.start, q.end, statement[n], q.role, speaker[n])
        for n, (i, q) in enumerate(rows)
    ]


def framing_table(analyses: list[Analysis]) -> list[NamingRow]:
    """For each actor class, the labels each article uses for it, with counts and the loaded ones marked."""
    actors: dict[str, dict[int, Counter[str]]] = {}
    loaded: dict[str, bool] = {}
    for index, analysis in enumerate(analyses):
        for label in analysis.labels:
            if label.actor == WORDING:
                continue
            form = label.text if label.text[:1].isupper() and "'" in label.text else label.text.lower()
            actors.setdefault(label.actor, {}).setdefault(index, Counter())[form] += 1
            loaded[form] = loaded.get(form, False) or label.loaded
    ordered = sorted(actors.items(), key=lambda item: -sum(sum(c.values()) for c in item[1].values()))
    return [
        NamingRow(
            actor,
            {
                str(i): [NamingLabel(form, n, loaded[form]) for form, n in per_article[i].most_common()]
                for i in sorted(per_article)
            },
        )
        for actor, per_article in ordered
    ]


def loaded_wording(analyses: list[Analysis]) -> list[dict[str, Any]]:
    """Loaded words beyond actor names, per article, most frequent first."""
    rows = []
    for index, analysis in enumerate(analyses):
        counts = Counter(label.text.lower() for label in analysis.labels if label.actor == WORDING)
        rows.append({"article": index, "words": [{"word": w, "count": n} for w, n in counts.most_common()]})
    return rows


def date_table(analyses: list[Analysis]) -> list[DateRow]:
    """Every date expression with its resolution, per article."""
    return [DateRow(i, d.text, d.iso, d.start, d.end) for i, a in enumerate(analyses) for d in a.dates]


def timeline(analyses: list[Analysis], groups: list[FactGroup]) -> list[dict[str, Any]]:
    """Events by date: the facts that carry a resolved date, merged across articles, conflicts flagged."""
    events: dict[str, dict[str, Any]] = {}
    for group in groups:
        for ref in group.members:
            for iso in ref.fact.dates:
                event = events.setdefault(iso, {"date": iso, "articles": set(), "events": [], "conflict": ""})
                event["articles"].add(ref.article)
                event["events"].append({"article": ref.article, "text": ref.fact.text})
                if group.conflict is not None and group.conflict.kind == "date":
                    event["conflict"] = group.conflict.reason
    ordered = sorted(events.values(), key=lambda e: e["date"])
    for event in ordered:
        event["articles"] = sorted(event["articles"])
    return ordered
