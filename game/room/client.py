"""The participant's side of a room, headless: join, play, send each round, take the room's news.

`RoomClient` owns the network. It runs one WebSocket in a background thread and keeps an
outbox of rounds: a round stays there until the room acknowledges it, and is sent again
after every reconnect. The room acknowledges a round it already has (same round number,
same decisions) without counting it twice, so nothing is lost and nothing is doubled.
A round the room refuses for now (it is paused, or its database failed for a moment) stays
in the outbox and goes again when the room runs, or after a moment; a round refused for
good takes the rounds after it along, since the room can no longer count them. The outbox
is also on disk (`room-outbox/` in the data folder, replaced atomically), so rounds a
closed or killed window had not sent are sent by the next start of the same participant.

`RoomLink` ties a `GameSession` to the client: call `sync()` after each decision (the
window calls it every frame). It drops the facilitator's injected events into the round
being planned and hands each finished round to the outbox. `play_in_room` plays a whole
game with a scripted strategy; tests and benches run it for many clients at once.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from game.persistence.codec import BadValue, decode_decision, encode_decision
from game.persistence.datadir import ROOM_OUTBOX_FOLDER, data_dir
from game.room.moderation import REMOVED
from game.rules.decisions import Continue, IllegalDecision, InjectEvent
from game.rules.records import Phase
from game.rules.session import GameSession
from game.safeio import NotAFile, WriteRefused, read_regular, write_atomic
from game.scenario import load_scenario
from game.scenario.limits import MAX_ID
from game.scenario.schema import SLUG_PATTERN
from game.scenario.types import Scenario

MAX_INCOMING = 2 * 1024 * 1024      # a welcome carries the scenario (at most 1 MiB)
RETRY = (0.2, 0.5, 1.0, 2.0)         # seconds before reconnecting, growing
SOON = 1.0                           # seconds before sending again a round the room asks for later
RUNNING = ("running", "ended")       # room states that take rounds


class RoomError(Exception):
    """The room refused us, or cannot be reached; the message is one line."""


@dataclass(frozen=True)
class Welcome:
    participant: int
    names: tuple[str, ...]
    token: str
    scenario_id: str
    scenario_yaml: str
    scenario_sha256: str
    seed: int
    # This game's rounds: those the room has, then those still in the outbox from the last
    # start (played while offline, not yet sent), so that a restarted window goes on from both.
    rounds: tuple[tuple[dict[str, Any], ...], ...] = ()
    resumed: bool = False                                  # rejoined with a remembered token


def room_url(address: str) -> str:
    """The room's WebSocket URL from HOST:PORT (or https://HOST:PORT for a room served with TLS)."""
    address = address.strip()
    secure = False
    if "://" in address:
        scheme, address = address.split("://", 1)
        secure = scheme.lower() in ("https", "wss")
    host, _, port = address.rstrip("/").rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise RoomError(f"a room address is HOST:PORT, not {address!r}")
    return f"{'wss' if secure else 'ws'}://{host}:{int(port)}/ws/play"


def _connect(url: str, timeout: float) -> Any:
    from websockets.sync.client import connect

    return connect(url, open_timeout=timeout, close_timeout=1, max_size=MAX_INCOMING,
                   compression=None, proxy=None)


