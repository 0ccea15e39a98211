"""Who may write, which Host names are answered, and the headers every response carries."""

from __future__ import annotations

import hmac
import ipaddress

from fastapi import HTTPException, Request

from newsprism._errors import NewsprismError

TOKEN_ENV = "NEWSPRISM_TOKEN"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
# Pages and the API docs use only what this server serves; no frame may embed them.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
)


class SecurityHeadersMiddleware:
    """Adds the security headers to every response, errors included."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in SECURITY_HEADERS}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message = {**message, "headers": [*kept, *SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, receive, with_headers)


def is_loopback(host: str) -> bool:
    """Whether binding to `host` keeps the server reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to listen beyond loopback without a token: anyone on the network could write to the store."""
    if not is_loopback(host) and not token:
        raise NewsprismError(
            f"refusing to listen on {host} without a token: give --token (or set {TOKEN_ENV}) so that only "
            "clients with it can write"
        )


def serving_hosts(host: str, extra: list[str] | tuple[str, ...] = ()) -> list[str]:
    """The Host names to answer: loopback names, the address listened on (unless a wildcard), and any given."""
    hosts = [*LOOPBACK_HOSTS, *extra]
    if host not in ("0.0.0.0", "::", "") and host not in hosts:
        hosts.append(host)
    return hosts


def require_token(request: Request) -> None:
    """Dependency of the write endpoints: when the server has a token, the request must carry it as a Bearer."""
    token: str | None = request.app.state.token
    if not token:
        return
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(
            401, "writing needs the server's token (Authorization: Bearer …)", {"WWW-Authenticate": "Bearer"}
        )
