"""Renderers: hostile article text is escaped; every format carries the same content."""

from __future__ import annotations

import html
import re

import pytest

from newsprism import Article, analyze_many, compare_analyses
from newsprism.report import render_comparison

PAYLOADS = ('<script>alert("x")</script>', '<img src=x onerror="alert(1)">', "<a href='javascript:alert(2)'>go</a>")


@pytest.fixture(scope="module")
def hostile_comparison():
    body = (
        "The council closed the harbour bridge on Monday after a crack was found, officials said. "
        f"A resident wrote {PAYLOADS[0]} on a sign. Another posted {PAYLOADS[1]} online. "
        f'Critics linked {PAYLOADS[2]} and called the plan "a reckless waste of money for the whole city".'
    )
    a = Article(id="h1", title=f"Bridge closed {PAYLOADS[1]}", text=body, outlet="<b>Evil</b> Outlet", language="en")
    b = Article(
        id="h2",
        title="Harbour bridge shut after crack",
        outlet="Plain News",
        language="en",
        text="The harbour bridge was shut on Monday after inspectors found a crack, the council said.",
    )
    return compare_analyses(analyze_many([a, b]))


def test_html_escapes_hostile_text(hostile_comparison):
    page = render_comparison(hostile_comparison, "html")
    assert "<script" not in page.lower()
    assert not re.search(r"<[^>]*\bonerror\s*=", page, re.IGNORECASE)
    assert "&lt;img src=x onerror=" in page
    assert "<a href='javascript" not in page and "<b>Evil</b>" not in page
    assert "&lt;script&gt;" in page
    assert "Content-Security-Policy" in page


def test_markdown_escapes_hostile_text(hostile_comparison):
    page = render_comparison(hostile_comparison, "md")
    assert "<script>" not in page and "<img" not in page


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
def test_every_format_renders_the_verdict(bridge_comparison, fmt):
    out = render_comparison(bridge_comparison, fmt)
    assert "Elena Marsh" in out
    assert re.search(r"same.story", out, re.IGNORECASE)


def test_unknown_format_is_refused(bridge_comparison):
    with pytest.raises(ValueError, match="unknown format"):
        render_comparison(bridge_comparison, "pdf")


def test_text_report_shows_the_e5_evidence_when_both_reports_have_it(bridge_comparison):
    narrative = bridge_comparison.evidence.get("narrative") or bridge_comparison.evidence["pairs"][0]["narrative"]
    out = render_comparison(bridge_comparison, "text")
    if "e5_cosine" not in narrative:
        pytest.skip("the optional E5 encoder does not run on this machine")
    assert 0.5 < narrative["e5_cosine"] <= 1.0  # two reports of one story
    assert f"(E5 cosine): {narrative['e5_cosine']:.2f}" in out


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_every_readable_format_says_why(bridge_comparison, fmt):
    evidence = bridge_comparison.evidence
    out = render_comparison(bridge_comparison, fmt)
    assert "Actors shared" in out and "Dates shared" in out
    for name in evidence["entities"]["shared_entities"][:3]:
        assert name in out
    first_aligned = evidence["narrative"]["aligned"][0]["text_a"][:40]
    assert html.escape(first_aligned, quote=False) in out or first_aligned in out


def test_three_reports_get_the_evidence_of_every_pair(bridge_analyses, orchard_analysis):
    comparison = compare_analyses([*bridge_analyses, orchard_analysis])
    for fmt in ("text", "md", "html"):
        out = render_comparison(comparison, fmt)
        assert out.count("Why [1]–[2]") == 1 and "Why [1]–[3]" in out and "Why [2]–[3]" in out
