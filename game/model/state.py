"""The organisation as arrays, with a leading batch axis B (independent playthroughs).

`World` holds what a scenario fixes (teams, projects, visions, budget); `OrgState` holds
what changes round by round. Employees live in a fixed-capacity array of N slots, each slot
belonging to one team; attrition and hiring flip the `active` mask, never resize.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, TypeVar

import numpy as np

from game.scenario.types import BUDGET_CATEGORIES, Scenario

Array = np.ndarray

LEADER_ACTION_ORDER: tuple[str, ...] = (
    "town_hall", "coaching", "recognition", "listening", "challenge", "celebrate",
)
# Project status codes. A missed project stays open and may still ship, late.
OPEN, SHIPPED, MISSED, SHIPPED_LATE = 0, 1, 2, 3
STATUS_NAMES: tuple[str, ...] = ("open", "shipped", "missed", "shipped late")
SLOT_HEADROOM = 1.5  # slots per team as a multiple of its starting size, room to hire


@dataclass(frozen=True)
class World:
    """The fixed facts of a scenario, as arrays."""

    slot_team: Array        # (N,) team index of each employee slot
    team_onehot: Array      # (N, T) 1.0 where the slot belongs to the team
    team_starts: Array      # (T,) the first slot of each team (a team's slots are contiguous)
    hire_order: Array       # (N,) slot indices in the order hires fill them (teams interleaved)
    scope: Array            # (P,) work points a project needs
    due: Array              # (P,) round a project is due
    value: Array            # (P,) what a project is worth when shipped
    mean_value: float       # a typical project's value (the mean, at least 1e-9)
    is_innovation: Array    # (P,) bool
    ambition: Array         # (V,) each vision's ambition
    ambition_of: Array      # (V + 1,) ambition by vision index + 1 (0 for no vision)
    fits: Array             # (V, rounds + 1) bool: vision v fits the world in round r (column 0 unused)
    misfit_of: Array        # (V + 1, rounds + 1) vision index + 1 does not fit round r (no vision: fits)
    budget: Array           # (rounds + 1,) each round's scheduled budget (index 0 unused)
    reference_budget: float # the scenario's typical budget (the mean over rounds): budget
                            # shares in the model's formulas are money over this
    categories: tuple[str, ...]
    rounds: int

    @property
    def changes(self) -> bool:
        """Whether some vision ever fails to fit the world (a scenario with `fits:`)."""
        return not bool(self.fits[:, 1:].all())

    @property
    def teams(self) -> int:
        return int(self.team_onehot.shape[1])

    @property
    def projects(self) -> int:
        return int(self.scope.shape[0])


@dataclass(frozen=True)
class OrgState:
    """Everything that changes. Employee arrays are (B, N); project arrays (B, P); org (B,)."""

    skill: Array
    morale: Array
    alignment: Array
    fatigue: Array
    creativity: Array
    learning: Array         # skill on its way (coaching and training pay off with a delay)
    tenure: Array           # rounds since the person joined
    active: Array           # bool
    progress: Array         # work done per project
    quality: Array          # 0..1 per project
    status: Array           # OPEN / SHIPPED / MISSED
    flaws: Array            # flawed work per project, hidden in its progress until found (rework)
    lateness: Array         # 0..1 per project: how far short of its date it fell (0 if it did not miss)
    vision: Array           # int, -1 for none
    vision_age: Array       # rounds the current vision has been kept
    clarity: Array
    trust: Array
    process: Array
    ideas: Array            # idea pipeline, in work points ready for innovation projects
    cash: Array             # money: negative is a debt the coming rounds' budgets repay
    budget_shift: Array     # change to the coming round's budget from event effects; the step uses it up
    risk: Array
    habit: Array            # (B, A) habituation to each leader action 0..1 (LEADER_ACTION_ORDER)
    record: Array           # 0..1 track record of shipping what was promised
    momentum: Array         # recent innovation output 0..1
    shipped_value: Array    # value shipped in the last round (recognition needs something)
    innovation: Array       # metric 0..100
    delivery: Array         # metric 0..100
    innovation_parts: Array  # (B, 3) innovation's components last round (metrics.INNOVATION_PARTS)
    delivery_parts: Array    # (B, 3) delivery's components last round (metrics.DELIVERY_PARTS)
    round: int              # rounds played so far

    @property
    def batch(self) -> int:
        return int(self.morale.shape[0])

    def evolve(self, **changes: Any) -> OrgState:
        """A copy with some fields changed (as `dataclasses.replace`, without its cost)."""
        if not changes.keys() <= _field_names(OrgState):
            unknown = sorted(changes.keys() - _field_names(OrgState))
            raise TypeError(f"OrgState has no field {unknown[0]!r}")
        return filled(OrgState, {**self.__dict__, **changes})


Frozen = TypeVar("Frozen")
_FIELD_NAMES: dict[type, frozenset[str]] = {}


def _field_names(cls: type) -> frozenset[str]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = frozenset(f.name for f in fields(cls))
    return names


def filled(cls: type[Frozen], values: dict[str, Any]) -> Frozen:
    """An object of `cls` whose attributes are `values`, made without calling `__init__`."""
    made: Frozen = object.__new__(cls)
    made.__dict__.update(values)
    return made


def built(cls: type[Frozen], **values: Any) -> Frozen:
    """`cls(**values)` for a frozen dataclass with no defaults and no `__post_init__`, given
    every field: the same object without the cost of setting frozen fields one by one (the
    model builds a state and a report every round)."""
    if values.keys() != _field_names(cls):
        raise TypeError(f"{cls.__name__} needs exactly its fields; differs in "
                        f"{sorted(values.keys() ^ _field_names(cls))}")
    return filled(cls, values)


def _budget_schedule(per_round: object, rounds: int) -> dict[str, Any]:
    """`budget.per_round` as a number (every round the same) or one number per round."""
    values = np.asarray(per_round, dtype=float).reshape(-1)
    if values.size == 1:
        values = np.full(rounds, float(values[0]))
    if values.size != rounds:
        raise ValueError(f"budget.per_round lists {values.size} rounds; the scenario has {rounds}")
    return {"budget": np.concatenate([[0.0], values]), "reference_budget": float(values.mean())}


def build_world(scenario: Scenario) -> World:
    teams = scenario.organization.teams
    slots_per_team = [max(2, int(np.ceil(t.size * SLOT_HEADROOM))) for t in teams]
    slot_team = np.repeat(np.arange(len(teams)), slots_per_team)
    onehot = (slot_team[:, None] == np.arange(len(teams))[None, :]).astype(float)
    # Hires fill slots team by team in turn: order by position within the team.
    position = np.concatenate([np.arange(n) for n in slots_per_team])
    hire_order = np.lexsort((slot_team, position))
    projects = scenario.projects
    ambition = np.array([v.ambition for v in scenario.visions], dtype=float)
    fits = np.array([[r > 0 and v.fits(r) for r in range(scenario.rounds + 1)]
                     for v in scenario.visions], dtype=bool).reshape(-1, scenario.rounds + 1)
    return World(
        slot_team=slot_team,
        team_onehot=onehot,
        team_starts=np.concatenate([[0], np.cumsum(slots_per_team)[:-1]]).astype(np.intp),
        hire_order=hire_order,
        scope=np.array([p.scope for p in projects], dtype=float),
        due=np.array([p.due for p in projects], dtype=float),
        value=np.array([p.value for p in projects], dtype=float),
        mean_value=max(float(np.mean([p.value for p in projects])) if projects else 0.0, 1e-9),
        is_innovation=np.array([p.kind == "innovation" for p in projects]),
        ambition=ambition,
        ambition_of=np.concatenate([[0.0], ambition]),
        fits=fits,
        misfit_of=np.concatenate([np.zeros((1, scenario.rounds + 1), dtype=bool), ~fits]),
        **_budget_schedule(scenario.budget.by_round or scenario.budget.per_round, scenario.rounds),
        categories=BUDGET_CATEGORIES,
        rounds=scenario.rounds,
    )


def initial_state(scenario: Scenario, world: World, batch: int = 1) -> OrgState:
    teams = scenario.organization.teams
    sizes = np.array([t.size for t in teams])
    position = np.concatenate(
        [np.arange(int(n)) for n in np.bincount(world.slot_team, minlength=len(teams))]
    )
    active_row = position < sizes[world.slot_team]

    def per_slot(attr: str) -> Array:
        row = np.array([getattr(t, attr) for t in teams], dtype=float)[world.slot_team]
        return np.broadcast_to(row, (batch, row.size)).copy()

    org = scenario.organization
    vision_ids = [v.id for v in scenario.visions]
    start_vision = vision_ids.index(org.vision) if org.vision else -1
    n_projects = world.projects
    ones = np.ones(batch)
    state = OrgState(
        skill=per_slot("skill"),
        morale=per_slot("morale"),
        alignment=np.full((batch, world.slot_team.size), 0.6 if org.vision else 0.45),
        fatigue=per_slot("fatigue"),
        creativity=per_slot("creativity"),
        learning=np.zeros((batch, world.slot_team.size)),
        tenure=np.full((batch, world.slot_team.size), 4.0),
        active=np.broadcast_to(active_row, (batch, active_row.size)).copy(),
        progress=np.zeros((batch, n_projects)),
        quality=np.full((batch, n_projects), 0.5 + 0.3 * org.process),
        status=np.zeros((batch, n_projects), dtype=np.int8),
        flaws=np.zeros((batch, n_projects)),
        lateness=np.zeros((batch, n_projects)),
        vision=np.full(batch, start_vision, dtype=np.int64),
        vision_age=ones * (2.0 if org.vision else 0.0),
        clarity=ones * (0.5 if org.vision else 0.2),
        trust=ones * org.trust,
        process=ones * org.process,
        ideas=ones * 2.0 * float(sizes.sum()) * 0.1,
        cash=ones * org.cash,
        budget_shift=ones * 0.0,
        risk=ones * 0.1,
        habit=np.zeros((batch, len(LEADER_ACTION_ORDER))),
        record=ones * 0.7,
        momentum=ones * 0.4,
        shipped_value=ones * 0.0,
        innovation=ones * 0.0,
        delivery=ones * 0.0,
        innovation_parts=np.zeros((batch, 3)),
        delivery_parts=np.zeros((batch, 3)),
        round=0,
    )
    return state
