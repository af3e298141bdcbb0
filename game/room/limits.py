"""How often one address may fail to join: a token bucket per address, in memory.

Each refused join or resume costs the sender's address one token; a join from an address
with no token left is refused before its code is looked at. The bucket holds `burst` tokens
and gains one every `every` seconds, so typing the code wrong a few times costs nothing,
while guessing codes runs at ten a minute: the 887 million six-letter codes would take
longer than anyone's workshop.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

BURST = 10              # failed joins an address may make at once
EVERY = 6.0             # seconds for one more
MAX_ADDRESSES = 10_000  # addresses remembered; the fullest buckets are forgotten first


class FailedJoins:
    def __init__(self, burst: int = BURST, every: float = EVERY,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.burst = burst
        self.every = every
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}     # address -> (tokens, at)

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
