"""What the current plan would do, read from the model, never from the window.

`forecast(session)` runs the organisation model forward on a copy of the session's state,
in a small batch of samples with its own seed (so it never peeks at the dice the game will
roll), repeating the plan as it stands: this round's drafts, every round until the last
open project's due round. Screens show its numbers; they compute none of their own.

`people(session)` is the organisation as persons, one entry per employee, for the team
panel: morale, fatigue (only once a listening tour has revealed it), and whether they are new.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

import numpy as np

from game.model import step
from game.model.scope import join
from game.model.state import OPEN, SHIPPED, SHIPPED_LATE, OrgState
from game.rules.away import come_back, cut_budget
from game.rules.plans import plan_from_drafts
from game.rules.records import Phase
from game.rules.session import GameSession
from game.scenario.types import Scenario

SAMPLES = 8
RAMP_ROUNDS = 2.0   # a person with less tenure than this is a new hire, still ramping up


@dataclass(frozen=True)
class ProjectOutlook:
    id: str
    due: int
    chance: float     # share of samples in which it ships by its due round
    progress: float   # mean progress (0..1 of scope) at its due round
    needs: float = 0.0  # work points a round its date needs: the scope left / rounds left to it
    gets: float = 0.0   # work points a round the plan gives it, while it is open, by its date

    @property
    def verdict(self) -> str:
        if self.chance >= 0.75:
            return "on track"
        return "at risk" if self.chance >= 0.25 else "off track"


@dataclass(frozen=True)
class TeamOutlook:
    id: str
    load: float            # the share of the team's capacity scheduled (1.0 = 100%)
    fatigue_change: float  # mean fatigue change of its people next round, in points of 100
    morale_change: float   # mean morale change of its people next round, in points of 100


@dataclass(frozen=True)
class Forecast:
    projects: dict[str, ProjectOutlook]   # open projects only
    teams: dict[str, TeamOutlook]
    rounds: int                           # how many rounds ahead the model was run


def _tile(state: OrgState, samples: int) -> OrgState:
    changes = {}
    for f in fields(state):
        value = getattr(state, f.name)
        if isinstance(value, np.ndarray) and value.ndim >= 1:
            changes[f.name] = np.repeat(value[:1], samples, axis=0)
    return state.evolve(**changes)


def _team_means(values: np.ndarray, state: OrgState, slot_team: np.ndarray, teams: int) -> np.ndarray:
    """(T,) mean over samples and active members of each team."""
    out = np.zeros(teams)
    for t in range(teams):
        members = state.active & (slot_team == t)[None, :]
        out[t] = float(values[members].mean()) if members.any() else 0.0
    return out


def _workable(scenario: Scenario, state: OrgState, round_no: int,
              flags: dict[str, float] | None = None) -> np.ndarray:
    """(samples, P) where work on a project counts in `round_no`, as the session masks it:
    it has arrived, its flag (if it waits for one) is set now, and every project it requires
    has shipped (in that sample)."""
    ids = [p.id for p in scenario.projects]
    shipped = (state.status == SHIPPED) | (state.status == SHIPPED_LATE)
    out = np.ones(state.status.shape, dtype=float)
    for i, p in enumerate(scenario.projects):
        if p.arrives > round_no or (p.flag is not None and not (flags or {}).get(p.flag)):
            out[:, i] = 0.0
        for needed in p.requires:
            out[:, i] *= shipped[:, ids.index(needed)]
    return out


def forecast(session: GameSession, samples: int = SAMPLES, seed: int = 0) -> Forecast:
    """The model's view of the plan as it stands (see the module's docstring)."""
    scenario = session.scenario
    world, params = session._world, session._params
    plan = plan_from_drafts(scenario, world, session.leader, session.manager)
    plan = type(plan)(**{f.name: np.repeat(getattr(plan, f.name)[:1], samples, axis=0)
                         for f in fields(plan)})
    state = _tile(session._state, samples)
    rng = np.random.default_rng(seed)
    first = session.round if session.phase in (Phase.LEADER, Phase.MANAGER) else session.round + 1
    open_due = [p.due for i, p in enumerate(scenario.projects) if int(state.status[0, i]) == OPEN]
    last = min(scenario.rounds, max([first, *open_due]))
    teams = len(scenario.organization.teams)
    progress_at_due = np.zeros((samples, len(scenario.projects)))
    start = state.progress.copy()
    open_rounds = np.zeros((samples, len(scenario.projects)))   # rounds worked on, by its date
    worked = np.zeros((samples, len(scenario.projects)))        # the work those rounds did
    before_fatigue = _team_means(state.fatigue, state, world.slot_team, teams)
    before_morale = _team_means(state.morale, state, world.slot_team, teams)
    fatigue_change = morale_change = np.zeros(teams)
    rounds = 0
    arrived = set(session._arrived)
    due = np.array([p.due for p in scenario.projects])
    for round_no in range(first, last + 1):
        before = state.progress
        was_open = before < world.scope - 1e-9
        if round_no > first:   # a team whose round has come joins, as in the session
            for t, team in enumerate(scenario.organization.teams):
                if t not in arrived and team.arrives <= round_no and (
                        team.flag is None or session.flags.get(team.flag)):
                    arrived.add(t)
                    state = join(state, world, t, team.size, params, {
                        "skill": team.skill, "morale": team.morale,
                        "creativity": team.creativity, "fatigue": team.fatigue})
            for away in session._away:   # people away come back (flags as they stand now)
                if away.back == round_no:
                    state = come_back(state, world, away, params)
        workable = _workable(scenario, state, round_no, session.flags)
        planned = cut_budget(plan, world.categories, session._cuts.get(round_no, {}))
        state, report = step(state, replace(planned, schedule=plan.schedule * workable[:, None, :]),
                             world, params, rng)
        rounds += 1
        counted = was_open & (round_no <= due)[None, :]
        open_rounds += counted
        worked += np.where(counted, state.progress - before, 0.0)
        if round_no == first:
            fatigue_change = _team_means(state.fatigue, state, world.slot_team, teams) - before_fatigue
            morale_change = _team_means(state.morale, state, world.slot_team, teams) - before_morale
        for i, p in enumerate(scenario.projects):
            if p.due == round_no or (round_no == last and p.due > last):
                progress_at_due[:, i] = np.minimum(state.progress[:, i] / p.scope, 1.0)
    projects = {}
    for i, p in enumerate(scenario.projects):
        if int(session._state.status[0, i]) != OPEN or p.due < first:
            continue
        done = progress_at_due[:, i] >= 1.0 - 1e-9
        needs = max(p.scope - float(start[0, i]), 0.0) / max(p.due - first + 1, 1)
        gets = float((worked[:, i] / np.maximum(open_rounds[:, i], 1)).mean())
        projects[p.id] = ProjectOutlook(p.id, p.due, float(done.mean()),
                                        float(progress_at_due[:, i].mean()), needs, gets)
    loads = session.manager.team_load
    team_out = {t.id: TeamOutlook(t.id, float(loads.get(t.id, 0.0)),
                                  float(fatigue_change[j] * 100), float(morale_change[j] * 100))
                for j, t in enumerate(scenario.organization.teams)}
    return Forecast(projects, team_out, rounds)


@dataclass(frozen=True)
class Person:
    team: str
    morale: float           # 0..1
    fatigue: float | None   # 0..1, None until a listening tour revealed it
    new: bool               # joined recently (still onboarding)


def fatigue_known(session: GameSession) -> bool:
    """Fatigue is hidden until a listening tour in the last round revealed it."""
    return bool(session.history) and bool(session.history[-1].revealed)


def people(session: GameSession) -> list[Person]:
    """Every active employee, team by team, in slot order."""
    state, world = session._state, session._world
    known = fatigue_known(session)
    team_ids = [t.id for t in session.scenario.organization.teams]
    out = []
    for slot in np.flatnonzero(state.active[0]):
        out.append(Person(team_ids[int(world.slot_team[slot])], float(state.morale[0, slot]),
                          float(state.fatigue[0, slot]) if known else None,
                          bool(state.tenure[0, slot] < RAMP_ROUNDS)))
    return out


def team_fatigue(session: GameSession) -> dict[str, float] | None:
    """Each team's mean fatigue (0..1), or None while it is hidden."""
    if not fatigue_known(session):
        return None
    state, world = session._state, session._world
    means = _team_means(state.fatigue[:1], state.evolve(active=state.active[:1]), world.slot_team,
                        len(session.scenario.organization.teams))
    return {t.id: float(means[j]) for j, t in enumerate(session.scenario.organization.teams)}
