"""The terminal view of a comparison: the verdict, why, and the coverage side by side, in plain text."""

from __future__ import annotations

import textwrap
from typing import Any

from newsprism.report._evidence import aligned_sentences, evidence_pairs, evidence_rows
from newsprism.types import DIMENSIONS

WIDTH = 100
_LEVELS = ((1.5, "very similar"), (2.25, "similar"), (3.0, "somewhat different"), (4.01, "very different"))


def describe(score: float) -> str:
    """Words for a 1–4 score."""
    return next(words for limit, words in _LEVELS if score < limit)


def _bar(score: float) -> str:
    filled = round((4 - score) / 3 * 20)
    return "#" * filled + "." * (20 - filled)


def _wrap(text: str, indent: str = "    ") -> str:
    """Fill a paragraph; a bullet indent ("  - ") continues under the text, not under the bullet."""
    follow = " " * len(indent)
    return textwrap.fill(" ".join(text.split()), WIDTH, initial_indent=indent, subsequent_indent=follow)


def _name(data: dict[str, Any], index: int) -> str:
    return f"[{'AB'[index] if len(data['articles']) == 2 else index + 1}]"


def render_text(data: dict[str, Any]) -> str:
    """Plain text from the comparison's JSON-ready dict (the renderers share one source of truth)."""
    out: list[str] = []
    for i, article in enumerate(data["articles"]):
        date = (article["published"] or "")[:10] or "date unknown"
        out.append(f"{_name(data, i)} {article['title']}  — {article['outlet']}, {date}, {article['language']}")
    verdict = "SAME STORY" if data["same_story"] else "DIFFERENT STORIES"
    out += [
        "",
        f"Verdict: {verdict} (overall {data['scores']['overall']:.2f} on 1 = very similar … 4 = very different)",
    ]
    out += ["", "Similarity by dimension"]
    for dim in DIMENSIONS:
        score = data["scores"][dim]
        out.append(f"  {dim.capitalize():<10} {score:4.2f}  {_bar(score)}  {describe(score)}")
    out += _evidence_lines(data)
    out += _section("Shared facts", data["facts"]["shared"], lambda g: _group_lines(data, g))
    out += _section("Conflicts", data["facts"]["conflicting"], lambda g: [f"  ! {g['reason']}", *_group_lines(data, g)])
    for entry in data["facts"]["only"]:
        out += _section(
            f"Only in {_name(data, entry['article'])}", entry["facts"], lambda f: [_wrap(f["text"], "  - ")]
        )
    out += _section(
        "Who is quoted",
        data["quotes"],
        lambda q: [
            _wrap(
                f"{_name(data, q['article'])} {q['speaker']}{' (via ' + q['via'] + ')' if q['via'] else ''}"
                f"{'' if q['direct'] else ' [indirect]'}: “{q['text']}”",
                "  - ",
            )
        ],
    )
    out += _section("How actors are named", data["framing"], lambda f: _framing_lines(data, f))
    out += _section(
        "Loaded wording",
        wording_rows(data),
        lambda row: [_wrap(f"{_name(data, row['article'])} {', '.join(row['words'])}", "  ")],
    )
    out += _section(
        "Timeline",
        data.get("timeline", []),
        lambda e: [
            f"  {e['date']:<10} {' '.join(_name(data, i) for i in e['articles'])}"
            f"{'  ! ' + e['conflict'] if e['conflict'] else ''}  {e['events'][0]['text'][:80]}…"
        ],
    )
    out += _section(
        "Entities",
        data["entities"][:15],
        lambda e: [
            f"  {e['name']} ({e['type']}): "
            + "; ".join(f"{_name(data, int(i))} {', '.join(forms)}" for i, forms in e["forms"].items())
        ],
    )
    out += _section(
        "Summary",
        data["summary"],
        lambda s: [_wrap(f"{s['text']} " + "".join(_name(data, i) for i in s["articles"]), "  ")],
    )
    return "\n".join(out) + "\n"


def _evidence_lines(data: dict[str, Any]) -> list[str]:
    pairs = evidence_pairs(data["evidence"])
    lines = []
    for pair in pairs:
        heading = "Why" if len(pairs) == 1 else f"Why {_name(data, pair['a'])}–{_name(data, pair['b'])}"
        lines += ["", heading]
        lines += [_wrap(f"{label}: {text}", "  ") for label, text in evidence_rows(pair)]
        lines += [_wrap(f"≈ {cosine:.2f}: “{a}” ~ “{b}”", "  ") for cosine, a, b in aligned_sentences(pair)]
    return lines


def _section(title: str, rows: list[Any], render) -> list[str]:
    if not rows:
        return ["", f"{title}: none"]
    lines = ["", title]
    for row in rows:
        lines += render(row)
    return lines


def _group_lines(data: dict[str, Any], group: dict[str, Any]) -> list[str]:
    return [_wrap(f"{_name(data, f['article'])} {f['text']}", "  ") for f in group["facts"]]


def _framing_lines(data: dict[str, Any], row: dict[str, Any]) -> list[str]:
    lines = [f"  {row['actor']}"]
    for index, labels in row["labels"].items():
        words = ", ".join(_label_text(lab) for lab in labels)
        lines.append(_wrap(f"{_name(data, int(index))} {words}", "    "))
    lines.append("    (* loaded or evaluative wording)")
    return lines


def wording_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Loaded words beyond actor names, per article, in order of first use."""
    rows: dict[int, list[str]] = {}
    for label in data.get("labels", []):
        if label["actor"] == "wording":
            words = rows.setdefault(label["article"], [])
            if label["text"].lower() not in words:
                words.append(label["text"].lower())
    return [{"article": i, "words": words} for i, words in sorted(rows.items())]


def _label_text(label: dict[str, Any]) -> str:
    count = f" ×{label['count']}" if label["count"] > 1 else ""
    return f"{'*' if label['loaded'] else ''}{label['label']}{count}"
