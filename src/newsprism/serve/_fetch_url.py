"""Fetching an article page a user names on the compare page, without letting the server be used against its
own network: http(s) only, a timeout and a size cap, at most a few redirects, and every connection checked
where it is made — each address a host name resolves to must be public (no loopback, private, link-local,
reserved or multicast address) unless the server was started with `--fetch-private`. Checking at connect time,
on the address actually dialled, also covers redirects and a name that resolves differently the second time.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from urllib.parse import urlsplit

import httpcore
import httpx

from newsprism._errors import InputError
from newsprism.feeds import USER_AGENT
from newsprism.ingest._build import build_article
from newsprism.ingest._decode import decode_text
from newsprism.ingest._html import parse_html
from newsprism.types import Article

FETCH_TIMEOUT_S = 10.0
# A page trickled in slowly is cut off after this long in all, whatever each read takes.
FETCH_TOTAL_S = 20.0
MAX_PAGE_BYTES = 5_000_000
MAX_REDIRECTS = 3
_CHUNK = 65_536
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"


class _PublicOnlyBackend(httpcore.SyncBackend):
    """Connects only to public addresses (or to any, when `allow_private`), dialling the address it checked."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}") from exc
        addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
        if not addresses:
            raise httpcore.ConnectError(f"cannot resolve {host}")
        if not self.allow_private and not all(address.is_global for address in addresses):
            raise httpcore.ConnectError(f"{host} is not a public address")
        return super().connect_tcp(str(addresses[0]), port, timeout, local_address, socket_options)


class _GuardedTransport(httpx.HTTPTransport):
    def __init__(self, allow_private: bool) -> None:
        super().__init__(trust_env=False)
        # The pool is rebuilt around the checking backend; TLS still verifies the certificate of the host named.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(), network_backend=_PublicOnlyBackend(allow_private)
        )


def fetch_article(url: str, *, allow_private: bool = False) -> Article:
    """The article of the page at `url`, or `InputError` naming the URL and the problem."""
    url = url.strip()
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise InputError(url[:200], "only http(s) addresses can be fetched")
    client = httpx.Client(
        transport=_GuardedTransport(allow_private),
        timeout=FETCH_TIMEOUT_S,
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT},
        trust_env=False,
    )
    try:
        with client, client.stream("GET", url) as response:
            if response.status_code != 200:
                raise InputError(url[:200], f"the server answered {response.status_code}")
            body = _capped(url, response)
            charset = response.charset_encoding
            final = str(response.url)
    except httpx.TimeoutException as exc:
        raise InputError(url[:200], f"no answer within {FETCH_TIMEOUT_S:g} s") from exc
    except httpx.TooManyRedirects as exc:
        raise InputError(url[:200], f"more than {MAX_REDIRECTS} redirects") from exc
    except (httpx.TransportError, httpx.InvalidURL) as exc:
        raise InputError(url[:200], f"cannot fetch it ({str(exc)[:120] or type(exc).__name__})") from exc
    fields = parse_html(final, decode_text(final, body, charset))
    return build_article(final[:200], {**fields, "url": final})


def _capped(url: str, response: httpx.Response) -> bytes:
    deadline = time.monotonic() + FETCH_TOTAL_S
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_PAGE_BYTES:
        raise InputError(url[:200], f"the page is larger than {MAX_PAGE_BYTES:,} bytes")
    body = bytearray()
    for chunk in response.iter_bytes(_CHUNK):
        body += chunk
        if len(body) > MAX_PAGE_BYTES:
            raise InputError(url[:200], f"the page is larger than {MAX_PAGE_BYTES:,} bytes")
        if time.monotonic() > deadline:
            raise InputError(url[:200], f"the page took more than {FETCH_TOTAL_S:g} s to arrive")
    return bytes(body)
