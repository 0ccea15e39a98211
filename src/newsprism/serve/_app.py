"""The FastAPI app: the same pipeline as the CLI, behind a JSON API and a few pages, hardened at the edge."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.middleware.trustedhost import TrustedHostMiddleware

from newsprism.serve._analysis import ANALYSIS_PROCESSES, Analyser
from newsprism.serve._docs import mount_docs
from newsprism.serve._limits import (
    MAX_BODY_BYTES,
    PER_CLIENT_IN_FLIGHT,
    TOTAL_IN_FLIGHT,
    BodyLimitMiddleware,
    ClientLimiter,
)
from newsprism.serve._routes import MAX_DETAIL_CHARS, api_router, page_router
from newsprism.serve._security import LOOPBACK_HOSTS, SecurityHeadersMiddleware
from newsprism.store import open_store

# Validation messages beyond these are dropped; the input is never echoed back.
MAX_ERRORS_SHOWN = 3
_UNICODE = "not valid Unicode (a lone surrogate); send text as UTF-8"


@dataclass(frozen=True, slots=True, kw_only=True)
class ServeOptions:
    """Who may write (`token`; None: anyone who can connect), which Host names are answered, and the bounds."""

    token: str | None = None
    allowed_hosts: tuple[str, ...] = field(default=LOOPBACK_HOSTS)
    max_body_bytes: int = MAX_BODY_BYTES
    per_client_in_flight: int = PER_CLIENT_IN_FLIGHT
    total_in_flight: int = TOTAL_IN_FLIGHT
    analysis_processes: int = ANALYSIS_PROCESSES


class StoreHolder:
    """One store per app; one connection is not for concurrent use, so calls take the lock (briefly: the
    analysis runs outside it)."""

    def __init__(self, path: str | Path | None) -> None:
        self.store = open_store(path)
        self.lock = threading.Lock()


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    """A short message per problem (where and what), never the offending input itself."""
    parts = []
    for error in exc.errors()[:MAX_ERRORS_SHOWN]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "body"
        message = _UNICODE if error.get("type") == "string_unicode" else error.get("msg", "invalid")
        parts.append(f"{where}: {message}")
    detail = "; ".join(parts).encode("utf-8", "replace").decode()[:MAX_DETAIL_CHARS]
    return JSONResponse({"detail": detail}, status_code=422)


def create_app(db: str | Path | None = None, options: ServeOptions | None = None) -> FastAPI:
    """An app bound to the store at `db` (or the default one)."""
    options = options or ServeOptions()
    analyser = Analyser(options.analysis_processes)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        analyser.close()

    app = FastAPI(
        title="newsprism",
        summary="One news story through many outlets.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.analyser = analyser
    app.state.store_holder = StoreHolder(db)
    app.state.token = options.token
    app.state.limiter = ClientLimiter(options.per_client_in_flight, options.total_in_flight)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.include_router(api_router)
    app.include_router(page_router)
    mount_docs(app)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(options.allowed_hosts))
    app.add_middleware(BodyLimitMiddleware, max_bytes=options.max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware)
    return app
