"""Limits on a scenario file's sizes and numbers, checked before anything else looks at it.

Each limit is chosen so that a file at the limit validates in well under a second and plays
smoothly in the window (tests/reliability/test_limits.py builds such a file and times it);
docs/authoring.md lists them for authors. A file over a limit gets one located problem per
culprit, and the slower checks (schema, cross-references, lint) are not run on it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from game.model.ranges import PARAM_RANGES, out_of_range
from game.scenario.problems import Problem
from game.scenario.yamltree import DataPath, Tree, where

MAX_ID = 64               # ids name save files: well inside a file system's 255-byte names
MAX_SHORT_TEXT = 120      # titles, names, button labels: one line on screen
MAX_TEXT = 2_000          # event text, outcomes, lessons, tips, descriptions, objectives
MAX_SUMMARY = 600
MAX_BRIEFING = 6_000
TEXT_LIMITS = {"id": MAX_ID, "title": MAX_SHORT_TEXT, "name": MAX_SHORT_TEXT,
               "label": MAX_SHORT_TEXT, "round_label": 40, "summary": MAX_SUMMARY,
               "briefing": MAX_BRIEFING}
LIST_LIMITS = {"visions": 12, "projects": 40, "events": 100, "choices": 6, "debrief": 40,
               "claims": 20, "objectives": 10, "teams": 8, "categories": 6, "all": 12, "any": 12}
MAX_CONDITION_PARTS = 24  # shapes in one `when:`, all levels together
MAX_CONDITION_DEPTH = 6   # `all`/`any`/`not` inside one another
MAX_ALL_CONDITION_PARTS = 1_000  # shapes in all the file's conditions together
MAX_NUMBER = 1e9          # any number anywhere
NUMBER_LIMITS: dict[str, tuple[float, float]] = {   # key -> (lowest, highest)
    "per_round": (0.01, 1e6), "cash": (-1e9, 1e9), "scope": (0.01, 1e5), "value": (0, 1e5),
    "by": (0, 10), "par": (0, 100), "minutes": (1, 600), "round": (1, 1000),
    "from_round": (1, 1000),
}
WEIGHT_LIMIT = 1000.0     # each scoring weight
BUDGET_AMOUNT = 1e6       # each amount of budget.default
CONTROL_OK = frozenset("\n\t")


def limit_problems(tree: Tree, source: str) -> list[Problem]:
    """One problem per value over a limit, located at the value."""
    problems = [Problem(source, *tree.place(path), f"{where(path) or 'the file'}: {message}")
                for path, message in _check(tree.data, ())]
    if not problems:
        total = sum(_size(when, 0)[0] for when in _conditions(tree.data))
        if total > MAX_ALL_CONDITION_PARTS:
            problems.append(Problem(source, 1, 1, f"the conditions (when:) have {total:,} parts "
                                                  f"together; at most {MAX_ALL_CONDITION_PARTS:,}"))
    return problems


def _conditions(data: Any) -> Iterator[Any]:
    if not isinstance(data, dict):
        return
    for section in ("events", "debrief"):
        items = data.get(section)
        if isinstance(items, list):
            yield from (item["when"] for item in items if isinstance(item, dict) and "when" in item)


def _check(value: Any, path: DataPath) -> Iterator[tuple[DataPath, str]]:
    key = _key(path)
    if isinstance(value, dict):
        if key == "when" or (key == "not" and path):
            yield from _condition(value, path)
        for name, item in value.items():
            yield from _check(item, (*path, name))
    elif isinstance(value, list):
        most = LIST_LIMITS.get(str(key))
        if most is not None and len(value) > most:
            yield path, f"at most {most} items, not {len(value)}"
            return  # the items are not looked at: there could be millions
        for index, item in enumerate(value):
            yield from _check(item, (*path, index))
    elif isinstance(value, str):
        yield from _text(value, path, key)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        yield from _number(value, path, key)


def _key(path: DataPath) -> str | int | None:
    """The name of the nearest key: ('events', 3, 'choices', 0) -> 'choices'... for items."""
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return None


def _text(text: str, path: DataPath, key: str | int | None) -> Iterator[tuple[DataPath, str]]:
    most = TEXT_LIMITS.get(str(key), MAX_TEXT)
    if key in ("vision", "project") and path[:1] != ("tutorial",):
        most = MAX_ID  # a reference to an id
    if len(text) > most:
        yield path, f"at most {most:,} characters, not {len(text):,}"
        return
    bad = next((c for c in text if (c < " " or "\x7f" <= c <= "\x9f") and c not in CONTROL_OK), None)
    if bad is not None:
        yield path, (f"holds the control character {ord(bad):#04x}, which cannot be shown; "
                     "remove it")


def _number(number: int | float, path: DataPath, key: str | int | None
            ) -> Iterator[tuple[DataPath, str]]:
    if isinstance(number, int) and abs(number) > 10**15:
        yield path, f"a number of {len(str(abs(number)))} digits is far too large"
        return
    value = float(number)
    if not math.isfinite(value) or abs(value) > MAX_NUMBER:
        yield path, f"{value:g} is too large (numbers stay within ±{MAX_NUMBER:g})"
        return
    section = path[0] if path else None
    if section == "params" and len(path) == 2 and str(key) in PARAM_RANGES:
        reason = out_of_range(str(key), value)
        if reason is not None:
            yield path, reason
        return
    if path[:2] == ("scoring", "weights"):
        if value > WEIGHT_LIMIT:
            yield path, f"a weight is at most {WEIGHT_LIMIT:g}, not {value:g}"
        return
    if path[:2] == ("budget", "default"):
        if value > BUDGET_AMOUNT:
            yield path, f"at most {BUDGET_AMOUNT:g}, not {value:g}"
        return
    bounds = NUMBER_LIMITS.get(str(key))
    if key == "scope" and "effects" in path:   # an effect adds work, or (negative) takes it off
        bounds = (-NUMBER_LIMITS["scope"][1], NUMBER_LIMITS["scope"][1])
    if bounds is not None and section in ("budget", "organization", "projects", "claims", "par",
                                          "minutes", "events", "debrief"):
        low, high = bounds
        if not low <= value <= high:
            yield path, f"must be between {low:g} and {high:g}, not {value:g}"


def _condition(value: dict[str, Any], path: DataPath) -> Iterator[tuple[DataPath, str]]:
    parts, depth = _size(value, 0)
    if depth > MAX_CONDITION_DEPTH:
        yield path, (f"conditions nested {depth} deep; at most {MAX_CONDITION_DEPTH} "
                     "(all/any/not inside one another)")
    elif parts > MAX_CONDITION_PARTS:
        yield path, f"a condition of {parts} parts; at most {MAX_CONDITION_PARTS}"


def _size(value: Any, depth: int) -> tuple[int, int]:
    """(parts, depth) of a condition; stops counting early once over the limits."""
    if depth > MAX_CONDITION_DEPTH:
        return 1, depth
    inner: list[Any] = []
    if isinstance(value, dict):
        for key in ("all", "any"):
            if isinstance(value.get(key), list):
                inner.extend(value[key])
        if isinstance(value.get("not"), dict):
            inner.append(value["not"])
    parts, deepest = 1, depth
    for part in inner:
        p, d = _size(part, depth + 1)
        parts, deepest = parts + p, max(deepest, d)
        if parts > MAX_CONDITION_PARTS:
            break
    return parts, deepest
