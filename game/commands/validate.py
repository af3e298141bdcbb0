"""`validate PATH_OR_ID... [--json] [--strict]`: check scenario files without playing them.

Prints `ok  <file>  (<title>, <rounds> rounds)` for each good file and the
`file:line:column: message` lines for each bad one; exits 0 only if every file is good.
Files that load are also linted (`game.scenario.lint.lint`): its advice prints as
`file:line:column: warning: ...`, and with `--strict` a warning fails the file too, and the
file's `expect:` and `central:` projects are checked by playing the games they name.
"""

from __future__ import annotations

import argparse
import glob
from dataclasses import dataclass, field
from typing import Any

from game.commands.common import print_json
from game.scenario import Problem, ScenarioError, load_scenario, resolve_scenario
from game.scenario.lint import lint
from game.scenario.types import Scenario
from game.story.expect import check_story

STRICT_STORY_RUNS = 20   # games per player when --strict checks `expect:` and `central:`


@dataclass
class Report:
    file: str
    scenario: Scenario | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    strict: bool = False
    story: list[str] = field(default_factory=list)   # `expect:`/`central:` failures (--strict)

    @property
    def ok(self) -> bool:
        return self.scenario is not None and not self.problems and not (
            self.strict and (self.warnings or self.story))

    def as_dict(self) -> dict[str, Any]:
        data = {"file": self.file, "ok": self.ok,
                "problems": [p.as_dict() for p in self.problems],
                "warnings": [w.as_dict() for w in self.warnings]}
        return {**data, "expect_failures": self.story} if self.strict else data


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate", help="check scenario files and report every problem with its line",
        description="Check scenario files (paths or ids from scenarios/); a shell glob such "
                    "as scenarios/*.yaml works. Exits 1 if any file has a problem.")
    parser.add_argument("scenarios", nargs="+", metavar="PATH_OR_ID",
                        help="a scenario file, or the id of a file in scenarios/")
    parser.add_argument("--json", action="store_true",
                        help="print a JSON list of {file, ok, problems, warnings} instead of text")
    parser.add_argument("--strict", action="store_true",
                        help="fail a file on lint warnings and on `expect:`/`central:` failures "
                             "too, not only on errors")
    parser.set_defaults(func=run)


def check(path_or_id: str, strict: bool = False) -> Report:
    """Load one scenario and collect its problems and, when it loads, its lint warnings."""
    try:
        path = resolve_scenario(path_or_id)
        report = Report(str(path))
        report.scenario = load_scenario(path)
    except ScenarioError as exc:
        return Report(exc.problems[0].file if exc.problems else path_or_id, None, exc.problems)
    report.warnings = lint(report.scenario)
    report.strict = strict
    if strict:  # plays the games the expectations name: only when asked to be strict
        report.story = check_story(report.scenario, STRICT_STORY_RUNS)
    return report


def expand(items: list[str]) -> list[str]:
    """Expand glob patterns the shell left alone (no match, or a shell without globbing)."""
    expanded: list[str] = []
    for item in items:
        matches = sorted(glob.glob(item)) if any(c in item for c in "*?[") else []
        expanded.extend(matches or [item])
    return expanded


def run(args: argparse.Namespace) -> int:
    reports = [check(item, args.strict) for item in expand(args.scenarios)]
    if args.json:
        print_json([r.as_dict() for r in reports])
    else:
        for report in reports:
            if report.ok and report.scenario is not None:
                s = report.scenario
                print(f"ok  {report.file}  ({s.title}, {s.rounds} rounds)")
            for problem in [*report.problems, *report.warnings]:
                print(problem)
            for line in report.story:
                print(line)
    return 0 if all(r.ok for r in reports) else 1
