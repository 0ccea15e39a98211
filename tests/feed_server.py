"""A feed server for tests on 127.0.0.1: routes of bytes or handlers, every request recorded with its headers."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

JOIN_TIMEOUT_S = 5.0


@dataclass
class Reply:
    """What a route answers: a status, headers and a body; `delay_s` (bounded) before answering; `chunked`
    sends no Content-Length (the body ends when the connection closes)."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    chunked: bool = False


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    at: float


Route = Reply | Callable[[dict[str, str]], Reply]


class FeedServer:
    """Serves `routes` (path -> Reply, or a function of the request headers giving one); 404 elsewhere."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self.base = ""

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def hits(self, path: str) -> list[Seen]:
        return [seen for seen in self.requests if seen.path == path]

    def answer(self, path: str, headers: dict[str, str]) -> Reply:
        self.requests.append(Seen(path, headers, time.monotonic()))
        route = self.routes.get(path)
        if route is None:
            return Reply(b"not here", 404)
        return route(headers) if callable(route) else route


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            reply = server.answer(self.path, {k.lower(): v for k, v in self.headers.items()})
            time.sleep(min(reply.delay_s, JOIN_TIMEOUT_S))
            self.send_response(reply.status)
            for key, value in reply.headers.items():
                self.send_header(key, value)
            if reply.chunked:
                self.send_header("Connection", "close")
                self.close_connection = True
            else:
                self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (a cap under test)
                self.wfile.write(reply.body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@contextmanager
def feed_server() -> Iterator[FeedServer]:
    """A `FeedServer` on a free port of 127.0.0.1 for the duration of the block."""
    state = FeedServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(JOIN_TIMEOUT_S)
