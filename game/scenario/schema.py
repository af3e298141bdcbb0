"""The JSON Schema (draft 2020-12) of a scenario file.

One source of truth: the loader validates every file against this schema, and
`python -m game schema` writes it out for editors (completion and hover docs).
Checks a schema cannot express (ids that refer to each other, due rounds) live in
`game.scenario.crossrefs`.
"""

from __future__ import annotations

from typing import Any

from game.scenario.schema_story import central, effect_extras, expect, waits_for
from game.scenario.types import (
    BUDGET_CATEGORIES,
    DIFFICULTIES,
    EFFECT_KEYS,
    GAUGES,
    KNOWN_STRATEGIES,
    LEVERS,
    METRICS,
    PROJECT_KINDS,
    PROJECT_STATE_MATCHES,
    TEAM_GAUGES,
    TUTORIAL_TOPICS,
)

Schema = dict[str, Any]
SCHEMA_ID = "https://sail-and-keel.invalid/scenario.schema.json"
SLUG_PATTERN = "^[a-z0-9][a-z0-9-]*$"
MAX_ROUNDS = 40
# The shapes a condition may take, told apart by the one key each must have.
CONDITION_SHAPES: tuple[str, ...] = (
    "round", "from_round", "metric", "vision", "project", "leader_share", "flag", "after", "used",
    "all", "any", "not",
)
PROJECT_STATES: tuple[str, ...] = tuple(PROJECT_STATE_MATCHES)


def _text(description: str, **extra: Any) -> Schema:
    return {"type": "string", "minLength": 1, "description": description, **extra}


def _slug(description: str) -> Schema:
    return _text(description + " Lowercase letters, digits and '-'.", pattern=SLUG_PATTERN)


def _number(description: str, **extra: Any) -> Schema:
    return {"type": "number", "description": description, **extra}


def _share(description: str, default: float | None = None) -> Schema:
    extra = {} if default is None else {"default": default}
    return _number(description + " From 0 to 1.", minimum=0, maximum=1, **extra)


def _integer(description: str, **extra: Any) -> Schema:
    return {"type": "integer", "description": description, **extra}


def _mapping(description: str, properties: dict[str, Schema], required: tuple[str, ...] = (),
             **extra: Any) -> Schema:
    schema: Schema = {"type": "object", "description": description, "properties": properties,
                      "additionalProperties": False, **extra}
    if required:
        schema["required"] = list(required)
    return schema


def _list(description: str, items: Schema, min_items: int = 0, **extra: Any) -> Schema:
    schema: Schema = {"type": "array", "description": description, "items": items, **extra}
    if min_items:
        schema["minItems"] = min_items
    return schema


