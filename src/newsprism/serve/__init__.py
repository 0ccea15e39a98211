"""Serve: the FastAPI app (JSON API under /api, story pages under /)."""

from newsprism.serve._app import create_app

__all__ = ["create_app"]
