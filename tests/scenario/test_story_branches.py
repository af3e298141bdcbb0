"""Branches and timing in a story, played end to end on tests/data/story/branches.yaml: a team
and a project that wait for a flag, a budget cut on one category, people away for a while,
`story --choose` / `--from-round --flags`, and the scenario's `expect:` and `central:`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.analysis.strategies import make_strategy, play
from game.cli import main
from game.rules.decisions import Continue
from game.rules.session import GameSession, Phase
from game.scenario import load_scenario, load_scenario_text
from game.scenario.types import Scenario
from game.story.branch import Branch, BranchSession, choice_index

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "story" / "branches.yaml"
TEXT = FIXTURE.read_text(encoding="utf-8")


def _branch(scenario: Scenario, **answers: str) -> Branch:
    return Branch(tuple((event, choice_index(scenario, event, choice))
                        for event, choice in answers.items()))


def _counts_by_round(session: GameSession, team: str) -> dict[int, int]:
    """The team's headcount at the start of each round (its leader phase)."""
    strategy = make_strategy("balanced", 3)
    seen: dict[int, int] = {}
    while not session.over:
        if session.phase is Phase.LEADER and session.round not in seen:
            seen[session.round] = next(t.headcount for t in session.teams if t.id == team)
        for decision in strategy.decide(session):
            session.apply(decision)
    return seen


def test_a_team_waiting_for_a_flag_arrives_only_when_it_is_set() -> None:
    scenario = load_scenario(FIXTURE)
    hired = _counts_by_round(BranchSession(scenario, 3, _branch(scenario, contractors="hire")),
                             "contractors")
    declined = _counts_by_round(BranchSession(scenario, 3, _branch(scenario,
                                                                   contractors="decline")),
                                "contractors")
    assert hired[1] == 0 and hired[2] == 4
    assert set(declined.values()) == {0}


def test_a_project_waiting_for_a_flag_takes_no_work_until_it_is_set() -> None:
    scenario = load_scenario(FIXTURE)
    ends = {}
    for answer in ("approve", "wait"):
        session = play(BranchSession(scenario, 2, _branch(scenario, board=answer)),
                       make_strategy("balanced", 2))
        ends[answer] = next(p for p in session.result().history[-1].projects
                            if p.id == "expansion")
    assert ends["approve"].progress > 0
    assert ends["wait"].progress == 0 and ends["wait"].state == "missed"


def test_people_away_leave_for_their_rounds_and_come_back_with_their_skill() -> None:
    scenario = load_scenario(FIXTURE)
    session = BranchSession(scenario, 5, _branch(scenario, secondment="lend", savings="training"))
    strategy = make_strategy("balanced", 5)
    heads: dict[tuple[int, str], tuple[int, float]] = {}
    while not session.over:
        core = next(t for t in session.teams if t.id == "core")
        heads[(session.round, session.phase.value)] = (core.headcount, core.skill)
        if session.phase is Phase.REPORT and session.round == 4:
            left_with = float(session._away[0].values["skill"][0, 0])   # as they left
            session.apply(Continue())   # the secondment ends as round 5 begins
            back = next(t for t in session.teams if t.id == "core")
            count, skill = heads[(4, Phase.REPORT.value)]
            assert back.headcount == count + 2   # nobody was hired into their places
            returning = (back.skill * back.headcount - skill * count) / 2
            assert returning == pytest.approx(left_with, abs=1e-9)
            assert returning < skill   # away, they missed the team's training
            continue
        for decision in strategy.decide(session):
            session.apply(decision)
    assert heads[(3, Phase.LEADER.value)][0] == heads[(2, Phase.EVENT.value)][0] - 2


def test_a_cut_on_one_budget_line_weighs_on_what_that_line_buys() -> None:
    skills = {}
    for cut in ("-30", "-100"):
        scenario = load_scenario_text(TEXT.replace("budget: -30, category: training",
                                                   f"budget: {cut}, category: training"),
                                      str(FIXTURE))
        session = play(BranchSession(scenario, 1, _branch(scenario, savings="training")),
                       make_strategy("balanced", 1))
        skills[cut] = session.result().history[-1].gauges["skill"]
    assert skills["-100"] < skills["-30"]


