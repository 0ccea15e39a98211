"""The self-contained HTML page of a comparison (Jinja2, autoescaped: article text is hostile)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

from newsprism.report._evidence import aligned_sentences, evidence_pairs, evidence_rows
from newsprism.report._text import describe
from newsprism.types import DIMENSIONS


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(
        loader=PackageLoader("newsprism.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )


def highlight(text: str, start: int, loaded_spans: list[tuple[int, int]]) -> Markup:
    """Escape a fact's text and wrap its loaded words, given as offsets into the article."""
    pieces, cursor = [], 0
    for a, b in sorted(loaded_spans):
        a, b = a - start, b - start
        if a < cursor or b > len(text):
            continue
        pieces += [escape(text[cursor:a]), Markup('<span class="loaded">'), escape(text[a:b]), Markup("</span>")]
        cursor = b
    pieces.append(escape(text[cursor:]))
    return Markup("").join(pieces)


def _facts_by_article(data: dict[str, Any], loaded: dict[int, list[tuple[int, int]]]) -> list[list[dict]]:
    rows: list[list[dict]] = [[] for _ in data["articles"]]
    kinds = [("shared", g) for g in data["facts"]["shared"]] + [("conflict", g) for g in data["facts"]["conflicting"]]
    kinds += [("only", {"facts": e["facts"]}) for e in data["facts"]["only"]]
    for kind, group in kinds:
        for fact in group["facts"]:
            spans = [s for s in loaded.get(fact["article"], []) if fact["start"] <= s[0] and s[1] <= fact["end"]]
            rows[fact["article"]].append(
                {"kind": kind, "start": fact["start"], "html": highlight(fact["text"], fact["start"], spans)}
            )
    for row in rows:
        row.sort(key=lambda f: f["start"])
    return rows


def render_html(data: dict[str, Any]) -> str:
    count = len(data["articles"])

    def tag(index: int) -> str:
        return f"[{'AB'[index]}]" if count == 2 else f"[{index + 1}]"

    loaded = {}
    for span in (s for s in data.get("labels", []) if s["loaded"]):
        loaded.setdefault(span["article"], []).append((span["start"], span["end"]))
    template = _environment().get_template("comparison.html.j2")
    why = [
        {"a": p["a"], "b": p["b"], "rows": evidence_rows(p), "aligned": aligned_sentences(p)}
        for p in evidence_pairs(data["evidence"])
    ]
    return template.render(
        **data,
        dimensions=DIMENSIONS,
        describe=describe,
        tag=tag,
        facts_by_article=_facts_by_article(data, loaded),
        why=why,
    )
