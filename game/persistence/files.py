"""Reading JSON files with one-line errors, and writing files atomically."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from game.safeio import JsonRefused, NotAFile, WriteRefused, loads_limited, read_regular
from game.safeio import write_atomic as safe_write

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
    """Strict JSON: no NaN or Infinity, no repeated keys, no deep nesting or endless digits.

    SaveError says file:line:column."""
    try:
        return loads_limited(text, parse_constant=_no_constants, object_pairs_hook=_no_duplicates)
    except JsonRefused as exc:
        raise SaveError(f"{source}:{exc}") from None
    except ValueError as exc:  # raised by the hooks above
        raise SaveError(f"{source}: {exc}") from None


def read_text(path: Path, what: str = "save file") -> str:
    """The file's UTF-8 text, or SaveError: missing, not a regular file, too big, not text."""
    try:
        data = read_regular(path, MAX_BYTES)
    except NotAFile as exc:
        raise SaveError(f"{path}: {exc}") from None
    if len(data) > MAX_BYTES:
        raise SaveError(f"{path}: over {MAX_BYTES // (1024 * 1024)} MiB, too big to be a {what}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SaveError(f"{path}:{line}: not UTF-8 text (byte 0x{data[exc.start]:02x}); "
                        f"is it a {what}?") from None


def write_atomic(path: str | Path, text: str, *, within: str | Path | None = None) -> None:
    """Write `text` to `path` so that readers see the old file or the new, never half of one.

    See `game.safeio.write_atomic`: a temporary file beside the target, flushed, then
    `os.replace`. On any failure the old file is left as it was; SaveError names the file.
    """
    try:
        safe_write(path, text.encode("utf-8"), within=within)
    except WriteRefused as exc:
        raise SaveError(str(exc)) from None
