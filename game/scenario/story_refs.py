"""Cross-checks for the story's timing keys: a budget effect on one category, people away,
and teams that arrive on a flag. Called by `game.scenario.crossrefs.CrossChecker`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.scenario.types import BUDGET_CATEGORIES

DataPath = tuple[Any, ...]
Add = Callable[[DataPath, str], None]


def effect_problems(add: Add, known: Callable[[DataPath, Any, str], None], data: dict[str, Any],
                    path: DataPath, effect: dict[str, Any]) -> None:
    """`category:` goes with `budget:` alone; `away:` stands alone (with `in:`)."""
    if "category" in effect:
        if "budget" not in effect:
            add((*path, "category"), "`category:` says which budget line a `budget:` change "
                                     "is on: add `budget:` (a percentage, -30 for a 30% cut)")
        others = [k for k in ("team", "project") if k in effect]
        for key in others:
            add((*path, key), f"a budget change is not on a {key}; give `{key}:` its own "
                              "effect mapping")
        budget = data.get("budget")
        offered = budget.get("categories") if isinstance(budget, dict) else None
        offered = offered if isinstance(offered, list) else list(BUDGET_CATEGORIES)
        category = effect["category"]
        if isinstance(category, str) and category in BUDGET_CATEGORIES and category not in offered:
            add((*path, "category"), f"'{category}' is not among this scenario's budget "
                                     f"categories ({', '.join(map(str, offered))})")
    away = effect.get("away")
    if away is not None:
        for other in effect:
            if other not in ("away", "in"):
                add((*path, other), "`away:` stands alone in its effect mapping (with `in:` at "
                                  "most); give this its own mapping")
        if isinstance(away, dict):
            known((*path, "away", "team"), away.get("team"), "teams")


def no_team_at_start(teams: list[tuple[DataPath, dict[str, Any]]]) -> bool:
    """Whether every team arrives late or waits for a flag (then nobody works in round 1)."""
    def late(team: dict[str, Any]) -> bool:
        arrives = team.get("arrives")
        return (isinstance(arrives, int) and not isinstance(arrives, bool) and arrives > 1) \
            or "when" in team
    return bool(teams) and all(late(t) for _, t in teams)
