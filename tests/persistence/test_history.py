"""The play history: one SQLite row a finished game, read back per scenario; an old JSON-lines
history is imported once, its bad lines skipped and reported without losing the rest."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path

import pytest

from game.persistence import SaveError, data_dir, history, record_play
from game.rules.session import GameSession


def test_the_data_directory_comes_from_the_environment(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAIL_KEEL_HOME", str(tmp_path / "keel"))
    assert data_dir() == tmp_path / "keel"
    monkeypatch.delenv("SAIL_KEEL_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert data_dir() == tmp_path / "data" / "sail-and-keel"


def test_the_old_data_folder_moves_to_the_platform_one(played: GameSession, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SAIL_KEEL_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    old = tmp_path / ".sail-and-keel"
    (old / "saves").mkdir(parents=True)
    (old / "saves" / "a.json").write_text("{}")
    (old / "history.jsonl").write_text(_line("2024-01-01") + "\n")
    read = history("scaling-new-markets")
    assert [e.date for e in read.entries] == ["2024-01-01"]
    new = tmp_path / "data" / "sail-and-keel"
    assert (new / "saves" / "a.json").read_text() == "{}" and not old.exists()
    assert (new / "history.sqlite3").is_file()


def test_plays_are_appended_and_read_back(played: GameSession, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAIL_KEEL_HOME", str(tmp_path / "new" / "home"))
    result = played.result()
    first = record_play(result, date=dt.date(2024, 5, 1), player="Ana")
    record_play(result, date="2024-05-02T10:30:00", player="Ana")
    read = history(result.scenario_id)
    assert read.problems == []
    assert [e.date for e in read.entries] == ["2024-05-01", "2024-05-02T10:30:00"]
    assert read.entries[0] == first
    assert first.final == result.final and first.score == result.score
    assert first.profile == result.profile and first.seed == result.seed
    assert history("another-scenario").entries == []


def test_no_history_yet_is_empty(tmp_path: Path) -> None:
    read = history("scaling-new-markets", home=tmp_path)
    assert read.entries == [] and read.problems == []


def _line(date: str, player: str = "Ana") -> str:
    return json.dumps({"scenario": "scaling-new-markets", "date": date, "seed": 1, "player": player,
                       "final": {"morale": 1, "innovation": 2, "delivery": 3}, "score": 2.0,
                       "par": None, "leader_share": 0.5, "profile": "balanced"}, ensure_ascii=False)


def test_an_old_history_is_imported_once_skipping_bad_lines_one_by_one(
        played: GameSession, tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    zoe = _line("2024-05-02", "Zoë").encode("utf-8")
    cut = zoe[:zoe.index("ë".encode()) + 1]                          # a full disk cut "ë" in two
    path.write_bytes(b"\n".join([
        _line("2024-05-01").encode(),
        b'{"scenario": "scaling-new-markets", "date": ',             # cut short
        b'{"scenario": 3}',                                          # not an entry
        b"",                                                         # blank: ignored
        _line("yesterday").encode(),                                 # not a date
        cut,                                                         # not UTF-8
        zoe,
        b'{"half a line']))                                          # no newline: a crash
    read = history("scaling-new-markets", home=tmp_path)
    assert [e.date for e in read.entries] == ["2024-05-01", "2024-05-02"]
    assert read.entries[1].player == "Zoë"
    assert len(read.problems) == 5
    assert read.problems[0].startswith(f"{path}:2:")
    assert all("\n" not in p and p.startswith(f"{path}:") for p in read.problems)
    assert "ISO 8601" in read.problems[2] and "not UTF-8" in read.problems[3]
    assert not path.exists() and (tmp_path / "history.jsonl.imported").exists()
    record_play(played.result(), date="2024-05-03", player="Ana", home=tmp_path)
    again = history("scaling-new-markets", home=tmp_path)   # imported once, problems said once
    assert [e.date for e in again.entries] == ["2024-05-01", "2024-05-02", "2024-05-03"]
    assert again.problems == []


def test_a_history_over_8_mib_stays_readable(played: GameSession, tmp_path: Path) -> None:
    line = _line("2024-05-01") + "\n"
    (tmp_path / "history.jsonl").write_text(line * (9 * 1024 * 1024 // len(line) + 1))
    read = history("scaling-new-markets", home=tmp_path)
    assert read.problems == [] and len(read.entries) > 30_000
    record_play(played.result(), date="2024-05-03", player="Ana", home=tmp_path)
    assert len(history("scaling-new-markets", home=tmp_path).entries) == len(read.entries) + 1


def test_a_fifo_history_is_refused_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "history.sqlite3")
    with pytest.raises(SaveError, match="named pipe"):
        history("scaling-new-markets", home=tmp_path)
    os.unlink(tmp_path / "history.sqlite3")
    os.mkfifo(tmp_path / "history.jsonl")
    read = history("scaling-new-markets", home=tmp_path)
    assert read.entries == [] and "named pipe" in read.problems[0]


def test_a_symlinked_history_leading_outside_is_not_followed(played: GameSession,
                                                             tmp_path: Path) -> None:
    home, elsewhere = tmp_path / "home", tmp_path / "elsewhere.db"
    home.mkdir()
    elsewhere.write_bytes(b"")
    (home / "history.sqlite3").symlink_to(elsewhere)
    with pytest.raises(SaveError, match="outside"):
        record_play(played.result(), date="2024-05-03", player="Ana", home=home)
    assert elsewhere.read_bytes() == b""


def test_a_damaged_row_is_skipped_and_reported(played: GameSession, tmp_path: Path) -> None:
    record_play(played.result(), date="2024-05-01", player="Ana", home=tmp_path)
    record_play(played.result(), date="2024-05-02", player="Ana", home=tmp_path)
    with sqlite3.connect(tmp_path / "history.sqlite3") as db:
        db.execute("UPDATE plays SET final = 'oops' WHERE id = 1")
    db.close()
    read = history("scaling-new-markets", home=tmp_path)
    assert [e.date for e in read.entries] == ["2024-05-02"]
    assert len(read.problems) == 1 and "play 1" in read.problems[0]


def test_a_date_must_be_a_date(played: GameSession, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="ISO 8601"):
        record_play(played.result(), date="last Tuesday", player="Ana", home=tmp_path)


def test_an_old_history_symlinked_from_elsewhere_is_not_imported(tmp_path: Path) -> None:
    home, elsewhere = tmp_path / "home", tmp_path / "someone-elses.jsonl"
    home.mkdir()
    elsewhere.write_text(_line("2024-01-01") + "\n")
    (home / "history.jsonl").symlink_to(elsewhere)
    read = history("scaling-new-markets", home=home)
    assert read.entries == [] and len(read.problems) == 1 and "outside" in read.problems[0]
    assert elsewhere.read_text() == _line("2024-01-01") + "\n"


def test_an_old_data_folder_copied_across_file_systems_moves_whole_or_not_at_all(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import shutil

    monkeypatch.delenv("SAIL_KEEL_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    old = tmp_path / ".sail-and-keel"
    (old / "saves").mkdir(parents=True)
    (old / "saves" / "a.json").write_text("{}")
    (old / "history.jsonl").write_text(_line("2024-01-01") + "\n")
    real_rename, real_copy = os.rename, shutil.copyfile

    def across(src: object, dst: object) -> None:
        if Path(str(src)) == old:
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real_rename(src, dst)  # type: ignore[arg-type]

    def full_disk(src: object, dst: object, **kwargs: object) -> object:
        if str(getattr(src, "path", src)).endswith("history.jsonl"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_copy(src, dst, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "rename", across)
    monkeypatch.setattr(shutil, "copyfile", full_disk)
    new = data_dir()
    assert not new.exists() and list((tmp_path / "data").iterdir()) == []   # nothing half-copied
    monkeypatch.setattr(shutil, "copyfile", real_copy)
    assert data_dir() == new and [e.date for e in history("scaling-new-markets").entries] == ["2024-01-01"]
    assert (new / "saves" / "a.json").read_text() == "{}"
