"""What an author sees (issue 17): negative scope in effects, a comma in {...} text, a due date
moved past the end, `story` counting games and showing lessons whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.rules.decisions import ChooseOption, Continue, EndPhase, Schedule
from game.rules.plans import naive_schedule
from game.rules.records import Phase
from game.rules.session import GameSession
from game.scenario import ScenarioError, load_scenario, load_scenario_text

DATA = Path(__file__).resolve().parent.parent / "data"
SCOPE_CUT = DATA / "story" / "scope-cut.yaml"
MINIMAL = (DATA / "good" / "minimal.yaml").read_text(encoding="utf-8")


def answering(scenario_path: Path, choice: int) -> GameSession:
    """A game that spreads every team over every project (so each gets some work) and
    otherwise only answers every event with `choice`."""
    session = GameSession(load_scenario(scenario_path), 1)
    while not session.over:
        if session.phase is Phase.MANAGER:
            session.apply(Schedule(naive_schedule(session.scenario)))
        if session.phase is Phase.EVENT:
            pending = session.pending_event
            assert pending is not None
            event = next(e for e in session.scenario.events if e.id == pending.event_id)
            session.apply(ChooseOption(min(choice, len(event.choices) - 1)))
        elif session.phase is Phase.REPORT:
            session.apply(Continue())
        else:
            session.apply(EndPhase())
    return session


def test_negative_scope_in_an_effect_validates_and_takes_work_off() -> None:
    trimmed, kept = answering(SCOPE_CUT, 0), answering(SCOPE_CUT, 1)
    site = {s.id: s for s in trimmed.history[0].projects}["site"]
    same = {s.id: s for s in kept.history[0].projects}["site"]
    assert site.progress > same.progress     # the same work done is a larger share of less
    dropped = answering(SCOPE_CUT, 2)        # -100 000: the scope stays at least 1
    app = {s.id: s for s in dropped.history[-1].projects}["app"]
    assert app.progress == 1.0


def test_negative_scope_is_still_bounded() -> None:
    text = MINIMAL + """events:
  - id: cut
    when: {round: 1}
    text: Cut.
    choices:
      - {label: Cut, effects: {project: ship, scope: -200000}}
"""
    with pytest.raises(ScenarioError, match="scope: must be between -100000 and 100000, not "
                                            "-200000"):
        load_scenario_text(text, "mine.yaml")


def test_a_comma_inside_flow_text_names_the_fix(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "minimal.yaml"
    path.write_text(MINIMAL.replace("value: 10}", "value: 10, description: Big, and it cannot "
                                                  "start late}"), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert out == [f"{path}:13:96: 'and it cannot start late' reads as a key: inside {{...}} the "
                   "',' before it ends the text of 'description'; quote the text: description: "
                   '"Big, and it cannot start late"']


def test_story_counts_games_beside_firings(capsys: pytest.CaptureFixture[str]) -> None:
    fixture = str(DATA / "story" / "follow-ups.yaml")
    assert main(["story", fixture, "--runs", "4", "--json"]) == 0
    praise = json.loads(capsys.readouterr().out)["players"]["leader-only"]["events"]["praise"]
    assert praise["games"] == 4 and praise["fired"] > 4   # a repeating event: several a game
    assert main(["story", fixture, "--runs", "4"]) == 0
    shown = capsys.readouterr().out
    assert f"  praise: fired in 4/4 games ({praise['fired']} times)" in shown


def test_story_shows_a_lesson_of_140_characters_whole(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    lesson = ("Shipping on time is a habit: " + "plan the work, protect the people, " * 4)[:140]
    path = tmp_path / "minimal.yaml"
    path.write_text(MINIMAL + f"debrief:\n  - {{when: {{round: 1}}, text: '{lesson}'}}\n"
                    "  - {when: {round: 1}, text: '" + "x" * 150 + "'}\n", encoding="utf-8")
    assert main(["story", str(path), "--runs", "1"]) == 0
    out = capsys.readouterr().out
    assert f"  0/1  {lesson}\n" in out and "x" * 139 + "…\n" in out
