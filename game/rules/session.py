"""A game in progress: `GameSession` over a scenario and a seed.

Phases run leader -> manager -> (the round plays) -> events -> report, round after round,
to the end. `apply(decision)` is the one way anything changes; an illegal decision raises
`IllegalDecision` and changes nothing. Every accepted decision is logged, so a game replays
exactly from (scenario, seed, decisions).
"""

from __future__ import annotations

from collections.abc import Iterable
from copy import deepcopy
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from game.model import (
    LEADER_ACTION_ORDER,
    STATUS_NAMES,
    available_budget,
    base_capacity,
    metrics_of,
    new_game,
    params_for,
    step,
)
from game.model.step import HIDDEN_DRIVERS
from game.rules import validate as check
from game.rules.coach import coach_remark
from game.rules.conditions import Situation, holds
from game.rules.decisions import (
    AllocateBudget,
    CancelInspire,
    ChooseOption,
    Continue,
    Decision,
    EndPhase,
    IllegalDecision,
    InjectEvent,
    Inspire,
    Schedule,
    SetOvertime,
    SetReviews,
    SetVision,
)
from game.rules.events import StoryRules
from game.rules.lessons import shown
from game.rules.objectives import levers_used, objectives_status
from game.rules.plans import plan_from_drafts, starting_budget, starting_schedule
from game.rules.profile import Activity, activity, game_profile
from game.rules.reasons import HIDDEN, facts_of, worded
from game.rules.records import (
    METRIC_NAMES,
    GameResult,
    LeaderDraft,
    ManagerDraft,
    PendingEvent,
    Phase,
    ProjectStatus,
    RoundRecord,
    TeamStatus,
)
from game.rules.timer import left_by_timer
from game.scenario.types import Event, Scenario

if TYPE_CHECKING:
    from game.rules.branching import Branch


@dataclass
class _Played:
    """A round that has been played but not yet reported (events may still be answered)."""

    before: dict[str, float]
    drivers: dict[str, list[tuple[str, float]]]
    risk: bool
    left: int
    hired: int
    activity: Activity
    repaid: float


