"""The play history: one JSON line a finished game, read back per scenario; bad lines are
skipped and reported without losing the rest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from game.persistence import data_dir, history, record_play
from game.rules.session import GameSession


def test_the_data_directory_comes_from_the_environment(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAIL_KEEL_HOME", str(tmp_path / "keel"))
    assert data_dir() == tmp_path / "keel"
    monkeypatch.delenv("SAIL_KEEL_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert data_dir() == tmp_path / ".sail-and-keel"


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


def test_corrupt_lines_are_skipped_and_reported(played: GameSession, tmp_path: Path) -> None:
    result = played.result()
    record_play(result, date="2024-05-01", player="Ana", home=tmp_path)
    path = tmp_path / "history.jsonl"
    with path.open("a", encoding="utf-8") as out:
        out.write('{"scenario": "scaling-new-markets", "date": \n')     # cut short
        out.write('{"scenario": 3}\n')                                  # not an entry
        out.write("\n")                                                 # blank: ignored
        out.write('{"scenario": "x", "date": "yesterday", "seed": 1, "player": "p", '
                  '"final": {"morale": 1, "innovation": 2, "delivery": 3}, "score": 2, '
                  '"par": null, "leader_share": 0.5, "profile": "balanced"}\n')
        out.write('{"half a line')                                      # no newline: a crash
    record_play(result, date="2024-05-03", player="Ana", home=tmp_path)
    read = history(result.scenario_id, home=tmp_path)
    assert [e.date for e in read.entries] == ["2024-05-01", "2024-05-03"]
    assert len(read.problems) == 4
    assert read.problems[0].startswith(f"{path}:2:")
    assert all("\n" not in p and p.startswith(f"{path}:") for p in read.problems)
    assert "ISO 8601" in read.problems[2]


def test_a_date_must_be_a_date(played: GameSession, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="ISO 8601"):
        record_play(played.result(), date="last Tuesday", player="Ana", home=tmp_path)
