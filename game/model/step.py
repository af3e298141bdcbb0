"""One round of the organisation model: `step(state, plan, world, params, rng)`.

The function at the bottom reads as the round's story: the vision lands, people work on
what was scheduled, ideas are born and consumed, people tire and recover, feel the round,
some leave and some join, and the three metrics move with their drivers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from game.model import kernels as k
from game.model import rework as rw
from game.model.metrics import (
    delivery_components,
    delivery_update,
    innovation_components,
    innovation_update,
    morale_update,
    people_drivers,
    total_of,
)
from game.model.params import Params
from game.model.plan import RoundPlan
from game.model.state import (
    LEADER_ACTION_ORDER,
    MISSED,
    OPEN,
    SHIPPED,
    SHIPPED_LATE,
    OrgState,
    World,
    built,
    filled,
)

Array = np.ndarray


def _codes(*codes: int) -> Array:
    """A table by status code: True for the codes given (`table.take(status)` tests them all)."""
    return np.isin(np.arange(4), codes)


OPEN_OR_MISSED = _codes(OPEN, MISSED)     # still to ship
OPEN_OR_MISSED_ONES = OPEN_OR_MISSED.astype(float)  # the same as 1.0 / 0.0, to multiply by
MISFIT = "Vision out of step with the world"  # the morale driver of a vision that does not fit
UNCLEAR = "Vision not clear (yet)"   # half of neglect: no vision, or one not yet understood
NEGLECT = "No leadership attention"  # the other half: no leader action this round
INCIDENT = "An incident"  # the morale cost of a risk event, where a scenario gives it one (risk_morale)
# Driver names are keys: the report words each one by its sign and the round's record, with
# its explanation and lever, in one table (game/rules/reasons.py).
# Drivers whose cause the player cannot see unless they listen (fatigue is a hidden gauge).
HIDDEN_DRIVERS: frozenset[str] = frozenset({"Fatigue"})
PRESSURE = "Pressure (overtime and overload)"  # the morale driver of extra work asked of people
LIFTING = frozenset({"Coaching"})  # the per-person morale terms that lift (the others lower)


@dataclass(frozen=True)
class RoundReport:
    """What happened in a round, batch-first. Drivers sum exactly to each metric's change."""

    drivers: dict[str, list[tuple[str, Array]]]    # per metric: (label, (B,) contribution)
    shipped: Array                                 # (B, P) shipped this round
    missed: Array                                  # (B, P) missed its date this round
    risk_hit: Array                                # (B,) a risk event struck
    left: Array                                    # (B,) people who left
    hired: Array                                   # (B,) people who joined
    capacity: Array                                # (B, T) team capacity this round
    available: Array                               # (B,) money the round could spend
    repaid: Array                                  # (B,) money the budget paid toward debt
    state: OrgState                                # the state the round ended in
    world: World
    params: Params

    @property
    def metrics(self) -> dict[str, Array]:
        """Morale, innovation and delivery after the round, (B,) each (worked out on demand)."""
        return metrics_of(self.state)

    @property
    def gauges(self) -> dict[str, Array]:
        """0..100 readings of hidden state after the round, (B,) each (worked out on demand)."""
        return gauges_of(self.state, self.world, self.params)
    load: Array                                    # (B, T) scheduled share of capacity


class _Lead(NamedTuple):
    changed: Array
    has_vision: Array
    misfit: Array             # the vision set does not fit the world this round
    ambition: Array
    believed: Array           # ambition people believe: scaled by credibility, 0 for a misfit
    credibility: Array        # 0..1: how far a record of shipping backs the vision
    clarity: Array
    leadership_input: Array   # 0..1: did the leader do anything for people this round
    acted: Array              # the leader took some action this round
    held: bool                # every playthrough holds the vision it had (none changed or dropped)