def _condition_shapes() -> list[Schema]:
    ref: Schema = {"$ref": "#/$defs/condition"}
    gauge_limit = "The condition holds while the gauge is strictly {} this value (0 to 100)."
    share_limit = "Holds when the leader share is strictly {} this value."
    shapes: dict[str, Schema] = {
        "round": _mapping("True in exactly this round.", {
            "round": _integer("The round number (1 is the first).", minimum=1)}, ("round",)),
        "from_round": _mapping("True from this round on.", {
            "from_round": _integer("The first round it holds in.", minimum=1)},
            ("from_round",)),
        "metric": _mapping("Compares a gauge with a threshold.", {
            "metric": {"enum": list(GAUGES), "description": "The gauge to test."},
            "below": _number(gauge_limit.format("below"), minimum=0, maximum=100),
            "above": _number(gauge_limit.format("above"), minimum=0, maximum=100),
            "team": _slug("Test this gauge for one team only (a team id); the gauges a team "
                          "has: " + ", ".join(TEAM_GAUGES) + "."),
        }, ("metric",), anyOf=[{"required": ["below"]}, {"required": ["above"]}]),
        "vision": _mapping("True while this vision is set (null: while no vision is set).", {
            "vision": {"type": ["string", "null"], "pattern": SLUG_PATTERN,
                       "description": "A vision id from `visions`, or null."}}, ("vision",)),
        "project": _mapping("True when a project is in the given state.", {
            "project": _text("A project id from `projects`."),
            "state": {"enum": list(PROJECT_STATES),
                      "description": "on_time (shipped by its due round), late (shipped after "
                                     "it), overdue (past due, not done) or open (not done, not "
                                     "yet due). Old names: shipped (on_time or late), missed "
                                     "(overdue or late)."},
        }, ("project", "state")),
        "leader_share": _mapping("Compares the player's share of attention given to leading "
                                 "(0: all managing, 1: all leading); for debrief lessons.", {
            "leader_share": _mapping("Give `below`, `above` or both.", {
                "below": _share(share_limit.format("below")),
                "above": _share(share_limit.format("above")),
            }, minProperties=1)}, ("leader_share",)),
        "flag": _mapping("Tests a flag or counter that choices set (`set:`, `add:`). Alone: "
                         "true while it is set (not 0); or give `below`, `above`.", {
            "flag": _slug("The flag's name."),
            "below": _number("Holds while the value is strictly below this."),
            "above": _number("Holds while the value is strictly above this."),
        }, ("flag",)),
        "after": _mapping("True a number of rounds after an event was answered.", {
            "after": _after(),
        }, ("after",)),
        "used": _mapping("For debrief lessons only: true when the player used this lever in "
                         "at least one round (vision: set a vision of their own).", {
            "used": {"enum": list(LEVERS), "description": "The lever: " + ", ".join(LEVERS)
                     + "."}}, ("used",)),
        "all": _mapping("True when every listed condition holds.", {
            "all": _list("The conditions.", ref, 1)}, ("all",)),
        "any": _mapping("True when at least one listed condition holds.", {
            "any": _list("The conditions.", ref, 1)}, ("any",)),
        "not": _mapping("True when the condition does not hold.", {
            "not": {**ref, "description": "The condition to negate."}}, ("not",)),
    }
    return [shapes[key] for key in CONDITION_SHAPES]


def _after() -> Schema:
    return _mapping("A follow-up: `rounds` rounds after `event` was answered (with `choice`).", {
        "event": _slug("The earlier event's id."),
        "choice": {"type": ["string", "integer"],
                   "description": "The answer given: a choice's id, or its number (1 is the "
                                  "first). Default: any answer."},
        "rounds": _integer("How many rounds later (default 1: the next round).", minimum=0,
                           maximum=MAX_ROUNDS, default=1),
    }, ("event",))


def _condition() -> Schema:
    return {
        "title": "Condition",
        "description": "When something applies: a mapping with exactly one of the shapes "
                       "round, from_round, metric, vision, project, leader_share, flag, "
                       "after, used, all, any, not. Structured data, never evaluated as code.",
        "type": "object",
        "oneOf": _condition_shapes(),
    }


def _objective() -> Schema:
    limit = "With `metric`: met when every metric ends strictly {} this (0 to 100)."
    scored = _mapping(
        "An objective the game tracks during play and scores in the debrief: give `text` and "
        "one of `project`, `metric` (with `above` and/or `below`) or `vision`.", {
            "text": _text("The objective as the player reads it."),
            "project": {"description": "A project id, or a list of them: met when it ships "
                                       "(they ship) by its due round.",
                        "if": {"type": "array"},
                        "then": _list("The projects.", _slug("A project id."), 1,
                                      uniqueItems=True),
                        "else": _slug("A project id.")},
            "at_least": _integer("With a list of projects: met when at least this many of "
                                 "them ship on time (default: all).", minimum=1),
            "metric": {"description": "A gauge, or a list of gauges, read at the end of the "
                                      "game: " + ", ".join(GAUGES) + ".",
                       "if": {"type": "array"},
                       "then": _list("The gauges; every one must meet the limit.",
                                     {"enum": list(GAUGES)}, 1, uniqueItems=True),
                       "else": {"enum": list(GAUGES)}},
            "above": _number(limit.format("above"), minimum=0, maximum=100),
            "below": _number(limit.format("below"), minimum=0, maximum=100),
            "vision": _text("Met when this vision (an id) is in force at the end; `kept`: "
                            "when the player set a vision of their own, changed it at most "
                            "once and holds it at the end.", pattern=SLUG_PATTERN),
        }, ("text",),
        oneOf=[{"required": ["project"]}, {"required": ["metric"]}, {"required": ["vision"]}],
        dependentSchemas={"metric": {"anyOf": [{"required": ["above"]},
                                               {"required": ["below"]}]}})
    return {"description": "An objective: text, or a mapping the game scores.",
            "if": {"type": "string"}, "then": _text("An objective, shown and not scored."),
            "else": scored}


