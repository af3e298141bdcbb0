"""Reading JSON files with one-line errors, and writing files atomically."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

MAX_BYTES = 8 * 1024 * 1024  # a save of a long game is tens of kilobytes


class SaveError(Exception):
    """A save or history file that cannot be used; the message is one line naming the file."""


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise ValueError(f"the key {key!r} appears twice in one object")
        data[key] = value
    return data


def parse_json(text: str, source: str) -> Any:
    """Strict JSON: no NaN or Infinity, no repeated keys. SaveError says file:line:column."""
    try:
        return json.loads(text, parse_constant=_no_constants, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise SaveError(f"{source}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    except ValueError as exc:  # raised by the hooks above
        raise SaveError(f"{source}: {exc}") from None
    except RecursionError:
        raise SaveError(f"{source}: nested too deeply to be a save") from None


def read_text(path: Path, what: str = "save file") -> str:
    """The file's UTF-8 text, or SaveError: missing, a directory, too big, not text."""
    try:
        if path.is_dir():
            raise SaveError(f"{path}: is a directory, not a {what}")
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise SaveError(f"{path}: no such file") from None
    except OSError as exc:
        raise SaveError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise SaveError(f"{path}: over {MAX_BYTES // (1024 * 1024)} MiB, too big to be a {what}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SaveError(f"{path}:{line}: not UTF-8 text (byte 0x{data[exc.start]:02x}); "
                        f"is it a {what}?") from None


def write_atomic(path: str | Path, text: str) -> None:
    """Write `text` to `path` so that readers see the old file or the new, never half of one.

    The text goes to a temporary file in the same folder, is flushed to disk, and then
    replaces the target in one step (`os.replace`). On any failure the temporary file is
    removed and the old file is left as it was.
    """
    target = Path(path)
    data = text.encode("utf-8")
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise SaveError(f"{target}: cannot write here: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp_name, _mode_for(target))
        os.replace(temp_name, target)
    except OSError as exc:
        _remove_quietly(temp_name)
        raise SaveError(f"{target}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        _remove_quietly(temp_name)
        raise


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; a new file is readable by all (temp files are not)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return 0o644


def _remove_quietly(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass
