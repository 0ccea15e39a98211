"""HTML pages: main text, title, site name and date extracted with trafilatura (htmldate inside)."""

from __future__ import annotations

import logging
from typing import Any

from newsprism._errors import InputError

# trafilatura logs every page it cannot parse; the reader reports those itself, once, naming the file.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def parse_html(source: str, html: str) -> dict[str, Any]:
    """Extract the article of an HTML page; scripts, styles and boilerplate never reach the text."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, favor_precision=True)
    except Exception as exc:  # trafilatura raises many types on broken markup
        raise InputError(source, f"unreadable HTML ({type(exc).__name__})") from exc
    if doc is None or not (doc.text or "").strip():
        raise InputError(source, "no article text found in the HTML page")
    title = (doc.title or "").strip()
    text = doc.text.strip()
    first, _, rest = text.partition("\n")
    if title and first.strip() == title:
        text = rest.strip()
    return {
        "title": title,
        "text": text.replace("\n", "\n\n"),
        "url": doc.url or "",
        "outlet": doc.sitename or doc.hostname or "",
        "published": doc.date or None,
        "language": doc.language or "",
    }