def _land_vision(state: OrgState, plan: RoundPlan, world: World, p: Params) -> _Lead:
    has_vision = plan.vision >= 0
    changed = (plan.vision != state.vision) & (state.vision >= 0)
    vision = plan.vision + 1
    ambition = world.ambition_of.take(vision)
    misfit = world.misfit_of[:, min(state.round + 1, world.rounds)].take(vision)
    # (Each np.where below is skipped when its mask is all one way: the same values.)
    clarity = state.clarity
    any_changed = bool(np.count_nonzero(changed))
    all_have = np.count_nonzero(has_vision) == has_vision.size
    if any_changed:
        clarity = np.where(changed, clarity * p.change_clarity_keep, clarity)
    # Clarity grows while a vision that fits is held; it fades with none or a misfit.
    if np.count_nonzero(misfit) or not all_have:
        clarity = np.where(misfit, clarity * (1.0 - p.misfit_clarity_decay),
                           np.where(has_vision, clarity + p.clarity_gain * (1.0 - clarity),
                                    clarity * (1.0 - p.clarity_decay)))
    else:
        clarity = clarity + p.clarity_gain * (1.0 - clarity)
    acted = np.add.reduce(plan.actions, axis=1) > 0
    leadership = np.minimum(0.5 * has_vision * clarity + 0.5 * acted, k.ONE)
    # Ambition needs credibility: a record of shipping makes people believe the vision.
    credibility = 1.0 - p.credibility_record * (1.0 - state.record)
    believed = ambition * credibility * ~misfit
    return _Lead(changed, has_vision, misfit, ambition, believed, credibility, clarity, leadership,
                 acted, all_have and not any_changed)


def available_budget(state: OrgState, world: World, p: Params) -> tuple[Array, Array]:
    """(B,) the money the coming round can spend and (B,) the part of its scheduled budget
    that repays debt: repay = min(debt, `runway_repay_share` × scheduled budget), and
    available = max(scheduled budget + budget shift − repay, 0)."""
    scheduled = world.budget[min(state.round + 1, world.rounds)]
    repay = np.minimum(np.maximum(-state.cash, k.ZERO), p.runway_repay_share * scheduled)
    return np.maximum(scheduled + state.budget_shift - repay, k.ZERO), repay


AT_REFERENCE = np.array(1.0 - math.exp(-1.0))  # saturate() at its reference share
REFERENCE_SHARE = {"operations": "ops_reference_share", "innovation": "innovation_reference_share",
                   "training": "training_reference_share", "wellbeing": "wellbeing_reference_share",
                   "reserve": "reserve_reference_share"}


def _references(world: World, p: Params) -> Array:
    """(C,) each budget category's reference share (1 where none applies: hiring)."""
    return np.array([max(getattr(p, REFERENCE_SHARE[c]), 1e-9) if c in REFERENCE_SHARE else 1.0
                     for c in world.categories])


@dataclass(frozen=True)
class _Fixed:
    """What a round reads from the world and the parameters alone, worked out once per pair
    (each value exactly as the step used to compute it inline, so no result changes; a
    number is kept as a 0-d array, which numpy combines with a small array faster than
    a Python number, with the same result)."""

    references: Array         # (C,) _references(world, p)
    columns: tuple[int, ...]  # budget columns: operations, innovation, training, hiring, wellbeing, reserve
    # Masks to multiply by as 1.0 / 0.0: numpy multiplies floats by floats faster than by
    # booleans, with the same result.
    innovation: Array         # (P,) world.is_innovation as 1.0 / 0.0
    not_innovation: Array     # (P,) ~world.is_innovation as 1.0 / 0.0
    scope_quarter: Array      # (P,) max(scope * 0.25, 1e-9)
    innovation_reference: Array  # _innovation_reference(world)
    mean_value: Array         # world.mean_value
    changes: bool             # world.changes
    habituation: Array        # (A,) how much each leader action habituates
    overload_pressure: Array  # overload_strain * overload_efficiency / max(overtime_capacity, 1e-9)
    process_floor: Array      # 1 - process_capacity / 2
    hire_cost: Array          # max(hire_cost_share, 1e-9)
    hire_place: Array | None  # (N,) each slot's place in world.hire_order (None: not every slot's)
    due_so_far: tuple[Array, ...]  # by round: (1,) projects due by then, at least 1
    due_by: tuple[Array, ...]    # by round: (P,) world.due <= round
    rounds_left: tuple[Array, ...]  # by rounds played: (P,) max(world.due - rounds, 1)
    scope_done: Array         # (P,) world.scope - 1e-9: progress from here on is finished
    momentum_fresh: Array     # 1 - momentum_keep
    record_fresh: Array       # 1 - record_keep
    numbers: Params           # the same coefficients as 0-d arrays (see `step`)


