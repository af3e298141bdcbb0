"""Autoplay: a scripted strategy plays through the real screens with real input events.

The strategy decides (from the session, once per phase, as in a headless run); this driver
turns each decision into the clicks and keys a person would use on the current screen, posts
them as pygame events, and saves one PNG per kind of screen.
"""

from __future__ import annotations

import sys
from collections import deque
from pathlib import Path
from typing import Any

import pygame

from game.rules.decisions import (
    LEADER_ACTIONS,
    AllocateBudget,
    CancelInspire,
    ChooseOption,
    Continue,
    EndPhase,
    Inspire,
    Schedule,
    SetOvertime,
    SetReviews,
    SetVision,
)
from game.ui.widgets import stepper

# ("click", name) | ("type", (name, text)) | ("key", key) | ("shot", None) | ("shotas", name)
Step = tuple[str, Any]
MAX_FRAMES = 30000


class Autoplayer:
    def __init__(self, strategy: Any, scenario_path: Path, screenshots: Path | None = None,
                 tour: bool = True, player: str | None = None, rounds: int | None = None) -> None:
        self.strategy = strategy
        self.rounds = rounds      # stop on the report of this round (None: play to the debrief)
        self.stopped_after: int | None = None   # the round it stopped after, when it did
        self.player = player      # the name the save and the play history give this game
        self.scenario_path = Path(scenario_path)
        self.shots = screenshots
        self.tour = tour          # visit settings and pause once, for their screenshots
        self.steps: deque[Step] = deque()
        self.decisions: deque[Any] = deque()
        self.screen_id = 0
        self.saved: dict[str, Path] = {}
        self.seen_settings = self.seen_pause = False
        self.final_score: float | None = None
        self.problem: str | None = None
        self._shot_due = False
        self._shot_name: str | None = None
        self._tip: str | None = None       # the tutorial tip being dismissed

    # --- per frame ---------------------------------------------------------------------------
    def before_events(self, app: Any) -> None:
        if app.frames > MAX_FRAMES:
            self.fail(app, f"autoplay made no progress on the {app.top.kind} screen")
            return
        if id(app.top) != self.screen_id:
            self.screen_id = id(app.top)
            self.steps.clear()
            self.decisions.clear()
            self.plan_screen(app)
            return
        tip = getattr(app.top, "tip", None)
        if tip is not None and tip.topic != self._tip:   # read it (a picture), then Got it
            self._tip = tip.topic
            self.steps.extendleft([("click", "tip:ok"), ("shotas", f"tip-{tip.topic}")])
        if not self.steps and self.decisions:
            self.steps.extend(self.translate(app, self.decisions.popleft()))
        if self.steps:
            self.perform(app, self.steps.popleft())

    def after_draw(self, app: Any) -> None:
        if self._shot_due:
            self._shot_due = False
            kind = self._shot_name or app.top.kind
            self._shot_name = None
            if self.shots is not None and kind not in self.saved:
                self.shots.mkdir(parents=True, exist_ok=True)
                path = self.shots / f"{len(self.saved) + 1:02d}-{kind}.png"
                pygame.image.save(app.window, str(path))
                self.saved[kind] = path

    # --- planning ------------------------------------------------------------------------------
    def plan_screen(self, app: Any) -> None:
        top, add = app.top, self.steps.append
        kind = top.kind
        if kind == "message":
            self.fail(app, f"{top.title}: {top.body}")
            return
        if kind not in ("leader", "manager"):
            add(("shot", None))
        if kind == "title":
            if self.tour and not self.seen_settings:
                add(("key", pygame.K_s))
            else:
                add(("click", "hotseat" if app.settings.hotseat else "solo"))
        elif kind == "settings":
            self.seen_settings = True
            add(("key", pygame.K_ESCAPE))
        elif kind == "pause":
            self.seen_pause = True
            add(("key", pygame.K_ESCAPE))
        elif kind == "confirm":   # the strategy chose to commit with energy or budget left
            add(("click", "yes"))
        elif kind == "picker":
            target = self.scenario_path.resolve()
            idx = next((i for i, e in enumerate(top.entries) if e.path.resolve() == target), None)
            if idx is None:
                self.fail(app, f"{self.scenario_path} is not in the scenario list")
                return
            if idx // 7 != top.page:
                add(("key", pygame.K_m))
            add(("click", f"pick:{idx}"))
            add(("click", "start"))
        elif kind in ("briefing", "handover", "name"):
            add(("key", pygame.K_RETURN))
        elif kind == "resolution":
            add(("wait", 20))
            add(("key", pygame.K_RETURN))
        elif kind == "debrief":
            add(("finish", None))
        elif kind == "report" and self.rounds is not None and app.session.round >= self.rounds:
            # Its screenshot is the one asked for: under its own name when an earlier round's
            # report has taken "report" (one PNG per screen would skip it).
            if "report" in self.saved:
                self.steps[-1] = ("shotas", f"report-round-{app.session.round}")
            add(("stop", app.session.round))   # after its screenshot, as asked (--rounds)
        else:  # a phase of the session: ask the strategy, once
            if kind == "leader" and self.tour and not self.seen_pause:
                add(("key", pygame.K_ESCAPE))
                return  # the pause overlay; this leader screen is planned again afterwards
            self.decisions.extend(self.strategy.decide(app.session))

    def translate(self, app: Any, d: Any) -> list[Step]:
        s = app.session
        if isinstance(d, SetVision):
            return [("click", f"vision:{d.vision or 'none'}")]
        if isinstance(d, Inspire):
            out: list[Step] = []
            if LEADER_ACTIONS[d.action].needs_team and d.team and app.top.team != d.team:
                out.append(("click", f"team:{d.team}"))
            return [*out, ("click", f"action:{d.action}")]
        if isinstance(d, CancelInspire):
            i = list(s.leader.actions).index(Inspire(d.action, d.team))
            return [("click", f"planned:{i}")]
        if isinstance(d, AllocateBudget):
            cur = s.manager.budget  # categories left out of the decision become 0
            want = {c: float(d.amounts.get(c, 0.0)) for c in cur}
            changes = [(c, v) for c, v in want.items() if cur.get(c) != v]
            changes.sort(key=lambda cv: cv[1] - cur.get(cv[0], 0.0))  # decreases first
            return [("type", (f"budget:{c}", stepper.typed(v, False))) for c, v in changes]
        if isinstance(d, Schedule):
            cur = s.manager.schedule
            projects = [p.id for p in s.scenario.projects]  # a team's row is replaced whole
            changes = [(t, p, float(row.get(p, 0.0))) for t, row in d.assignments.items()
                       for p in projects if cur.get(t, {}).get(p, 0.0) != row.get(p, 0.0)]
            changes.sort(key=lambda c: c[2] - cur.get(c[0], {}).get(c[1], 0.0))
            return [("type", (f"cell:{t}:{p}", stepper.typed(v, True))) for t, p, v in changes]
        if isinstance(d, SetOvertime):
            if s.manager.overtime == d.level:
                return []
            return [("type", ("overtime", stepper.typed(d.level, True)))]
        if isinstance(d, SetReviews):
            return [] if s.manager.reviews == d.on else [("click", "reviews")]
        if isinstance(d, EndPhase):
            return [("shot", None), ("click", "commit")]
        if isinstance(d, ChooseOption):
            return [("click", f"choice:{d.index}")]
        if isinstance(d, Continue):
            return [("click", "continue")]
        self.fail(app, f"autoplay cannot express {d!r} on the {app.top.kind} screen")
        return []

    # --- doing ---------------------------------------------------------------------------------
    def perform(self, app: Any, step: Step) -> None:
        what, arg = step
        post = pygame.event.post
        if what == "shot":
            self._shot_due = True
        elif what == "shotas":
            self._shot_due, self._shot_name = True, arg
        elif what == "wait":
            if arg > 1:
                self.steps.appendleft(("wait", arg - 1))
        elif what == "finish":
            self.final_score = float(app.session.result().score)
            app.running = False
        elif what == "stop":
            self.stopped_after = arg
            app.running = False
        elif what == "key":
            post(pygame.event.Event(pygame.KEYDOWN, key=arg, mod=0, unicode=_char(arg),
                                    scancode=0))
            post(pygame.event.Event(pygame.KEYUP, key=arg, mod=0, unicode="", scancode=0))
            self.steps.appendleft(("wait", 1))
        elif what == "click":
            if arg not in app.top.widgets:
                self.fail(app, f"no control {arg!r} on the {app.top.kind} screen")
                return
            self.click(app.top.centre_of(arg))
            self.steps.appendleft(("wait", 1))
        elif what == "type":
            name, text = arg
            field = f"{name}:field"
            if field not in app.top.widgets:
                self.fail(app, f"no field {field!r} on the {app.top.kind} screen")
                return
            self.click(app.top.centre_of(field))
            post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_a, mod=pygame.KMOD_CTRL,
                                    unicode="\x01", scancode=0))
            post(pygame.event.Event(pygame.TEXTINPUT, text=text))
            post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r",
                                    scancode=0))
            post(pygame.event.Event(pygame.KEYUP, key=pygame.K_RETURN, mod=0, unicode="",
                                    scancode=0))
            self.steps.appendleft(("wait", 1))

    @staticmethod
    def click(pos: tuple[int, int]) -> None:
        post = pygame.event.post
        post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))

    def fail(self, app: Any, message: str) -> None:
        self.problem = message
        print(f"autoplay: {message}", file=sys.stderr)
        app.exit_code = 1
        app.running = False


def _char(key: int) -> str:
    if key == pygame.K_RETURN:
        return "\r"
    if key == pygame.K_ESCAPE:
        return "\x1b"
    name = pygame.key.name(key)
    return name if len(name) == 1 else ""
