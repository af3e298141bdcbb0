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
                self._condition((*path, "when"), item.get("when"))
        return self.problems

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

    def _condition(self, path: DataPath, condition: Any) -> None:
        if not isinstance(condition, dict):
            return
        for key in ("round", "from_round"):
            self._after_last_round((*path, key), condition.get(key), "round")
        self._known((*path, "vision"), condition.get("vision"), "visions")
        self._known((*path, "project"), condition.get("project"), "projects")
        for key in ("all", "any"):
            parts = condition.get(key)
            for index, part in enumerate(parts if isinstance(parts, list) else ()):
                self._condition((*path, key, index), part)
        self._condition((*path, "not"), condition.get("not"))


def cross_problems(tree: Tree, source: str) -> list[Problem]:
    """Every cross-reference problem in the data, located."""
    return CrossChecker(tree, source).run()
