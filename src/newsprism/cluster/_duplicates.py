"""Syndicated and near-duplicate copies: MinHash over word shingles, looked up with LSH (datasketch).

Wire copies appear within days of each other, so copies older than the window are forgotten: the index
stays as small as the recent stream, and a text recycled months later counts as new coverage.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta

from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SHINGLE_WORDS = 4
# Estimated Jaccard similarity of shingles above which two texts are copies of one another.
DUPLICATE_MIN_JACCARD = 0.8
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class DuplicateOptions:
    threshold: float = DUPLICATE_MIN_JACCARD
    window_days: float = 7.0


def minhash(text: str) -> MinHash:
    """MinHash of the text's word shingles (lower-cased)."""
    words = [w.lower() for w in _WORD.findall(text)]
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(len(words) - SHINGLE_WORDS + 1, 1))}
    signature = MinHash(num_perm=NUM_PERM)
    signature.update_batch([s.encode() for s in shingles])
    return signature


class DuplicateIndex:
    """Finds the earlier copy of a text among the recent ones."""

    def __init__(self, options: DuplicateOptions | None = None) -> None:
        self.options = options or DuplicateOptions()
        self._lsh = MinHashLSH(threshold=self.options.threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, MinHash] = {}
        self._recent: deque[tuple[datetime, str]] = deque()

    def check_and_add(self, key: str, text: str, when: datetime | None) -> str | None:
        """The key of an earlier near-identical text, or None; the text is indexed either way."""
        self._forget_before(when)
        signature = minhash(text)
        best, best_score = None, self.options.threshold
        for other in self._lsh.query(signature):
            score = signature.jaccard(self._signatures[other])
            if score >= best_score:
                best, best_score = other, score
        if key not in self._signatures:
            self._lsh.insert(key, signature)
            self._signatures[key] = signature
            if when is not None:
                self._recent.append((when, key))
        return best

    def _forget_before(self, when: datetime | None) -> None:
        if when is None:
            return
        horizon = when - timedelta(days=self.options.window_days)
        while self._recent and self._recent[0][0] < horizon:
            _, old = self._recent.popleft()
            if old in self._signatures:
                self._lsh.remove(old)
                del self._signatures[old]
