"""Error answers: JSON `{"detail": "…"}` for the API (the body its schema declares), an HTML page for pages.

A message is short and names the problem; the offending input is never echoed back.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

# Validation messages beyond these are dropped, and any message is cut to MAX_DETAIL_CHARS.
MAX_ERRORS_SHOWN = 3
MAX_DETAIL_CHARS = 300
_UNICODE = "not valid Unicode (a lone surrogate); send text as UTF-8"
# Paths answered in JSON; every other path is a page, answered in HTML.
JSON_PREFIXES = ("/api/", "/openapi.json", "/static/")
TITLES = {400: "Bad request", 404: "Not found", 405: "Method not allowed", 409: "Conflict", 413: "Too large",
          422: "Invalid request", 429: "Too many requests", 503: "Busy"}  # fmt: skip


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path == "/api" or path.startswith(JSON_PREFIXES)


def validation_message(exc: RequestValidationError) -> str:
    """Where and what for the first few problems, e.g. "articles.0.text: String should have at least 1 character"."""
    parts = []
    for error in exc.errors()[:MAX_ERRORS_SHOWN]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "body"
        message = _UNICODE if error.get("type") == "string_unicode" else error.get("msg", "invalid")
        parts.append(f"{where}: {message}")
    return "; ".join(parts).encode("utf-8", "replace").decode()[:MAX_DETAIL_CHARS]


async def validation_error(request: Request, exc: RequestValidationError) -> Response:
    return error_response(request, 422, validation_message(exc))


async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
    return error_response(request, exc.status_code, str(exc.detail), dict(exc.headers or {}))


def error_response(request: Request, status: int, detail: str, headers: dict[str, str] | None = None) -> Response:
    """The error in the form the path calls for: JSON under /api, an HTML page elsewhere."""
    detail = detail[:MAX_DETAIL_CHARS]
    if wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status, headers=headers)
    from newsprism.serve._templates import render

    title = TITLES.get(status, "Error")
    page = render(request, "error.html.j2", status=status, title=title, detail=detail)
    return HTMLResponse(page, status_code=status, headers=headers)
