"""Replace a file in one step, so that readers (and a `kill -9`) see the old file or the new.

The data goes to a temporary file beside the target, named `.<name>.sk<pid>-<random>.tmp`,
is flushed to disk, and then replaces the target with `os.replace`; the folder is synced
too. On any failure (a full disk, a read-only folder) the temporary file is removed and the
target is left byte for byte as it was. A temporary file left behind by a killed process
(its pid no longer runs) is removed by `clean_stale_temporaries`, which the game calls when
it starts and before each write into a folder.

Never written onto: a device, a FIFO, a socket or a folder (the path is refused). A
symbolic link is replaced by the new file, never written through, unless `follow=True`;
with `within=` a link leading outside that folder is refused.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
import time
from pathlib import Path

from game.safeio.regular import kind_of

TEMP_MARK = ".sk"
STALE_AFTER = 3600.0  # seconds, where a writer's pid cannot be checked
_TEMP = re.compile(r"^\..+\.sk(?P<pid>\d+)-[0-9a-f]{8}\.tmp$")


class WriteRefused(Exception):
    """A file that cannot or must not be written; `str()` is one line naming the file."""


def _temp_name(target: Path) -> Path:
    name = target.name[:120]  # leave room in the 255-byte name limit
    return target.with_name(f".{name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}.tmp")


def _target(path: Path, follow: bool, within: Path | None) -> Path:
    """The file to replace, after the device and symlink rules."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise WriteRefused(f"{path}: cannot write: {exc.strerror or exc}") from None
    if stat.S_ISLNK(info.st_mode):
        real = Path(os.path.realpath(path))
        if within is not None and not _inside(real, within):
            raise WriteRefused(f"{path}: a symbolic link leading outside {within}; not following it")
        if follow:
            return _target(real, False, within) if real != path else path
        return path  # os.replace swaps the link itself for the new file
    if not stat.S_ISREG(info.st_mode):
        raise WriteRefused(f"{path}: is {kind_of(info.st_mode)}; refusing to write onto it")
    return path


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(Path(os.path.realpath(folder)))
    except ValueError:
        return False
    return True


def write_atomic(path: str | Path, data: bytes | str, *, follow: bool = False,
                 within: str | Path | None = None, mode: int | None = None) -> Path:
    """Replace `path` with `data` atomically; returns the file written. WriteRefused on failure.

    `follow`: write to the file a symbolic link points at (keeping the link).
    `within`: refuse a symbolic link that leads outside this folder.
    `mode`: the new file's permissions (0o600: this user only), whatever the old file's were;
    by default an existing file keeps its permissions and a new one is readable by all.
    """
    target = _target(Path(path), follow, Path(within) if within is not None else None)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    folder = target.parent if str(target.parent) else Path(".")
    clean_stale_temporaries(folder, target.name)
    temp = _temp_name(target)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError as exc:
        raise WriteRefused(f"{target}: cannot write here: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(raw)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, _mode_for(target) if mode is None else mode)
        os.replace(temp, target)
    except OSError as exc:
        _remove_quietly(temp)
        raise WriteRefused(f"{target}: cannot write: {exc.strerror or exc} "
                           "(the old file is unchanged)") from None
    except BaseException:
        _remove_quietly(temp)
        raise
    _sync_folder(folder)
    return target


def clean_stale_temporaries(folder: str | Path, name: str | None = None) -> int:
    """Remove temporary files left in `folder` by processes that no longer run.

    With `name`, only those of that target file. Returns how many were removed.
    """
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        match = _TEMP.match(entry.name)
        if not match or (name is not None and not entry.name.startswith(f".{name[:120]}{TEMP_MARK}")):
            continue
        if _running(int(match["pid"]), entry):
            continue
        try:
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed += 1
        except OSError:
            pass
    return removed


def _running(pid: int, entry: os.DirEntry[str]) -> bool:
    """Whether the process that wrote this temporary file may still be writing it."""
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill would end the process there: judge by age instead
        try:
            return time.time() - entry.stat().st_mtime < STALE_AFTER
        except OSError:
            return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return pid < 2**31  # someone else's live process
    except OSError:
        return False
    return True


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; a new file is readable by all (temp files are not)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return 0o644


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_quietly(name: Path) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass
