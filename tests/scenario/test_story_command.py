"""The story check on the fixture: it counts what the players did, and says bad input plainly."""

from __future__ import annotations

from pathlib import Path

from game.cli import main
from game.scenario import load_scenario
from game.story import story

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "story" / "ward-merge.yaml"


def test_story_counts_events_projects_lessons_and_flags() -> None:
    report = story(load_scenario(FIXTURE), 4, ("balanced", "random")).as_dict()
    assert "scripted players only" in report["note"]
    for name in ("balanced", "random"):
        told = report["players"][name]
        vendor = told["events"]["vendor"]
        assert vendor["fired"] == 4 and sum(vendor["answers"].values()) == 4
        slips = told["events"]["vendor-slips"]["fired"]
        assert slips == vendor["answers"]["Take the cheap contract"]  # the follow-up follows
        assert told["flags"]["cheap-vendor"] == vendor["answers"]["Take the cheap contract"]
        for counts in told["projects"].values():
            assert sum(v for k, v in counts.items() if k != "mean_round_shipped") == 4
        records = told["projects"]["records"]
        assert told["lessons"]["The records went live on time."] == records["on_time"]
        assert told["lessons"]["The go-live slipped."] == records["late"]


def test_story_refuses_bad_runs_and_unknown_scenarios(capsys) -> None:
    assert main(["story", "no-such-scenario"]) == 1
    assert "no such scenario" in capsys.readouterr().err
    try:
        main(["story", str(FIXTURE), "--runs", "0"])
    except SystemExit as exc:
        assert exc.code == 2
    assert "runs must be from 1" in capsys.readouterr().err


def test_story_with_search_adds_the_best_game_of_each_mode() -> None:
    minimal = FIXTURE.parent.parent / "good" / "minimal.yaml"
    report = story(load_scenario(minimal), 1, ("balanced",), search_effort=0.05).as_dict()
    assert list(report["players"]) == ["balanced", "best-free", "best-fixed",
                                       "best-manager-only", "best-leader-only"]
    assert report["note"] == "scripted and searched players"
    for told in report["players"].values():
        assert sum(v for k, v in told["projects"]["ship"].items()
                   if k != "mean_round_shipped") == 1
