"""Scenario files: find them, read them strictly, check them, and type them.

    from game.scenario import load_scenario, ScenarioError
    scenario = load_scenario("scaling-new-markets")   # an id, or a path to a .yaml file

A bad file raises `ScenarioError`, whose `problems` say `file:line:column: message` for
every problem found at once. The format is documented in docs/authoring.md and its JSON
Schema comes from `game.scenario.schema.scenario_schema()`.
"""

from __future__ import annotations

from game.scenario.loader import (
    DEFAULT_SCENARIO_ID,
    list_scenarios,
    load_scenario,
    load_scenario_text,
    resolve_scenario,
    scenarios_dir,
)
from game.scenario.problems import Problem, ScenarioError

__all__ = [
    "DEFAULT_SCENARIO_ID",
    "Problem",
    "ScenarioError",
    "list_scenarios",
    "load_scenario",
    "load_scenario_text",
    "resolve_scenario",
    "scenarios_dir",
]
