"""All settings of following feeds in one options object, passed down to every step."""

from __future__ import annotations

from dataclasses import dataclass

from newsprism.ingest import MAX_BYTES
from newsprism.outlets import OutletDirectory

USER_AGENT = "newsprism/0.1 (news feed reader; one story through many outlets)"
"""Names newsprism in every request, so a site's operator can tell who is polling."""

DEFAULT_EVERY_S = 15 * 60.0
MIN_EVERY_S = 1.0
"""A schedule faster than this would hammer a site; refused."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchOptions:
    """How politely and how far one request may go.

    `timeout_s` bounds each connect, read and write; `max_bytes` each response body (a feed or a page, counted
    after decompression); a failed request is tried `retries` more times, waiting `backoff_s`, then twice that, and
    so on (a `Retry-After` of up to `max_retry_after_s` is honoured instead); two requests to one host are at
    least `host_interval_s` apart."""

    timeout_s: float = 10.0
    max_bytes: int = MAX_BYTES
    retries: int = 2
    backoff_s: float = 1.0
    max_retry_after_s: float = 60.0
    host_interval_s: float = 1.0
    max_redirects: int = 5
    user_agent: str = USER_AGENT

    def __post_init__(self) -> None:
        if self.timeout_s <= 0 or self.max_bytes <= 0 or self.retries < 0 or self.backoff_s < 0:
            raise ValueError("timeout and size cap must be positive; retries and backoff not negative")
        if self.host_interval_s < 0:
            raise ValueError("the per-host interval must not be negative")


@dataclass(frozen=True, slots=True, kw_only=True)
class WatchOptions:
    """One round every `every_s` seconds; at most `max_entries` new entries taken per feed and round (the newest
    wait for the next round, so one flooding feed cannot starve the others); with `outlets`, an article whose URL
    or feed title matches an outlet is stored under that outlet's name."""

    every_s: float = DEFAULT_EVERY_S
    max_entries: int = 100
    fetch: FetchOptions = FetchOptions()
    outlets: OutletDirectory | None = None

    def __post_init__(self) -> None:
        if self.every_s < MIN_EVERY_S:
            raise ValueError(f"the schedule must be at least {MIN_EVERY_S:g} s apart")
        if self.max_entries < 1:
            raise ValueError("max_entries must be at least 1")
