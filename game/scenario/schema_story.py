"""The schema of a scenario's story checks: `expect:` (what the story must do for a player)
and a project's `central:` flag. Kept apart from `game.scenario.schema`, which uses them."""

from __future__ import annotations

from typing import Any

from game.scenario.types import EXPECT_PLAYERS, EXPECT_STATES

Schema = dict[str, Any]
SLUG_PATTERN = "^[a-z0-9][a-z0-9-]*$"


def _share(description: str) -> Schema:
    return {"type": "number", "minimum": 0, "maximum": 1,
            "description": description + " A share of the games, from 0 to 1."}


def central() -> Schema:
    return {"type": "boolean", "default": False,
            "description": "The story needs this project: `balance` and `story` fail the "
                           "scenario when the best game a search finds abandons it (never "
                           "started or overdue at the end) in most of its games."}


def expectation() -> Schema:
    who = {"enum": list(EXPECT_PLAYERS),
           "description": "Whose games: a scripted player (balanced, manager-only, "
                          "leader-only, random) or the best game a search finds (best is the "
                          "best free game; best-fixed, best-manager-only, best-leader-only)."}
    event = {"type": "object", "additionalProperties": False, "required": ["event", "fires", "in"],
             "description": "An event fires in at least a share of the player's games.",
             "properties": {
                 "event": {"type": "string", "pattern": SLUG_PATTERN,
                           "description": "An event id from `events`."},
                 "fires": _share("At least this share of the games fire the event."),
                 "in": who}}
    project = {"type": "object", "additionalProperties": False,
               "required": ["project", "state", "in"],
               "description": "A project ends in a state in at least a share of the games.",
               "properties": {
                   "project": {"type": "string", "pattern": SLUG_PATTERN,
                               "description": "A project id from `projects`."},
                   "state": {"enum": list(EXPECT_STATES),
                             "description": "How it ends: on_time, late, shipped (on time or "
                                            "late), overdue, never_started, open, abandoned "
                                            "(never started or overdue)."},
                   "at_least": _share("In at least this share of the games (default 0.5)."),
                   "in": who}}
    return {"description": "What the story must do: `{event: ID, fires: 0.6, in: balanced}` "
                           "or `{project: ID, state: on_time, in: best}`.",
            "type": "object",
            "oneOf": [event, project]}


def expect() -> Schema:
    return {"type": "array", "items": expectation(), "maxItems": 40,
            "description": "Story expectations, checked by `story`, `balance` and "
                           "`validate --strict`; each failure names its line."}


def waits_for(what: str) -> Schema:
    return {"type": "object", "additionalProperties": False, "required": ["flag"],
            "description": f"{what} only once this flag is set (by a choice's `set:` or `add:`).",
            "properties": {"flag": {"type": "string", "pattern": SLUG_PATTERN,
                                    "description": "The flag's name."}}}


def effect_extras(categories: tuple[str, ...], max_rounds: int) -> dict[str, Schema]:
    """The effect keys for one budget category and for people away."""
    return {
        "category": {"enum": list(categories),
                     "description": "With `budget:`: the change is a percentage of this "
                                    "category's money (budget: -30 cuts it by 30%) in the "
                                    "rounds the effect lands for."},
        "away": {"type": "object", "additionalProperties": False,
                 "required": ["team", "people", "rounds"],
                 "description": "People of a team away for some rounds; they come back with "
                                "their skill. Alone in its effect mapping (with `in:`).",
                 "properties": {
                     "team": {"type": "string", "pattern": SLUG_PATTERN,
                              "description": "The team's id."},
                     "people": {"type": "integer", "minimum": 1, "maximum": 100,
                                "description": "How many leave for a while."},
                     "rounds": {"type": "integer", "minimum": 1, "maximum": max_rounds,
                                "description": "Rounds they are away."}}},
    }
