"""`evaluate SCENARIO --policies FILE [--seeds N] [--seed S] [--json]`: score decision sequences.

Each line of FILE is a policy (a decision sequence as JSON, docs/evaluate.md). Every policy
is played on the same N seeds at once by the batched model, and the command prints each
policy's mean score with its spread and its mean final metrics.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from game.analysis.balance import Spread
from game.commands.common import (
    CommandError,
    add_scenario_argument,
    fail,
    load,
    print_json,
    seed_type,
    whole_number,
)
from game.rules.records import METRIC_NAMES
from game.search.batch import BatchResult, evaluate
from game.search.policy import Policy, PolicyError, read_policies, sequences_of

MAX_SEEDS = 100_000
MAX_FILE_BYTES = 50_000_000


_seeds = whole_number("seeds", 1, MAX_SEEDS)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "evaluate", help="score your own decision sequences (a policy file) over many seeds",
        description="Play every policy in a JSON-lines file on the same seeds with the batched "
                    "model and report each one's mean score, spread and final metrics.")
    add_scenario_argument(parser, optional=False)
    parser.add_argument("--policies", required=True, metavar="FILE",
                        help="one policy (a decision sequence, JSON) per line; see docs/evaluate.md")
    parser.add_argument("--seeds", type=_seeds, default=200, help="seeds per policy (default: 200)")
    parser.add_argument("--seed", type=seed_type, default=0, help="the first seed (default: 0)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(func=run)


def summary(policies: list[Policy], result: BatchResult) -> list[dict[str, object]]:
    rows = []
    for p, policy in enumerate(policies):
        rows.append({
            "name": policy.name,
            "score": Spread.of(result.raw_score[p]).as_dict(),
            **{m: round(float(np.mean(result.final[m][p])), 3) for m in METRIC_NAMES},
            "score_per_round": [round(float(v), 3) for v in result.per_round[p].mean(axis=0)],
        })
    return rows


def run(args: argparse.Namespace) -> int:
    try:
        scenario = load(args.scenario)
        path = Path(args.policies)
        if not path.is_file():
            raise CommandError(f"--policies {path}: no such file")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CommandError(f"--policies {path}: larger than {MAX_FILE_BYTES // 1_000_000} MB")
        text = path.read_text(encoding="utf-8")
        policies = read_policies(scenario, text.splitlines(), str(path))
        sequences = sequences_of(scenario, policies)
    except (CommandError, PolicyError, OSError, UnicodeDecodeError) as exc:
        return fail("evaluate", str(exc))
    seeds = list(range(args.seed, args.seed + args.seeds))
    result = evaluate(scenario, sequences, seeds)
    rows = summary(policies, result)
    if args.json:
        print_json({"scenario": scenario.id, "seeds": len(seeds), "first_seed": args.seed,
                    "policies": rows})
        return 0
    print(f"{scenario.title} ({scenario.id}): {len(policies)} policies on seeds "
          f"{seeds[0]}..{seeds[-1]}")
    header = f"{'policy':<24}{'score':>8}{'±':>6}{'5%..95%':>16}" + "".join(f"{m:>12}" for m in METRIC_NAMES)
    print(header)
    print("-" * len(header))
    for row in rows:
        s = row["score"]
        assert isinstance(s, dict)
        spread = f"{s['low']:.1f}..{s['high']:.1f}"
        cells = "".join(f"{row[m]:>12.1f}" for m in METRIC_NAMES)
        print(f"{str(row['name'])[:23]:<24}{s['mean']:>8.1f}{s['std']:>6.1f}{spread:>16}{cells}")
    return 0
