"""The story side of a session: events, their answers, what the game remembers (flags,
counters, answers) and effects that land later, on one team or on one project.

`StoryRules` is mixed into `GameSession`; it reads and changes the session's state, world
and pending round, and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from game.model import OrgState, Params, World, apply_effects, gauges_of, metrics_of
from game.model.plan import RoundPlan
from game.model.scope import apply_team_effects, join, leave, team_slots
from game.model.state import MISSED, OPEN, SHIPPED, SHIPPED_LATE
from game.rules.away import Away, come_back, cut_budget, went_away
from game.rules.conditions import Situation, holds
from game.rules.records import METRIC_NAMES, EventOutcome
from game.scenario.types import Choice, Effect, Event, Scenario, TeamGauge, mentions, reads_memory

__all__ = ["StoryRules", "Landing", "describe", "mentions", "reads_memory", "touched"]

TEAM_GAUGE_FIELDS = ("morale", "fatigue", "skill", "creativity", "alignment")


@dataclass(frozen=True)
class Landing:
    """An effect waiting for its round."""

    round: int
    effect: Effect
    source: str  # "<event title>, chosen in round <r>"


def describe(effect: Effect, scenario: Scenario, signs: bool = False) -> str:
    """'morale -6 on Nights', 'budget -20', 'Records go-live: due +2'; with `signs`, the
    direction alone ('morale − on Nights', 'Records go-live: due later'), as an event's
    choices show it."""
    if effect.away_rounds and effect.team is not None:   # 'two of Core team away for 2 rounds'
        people, word = int(dict(effect.amounts).get("away", 0)), scenario.round_label.lower()
        return (f"{people} of {scenario.team(effect.team).name} away for {effect.away_rounds} "
                f"{word}{'s' if effect.away_rounds > 1 else ''}")
    parts = ", ".join(_signed(key, amount, effect) if signs
                      else f"{_key(key, effect)} {amount:+g}{'%' if effect.category else ''}"
                      for key, amount in effect.amounts if amount or not signs)
    if effect.team is not None:
        return f"{parts} on {scenario.team(effect.team).name}"
    if effect.project is not None:
        return f"{scenario.project(effect.project).title}: {parts}"
    return parts


# A project's change in words a first-time player reads without the scenario's vocabulary.
PROJECT_WORDS = {("scope", True): "more work", ("scope", False): "less work",
                 ("due", True): "due later", ("due", False): "due sooner"}


def _signed(key: str, amount: float, effect: Effect) -> str:
    """'morale +', 'training budget −', or a project's 'more work' / 'due sooner'."""
    return PROJECT_WORDS.get((key, amount > 0)) or f"{_key(key, effect)} {'+' if amount > 0 else '−'}"


def _key(key: str, effect: Effect) -> str:
    """'training budget' for a cut on one budget line, else the key."""
    return f"{effect.category} budget" if key == "budget" and effect.category else key


def touched(choice: Choice, scenario: Scenario) -> str:
    """"delivery +, morale −; fatigue + on Day ward; budget − for 2 months": the sign of each
    change, not the amount (Reigns' meters), with where and when each later one lands."""
    word = scenario.round_label.lower()
    parts = []
    for effect in (Effect(choice.effects), *choice.later):
        if not any(amount for _, amount in effect.amounts):
            continue
        words = describe(effect, scenario, signs=True)
        if effect.delay:
            words += f" in {effect.delay} {word}{'s' if effect.delay > 1 else ''}"
        if effect.lasts > 1:
            words += f" for {effect.lasts} {word}s"
        parts.append(words)
    return "; ".join(parts) or "nothing measured"


