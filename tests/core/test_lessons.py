"""Two lessons that contradict each other never show together."""

from __future__ import annotations

from game.rules.lessons import shown
from game.scenario.types import AllOf, GaugeCompare, Lesson, ProfileCompare, ProjectState, RoundAtLeast

DRIED = Lesson(GaugeCompare("innovation", below=60), "Ideas dried up.")
FLOWED = Lesson(GaugeCompare("innovation", above=40), "Ideas flowed.")
TIRED = Lesson(GaugeCompare("fatigue", above=50), "People are tired.")
LAUNCHED = Lesson(ProjectState("emea", "shipped"), "Europe launched.")
SLIPPED = Lesson(AllOf((ProjectState("emea", "missed"), RoundAtLeast(2))), "Europe slipped.")
LEADER = Lesson(ProfileCompare(leader_share_above=0.3), "You led.")
MANAGER = Lesson(ProfileCompare(leader_share_below=0.7), "You managed.")


def everything_holds(_: object) -> bool:
    return True


def test_opposite_readings_of_one_gauge_show_only_the_first() -> None:
    assert shown([DRIED, FLOWED, TIRED], everything_holds) == ["Ideas dried up.", "People are tired."]
    assert shown([FLOWED, DRIED], everything_holds) == ["Ideas flowed."]


def test_one_project_in_two_states_shows_once() -> None:
    assert shown([LAUNCHED, SLIPPED], everything_holds) == ["Europe launched."]


def test_two_profile_readings_show_once() -> None:
    assert shown([LEADER, MANAGER, TIRED], everything_holds) == ["You led.", "People are tired."]


def test_lessons_that_do_not_hold_are_not_shown_and_block_nothing() -> None:
    assert shown([DRIED, FLOWED], lambda when: when is FLOWED.when) == ["Ideas flowed."]


def test_the_same_side_twice_is_no_contradiction() -> None:
    low = Lesson(GaugeCompare("innovation", below=30), "Innovation collapsed.")
    assert shown([DRIED, low], everything_holds) == ["Ideas dried up.", "Innovation collapsed."]
