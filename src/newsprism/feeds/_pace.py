"""Per-host politeness: requests to one host are spaced at least an interval apart, across threads."""

from __future__ import annotations

import threading
import time


class HostPacer:
    """Hands out each host's next free slot; waiting happens outside the lock, on an event that `stop` sets, so a
    stopping watcher never sleeps through a long interval."""

    def __init__(self, interval_s: float, stop: threading.Event | None = None) -> None:
        self.interval_s = interval_s
        self._stop = stop or threading.Event()
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str) -> bool:
        """Wait for `host`'s turn; False when stopped meanwhile (the request should not be sent)."""
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(host, now))
            self._next[host] = slot + self.interval_s
        delay = slot - now
        if delay > 0:
            return not self._stop.wait(delay)
        return not self._stop.is_set()
