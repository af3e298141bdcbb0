"""Lint: advice about a scenario that loads fine but will not play as its author meant.

`lint(scenario)` returns warnings as `Problem`s whose message starts with `warning:`, each
located at the YAML node it is about (the file is read again for the places). `validate`
prints them; `validate --strict` fails on them. The rules (docs/authoring.md lists them):

- an event whose `when:` can never hold (a gauge below 0 or above 100, a contradictory
  `all:`, an `any:` none of whose parts can hold, ...);
- a debrief lesson that can never be shown (the same, judged at the end of the game,
  when the round is the last one: `{round: 3}` in an 8-round scenario never holds there);
- a project no team can finish in time: its scope is more than all the teams together can
  do by its due round at today's capacity; likewise the delivery projects due by a round;
- a budget that cannot do what the scenario asks: innovation projects but no `innovation`
  category; a default `hiring` amount too small to pay for one person; a default split
  that leaves more than a fifth of the money unspent;
- visions that are the same choice: a title used twice, or the same ambition and the same
  `fits:` rounds as another vision (the model sees nothing else, so the two play identically);
- rounds in which no vision fits the world (`fits:`), so every player is out of step;
- an event with two choices of the same label; a `tutorial` scenario with no `tutorial:` tips.
"""

from __future__ import annotations

from pathlib import Path

from game.scenario import lint_story as story
from game.scenario.loader import read_text
from game.scenario.problems import Problem, ScenarioError
from game.scenario.reach import Reach, Span, TooComplex
from game.scenario.types import (
    After,
    AllOf,
    AnyOf,
    Condition,
    FlagIs,
    GaugeCompare,
    Not,
    ProfileCompare,
    RoundAtLeast,
    RoundIs,
    Scenario,
)
from game.scenario.yamltree import DataPath, Tree, parse_tree, where

UNSPENT_SHARE = 0.2  # the default split may leave at most this share of the money unspent


