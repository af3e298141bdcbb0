"""`schema [--output FILE]`: print the scenario JSON Schema, for editors.

In VS Code (YAML extension), put this first line in a scenario file:
`# yaml-language-server: $schema=./scenario.schema.json`
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.safeio import WriteRefused, write_atomic
from game.scenario.schema import scenario_schema


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "schema", help="print the scenario JSON Schema (for editor completion)",
        description="Print the JSON Schema (draft 2020-12) that scenario files follow.")
    parser.add_argument("--output", "-o", metavar="FILE",
                        help="write the schema to FILE instead of standard output")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    text = json.dumps(scenario_schema(), indent=2) + "\n"
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_atomic(Path(args.output), text)
    except WriteRefused as exc:
        print(f"schema: {exc}", file=sys.stderr)
        return 1
    return 0
