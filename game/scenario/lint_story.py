"""Lint rules about a scenario's story: memory, timing, units, project states, the file.

Each function takes the `Linter` (for `warn`, the scenario and the YAML tree) and adds
warnings; `game.scenario.lint` runs them after its own rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.scenario.reach import Span
from game.scenario.types import (
    OLD_PROJECT_STATES,
    PROJECT_STATE_MATCHES,
    AllOf,
    AnyOf,
    Condition,
    Not,
    ProjectState,
)
from game.scenario.yamltree import DataPath

if TYPE_CHECKING:
    from game.scenario.lint import Linter

# Effect keys measured in points on the 0..100 scale (a value below 1 is probably a share).
POINT_KEYS = ("morale", "innovation", "delivery", "trust", "clarity", "fatigue", "creativity",
              "skill", "ideas")


def raw_conditions(data: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, dict[str, Any]]]:
    """(path, mapping) for every condition mapping in the raw data (when:, require:, and
    the parts inside all/any/not)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("when", "require") and isinstance(value, dict):
                yield from _walk_condition(value, (*path, key))
            else:
                yield from raw_conditions(value, (*path, key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from raw_conditions(item, (*path, i))


def _walk_condition(c: dict[str, Any], path: DataPath) -> Iterator[tuple[DataPath, dict[str, Any]]]:
    yield path, c
    for key in ("all", "any"):
        for i, part in enumerate(c.get(key) or ()):
            if isinstance(part, dict):
                yield from _walk_condition(part, (*path, key, i))
    if isinstance(c.get("not"), dict):
        yield from _walk_condition(c["not"], (*path, "not"))


def raw_effects(data: Any) -> Iterator[tuple[DataPath, int, dict[str, Any]]]:
    """(path, event index, mapping) for every effect mapping of every choice."""
    events = data.get("events") if isinstance(data, dict) else None
    for i, event in enumerate(events if isinstance(events, list) else ()):
        choices = event.get("choices") if isinstance(event, dict) else None
        for j, choice in enumerate(choices if isinstance(choices, list) else ()):
            effects = choice.get("effects") if isinstance(choice, dict) else None
            base: DataPath = ("events", i, "choices", j, "effects")
            if isinstance(effects, dict):
                yield base, i, effects
            for k, effect in enumerate(effects if isinstance(effects, list) else ()):
                if isinstance(effect, dict):
                    yield (*base, k), i, effect


def file_name(linter: Linter) -> None:
    source, s = linter.scenario.source, linter.scenario
    if source and Path(source).is_file() and Path(source).stem != s.id:
        linter.warn(("id",), f"the id '{s.id}' differs from the file name "
                             f"'{Path(source).name}'; name the file {s.id}.yaml (the game "
                             "finds a scenario by its id)")


def units(linter: Linter, data: Any) -> None:
    for path, _, effect in raw_effects(data):
        for key in POINT_KEYS:
            value = effect.get(key)
            if isinstance(value, int | float) and not isinstance(value, bool) \
                    and 0 < abs(value) < 1:
                linter.warn((*path, key), f"{value:g} looks like a share; effects are points "
                                          f"on the 0 to 100 scale (did you mean "
                                          f"{value * 100:g}?)")


def flags(linter: Linter, data: Any) -> None:
    s = linter.scenario
    written: dict[str, DataPath] = {}
    for i, event in enumerate(s.events):
        for j, choice in enumerate(event.choices):
            for key, pairs in (("set", choice.sets), ("add", choice.adds)):
                for name, _ in pairs:
                    written.setdefault(name, ("events", i, "choices", j, key, name))
    read: dict[str, DataPath] = {}
    for path, c in raw_conditions(data):
        if isinstance(c.get("flag"), str):
            read.setdefault(c["flag"], (*path, "flag"))
    waiting: list[tuple[DataPath, str | None]] = [
        (("organization", "teams", i), t.flag) for i, t in enumerate(s.organization.teams)]
    waiting += [(("projects", i), p.flag) for i, p in enumerate(s.projects)]
    for at, waits in waiting:   # a team or a project that waits for a flag reads it too
        if waits is not None:
            read.setdefault(waits, (*at, "when", "flag"))
    for name, path in written.items():
        if name not in read:
            linter.warn(path, f"flag '{name}' is set but never read (no condition tests "
                              "`{flag: " + name + "}`)")
    for name, path in read.items():
        if name not in written:
            linter.warn(path, f"flag '{name}' is read but never set (no choice has `set:` or "
                              "`add:` for it), so it is always 0")


def old_states(linter: Linter, data: Any) -> None:
    for path, c in raw_conditions(data):
        state = c.get("state")
        if isinstance(state, str) and state in OLD_PROJECT_STATES:
            linter.warn((*path, "state"), f"'{state}' is an old name that overlaps others (it "
                                          f"means {OLD_PROJECT_STATES[state]}); say on_time, "
                                          "late or overdue")


def _tested_states(c: Condition) -> list[ProjectState]:
    """Project states a condition asks for positively (through all/any, not under not)."""
    match c:
        case ProjectState():
            return [c]
        case AllOf(conditions=parts) | AnyOf(conditions=parts):
            return [s for part in parts for s in _tested_states(part)]
        case Not():
            return []
    return []


def contradicting_lessons(linter: Linter) -> None:
    s = linter.scenario
    reach = linter.reach_at_end()
    for (i, a), (j, b) in combinations(enumerate(s.debrief), 2):
        for x in _tested_states(a.when):
            for y in _tested_states(b.when):
                mx, my = PROJECT_STATE_MATCHES[x.state], PROJECT_STATE_MATCHES[y.state]
                if x.project != y.project or mx <= my or my <= mx or not mx & my:
                    continue
                if reach.possible(AllOf((a.when, b.when))):
                    linter.warn(("debrief", j, "when"),
                                f"this lesson and lesson {i + 1} can show together: a project "
                                f"'{x.project}' that is {' and '.join(sorted(mx & my))} is "
                                f"both '{x.state}' and '{y.state}'; use the disjoint states "
                                "on_time, late, overdue, open")
                    return


def late_landings(linter: Linter, data: Any) -> None:
    s = linter.scenario
    during = linter.reach_during()
    for path, i, effect in raw_effects(data):
        delay, lasts = effect.get("in", 0), effect.get("for", 1)
        money = 1 if "budget" in effect else 0   # a budget landing in round L is round L+1's money
        if not (isinstance(delay, int) and isinstance(lasts, int)) or delay + lasts + money <= 1:
            continue
        rounds = [b["round"] for b in during.boxes(s.events[i].when)]
        firsts = [r.lo for r in rounds if isinstance(r, Span)]
        if not firsts:
            continue
        first = int(min(firsts))
        last = first + delay + lasts - 1 + money
        if last > s.rounds:
            key = "in" if "in" in effect else "for" if "for" in effect else "budget"
            what = "changes the money of rounds" if money else "lands"
            start = max(first + delay + money, s.rounds + 1)
            never = f"round {last} never comes" if start == last else \
                f"rounds {start} to {last} never come"
            linter.warn((*path, key), f"{what} after the last round ({s.rounds}): even if "
                                      f"the event fires in round {first}, {never}")


def due_past_end(linter: Linter, data: Any) -> None:
    """An effect that moves a project's due round past the last round (or before the first):
    the project is then never judged on time or late, and its lessons never show."""
    s = linter.scenario
    due = {p.id: p.due for p in s.projects}
    for path, _, effect in raw_effects(data):
        project, move, lasts = effect.get("project"), effect.get("due"), effect.get("for", 1)
        if project not in due or not isinstance(move, int) or not isinstance(lasts, int) or not move:
            continue
        moved = due[project] + move * lasts
        if not 1 <= moved <= s.rounds:
            where = f"after the last round ({s.rounds})" if moved > s.rounds else "before round 1"
            times = f" ({lasts} times {move:+d})" if lasts > 1 else ""
            linter.warn((*path, "due"), f"moves '{project}' from round {due[project]} to round "
                                        f"{moved}{times}, {where}: it would never be judged "
                                        f"on time or late; keep it within 1 to {s.rounds}")


def flags_set(linter: Linter) -> set[str]:
    return {name for e in linter.scenario.events for c in e.choices
            for name, _ in (*c.sets, *c.adds)}


def cash_costs(linter: Linter) -> None:
    """A choice whose cash cost leaves a debt bigger than a round can repay: the runway."""
    from game.model import params_for  # the model reads scenarios

    s = linter.scenario
    repay = params_for(s).runway_repay_share * s.budget.per_round
    for i, event in enumerate(s.events):
        for j, choice in enumerate(event.choices):
            spent = [amount for key, amount in choice.effects if key == "cash"]
            spent += [amount * effect.lasts for effect in choice.later
                      for key, amount in effect.amounts if key == "cash"]
            cost = -sum(amount for amount in spent if amount < 0)
            debt = cost - s.organization.cash
            if cost > 0 and debt > repay:
                linter.warn(("events", i, "choices", j, "effects"),
                            f"costs {cost:g} cash against a starting balance of "
                            f"{s.organization.cash:g}: the debt of {debt:g} is more than a "
                            f"round repays ({repay:g}, runway_repay_share of the budget), so "
                            "several rounds' budgets shrink to pay it; is that the story?")