def _organization() -> Schema:
    team = _mapping("A team of people who share a skill level and a mood.", {
        "id": _slug("The team's id, unique among teams."),
        "name": _text("The name shown to the player."),
        "size": _integer("Headcount.", minimum=1, maximum=100),
        "skill": _share("Starting skill.", 0.5),
        "morale": _share("Starting morale.", 0.6),
        "creativity": _share("Starting creativity.", 0.5),
        "fatigue": _share("Starting fatigue.", 0.1),
        "arrives": _integer("The round the team joins in (default 1: from the start).",
                            minimum=1, maximum=MAX_ROUNDS, default=1),
        "when": waits_for("The team arrives (from its `arrives` round on)"),
    }, ("id", "name", "size"))
    return _mapping("The organisation the player starts with.", {
        "teams": _list("The teams, 1 to 8.", team, 1, maxItems=8),
        "leader_energy": _integer("Energy the leader may spend on actions each round.",
                                  minimum=1, maximum=20, default=5),
        "trust": _share("Starting trust in leadership.", 0.5),
        "process": _share("Starting process maturity.", 0.4),
        "cash": _number("Starting cash.", default=0),
        "vision": {"type": ["string", "null"], "pattern": SLUG_PATTERN, "default": None,
                   "description": "The vision id the organisation starts with, or null."},
    }, ("teams",))


def _budget() -> Schema:
    return _mapping("The money the manager splits each round.", {
        "per_round": {
            "description": "Money available each round: one number, or a list with one "
                           "number per round.",
            "if": {"type": "array"},
            "then": _list("The budget of each round, in order; one per round.",
                          _number("A round's budget.", minimum=0), 1),
            "else": _number("Money available each round.", exclusiveMinimum=0),
        },
        "categories": _list(
            "Budget categories the player may use; must include operations. Default: all.",
            {"enum": list(BUDGET_CATEGORIES), "description": "A budget category."}, 1,
            uniqueItems=True, contains={"const": "operations"},
            default=list(BUDGET_CATEGORIES)),
        "default": _mapping(
            "The split the player starts from, as amounts per category (unlisted: 0); "
            "together at most per_round. Default: an even split.",
            {c: _number(f"Starting amount for {c}.", minimum=0) for c in BUDGET_CATEGORIES}),
    }, ("per_round",))


_EFFECT_WORDS = {
    "cash": "Money in or out (+ or -), once.",
    "budget": "Change to the budget of the next round planned (with `for:`, of several).",
    "size": "People joining (+) or leaving (-) a team; needs `team:`.",
}


