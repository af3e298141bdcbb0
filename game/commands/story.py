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
from game.scenario.types import Scenario
from game.story import PLAYERS, StoryReport, story
from game.story.branch import BranchError, Steer, parse_branch
from game.story.check import SEARCH_MODES
from game.story.expect import players_needed, story_failures

MAX_RUNS = 1000
LESSON_CHARS = 140   # a lesson's text, whole for most (it was cut at 70)


_runs = whole_number("runs", 1, MAX_RUNS)
_effort = number("effort", 0.05, 4)
_round = whole_number("round", 1, 40)
EXPECT_EFFORT = 1.0   # the search `expect:` and `central:` need when --search is not given


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("story", help="check that a scenario's story happens")
    add_scenario_argument(parser)
    parser.add_argument("--runs", type=_runs, default=20,
                        help="games per player, seeds 0 to N-1 (default: 20)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--search", type=_effort, metavar="EFFORT", default=None,
                        help="also the best games a search finds in each mode, searching with "
                             "this effort (0.05 to 4; 1 is balance's search; slow)")
    parser.add_argument("--choose", action="append", default=[], metavar="EVENT=CHOICE",
                        help="force an event's answer (a choice id or number) in every game; "
                             "repeat for several events")
    parser.add_argument("--from-round", type=_round, default=1, metavar="N",
                        help="the round the --flags are set in (default: 1)")
    parser.add_argument("--flags", metavar="A,B", default=None,
                        help="flags set (to 1) from --from-round on, to jump to a branch")
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


def scenario_choice(scenario: Scenario, event_id: str, index: int) -> str:
    """A forced answer as the author wrote it: the choice's id (its number by default)."""
    return next(e for e in scenario.events if e.id == event_id).choices[index].id


def run(args: argparse.Namespace) -> int:
    try:
        scenario = load(args.scenario)
        branch = parse_branch(scenario, args.choose, args.from_round, args.flags)
    except (CommandError, BranchError) as exc:
        return fail("story", str(exc))
    scripted, modes = players_needed(scenario)
    players = tuple(dict.fromkeys([*PLAYERS, *scripted]))
    effort = args.search if args.search is not None else (EXPECT_EFFORT if modes else None)
    report = story(scenario, args.runs, players, effort,
                   SEARCH_MODES if args.search is not None else modes, Steer(branch))
    failures = story_failures(scenario, report.players, report.runs)
    forced = {e: scenario_choice(scenario, e, i) for e, i in branch.choose}
    taken = {"choose": forced, "flags": list(branch.flags), "from_round": branch.from_round}
    if args.json:
        print_json({**report.as_dict(), "branch": taken, "expect_failures": failures})
    else:
        if not branch.empty:
            chosen = ", ".join(f"{e}={c}" for e, c in forced.items())
            flags = f"flags {', '.join(branch.flags)} from round {branch.from_round}" \
                if branch.flags else ""
            print("branch: " + "; ".join(x for x in (chosen, flags) if x))
        print_report(report)
        if scenario.expect or any(p.central for p in scenario.projects):
            print(f"expectations: {len(failures)} failed" if failures else "expectations: all hold")
        for line in failures:
            print(line)
    return 1 if failures else 0
