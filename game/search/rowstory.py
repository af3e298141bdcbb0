"""The session's story rules (`game.rules.events.StoryRules`) played on every row at once.

Each row remembers what its own game remembers: flags and counters, which choice it took in
which round, which events fired, the effects waiting for a later round, budget changes for
coming rounds, and its projects' due rounds and scopes. Rows that take different answers
diverge; each row's events are queued, answered and followed up in the order the session
plays them (a row answers the first event in its queue, then looks again at the events that
read memory), so every row's numbers are bit for bit the session's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from functools import partial

import numpy as np

from game.model import OrgState, Params, World, apply_effects, gauges_of, metrics_of
from game.model.plan import RoundPlan
from game.model.scope import apply_team_effects, join, team_slots
from game.model.state import MISSED, OPEN, SHIPPED, SHIPPED_LATE
from game.rules.away import Away, come_back, cut_budget, went_away
from game.rules.events import TEAM_GAUGE_FIELDS
from game.scenario.types import Choice, Effect, Scenario, reads_memory
from game.search.conditions import BatchSituation, holds_batch
from game.search.rows import leave_rows, on_rows, team_gauge

Array = np.ndarray


class _Gauges(Mapping[str, Array]):
    """The gauges, metrics and score a condition reads, worked out on first use."""

    def __init__(self, work_out: Callable[[], dict[str, Array]]) -> None:
        self._work_out = work_out
        self._values: dict[str, Array] | None = None

    def _all(self) -> dict[str, Array]:
        if self._values is None:
            self._values = self._work_out()
        return self._values

    def __getitem__(self, key: str) -> Array:
        return self._all()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


class RowStory:
    """What every row's game remembers, and the story's rules between and after rounds."""

    def __init__(self, scenario: Scenario, world: World, params: Params, batch: int,
                 score: Callable[[dict[str, Array]], Array]) -> None:
        self.scenario, self.params, self.batch, self._score = scenario, params, batch, score
        events, rounds = scenario.events, scenario.rounds
        self.flags: dict[str, Array] = {}
        self.answered = np.full((batch, len(events), rounds + 2), -1, dtype=np.int16)
        self.fired = np.zeros((batch, len(events)), dtype=bool)
        self.shift = np.zeros((batch, rounds + 2))   # budget change by round, from events
        # % change of each category's money by round, from `category:` budget effects
        self.cuts = np.zeros((batch, rounds + 2, len(world.categories)))
        self._categories = world.categories
        self._away: list[Away] = []
        teams = scenario.organization.teams
        self.arrived = np.array([[t.arrives == 1 and t.flag is None for t in teams]] * batch,
                                dtype=bool).reshape(batch, len(teams))
        self.due = np.broadcast_to(world.due, (batch, world.projects)).copy()
        self.scope = np.broadcast_to(world.scope, (batch, world.projects)).copy()
        self.moves_projects = any(e.project is not None or e.away_rounds
                                  for ev in events for c in ev.choices for e in c.later)
        self.away_teams = np.zeros((batch, len(scenario.organization.teams)), dtype=np.int64)
        # Answers with effects still to land, in the order they were given, per row.
        self._waiting = np.full((batch, 4, 3), -1, dtype=np.int64)   # (event, choice, round)
        self._n_waiting = np.zeros(batch, dtype=np.int64)
        self._all_hires = world.hire_order
        self.world = self._hire_order(world, 1)
        self._worlds: dict[tuple[bytes, bytes], World] = {}
        self._groups: list[tuple[Array | None, World]] | None = None   # until a project moves
        self._event_ids = {e.id: (i, tuple(c.id for c in e.choices)) for i, e in enumerate(events)}
        self._team_index = {t.id: i for i, t in enumerate(scenario.organization.teams)}
        self._project_index = {p.id: i for i, p in enumerate(scenario.projects)}
        self._memory = [reads_memory(e.when) for e in events]

    # --- between rounds ----------------------------------------------------------------------

    def start(self, state: OrgState) -> OrgState:
        """Teams that arrive later are not here yet."""
        for t, team in enumerate(self.scenario.organization.teams):
            if team.arrives > 1 or team.flag is not None:
                state = state.evolve(active=state.active & ~team_slots(self.world, t))
        return state

    def _hire_order(self, world: World, round_no: int) -> World:
        here = [t for t, team in enumerate(self.scenario.organization.teams)
                if team.arrives <= round_no and team.flag is None]
        keep = np.isin(world.slot_team[self._all_hires], here)
        if np.array_equal(world.hire_order, self._all_hires[keep]):
            return world
        return replace(world, hire_order=self._all_hires[keep])

    def arrivals(self, state: OrgState, round_no: int) -> OrgState:
        """Teams whose round has come (and, if they wait for one, whose flag is set) join, as
        the experienced people they are; then people away whose time is up come back."""
        for t, team in enumerate(self.scenario.organization.teams):
            if team.arrives > round_no:
                continue
            rows = ~self.arrived[:, t]
            if team.flag is not None:
                rows &= self.flags.get(team.flag, np.zeros(self.batch)) != 0
            if rows.any():
                veterans = {"skill": team.skill, "morale": team.morale,
                            "creativity": team.creativity, "fatigue": team.fatigue}
                state = on_rows(state, rows, partial(join, world=self.world, team=t, count=team.size,
                                                     p=self.params, veterans=veterans))
                self.arrived[rows, t] = True
        for away in [a for a in self._away if a.back == round_no]:
            state = come_back(state, self.world, away, self.params)
            if away.rows is not None:
                self.away_teams[:, away.team] -= away.rows
            self._groups = None
        self._away = [a for a in self._away if a.back != round_no]
        self.world = self._hire_order(self.world, round_no)
        return state

    def cut(self, plan: RoundPlan, round_no: int) -> RoundPlan:
        """The plan with the events' `category:` budget changes of this round."""
        return cut_budget(plan, self._categories, self.cuts[:, round_no])

    def open_budget(self, state: OrgState, round_no: int) -> OrgState:
        """The round's budget change from events, for the step and `available_budget`."""
        return state.evolve(budget_shift=self.shift[:, round_no].copy())

    def workable(self, state: OrgState, round_no: int) -> Array:
        """(B, P) True where work on a project counts this round (arrived, what it needs shipped)."""
        status = state.status
        done = (status == SHIPPED) | (status == SHIPPED_LATE)
        result = np.ones(status.shape, dtype=bool)
        for i, project in enumerate(self.scenario.projects):
            if project.arrives > round_no:
                result[:, i] = False
            if project.flag is not None:
                result[:, i] &= self.flags.get(project.flag, np.zeros(self.batch)) != 0
            for need in project.requires:
                result[:, i] &= done[:, self._project_index[need]]
        return result

    def worlds(self) -> list[tuple[Array | None, World]]:
        """The rows that share one world (due rounds and scopes): (rows or None for all, world)."""
        if not self.moves_projects:
            return [(None, self.world)]
        if self._groups is not None and self._groups[0][1].hire_order is self.world.hire_order:
            return self._groups
        keys, inverse = np.unique(np.concatenate([self.due, self.scope, self.away_teams > 0], axis=1),
                                  axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        groups = []
        n = self.due.shape[1]
        for g, key in enumerate(keys):
            cache = (self.world.hire_order.tobytes(), key.tobytes())
            world = self._worlds.get(cache)
            if world is None:
                away = np.flatnonzero(key[2 * n:])   # nobody is hired into a team that is away
                order = self.world.hire_order
                order = order[~np.isin(self.world.slot_team[order], away)] if away.size else order
                world = replace(self.world, due=key[:n].copy(), scope=key[n:2 * n].copy(),
                                hire_order=order)
                self._worlds[cache] = world
            groups.append((None if len(keys) == 1 else np.flatnonzero(inverse == g), world))
        self._groups = groups
        return groups

    # --- effects -------------------------------------------------------------------------------

    def _land(self, state: OrgState, effect: Effect, mask: Array, round_no: int, label: str) -> OrgState:
        amounts = dict(effect.amounts)
        if "budget" in amounts and effect.category is not None:
            c = self._categories.index(effect.category)
            self.cuts[mask, round_no + 1, c] = self.cuts[mask, round_no + 1, c] + amounts.pop("budget")
        elif "budget" in amounts:
            self.shift[mask, round_no + 1] = self.shift[mask, round_no + 1] + amounts.pop("budget")
        if "away" in amounts and effect.team is not None:
            t = self._team_index[effect.team]
            after = leave_rows(state, self.world, t, int(amounts.pop("away")), mask)
            gone = went_away(state, after, self.world, t, round_no + effect.away_rounds + 1)
            self._away.append(replace(gone, rows=mask.astype(np.int64)))
            self.away_teams[:, t] += mask
            self._groups = None
            return after
        if effect.project is not None:
            return self._move_project(state, self._project_index[effect.project], amounts, mask)
        if effect.team is not None:
            t = self._team_index[effect.team]
            size = int(amounts.pop("size", 0))
            if size < 0:
                state = leave_rows(state, self.world, t, -size, mask)
            elif size > 0:
                state = on_rows(state, mask, lambda s: join(s, self.world, t, size, self.params))
            if amounts:
                state = on_rows(state, mask,
                                lambda s: apply_team_effects(s, self.world, t, amounts, label)[0])
            return state
        if amounts:
            state = on_rows(state, mask, lambda s: apply_effects(s, amounts, label)[0])
        return state

    def _move_project(self, state: OrgState, i: int, amounts: dict[str, float], mask: Array) -> OrgState:
        self._groups = None
        self.due[mask, i] = np.clip(self.due[mask, i] + amounts.get("due", 0.0), 1, self.world.rounds)
        self.scope[mask, i] = np.maximum(self.scope[mask, i] + amounts.get("scope", 0.0), 1.0)
        reopen = mask & (state.status[:, i] == MISSED) & (self.due[:, i] > state.round)
        if not reopen.any():
            return state
        status = state.status.copy()
        status[reopen, i] = OPEN
        return state.evolve(status=status)

    def land_due(self, state: OrgState, round_no: int) -> OrgState:
        """Effects chosen in earlier rounds whose round has come, in the order chosen."""
        for k in range(int(self._n_waiting.max(initial=0))):
            event, choice, answered = (self._waiting[:, k, j] for j in range(3))
            for e, c in {(int(e), int(c)) for e, c in zip(event, choice, strict=True) if e >= 0}:
                rows = (event == e) & (choice == c)
                source = f"{self.scenario.events[e].title}, chosen in round"
                for effect in self.scenario.events[e].choices[c].later:
                    start = answered + effect.delay
                    mask = rows & (start <= round_no) & (round_no < start + effect.lasts)
                    if mask.any():
                        state = self._land(state, effect, mask, round_no, source)
        return state

    def _wait(self, mask: Array, event: int, choice: int, round_no: int) -> None:
        """Remember an answer whose effects land in later rounds."""
        if self._n_waiting.max(initial=0) >= self._waiting.shape[1]:
            more = np.full_like(self._waiting, -1)
            self._waiting = np.concatenate([self._waiting, more], axis=1)
        rows = np.flatnonzero(mask)
        self._waiting[rows, self._n_waiting[rows]] = (event, choice, round_no)
        self._n_waiting[rows] += 1

    def _answer(self, state: OrgState, e: int, c: int, mask: Array, round_no: int) -> OrgState:
        event = self.scenario.events[e]
        choice: Choice = event.choices[c]
        label = f"Event: {event.title}"
        if choice.effects:
            state = on_rows(state, mask, lambda s: apply_effects(s, dict(choice.effects), event.title)[0])
        for effect in choice.later:
            if effect.delay == 0:
                state = self._land(state, effect, mask, round_no, label)
        if any(effect.delay + effect.lasts > 1 for effect in choice.later):
            self._wait(mask, e, c, round_no)
        for flag, value in choice.sets:
            self.flags[flag] = np.where(mask, value, self.flags.get(flag, np.zeros(self.batch)))
        for flag, amount in choice.adds:
            now = self.flags.get(flag, np.zeros(self.batch))
            self.flags[flag] = np.where(mask, now + amount, now)
        self.answered[mask, e, round_no] = c
        self.fired[mask, e] = True
        return state

    # --- events ----------------------------------------------------------------------------------

    def situation(self, state: OrgState, round_no: int, vision: Array, vision_ids: tuple[str, ...],
                  share: Callable[[], Array]) -> BatchSituation:
        world, params = self.world, self.params

        def gauges() -> dict[str, Array]:
            metrics = metrics_of(state)
            values = dict(gauges_of(state, world, params))
            values.update(metrics)
            values["score"] = self._score(metrics)
            return values

        def of_team(team: str, gauge: str) -> Array:
            if gauge not in TEAM_GAUGE_FIELDS and gauge != "headcount":
                raise KeyError(f"no team gauge {gauge!r}")
            return team_gauge(state, world, self._team_index[team], gauge)

        return BatchSituation(
            round=round_no, batch=state.batch, gauges=_Gauges(gauges), vision=vision,
            vision_ids=vision_ids,
            projects={p.id: state.status[:, i] for i, p in enumerate(self.scenario.projects)},
            leader_share=share, flags=self.flags, answered=self.answered, events=self._event_ids,
            team_gauge=of_team,
        )

    def events(self, state: OrgState, round_no: int, answers: Array,
               situation: Callable[[OrgState], BatchSituation]) -> OrgState:
        """Queue the round's events, answer each row's queue in order with its answers
        ((B, E) wanted choice per event; a closed one becomes the first open one), and queue
        the follow-ups each answer opens, as the session does."""
        events = self.scenario.events
        if not events:
            return state
        n_events, batch = len(events), self.batch
        queued = np.zeros((batch, n_events), dtype=bool)
        waiting = np.zeros((batch, n_events), dtype=bool)
        place = np.zeros((batch, n_events), dtype=np.int64)
        next_place = np.zeros(batch, dtype=np.int64)

        def enqueue(now: BatchSituation, rows: Array, follow_ups: bool) -> None:
            for i, event in enumerate(events):
                if follow_ups and not self._memory[i]:
                    continue
                may = rows & ~queued[:, i]
                if event.once:
                    may &= ~self.fired[:, i]
                if not may.any():
                    continue
                holds = may & holds_batch(event.when, now)
                queued[:, i] |= holds
                waiting[:, i] |= holds
                place[holds, i] = next_place[holds]
                next_place[holds] += 1

        enqueue(situation(state), np.ones(batch, dtype=bool), False)
        limit = np.iinfo(np.int64).max
        while True:
            answering = np.asarray(waiting.any(axis=1))
            if not answering.any():
                return state
            front = np.argmin(np.where(waiting, place, limit), axis=1)
            now = situation(state)
            for e in np.unique(front[answering]):
                e = int(e)
                rows = answering & (front == e)
                chosen = self._open_choice(events[e].choices, answers[:, e], rows, now)
                for c in range(len(events[e].choices)):
                    mask = rows & (chosen == c)
                    if mask.any():
                        state = self._answer(state, e, c, mask, round_no)
                waiting[rows, e] = False
            if any(self._memory):
                enqueue(situation(state), answering, True)

    @staticmethod
    def _open_choice(choices: tuple[Choice, ...], wanted: Array, rows: Array, now: BatchSituation) -> Array:
        """(B,) the choice each row takes: the one it wants, or the first open one if that is
        closed (or is no choice of this event)."""
        n = len(choices)
        valid = (wanted >= 0) & (wanted < n)
        if all(c.require is None for c in choices):
            return np.where(valid, wanted, 0)
        open_ = np.stack([np.ones(now.batch, dtype=bool) if c.require is None else holds_batch(c.require, now)
                          for c in choices], axis=1)
        stuck = rows & ~open_.any(axis=1)
        if stuck.any():
            raise ValueError("every choice of an event is closed")
        want_open = valid & np.take_along_axis(open_, np.clip(wanted, 0, n - 1)[:, None], axis=1)[:, 0]
        return np.where(want_open, wanted, np.argmax(open_, axis=1))
