"""The loader: good files become typed Scenarios; bad files give located problems."""

from __future__ import annotations

from pathlib import Path

import pytest

import game.scenario.loader as loader
from game.scenario import (
    DEFAULT_SCENARIO_ID,
    Problem,
    ScenarioError,
    list_scenarios,
    load_scenario,
    load_scenario_text,
    resolve_scenario,
    scenarios_dir,
)
from game.scenario.types import (
    AllOf,
    AnyOf,
    GaugeCompare,
    Not,
    ProfileCompare,
    ProjectState,
    RoundAtLeast,
    RoundIs,
    VisionIs,
)

DATA = Path(__file__).resolve().parent.parent / "data"
GOOD, BAD = DATA / "good", DATA / "bad"

# fixture file -> (line, column, words the message must contain); 0:0 means the whole file
EXPECTED: dict[str, tuple[int, int, str]] = {
    "bad-indentation.yaml": (10, 6, "invalid YAML"),
    "wrong-type.yaml": (5, 9, "rounds: expected a whole number, found text 'four'"),
    "misspelt-key.yaml": (6, 1, "unknown key 'objectves' (did you mean 'objectives'?)"),
    "dangling-reference.yaml": (9, 11, "unknown vision 'stedy' (did you mean 'steady'?)"),
    "python-tag.yaml": (6, 6, "YAML tag '!!python/object/apply:os.system' is not allowed"),
    "alias-bomb.yaml": (2, 4, "anchors (&a) and aliases are not allowed"),
    "binary-junk.yaml": (1, 1, "expected UTF-8 text, found byte 0x89"),
    "empty.yaml": (1, 1, "the file is empty"),
    "top-level-list.yaml": (2, 1, "expected a mapping of scenario keys"),
    "duplicate-keys.yaml": (6, 1, "duplicate key 'rounds' (first written at line 5)"),
    "no-boolean.yaml": (3, 8, "title: expected text, found boolean 'no' — quote it"),
    "three-errors.yaml": (6, 13, "difficulty: expected one of tutorial, easy, medium, hard"),
}


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    return caught.value.problems


def test_every_bad_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_fixture_is_reported_at_its_place(name: str) -> None:
    line, column, words = EXPECTED[name]
    problems = problems_of(BAD / name)
    first = problems[0]
    assert (first.file, first.line, first.column) == (str(BAD / name), line, column)
    assert words in first.message
    assert str(first) == f"{BAD / name}:{line}:{column}: {first.message}"
    assert "\n" not in first.message and "Traceback" not in first.message


def test_three_errors_are_all_reported() -> None:
    problems = problems_of(BAD / "three-errors.yaml")
    assert [(p.line, p.column) for p in problems] == [(6, 13), (9, 36), (14, 38)]
    assert "size: expected a number at least 1, found number 0" in problems[1].message
    assert "(did you mean 'delivery'?)" in problems[2].message


def test_scenario_error_str_is_every_problem_line() -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(BAD / "three-errors.yaml")
    assert str(caught.value).splitlines() == [str(p) for p in caught.value.problems]


def test_full_example_becomes_typed_values() -> None:
    s = load_scenario(GOOD / "full-example.yaml")
    assert (s.id, s.rounds, s.round_label, s.minutes, s.par) == ("full-example", 8, "Quarter",
                                                                 30, 62.5)
    assert s.source == str(GOOD / "full-example.yaml")
    assert s.team("platform").skill == 0.6 and s.team("sales").skill == 0.5  # default
    assert s.organization.vision is None
    assert s.budget.default == (("operations", 40.0), ("innovation", 20.0))
    assert s.budget.default_split()["training"] == 0.0
    assert s.project("emea").due == 4 and s.project("labs").kind == "innovation"
    assert (s.vision("home").fits_from, s.vision("home").fits_until) == (2, 6)
    assert (s.vision("global").fits_from, s.vision("global").fits_until) == (1, None)
    churn, rival = s.events
    assert churn.title == "Key client churn" and churn.once is True
    assert churn.when == AllOf((RoundAtLeast(3), GaugeCompare("delivery", below=50.0)))
    assert churn.choices[0].effects == (("delivery", 5.0), ("morale", -4.0))
    assert rival.when == AnyOf((RoundIs(5), Not(VisionIs("global")))) and rival.once is False
    assert [lesson.when for lesson in s.debrief] == [
        GaugeCompare("innovation", below=40.0),
        ProjectState("emea", "overdue"),
        ProfileCompare(leader_share_below=0.35),
        VisionIs(None),
    ]
    assert s.claims[0].by == 0.15 and s.params == (("work_per_person", 1.2),)
    assert s.tutorial[0] == ("budget", "Drag to split the money.")
    assert isinstance(s.visions, tuple) and isinstance(s.objectives, tuple)