def _effect() -> Schema:
    amounts: dict[str, Schema] = {
        key: _number(_EFFECT_WORDS.get(key, f"Change to {key}, in points."),
                     **({} if key in ("cash", "budget") else {"minimum": -100, "maximum": 100}))
        for key in EFFECT_KEYS}
    amounts["size"] = _integer(_EFFECT_WORDS["size"], minimum=-100, maximum=100)
    return _mapping("What the choice changes, in points (-100 to 100). Add `team:` for one "
                    "team, `project:` with `due:`/`scope:` to move a project, `in:` to land "
                    "later and `for:` to last several rounds.", {
        **amounts,
        "team": _slug("The team the effect is on (morale, fatigue, creativity, skill, size)."),
        "project": _slug("The project whose `due` or `scope` moves."),
        "due": _integer("Rounds the project's due round moves (+ later, - sooner).",
                        minimum=-MAX_ROUNDS, maximum=MAX_ROUNDS),
        "scope": _number("Work points added to (or, negative, taken off) the project."),
        "in": _integer("Rounds until the effect lands (0: now).", minimum=0,
                       maximum=MAX_ROUNDS, default=0),
        "for": _integer("Rounds in a row the effect lands in (default 1).", minimum=1,
                        maximum=MAX_ROUNDS, default=1),
        **effect_extras(BUDGET_CATEGORIES, MAX_ROUNDS),
    })


def _events() -> Schema:
    effect = _effect()
    choice = _mapping("One option the player may pick.", {
        "id": _slug("The choice's id, for `after: {choice: ...}`."),
        "label": _text("The button text."),
        "effects": {"description": "What the choice changes: one effect mapping, or a list "
                                   "of them.",
                    "if": {"type": "array"}, "then": _list("The effects.", effect, 1),
                    "else": effect},
        "outcome": _text("Text shown after the choice is made."),
        "set": _mapping("Flags and counters to set: true, false or a number.", {},
                        additionalProperties={"type": ["boolean", "number"],
                                              "description": "The value (true is 1)."},
                        propertyNames={"pattern": SLUG_PATTERN}),
        "add": _mapping("Counters to change by an amount.", {},
                        additionalProperties=_number("The amount to add."),
                        propertyNames={"pattern": SLUG_PATTERN}),
        "require": {"$ref": "#/$defs/condition",
                    "description": "The choice is open only while this holds; otherwise it "
                                   "shows greyed, with `reason`."},
        "reason": _text("Why the choice is closed, shown beside it."),
    }, ("label",))
    event = _mapping("Something that happens to the organisation and asks for a choice.", {
        "id": _slug("The event's id, unique among events."),
        "title": _text("The heading shown; default: made from the id."),
        "text": _text("What happened, as told to the player."),
        "when": {"$ref": "#/$defs/condition", "description": "When the event fires."},
        "after": _after(),
        "once": {"type": "boolean", "default": True,
                 "description": "Fire at most once (true) or every round the condition holds."},
        "choices": _list("The options, at least one.", choice, 1),
    }, ("id", "text", "choices"), anyOf=[{"required": ["when"]}, {"required": ["after"]}])
    return _list("Events that may interrupt a round.", event)


