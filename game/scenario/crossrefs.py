"""Checks a schema cannot express: ids that must exist, ids that must be unique, sums.

They run on the plain data even when the schema found problems, so an author sees every
problem at once; each check skips parts whose shape is wrong (the schema reports those).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from game.scenario.checks import one_of, suggest
from game.scenario.problems import Problem
from game.scenario.schema import MAX_ROUNDS
from game.scenario.story_refs import effect_problems, no_team_at_start
from game.scenario.types import KEPT_VISION, PROJECT_EFFECT_KEYS, TEAM_EFFECT_KEYS, TEAM_GAUGES
from game.scenario.yamltree import DataPath, Tree, where

_ID_LISTS = {"teams": "team", "visions": "vision", "projects": "project", "events": "event"}


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _mappings(data: Any, *keys: str) -> Iterator[tuple[DataPath, dict[str, Any]]]:
    """(path, item) for each mapping in the list at data[keys...]."""
    items: Any = data
    for key in keys:
        items = items.get(key) if isinstance(items, dict) else None
    for index, item in enumerate(items if isinstance(items, list) else ()):
        if isinstance(item, dict):
            yield (*keys, index), item


class CrossChecker:
    def __init__(self, tree: Tree, source: str) -> None:
        self.tree = tree
        self.source = source
        self.data: dict[str, Any] = tree.data if isinstance(tree.data, dict) else {}
        self.problems: list[Problem] = []
        rounds = self.data.get("rounds")
        self.rounds: int | None = rounds if isinstance(rounds, int) and rounds > 0 else None
        self.ids = {name: self._unique_ids(name) for name in _ID_LISTS}

    def add(self, path: DataPath, message: str) -> None:
        line, column = self.tree.place(path)
        self.problems.append(Problem(self.source, line, column, f"{where(path)}: {message}"))

    def run(self) -> list[Problem]:
        self._reference(("organization", "vision"), "visions")
        self._projects_due()
        self._vision_fits()
        self._budget()
        self._weights()
        for path, claim in _mappings(self.data, "claims"):
            if claim.get("strategy") is not None and claim.get("strategy") == claim.get("beats"):
                self.add((*path, "beats"), f"a strategy cannot beat itself, found "
                                           f"'{claim['beats']}' on both sides")
        for key in ("events", "debrief"):
            for path, item in _mappings(self.data, key):
                self._condition((*path, "when"), item.get("when"), lesson=key == "debrief")
        self._objectives()
        self._arrivals()
        self._requires()
        for path, event in _mappings(self.data, "events"):
            self._after((*path, "after"), event.get("after"))
            self._choices(path, event)
        for path, expectation in _mappings(self.data, "expect"):
            for key in ("event", "project"):
                self._known((*path, key), expectation.get(key), key + "s")
        return self.problems

    def _objectives(self) -> None:
        for path, objective in _mappings(self.data, "objectives"):
            project = objective.get("project")
            if isinstance(project, list):
                for i, pid in enumerate(project):
                    self._known((*path, "project", i), pid, "projects")
                least: Any = objective.get("at_least")
                if _whole(least) and least > len(project):
                    self.add((*path, "at_least"), f"at_least {least} of {len(project)} "
                                                  "projects can never be met")
            else:
                self._known((*path, "project"), project, "projects")
            if objective.get("vision") != KEPT_VISION:
                self._known((*path, "vision"), objective.get("vision"), "visions")
            above: Any = objective.get("above")
            below: Any = objective.get("below")
            if _number(above) and _number(below) and above >= below:
                self.add((*path, "below"), f"nothing is above {above} and below {below}; "
                                           "give `below` larger than `above`")

    # --- teams and projects over time --------------------------------------------------------

    def _arrivals(self) -> None:
        for path, team in _mappings(self.data, "organization", "teams"):
            self._after_last_round((*path, "arrives"), team.get("arrives"), "round")
        teams = list(_mappings(self.data, "organization", "teams"))
        if no_team_at_start(teams):
            self.add((*teams[0][0], "arrives"), "expected at least one team there from round 1 "
                                                "(not waiting for a flag)")
        for path, project in _mappings(self.data, "projects"):
            arrives: Any = project.get("arrives")
            due: Any = project.get("due")
            self._after_last_round((*path, "arrives"), arrives, "round")
            if _whole(arrives) and _whole(due) and arrives > due:
                self.add((*path, "arrives"), f"expected a round at or before its due round "
                                             f"({due}), found {arrives}")
        budget = self.data.get("budget")
        per_round = budget.get("per_round") if isinstance(budget, dict) else None
        if isinstance(per_round, list) and self.rounds is not None \
                and len(per_round) != self.rounds:
            self.add(("budget", "per_round"), f"expected one budget per round ({self.rounds}), "
                                              f"found {len(per_round)}")

    def _requires(self) -> None:
        graph: dict[str, list[str]] = {}
        for path, project in _mappings(self.data, "projects"):
            needs = project.get("requires")
            for i, other in enumerate(needs if isinstance(needs, list) else ()):
                self._known((*path, "requires", i), other, "projects")
                if other == project.get("id"):
                    self.add((*path, "requires", i), "a project cannot require itself")
            if isinstance(project.get("id"), str) and isinstance(needs, list):
                graph[project["id"]] = [n for n in needs if isinstance(n, str) and n != project["id"]]
        cycle = _cycle(graph)
        if cycle:
            index = next(i for i, (_, p) in enumerate(_mappings(self.data, "projects"))
                         if p.get("id") == cycle[0])
            self.add(("projects", index, "requires"),
                     "dependency cycle: " + " requires ".join(f"'{c}'" for c in cycle)
                     + "; none of them could ever start")

    # --- choices and their effects -------------------------------------------------------------

    def _after(self, path: DataPath, after: Any) -> None:
        if not isinstance(after, dict):
            return
        self._known((*path, "event"), after.get("event"), "events")
        event = next((e for _, e in _mappings(self.data, "events")
                      if e.get("id") == after.get("event")), None)
        choice = after.get("choice")
        if event is None or choice is None or not isinstance(event.get("choices"), list):
            return
        choices = [c for c in event["choices"] if isinstance(c, dict)]
        ids = [str(c.get("id", i + 1)) for i, c in enumerate(choices)]
        if str(choice) not in ids:
            self.add((*path, "choice"), f"event '{after['event']}' has no choice '{choice}'"
                                        f"{suggest(str(choice), ids)}; its choices are: "
                                        f"{one_of(ids)} (give a choice an `id:`, or use its "
                                        "number)")

    def _choices(self, path: DataPath, event: dict[str, Any]) -> None:
        choices = list(_mappings(event, "choices"))
        if choices and all("require" in c for _, c in choices):
            self.add((*path, "choices"), "every choice has `require:`; leave at least one "
                                         "open so the event can always be answered")
        seen: set[str] = set()
        for sub, choice in choices:
            at = (*path, *sub)
            if isinstance(choice.get("id"), str):
                if choice["id"] in seen:
                    self.add((*at, "id"), f"duplicate choice id '{choice['id']}' in this event")
                seen.add(choice["id"])
            self._condition((*at, "require"), choice.get("require"))
            effects = choice.get("effects")
            if isinstance(effects, dict):
                self._effect((*at, "effects"), effects)
            for i, effect in enumerate(effects if isinstance(effects, list) else ()):
                if isinstance(effect, dict):
                    self._effect((*at, "effects", i), effect)

    def _effect(self, path: DataPath, effect: dict[str, Any]) -> None:
        effect_problems(self.add, self._known, self.data, path, effect)
        team, project = effect.get("team"), effect.get("project")
        self._known((*path, "team"), team, "teams")
        self._known((*path, "project"), project, "projects")
        moves = [k for k in PROJECT_EFFECT_KEYS if k in effect]
        if project is not None and not moves:
            self.add((*path, "project"), "expected `due:` or `scope:` beside `project:` (what "
                                         "moves)")
        for key in moves:
            if project is None:
                self.add((*path, key), f"`{key}:` moves a project: add `project:` with its id")
        if "size" in effect and team is None:
            self.add((*path, "size"), "people join or leave a team: add `team:` with its id")
        if team is not None:
            for key in effect:
                if key not in (*TEAM_EFFECT_KEYS, "team", "in", "for"):
                    self.add((*path, key), f"{key} is organisation-wide; it cannot be given "
                                           f"to one team (a team has: "
                                           f"{one_of(TEAM_EFFECT_KEYS)})")

    def _unique_ids(self, list_name: str) -> list[str]:
        seen: dict[str, DataPath] = {}
        where_listed = ("organization", "teams") if list_name == "teams" else (list_name,)
        for path, item in _mappings(self.data, *where_listed):
            item_id = item.get("id")
            if not isinstance(item_id, str):
                continue
            if item_id in seen:
                first = self.tree.place((*seen[item_id], "id"))[0]
                self.add((*path, "id"), f"duplicate {_ID_LISTS[list_name]} id '{item_id}' "
                                        f"(first used at line {first}); ids must be unique")
            else:
                seen[item_id] = path
        return list(seen)

    def _reference(self, path: DataPath, list_name: str) -> None:
        value: Any = self.data
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        self._known(path, value, list_name)

    def _known(self, path: DataPath, value: Any, list_name: str) -> None:
        known = self.ids[list_name]
        if isinstance(value, str) and value not in known:
            noun = _ID_LISTS[list_name]
            listed = f"the {list_name} here are: {one_of(known)}" if known else \
                f"there are no {list_name} to refer to"
            self.add(path, f"unknown {noun} '{value}'{suggest(value, known)}; {listed}")

    def _after_last_round(self, path: DataPath, value: Any, what: str) -> None:
        if self.rounds is not None and isinstance(value, int) and \
                MAX_ROUNDS >= value > self.rounds:  # beyond MAX_ROUNDS the schema says so
            self.add(path, f"{what} {value} is after the last round (rounds: {self.rounds})")

    def _projects_due(self) -> None:
        for path, project in _mappings(self.data, "projects"):
            self._after_last_round((*path, "due"), project.get("due"), "due round")

    def _vision_fits(self) -> None:
        for path, vision in _mappings(self.data, "visions"):
            fits = vision.get("fits")
            if not isinstance(fits, dict):
                continue
            start: Any = fits.get("from")
            end: Any = fits.get("until")
            self._after_last_round((*path, "fits", "from"), start, "round")
            self._after_last_round((*path, "fits", "until"), end, "round")
            if _whole(start) and _whole(end) and start > end:
                self.add((*path, "fits", "until"), f"expected a round at or after 'from' "
                                                   f"({start}), found {end}; the vision would "
                                                   "never fit")

    def _budget(self) -> None:
        budget = self.data.get("budget")
        if not isinstance(budget, dict) or not isinstance(budget.get("default"), dict):
            return
        default: dict[str, Any] = budget["default"]
        categories = budget.get("categories")
        if isinstance(categories, list):
            for key in default:
                if key not in categories:
                    self.add(("budget", "default", key), f"'{key}' is not among this "
                             f"scenario's budget categories ({one_of(categories)})")
        total = sum(v for v in default.values() if _number(v))
        per_round = budget.get("per_round")
        if _number(per_round) and total > per_round:
            self.add(("budget", "default"), f"expected amounts adding up to at most per_round"
                                            f" ({per_round}), found a total of {total}")

    def _weights(self) -> None:
        scoring = self.data.get("scoring")
        weights = scoring.get("weights") if isinstance(scoring, dict) else None
        if isinstance(weights, dict) and weights and all(
            _number(w) and w == 0 for w in weights.values()
        ):
            self.add(("scoring", "weights"), "expected at least one weight above 0, found "
                                             "all zero")

    def _condition(self, path: DataPath, condition: Any, lesson: bool = False) -> None:
        if not isinstance(condition, dict):
            return
        if "used" in condition and not lesson:
            self.add((*path, "used"), "`used:` reads the whole game, so it is for debrief "
                                      "lessons only; an event or a choice can test a `flag:` "
                                      "or a gauge instead")
        for key in ("round", "from_round"):
            self._after_last_round((*path, key), condition.get(key), "round")
        self._known((*path, "vision"), condition.get("vision"), "visions")
        self._known((*path, "project"), condition.get("project"), "projects")
        self._known((*path, "team"), condition.get("team"), "teams")
        metric = condition.get("metric")
        if "team" in condition and isinstance(metric, str) and metric not in TEAM_GAUGES:
            self.add((*path, "metric"), f"{metric} is organisation-wide; a team has: "
                                        f"{one_of(TEAM_GAUGES)}")
        self._after((*path, "after"), condition.get("after"))
        for key in ("all", "any"):
            parts = condition.get(key)
            for index, part in enumerate(parts if isinstance(parts, list) else ()):
                self._condition((*path, key, index), part, lesson)
        self._condition((*path, "not"), condition.get("not"), lesson)


def _cycle(graph: dict[str, list[str]]) -> list[str]:
    """One dependency cycle in `graph` (its ids, first repeated at the end), or []."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> list[str]:
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], node, nxt] if nxt in path else [node, nxt]
            if nxt not in state and (found := visit(nxt, [*path, node])):
                return found
        state[node] = 2
        return []

    for start in graph:
        if start not in state and (found := visit(start, [])):
            return found
    return []


def cross_problems(tree: Tree, source: str) -> list[Problem]:
    """Every cross-reference problem in the data, located."""
    return CrossChecker(tree, source).run()
