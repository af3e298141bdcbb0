"""`replay SAVE [--scenario ID|PATH] [--force] [--json]`: replay a saved game, print its result.

Prints the same table (or JSON) as `simulate`. Refuses a save whose scenario file has
changed since it was saved (its SHA-256 differs) unless `--force`.
"""

from __future__ import annotations

import argparse
import sys

from game.commands.common import CommandError, fail, print_json
from game.commands.savefiles import replay_to_end, scenario_for
from game.commands.simulate import print_table, result_json
from game.persistence import SaveError, load_save
from game.persistence.saves import summary_matches


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("replay", help="replay a saved game and print its result")
    parser.add_argument("save", help="a save file (from `simulate --save` or the game)")
    parser.add_argument("--scenario", default=None,
                        help="the scenario id or file to replay on (default: the save's scenario id)")
    parser.add_argument("--force", action="store_true",
                        help="replay even if the scenario file changed since the save")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        saved = load_save(args.save)
        scenario = scenario_for(saved, args.scenario)
        session = replay_to_end(saved, scenario, args.force)
    except (SaveError, CommandError) as exc:
        return fail("replay", str(exc))
    result = session.result()
    if saved.summary is not None and not summary_matches(saved.summary, session):
        print(f"replay: warning: {saved.source}: the result recorded in the save differs from the "
              "replay (the game has changed since); showing the replay", file=sys.stderr)
    if args.json:
        print_json(result_json(result))
    else:
        print(f"{scenario.title}: {saved.player or 'replay'}, seed {saved.seed}")
        print_table(result, scenario.round_label)
    return 0
