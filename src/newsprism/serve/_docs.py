"""/docs: Swagger UI from local assets (the swagger-ui-bundle-v2 package and this package's static folder)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).with_name("static")
_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>newsprism API</title>
<link rel="stylesheet" href="/static/swagger-ui/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/static/swagger-ui/swagger-ui-bundle.js"></script><script src="/static/docs.js"></script></body></html>"""
_WITHOUT_ASSETS = """<!doctype html><html><head><meta charset="utf-8"><title>newsprism API</title></head>
<body><p>The interactive docs need the swagger-ui-bundle-v2 package; the API is described at
<a href="/openapi.json">/openapi.json</a>.</p></body></html>"""


def mount_docs(app: FastAPI) -> None:
    """Serve /docs and its assets locally; without the assets package, /docs points to /openapi.json."""
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:
        swagger_ui_path = None
    if swagger_ui_path is not None:
        app.mount("/static/swagger-ui", StaticFiles(directory=swagger_ui_path), name="swagger-ui")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    page = _PAGE if swagger_ui_path is not None else _WITHOUT_ASSETS

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs() -> str:
        return page
