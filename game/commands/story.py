"""`story SCENARIO [--runs N] [--json]`: does the scenario's story happen? Events fired and
answers taken, project outcomes, lessons shown and flags set, for each scripted player."""

from __future__ import annotations

import argparse

from game.commands.common import (
    CommandError,
    add_scenario_argument,
    fail,
    load,
    number,
    print_json,
    whole_number,
)
from game.story import PLAYERS, StoryReport, story

MAX_RUNS = 1000
LESSON_CHARS = 140   # a lesson's text, whole for most (it was cut at 70)


_runs = whole_number("runs", 1, MAX_RUNS)
_effort = number("effort", 0.05, 4)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("story", help="check that a scenario's story happens")
    add_scenario_argument(parser)
    parser.add_argument("--runs", type=_runs, default=20,
                        help="games per player, seeds 0 to N-1 (default: 20)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--search", type=_effort, metavar="EFFORT", default=None,
                        help="also the best games a search finds in each mode, searching with "
                             "this effort (0.05 to 4; 1 is balance's search; slow)")
    parser.set_defaults(func=run)


def _share(count: int, runs: int) -> str:
    return f"{count}/{runs}"


def print_report(report: StoryReport) -> None:
    runs = report.runs
    for name, told in report.players.items():
        print(f"== {name} ({runs} runs)")
        print("events:")
        for event_id, event in told.events.items():
            answers = ", ".join(f"{label!r} {n}" for label, n in event["answers"].items() if n)
            times = "once" if event["fired"] == 1 else f"{event['fired']} times"
            print(f"  {event_id}: fired in {_share(event['games'], runs)} games ({times})"
                  + (f"; answers {answers}" if answers else ""))
        print("projects:")
        for pid, counts in told.projects.items():
            parts = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in counts.items()
                              if k != "mean_round_shipped" and v)
            shipped = counts["mean_round_shipped"]
            print(f"  {pid}: {parts}" + (f"; shipped in round {shipped:g} on average"
                                          if shipped is not None else ""))
        print("lessons:")
        for text, n in told.lessons.items():
            shown = text if len(text) <= LESSON_CHARS else text[:LESSON_CHARS - 1] + "…"
            print(f"  {_share(n, runs)}  {shown}")
        if told.flags:
            print("flags set at the end:")
            for flag, n in told.flags.items():
                print(f"  {flag}: {_share(n, runs)}")
    print(f"note: {report.note}")


def run(args: argparse.Namespace) -> int:
    try:
        scenario = load(args.scenario)
    except CommandError as exc:
        return fail("story", str(exc))
    report = story(scenario, args.runs, PLAYERS, args.search)
    if args.json:
        print_json(report.as_dict())
    else:
        print_report(report)
    return 0
