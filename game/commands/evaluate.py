"""`evaluate SCENARIO --policies FILE [--seeds N] [--seed S] [--json]`: score decision sequences.

Each line of FILE is a policy (a decision sequence as JSON, docs/evaluate.md). Every policy
is played on the same N seeds at once by the batched model, and the command prints each
policy's mean score with its spread and its mean final metrics.

The file is streamed: policies are read, checked and scored a chunk at a time, and each
chunk's results are written before the next is read, so memory stays flat however long the
file is. On a terminal, progress shows on stderr.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import numpy as np

from game.analysis.balance import Spread
from game.commands.common import (
    CommandError,
    add_scenario_argument,
    fail,
    finite,
    load,
    seed_type,
    whole_number,
)
from game.rules.records import METRIC_NAMES
from game.safeio import NotAFile, open_regular
from game.scenario.types import Scenario
from game.search.batch import BatchResult, evaluate
from game.search.policy import Policy, PolicyError, iter_policies, policy_lines, sequences_of

MAX_SEEDS = 100_000
ROWS_PER_CHUNK = 4_000    # policies x seeds checked and played at once: about 100 MB


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
    """Each policy's row: its score's spread (as `Spread.of`) and mean final metrics, computed
    for the whole chunk at once."""
    raw = np.asarray(result.raw_score, dtype=float)
    means, stds = raw.mean(axis=1), raw.std(axis=1)
    lows, highs = np.percentile(raw, 5, axis=1), np.percentile(raw, 95, axis=1)
    finals = {m: np.mean(result.final[m], axis=1) for m in METRIC_NAMES}
    per_round = result.per_round.mean(axis=1)
    rows = []
    for p, policy in enumerate(policies):
        spread = Spread(float(means[p]), float(stds[p]), float(lows[p]), float(highs[p]))
        rows.append({
            "name": policy.name,
            "score": spread.as_dict(),
            **{m: round(float(finals[m][p]), 3) for m in METRIC_NAMES},
            "score_per_round": [round(float(v), 3) for v in per_round[p]],
        })
    return rows


def chunks(policies: Iterator[Policy], seeds: int, rows: int
           ) -> Iterator[list[Policy]]:
    """The policies in lists of about `rows` games (policies x seeds), at least one policy."""
    size = max(1, rows // seeds)
    while chunk := list(itertools.islice(policies, size)):
        yield chunk


class Output:
    """The table or the JSON object, written a chunk of rows at a time."""

    def __init__(self, scenario: Scenario, seeds: list[int], as_json: bool, out: TextIO) -> None:
        self.scenario, self.seeds, self.as_json, self.out = scenario, seeds, as_json, out
        self.started = self.started_rows = False

    def rows(self, rows: list[dict[str, object]]) -> None:
        if not self.started:
            self._header()
        for row in rows:
            if self.as_json:
                text = json.dumps(finite(row), indent=2, allow_nan=False)
                comma = ",\n" if self.started_rows else ""
                self.out.write(comma + "\n".join("    " + line for line in text.splitlines()))
                self.started_rows = True
            else:
                self.out.write(_table_row(row) + "\n")
        self.out.flush()

    def _header(self) -> None:
        self.started = True
        if self.as_json:
            head = {"scenario": self.scenario.id, "seeds": len(self.seeds), "first_seed": self.seeds[0]}
            text = json.dumps(head, indent=2)
            self.out.write(text[:-2] + ',\n  "policies": [\n')
            return
        self.out.write(f"{self.scenario.title} ({self.scenario.id}): policies on seeds "
                       f"{self.seeds[0]}..{self.seeds[-1]}\n")
        header = f"{'policy':<24}{'score':>8}{'±':>6}{'5%..95%':>16}" + \
            "".join(f"{m:>12}" for m in METRIC_NAMES)
        self.out.write(header + "\n" + "-" * len(header) + "\n")

    def close(self, count: int, stopped: str | None = None) -> None:
        if not self.started:
            return
        if self.as_json:
            end = {"policies_scored": count} if stopped is None else \
                {"policies_scored": count, "stopped": stopped}
            tail = json.dumps(end, indent=2)[1:]
            self.out.write("\n  ],\n" + tail.lstrip("\n") + "\n")
        else:
            self.out.write(f"{count} policies scored" + (" (stopped early)" if stopped else "") + "\n")
        self.out.flush()


def _table_row(row: dict[str, Any]) -> str:
    s = row["score"]
    spread = f"{s['low']:.1f}..{s['high']:.1f}"
    cells = "".join(f"{row[m]:>12.1f}" for m in METRIC_NAMES)
    return f"{str(row['name'])[:23]:<24}{s['mean']:>8.1f}{s['std']:>6.1f}{spread:>16}{cells}"


class Progress:
    """'evaluate: 12 000 of 100 000 policies, 40 s, about 5 min left' on a terminal's stderr."""

    def __init__(self, total: int | None) -> None:
        self.total, self.began = total, time.monotonic()
        self.stream: TextIO | None = getattr(sys.stderr, "inner", sys.stderr)
        if not sys.stderr.isatty():
            self.stream = None

    def show(self, done: int) -> None:
        if self.stream is None:
            return
        spent = time.monotonic() - self.began
        left = ""
        if self.total and done:
            left = f", about {_duration(spent / done * (self.total - done))} left"
        of = f" of {self.total:,}" if self.total else ""
        self.stream.write(f"\revaluate: {done:,}{of} policies scored, {_duration(spent)}{left}\x1b[K")
        self.stream.flush()

    def clear(self) -> None:
        if self.stream is not None:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 90 else f"{seconds / 60:.0f} min"


def _count_lines(path: Path) -> int | None:
    """The number of policy lines, for the progress line (a quick pass over the bytes)."""
    try:
        with open_regular(path) as stream:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b""))
    except (NotAFile, OSError):
        return None


def run(args: argparse.Namespace) -> int:
    try:
        scenario = load(args.scenario)
        path = Path(args.policies)
        try:
            stream = open_regular(path)
        except NotAFile as exc:
            raise CommandError(f"--policies {path}: {exc}") from None
    except (CommandError, OSError) as exc:
        return fail("evaluate", str(exc))
    seeds = list(range(args.seed, args.seed + args.seeds))
    output = Output(scenario, seeds, args.json, sys.stdout)
    progress = Progress(_count_lines(path) if sys.stderr.isatty() else None)
    done = 0
    try:
        with stream:
            policies = iter_policies(scenario, policy_lines(stream, str(path)), str(path))
            for chunk in chunks(policies, len(seeds), ROWS_PER_CHUNK):
                result = evaluate(scenario, sequences_of(scenario, chunk), seeds)
                output.rows(summary(chunk, result))
                done += len(chunk)
                progress.show(done)
    except (PolicyError, OSError) as exc:
        progress.clear()
        output.close(done, stopped=str(exc))
        return fail("evaluate", str(exc))
    progress.clear()
    output.close(done)
    return 0