_FIXED_ATTR = "_step_fixed"


def _fixed(world: World, p: Params) -> _Fixed:
    """The `_Fixed` of this world and these parameters, cached on the world."""
    cached = world.__dict__.get(_FIXED_ATTR)
    if cached is not None and cached[0] is p:
        return cached[1]
    habituation = np.full(len(LEADER_ACTION_ORDER), p.action_habituation)
    habituation[0] = p.town_hall_habituation
    by_round = np.arange(world.rounds + 2)[:, None]  # (rounds + 2, 1): one row per round
    due_by = world.due <= by_round
    fixed = _Fixed(
        references=_references(world, p),
        columns=tuple(world.categories.index(c) for c in (
            "operations", "innovation", "training", "hiring", "wellbeing", "reserve")),
        innovation=world.is_innovation.astype(float),
        not_innovation=(~world.is_innovation).astype(float),
        scope_quarter=np.maximum(world.scope * 0.25, 1e-9),
        innovation_reference=np.array(_innovation_reference(world)),
        mean_value=np.array(world.mean_value),
        changes=world.changes,
        habituation=habituation,
        overload_pressure=np.array(p.overload_strain * p.overload_efficiency
                                   / max(p.overtime_capacity, 1e-9)),
        process_floor=np.array(1.0 - p.process_capacity / 2),
        hire_cost=np.array(max(p.hire_cost_share, 1e-9)),
        hire_place=(np.argsort(world.hire_order) if np.array_equal(
            np.sort(world.hire_order), np.arange(world.slot_team.size)) else None),
        due_so_far=tuple(np.maximum(np.add.reduce(due_by, axis=1), 1)[:, None]),
        due_by=tuple(due_by),
        rounds_left=tuple(np.maximum(world.due - by_round, 1.0)),
        scope_done=world.scope - 1e-9,
        momentum_fresh=np.array(1.0 - p.momentum_keep),
        record_fresh=np.array(1.0 - p.record_keep),
        numbers=filled(Params, {"values": p.values,
                                **{key: np.array(value) for key, value in p.values.items()}}),
    )
    object.__setattr__(world, _FIXED_ATTR, (p, fixed))  # World is frozen; this is a cache
    return fixed


def _demand(state: OrgState, fixed: _Fixed, remaining: Array, open_ones: Array) -> Array:
    """(B,) work per round still needed to bring open delivery projects in on time
    (`remaining`: each project's work still to do, max(scope - progress, 0); `open_ones`:
    1.0 for each project still open)."""
    open_delivery = open_ones * fixed.not_innovation
    return np.add.reduce(remaining / fixed.rounds_left[state.round] * open_delivery, axis=1)