def _content() -> dict[str, Schema]:
    vision = _mapping("A vision the leader may set.", {
        "id": _slug("The vision's id, unique among visions."),
        "title": _text("The vision as the player sees it."),
        "ambition": _share("How ambitious it is: raises the innovation ceiling and the "
                           "delivery risk."),
        "description": _text("A longer explanation."),
        "fits": _mapping(
            "The rounds in which the vision fits the world (both ends included); give "
            "`from`, `until` or both. Outside them clarity fades and people notice. "
            "Default: it fits every round.", {
                "from": _integer("The first round it fits in.", minimum=1,
                                 maximum=MAX_ROUNDS),
                "until": _integer("The last round it fits in.", minimum=1,
                                  maximum=MAX_ROUNDS),
            }, minProperties=1),
    }, ("id", "title", "ambition"))
    project = _mapping("A piece of work teams can be scheduled onto.", {
        "id": _slug("The project's id, unique among projects."),
        "title": _text("The project's name."),
        "kind": {"enum": list(PROJECT_KINDS), "description": "delivery or innovation work."},
        "scope": _number("Work needed to finish it.", exclusiveMinimum=0),
        "due": _integer("The round it is due in (1 to rounds).", minimum=1,
                        maximum=MAX_ROUNDS),
        "value": _number("What shipping it is worth.", minimum=0),
        "description": _text("A longer explanation."),
        "requires": _list("Projects that must ship before work on this one counts.",
                          _slug("A project id."), uniqueItems=True),
        "arrives": _integer("The first round the project can be worked on (default 1).",
                            minimum=1, maximum=MAX_ROUNDS, default=1),
        "central": central(),
        "when": waits_for("Work on the project counts (from its `arrives` round on)"),
    }, ("id", "title", "kind", "scope", "due", "value"))
    lesson = _mapping("A debrief lesson shown when its condition holds at the end.", {
        "when": {"$ref": "#/$defs/condition", "description": "When the lesson applies."},
        "text": _text("The lesson."),
        "priority": _integer("Higher shows first (default 0); ties keep file order.",
                             default=0),
    }, ("when", "text"))
    claim = _mapping("A claim the balance tool checks: `strategy` beats `beats` by `by`.", {
        "strategy": {"enum": list(KNOWN_STRATEGIES), "description": "The winning strategy."},
        "beats": {"enum": list(KNOWN_STRATEGIES), "description": "The strategy it beats."},
        "by": _number("The margin in mean score, as a fraction (0.15 is 15%).", minimum=0),
    }, ("strategy", "beats", "by"))
    weights = _mapping("Weight of each metric in the score; all three, not all zero.", {
        metric: _number(f"Weight of {metric}.", minimum=0) for metric in METRICS},
        tuple(METRICS))
    return {
        "visions": _list("The visions the leader may choose from, at least one.", vision, 1),
        "projects": _list("The work on offer, at least one project.", project, 1),
        "events": _events(),
        "debrief": _list("Lessons for the debrief.", lesson),
        "scoring": _mapping("How the final score is made.", {"weights": weights},
                            ("weights",)),
        "claims": _list("What the scenario claims to teach, checked by the balance tool.",
                        claim),
        "par": {"type": ["number", "null"], "description": "A score to beat (optional)."},
        "expect": expect(),
    }


def _params() -> Schema:
    from game.model.params import DEFAULT_PARAMS  # read when asked: the model fills it in

    return _mapping("Model coefficient overrides.", {
        name: _number(f"Overrides the model coefficient {name} (default {default}).")
        for name, default in DEFAULT_PARAMS.items()})


def scenario_schema() -> Schema:
    """The scenario schema as a JSON-ready dict (draft 2020-12)."""
    properties: dict[str, Schema] = {
        "id": _slug("The scenario's id: its file is scenarios/<id>.yaml."),
        "title": _text("The title shown in the scenario picker."),
        "summary": _text("One or two sentences for the scenario picker."),
        "briefing": _text("Longer text shown before round 1."),
        "difficulty": {"enum": list(DIFFICULTIES), "default": "medium",
                       "description": "How hard it is: " + ", ".join(DIFFICULTIES) + "."},
        "minutes": _integer("Estimated play time in minutes.", minimum=1, default=30),
        "objectives": _list("What the player should aim for: plain text (shown, not scored), "
                            "or a mapping that the game tracks and scores.", _objective()),
        "rounds": _integer(f"Number of rounds, 1 to {MAX_ROUNDS}.", minimum=1,
                           maximum=MAX_ROUNDS),
        "round_label": _text("What a round is called on screen.", default="Round"),
        "organization": _organization(),
        "budget": _budget(),
        **_content(),
        "params": _params(),
        "tutorial": _mapping("Tips shown on screens and controls, by topic.", {
            topic: _text(f"The tip for {topic}.") for topic in TUTORIAL_TOPICS}),
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Sail & Keel scenario",
        "description": "A scenario for Sail & Keel: the organisation, its work, its events "
                       "and what it is meant to teach. See docs/authoring.md.",
        "type": "object",
        "properties": properties,
        "required": ["id", "title", "summary", "rounds", "organization", "budget", "visions",
                     "projects"],
        "additionalProperties": False,
        "$defs": {"condition": _condition()},
    }