def test_story_jumps_to_a_branch(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["story", str(FIXTURE), "--runs", "3", "--json", "--choose", "contractors=decline",
                 "--choose", "savings=2", "--from-round", "3", "--flags", "hired-contractors"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["expect_failures"] == []
    assert report["branch"] == {"choose": {"contractors": "decline", "savings": "everything"},
                                "flags": ["hired-contractors"], "from_round": 3}
    for told in report["players"].values():
        assert told["events"]["contractors"]["answers"] == {"Bring them in": 0,
                                                            "Manage with our own people": 3}
        assert told["events"]["savings"]["answers"]["Trim everything a little"] == 3
        assert told["flags"]["hired-contractors"] == 3   # set from round 3 by the branch


@pytest.mark.parametrize("args, words", [
    (["--choose", "contractors=maybe"], "event 'contractors' has no choice 'maybe'"),
    (["--choose", "nobody=1"], "no event 'nobody'"),
    (["--choose", "contractors"], "expected EVENT=CHOICE"),
    (["--from-round", "9"], "has rounds 1 to 6"),
    (["--flags", "aproved"], "no flag 'aproved' in branches (its flags: approved, hired-contractors)"),
])
def test_a_branch_that_is_not_there_is_refused_in_one_line(
        args: list[str], words: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["story", str(FIXTURE), "--runs", "1", *args]) != 0
    err = capsys.readouterr().err.strip()
    assert words in err and "\n" not in err and "Traceback" not in err


FAILING = TEXT.replace("  - {event: savings, fires: 1, in: balanced}",
                       "  - {event: savings, fires: 1, in: balanced}\n"
                       "  - {project: expansion, state: never_started, in: manager-only}")


def _failing_file(tmp_path: Path) -> tuple[Path, int]:
    path = tmp_path / "branches.yaml"
    path.write_text(FAILING, encoding="utf-8")
    line = FAILING.splitlines().index(
        "  - {project: expansion, state: never_started, in: manager-only}") + 1
    return path, line


def test_a_failed_expectation_names_its_line_in_story_and_validate(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, line = _failing_file(tmp_path)
    assert main(["story", str(path), "--runs", "4"]) == 1
    out = capsys.readouterr().out
    assert f"{path}:{line}:5: expect: expected project 'expansion' to end never started" in out
    assert main(["validate", str(path)]) == 0          # only --strict plays the games
    capsys.readouterr()
    assert main(["validate", "--strict", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:{line}:5: expect:" in out and "manager-only's games" in out


def test_balance_fails_on_an_expectation_and_on_an_abandoned_central_project(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, line = _failing_file(tmp_path)
    assert main(["balance", str(path), "--runs", "4", "--search-effort", "0.1", "--jobs", "1"]) == 1
    assert f"{path}:{line}:5: expect:" in capsys.readouterr().out
    huge = TEXT.replace("scope: 24, due: 5, value: 30", "scope: 900, due: 5, value: 0")
    path.write_text(huge, encoding="utf-8")
    assert main(["story", str(path), "--runs", "4"]) == 1
    assert "central project 'launch': the best game a search finds abandons it" in \
        capsys.readouterr().out


@pytest.mark.parametrize("snippet, words", [
    ("{budget: -30, category: training, in: 1, for: 3}",
     "{budget: -30, category: training, team: core}"),
    ("{budget: -30, category: training, in: 1, for: 3}", "{category: training}"),
    ("[{away: {team: core, people: 2, rounds: 2}}, {trust: 3}]",
     "{away: {team: cor, people: 2, rounds: 2}}"),
    ("[{away: {team: core, people: 2, rounds: 2}}, {trust: 3}]",
     "{away: {team: core, people: 2, rounds: 2}, trust: 3}"),
    ("when: {flag: approved}", "when: {flag: approved, round: 2}"),
])
def test_the_new_keys_are_checked_with_a_location(snippet: str, words: str) -> None:
    from game.scenario import ScenarioError

    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(TEXT.replace(snippet, words), "branches.yaml")
    assert all(p.line > 1 for p in caught.value.problems)


def test_a_team_that_waits_for_a_flag_shows_as_not_here_until_it_joins() -> None:
    scenario = load_scenario(FIXTURE)
    for answer, waits in (("decline", "hired-contractors"), ("hire", "")):
        session = BranchSession(scenario, 4, _branch(scenario, contractors=answer))
        strategy = make_strategy("balanced", 4)
        while session.round < 3:
            for decision in strategy.decide(session):
                session.apply(decision)
        team = next(t for t in session.teams if t.id == "contractors")
        assert team.waits_for == waits and team.absent(3) == bool(waits)


def test_an_event_says_which_budget_line_it_cuts_and_who_goes_away() -> None:
    from game.rules.events import touched

    scenario = load_scenario(FIXTURE)
    words = {c.id: touched(c, scenario) for e in scenario.events for c in e.choices}
    assert words["training"] == "training budget − in 1 round for 3 rounds"
    assert words["everything"] == "budget − in 1 round for 3 rounds"
    assert words["lend"] == "trust +; 2 of Core team away for 2 rounds"


def test_an_event_says_in_plain_words_what_it_does_to_a_project() -> None:
    from game.rules.events import touched

    scenario = load_scenario("hard-deadline")
    silence = next(c for e in scenario.events if e.id == "press-leak" for c in e.choices
                   if c.label.startswith("No comment"))
    assert touched(silence, scenario) == "trust −, delivery +; Tell and look after customers: more work"
    ward = load_scenario("the-ward-merger")
    moved = [touched(c, ward) for e in ward.events for c in e.choices if "move the go-live" in c.label]
    assert moved == ["The shared record goes live: due later, trust −"]
