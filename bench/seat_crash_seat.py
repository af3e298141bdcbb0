"""A browser seat's traffic that lives through a server crash, for bench/seat_crash.py.

It plays as seat_load.Seat does (the page's files, /play/ws, one decision at a time, the
forecast once the plan rests), and when the connection breaks it does what the page does:
reconnect (0.5, 1, 2, 4 s apart) and resume with its token. It then checks the server's
view against its own copy of the game: `moves` (how many decisions the server's game has)
equals its own count (the decision in flight arrived), or one less (it did not: sent
again); anything less is a decision the server had answered and then lost.
"""

from __future__ import annotations

import json
import random
import re
import statistics
import threading
import time
import urllib.request
from typing import Any

from seat_load import FORECAST_AFTER, PAGE_FILES
from websockets.sync.client import connect

from game.analysis.strategies import make_strategy
from game.persistence.codec import encode_decision
from game.rules.decisions import Decision
from game.rules.records import Phase
from game.rules.session import GameSession
from game.scenario.types import Scenario

BACKOFF = (0.5, 1.0, 2.0, 4.0)      # the page's waits between reconnections


class Outage:
    """When the server was down (monotonic seconds)."""

    def __init__(self) -> None:
        self.began = self.ended = float("inf")
        self.over = threading.Event()

    def begin(self) -> None:
        self.began = time.monotonic()

    def end(self) -> None:
        self.ended = time.monotonic()
        self.over.set()

    def length(self) -> float:
        return self.ended - self.began

    def spans(self, start: float, stop: float) -> bool:
        return start < self.ended and stop > self.began


def p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[int(0.95 * (len(xs) - 1))] if xs else float("inf")


def percentiles(name: str, xs: list[float]) -> str:
    if not xs:
        return f"{name}: none"
    xs = sorted(xs)
    return (f"{name}: n={len(xs)} p50 {statistics.median(xs) * 1000:.0f} ms, p95 {p95(xs) * 1000:.0f} ms, "
            f"max {xs[-1] * 1000:.0f} ms")


class Broken(Exception):
    """The connection to the room failed."""


