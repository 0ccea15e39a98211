"""The FastAPI app: the same pipeline as the CLI, behind a JSON API and a few pages, hardened at the edge."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from newsprism.outlets import OutletDirectory
from newsprism.serve._analysis import ANALYSIS_PROCESSES, Analyser
from newsprism.serve._comparisons import ComparisonCache
from newsprism.serve._docs import mount_docs
from newsprism.serve._errors import http_error, validation_error
from newsprism.serve._limits import (
    MAX_BODY_BYTES,
    PER_CLIENT_IN_FLIGHT,
    TOTAL_IN_FLIGHT,
    BodyLimitMiddleware,
    ClientLimiter,
)
from newsprism.serve._pages import page_router
from newsprism.serve._routes import api_router
from newsprism.serve._security import LOOPBACK_HOSTS, SecurityHeadersMiddleware
from newsprism.store import open_store


@dataclass(frozen=True, slots=True, kw_only=True)
class ServeOptions:
    """Who may write (`token`; None: anyone who can connect), which Host names are answered, the bounds, the
    outlets file's outlets (leans, countries), and the feeds to follow beside the server (`watch`, polled every
    `watch_every_s` seconds); `fetch_private` lets the compare page fetch pages on loopback and private networks."""

    token: str | None = None
    allowed_hosts: tuple[str, ...] = field(default=LOOPBACK_HOSTS)
    max_body_bytes: int = MAX_BODY_BYTES
    per_client_in_flight: int = PER_CLIENT_IN_FLIGHT
    total_in_flight: int = TOTAL_IN_FLIGHT
    analysis_processes: int = ANALYSIS_PROCESSES
    outlets: OutletDirectory | None = None
    watch: tuple[str, ...] = ()
    watch_every_s: float = 900.0
    fetch_private: bool = False


class StoreHolder:
    """One store per app; one connection is not for concurrent use, so calls take the lock (briefly: the
    analysis runs outside it)."""

    def __init__(self, path: str | Path | None) -> None:
        self.store = open_store(path)
        self.lock = threading.Lock()


def create_app(db: str | Path | None = None, options: ServeOptions | None = None) -> FastAPI:
    """An app bound to the store at `db` (or the default one)."""
    options = options or ServeOptions()
    analyser = Analyser(options.analysis_processes)
    directory = options.outlets or OutletDirectory.empty()

    watch_options = _watch_options(options, directory)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        watcher = _start_watcher(db, options.watch, watch_options)
        try:
            yield
        finally:
            if watcher is not None:
                watcher.stop()
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
    app.state.outlets = directory
    app.state.fetch_private = options.fetch_private
    app.state.comparisons = ComparisonCache()
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.include_router(api_router)
    app.include_router(page_router)
    mount_docs(app)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(options.allowed_hosts))
    app.add_middleware(BodyLimitMiddleware, max_bytes=options.max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware)
    return app


def _watch_options(options: ServeOptions, directory: OutletDirectory):
    """The schedule of the feed watcher, checked before the server starts (ValueError when out of bounds)."""
    if not options.watch:
        return None
    from newsprism.feeds import WatchOptions

    return WatchOptions(every_s=options.watch_every_s, outlets=directory)


def _start_watcher(db: str | Path | None, sources: tuple[str, ...], watch_options):
    """The feed watcher running beside the server (its own thread and store connection), or None."""
    if watch_options is None:
        return None
    from newsprism.pipeline import Watcher

    return Watcher(list(sources), lambda: open_store(db), watch_options).start()
