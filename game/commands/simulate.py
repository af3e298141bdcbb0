"""`simulate [SCENARIO] --strategy NAME --seed N [--json] [--save FILE]`: play a scenario headless."""

from __future__ import annotations

import argparse
import sys

from game.analysis.strategies import STRATEGIES, make_strategy, play
from game.commands.common import CommandError, add_scenario_argument, fail, load, print_json, seed_type
from game.commands.trace import RoundTrace, play_traced, print_trace, trace_json
from game.persistence import SaveError, save_game
from game.rules.profile import profile_words
from game.rules.records import METRIC_NAMES, GameResult
from game.rules.session import GameSession


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("simulate", help="play a scenario headless with a scripted player")
    add_scenario_argument(parser)
    parser.add_argument("--strategy", default="balanced", choices=sorted(STRATEGIES),
                        help="the scripted player (default: balanced)")
    parser.add_argument("--seed", type=seed_type, default=0, help="random seed (default: 0)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--trace", action="store_true",
                        help="also each round's hidden gauges per team (fatigue, morale, skill, "
                             "headcount...), the budget by category and the cash")
    parser.add_argument("--save", metavar="FILE", help="also save the game (seed + decisions) to FILE")
    parser.set_defaults(func=run)


def result_json(result: GameResult) -> dict[str, object]:
    return {
        "scenario": result.scenario_id,
        "seed": result.seed,
        "rounds": [
            {"round": r.round, **{m: round(r.metrics[m], 4) for m in METRIC_NAMES},
             "score": round(r.score, 4),
             "drivers": {m: [[label, round(v, 4)] for label, v in r.drivers[m]] for m in METRIC_NAMES},
             "events": [{"event": e.event_id, "choice": e.choice} for e in r.events]}
            for r in result.history
        ],
        "final": {**{m: round(result.final[m], 4) for m in METRIC_NAMES},
                  "score": round(result.score, 4)},
        "par": result.par,
        "leader_share": None if result.profile == "hands-off" else round(result.leader_share, 4),
        "lead": round(result.lead, 4),
        "manage": round(result.manage, 4),
        "profile": result.profile,
        "lessons": result.lessons,
    }


def print_table(result: GameResult, label: str) -> None:
    print(f"{label:>8}  {'morale':>7} {'innovation':>10} {'delivery':>8} {'score':>6}")
    for r in result.history:
        print(f"{r.round:>8}  {r.metrics['morale']:7.1f} {r.metrics['innovation']:10.1f} "
              f"{r.metrics['delivery']:8.1f} {r.score:6.1f}")
    print("profile: " + profile_words(result.profile, result.lead, result.manage,
                                      result.leader_share))
    print(f"score: {result.score:.1f}")


def run(args: argparse.Namespace) -> int:
    try:
        scenario = load(args.scenario)
    except CommandError as exc:
        return fail("simulate", str(exc))
    strategy = make_strategy(args.strategy, args.seed)
    traces: list[RoundTrace] = []
    if args.trace:
        session, traces = play_traced(GameSession(scenario, args.seed), strategy)
    else:
        session = play(GameSession(scenario, args.seed), strategy)
    result = session.result()
    if args.json:
        data = result_json(result)
        if args.trace:
            data["trace"] = trace_json(traces)
        print_json(data)
    else:
        print(f"{scenario.title}: {args.strategy}, seed {args.seed}")
        print_table(result, scenario.round_label)
        if args.trace:
            print_trace(traces, scenario.round_label)
    if args.save:
        try:
            save_game(args.save, session, player=args.strategy)
        except SaveError as exc:
            return fail("simulate", str(exc))
        print(f"simulate: saved the game to {args.save}", file=sys.stderr)
    return 0
