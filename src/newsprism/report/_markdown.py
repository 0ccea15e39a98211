"""The comparison in Markdown: the same sections as the terminal view, as headings, lists and tables.

Article text is escaped (HTML metacharacters and table pipes) because Markdown renderers pass raw HTML on.
"""

from __future__ import annotations

import html
from typing import Any

from newsprism.report._evidence import aligned_sentences, evidence_pairs, evidence_rows
from newsprism.report._text import describe, wording_rows
from newsprism.types import DIMENSIONS


def md_escape(text: str) -> str:
    """Neutralise HTML and the Markdown characters that would change the structure."""
    return html.escape(" ".join(str(text).split()), quote=False).replace("|", "\\|").replace("*", "\\*")


def _tag(data: dict[str, Any], index: int) -> str:
    return f"[{'AB'[index]}]" if len(data["articles"]) == 2 else f"[{index + 1}]"


def _evidence_section(data: dict[str, Any]) -> list[str]:
    """What drove the scores, per pair of reports."""
    pairs = evidence_pairs(data["evidence"])
    out = []
    for pair in pairs:
        heading = "Why" if len(pairs) == 1 else f"Why {_tag(data, pair['a'])}–{_tag(data, pair['b'])}"
        out += ["", f"## {heading}", ""]
        out += [f"- **{label}**: {md_escape(text)}" for label, text in evidence_rows(pair)]
        out += [f"- ≈ {cosine:.2f}: “{md_escape(a)}” ~ “{md_escape(b)}”" for cosine, a, b in aligned_sentences(pair)]
    return out


def render_markdown(data: dict[str, Any]) -> str:
    out = ["# newsprism comparison", ""]
    for i, a in enumerate(data["articles"]):
        out.append(
            f"- **{_tag(data, i)}** {md_escape(a['title'])} — {md_escape(a['outlet'])}, "
            f"{md_escape((a['published'] or '')[:10]) or 'date unknown'}, {md_escape(a['language'])}"
        )
    verdict = "same story" if data["same_story"] else "different stories"
    out += [
        "",
        f"**Verdict: {verdict}** (overall {data['scores']['overall']:.2f}; 1 = very similar … 4 = very different)",
        "",
        "| dimension | score | reading |",
        "|---|---|---|",
    ]
    out += [f"| {d} | {data['scores'][d]:.2f} | {describe(data['scores'][d])} |" for d in DIMENSIONS]
    out += _evidence_section(data)
    out += ["", "## Shared facts", ""]
    for group in data["facts"]["shared"]:
        out += [f"- {_tag(data, f['article'])} {md_escape(f['text'])}" for f in group["facts"]] + [""]
    out += ["## Conflicts", ""] + [
        f"- **{md_escape(g['reason'])}**: "
        + " / ".join(f"{_tag(data, f['article'])} {md_escape(f['text'])}" for f in g["facts"])
        for g in data["facts"]["conflicting"]
    ]
    for entry in data["facts"]["only"]:
        out += ["", f"## Only in {_tag(data, entry['article'])}", ""]
        out += [f"- {md_escape(f['text'])}" for f in entry["facts"]]
    out += ["", "## Who is quoted", "", "| article | speaker | via | quote |", "|---|---|---|---|"]
    out += [
        f"| {_tag(data, q['article'])} | {md_escape(q['speaker'])} | {md_escape(q['via'])} | "
        f"{'' if q['direct'] else '(indirect) '}{md_escape(q['text'])} |"
        for q in data["quotes"]
    ]
    out += [
        "",
        "## How actors are named",
        "",
        "| actor | " + " | ".join(_tag(data, i) for i in range(len(data["articles"]))) + " |",
        "|---" * (len(data["articles"]) + 1) + "|",
    ]
    for row in data["framing"]:
        cells = [
            ", ".join(
                ("**" if lab["loaded"] else "") + md_escape(lab["label"]) + ("**" if lab["loaded"] else "")
                for lab in row["labels"].get(str(i), [])
            )
            for i in range(len(data["articles"]))
        ]
        out.append(f"| {row['actor']} | " + " | ".join(cells) + " |")
    out += ["", "Loaded or evaluative wording in **bold**.", "", "## Loaded wording", ""]
    out += [f"- {_tag(data, row['article'])} {md_escape(', '.join(row['words']))}" for row in wording_rows(data)]
    out += ["", "## Timeline", ""]
    out += [
        f"- **{e['date']}** {' '.join(_tag(data, i) for i in e['articles'])}"
        f"{' ⚠ ' + md_escape(e['conflict']) if e['conflict'] else ''}: {md_escape(e['events'][0]['text'])}"
        for e in data.get("timeline", [])
    ]
    out += ["", "## Summary", ""]
    out += [f"- {md_escape(s['text'])} " + "".join(_tag(data, i) for i in s["articles"]) for s in data["summary"]]
    return "\n".join(out) + "\n"
