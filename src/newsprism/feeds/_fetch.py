"""Polite HTTP: conditional GET, a timeout and a size cap per response, retries with backoff, per-host pacing."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

from newsprism._errors import NewsprismError
from newsprism.feeds._options import FetchOptions
from newsprism.feeds._pace import HostPacer

_RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
_CHUNK = 65_536


class FetchError(NewsprismError):
    """A feed or page could not be fetched; `transient` when trying again later may succeed."""

    def __init__(self, url: str, problem: str, *, transient: bool = False, retry_after: float | None = None) -> None:
        super().__init__(f"{url}: {problem}")
        self.url = url
        self.problem = problem
        self.transient = transient
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class Response:
    """A fetched body with what later steps need of the headers; `status` 304 carries no body."""

    url: str
    status: int
    content: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def charset(self) -> str | None:
        """The charset the Content-Type header declares, if any."""
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip(' "'):
                return value.strip(' "')
        return None


class Fetcher:
    """One HTTP client for a watch: keeps connections alive, names newsprism in its User-Agent, and stops
    promptly when `stop` is set (pending waits end, no new request starts)."""

    def __init__(self, options: FetchOptions | None = None, stop: threading.Event | None = None) -> None:
        self.options = options or FetchOptions()
        self.stop = stop or threading.Event()
        self._pacer = HostPacer(self.options.host_interval_s, self.stop)
        timeout = httpx.Timeout(self.options.timeout_s)
        self._client = httpx.Client(
            timeout=timeout,
            follow_redirects=True,
            max_redirects=self.options.max_redirects,
            headers={"User-Agent": self.options.user_agent},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, *, etag: str = "", last_modified: str = "", accept: str = "*/*") -> Response:
        """GET `url` (conditionally when an ETag or Last-Modified is given), retrying what may pass on retry."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for attempt in range(self.options.retries + 1):
            try:
                return self._once(url, headers)
            except FetchError as exc:
                if not exc.transient or attempt == self.options.retries:
                    raise
                delay = exc.retry_after if exc.retry_after is not None else self.options.backoff_s * 2**attempt
                if self.stop.wait(min(delay, self.options.max_retry_after_s)):
                    raise FetchError(url, "stopped", transient=True) from exc
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _once(self, url: str, headers: dict[str, str]) -> Response:
        if not self._pacer.wait(urlsplit(url).netloc.lower()):
            raise FetchError(url, "stopped", transient=True)
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304:
                    return Response(str(response.url), 304, headers=dict(response.headers))
                if response.status_code != 200:
                    raise _status_error(url, response)
                content = self._capped_body(url, response)
                return Response(str(response.url), 200, content, dict(response.headers))
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out after {self.options.timeout_s:g} s", transient=True) from exc
        except httpx.TooManyRedirects as exc:
            raise FetchError(url, f"more than {self.options.max_redirects} redirects") from exc
        except (httpx.TransportError, httpx.InvalidURL) as exc:
            raise FetchError(url, f"cannot connect ({type(exc).__name__})", transient=True) from exc

    def _capped_body(self, url: str, response: httpx.Response) -> bytes:
        limit = self.options.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"response too large ({int(declared):,} bytes; the limit is {limit:,})")
        body = bytearray()
        for chunk in response.iter_bytes(_CHUNK):
            body += chunk
            if len(body) > limit:
                raise FetchError(url, f"response too large (more than {limit:,} bytes)")
            if self.stop.is_set():
                raise FetchError(url, "stopped", transient=True)
        return bytes(body)


def _status_error(url: str, response: httpx.Response) -> FetchError:
    status = response.status_code
    return FetchError(
        url,
        f"HTTP {status} {response.reason_phrase}".strip(),
        transient=status in _RETRY_STATUSES,
        retry_after=_retry_after(response.headers.get("retry-after", "")),
    )


def _retry_after(value: str) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date); None when absent or unreadable."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, (moment - datetime.now(UTC)).total_seconds()) if moment.tzinfo else None
