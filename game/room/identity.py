"""Which room a `room serve` command resumes: the room file it keeps beside the database.

A server writes the code of the room it serves to a small file (this user only) named by
the database and the port it was asked for: `room.sqlite.8765.room` beside a SQLite file,
or a file in the data folder for a database server. The same command started again reads it
and resumes that room, whatever other rooms the database holds.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from game.persistence.datadir import data_dir
from game.safeio import WriteRefused, write_atomic
from game.safeio.regular import NotAFile, read_regular

_CODE = re.compile("[A-Z0-9]{4,12}")


def room_file(database: Path | None, url: str, port: int) -> Path:
    """The room file for a server of `url` (its SQLite `database` file, if any) on `port`."""
    if database is not None:
        return database.with_name(f"{database.name}.{port}.room")
    key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
    return data_dir() / "rooms" / f"{key}.{port}.room"


def remembered_code(path: Path) -> str | None:
    """The join code a room file holds, or None (no file, or not one of ours)."""
    try:
        data = json.loads(read_regular(path, 4096))
    except (NotAFile, ValueError, RecursionError):
        return None
    code = data.get("code") if isinstance(data, dict) else None
    return code if isinstance(code, str) and _CODE.fullmatch(code) else None


def remember(path: Path, code: str) -> str | None:
    """Write the room file (created 0600); the reason in one line if it could not be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps({"code": code}) + "\n", mode=0o600)
    except (OSError, WriteRefused) as exc:
        return f"cannot write {path}: {getattr(exc, 'strerror', None) or exc}"
    return None
