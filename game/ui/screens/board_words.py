"""The manager board's words: each project's needs against what it gets, the legend, and the
explanations of the budget lines, overtime, reviews and projects. All figures are read from
the model's forecast (game/rules/forecast.py) and the price table (game/rules/prices.py)."""

from __future__ import annotations

from typing import Any

from game.ui.widgets.explain import priced

LEVER = {"reserve": "reserve", "overtime": "overtime", "reviews": "performance reviews"}
WHAT = {
    "operations": "Money for running the work: it sets how much each team gets done.",
    "innovation": "Money for new ideas; innovation projects need ideas to work on.",
    "training": "Money to grow everyone's skill.",
    "hiring": "Money to take on new people.",
    "wellbeing": "Money for rest and support.",
    "reserve": "Money held back for surprises.",
    "overtime": "Extra hours asked of every team this round, 0% to 100%.",
    "reviews": "Performance reviews and process audits this round.",
}


def lever_of(name: str) -> str:
    return LEVER.get(name, f"{name} budget")


def control_words(name: str) -> tuple[str, str]:
    """(title, body) explaining a budget line, overtime or reviews."""
    title = {"overtime": "Overtime", "reviews": "Performance reviews"}.get(
        name, f"{name.capitalize()} budget")
    return title, f"{WHAT.get(name, '')}\n{priced(lever_of(name))}"


def figure(value: float) -> str:
    return f"{value:.0f}" if value >= 1 or value == 0 else f"{value:.1f}"


def needs_gets(seen: Any) -> tuple[str, str]:
    """The two short figures under a project: "needs 12", "gets 4" (work points a round)."""
    return f"needs {figure(seen.needs)}", f"gets {figure(seen.gets)}"


def project_sentence(title: str, seen: Any, period: str) -> str:
    """What a project needs and what the plan as it stands gives it, in a sentence."""
    period = period.lower()
    line = (f"{title} needs about {figure(seen.needs)} work points a {period} to ship by "
            f"{period} {seen.due}; this plan gives it {figure(seen.gets)}.")
    if seen.verdict == "on track":
        return line + " It is on track."
    return line + (" Give it more of a team's capacity, or overtime, to put it on track."
                   if seen.gets < seen.needs else
                   " It gets enough on average, but bad luck would make it late.")


def legend(period: str) -> str:
    return (f"On track: the model plays this plan on 8 times and it ships by its due "
            f"{period.lower()} in 6 or more (at risk: 2 to 5; off track: fewer). Needs, gets: work "
            f"points a {period.lower()} its date needs, and this plan gives it.")
