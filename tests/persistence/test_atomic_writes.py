"""Every write that replaces a user's file is atomic: `balance --write-par`, `schema -o`, saves.

A failure (a full disk, a read-only folder, a device where the file should be) leaves the
old file byte for byte as it was, names the file in one line, and leaves no temporary file.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import uuid
from pathlib import Path

import pytest

from game.cli import main
from game.commands.balance import write_par
from game.commands.common import CommandError
from game.persistence import SaveError, save_game
from game.rules.session import GameSession
from game.safeio import clean_stale_temporaries, write_atomic
from game.scenario import scenarios_dir

SHIPPED = scenarios_dir() / "first-voyage.yaml"


def crlf_copy(tmp_path: Path) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_bytes(SHIPPED.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    return path


def test_write_par_keeps_crlf_line_endings(tmp_path: Path) -> None:
    path = crlf_copy(tmp_path)
    write_par(path, 61.25)
    data = path.read_bytes()
    assert b"par: 61.2\r\n" in data and data.count(b"\n") == data.count(b"\r\n")
    assert [p.name for p in tmp_path.iterdir()] == ["mine.yaml"]


def test_write_par_keeps_lf_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    shutil.copy(SHIPPED, path)
    write_par(path, 50)
    assert b"\r" not in path.read_bytes() and b"par: 50.0\n" in path.read_bytes()


def test_write_par_failing_midway_leaves_the_file_and_names_it(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = crlf_copy(tmp_path)
    before = path.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(CommandError) as failed:
        write_par(path, 61.25)
    assert str(path) in str(failed.value) and "No space left" in str(failed.value)
    assert "\n" not in str(failed.value)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["mine.yaml"]


def test_write_par_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = crlf_copy(tmp_path)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    write_par(link, 70)
    assert link.is_symlink() and b"par: 70.0\r\n" in real.read_bytes()


@pytest.fixture
def small_disk(tmp_path: Path) -> Path:
    """A 256 KiB tmpfs; skipped where mounting is not allowed."""
    where = tmp_path / "disk"
    where.mkdir()
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(where)],
                              capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        pytest.skip("cannot run mount here")
    if done.returncode != 0:
        pytest.skip("mounting a tmpfs is not allowed here")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], capture_output=True, timeout=20)


def test_write_par_on_a_full_disk_leaves_the_scenario_byte_identical(small_disk: Path) -> None:
    path = crlf_copy(small_disk)
    before = path.read_bytes()
    filler = small_disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)   # fill the disk to the last byte
    try:
        for size in (65536, 4096, 1):
            try:
                while os.write(fd, b"x" * size):
                    pass
            except OSError:
                pass
    finally:
        os.close(fd)
    with pytest.raises(CommandError) as failed:
        write_par(path, 61.25)
    assert str(path) in str(failed.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "mine.yaml"]


def test_schema_output_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "scenario.schema.json"
    out.write_text("old schema")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    assert main(["schema", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"schema: {out}: cannot write") and err.count("\n") == 1
    assert out.read_text() == "old schema" and len(list(tmp_path.iterdir())) == 1
    monkeypatch.undo()
    assert main(["schema", "-o", str(out)]) == 0
    assert out.read_text().startswith("{")


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_nothing_is_written_onto_a_device_fifo_or_folder(kind: str, tmp_path: Path,
                                                        played: GameSession) -> None:
    target = tmp_path / "node" if kind != "folder" else tmp_path
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":   # a private copy of the null device (never the real one)
        try:
            os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except OSError:
            pytest.skip("cannot make a device node here (not root)")
    with pytest.raises(SaveError, match="refusing to write onto it"):
        save_game(target, played)
    assert kind == "folder" or not target.is_file()


def test_a_symlink_leading_outside_the_data_folder_is_refused(tmp_path: Path,
                                                               played: GameSession) -> None:
    home, outside = tmp_path / "home", tmp_path / "outside.json"
    home.mkdir()
    outside.write_text("mine")
    (home / "game.json").symlink_to(outside)
    with pytest.raises(SaveError, match="outside"):
        save_game(home / "game.json", played, within=home)
    assert outside.read_text() == "mine"


def test_only_dead_writers_temporaries_are_cleaned(tmp_path: Path) -> None:
    dead = tmp_path / f".a.json.sk999999999-{uuid.uuid4().hex[:8]}.tmp"
    alive = tmp_path / f".a.json.sk{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp"
    mine = tmp_path / ".notes.tmp"           # not ours: never touched
    for path in (dead, alive, mine):
        path.write_text("x")
    assert clean_stale_temporaries(tmp_path) == 1
    assert not dead.exists() and alive.exists() and mine.exists()


def test_a_write_removes_an_orphan_of_the_same_file(tmp_path: Path) -> None:
    orphan = tmp_path / ".a.json.sk999999999-0123abcd.tmp"
    orphan.write_text("x")
    write_atomic(tmp_path / "a.json", "{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]
