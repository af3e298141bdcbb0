"""The hook for `validate --strict`: advice about a scenario that loads fine.

`lint(scenario)` returns warnings as `Problem`s (a scenario that will play but probably
not as its author meant). No rules are written yet: this module is where they go, and
`validate --strict` already calls it and fails when it returns anything.
"""

from __future__ import annotations

from game.scenario.problems import Problem
from game.scenario.types import Scenario


def lint(scenario: Scenario) -> list[Problem]:
    """Warnings about a loaded scenario; empty until lint rules are added."""
    del scenario  # no rules yet
    return []
