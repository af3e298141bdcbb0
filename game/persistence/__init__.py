"""Saves and play history, as plain JSON (never pickles). No pygame here.

A save is the scenario, its file's SHA-256, the seed and the decision log; loading one
replays the decisions through the rules, which reproduces the game bit for bit:

    from game.persistence import save_game, load_save, replay_save
    save_game("alice.json", session, player="Alice")
    saved = load_save("alice.json")           # SaveError: one line naming the file
    session = replay_save(saved, scenario)    # SaveError if the scenario file changed

The play history is an SQLite database in the data folder (`SAIL_KEEL_HOME`, or the
platform's per-user data folder), one finished game a row: `record_play(...)`,
`history(scenario_id)`; an older JSON-lines history is imported once.
`keep_game(session, player)` does both for a finished game (the window's debrief uses it).
"""

from game.persistence.codec import DECISION_TYPES, decode_decision, encode_decision
from game.persistence.files import SaveError, write_atomic
from game.persistence.history import HistoryEntry, HistoryRead, data_dir, history, record_play
from game.persistence.played import KeptGame, Progress, keep_game
from game.persistence.saves import (
    FORMAT,
    VERSION,
    SavedGame,
    SaveSummary,
    load_save,
    replay_save,
    save_game,
    save_text,
    scenario_sha256,
)

__all__ = [
    "DECISION_TYPES", "FORMAT", "VERSION", "HistoryEntry", "HistoryRead", "KeptGame", "Progress",
    "SaveError", "SaveSummary", "SavedGame", "data_dir", "decode_decision", "encode_decision",
    "history", "keep_game", "load_save",
    "record_play", "replay_save", "save_game", "save_text", "scenario_sha256", "write_atomic",
]
