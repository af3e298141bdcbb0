"""A scenario's story expectations (`expect:`) and central projects, judged on a story report.

`story`, `balance` and `validate --strict` all check them the same way: each failure is one
line that starts with the expectation's `file:line:column` (a central project names its id).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from game.scenario.types import Expectation, Scenario

# The story report's name for each expectation's `in:`.
REPORT_NAMES: dict[str, str] = {"best": "best-free"}
# What each expectation state counts among the story's project outcomes.
STATE_OUTCOMES: dict[str, tuple[str, ...]] = {
    "on_time": ("on_time",), "late": ("late",), "shipped": ("on_time", "late"),
    "overdue": ("overdue",), "never_started": ("never_started",), "open": ("open",),
    "abandoned": ("never_started", "overdue"),
}
ABANDONED = STATE_OUTCOMES["abandoned"]
SEARCH_PREFIX = "best-"


def report_name(player: str) -> str:
    return REPORT_NAMES.get(player, player)


def players_needed(scenario: Scenario) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(scripted players, search modes) the scenario's expectations and central projects need."""
    names = [report_name(e.player) for e in scenario.expect]
    if any(p.central for p in scenario.projects):
        names.append("best-free")
    names = list(dict.fromkeys(names))
    modes = tuple(n[len(SEARCH_PREFIX):] for n in names if n.startswith(SEARCH_PREFIX))
    return tuple(n for n in names if not n.startswith(SEARCH_PREFIX)), modes


def _share(count: int, runs: int) -> float:
    return count / runs if runs else 0.0


def _judge(e: Expectation, told: Any, runs: int) -> str:
    """'' when the expectation holds for this player's games, else why not."""
    who = f"of {e.player}'s games" if not e.player.startswith("best") else \
        f"of the {e.player.replace('-', ' ')} game's runs"
    if e.event is not None:
        got = _share(told.events[e.event]["games"], runs)
        if got + 1e-9 >= e.share:
            return ""
        return (f"expected event '{e.event}' to fire in at least {e.share:.0%} {who}; "
                f"it fired in {got:.0%}")
    assert e.project is not None and e.state is not None
    counts = told.projects[e.project]
    got = _share(sum(counts[o] for o in STATE_OUTCOMES[e.state]), runs)
    if got + 1e-9 >= e.share:
        return ""
    ends = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in counts.items()
                     if k != "mean_round_shipped" and v)
    return (f"expected project '{e.project}' to end {e.state.replace('_', ' ')} in at least "
            f"{e.share:.0%} {who}; it did in {got:.0%} ({ends})")


def expectation_failures(scenario: Scenario, players: dict[str, Any], runs: int) -> list[str]:
    """One line per expectation that does not hold (or whose player was not played)."""
    failures = []
    for e in scenario.expect:
        told = players.get(report_name(e.player))
        if told is None:
            failures.append(f"{e.at}: expect: {e.player} was not played, so this expectation "
                            "was not checked")
            continue
        why = _judge(e, told, runs)
        if why:
            failures.append(f"{e.at}: expect: {why}")
    return failures


def central_failures(scenario: Scenario, players: dict[str, Any], runs: int) -> list[str]:
    """One line per central project the best free game abandons in most of its runs."""
    told = players.get("best-free")
    failures = []
    for project in scenario.projects:
        if not project.central or told is None:
            continue
        counts = told.projects[project.id]
        left = sum(counts[o] for o in ABANDONED)
        if left * 2 > runs:
            failures.append(
                f"{scenario.source}: central project '{project.id}': the best game a search "
                f"finds abandons it in {left} of {runs} runs (never started {counts['never_started']}, "
                f"overdue {counts['overdue']}); the story needs it played")
    return failures


def story_failures(scenario: Scenario, players: dict[str, Any], runs: int) -> list[str]:
    return expectation_failures(scenario, players, runs) + central_failures(scenario, players, runs)


STORY_RUNS = 50   # games per player when `balance` and `validate --strict` tell the story


def check_story(scenario: Scenario, runs: int, found: dict[str, Any] | None = None,
                effort: float | None = 1.0) -> list[str]:
    """Play the players the expectations name (`found`: sequences already searched, by mode;
    other modes are searched with `effort`, or left unchecked when it is None) and return
    every failure line. Nothing is played for a scenario without expectations."""
    from game.story.check import story

    scripted, modes = players_needed(scenario)
    if not scripted and not modes:
        return []
    known = dict(found or {})
    if effort is None:
        modes = tuple(m for m in modes if m in known)
        keep = {f"best-{m}" for m in modes} | set(scripted)
        scenario = replace(scenario, expect=tuple(
            e for e in scenario.expect if report_name(e.player) in keep))
    report = story(scenario, runs, scripted, effort, modes,
                   found={m: known[m] for m in modes if m in known})
    return story_failures(scenario, report.players, runs)
