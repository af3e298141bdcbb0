"""Lint: each rule has a fixture in tests/data/lint/ that trips it, at the offending node."""

from pathlib import Path

import pytest

from game.cli import main
from game.scenario import load_scenario
from game.scenario.lint import lint
from game.scenario.reach import Reach
from game.scenario.types import AllOf, AnyOf, GaugeCompare, Not, ProjectState, RoundAtLeast, RoundIs

LINT = Path(__file__).resolve().parent.parent / "data" / "lint"

# fixture -> (line, column, words the warning must contain)
EXPECTED = {
    "event-gauge-out-of-range": (24, 11, "events[0].when: this event can never fire: fatigue runs from 0"),
    "event-contradictory-all": (24, 17, "events[0].when.all: this event can never fire: its conditions"),
    "event-impossible-any": (24, 17, "events[0].when.any: this event can never fire: none of its conditions"),
    "lesson-round-before-end": (29, 12, "debrief[0].when: this lesson can never be shown"),
    "lesson-contradictory-states": (29, 18, "debrief[0].when.all: this lesson can never be shown"),
    "project-too-big": (18, 55, "projects[0].scope: no team can finish 'ship' in time"),
    "projects-due-together": (18, 64, "projects[0].due: the delivery projects due by round 4 need 42"),
    "budget-no-innovation": (12, 15, "budget.categories: there are innovation projects but no `innovation`"),
    "budget-hiring-below-one-hire": (13, 67, "budget.default.hiring: 5 does not pay for one person"),
    "budget-default-unspent": (13, 12, "budget.default: the default split spends 60 of 100"),
    "vision-duplicate-title": (16, 23, "visions[1].title: the same title as vision 'steady'"),
    "vision-same-ambition": (16, 45, "visions[1].ambition: plays exactly like vision 'steady'"),
    "vision-no-fit-round": (15, 66, "visions[0].fits: no vision fits the world in round 4"),
    "event-duplicate-choice": (27, 17, "events[0].choices[1].label: two choices have this label"),
    "tutorial-without-tips": (5, 13, "difficulty: a tutorial scenario has no `tutorial:` tips"),
    "effect-share": (27, 44, "effects.morale: 0.04 looks like a share; effects are points on "
                             "the 0 to 100 scale (did you mean 4?)"),
    "flag-never-read": (27, 61, "set.tired: flag 'tired' is set but never read"),
    "lesson-old-state": (29, 35, "'shipped' is an old name that overlaps others"),
    "effect-lands-late": (27, 52, "effects[0].in: lands after the last round (6): even if the "
                                  "event fires in round 3, rounds 7 to 8 never come"),
    "effect-moves-due-past-the-end": (27, 57, "effects[0].due: moves 'ship' from round 4 to "
                                              "round 7, after the last round (6): it would never "
                                              "be judged on time or late"),
    "budget-lands-late": (27, 45, "effects[0].budget: changes the money of rounds after the last "
                                  "round (6): even if the event fires in round 6, round 7 never "
                                  "comes"),
    "id-not-file-name": (2, 5, "the id 'not-my-name' differs from the file name"),
    "choice-deep-debt": (27, 35, "effects: costs 80 cash against a starting balance of 0: the "
                                 "debt of 80 is more than a round repays (50"),
}
# Fixtures that trip a rule together with the rules it implies: (line, column, words) each.
TOGETHER = {
    "flag-never-set": [(29, 12, "this lesson can never be shown (the debrief is judged after "
                                "the last round, 6): flag 'tired' is never set"),
                       (29, 19, "flag 'tired' is read but never set")],
    "lesson-states-overlap": [(22, 35, "'shipped' is an old name"), (23, 35, "'missed' is an "
                              "old name"),
                              (23, 12, "debrief[1].when: this lesson and lesson 1 can show "
                                      "together: a project 'ship' that is shipped late is both")],
}


def test_every_fixture_is_listed() -> None:
    assert {p.stem for p in LINT.glob("*.yaml")} == {*EXPECTED, *TOGETHER, "clean"}


