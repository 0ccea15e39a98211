"""Bounds that keep one client from stalling everyone: request body size, and analyses in flight per client."""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import HTTPException, Request

# A request body larger than this is refused unread: an article file may be 5 MB, and so may a request.
MAX_BODY_BYTES = 5_000_000
# Expensive requests (analysis, comparison) one client may have in flight at once, and all clients together.
PER_CLIENT_IN_FLIGHT = 2
TOTAL_IN_FLIGHT = 4


class BodyLimitMiddleware:
    """Refuse a request body over `max_bytes` with 413 and a short message: by its Content-Length before reading
    anything, or as soon as a body sent without one (chunked) grows past the limit."""

    def __init__(self, app, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > self.max_bytes:
            await self._refuse(send, declared.decode("latin-1")[:20])
            return
        state = {"received": 0, "started": False, "refused": False}

        async def limited_receive():
            if state["refused"]:
                return {"type": "http.disconnect"}
            message = await receive()
            state["received"] += len(message.get("body", b""))
            if state["received"] > self.max_bytes:  # answer now; the app sees the client gone
                state["refused"] = True
                if not state["started"]:
                    await self._refuse(send, f"over {self.max_bytes}")
                return {"type": "http.disconnect"}
            return message

        async def guarded_send(message) -> None:
            if state["refused"]:
                return
            state["started"] = state["started"] or message["type"] == "http.response.start"
            await send(message)

        await self.app(scope, limited_receive, guarded_send)

    async def _refuse(self, send, size: str) -> None:
        detail = f"request body too large ({size} bytes; the limit is {self.max_bytes})"
        body = json.dumps({"detail": detail}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": [*headers, (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


class ClientLimiter:
    """How many expensive requests each client (by address) and all clients together have in flight; one over
    is answered 429 at once rather than queued, so a client flooding the server waits on itself, not on others."""

    def __init__(self, per_client: int = PER_CLIENT_IN_FLIGHT, total: int = TOTAL_IN_FLIGHT) -> None:
        self.per_client = per_client
        self.total = total
        self._busy: Counter[str] = Counter()
        self._lock = threading.Lock()

    @contextmanager
    def slot(self, client: str) -> Iterator[None]:
        with self._lock:
            if self._busy[client] >= self.per_client:
                raise HTTPException(429, "too many requests in flight from this client", {"Retry-After": "1"})
            if self._busy.total() >= self.total:
                raise HTTPException(503, "the server is busy analysing; try again shortly", {"Retry-After": "1"})
            self._busy[client] += 1
        try:
            yield
        finally:
            with self._lock:
                self._busy[client] -= 1
                if self._busy[client] <= 0:
                    del self._busy[client]


def expensive(request: Request) -> Iterator[None]:
    """Dependency of the endpoints that analyse: holds one of the client's slots for the request."""
    limiter: ClientLimiter = request.app.state.limiter
    with limiter.slot(request.client.host if request.client else "unknown"):
        yield
