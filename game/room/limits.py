"""How often one address may fail to join, and how fast a room takes joins: token buckets.

Each refused join or resume costs the sender's address one token. A join with the right
code is never held up by them (many participants share one address behind a school's
router). A wrong code from an address with no token left is answered only when its next
token is due, and such an address has at most `PENDING` answers waiting at once, so
guessing codes runs at well under one a second: the 887 million six-letter codes would take
longer than anyone's workshop. Separately, a room takes at most `JOIN_BURST` joins at once
and one more every `JOIN_EVERY` seconds, whoever sends them.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

BURST = 10              # failed joins an address may make at once
EVERY = 6.0             # seconds for one more
MAX_ADDRESSES = 10_000  # addresses remembered; the fullest buckets are forgotten first
PENDING = 4             # wrong codes from one limited address waiting for their answer at once
JOIN_BURST = 40         # joins a room takes at once (a workshop joining together)
JOIN_EVERY = 0.5        # seconds for one more


class FailedJoins:
    def __init__(self, burst: int = BURST, every: float = EVERY,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.burst = burst
        self.every = every
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}     # address -> (tokens, at)
        self.pending: dict[str, int] = {}                         # address -> answers held back

    def _tokens(self, address: str, now: float) -> float:
        tokens, at = self._buckets.get(address, (float(self.burst), now))
        return min(float(self.burst), tokens + (now - at) / self.every)

    def wait(self, address: str) -> int:
        """Seconds before `address` may try to join again (0: it may now)."""
        tokens = self._tokens(address, self.clock())
        return 0 if tokens >= 1.0 else math.ceil((1.0 - tokens) * self.every)

    def failed(self, address: str) -> None:
        now = self.clock()
        self._buckets[address] = (max(0.0, self._tokens(address, now) - 1.0), now)
        if len(self._buckets) > MAX_ADDRESSES:
            self._forget(now)

    def _forget(self, now: float) -> None:
        fullest = sorted(self._buckets, key=lambda a: -self._tokens(a, now))
        full = [a for a in fullest if self._tokens(a, now) >= self.burst]
        for address in full or fullest[:len(fullest) // 2]:
            del self._buckets[address]


class Bucket:
    """A token bucket for one thing (a room's joins): `burst` at once, one more every `every` s."""

    def __init__(self, burst: int, every: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.burst = burst
        self.every = every
        self.clock = clock
        self.tokens = float(burst)
        self.at = clock()

    def take(self) -> int:
        """0 if a token was taken; else the seconds until one is there."""
        now = self.clock()
        self.tokens = min(float(self.burst), self.tokens + (now - self.at) / self.every)
        self.at = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return 0
        return math.ceil((1.0 - self.tokens) * self.every)
