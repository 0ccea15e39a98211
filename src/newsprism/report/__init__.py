"""Report: render comparisons and stories as text, Markdown, JSON or HTML; nothing is computed here."""

from __future__ import annotations

from newsprism.report._json import CONTRACT_KEYS, comparison_dict, render_json
from newsprism.report._text import render_text
from newsprism.types import Comparison

FORMATS = ("text", "json", "md", "html")


def render_comparison(comparison: Comparison, output_format: str = "text") -> str:
    """The comparison in one of `FORMATS`."""
    if output_format == "json":
        return render_json(comparison)
    data = comparison_dict(comparison)
    if output_format == "md":
        from newsprism.report._markdown import render_markdown

        return render_markdown(data)
    if output_format == "html":
        from newsprism.report._html import render_html

        return render_html(data)
    if output_format == "text":
        return render_text(data)
    raise ValueError(f"unknown format {output_format!r}; choose one of {', '.join(FORMATS)}")


__all__ = ["CONTRACT_KEYS", "FORMATS", "comparison_dict", "render_comparison", "render_json", "render_text"]