def step(state: OrgState, plan: RoundPlan, world: World, p: Params,
         rng: np.random.Generator) -> tuple[OrgState, RoundReport]:
    """Play one round for every playthrough in the batch. Pure: returns a new state."""
    round_no = state.round + 1
    fixed = _fixed(world, p)
    # The round reads each coefficient as a 0-d array: numpy multiplies a small array by one
    # faster than by a Python float, with the same result.
    params, p = p, fixed.numbers
    # --- the runway: a debt takes its repayment from this round's budget ---------------------
    available, repay = available_budget(state, world, p)
    # Shares are of the money available; the formulas read money over the reference budget.
    scale = available / world.reference_budget
    shares = plan.budget * scale[:, None]
    # Each category with diminishing returns: saturate(share, its reference share), all at once.
    funded = 1.0 - np.exp(-np.maximum(shares, k.ZERO) / fixed.references)
    col_ops, col_ideas, col_training, col_hiring, col_wellbeing, col_reserve = fixed.columns
    town_hall, coaching, recognition, listening, challenge, celebrate = plan.actions.T
    active = state.active
    act, headcount, count = k.employed(active)
    lead = _land_vision(state, plan, world, p)

    # --- people do the scheduled work --------------------------------------------------------
    org_mult = 1.0 + p.ops_capacity_gain * (funded[:, col_ops] - AT_REFERENCE)
    org_mult = org_mult * (1.0 + p.overtime_capacity * plan.overtime)
    org_mult = org_mult * (fixed.process_floor + p.process_capacity * state.process)
    org_mult = org_mult * (1.0 - p.challenge_delivery * challenge)
    person_cap = k.person_capacity(state.skill, state.fatigue, state.alignment, state.tenure, act, p)
    newcomers = rw.onboarding(act, state.tenure)  # Brooks: newcomers take colleagues' time
    team_cap = k.team_capacity(person_cap, newcomers, world.team_starts, org_mult, p)
    # Rework: errors hidden in earlier work come to light and must be done again.
    progress, flaws, found = rw.surfaced(state.progress, state.flaws, p)
    remaining = np.maximum(world.scope - progress, k.ZERO)
    open_ones = OPEN_OR_MISSED_ONES.take(state.status)
    demand = _demand(state, fixed, remaining, open_ones)
    demanded = demand > k.ZERO
    all_demanded = np.count_nonzero(demanded) == demanded.size  # then no np.where is needed
    demand_floor = np.maximum(demand, k.TINY)
    open_projects = OPEN_OR_MISSED.take(state.status)
    work, load = k.scheduled_work(team_cap, plan.schedule, open_ones, p)

    work = np.minimum(work, remaining)  # beyond scope is idle
    innovation_work = np.add.reduce(work * fixed.innovation, axis=1)
    usable = np.minimum(innovation_work, state.ideas)  # innovation work needs ideas to work on
    idea_limited = np.where(innovation_work > k.ZERO, usable / np.maximum(innovation_work, k.TINY), k.ONE)
    done = np.where(world.is_innovation, work * idea_limited[:, None], work)

    mean_skill, mean_fatigue, mean_creativity, mean_morale = k.active_means(
        (state.skill, state.fatigue, state.creativity, state.morale), act, count)
    # Pressure: overtime and over-allocation are one thing, extra work asked of people,
    # counted in units of full overtime, with one price (fatigue, morale and quality now,
    # and rework later).
    over_team = np.maximum(load - 1.0, k.ZERO)
    pressure_team = plan.overtime[:, None] + over_team * fixed.overload_pressure
    pressure = k.per_person(pressure_team, world.slot_team)
    mean_pressure = k.active_mean(pressure, act, count)
    # Some of this round's work is done wrong: hidden until it surfaces in a later round.
    progress = progress + done
    flaws = rw.flawed(flaws, done, rw.error_share(mean_pressure, mean_fatigue, p))
    net = done - found  # this round's work less the rework it found
    delivery_done = np.maximum(np.add.reduce(net * fixed.not_innovation, axis=1), k.ZERO)
    innovation_done = np.maximum(np.add.reduce(net * fixed.innovation, axis=1), k.ZERO)
    target_quality = np.minimum(np.maximum(
        0.45 + 0.25 * state.process + 0.25 * mean_skill + p.review_quality * plan.reviews
        - p.pressure_quality * mean_pressure - 0.2 * mean_fatigue, k.ZERO), k.ONE)
    pull = np.minimum(done / fixed.scope_quarter, k.ONE)
    quality = state.quality + (target_quality[:, None] - state.quality) * pull

    finished = progress >= fixed.scope_done
    shipped = finished & open_projects
    shipped_late = shipped & (state.status == MISSED)
    missed = (state.status == OPEN) & ~shipped & fixed.due_by[round_no]
    mean_value = fixed.mean_value
    any_shipped = bool(np.count_nonzero(shipped))  # most rounds: neither
    any_missed = bool(np.count_nonzero(missed))
    status, lateness = state.status, state.lateness
    if any_shipped or any_missed:
        status = status.copy()
        status[shipped & ~shipped_late] = SHIPPED
        status[shipped_late] = SHIPPED_LATE
        status[missed] = MISSED
    # How far short of its date a project fell (0..1): a near miss costs a little, by scale.
    missed_by = (rw.lateness(np.maximum(world.scope - progress, k.ZERO), world.scope, missed, p)
                 if any_missed else None)
    if missed_by is not None:
        lateness = lateness + missed_by
    if any_shipped:
        # Errors still hidden in a project ship with it, as defects.
        quality = np.where(shipped, np.maximum(quality - flaws / np.maximum(world.scope, k.TINY), k.ZERO),
                           quality)
        flaws = np.where(shipped, k.ZERO, flaws)
        late_share = 1.0 - (1.0 - p.late_value) * lateness
        shipped_worth = world.value * np.where(shipped_late, late_share, k.ONE) * shipped
        shipped_value = np.add.reduce(shipped_worth, axis=1)
        launched = np.add.reduce(shipped_worth * fixed.innovation, axis=1) / mean_value
        completed = np.add.reduce(shipped_worth * fixed.not_innovation, axis=1) / mean_value
    else:
        shipped_value = launched = completed = np.zeros(state.batch)
    missed_value = (np.add.reduce(world.value * missed_by, axis=1) / mean_value
                    if missed_by is not None else np.zeros(state.batch))
    shipped_factor = np.minimum(shipped_value / mean_value, k.ONE)
    # A celebration marks the win the player saw in last round's report.
    won_last = np.minimum(state.shipped_value / mean_value, k.ONE)
    # With no delivery work left to do, the plan is met.
    delivered_ratio = np.minimum(delivery_done / demand_floor, k.ONE)
    if not all_demanded:
        delivered_ratio = np.where(demanded, delivered_ratio, k.ONE)
    # Projects missed this round, each counted by how far short it fell.
    n_missed = np.add.reduce(missed_by, axis=1) if missed_by is not None else np.zeros(state.batch)
    promise = (delivered_ratio * (1.0 - 0.5 * np.minimum(n_missed, k.ONE)) if any_missed
               else delivered_ratio)  # this round's word kept

    # --- ideas: leadership makes them, management ships them -------------------------------
    slack_team = np.maximum(1.0 - load, k.ZERO)
    slack = k.per_person(slack_team, world.slot_team)
    mean_slack = k.active_mean(slack, act, count)
    generated = (p.idea_rate * headcount * mean_creativity * (0.4 + 0.6 * state.trust)
                 * (0.25 + 0.75 * funded[:, col_ideas])
                 * (0.5 + 1.5 * mean_slack) * (0.6 + 0.8 * lead.believed))
    ideas = (state.ideas - usable) * (1.0 - p.idea_decay) + generated

    # --- strain and recovery -----------------------------------------------------------------
    capacity_total = np.add.reduce(team_cap, axis=1)
    fit = capacity_total / demand_floor if all_demanded else np.where(
        demanded, capacity_total / demand_floor, 1.5)
    stretch = np.maximum(lead.ambition - 0.75 * np.minimum(fit, 1.3) * lead.credibility,
                         0.0) * lead.has_vision
    wellbeing = funded[:, col_wellbeing]
    fatigue = k.bounded(
        state.fatigue,
        rises=p.pressure_fatigue * pressure + (p.ambition_pressure * stretch)[:, None],
        falls=-(p.base_recovery + p.slack_recovery * slack + p.wellbeing_recovery * wellbeing[:, None]))

    # --- how the round felt --------------------------------------------------------------------
    # Diminishing returns: an action repeated round after round does less (habit 0..1).
    fresh = plan.actions * (1.0 - fixed.habituation * state.habit)
    town_hall_f, coaching_f, recognition_f, listening_f, challenge_f, celebrate_f = fresh.T
    coached = k.per_person(plan.coached * (1.0 - fixed.habituation[1] * state.habit[:, 1:2]),
                           world.slot_team)
    # Trouble strikes (drawn here, before the round's mood, which an incident shakes where a
    # scenario says so; the draws keep their order).
    risk = np.minimum(np.maximum(
        p.risk_base + p.risk_ambition * lead.ambition + p.challenge_risk * challenge
        - p.listening_risk * listening_f
        - p.risk_process * state.process + p.risk_fatigue * mean_fatigue, 0.02), 0.6)
    risk_hit = rng.random(state.batch) < risk
    severity = rng.uniform(0.6, 1.4, state.batch)
    col = np.newaxis
    morale_terms = {  # (B,) the same for everyone, or (B, N) per person
        "Vision": p.vision_morale * lead.believed * lead.clarity,
        # Only where the world can move on from a vision, so other scenarios keep their drivers.
        **({MISFIT: -p.misfit_morale * lead.misfit} if fixed.changes else {}),
        "Cynicism (ambition beyond capacity)": -p.cynicism * stretch,
        "Town hall": p.town_hall_morale * town_hall_f,
        "Coaching": p.coaching_morale * coached,
        "Recognition": p.recognition_morale * recognition_f * (0.2 + 0.8 * delivered_ratio),
        "Celebration": p.celebrate_morale * celebrate_f * won_last,
        PRESSURE: -p.pressure_morale * pressure,
        "Fatigue": -p.fatigue_morale * 2.0 * np.maximum(state.fatigue - 0.5, k.ZERO),
        "Wellbeing budget": p.wellbeing_morale * wellbeing,
        "Performance reviews": -p.review_morale * plan.reviews,
        # Neglect has two halves, each its own cause: a vision people cannot yet see clearly
        # (or none), and a round in which the leader did nothing for people.
        UNCLEAR: -p.neglect_morale * 0.5 * (1.0 - lead.has_vision * lead.clarity),
        NEGLECT: -p.neglect_morale * 0.5 * ~lead.acted,
        "Work shipped": p.shipped_morale * shipped_factor,
        "Missed deadlines": -p.missed_morale * n_missed,
        **({INCIDENT: -p.risk_morale * risk_hit} if params.risk_morale else {}),
    }
    morale, morale_drivers, morale_before = morale_update(state.morale, morale_terms, LIFTING,
                                                          act, count, mean_morale)

    trust_pull = p.creativity_from_trust * (state.trust - 0.4)
    creativity = k.bounded(
        state.creativity,
        rises=(p.challenge_creativity * challenge_f + np.maximum(trust_pull, k.ZERO)
               + p.creativity_from_vision * lead.believed * lead.clarity)[:, col]
        + p.creativity_from_slack * slack,
        falls=(np.minimum(trust_pull, k.ZERO) - p.review_creativity * plan.reviews
               - p.process_creativity * np.maximum(state.process - 0.7, k.ZERO) / 0.3
               - p.creativity_decay * (1.0 - 0.5 * lead.leadership_input)
               - p.misfit_creativity * lead.misfit)[:, col]
        - 0.05 * state.fatigue)
    alignment = (np.where(lead.changed[:, col], state.alignment * p.change_alignment_keep,
                          state.alignment) if np.count_nonzero(lead.changed) else state.alignment)
    alignment = k.bounded(
        alignment,
        rises=(p.alignment_from_clarity * lead.clarity + p.town_hall_alignment * town_hall_f)[:, col],
        falls=(-p.alignment_decay - p.misfit_alignment * lead.misfit)[:, col])
    training = funded[:, col_training]
    learning = state.learning + p.coaching_learning * coached + (
        p.training_learning * training + p.review_learning * plan.reviews)[:, col]
    learned = p.learning_rate * learning
    skill = np.minimum(state.skill + learned * (1.0 - state.skill), k.ONE)
    learning = learning - learned

    drift = -p.trust_decay * (state.trust - 0.4) * 2.0
    trust = k.bounded(
        state.trust,
        rises=(p.listening_trust * listening_f + p.celebrate_trust * celebrate_f * won_last
               + p.trust_from_delivery * shipped_factor + np.maximum(drift, k.ZERO)),
        falls=(np.minimum(drift, k.ZERO) - p.trust_missed * n_missed
               - p.change_trust_cost * lead.changed))
    process = k.bounded(state.process, rises=p.review_process * plan.reviews,
                        falls=-p.challenge_process * challenge - p.process_decay)

    # --- shocks, leavers and joiners ---------------------------------------------------------
    absorbed = funded[:, col_reserve]
    shock = risk_hit * p.risk_shock * severity * (1.0 - absorbed)
    # Money: the reserve pays for what it absorbed and is saved if no shock used it; money
    # left unallocated is saved too; what the reserve could not absorb comes out of cash.
    money = world.reference_budget / 100.0
    reserve_money = shares[:, col_reserve] * world.reference_budget
    reserve_used = np.minimum(risk_hit * p.risk_shock * severity * absorbed * money, reserve_money)
    unallocated = np.maximum(1.0 - np.add.reduce(plan.budget, axis=1), k.ZERO) * available
    cash = state.cash + repay + (reserve_money - reserve_used) + unallocated - shock * money

    leave_p = (p.attrition_base + p.attrition_morale * np.maximum(0.45 - morale, k.ZERO)
               + p.attrition_fatigue * np.maximum(fatigue - 0.6, k.ZERO))
    leave_p = leave_p * (1.0 - p.recognition_retention * recognition_f)[:, col]
    leaving = active & (rng.random(active.shape) < leave_p)
    still = active & ~leaving
    someone_left = bool(np.count_nonzero(leaving))
    wanted = shares[:, col_hiring] / fixed.hire_cost
    hires = np.floor(wanted) + (rng.random(state.batch) < wanted - np.floor(wanted))
    joining = (k.fill_slots(still, hires, world.hire_order, fixed.hire_place)
               if np.count_nonzero(hires) else np.zeros(still.shape, dtype=bool))
    new_active = still | joining

    # Most rounds nobody joins: skip the work then.
    someone_joined = bool(np.count_nonzero(joining))

    def joiners(values: Array, start: float) -> Array:
        """This round's `values` with the joiners' slots set to `start` (in place: each
        array passed is made this round and read by nothing else afterwards)."""
        if someone_joined:
            np.putmask(values, joining, start)
        return values

    # Who is employed after leavers and after joiners (as `employed` gives): most rounds,
    # the same people as before.
    still_act, still_headcount, still_count = k.employed(still) if someone_left else (
        act, headcount, count)
    new_act, new_headcount, new_count = k.employed(new_active) if someone_joined else (
        still_act, still_headcount, still_count)

    # --- the metrics and why they moved ------------------------------------------------------
    felt = k.active_mean(morale, act, count)
    stayed = k.active_mean(morale, still_act, still_count) if someone_left else felt
    # Hires join at the mood of the people they join, so hiring never buys morale.
    morale_new = np.where(joining, stayed[:, col], morale) if someone_joined else morale
    morale_drivers += people_drivers(
        100.0 * morale_before, felt, stayed if someone_left else None,
        k.active_mean(morale_new, new_act, new_count) if someone_joined else None,
        total_of(morale_drivers, state.batch))
    momentum = (p.momentum_keep * state.momentum
                + fixed.momentum_fresh * np.minimum(innovation_done / fixed.innovation_reference, k.ONE))
    creativity_new = joiners(creativity, 0.5)
    innovation_parts = innovation_components(k.active_mean(creativity_new, new_act, new_count),
                                             ideas, momentum, new_headcount)
    innovation, innovation_drivers = innovation_update(
        state.innovation, innovation_parts, state.innovation_parts, launched, p)
    late = np.add.reduce(lateness, axis=1)  # each missed project by how far short it fell
    kept = 1.0 - late / fixed.due_so_far[round_no]
    started = progress > k.ZERO
    n_started = np.add.reduce(started, axis=1)
    work_quality = np.add.reduce(quality * started, axis=1) / np.maximum(n_started, 1)
    if np.count_nonzero(n_started) < n_started.size:  # only then is the plain mean needed
        work_quality = np.where(n_started > k.ZERO, work_quality, quality.mean(axis=1))
    delivery_parts = delivery_components(delivered_ratio, work_quality, kept)
    delivery, delivery_drivers = delivery_update(
        state.delivery, delivery_parts, state.delivery_parts,
        completed, missed_value, shock, p)

    new_state = built(  # every field anew (faster than evolve)
        OrgState,
        skill=joiners(skill, p.new_hire_skill), morale=morale_new,
        alignment=joiners(alignment, 0.3), fatigue=joiners(fatigue, 0.0),
        creativity=creativity_new, learning=joiners(learning, 0.0),
        tenure=joiners(state.tenure + 1.0, 0.0), active=new_active,
        progress=progress, quality=quality, status=status, flaws=flaws, lateness=lateness,
        vision=plan.vision.copy(),
        vision_age=(state.vision_age + 1.0 if lead.held  # else some restart at 0
                    else np.where(lead.changed | ~lead.has_vision, 0.0, state.vision_age + 1.0)),
        clarity=lead.clarity, trust=trust, process=process, ideas=ideas,
        cash=cash, budget_shift=np.zeros(cash.shape),
        risk=risk, habit=0.5 * state.habit + 0.5 * plan.actions, momentum=momentum,
        record=p.record_keep * state.record + fixed.record_fresh * promise,
        shipped_value=shipped_value, innovation=innovation, delivery=delivery,
        innovation_parts=innovation_parts, delivery_parts=delivery_parts, round=round_no,
    )
    report = built(
        RoundReport,
        drivers={"morale": morale_drivers, "innovation": innovation_drivers,
                 "delivery": delivery_drivers},
        shipped=shipped, missed=missed, risk_hit=risk_hit,
        left=np.add.reduce(leaving, axis=1), hired=np.add.reduce(joining, axis=1),
        capacity=team_cap, load=load,
        available=available, repaid=repay, state=new_state, world=world, params=params,
    )
    return new_state, report