class ResumingSeat:
    def __init__(self, address: str, code: str, name: str, strategy: str, seed: int, think: float,
                 click: float, scenario: Scenario, game_seed: int, outage: Outage) -> None:
        self.address, self.code, self.name = address, code, name
        self.strategy = make_strategy(strategy, seed)
        self.think, self.click = think, click
        self.game = GameSession(scenario, game_seed)
        self.outage = outage
        self.token = ""
        self.ws: Any = None
        self.view: dict[str, Any] = {}
        self.seq = 0
        self.submits: list[float] = []          # round-finishing decisions answered on one connection
        self.decisions: list[float] = []        # every decision answered on one connection
        self.handed: dict[int, float] = {}      # round -> when its finishing decision was sent
        self.illegal: list[str] = []
        self.rounds = 0
        self.resumes = 0
        self.same_place = True
        self.lost = 0
        self.resent = 0
        self.score_agrees = False
        self.join_waits = 0                     # joins the room asked to wait (many at once)

    def in_phase(self) -> bool:
        return self.game.phase in (Phase.LEADER, Phase.MANAGER)

    # --- the connection -----------------------------------------------------------------------

    def _ask(self, message: dict[str, Any], answer: str = "view") -> dict[str, Any]:
        self.seq += 1
        try:
            self.ws.send(json.dumps({**message, "seq": self.seq}))
            while True:
                data = json.loads(self.ws.recv(timeout=120))
                if data.get("type") == answer and (data.get("seq") == self.seq or data.get("welcome")):
                    return dict(data)
                if data.get("type") == "refused":
                    raise RuntimeError(data["reason"])
        except RuntimeError:
            raise
        except Exception as exc:                # closed, reset, refused: the server went away
            raise Broken(repr(exc)) from None

    def _open(self) -> None:
        self.ws = connect(f"ws://{self.address}/play/ws", max_size=2**22, proxy=None, open_timeout=10)

    def _resume(self) -> dict[str, Any]:
        """Reconnect as the page does and resume; the server's view."""
        self.resumes += 1
        give_up = time.monotonic() + 120
        for attempt in range(1000):
            time.sleep(BACKOFF[min(attempt, len(BACKOFF) - 1)])
            try:
                self._open()
                self.seq += 1
                self.ws.send(json.dumps({"type": "resume", "token": self.token, "seq": self.seq}))
                data = json.loads(self.ws.recv(timeout=30))
                if data.get("type") == "view":
                    return dict(data["view"])
                raise RuntimeError(f"resume refused: {data}")
            except RuntimeError:
                raise
            except Exception:
                if time.monotonic() > give_up:
                    raise
        raise RuntimeError("never resumed")

    def act(self, decision: Decision, before: tuple[int, str]) -> tuple[dict[str, Any], bool]:
        """Send a decision already applied to our copy; (answer, whether the connection held)."""
        message = {"type": "act", "decision": encode_decision(decision)}
        held = True
        while True:
            try:
                return self._ask(message), held
            except Broken:
                held = False
                view = self._resume()
                want = len(self.game.log)
                place = (view["round"], view["phase"])
                if view["moves"] == want:          # it arrived before the crash
                    self.same_place &= place == (self.game.round, self.game.phase.value)
                    return {"view": view}, held
                self.same_place &= place == before
                if view["moves"] == want - 1:      # it did not: the page sends it again
                    self.resent += 1
                    continue
                self.lost = want - 1 - view["moves"]
                raise RuntimeError(f"the server lost {self.lost} answered decision(s)") from None

    def _join(self) -> dict[str, Any]:
        """Join; when the room takes many joins at once, wait as it says and press Join again."""
        for _ in range(60):
            self._open()
            try:
                return self._ask({"type": "join", "code": self.code, "name": self.name})
            except RuntimeError as exc:
                wait = re.search(r"try again in (\d+) s", str(exc))
                if wait is None:
                    raise
                self.ws.close()
                self.join_waits += 1
                time.sleep(int(wait.group(1)))
        raise RuntimeError("never joined")

    # --- playing ------------------------------------------------------------------------------

    def enter(self) -> None:
        """Open the page (its files) and join the room, as a participant does before it starts."""
        for path in PAGE_FILES:
            urllib.request.urlopen(f"http://{self.address}{path}", timeout=30).read()
        joined = self._join()
        self.token, self.view = str(joined["token"]), joined["view"]

    def play(self) -> None:
        game, rng, view = self.game, random.Random(self.name), self.view
        seen_plan = -1
        while not game.over:
            for decision in self.strategy.decide(game):
                pause = rng.uniform(0, self.click) if self.click else 0.0
                manager = view["phase"] == "manager"
                if manager and view["manager"]["plan"] != seen_plan and pause > FORECAST_AFTER:
                    seen_plan = view["manager"]["plan"]       # the page asks once the plan rests
                    try:
                        self._ask({"type": "forecast"}, "forecast")
                    except Broken:
                        pass                                  # the next decision reconnects
                time.sleep(pause)
                before = (game.round, game.phase.value)
                game.apply(decision)
                started = time.monotonic()
                answer, held = self.act(decision, before)
                took = time.monotonic() - started
                view = answer["view"]
                if held:
                    self.decisions.append(took)
                if "illegal" in answer:
                    self.illegal.append(answer["illegal"])
                if view["room"]["recorded"] > self.rounds:
                    self.rounds = view["room"]["recorded"]
                    self.handed[self.rounds] = started
                    if held:
                        self.submits.append(took)
            if self.think and game.phase is Phase.REPORT:
                time.sleep(rng.uniform(0, self.think))
        score = view["debrief"]["score"] if view["phase"] == "end" else float("nan")
        self.score_agrees = abs(score - game.result().score) < 1e-9
        self.ws.close()
