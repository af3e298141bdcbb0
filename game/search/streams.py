"""One seed stream per playthrough, served to a batched step as if it were one generator.

`GameSession` rolls its dice from `numpy.random.default_rng(seed)`: each call of the
model's step draws `(1,)` or `(1, N)` numbers. A batch of B playthroughs needs row b of every
draw to be exactly what playthrough b's own generator would have given, so `RowStreams`
keeps one generator per row and hands the step `(B, ...)` arrays built row by row.

Only `random` and `uniform` are served: that is all the model draws. Anything else fails
loudly (`AttributeError`) so a model change cannot silently break bit-identity.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

Array = np.ndarray
_CHUNK = 64  # doubles drawn per row at a time


class RowStreams:
    """B independent generators (one per seed) that step in lockstep.

    Each call consumes the same count of doubles from every row, so the rows share one
    cursor into a (B, K) buffer of doubles drawn ahead. A double is the same whether drawn
    alone or in a block (numpy's `Generator.random`), and `uniform(low, high)` is
    `low + (high - low) * random()`, so serving draws from the buffer is bit-identical to
    calling each generator. Rows with the same seed roll the same dice, so each seed's
    generator draws once for all of its rows.
    """

    def __init__(self, seeds: Sequence[int], ahead: int = _CHUNK) -> None:
        """`ahead`: doubles per row to draw at a time (say, what a whole game draws)."""
        distinct, self._seed_of_row = np.unique(np.array([int(s) for s in seeds], dtype=object),
                                                return_inverse=True)
        self._seed_of_row = self._seed_of_row.reshape(-1)
        self._generators = [np.random.default_rng(int(s)) for s in distinct]
        self._buffer = np.empty((len(seeds), 0))
        self._cursor = 0
        self._chunk = max(int(ahead), 1)

    @property
    def batch(self) -> int:
        return int(self._seed_of_row.size)

    def _ahead(self, count: int) -> None:
        """Make sure `count` doubles past the cursor are drawn (the cursor may move to 0)."""
        if self._cursor + count > self._buffer.shape[1]:
            fresh = max(count, self._chunk)
            drawn = np.stack([g.random(fresh) for g in self._generators])[self._seed_of_row] \
                if self._generators else np.empty((0, fresh))
            self._buffer = np.concatenate([self._buffer[:, self._cursor:], drawn], axis=1)
            self._cursor = 0

    def _take(self, count: int) -> Array:
        self._ahead(count)
        block = self._buffer[:, self._cursor:self._cursor + count]
        self._cursor += count
        return block

    def _peek(self, rows: Array, offset: int, count: int) -> Array:
        self._ahead(offset + count)
        start = self._cursor + offset
        return self._buffer[rows, start:start + count]

    def split(self, groups: Sequence[Array]) -> list[RowGroup]:
        """Streams for groups of rows that each draw what the whole batch would, in turn.

        Every group must then draw the same count (as every step does); `join` moves this
        stream on past what they drew."""
        return [RowGroup(self, np.asarray(rows)) for rows in groups]

    def join(self, groups: Sequence[RowGroup]) -> None:
        drawn = {g.drawn for g in groups}
        if len(drawn) > 1:
            raise ValueError(f"groups of rows drew different counts: {sorted(drawn)}")
        self._cursor += drawn.pop() if drawn else 0

    def _shape(self, size: int | tuple[int, ...]) -> tuple[int, ...]:
        shape = (size,) if isinstance(size, int | np.integer) else tuple(int(s) for s in size)
        if not shape or shape[0] != self.batch:
            raise ValueError(f"a batched draw must lead with the batch size {self.batch}, not {shape}")
        return shape

    def random(self, size: int | tuple[int, ...]) -> Array:
        shape = self._shape(size)
        per_row = int(np.prod(shape[1:], dtype=np.int64))
        return self._take(per_row).reshape(shape)

    def uniform(self, low: float = 0.0, high: float = 1.0, size: int | tuple[int, ...] = 1) -> Array:
        if not (np.ndim(low) == 0 and np.ndim(high) == 0):
            raise ValueError("RowStreams.uniform takes scalar bounds")
        low, high = float(low), float(high)
        return low + (high - low) * self.random(size)


class RowGroup(RowStreams):
    """Some rows of a `RowStreams`, drawing from the same place in each row's stream."""

    def __init__(self, parent: RowStreams, rows: Array) -> None:
        self._parent, self._rows, self.drawn = parent, rows, 0

    @property
    def batch(self) -> int:
        return int(self._rows.size)

    def _take(self, count: int) -> Array:
        block = self._parent._peek(self._rows, self.drawn, count)
        self.drawn += count
        return block
