"""Save files: the scenario, its SHA-256, the seed and the decision log, as JSON.

    {"format": "sail-and-keel-save", "version": 1,
     "scenario": "scaling-new-markets", "scenario_sha256": "…", "seed": 7, "player": "Alice",
     "decisions": [{"type": "SetVision", "vision": "europe-first"}, …],
     "result": {"rounds_played": 8, "final": {…}, "score": 68.4, …},   # null if unfinished
     "branch": {"from_round": 3, "original": [{"type": …}, …]}}         # only on a "what if"

A game the player rewound ("what if") records the round it branched from and the original
line's decisions, so a debrief can replay and show both lines.

The decisions are the truth; `result` is a summary for people and tools that only read.
Loading checks everything and turns any problem into one `SaveError` line naming the file.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.persistence import codec
from game.persistence.codec import BadValue
from game.persistence.files import MAX_BYTES, SaveError, parse_json, read_text, write_atomic
from game.rules.branching import Branch
from game.rules.decisions import Decision, IllegalDecision
from game.rules.records import METRIC_NAMES, GameResult
from game.rules.session import GameSession
from game.safeio import NotAFile, read_regular
from game.scenario.limits import MAX_ID
from game.scenario.schema import SLUG_PATTERN
from game.scenario.types import Scenario

FORMAT = "sail-and-keel-save"
VERSION = 1
KEYS = ("format", "version", "scenario", "scenario_sha256", "seed", "player", "decisions", "result")
OPTIONAL_KEYS = ("branch",)
SUMMARY_KEYS = ("rounds_played", "final", "score", "par", "leader_share", "profile")
PROFILES = ("leader-heavy", "balanced", "manager-heavy", "hands-off")
_SHA = re.compile(r"[0-9a-f]{64}")


class ScenarioChanged(SaveError):
    """The scenario file is not the one the game was played on (its SHA-256 differs)."""


@dataclass(frozen=True)
class SaveSummary:
    """A finished game's outcome as recorded in the save (the replay is the truth)."""

    rounds_played: int
    final: dict[str, float]
    score: float
    par: float | None
    leader_share: float
    profile: str

    @classmethod
    def of(cls, result: GameResult) -> SaveSummary:
        return cls(len(result.history), dict(result.final), result.score, result.par,
                   result.leader_share, result.profile)

    def as_json(self) -> dict[str, object]:
        return {"rounds_played": self.rounds_played, "final": self.final, "score": self.score,
                "par": self.par, "leader_share": self.leader_share, "profile": self.profile}


@dataclass(frozen=True)
class SavedGame:
    source: str                      # the file it was read from, for messages
    scenario_id: str
    scenario_sha256: str
    seed: int
    player: str | None
    decisions: tuple[Decision, ...]
    summary: SaveSummary | None      # None for a game saved before its end
    branch: Branch | None = None     # a "what if": where it left the original line


def scenario_sha256(scenario: Scenario | str | Path) -> str:
    """The SHA-256 of a scenario's file (a Scenario's `source`, or a path)."""
    path = Path(scenario.source if isinstance(scenario, Scenario) else scenario)
    if not str(path):
        raise SaveError("the scenario was not loaded from a file, so a save cannot name it")
    try:
        return hashlib.sha256(read_regular(path, MAX_BYTES)).hexdigest()
    except NotAFile as exc:
        raise SaveError(f"{path}: cannot read the scenario file: {exc}") from None


# --- writing -----------------------------------------------------------------------------