def test_minimal_scenario_gets_the_defaults(minimal_text: str) -> None:
    s = load_scenario_text(minimal_text, "<minimal>")
    assert (s.difficulty, s.minutes, s.round_label, s.events, s.par) == ("medium", 30, "Round",
                                                                         (), None)
    assert s.budget.categories[0] == "operations" and len(s.budget.categories) == 6
    assert s.source == "<minimal>"


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (("due: 4", "due: 5"), "due round 5 is after the last round (rounds: 4)"),
        (("size: 5}", "size: 5}\n    - {id: core, name: Again, size: 1}"),
         "duplicate team id 'core'"),
        (("rounds: 4", "rounds: 4\nevents:\n  - {id: e, text: T, when: {project: shp, "
                       "state: open}, choices: [{label: L}]}"), "unknown project 'shp'"),
        (("rounds: 4", "rounds: 4\nevents:\n  - {id: e, text: T, when: {all: [{round: 2}, "
                       "{metric: morale}]}, choices: [{label: L}]}"), "'below', 'above' or both"),
        (("rounds: 4", "rounds: 4\nevents:\n  - {id: e, text: T, when: {vision: steady, round:"
                       " 2}, choices: [{label: L}]}"), "exactly one condition shape"),
        (("rounds: 4", "rounds: 4\nevents:\n  - {id: e, text: T, when: {rund: 2}, choices: "
                       "[{label: L}]}"), "(did you mean 'round'?)"),
        (("rounds: 4", "rounds: 4\nevents:\n  - {id: e, text: T, when: {round: 2}, once: off,"
                       " choices: [{label: L}]}"), "found 'off' (a YAML 1.1 spelling)"),
        (("rounds: 4", "rounds: 4\nparams: {work_per_persn: 2}"),
         "unknown key 'work_per_persn' (did you mean 'work_per_person'?)"),
        (("rounds: 4", "rounds: 4\nclaims: [{strategy: balanced, beats: balanced, by: 0.1}]"),
         "cannot beat itself"),
        (("rounds: 4", "rounds: 4\nclaims: [{strategy: balance, beats: random, by: 0.1}]"),
         "(did you mean 'balanced'?)"),
        (("per_round: 100}", "per_round: 100, default: {operations: 80, hiring: 30}}"),
         "adding up to at most per_round (100), found a total of 110"),
        (("per_round: 100}", "per_round: 100, categories: [innovation]}"),
         "a list that includes 'operations'"),
        (("rounds: 4", "rounds: 4\nscoring: {weights: {morale: 0, innovation: 0, delivery: 0}}"),
         "at least one weight above 0"),
        (("rounds: 4", "rounds: 4\ntutorial: {budgt: Tip}"), "(did you mean 'budget'?)"),
        (("id: minimal", "id: Minimal Scenario"), "expected an id of lowercase letters"),
        (("rounds: 4", "rounds: 4\npar: .nan"), "expected a finite number"),
        (("rounds: 4", "rounds: 4\n---\nid: second"), "only one YAML document"),
        (("ambition: 0.3", "ambition: 1.5"), "expected a number at most 1, found number 1.5"),
        (("ambition: 0.3", "ambition: 0.3, fits: {}"), "expected 'from', 'until' or both"),
        (("ambition: 0.3", "ambition: 0.3, fits: {form: 2}"), "(did you mean 'from'?)"),
        (("ambition: 0.3", "ambition: 0.3, fits: {until: 6}"),
         "round 6 is after the last round (rounds: 4)"),
        (("ambition: 0.3", "ambition: 0.3, fits: {from: 3, until: 2}"),
         "expected a round at or after 'from' (3), found 2"),
        (("ambition: 0.3", "ambition: 0.3, fits: {from: 0}"), "at least 1"),
    ],
)
def test_each_check_says_what_is_wrong(minimal_text: str, change: tuple[str, str],
                                       words: str) -> None:
    assert change[0] in minimal_text
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(minimal_text.replace(change[0], change[1], 1), "s.yaml")
    assert any(words in p.message for p in caught.value.problems), str(caught.value)
    assert all(p.line >= 1 and p.column >= 1 for p in caught.value.problems)