class RoomClient:
    def __init__(self, address: str, code: str, names: list[str] | tuple[str, ...]) -> None:
        self.url = room_url(address)
        self.code = code
        self.names = tuple(names)
        self.welcome: Welcome | None = None
        self.state = "lobby"
        self.timer = 0
        self.recorded = 0                    # rounds the room has of this game
        self.offline = False                 # tests: True cuts the network until set back
        self._lock = threading.Lock()
        self._file_lock = threading.Lock()         # the outbox's file, written in order
        self._changes = 0                          # outbox changes, and how many are on disk
        self._saved = 0
        self._wake = threading.Event()
        self._outbox: dict[int, dict[str, Any]] = {}
        self._sent: set[int] = set()               # rounds sent on this connection, no answer yet
        self._later: dict[int, float] = {}         # rounds to send again, and when (monotonic)
        self._broken: int | None = None            # the first round the room refused for good
        self._told_held: set[int] = set()          # rounds the player was told are waiting
        self._news: list[dict[str, Any]] = []
        self.heard: list[dict[str, Any]] = []     # every inbox item ever received, in order
        self._refusals: dict[int, str] = {}
        self._since = 0
        self._socket: Any = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.connected = False
        self.reconnects = 0

    # --- joining ------------------------------------------------------------------------------

    def join(self, timeout: float = 10.0) -> Welcome:
        """Join the room (blocking), then keep a connection in the background.

        The token the room gives is remembered in the data folder, so the same names joining
        the same room again (a restarted window) continue as the same participant."""
        remembered = _tokens().get(self._key())
        data = None
        if remembered:
            data = self._ask({"type": "resume", "token": remembered, "since": 0}, timeout)
            if data.get("type") == "welcome":
                data["token"] = remembered
            elif data.get("reason") == REMOVED:
                raise RoomError(REMOVED)     # not back in under another number
            else:
                data = None                  # a room that forgot us: join afresh
        resumed = data is not None
        if data is None:
            data = self._ask({"type": "join", "code": self.code, "names": list(self.names)}, timeout)
            if data.get("type") != "welcome":
                raise RoomError(f"the room refused to let us join: {data.get('reason', data)}")
            _remember(self._key(), str(data["token"]))
        try:
            scenario = data["scenario"]
            rounds = tuple(tuple(r) for r in data.get("rounds") or ())
            self.welcome = Welcome(int(data["participant"]), tuple(data["names"]), str(data["token"]),
                                   str(scenario["id"]), str(scenario["yaml"]), str(scenario["sha256"]),
                                   int(data["seed"]), rounds, resumed)
        except (KeyError, TypeError, ValueError):
            raise RoomError("the room's welcome is not one this game understands") from None
        unsent = _load_outbox(self._key(), self.welcome.participant, len(rounds)) if resumed else {}
        if not resumed:
            self._changes += 1       # a new participant: an outbox left from an old one goes
        if unsent:     # rounds the last start played and could not send: the game goes on from them
            every = rounds + tuple(tuple(unsent[n]["decisions"]) for n in sorted(unsent))
            try:       # only rounds that replay on the room's scenario are sent
                _rebuilt(self.scenario()[0], self.welcome.seed, every)
            except (BadValue, IllegalDecision):
                unsent = {}
            self._outbox.update(unsent)
            self._changes += 1
            if unsent:
                self.welcome = replace(self.welcome, rounds=every)
        self._welcomed(data)
        self._persist()
        self._thread = threading.Thread(target=self._run, name="room-client", daemon=True)
        self._thread.start()
        return self.welcome

    def _key(self) -> str:
        return hashlib.sha256("|".join((self.url, self.code.strip().upper(), *self.names))
                              .encode("utf-8")).hexdigest()

    def _ask(self, message: dict[str, Any], timeout: float) -> dict[str, Any]:
        try:
            with _connect(self.url, timeout) as ws:
                ws.send(json.dumps(message))
                return dict(json.loads(ws.recv(timeout=timeout)))
        except (OSError, TimeoutError) as exc:
            raise RoomError(f"cannot reach the room at {self.url}: {exc}") from None
        except Exception as exc:     # closed, or not JSON: the room is not a room
            raise RoomError(f"the room did not answer: {exc}") from None

    def session(self, scenario: Scenario) -> GameSession:
        """This participant's game: new, or rebuilt from the rounds the room already has (and
        those the last start could not send, which the outbox sends now)."""
        assert self.welcome is not None, "join first"
        return _rebuilt(scenario, self.welcome.seed, self.welcome.rounds)

    def scenario(self, folder: Path | None = None) -> tuple[Scenario, Path]:
        """The room's scenario, written to a file and loaded like any other (so fully checked)."""
        assert self.welcome is not None, "join first"
        text = self.welcome.scenario_yaml
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if sha != self.welcome.scenario_sha256:
            raise RoomError("the scenario arrived damaged (its SHA-256 differs)")
        given = self.welcome.scenario_id
        name = given if len(given) <= MAX_ID and re.fullmatch(SLUG_PATTERN, given) else "room"
        target = (folder or data_dir() / "room-scenarios") / f"{name}-{sha[:12]}.yaml"
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, text)
        except (OSError, WriteRefused) as exc:
            raise RoomError(f"cannot keep the room's scenario: {exc}") from None
        return load_scenario(target), target

    # --- what the game does -------------------------------------------------------------------

    def submit(self, number: int, decisions: list[dict[str, Any]], score: float) -> None:
        """Put a finished round in the outbox, on disk before this returns (a window closed or
        killed next still has it on the next start)."""
        with self._lock:
            if self._broken is not None and number > self._broken:
                self._refusals[number] = (f"round {self._broken} was refused, so the room cannot "
                                          "count the rounds after it")
                return
            self._outbox[number] = {"type": "round", "round": number, "decisions": decisions,
                                    "score": score}
            self._changes += 1
        self._persist()
        self._wake.set()

    def take_news(self) -> list[dict[str, Any]]:
        """Injected events, announcements and room changes since the last call, oldest first."""
        with self._lock:
            news, self._news = self._news, []
        return news

    @property
    def pending(self) -> list[int]:
        with self._lock:
            return sorted(self._outbox)

    @property
    def held(self) -> list[int]:
        """Rounds waiting for the facilitator to start (or restart) the room."""
        with self._lock:
            return sorted(n for n, at in self._later.items() if at == float("inf") and n in self._outbox)

    @property
    def refusals(self) -> dict[int, str]:
        with self._lock:
            return dict(self._refusals)

    def wait_sent(self, timeout: float = 10.0) -> bool:
        """Wait until the room has every round we gave it; False on timeout."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if not self.pending:
                return True
            time.sleep(0.02)
        return not self.pending

    def drop_connection(self) -> None:
        """Break the connection as a network failure would (the client reconnects by itself)."""
        ws = self._socket
        if ws is not None:
            try:
                ws.socket.shutdown(2)   # no closing handshake: the line just goes dead
            except OSError:
                pass

    def close(self) -> None:
        self._stop.set()
        self._wake.set()
        self.drop_connection()
        if self._thread is not None:
            self._thread.join(timeout=5)

    # --- the connection -----------------------------------------------------------------------

    def _welcomed(self, data: dict[str, Any]) -> None:
        with self._lock:
            self.recorded = int(data["recorded"])
            for number in [n for n in self._outbox if n <= self.recorded]:
                del self._outbox[number]     # the room had it; only its answer was lost
                self._later.pop(number, None)
                self._changes += 1
            self._room(data["room"])
            self._inbox(data.get("inbox", []))

    def _room(self, status: dict[str, Any]) -> None:
        if status.get("state") != self.state or status.get("timer") != self.timer:
            self.state, self.timer = str(status.get("state")), int(status.get("timer") or 0)
            self._news.append({"kind": "room", "state": self.state, "timer": self.timer})
        if self.state in RUNNING:             # rounds held while the room waited go now
            now = time.monotonic()
            self._later = {n: min(at, now) for n, at in self._later.items()}

    def _inbox(self, items: list[dict[str, Any]]) -> None:
        for item in items:
            if int(item["id"]) > self._since:
                self._since = int(item["id"])
                self._news.append(item)
                self.heard.append(item)

    def _run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            if self.offline:
                time.sleep(0.05)
                continue
            try:
                self._session()
                failures = 0
            except Exception:                  # the network, in every way it can fail
                failures += 1
            finally:
                self.connected = False
                self._socket = None
            if not self._stop.is_set():
                self.reconnects += 1
                self._stop.wait(RETRY[min(failures, len(RETRY) - 1)])

    def _session(self) -> None:
        assert self.welcome is not None
        with _connect(self.url, 5.0) as ws:
            self._socket = ws
            ws.send(json.dumps({"type": "resume", "token": self.welcome.token, "since": self._since}))
            data = json.loads(ws.recv(timeout=10))
            if data.get("type") != "welcome":
                if data.get("reason") == REMOVED:      # the facilitator removed this participant
                    self._news.append({"kind": "refused", "reason": REMOVED})
                    self._stop.set()
                raise RoomError(str(data.get("reason")))
            with self._lock:
                self._sent = set()             # a new connection: send every round not yet taken
            self._welcomed(data)
            self._persist()
            self.connected = True
            while not self._stop.is_set() and not self.offline:
                with self._lock:
                    now = time.monotonic()
                    for number in [n for n, at in self._later.items() if at <= now]:
                        del self._later[number]
                        self._sent.discard(number)
                    due = [self._outbox[n] for n in sorted(self._outbox) if n not in self._sent]
                    self._sent.update(message["round"] for message in due)
                for message in due:
                    ws.send(json.dumps(message))
                try:
                    raw = ws.recv(timeout=0.02)
                except TimeoutError:
                    continue
                self._handle(json.loads(raw))
                self._persist()

    def _persist(self) -> None:
        """Write the outbox to its file if it changed (remove the file once it is empty)."""
        if self.welcome is None:
            return
        with self._file_lock:
            with self._lock:
                if self._changes == self._saved:
                    return
                changes = self._changes
                rounds = {str(n): m for n, m in sorted(self._outbox.items())}
            _save_outbox(self._key(), self.welcome.participant, rounds)
            self._saved = changes

    def _refuse_from(self, first: int, reason: str) -> None:
        """Round `first` is refused for good: the rounds after it can never count either."""
        self._broken = first if self._broken is None else min(self._broken, first)
        self._changes += 1
        self._refusals[first] = reason
        for number in [n for n in self._outbox if n >= first]:
            del self._outbox[number]
            self._later.pop(number, None)
            if number > first:
                self._refusals[number] = (f"round {first} was refused, so the room cannot count "
                                          "the rounds after it")

    def _handle(self, data: dict[str, Any]) -> None:
        with self._lock:
            kind = data.get("type")
            if kind == "ack":
                number = int(data["round"])
                self._outbox.pop(number, None)
                self._changes += 1
                self._later.pop(number, None)
                self.recorded = max(self.recorded, number)
            elif kind == "refused":
                which, reason = data.get("round"), str(data.get("reason"))
                retry = data.get("retry")
                if retry is None and "arrived before" in reason:
                    retry = "soon"   # a room of an older version: an earlier round is on its way
                if isinstance(which, int) and which in self._outbox:
                    if retry == "start":
                        self._later[which] = time.monotonic() if self.state in RUNNING else float("inf")
                        if which not in self._told_held:
                            self._told_held.add(which)
                            self._news.append({"kind": "held", "round": which, "reason": reason})
                        return
                    if retry is not None:
                        self._later[which] = time.monotonic() + SOON
                        return
                    self._refuse_from(which, reason)
                self._news.append({"kind": "refused", "reason": reason})
            elif kind == "room":
                self._room(data)
            elif kind == "inbox":
                self._inbox(data.get("items", []))


class RoomLink:
    """Keeps one game in step with the room: injected events in, finished rounds out.

    The session is new, or one `RoomClient.session` rebuilt: its rounds are the room's."""

    def __init__(self, client: RoomClient, session: GameSession) -> None:
        self.client = client
        self.session = session
        self.sent = len(session.history)       # rounds handed to the outbox (or already there)
        self._cut = len(session.log)           # where the next round's decisions start in the log
        self._events: list[str] = []           # injected, waiting for a round being planned
        # Events a rebuilt game has already played come again with the inbox: skip them.
        self._played = Counter(d.event for d in session.log if isinstance(d, InjectEvent))
        self.messages: list[str] = []          # what the player should be told, oldest first

    def sync(self) -> list[dict[str, Any]]:
        news = self.client.take_news()
        for item in news:
            if item.get("kind") == "event" and self._played[str(item["event"])] > 0:
                self._played[str(item["event"])] -= 1
            elif item.get("kind") == "event":
                self._events.append(str(item["event"]))
                self.messages.append(f"The facilitator brings in an event: {item.get('title')}")
            elif item.get("kind") == "announce":
                self.messages.append(f"Facilitator: {item.get('text')}")
            elif item.get("kind") == "refused":
                self.messages.append(f"The room refused: {item.get('reason')}")
            elif item.get("kind") == "held":
                reason = str(item.get("reason"))
                self.messages.append(reason[:1].upper() + reason[1:] + ".")
        session = self.session
        while self._events and session.phase in (Phase.LEADER, Phase.MANAGER):
            event = self._events.pop(0)
            try:
                session.apply(InjectEvent(event))
            except IllegalDecision:
                pass        # not an event of this game: nothing to play
        while len(session.history) > self.sent and session.phase is not Phase.EVENT:
            part = list(session.log[self._cut:])
            skip = 1 if self.sent and part and isinstance(part[0], Continue) else 0
            part = part[skip:]
            end = next((i for i, d in enumerate(part) if isinstance(d, Continue)), len(part))
            self.sent += 1
            self._cut += skip + end
            self.client.submit(self.sent, [encode_decision(d) for d in part[:end]],
                               session.history[self.sent - 1].score)
        return news