class GameSession(StoryRules):
    def __init__(self, scenario: Scenario, seed: int = 0) -> None:
        self.scenario = scenario
        self.seed = int(seed)
        self._params = params_for(scenario)
        self._world, self._state = new_game(scenario)
        self._rng = np.random.default_rng(self.seed)
        self.phase = Phase.LEADER
        self.round = 1
        self.history: list[RoundRecord] = []
        self._log: list[Decision] = []
        self._injected: list[Event] = []  # dropped in by a facilitator for this round
        self._pending_round: _Played | None = None
        self._story_start()
        self._capacity = np.zeros(len(scenario.organization.teams))
        self._chose_vision = False  # the vision in force was set by the player, not inherited
        self._led_before: LeaderDraft | None = None  # the leader's draft of the round before
        self.branch: Branch | None = None   # set on a "what if" (see rules/branching.py)
        self._timed_out: list[str] = []   # this round's phases the timer committed half-spent
        org = scenario.organization
        self.leader = LeaderDraft(org.vision, (), org.leader_energy, org.leader_energy)
        self.manager = ManagerDraft(
            budget=starting_budget(scenario),
            budget_total=float(self._world.budget[1]),
            schedule=starting_schedule(scenario),
        )
        self._open_budget()

    # --- reading ---------------------------------------------------------------------------

    @property
    def log(self) -> tuple[Decision, ...]:
        return tuple(self._log)

    @property
    def metrics(self) -> dict[str, float]:
        return {m: float(v[0]) for m, v in metrics_of(self._state).items()}

    @property
    def gauges(self) -> dict[str, float]:
        return self.gauges_now()

    @property
    def projects(self) -> list[ProjectStatus]:
        state = self._state
        return [
            ProjectStatus(p.id, p.title, p.kind,
                          float(min(state.progress[0, i] / self._world.scope[i], 1.0)),
                          int(self._world.due[i]), STATUS_NAMES[int(state.status[0, i])], p.value,
                          self._waiting(i))
            for i, p in enumerate(self.scenario.projects)
        ]

    @property
    def teams(self) -> list[TeamStatus]:
        state, world = self._state, self._world
        capacity = self._capacity if self.history else base_capacity(state, world, self._params)[0]
        result = []
        for t, team in enumerate(self.scenario.organization.teams):
            members = state.active[0] & (world.slot_team == t)
            count = int(members.sum())
            morale = float(state.morale[0][members].mean()) if count else 0.0
            skill = float(state.skill[0][members].mean()) if count else 0.0
            waits = team.flag if team.flag is not None and t not in self._arrived else ""
            result.append(TeamStatus(team.id, team.name, count, morale, skill, float(capacity[t]),
                                     team.arrives, waits or ""))
        return result

    @property
    def pending_event(self) -> PendingEvent | None:
        if self.phase is not Phase.EVENT or not self._queue:
            return None
        event = self._queue[0]
        return PendingEvent(event.id, event.title, event.text,
                            tuple(c.label for c in event.choices), event,
                            tuple(self.choice_closed(c) for c in event.choices))

    def vision_fits(self, vision_id: str, round_no: int | None = None) -> bool:
        """Whether a vision fits the world in a round (default: the round being played).

        Read from the scenario's `fits:`, so a screen or a scripted player can show or weigh
        it without running the model. Without `fits:` every vision fits every round."""
        check.vision(self.scenario, vision_id)
        return self.scenario.vision(vision_id).fits(self.round if round_no is None else round_no)

    @property
    def available_budget(self) -> float:
        """The money the manager can allocate this round (a debt's repayment taken out)."""
        return self.manager.budget_total

    @property
    def cash(self) -> float:
        return float(self._state.cash[0])

    @property
    def over(self) -> bool:
        return self.phase is Phase.END

    # --- changing ----------------------------------------------------------------------------

    def apply_all(self, decisions: Iterable[Decision]) -> None:
        for decision in decisions:
            self.apply(decision)

    def apply(self, decision: Decision) -> None:
        """Check and apply one decision. Raises IllegalDecision and changes nothing if refused."""
        if self.phase is Phase.END:
            raise IllegalDecision("The game is over.")
        match decision:
            case SetVision(vision=vision):
                self._need(Phase.LEADER, "set the vision")
                check.vision(self.scenario, vision)
                self.leader = replace(self.leader, vision=vision)
            case Inspire():
                self._need(Phase.LEADER, "inspire people")
                cost = check.inspire(self.scenario, self.leader, decision)
                self.leader = replace(self.leader, actions=self.leader.actions + (decision,),
                                      energy_left=self.leader.energy_left - cost)
            case CancelInspire(action=action, team=team):
                self._need(Phase.LEADER, "change the plan")
                planned = Inspire(action, team)
                if planned not in self.leader.actions:
                    raise IllegalDecision(f"{action.replace('_', ' ')} is not planned this round.")
                actions = list(self.leader.actions)
                actions.remove(planned)
                self.leader = replace(self.leader, actions=tuple(actions),
                                      energy_left=self.leader.energy_left + check.cost(action))
            case AllocateBudget(amounts=amounts):
                self._need(Phase.MANAGER, "allocate the budget")
                budget = check.budget(self.scenario, amounts, self.manager.budget_total)
                self.manager = replace(self.manager, budget=budget)
            case Schedule(assignments=assignments):
                self._need(Phase.MANAGER, "schedule teams")
                schedule = check.schedule(self.scenario, self.manager.schedule, assignments)
                self.manager = replace(self.manager, schedule=schedule)
            case SetOvertime(level=level):
                self._need(Phase.MANAGER, "set overtime")
                self.manager = replace(self.manager, overtime=check.fraction(level, "Overtime"))
            case SetReviews(on=on):
                self._need(Phase.MANAGER, "run performance reviews")
                self.manager = replace(self.manager, reviews=bool(on))
            case EndPhase(timed_out=timed_out):
                if timed_out:
                    self._timed_out += left_by_timer(self.phase, self.leader, self.manager)
                if self.phase is Phase.LEADER:
                    self.phase = Phase.MANAGER
                elif self.phase is Phase.MANAGER:
                    self._play_round()
                else:
                    raise IllegalDecision(f"There is no phase to end during the {self.phase.value}.")
            case ChooseOption(index=index):
                self._need(Phase.EVENT, "answer an event")
                event = self._queue[0]
                if not isinstance(index, int) or not 0 <= index < len(event.choices):
                    raise IllegalDecision(f"Choose one of the {len(event.choices)} options.")
                closed = self.choice_closed(event.choices[index])
                if closed:
                    raise IllegalDecision(closed)
                self._choose(event, index)
            case InjectEvent(event=event_id):
                if self.phase not in (Phase.LEADER, Phase.MANAGER):
                    raise IllegalDecision("An event can only be injected before the round plays.")
                found = [e for e in self.scenario.events if e.id == event_id]
                if not found:
                    raise IllegalDecision(f"This scenario has no event {event_id!r}.")
                if found[0] not in self._injected:
                    self._injected.append(found[0])
            case Continue():
                self._need(Phase.REPORT, "continue")
                self._next_round()
            case _:
                raise IllegalDecision(f"Unknown decision {decision!r}.")
        self._log.append(decision)

    def _need(self, phase: Phase, doing: str) -> None:
        if self.phase is not phase:
            raise IllegalDecision(
                f"You can only {doing} in the {phase.value} phase; this is the {self.phase.value} phase.")

    # --- the round ---------------------------------------------------------------------------

    def _play_round(self) -> None:
        before = self.metrics
        plan = plan_from_drafts(self.scenario, self._world, self.leader, self.manager)
        plan = replace(plan, schedule=plan.schedule * self._workable()[None, None, :])
        plan = self._cut_budget(plan)
        self._state, report = step(self._state, plan, self._world, self._params, self._rng)
        self._capacity = report.capacity[0]
        listened = any(a.action == "listening" for a in self.leader.actions)
        drivers = {m: [(label if listened or label not in HIDDEN_DRIVERS else label + HIDDEN,
                        float(v[0])) for label, v in report.drivers[m]] for m in METRIC_NAMES}
        # A vision is the player's once they have played a round with one other than the
        # organisation's own (read from the drafts, so a batch of drafts agrees).
        self._chose_vision |= self.leader.vision != self.scenario.organization.vision
        done = activity(self.scenario, self.leader, self.manager, self._chose_vision,
                        self.round, self._led_before)
        self._led_before = self.leader
        self._pending_round = _Played(
            before=before, drivers=drivers, risk=bool(report.risk_hit[0]),
            left=int(report.left[0]), hired=int(report.hired[0]), activity=done,
            repaid=float(report.repaid[0]),
        )
        self._outcomes, self._landed, self._queue, self._queued = [], [], [], set()
        self._land_due()
        self._queue_events()
        self._queue += [e for e in self._injected if e not in self._queue]
        self._queued |= {e.id for e in self._injected}
        self._injected = []
        if self._queue:
            self.phase = Phase.EVENT
        else:
            self._finish_round()

    def _choose(self, event: Event, index: int) -> None:
        self._answer(event, index)
        self._queue.pop(0)
        self._queue_events(follow_ups=True)  # those that hold at once (after ... rounds: 0, a flag)
        if not self._queue:
            self._finish_round()

    def _finish_round(self) -> None:
        pending = self._pending_round
        assert pending is not None
        metrics, before, share = self.metrics, pending.before, pending.activity.share
        record = RoundRecord(
            round=self.round, metrics=metrics,
            deltas={m: metrics[m] - before[m] for m in METRIC_NAMES},
            drivers=pending.drivers,
            gauges=self.gauges, revealed=any(a.action == "listening" for a in self.leader.actions),
            events=list(self._outcomes), projects=self.projects, leader_share=share,
            score=self._composite(metrics), coach="",
            vision=self.leader.vision,
            actions=[a.action + (f":{a.team}" if a.team else "") for a in self.leader.actions],
            budget=dict(self.manager.budget), overtime=self.manager.overtime,
            reviews=self.manager.reviews, risk_event=pending.risk,
            left=pending.left, hired=pending.hired, activity=pending.activity.level,
            lead=pending.activity.lead, manage=pending.activity.manage,
            available_budget=self.manager.budget_total, repaid=pending.repaid,
            cash=float(self._state.cash[0]), landed=list(self._landed),
            timed_out=self._timed_out,
        )
        self._timed_out = []
        facts = facts_of(record, self.history[-1] if self.history else None,
                         self.scenario.organization.vision)
        record = replace(record, drivers=worded(record.drivers, facts))
        record = replace(record, coach=coach_remark(self.scenario, record, self.history))
        self.history.append(record)
        self._pending_round = None
        self.phase = Phase.REPORT

    def _next_round(self) -> None:
        if self.round >= self.scenario.rounds:
            self.phase = Phase.END
            return
        self.round += 1
        self._arrivals()
        energy = self.scenario.organization.leader_energy
        self.leader = LeaderDraft(self.leader.vision, (), energy, energy)
        self._open_budget()
        self.phase = Phase.LEADER

    def _open_budget(self) -> None:
        """Work out the money this round has (its budget, less what a debt takes back) and
        keep the manager's split in the same proportions within it."""
        self._state = self._state.evolve(budget_shift=np.array([self.budget_shift()]))
        available, _ = available_budget(self._state, self._world, self._params)
        total = float(available[0])
        old = self.manager.budget_total
        scale = total / old if old > 0 else 0.0
        budget = {c: v * scale for c, v in self.manager.budget.items()} if scale != 1.0 \
            else self.manager.budget
        self.manager = replace(self.manager, budget=budget, budget_total=total)

    def _composite(self, metrics: dict[str, float]) -> float:
        w = self.scenario.scoring
        weights = {"morale": w.morale, "innovation": w.innovation, "delivery": w.delivery}
        total = sum(weights.values())
        return sum(weights[m] * metrics[m] for m in METRIC_NAMES) / total

    def _situation(self, share: float | None) -> Situation:
        gauges = dict(self.gauges)
        metrics = self.metrics
        gauges.update(metrics)
        gauges["score"] = self._composite(metrics)
        return self._story_situation(Situation(
            round=self.round, gauges=gauges, vision=self.leader.vision,
            projects={p.id: p.state for p in self.projects}, leader_share=share,
        ))

    def _share_now(self) -> float | None:
        """The leader share conditions see now (None for a hands-off round: no profile)."""
        pending = self._pending_round
        if pending is not None:
            done = pending.activity
        elif self.history:
            done = Activity(self.history[-1].lead, self.history[-1].manage)
        else:
            return None
        return None if done.hands_off else done.share

    def fork(self, seed: int | None = None) -> GameSession:
        """An independent copy of this game, to try decisions on without touching it.

        With `seed`, the copy's future randomness comes from that seed instead of this
        game's own stream, so a search cannot peek at the dice this game will roll.
        """
        # The scenario, the coefficients, the world and the state are never changed in place
        # (a round builds a new state), so the copy shares them.
        shared = (self.scenario, self._params, self._world, self._state)
        copy = deepcopy(self, {id(item): item for item in shared})
        if seed is not None:
            copy._rng = np.random.default_rng(seed)
        return copy

    # --- the end -----------------------------------------------------------------------------

    def result(self) -> GameResult:
        if self.phase is not Phase.END:
            raise IllegalDecision("The game is not over yet.")
        played = game_profile([r.lead for r in self.history], [r.manage for r in self.history])
        share = played.share
        situation = replace(self._situation(share), round=self.round,
                            used=levers_used(self.scenario, self.history))
        # Highest priority first (file order among equals); a contradiction of one shown is left out.
        ranked = sorted(self.scenario.debrief, key=lambda lesson: -lesson.priority)
        lessons = shown(ranked, lambda when: holds(when, situation))
        return GameResult(
            scenario_id=self.scenario.id, seed=self.seed, final=self.metrics,
            score=round(float(np.mean([r.score for r in self.history])), 6),
            par=self.scenario.par, history=list(self.history),
            leader_share=0.5 if share is None else share, profile=played.name, lessons=lessons,
            decisions=self.log, lead=played.lead, manage=played.manage,
            objectives=objectives_status(self.scenario, self.history),
        )


def replay(scenario: Scenario, seed: int, decisions: Iterable[Decision]) -> GameSession:
    """A new session with the decisions re-applied: the same game, bit for bit."""
    session = GameSession(scenario, seed)
    session.apply_all(decisions)
    return session


__all__ = ["GameSession", "IllegalDecision", "Phase", "replay", "LEADER_ACTION_ORDER"]