def _innovation_reference(world: World) -> float:
    """Innovation work per round that counts as a full pipeline of shipping ideas."""
    scope = float((world.scope * world.is_innovation).sum())
    if scope <= 0:
        return max(float(world.team_onehot.shape[0]) * 0.1, 1.0)
    return scope / max(world.rounds, 1) * 1.2


def base_capacity(state: OrgState, world: World, p: Params) -> Array:
    """(B, T) each team's capacity from its people alone, before budget and overtime."""
    act = state.active.astype(float)
    person_cap = k.person_capacity(state.skill, state.fatigue, state.alignment, state.tenure, act, p)
    return k.team_capacity(person_cap, rw.onboarding(act, state.tenure), world.team_starts,
                           np.ones(state.batch), p)


def metrics_of(state: OrgState) -> dict[str, Array]:
    return {
        "morale": 100.0 * k.active_mean(state.morale, state.active.astype(float)),
        "innovation": state.innovation.copy(),
        "delivery": state.delivery.copy(),
    }


def ideas_reference(state: OrgState) -> Array:
    return np.maximum(np.add.reduce(state.active, axis=1) * 0.4, 1.0)


def gauges_of(state: OrgState, world: World, p: Params) -> dict[str, Array]:
    act = state.active.astype(float)
    return {
        "fatigue": 100.0 * k.active_mean(state.fatigue, act),
        "trust": 100.0 * state.trust,
        "clarity": 100.0 * state.clarity,
        "alignment": 100.0 * k.active_mean(state.alignment, act),
        "creativity": 100.0 * k.active_mean(state.creativity, act),
        "skill": 100.0 * k.active_mean(state.skill, act),
        "ideas": 100.0 * (1.0 - np.exp(-state.ideas / ideas_reference(state))),
        "risk": 100.0 * state.risk,
        "process": 100.0 * state.process,
        "headcount": state.active.sum(axis=1).astype(float),
    }
