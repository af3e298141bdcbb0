"""Read only regular files: a FIFO, a device, a socket or a folder is refused before it is opened.

Opening a FIFO for reading blocks until someone writes to it, and a device such as
/dev/zero never ends; both once froze the game. `refusal(path)` says in one short phrase why
a path cannot be read (or None), and `read_regular` reads at most `limit + 1` bytes from a
file that is still regular once open (it is opened non-blocking, so a file swapped for a FIFO
between the check and the open cannot hang us either).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO


class NotAFile(Exception):
    """A path that cannot be read as a regular file; `str()` is a short reason (no path)."""


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "no such file"
    if exc.errno == errno.ELOOP:
        return "cannot read: a loop of symbolic links"
    if exc.errno == errno.ENAMETOOLONG:
        return "cannot read: the file name is too long"
    return f"cannot read: {exc.strerror or exc}"


def refusal(path: str | Path) -> str | None:
    """Why `path` cannot be read as a regular file, or None when it can be."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return _os_reason(exc)
    except ValueError:  # an embedded NUL in the name
        return "cannot read: the name holds a NUL character"
    if stat.S_ISREG(mode):
        return None
    return f"is {kind_of(mode)}, not a file" if stat.S_ISDIR(mode) else \
        f"is {kind_of(mode)}, not a regular file; refusing to read it"


def read_regular(path: str | Path, limit: int) -> bytes:
    """At most `limit + 1` bytes of a regular file (so a caller can tell "too big").

    Raises NotAFile with a one-phrase reason for anything else.
    """
    reason = refusal(path)
    if reason is not None:
        raise NotAFile(reason)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise NotAFile(_os_reason(exc)) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):  # swapped between the check and the open
            raise NotAFile(f"is {kind_of(mode)}, not a regular file; refusing to read it")
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise NotAFile(_os_reason(exc)) from None
    finally:
        os.close(fd)


def open_regular(path: str | Path) -> BinaryIO:
    """A regular file opened for reading in binary, to read a line or a chunk at a time.

    The same checks as `read_regular` (refused before the open, and again once open): for a
    file too big to read whole, such as a policy file of 100 000 lines."""
    reason = refusal(path)
    if reason is not None:
        raise NotAFile(reason)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise NotAFile(_os_reason(exc)) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile(f"is {kind_of(mode)}, not a regular file; refusing to read it")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
