"""The play history of a self-learner: one JSON line per finished game.

The file is `history.jsonl` in the data directory: `$SAIL_KEEL_HOME` if set, else
`~/.sail-and-keel/`. Each play is appended as one line, so an interrupted write can spoil
at most its own line; reading skips (and reports) spoiled lines and keeps the rest.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from game.persistence import codec
from game.persistence.codec import BadValue
from game.persistence.files import SaveError, parse_json, read_text
from game.rules.records import METRIC_NAMES, GameResult

HOME_VARIABLE = "SAIL_KEEL_HOME"
HISTORY_FILE = "history.jsonl"
ENTRY_KEYS = ("scenario", "date", "seed", "player", "final", "score", "par", "leader_share", "profile")


def data_dir() -> Path:
    """Where the game keeps a player's own files: `$SAIL_KEEL_HOME` or `~/.sail-and-keel/`."""
    home = os.environ.get(HOME_VARIABLE, "").strip()
    return Path(home).expanduser() if home else Path.home() / ".sail-and-keel"


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


@dataclass(frozen=True)
class HistoryRead:
    entries: list[HistoryEntry]
    problems: list[str] = field(default_factory=list)   # "file:line: reason", one per bad line


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


def record_play(result: GameResult, *, date: dt.date | str, player: str,
                home: str | Path | None = None) -> HistoryEntry:
    """Append a finished game to the play history and return what was recorded."""
    entry = HistoryEntry.of(result, date, player)
    path = history_file(home)
    line = json.dumps(asdict(entry), allow_nan=False, ensure_ascii=False) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("ab") as out:
            if out.tell() > 0 and not _ends_with_newline(path):
                line = "\n" + line  # a spoiled last line stays on its own
            out.write(line.encode("utf-8"))
    except OSError as exc:
        raise SaveError(f"{path}: cannot record the play: {exc.strerror or exc}") from None
    return entry


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"


def history(scenario_id: str | None = None, home: str | Path | None = None) -> HistoryRead:
    """The recorded plays (of one scenario, or all), oldest first; bad lines are reported."""
    path = history_file(home)
    if not path.exists():
        return HistoryRead([])
    entries: list[HistoryEntry] = []
    problems: list[str] = []
    for number, line in enumerate(read_text(path, "history file").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = _entry(parse_json(line, f"{path}:{number}"))
        except SaveError as exc:
            problems.append(_with_line(str(exc), path, number))
            continue
        except BadValue as exc:
            problems.append(f"{path}:{number}: {exc}")
            continue
        if scenario_id is None or entry.scenario == scenario_id:
            entries.append(entry)
    return HistoryRead(entries, problems)


def _with_line(message: str, path: Path, number: int) -> str:
    # parse_json names the place as file:line:line:column (the line's own line is 1)
    prefix = f"{path}:{number}:1:"
    return f"{path}:{number}:" + message[len(prefix):] if message.startswith(prefix) else message


def _entry(value: object) -> HistoryEntry:
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
    par = data["par"]
    return HistoryEntry(
        scenario=codec.text(data["scenario"], "scenario"), date=date,
        seed=codec.whole(data["seed"], "seed"), player=codec.text(data["player"], "player"),
        final={m: float(codec.number(final[m], f"final.{m}")) for m in METRIC_NAMES},
        score=float(codec.number(data["score"], "score")),
        par=None if par is None else float(codec.number(par, "par")),
        leader_share=float(codec.number(data["leader_share"], "leader_share")),
        profile=codec.text(data["profile"], "profile"),
    )
