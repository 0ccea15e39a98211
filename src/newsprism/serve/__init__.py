"""Serve: the FastAPI app (JSON API under /api, story pages under /, local API docs at /docs)."""

from newsprism.serve._app import ServeOptions, create_app
from newsprism.serve._security import TOKEN_ENV, check_bind, serving_hosts

__all__ = ["TOKEN_ENV", "ServeOptions", "check_bind", "create_app", "serving_hosts"]
