"""Jump to a branch of the story: force an event's answer (`story --choose EVENT=CHOICE`), or
set flags from a round on (`story --from-round N --flags a,b`), whoever plays.

`BranchSession` is a `GameSession` that steers the answers and sets the flags; every other
rule is the session's own, so a branch plays exactly as a player who chose it would.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.rules.decisions import ChooseOption, Decision
from game.rules.session import GameSession, Phase
from game.scenario.types import AllOf, AnyOf, Condition, FlagIs, Not, Scenario


class BranchError(ValueError):
    """A branch that names an event, a choice or a round the scenario does not have."""


@dataclass(frozen=True)
class Branch:
    choose: tuple[tuple[str, int], ...] = ()   # (event id, choice index) answers to force
    from_round: int = 1                        # the round the flags are set in
    flags: tuple[str, ...] = ()                # flags set (to 1) from that round on

    @property
    def empty(self) -> bool:
        return not self.choose and not self.flags


def choice_index(scenario: Scenario, event_id: str, choice: str) -> int:
    """The 0-based index of a choice given by id or by number (1 is the first)."""
    events = {e.id: e for e in scenario.events}
    if event_id not in events:
        raise BranchError(f"no event '{event_id}' in {scenario.id} (events: "
                          f"{', '.join(events) or 'none'})")
    choices = events[event_id].choices
    for i, c in enumerate(choices):
        if c.id == choice:
            return i
    if choice.isdigit() and 1 <= int(choice) <= len(choices):
        return int(choice) - 1
    ids = ", ".join(c.id for c in choices)
    raise BranchError(f"event '{event_id}' has no choice '{choice}' (its choices: {ids}, "
                      f"or a number from 1 to {len(choices)})")


def _read(c: Condition | None) -> set[str]:
    match c:
        case FlagIs(flag=name):
            return {name}
        case AllOf(conditions=parts) | AnyOf(conditions=parts):
            return set().union(*(_read(p) for p in parts))
        case Not(condition=inner):
            return _read(inner)
    return set()


def flag_names(scenario: Scenario) -> set[str]:
    """Every flag the scenario sets or reads (choices, conditions, teams and projects)."""
    names = {name for e in scenario.events for c in e.choices for name, _ in (*c.sets, *c.adds)}
    names |= {t.flag for t in scenario.organization.teams if t.flag}
    names |= {p.flag for p in scenario.projects if p.flag}
    conditions: list[Condition | None] = [e.when for e in scenario.events]
    conditions += [x.when for x in scenario.debrief]
    conditions += [c.require for e in scenario.events for c in e.choices]
    return names.union(*(_read(c) for c in conditions))


def parse_branch(scenario: Scenario, choose: list[str], from_round: int,
                 flags: str | None) -> Branch:
    """The branch the command line asks for; BranchError (one line) when it is not there."""
    forced = []
    for item in choose:
        event_id, sep, choice = item.partition("=")
        if not sep or not event_id or not choice:
            raise BranchError(f"--choose {item!r}: expected EVENT=CHOICE, e.g. vendor=cheap")
        forced.append((event_id, choice_index(scenario, event_id, choice)))
    if not 1 <= from_round <= scenario.rounds:
        raise BranchError(f"--from-round {from_round}: {scenario.id} has rounds 1 to "
                          f"{scenario.rounds}")
    names = tuple(f.strip() for f in (flags or "").split(",") if f.strip())
    known = flag_names(scenario)
    for name in names:
        if name not in known:
            raise BranchError(f"--flags: no flag '{name}' in {scenario.id} (its flags: "
                              f"{', '.join(sorted(known)) or 'none'})")
    return Branch(tuple(forced), from_round, names)


class BranchSession(GameSession):
    """A session whose chosen events take the forced answer (when it is open) and whose
    flags are set at the start of `branch.from_round`."""

    def __init__(self, scenario: Scenario, seed: int, branch: Branch) -> None:
        self._steering = branch
        self._forced = dict(branch.choose)
        self._flags_set = False
        super().__init__(scenario, seed)
        self._set_flags()

    def apply(self, decision: Decision) -> None:
        pending = self.pending_event
        if isinstance(decision, ChooseOption) and pending is not None \
                and pending.event_id in self._forced:
            index = self._forced[pending.event_id]
            if not pending.closed[index]:
                decision = ChooseOption(index)
        super().apply(decision)
        self._set_flags()

    def _set_flags(self) -> None:
        if self._flags_set or not self._steering.flags or self.phase is not Phase.LEADER \
                or self.round < self._steering.from_round:
            return
        for name in self._steering.flags:
            self.flags[name] = 1.0
        self._flags_set = True


@dataclass
class Steer:
    """Makes sessions for a branch (a plain session when there is none)."""

    branch: Branch = field(default_factory=Branch)

    def session(self, scenario: Scenario, seed: int) -> GameSession:
        if self.branch.empty:
            return GameSession(scenario, seed)
        return BranchSession(scenario, seed, self.branch)