def test_over_one_mebibyte_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("w", encoding="utf-8") as handle:
        handle.write("id: big\nnotes:\n")
        line = "  - " + "x" * 95 + "\n"
        handle.write(line * (5 * 1024 * 1024 // len(line)))
    assert big.stat().st_size > 5_000_000
    problems = problems_of(big)
    assert len(problems) == 1
    assert str(problems[0]) == f"{big}: the file is 5.0 MiB; scenario files may be at most 1 MiB"


def test_missing_file_and_directory_are_one_line(tmp_path: Path) -> None:
    assert str(problems_of(tmp_path / "nope.yaml")[0]) == f"{tmp_path / 'nope.yaml'}: no such file"
    assert "is a directory" in str(problems_of(tmp_path)[0])


def test_ids_resolve_in_the_scenarios_folder(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "minimal.yaml").write_bytes((GOOD / "minimal.yaml").read_bytes())
    (tmp_path / "notes.txt").write_text("not a scenario")
    monkeypatch.setattr(loader, "scenarios_dir", lambda: tmp_path)
    assert list_scenarios() == [tmp_path / "minimal.yaml"]
    assert resolve_scenario("minimal") == tmp_path / "minimal.yaml"
    assert load_scenario("minimal").id == "minimal"
    with pytest.raises(ScenarioError) as caught:
        resolve_scenario("maximal")
    assert str(caught.value) == "maximal: no such scenario file or id (available: minimal)"


def test_paths_and_folders() -> None:
    assert scenarios_dir().name == "scenarios"
    assert (scenarios_dir().parent / "game" / "__init__.py").is_file()
    assert list_scenarios(GOOD) == [GOOD / "full-example.yaml", GOOD / "minimal.yaml"]
    assert resolve_scenario("some/where.yaml") == Path("some/where.yaml")
    assert DEFAULT_SCENARIO_ID == "scaling-new-markets"


def test_vision_fits_round_trips(minimal_text: str) -> None:
    s = load_scenario_text(minimal_text, "s.yaml")
    assert (s.visions[0].fits_from, s.visions[0].fits_until) == (1, None)
    assert all(s.visions[0].fits(r) for r in range(1, 5))
    for fits, rounds in (("{from: 3}", [3, 4]), ("{until: 2}", [1, 2]),
                         ("{from: 2, until: 3}", [2, 3]), ("{from: 2, until: 2}", [2])):
        text = minimal_text.replace("ambition: 0.3", f"ambition: 0.3, fits: {fits}")
        vision = load_scenario_text(text, "s.yaml").visions[0]
        assert [r for r in range(1, 5) if vision.fits(r)] == rounds, fits


def test_a_bad_fits_is_located(minimal_text: str) -> None:
    text = minimal_text.replace("ambition: 0.3", "ambition: 0.3, fits: {from: 3, until: 2}")
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "s.yaml")
    (problem,) = caught.value.problems
    line = text.splitlines()[problem.line - 1]
    assert problem.message.startswith("visions[0].fits.until: ")
    assert line[problem.column - 1:].startswith("2}")