TOKENS_FILE = "room-tokens.json"
OUTBOX_FOLDER = ROOM_OUTBOX_FOLDER
MAX_FILE = 16 * 1024 * 1024        # an outbox of a whole long game is a few hundred KiB


def _read_json(path: Path) -> Any:
    """A small JSON file of ours, or None if it is missing, not a regular file, or damaged."""
    try:
        raw = read_regular(path, MAX_FILE)
        return None if len(raw) > MAX_FILE else json.loads(raw)
    except (NotAFile, ValueError, RecursionError):
        return None


def _write_private(path: Path, data: Any) -> None:
    """Replace a file of ours atomically (this user only); best effort: the game goes on."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(data, allow_nan=False), mode=0o600)
    except (OSError, ValueError, WriteRefused):
        pass


def _tokens() -> dict[str, str]:
    data = _read_json(data_dir() / TOKENS_FILE)
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _remember(key: str, token: str) -> None:
    """Keep a room token for the next start (readable by this user only); best effort."""
    tokens = _tokens()
    tokens.pop(key, None)
    tokens[key] = token
    _write_private(data_dir() / TOKENS_FILE, dict(list(tokens.items())[-200:]))


def _outbox_file(key: str) -> Path:
    return data_dir() / OUTBOX_FOLDER / f"{key}.json"


def _save_outbox(key: str, participant: int, rounds: dict[str, dict[str, Any]]) -> None:
    """The rounds the room has not acknowledged, kept on disk until it does."""
    path = _outbox_file(key)
    if rounds:
        _write_private(path, {"participant": participant, "rounds": rounds})
        return
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError:
        _write_private(path, {"participant": participant, "rounds": {}})


def _load_outbox(key: str, participant: int, recorded: int) -> dict[int, dict[str, Any]]:
    """The rounds a previous start of this participant's game could not send: those after the
    room's last, one after the other (a gap could never be sent)."""
    data = _read_json(_outbox_file(key))
    if not isinstance(data, dict) or data.get("participant") != participant \
            or not isinstance(data.get("rounds"), dict):
        return {}
    rounds: dict[int, dict[str, Any]] = {}
    number = recorded + 1
    while isinstance(message := data["rounds"].get(str(number)), dict):
        if message.get("type") != "round" or message.get("round") != number \
                or not isinstance(message.get("decisions"), list) \
                or not isinstance(message.get("score"), int | float):
            break
        rounds[number] = message
        number += 1
    return rounds


def _rebuilt(scenario: Scenario, seed: int, rounds: tuple[tuple[dict[str, Any], ...], ...]
             ) -> GameSession:
    game = GameSession(scenario, seed)
    for number, decisions in enumerate(rounds, start=1):
        if number > 1:
            game.apply(Continue())
        game.apply_all(decode_decision(d, f"round {number}") for d in decisions)
    return game


def play_in_room(client: RoomClient, strategy: Any, scenario: Scenario, seed: int,
                 between: Callable[[GameSession], None] | None = None,
                 patience: float = 600.0) -> GameSession:
    """Play a whole room game with a scripted strategy, waiting while the room is paused
    (a rejoining participant goes on from the rounds the room has)."""
    session = client.session(scenario) if client.welcome is not None else GameSession(scenario, seed)
    link = RoomLink(client, session)
    give_up = time.monotonic() + patience
    while not session.over and time.monotonic() < give_up:
        link.sync()
        if client.state == "ended":
            break
        if client.state != "running":
            time.sleep(0.02)
            continue
        for decision in strategy.decide(session):
            session.apply(decision)
            link.sync()
        if between is not None:
            between(session)
    link.sync()
    return session
