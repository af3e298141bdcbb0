"""Helpers the subcommands share: loading a scenario with a clean error, and JSON output."""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable
from typing import Any

from game.scenario import DEFAULT_SCENARIO_ID, ScenarioError, load_scenario
from game.scenario.types import Scenario


class CommandError(Exception):
    """A reason to stop with a one-line message and exit status 1."""


def add_scenario_argument(parser: argparse.ArgumentParser, optional: bool = True) -> None:
    parser.add_argument(
        "scenario", nargs="?" if optional else None, default=DEFAULT_SCENARIO_ID,
        help=f"a scenario id from scenarios/ or a path to a YAML file (default: {DEFAULT_SCENARIO_ID})",
    )


def load(path_or_id: str) -> Scenario:
    try:
        return load_scenario(path_or_id)
    except ScenarioError as exc:
        raise CommandError(str(exc)) from None


def fail(prog: str, message: str) -> int:
    print(f"{prog}: {message}" if "\n" not in message else message, file=sys.stderr)
    return 1


def finite(data: Any) -> Any:
    """`data` with any NaN or infinity replaced by null, so that it is always valid JSON."""
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {key: finite(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [finite(value) for value in data]
    return data


def print_json(data: Any) -> None:
    """Print `data` as JSON: always valid JSON (never NaN or Infinity)."""
    print(json.dumps(finite(data), indent=2, sort_keys=False, allow_nan=False))


def seed_type(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a seed is a whole number, not {text[:40]!r}") from None
    if not 0 <= value < 2**63:
        shown = str(value) if len(str(value)) <= 25 else "a number that long"
        raise argparse.ArgumentTypeError(f"a seed must be between 0 and 2**63-1, not {shown}")
    return value


def whole_number(what: str, low: int = 1, high: int | None = None, why: str = "") -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high`, with a message that names `what`
    (and says `why` there is an upper bound)."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} is a whole number, not {text[:40]!r}") from None
        if value < low or (high is not None and value > high):
            span = f"from {low} to {high}" if high is not None else f"at least {low}"
            raise argparse.ArgumentTypeError(f"{what} must be {span}{why}, not {value}")
        return value
    return parse


def number(what: str, low: float, high: float) -> Callable[[str], float]:
    """An argparse type: a number from `low` to `high`."""
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} is a number, not {text[:40]!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{what} must be from {low:g} to {high:g}, not {value:g}")
        return value
    return parse
