"""Opening the play history's SQLite file: a damaged one is moved aside, a lock waits briefly.

A file that is not SQLite, or fails SQLite's quick check, is renamed with its bytes kept
(`history-damaged-<date>-<time>.sqlite3`, its journal beside it) and a new history is
started in its place; the caller gets a notice to show. A lock held by another program (a
second game window) is waited on for at most `BUSY_TIMEOUT` seconds, then `HistoryLocked`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from pathlib import Path

from game.persistence.files import SaveError

BUSY_TIMEOUT = 0.5                     # seconds a lock may wait; a game opens the history twice
_DAMAGED_CODES = (11, 26)              # SQLITE_CORRUPT, SQLITE_NOTADB
SCHEMA = """
CREATE TABLE IF NOT EXISTS plays (
    id INTEGER PRIMARY KEY, scenario TEXT NOT NULL, date TEXT NOT NULL, seed INTEGER NOT NULL,
    player TEXT NOT NULL, final TEXT NOT NULL, score REAL NOT NULL, par REAL,
    leader_share REAL NOT NULL, profile TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS plays_by_scenario ON plays (scenario, id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class HistoryLocked(SaveError):
    """Another program holds the history's lock for longer than `BUSY_TIMEOUT`."""


def _damaged(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _DAMAGED_CODES
    return isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError)


def locked(exc: sqlite3.Error) -> bool:
    return "locked" in str(exc) or getattr(exc, "sqlite_errorcode", 0) & 0xFF in (5, 6)


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
    db.text_factory = lambda raw: raw.decode("utf-8", "replace")
    try:
        db.executescript(SCHEMA)
        verdict = db.execute("PRAGMA quick_check").fetchone()
        if verdict is None or verdict[0] != "ok":
            raise sqlite3.DatabaseError(f"database disk image is malformed ({verdict})")
    except BaseException:
        db.close()
        raise
    return db


def _move_aside(path: Path) -> Path:
    """Rename a damaged history (and its journal) to a free `history-damaged-...` name."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside, n = path.with_name(f"history-damaged-{stamp}.sqlite3"), 2
    while os.path.lexists(aside):
        aside, n = path.with_name(f"history-damaged-{stamp}-{n}.sqlite3"), n + 1
    os.replace(path, aside)
    for suffix in ("-journal", "-wal"):
        with contextlib.suppress(OSError):
            os.replace(f"{path}{suffix}", f"{aside}{suffix}")
    return aside


def open_history(path: Path, notices: list[str]) -> sqlite3.Connection:
    """The history, or a new one when it is damaged (the old one kept aside and noted)."""
    try:
        return _connect(path)
    except sqlite3.Error as exc:
        if locked(exc):
            raise HistoryLocked(f"{path}: the play history is locked by another program (another "
                                f"game window?); waited {BUSY_TIMEOUT:g} s") from None
        if not _damaged(exc) or not path.is_file():
            raise SaveError(f"{path}: cannot open the play history: {exc}") from None
        try:
            aside = _move_aside(path)
        except OSError as move:
            raise SaveError(f"{path}: the play history is damaged ({exc}) and cannot be moved "
                            f"aside: {move.strerror or move}") from None
        notices.append(f"{path}: the play history was damaged ({exc}); it is kept as "
                       f"{aside.name} and a new history was started")
    try:
        return _connect(path)
    except sqlite3.Error as exc:
        raise SaveError(f"{path}: cannot start a new play history: {exc}") from None
