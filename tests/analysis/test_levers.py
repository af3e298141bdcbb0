"""Which levers a game uses to the full: the 'no lever at its maximum everywhere' check."""

from __future__ import annotations

from dataclasses import replace

from game.analysis.levers import at_maximum
from game.analysis.searched import hands_off
from game.rules.decisions import Inspire
from game.scenario import load_scenario
from game.search.batch import DecisionSequence


def test_hands_off_uses_nothing_to_the_full_and_a_crunch_does() -> None:
    scenario = load_scenario("first-voyage")
    idle = hands_off(scenario)
    assert at_maximum(scenario, idle) == ()
    crunch = DecisionSequence(
        tuple((replace(lead, vision="everywhere", actions=(Inspire("town_hall"),)),
               replace(manage, overtime=1.0, reviews=True)) for lead, manage in idle.rounds),
        idle.answers)
    assert set(at_maximum(scenario, crunch)) == {"overtime", "reviews", "action:town_hall", "vision"}
