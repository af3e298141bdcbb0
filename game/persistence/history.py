"""The play history of a self-learner, in SQLite: one row per finished game.

The database is `history.sqlite3` in the data folder (`game.persistence.datadir`). Each
play is one transaction, so a crash or a full disk loses at most that play and never
spoils the others. A history kept by older versions as JSON lines (`history.jsonl`) is
imported once: every good line becomes a row, every bad line (cut short, not UTF-8, not a
play) is skipped and reported on its own, and the old file is renamed `history.jsonl.imported`.

A damaged database (not SQLite, or failing SQLite's quick check) is moved aside with its
bytes kept (`history-damaged-<date>-<time>.sqlite3`) and a new history is started; a note
says so. A history locked by another program holds a game up for at most `BUSY_TIMEOUT`
seconds, then the game goes on without it (`HistoryLocked`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from game.persistence import codec
from game.persistence.codec import BadValue
from game.persistence.datadir import HOME_VARIABLE, data_dir
from game.persistence.files import SaveError, parse_json
from game.persistence.historydb import BUSY_TIMEOUT, HistoryLocked, locked, open_history
from game.rules.records import METRIC_NAMES, GameResult
from game.safeio import NotAFile, read_regular, refusal

__all__ = ["HOME_VARIABLE", "HistoryEntry", "HistoryLocked", "HistoryRead", "data_dir", "history",
           "history_file", "record_play"]

HISTORY_FILE = "history.sqlite3"
LEGACY_FILE = "history.jsonl"
ENTRY_KEYS = ("scenario", "date", "seed", "player", "final", "score", "par", "leader_share", "profile")
MAX_LEGACY_BYTES = 64 * 1024 * 1024    # an old history this big holds ~200 000 plays
MAX_LINE_BYTES = 64 * 1024             # one play is a few hundred bytes


@dataclass(frozen=True)
class HistoryEntry:
    scenario: str
    date: str                 # ISO 8601, as the caller gave it
    seed: int
    player: str               # a player's name, or a scripted strategy's
    final: dict[str, float]
    score: float
    par: float | None
    leader_share: float
    profile: str

    @classmethod
    def of(cls, result: GameResult, date: dt.date | str, player: str) -> HistoryEntry:
        return cls(result.scenario_id, _iso_date(date), result.seed, player, dict(result.final),
                   result.score, result.par, result.leader_share, result.profile)

    def row(self) -> tuple[object, ...]:
        return (self.scenario, self.date, self.seed, self.player,
                json.dumps(self.final, allow_nan=False), self.score, self.par, self.leader_share,
                self.profile)


@dataclass(frozen=True)
class HistoryRead:
    entries: list[HistoryEntry]
    problems: list[str] = field(default_factory=list)   # "file:line: reason", one per bad line
    notices: list[str] = field(default_factory=list)    # a damaged history moved aside


def _iso_date(date: dt.date | str) -> str:
    if isinstance(date, dt.date):  # a datetime is a date too
        return date.isoformat()
    try:
        dt.datetime.fromisoformat(date)
    except (TypeError, ValueError):
        raise ValueError(f"a play's date must be an ISO 8601 date, not {date!r}") from None
    return date


def history_file(home: str | Path | None = None) -> Path:
    return Path(home if home is not None else data_dir()) / HISTORY_FILE


def _check_path(path: Path, folder: Path) -> None:
    """Only a regular file inside the data folder (or none yet) is opened."""
    if os.path.lexists(path):
        reason = refusal(path)
        if reason is not None:
            raise SaveError(f"{path}: {reason}")
        real, home = Path(os.path.realpath(path)), Path(os.path.realpath(folder))
        if home not in real.parents:
            raise SaveError(f"{path}: a symbolic link leading outside {folder}; not following it")


@contextlib.contextmanager
def _database(folder: Path, create: bool, notices: list[str] | None = None
              ) -> Iterator[sqlite3.Connection | None]:
    path = folder / HISTORY_FILE
    _check_path(path, folder)
    if not create and not path.exists():
        yield None
        return
    try:
        if create:
            folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SaveError(f"{path}: cannot open the play history: {exc}") from None
    db = open_history(path, notices if notices is not None else [])
    try:
        yield db
    except sqlite3.Error as exc:
        if locked(exc):
            raise HistoryLocked(f"{path}: the play history is locked by another program (another "
                                f"game window?); waited {BUSY_TIMEOUT:g} s") from None
        raise SaveError(f"{path}: the play history cannot be used: {exc}") from None
    finally:
        db.close()


def record_play(result: GameResult, *, date: dt.date | str, player: str,
                home: str | Path | None = None, notices: list[str] | None = None) -> HistoryEntry:
    """Add a finished game to the play history (one transaction) and return what was recorded.

    A damaged history is moved aside first; `notices` (if given) gets a line saying so."""
    entry = HistoryEntry.of(result, date, player)
    folder = Path(home) if home is not None else data_dir()
    try:
        row = entry.row()
    except ValueError as exc:
        raise SaveError(f"{folder / HISTORY_FILE}: cannot record the play: {exc}") from None
    with _database(folder, create=True, notices=notices) as db:
        assert db is not None
        _import_legacy(db, folder)
        with _transaction(db):
            db.execute("INSERT INTO plays (scenario, date, seed, player, final, score, par, "
                       "leader_share, profile) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
    return entry


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def history(scenario_id: str | None = None, home: str | Path | None = None) -> HistoryRead:
    """The recorded plays (of one scenario, or all), oldest first; bad rows are reported.

    The first read after an upgrade imports the old JSON-lines history, reporting its bad lines.
    """
    folder = Path(home) if home is not None else data_dir()
    legacy = folder / LEGACY_FILE
    notices: list[str] = []
    with _database(folder, create=os.path.lexists(legacy), notices=notices) as db:
        if db is None:
            return HistoryRead([])
        problems = _import_legacy(db, folder)
        query = "SELECT id, scenario, date, seed, player, final, score, par, leader_share, profile " \
                "FROM plays" + (" WHERE scenario = ?" if scenario_id is not None else "") + " ORDER BY id"
        entries: list[HistoryEntry] = []
        path = folder / HISTORY_FILE
        for play_id, *values in db.execute(query, () if scenario_id is None else (scenario_id,)):
            data = dict(zip(ENTRY_KEYS, values, strict=True))
            try:
                data["final"] = json.loads(data["final"]) if isinstance(data["final"], str) else None
                entries.append(entry_of(data))
            except (BadValue, ValueError) as exc:
                problems.append(f"{path}: play {play_id}: {exc}")
    return HistoryRead(entries, problems, notices)


# --- the one-time import of the JSON-lines history ------------------------------------------

def _import_legacy(db: sqlite3.Connection, folder: Path) -> list[str]:
    """Import `history.jsonl` once; the bad lines' problems, or [] if there was nothing to do."""
    legacy = folder / LEGACY_FILE
    if not os.path.lexists(legacy):
        return []
    with _transaction(db):
        done = db.execute("SELECT value FROM meta WHERE key = 'imported'").fetchone()
        if done is not None:
            return []
        entries, problems = read_legacy(legacy)
        db.executemany("INSERT INTO plays (scenario, date, seed, player, final, score, par, "
                       "leader_share, profile) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [e.row() for e in entries])
        db.execute("INSERT INTO meta (key, value) VALUES ('imported', ?)",
                   (f"{len(entries)} plays, {len(problems)} bad lines",))
    with contextlib.suppress(OSError):
        os.replace(legacy, legacy.with_name(LEGACY_FILE + ".imported"))
    return problems


def read_legacy(path: Path) -> tuple[list[HistoryEntry], list[str]]:
    """The plays in a JSON-lines history; each bad line is skipped with its own problem."""
    try:
        _check_path(path, path.parent)     # a regular file, not a link leading elsewhere
    except SaveError as exc:
        return [], [str(exc)]
    try:
        data = read_regular(path, MAX_LEGACY_BYTES)
    except NotAFile as exc:
        return [], [f"{path}: {exc}"]
    entries: list[HistoryEntry] = []
    problems: list[str] = []
    if len(data) > MAX_LEGACY_BYTES:
        data = data[:MAX_LEGACY_BYTES]
        problems.append(f"{path}: over {MAX_LEGACY_BYTES >> 20} MiB; only the first "
                        f"{MAX_LEGACY_BYTES >> 20} MiB were imported")
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        where = f"{path}:{number}"
        if len(raw) > MAX_LINE_BYTES:
            problems.append(f"{where}: the line is too long to be a play")
            continue
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            problems.append(f"{where}: not UTF-8 text (byte 0x{raw[exc.start]:02x})")
            continue
        try:
            entries.append(entry_of(parse_json(line, where)))
        except SaveError as exc:
            problems.append(_with_line(str(exc), where))
        except BadValue as exc:
            problems.append(f"{where}: {exc}")
    return entries, problems


def _with_line(message: str, where: str) -> str:
    # parse_json names the place as file:line:line:column (the line's own line is 1)
    prefix = f"{where}:1:"
    return f"{where}:" + message[len(prefix):] if message.startswith(prefix) else message


def entry_of(value: object) -> HistoryEntry:
    """A play from its JSON object; BadValue saying what is wrong."""
    data = codec.obj(value, "the line")
    missing = [key for key in ENTRY_KEYS if key not in data]
    if missing:
        raise BadValue(f"the key {missing[0]!r} is missing")
    unknown = sorted(set(data) - set(ENTRY_KEYS))
    if unknown:
        raise BadValue(f"unknown key {unknown[0]!r}")
    final = codec.obj(data["final"], "final")
    if sorted(final) != sorted(METRIC_NAMES):
        raise BadValue(f"final must give exactly {', '.join(METRIC_NAMES)}")
    date = codec.text(data["date"], "date")
    try:
        _iso_date(date)
    except ValueError as exc:
        raise BadValue(str(exc)) from None
    seed = codec.whole(data["seed"], "seed")
    if not 0 <= seed < 2**63:
        raise BadValue("seed must be between 0 and 2**63-1")
    par = data["par"]
    return HistoryEntry(
        scenario=codec.text(data["scenario"], "scenario"), date=date,
        seed=seed, player=codec.text(data["player"], "player"),
        final={m: float(codec.number(final[m], f"final.{m}")) for m in METRIC_NAMES},
        score=float(codec.number(data["score"], "score")),
        par=None if par is None else float(codec.number(par, "par")),
        leader_share=float(codec.number(data["leader_share"], "leader_share")),
        profile=codec.text(data["profile"], "profile"),
    )