def save_text(session: GameSession, scenario_sha: str, player: str | None = None) -> str:
    """The save file's text: the header, one decision a line, and the result summary."""
    summary = SaveSummary.of(session.result()).as_json() if session.over else None
    header = {"format": FORMAT, "version": VERSION, "scenario": session.scenario.id,
              "scenario_sha256": scenario_sha, "seed": session.seed, "player": player}

    def dump(value: object) -> str:
        return json.dumps(value, allow_nan=False, ensure_ascii=False)

    lines = [f"  {dump(key)}: {dump(value)}," for key, value in header.items()]
    decisions = ",\n".join(f"    {dump(codec.encode_decision(d))}" for d in session.log)
    lines.append(f'  "decisions": [\n{decisions}\n  ],' if decisions else '  "decisions": [],')
    branch = session.branch
    if branch is None:
        lines.append(f'  "result": {dump(summary)}')
    else:
        lines.append(f'  "result": {dump(summary)},')
        original = ",\n".join(f"      {dump(codec.encode_decision(d))}" for d in branch.original)
        lines.append(f'  "branch": {{"from_round": {branch.from_round}, "original": [\n'
                     f'{original}\n  ]}}' if original else
                     f'  "branch": {{"from_round": {branch.from_round}, "original": []}}')
    return "{\n" + "\n".join(lines) + "\n}\n"


def save_game(path: str | Path, session: GameSession, player: str | None = None,
              scenario_sha: str | None = None, within: str | Path | None = None) -> None:
    """Write the session's save to `path`, atomically: a failure leaves any old file intact."""
    sha = scenario_sha if scenario_sha is not None else scenario_sha256(session.scenario)
    try:
        text = save_text(session, sha, player)
    except (TypeError, ValueError) as exc:
        raise SaveError(f"{path}: cannot save this game: {exc}") from None
    write_atomic(path, text, within=within)


# --- reading -----------------------------------------------------------------------------

def load_save(path: str | Path) -> SavedGame:
    """Read and check a save file. Any problem is a one-line SaveError naming the file."""
    source = str(path)
    data = parse_json(read_text(Path(path)), source)
    try:
        return saved_game(data, source)
    except BadValue as exc:
        raise SaveError(f"{source}: {exc}") from None


def saved_game(data: object, source: str) -> SavedGame:
    """A save's JSON object checked and decoded; BadValue says what is wrong."""
    if not isinstance(data, dict):
        raise BadValue(f"not a Sail & Keel save: expected a JSON object, found {codec.describe(data)}")
    if data.get("format") != FORMAT:
        raise BadValue(f"not a Sail & Keel save (\"format\" is {codec.describe(data.get('format'))}, "
                       f"expected {FORMAT!r})")
    version = codec.whole(data.get("version"), "version")
    if version != VERSION:
        newer = " (written by a newer version of the game)" if version > VERSION else ""
        raise BadValue(f"save version {version} is not supported{newer}; this game reads version {VERSION}")
    unknown = sorted(set(data) - set(KEYS) - set(OPTIONAL_KEYS))
    if unknown:
        raise BadValue(f"unknown key {unknown[0]!r} (keys: {', '.join(KEYS)})")
    missing = [key for key in KEYS if key not in data]
    if missing:
        raise BadValue(f"the key {missing[0]!r} is missing")
    scenario = codec.text(data["scenario"], "scenario")
    if len(scenario) > MAX_ID:  # ids name files; a longer one names none
        raise BadValue(f"scenario must be a scenario id, at most {MAX_ID} characters, "
                       f"not {len(scenario):,}")
    if not re.fullmatch(SLUG_PATTERN, scenario):  # an id, never a path to some other file
        raise BadValue(f"scenario must be a scenario id (lowercase letters, digits and '-'), "
                       f"not {codec.describe(scenario)}")
    sha = codec.text(data["scenario_sha256"], "scenario_sha256")
    if not _SHA.fullmatch(sha):
        raise BadValue("scenario_sha256 must be 64 lowercase hexadecimal digits")
    seed = codec.whole(data["seed"], "seed")
    if not 0 <= seed < 2**63:
        shown = codec.describe(seed).removeprefix("the number ")
        raise BadValue(f"seed must be between 0 and 2**63-1, not {shown}")
    player = codec.optional_text(data["player"], "player")
    raw = data["decisions"]
    if not isinstance(raw, list):
        raise BadValue(f"decisions must be a list, not {codec.describe(raw)}")
    decisions = tuple(codec.decode_decision(d, f"decisions[{i}]") for i, d in enumerate(raw))
    summary = None if data["result"] is None else _summary(data["result"])
    branch = None if data.get("branch") is None else _branch(data["branch"])
    return SavedGame(source, scenario, sha, seed, player, decisions, summary, branch)