class StoryRules:
    scenario: Scenario
    round: int
    _state: OrgState
    _world: World
    _params: Params

    def _story_start(self) -> None:
        self.flags: dict[str, float] = {}
        self._answers: dict[str, list[tuple[str, int]]] = {}
        self._landings: list[Landing] = []
        self._shift: dict[int, float] = {}   # round -> budget change from events
        self._cuts: dict[int, dict[str, float]] = {}   # round -> category -> % change
        self._away: list[Away] = []
        self._fired: set[str] = set()
        self._queued: set[str] = set()
        self._queue: list[Event] = []
        self._outcomes: list[EventOutcome] = []
        self._landed: list[str] = []
        self._all_hires = self._world.hire_order
        scenario = self.scenario
        conditions = [e.when for e in scenario.events] + [x.when for x in scenario.debrief] + [
            c.require for e in scenario.events for c in e.choices if c.require is not None]
        self._reads_teams = any(mentions(c, (TeamGauge,)) for c in conditions)
        teams = self.scenario.organization.teams
        late = [t for t, team in enumerate(teams) if team.arrives > 1 or team.flag is not None]
        self._arrived = {t for t in range(len(teams)) if t not in late}
        for t in late:
            self._state = self._state.evolve(active=self._state.active & ~team_slots(self._world, t))
        self._hire_order()

    # --- what the game knows ---------------------------------------------------------------

    def _hire_order(self) -> None:
        """Hires go only to teams that are already here (never to one that waits for a flag,
        nor to one whose people are away: their places are kept)."""
        away = {a.team for a in self._away}
        here = [t for t, team in enumerate(self.scenario.organization.teams)
                if team.arrives <= self.round and team.flag is None and t not in away]
        keep = np.isin(self._world.slot_team[self._all_hires], here)
        self._world = replace(self._world, hire_order=self._all_hires[keep])

    def budget_shift(self, round_no: int | None = None) -> float:
        """The change event `budget` effects make to a round's scheduled budget (the model
        then takes a debt's repayment out of the sum: see `available_budget`)."""
        return self._shift.get(self.round if round_no is None else round_no, 0.0)

    def _waiting(self, index: int) -> str:
        """Why work on a project does not count yet ('' when it does)."""
        project = self.scenario.projects[index]
        if project.arrives > self.round:
            return f"arrives in round {project.arrives}"
        if project.flag is not None and not self.flags.get(project.flag, 0.0):
            return f"waits for {project.flag.replace('-', ' ')}"
        ids = [p.id for p in self.scenario.projects]
        status = self._state.status[0]
        blocked = [r for r in project.requires if int(status[ids.index(r)]) not in
                   (SHIPPED, SHIPPED_LATE)]
        if blocked:
            return "needs " + ", ".join(self.scenario.project(b).title for b in blocked) + \
                " shipped first"
        return ""

    def _team_gauges(self) -> dict[str, dict[str, float]]:
        state, world = self._state, self._world
        result = {}
        for t, team in enumerate(self.scenario.organization.teams):
            members = state.active[0] & team_slots(world, t)
            count = int(members.sum())
            values = {g: 100.0 * float(getattr(state, g)[0][members].mean()) if count else 0.0
                      for g in TEAM_GAUGE_FIELDS}
            values["headcount"] = float(count)
            result[team.id] = values
        return result

    def _story_situation(self, base: Situation) -> Situation:
        return replace(base, flags=dict(self.flags),
                       teams=self._team_gauges() if self._reads_teams else {},
                       answers={k: tuple(v) for k, v in self._answers.items()})

    def _situation(self, share: float | None) -> Situation:
        raise NotImplementedError

    def choice_closed(self, choice: Choice) -> str:
        """'' when a choice may be taken now, else the reason it is closed."""
        if choice.require is None or holds(choice.require, self._situation(self._share_now())):
            return ""
        return choice.reason or "Not open to you now."

    def _share_now(self) -> float | None:
        raise NotImplementedError

    # --- events ----------------------------------------------------------------------------

    def _queue_events(self, follow_ups: bool = False) -> None:
        """Queue every event whose condition holds now and that is not queued this round.

        After an answer (`follow_ups`) only events that read memory (a flag, `after:`) are
        looked at again: the others are judged once, on the round as it was played."""
        situation = self._situation(self._share_now())
        for event in self.scenario.events:
            if event.id in self._queued or (event.once and event.id in self._fired):
                continue
            if follow_ups and not reads_memory(event.when):
                continue
            if holds(event.when, situation):
                self._queue.append(event)
                self._queued.add(event.id)

    def _answer(self, event: Event, index: int) -> None:
        choice = event.choices[index]
        label = f"Event: {event.title}"
        self._state, changes = apply_effects(self._state, dict(choice.effects), event.title)
        self._driver(label, changes)
        source = f"{event.title}, chosen in round {self.round}"
        for effect in choice.later:
            for i in range(effect.lasts):
                landing = Landing(self.round + effect.delay + i, effect, source)
                if landing.round == self.round:
                    self._land(landing, label)
                else:
                    self._landings.append(landing)
        for flag, value in choice.sets:
            self.flags[flag] = value
        for flag, amount in choice.adds:
            self.flags[flag] = self.flags.get(flag, 0.0) + amount
        self._answers.setdefault(event.id, []).append((choice.id, self.round))
        self._fired.add(event.id)
        self._outcomes.append(EventOutcome(event.id, event.title, choice.label, choice.outcome))

    def _land_due(self) -> None:
        """Effects chosen earlier whose round has come, each with where it came from."""
        due = [x for x in self._landings if x.round <= self.round]
        self._landings = [x for x in self._landings if x.round > self.round]
        for landing in due:
            self._land(landing, landing.source)

    def _land(self, landing: Landing, label: str) -> None:
        effect, before = landing.effect, metrics_of(self._state)
        amounts = dict(effect.amounts)
        if "budget" in amounts and effect.category is not None:
            cuts = self._cuts.setdefault(landing.round + 1, {})
            cuts[effect.category] = cuts.get(effect.category, 0.0) + amounts.pop("budget")
        elif "budget" in amounts:
            nxt = landing.round + 1
            self._shift[nxt] = self._shift.get(nxt, 0.0) + amounts.pop("budget")
        if "away" in amounts and effect.team is not None:
            self._send_away(effect, int(amounts.pop("away")), landing.round)
        elif effect.project is not None:
            self._move_project(effect.project, amounts)
        elif effect.team is not None:
            t = [team.id for team in self.scenario.organization.teams].index(effect.team)
            size = int(amounts.pop("size", 0))
            if size < 0:
                self._state = leave(self._state, self._world, t, -size)
            elif size > 0:
                self._state = join(self._state, self._world, t, size, self._params)
            if amounts:
                self._state, _ = apply_team_effects(self._state, self._world, t, amounts, label)
        elif amounts:
            self._state, _ = apply_effects(self._state, amounts, label)
        after = metrics_of(self._state)
        self._driver(label, {m: after[m] - before[m] for m in METRIC_NAMES})
        if landing.source == label:
            self._landed.append(f"{label}: {describe(effect, self.scenario)}")

    def _send_away(self, effect: Effect, people: int, round_no: int) -> None:
        t = [team.id for team in self.scenario.organization.teams].index(str(effect.team))
        before = self._state
        self._state = leave(before, self._world, t, people)
        self._away.append(went_away(before, self._state, self._world, t,
                                    round_no + effect.away_rounds + 1))
        self._hire_order()

    def _cut_budget(self, plan: RoundPlan) -> RoundPlan:
        """The round's plan with each category's money changed by the events' `category:`
        budget effects (a percentage; never below nothing)."""
        return cut_budget(plan, self._world.categories, self._cuts.get(self.round, {}))

    def _move_project(self, project_id: str, amounts: dict[str, float]) -> None:
        i = [p.id for p in self.scenario.projects].index(project_id)
        world, state = self._world, self._state
        due, scope = world.due.copy(), world.scope.copy()
        due[i] = float(np.clip(due[i] + amounts.get("due", 0.0), 1, world.rounds))
        scope[i] = max(scope[i] + amounts.get("scope", 0.0), 1.0)
        self._world = replace(world, due=due, scope=scope)
        status = state.status.copy()
        reopen = (status[:, i] == MISSED) & (due[i] > state.round)
        status[reopen, i] = OPEN
        self._state = state.evolve(status=status)

    def _driver(self, label: str, changes: dict[str, np.ndarray]) -> None:
        pending = getattr(self, "_pending_round", None)
        if pending is None:
            return
        for metric in METRIC_NAMES:
            change = float(changes[metric][0])
            if abs(change) > 1e-12:
                pending.drivers[metric].append((label, change))

    # --- between rounds --------------------------------------------------------------------

    def _arrivals(self) -> None:
        """Teams whose round has come (and whose flag is set, if they wait for one) join, as
        the experienced people they are; then people away whose time is up come back."""
        for t, team in enumerate(self.scenario.organization.teams):
            if t not in self._arrived and team.arrives <= self.round and (
                    team.flag is None or self.flags.get(team.flag, 0.0)):
                veterans = {"skill": team.skill, "morale": team.morale,
                            "creativity": team.creativity, "fatigue": team.fatigue}
                self._state = join(self._state, self._world, t, team.size, self._params, veterans)
                self._arrived.add(t)
        for away in [a for a in self._away if a.back == self.round]:
            self._state = come_back(self._state, self._world, away, self._params)
        self._away = [a for a in self._away if a.back != self.round]
        self._hire_order()

    def _workable(self) -> np.ndarray:
        """(P,) True where work on a project counts this round."""
        return np.array([not self._waiting(i) for i in range(len(self.scenario.projects))])

    def gauges_now(self) -> dict[str, float]:
        return {g: float(v[0]) for g, v in gauges_of(self._state, self._world, self._params).items()}
