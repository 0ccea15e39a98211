"""The pages' Jinja2 environment: autoescaped everywhere (article text is hostile), templates in this package."""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from fastapi import Request

NAVIGATION = (("/", "Stories"), ("/compare", "Compare two texts"), ("/docs", "API"))


@lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("newsprism.serve", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["day"] = lambda moment: moment.strftime("%Y-%m-%d") if moment else "date unknown"
    env.filters["safe_url"] = safe_url
    return env


def safe_url(url: str) -> str:
    """A link target only when it is http(s); anything else (javascript:, data:) links nowhere."""
    return url if url.lower().startswith(("http://", "https://")) else ""


def link(path: str, params: dict[str, Any]) -> str:
    """`path` with the non-empty `params` as its query string, so a view can be linked."""
    kept = [(k, v) for k, v in params.items() if v not in ("", None, 0) or (k == "page" and v)]
    return f"{path}?{urlencode(kept, doseq=True)}" if kept else path


def render(request: Request, name: str, **context: Any) -> str:
    """A page with the navigation every page carries."""
    return (
        environment()
        .get_template(name)
        .render(
            navigation=NAVIGATION,
            current=request.url.path,
            link=link,
            fetch_private=getattr(request.app.state, "fetch_private", False),
            **context,
        )
    )