def _branch(value: object) -> Branch:
    data = codec.obj(value, "branch")
    if sorted(data) != ["from_round", "original"]:
        raise BadValue("branch must give exactly from_round and original")
    raw = data["original"]
    if not isinstance(raw, list):
        raise BadValue(f"branch.original must be a list, not {codec.describe(raw)}")
    return Branch(codec.whole(data["from_round"], "branch.from_round"),
                  tuple(codec.decode_decision(d, f"branch.original[{i}]")
                        for i, d in enumerate(raw)))


def _summary(value: object) -> SaveSummary:
    data = codec.obj(value, "result")
    unknown = sorted(set(data) - set(SUMMARY_KEYS))
    if unknown:
        raise BadValue(f"result: unknown key {unknown[0]!r}")
    missing = [key for key in SUMMARY_KEYS if key not in data]
    if missing:
        raise BadValue(f"result: the key {missing[0]!r} is missing")
    final = codec.obj(data["final"], "result.final")
    if sorted(final) != sorted(METRIC_NAMES):
        raise BadValue(f"result.final must give exactly {', '.join(METRIC_NAMES)}")
    profile = codec.text(data["profile"], "result.profile")
    if profile not in PROFILES:
        raise BadValue(f"result.profile must be one of {', '.join(PROFILES)}, not {profile!r}")
    par = data["par"]
    return SaveSummary(
        rounds_played=codec.whole(data["rounds_played"], "result.rounds_played"),
        final={m: float(codec.number(final[m], f"result.final.{m}")) for m in METRIC_NAMES},
        score=float(codec.number(data["score"], "result.score")),
        par=None if par is None else float(codec.number(par, "result.par")),
        leader_share=float(codec.number(data["leader_share"], "result.leader_share")),
        profile=profile,
    )


# --- replaying ---------------------------------------------------------------------------

def replay_save(saved: SavedGame, scenario: Scenario, force: bool = False) -> GameSession:
    """Replay a save on its scenario: the same game, bit for bit.

    Refuses (ScenarioChanged) when the scenario file's SHA-256 differs from the save's,
    unless `force`; a decision the rules refuse on replay is a SaveError naming it.
    """
    if scenario.id != saved.scenario_id:
        raise SaveError(f"{saved.source}: the save is for scenario {saved.scenario_id!r}, "
                        f"not {scenario.id!r}")
    if not force and scenario_sha256(scenario) != saved.scenario_sha256:
        raise ScenarioChanged(f"{saved.source}: the scenario file {scenario.source} has changed "
                              "since this game was saved")
    session = GameSession(scenario, saved.seed)
    for index, decision in enumerate(saved.decisions):
        try:
            session.apply(decision)
        except IllegalDecision as exc:
            raise SaveError(f"{saved.source}: decisions[{index}] ({type(decision).__name__}) is "
                            f"refused on replay: {exc}") from None
    session.branch = saved.branch
    return session


def summary_matches(summary: SaveSummary | None, session: GameSession) -> bool:
    """Whether the save's recorded summary is what the replay produced (exactly)."""
    if summary is None or not session.over:
        return summary is None and not session.over
    return summary == SaveSummary.of(session.result())


def as_json_value(saved: SavedGame) -> dict[str, Any]:
    """The save's header, for `--json` output."""
    return {"file": saved.source, "scenario": saved.scenario_id, "seed": saved.seed,
            "player": saved.player, "decisions": len(saved.decisions)}