class Linter:
    def __init__(self, scenario: Scenario, tree: Tree | None) -> None:
        self.scenario = scenario
        self.tree = tree
        self.warnings: list[Problem] = []

    def warn(self, path: DataPath, message: str) -> None:
        line, column = self.tree.place(path) if self.tree is not None else (0, 0)
        self.warnings.append(Problem(self.scenario.source or self.scenario.id, line, column,
                                     f"warning: {where(path)}: {message}"))

    def run(self) -> list[Problem]:
        self.conditions()
        self.capacity()
        self.budget()
        self.visions()
        self.choices_and_tips()
        data = self.tree.data if self.tree is not None else {}
        story.file_name(self)
        story.units(self, data)
        story.flags(self, data)
        story.old_states(self, data)
        story.contradicting_lessons(self)
        story.late_landings(self, data)
        story.due_past_end(self, data)
        story.cash_costs(self)
        return sorted(set(self.warnings))

    def _reach(self, first: int) -> Reach:
        s = self.scenario
        reach = Reach(first, s.rounds, [v.id for v in s.visions])
        reach.flags_set = story.flags_set(self)
        reach.never_fire = self.never_fire
        return reach

    def reach_during(self) -> Reach:
        return self._reach(1)

    def reach_at_end(self) -> Reach:
        return self._reach(self.scenario.rounds)

    # --- conditions ------------------------------------------------------------------------

    def conditions(self) -> None:
        s = self.scenario
        self.never_fire: set[str] = set()
        during = self.reach_during()
        while True:  # an event that never fires makes its follow-ups never fire: to a fixpoint
            never = {e.id for e in s.events if not self._maybe(during, e.when)}
            if never <= self.never_fire:
                break
            self.never_fire |= never
        at_end = self.reach_at_end()
        for i, event in enumerate(s.events):
            self._reachable(during, event.when, ("events", i, "when"), "this event can never fire")
        for i, lesson in enumerate(s.debrief):
            self._reachable(at_end, lesson.when, ("debrief", i, "when"),
                            "this lesson can never be shown (the debrief is judged after the "
                            f"last round, {s.rounds})")

    @staticmethod
    def _maybe(reach: Reach, condition: Condition) -> bool:
        """Whether a condition can hold; too complex to tell counts as 'it can'."""
        reach.work = 0
        try:
            return reach.possible(condition)
        except TooComplex:
            return True

    def _reachable(self, reach: Reach, condition: Condition, path: DataPath, what: str) -> None:
        reach.work = 0  # each condition has its own budget
        try:
            if reach.possible(condition):
                return
            culprit, why = self._culprit(reach, condition, path)
        except TooComplex:
            self.warn(path, "this condition is too complex for lint to check whether it can "
                            "ever hold; lint gave up on it (simplify it to have it checked)")
            return
        self.warn(culprit, f"{what}: {why}")

    def _culprit(self, reach: Reach, c: Condition, path: DataPath) -> tuple[DataPath, str]:
        """The smallest part of an impossible condition that is impossible by itself."""
        if isinstance(c, AllOf | AnyOf):
            key = "all" if isinstance(c, AllOf) else "any"
            for i, part in enumerate(c.conditions):
                if not reach.possible(part) and (key == "all" or len(c.conditions) == 1):
                    return self._culprit(reach, part, (*path, key, i))
            if key == "all":
                return (*path, key), "its conditions contradict each other"
            return (*path, key), "none of its conditions can hold"
        if isinstance(c, Not):
            return (*path, "not"), "what it negates always holds"
        if isinstance(c, GaugeCompare):
            return path, f"{c.gauge} runs from 0 to 100{_bounds(c.below, c.above)}"
        if isinstance(c, ProfileCompare):
            return path, "the leader share runs from 0 to 1" + _bounds(
                c.leader_share_below, c.leader_share_above)
        if isinstance(c, FlagIs):
            return path, f"flag '{c.flag}' is never set by any choice, so it is always 0"
        if isinstance(c, After):
            return path, f"it follows event '{c.event}', which can never fire"
        if isinstance(c, RoundIs | RoundAtLeast):
            rounds = reach.domain["round"]
            assert isinstance(rounds, Span)
            seen = f"round {rounds.lo:g}" if rounds.lo == rounds.hi else \
                f"rounds {rounds.lo:g} to {rounds.hi:g}"
            tested = f"round {c.round}" if isinstance(c, RoundIs) else f"round {c.round} or later"
            return path, f"it tests {tested}, and it is only judged in {seen}"
        return path, "it cannot hold in this scenario"

    # --- capacity --------------------------------------------------------------------------

    def capacity(self) -> None:
        from game.model import base_capacity, new_game, params_for  # the model reads scenarios

        world, state = new_game(self.scenario)
        per_round = float(base_capacity(state, world, params_for(self.scenario))[0].sum())
        for i, p in enumerate(self.scenario.projects):
            if p.scope > per_round * p.due:
                self.warn(("projects", i, "scope"),
                          f"no team can finish '{p.id}' in time: it needs {p.scope:g} work points by "
                          f"round {p.due}, and all teams together do about {per_round:.1f} a round "
                          f"({per_round * p.due:.0f} by then)")
        delivery = sorted((p.due, i, p) for i, p in enumerate(self.scenario.projects)
                          if p.kind == "delivery" and p.scope <= per_round * p.due)
        for due in sorted({d for d, _, _ in delivery}):
            needed = sum(p.scope for d, _, p in delivery if d <= due)
            if needed > per_round * due:
                first = next(i for d, i, _ in delivery if d == due)
                self.warn(("projects", first, "due"),
                          f"the delivery projects due by round {due} need {needed:g} work points; "
                          f"all teams together do about {per_round * due:.0f} by then")
                return

    # --- budget ----------------------------------------------------------------------------

    def budget(self) -> None:
        s, budget = self.scenario, self.scenario.budget
        if any(p.kind == "innovation" for p in s.projects) and "innovation" not in budget.categories:
            self.warn(("budget", "categories"), "there are innovation projects but no `innovation` "
                                                "budget category to fund the ideas they need")
        if not budget.default:
            return
        from game.model import params_for

        default = dict(budget.default)
        one_hire = params_for(s).hire_cost_share * budget.per_round
        if 0 < default.get("hiring", 0.0) < one_hire:
            self.warn(("budget", "default", "hiring"),
                      f"{default['hiring']:g} does not pay for one person (a hire costs about "
                      f"{one_hire:g} a round); hires would arrive only by chance")
        spent = sum(default.values())
        if spent < (1.0 - UNSPENT_SHARE) * budget.per_round:
            self.warn(("budget", "default"),
                      f"the default split spends {spent:g} of {budget.per_round:g}; a player who "
                      "keeps it leaves the rest unspent every round")

    # --- visions, choices, tips ------------------------------------------------------------

    def visions(self) -> None:
        s = self.scenario
        titles: dict[str, str] = {}
        alike: dict[tuple[float, tuple[bool, ...]], str] = {}
        for i, v in enumerate(s.visions):
            title = " ".join(v.title.lower().split())
            if title in titles:
                self.warn(("visions", i, "title"), f"the same title as vision '{titles[title]}'; "
                                                   "players cannot tell the two apart")
            titles.setdefault(title, v.id)
            play = (v.ambition, tuple(v.fits(r) for r in range(1, s.rounds + 1)))
            if play in alike:
                self.warn(("visions", i, "ambition"),
                          f"plays exactly like vision '{alike[play]}' (same ambition "
                          f"{v.ambition:g}, fitting the same rounds); the model sees nothing "
                          "else, so the choice changes nothing but the words")
            alike.setdefault(play, v.id)
        unfit = [r for r in range(1, s.rounds + 1) if not any(v.fits(r) for v in s.visions)]
        if unfit:
            first = next(i for i, v in enumerate(s.visions) if v.fits_from > 1
                         or v.fits_until is not None)
            self.warn(("visions", first, "fits"),
                      f"no vision fits the world in {_rounds(unfit)}; whatever the player "
                      "chooses, they are out of step then")

    def choices_and_tips(self) -> None:
        for i, event in enumerate(self.scenario.events):
            seen: set[str] = set()
            for j, choice in enumerate(event.choices):
                label = " ".join(choice.label.lower().split())
                if label in seen:
                    self.warn(("events", i, "choices", j, "label"),
                              "two choices have this label; players cannot tell them apart")
                seen.add(label)
        if self.scenario.difficulty == "tutorial" and not self.scenario.tutorial:
            self.warn(("difficulty",), "a tutorial scenario has no `tutorial:` tips to explain "
                                       "the controls")


def _rounds(rounds: list[int]) -> str:
    if len(rounds) == 1:
        return f"round {rounds[0]}"
    if rounds == list(range(rounds[0], rounds[-1] + 1)):
        return f"rounds {rounds[0]} to {rounds[-1]}"
    return "rounds " + ", ".join(map(str, rounds))


def _bounds(below: float | None, above: float | None) -> str:
    if below is not None and above is not None:
        return f", and no value is both above {above:g} and below {below:g}"
    return f", so it is never {'above ' if above is not None else 'below '}" \
           f"{above if above is not None else below:g}"


def _tree_for(scenario: Scenario) -> Tree | None:
    """The file's YAML tree, for the places of the nodes; None if it cannot be read again."""
    if not scenario.source:
        return None
    try:
        tree, _ = parse_tree(read_text(Path(scenario.source)), scenario.source)
    except ScenarioError:
        return None
    return tree


def lint(scenario: Scenario, tree: Tree | None = None) -> list[Problem]:
    """Warnings about a loaded scenario, in file order (empty when there is nothing to say)."""
    return Linter(scenario, tree if tree is not None else _tree_for(scenario)).run()
