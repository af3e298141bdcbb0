"""Keeping a finished game: a save in <home>/saves/, a history line, and notes, never a crash."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from game.persistence import history, keep_game, load_save
from game.persistence.played import KeptGame, Progress
from game.rules.session import GameSession

WHEN = dt.datetime(2025, 3, 14, 9, 26, 53)


def test_keeps_a_save_and_a_history_line(played: GameSession, tmp_path: Path) -> None:
    kept = keep_game(played, "Alice", home=tmp_path, when=WHEN)
    assert kept.save == tmp_path / "saves" / "scaling-new-markets-20250314-092653-seed11.json"
    saved = load_save(kept.save)
    assert saved.player == "Alice" and saved.decisions == played.log
    assert kept.previous == [] and kept.notes == []
    again = keep_game(played, "Alice", home=tmp_path, when=WHEN)
    assert again.save is not None and again.save.name.endswith("seed11-2.json")
    assert [e.score for e in again.previous] == [played.result().score]
    assert len(history("scaling-new-markets", tmp_path).entries) == 2


def test_uses_the_data_directory_by_default(played: GameSession, sail_keel_home: Path) -> None:
    kept = keep_game(played, "Bo")
    assert kept.save is not None and kept.save.parent == sail_keel_home / "saves"
    assert (sail_keel_home / "history.sqlite3").exists()


def test_a_damaged_history_line_is_a_note(played: GameSession, tmp_path: Path) -> None:
    first = keep_game(played, "Alice", home=tmp_path, when=WHEN)
    assert first.save is not None
    (tmp_path / "history.sqlite3").unlink()      # back to an old version's JSON-lines history
    row = history_json(played)
    (tmp_path / "history.jsonl").write_text(row + '\n{"scenario": "scaling-new-markets", "score": \n')
    kept = keep_game(played, "Alice", home=tmp_path, when=WHEN)
    assert len(kept.previous) == 1 and len(kept.problems) == 1
    assert kept.notes == ["1 damaged line of your play history skipped."]
    assert len(history("scaling-new-markets", tmp_path).entries) == 2


def history_json(played: GameSession) -> str:
    import json
    from dataclasses import asdict

    from game.persistence.history import HistoryEntry

    return json.dumps(asdict(HistoryEntry.of(played.result(), WHEN, "Alice")))


def test_stale_temporaries_are_cleaned_on_the_next_game(played: GameSession, tmp_path: Path) -> None:
    (tmp_path / "saves").mkdir()
    orphan = tmp_path / "saves" / ".x.json.sk999999999-0123abcd.tmp"   # a pid that cannot run
    orphan.write_text("half a save")
    keep_game(played, "Alice", home=tmp_path, when=WHEN)
    assert not orphan.exists()


def test_unreadable_history_and_unwritable_saves_are_notes(played: GameSession,
                                                           tmp_path: Path) -> None:
    (tmp_path / "history.sqlite3").mkdir()    # a folder where the file should be
    (tmp_path / "saves").write_text("not a folder")
    kept = keep_game(played, "Alice", home=tmp_path, when=WHEN)
    assert kept.save is None and kept.previous == []
    assert len(kept.notes) == 3
    assert all(str(tmp_path) not in note for note in kept.notes)  # short: no long paths


def test_progress_counts_plays_and_the_previous_best() -> None:
    kept = KeptGame(None, [])
    first = Progress.of(kept, 60.0, par=65.0)
    assert (first.plays, first.previous_best, first.scores, first.new_best) == (1, None, [60.0],
                                                                                False)
    from game.persistence.history import HistoryEntry

    entries = [HistoryEntry("s", "2025-01-01", 1, "A", {}, score, None, 0.5, "balanced")
               for score in (50.0, 64.0, 58.0)]
    p = Progress.of(KeptGame(None, entries), 66.0, par=None)
    assert (p.plays, p.previous_best, p.scores, p.new_best) == (4, 64.0, [50, 64, 58, 66], True)