@pytest.mark.parametrize("name", sorted(TOGETHER))
def test_rules_that_trip_together(name: str) -> None:
    warnings = lint(load_scenario(LINT / f"{name}.yaml"))
    found = [(w.line, w.column) for w in warnings]
    for line, column, words in TOGETHER[name]:
        assert any(words in w.message for w in warnings), (words, warnings)
        assert any((w.line, w.column) == (line, column) and words in w.message
                   for w in warnings), (found, words)
    assert len(warnings) == len(TOGETHER[name])


def test_a_follow_up_of_an_event_that_never_fires_never_fires() -> None:
    text = (LINT / "clean.yaml").read_text(encoding="utf-8").replace(
        "when: {metric: fatigue, above: 40}", "when: {all: [{round: 2}, {round: 3}]}").replace(
        "debrief:", """  - id: aftermath
    text: Later.
    after: {event: crunch}
    choices: [{label: Fine}]
debrief:""")
    from game.scenario.loader import load_scenario_text
    from game.scenario.yamltree import parse_tree

    scenario = load_scenario_text(text, "clean.yaml")
    tree, _ = parse_tree(text, "clean.yaml")
    messages = [w.message for w in lint(scenario, tree)]
    assert any("events[1].when: this event can never fire: it follows event 'crunch'" in m
               for m in messages), messages


def test_the_clean_base_has_no_warnings() -> None:
    assert lint(load_scenario(LINT / "clean.yaml")) == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_rule_trips_once_at_its_node(name: str) -> None:
    line, column, words = EXPECTED[name]
    warnings = lint(load_scenario(LINT / f"{name}.yaml"))
    assert len(warnings) == 1, warnings
    (warning,) = warnings
    assert (warning.line, warning.column) == (line, column)
    assert warning.message.startswith("warning: ") and words in warning.message


def test_validate_prints_warnings_and_strict_fails_on_them(capsys: pytest.CaptureFixture[str]) -> None:
    path = LINT / "project-too-big.yaml"
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("ok  ") and out[1].startswith(f"{path}:18:55: warning: projects[0].scope")
    assert main(["validate", "--strict", str(path)]) == 1
    assert capsys.readouterr().out.startswith(f"{path}:18:55: warning: ")
    assert main(["validate", "--strict", str(LINT / "clean.yaml")]) == 0


def test_reach_solves_conditions() -> None:
    reach = Reach(1, 6, ["a", "b"])
    assert reach.possible(AllOf((RoundAtLeast(3), RoundIs(5))))
    assert not reach.possible(AllOf((RoundAtLeast(6), Not(RoundAtLeast(6)))))
    assert not reach.possible(AllOf((GaugeCompare("morale", above=60), GaugeCompare("morale", below=60))))
    assert reach.possible(AllOf((GaugeCompare("morale", above=60), GaugeCompare("trust", below=10))))
    assert not reach.possible(GaugeCompare("fatigue", below=0))
    assert reach.possible(Not(GaugeCompare("fatigue", below=0)))
    assert not reach.possible(Not(AnyOf((RoundAtLeast(1), RoundIs(2)))))
    assert not reach.possible(AllOf((ProjectState("p", "shipped"), Not(ProjectState("p", "shipped")))))
    assert reach.possible(AllOf((ProjectState("p", "missed"), ProjectState("p", "shipped"))))  # shipped late
    assert not Reach(6, 6, []).possible(RoundIs(3))


def test_the_same_ambition_fitting_other_rounds_is_a_different_choice() -> None:
    text = (LINT / "vision-same-ambition.yaml").read_text(encoding="utf-8").replace(
        "ambition: 0.3}\n  - {id: bold, title: Bold moves, ambition: 0.3}",
        "ambition: 0.3, fits: {until: 3}}\n  - {id: bold, title: Bold moves, ambition: 0.3}")
    assert "fits: {until: 3}" in text
    from game.scenario import load_scenario_text

    assert lint(load_scenario_text(text, "s.yaml")) == []
