"""`balance [SCENARIO] [--runs N] [--json] [--plot FILE.png] [--write-par] [--known FILE]`: prove a
scenario.

Searches for the best game in each mode (free, fixed policy, manager-only, leader-only),
plays those and every scripted persona over the same N seeds (which the search never saw)
and prints, per player, the mean and spread of each metric and of the score, the best free
game's lead over each searched extreme, par (the best free game's mean) and whether the
scenario's `claims:` hold against the searched extremes. Exits 1 when a claim fails, so a
facilitator (or CI) can check a scenario before it goes in front of a room. `--no-search`
gives the old report: scripted players only, with the greedy player's mean as par.
`--known FILE.jsonl` adds games known to be good (policy lines) to the free search's starts,
so par is never below a better game another search (bench/independent_search.py --save) or
a player found.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from game.analysis.balance import EXTREMES, GREEDY_RUNS, MEASURES, BalanceReport, balance
from game.analysis.targets import scenario_targets
from game.commands.common import (
    CommandError,
    add_scenario_argument,
    fail,
    load,
    number,
    print_json,
    seed_type,
    whole_number,
)
from game.safeio import NotAFile, WriteRefused, open_regular, read_regular, write_atomic
from game.scenario import ScenarioError, load_scenario_text
from game.scenario.loader import MAX_BYTES
from game.scenario.types import Scenario
from game.search.batch import DecisionSequence
from game.search.players import Budget
from game.search.policy import PolicyError, iter_policies, policy_lines, sequences_of
from game.story.expect import STORY_RUNS, check_story, players_needed

MAX_RUNS = 10_000  # about five minutes; 200 runs already pin a mean score to about 0.1

_positive = whole_number("N")
_runs = whole_number("runs", 1, MAX_RUNS, " (that takes minutes; 200 runs already give a mean to about 0.1)")
_effort = number("effort", 0.1, 10)
_jobs = whole_number("jobs", 1, 64, " worker processes")


def plot_problem(path: Path) -> str | None:
    """Why a chart cannot be written at `path`, checked before any game is played."""
    if path.is_dir():
        return f"--plot {path}: is a folder; give a file name such as {path / 'balance.png'}"
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # the chart's missing folders are made, if this one allows it
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        return f"--plot {path}: cannot write in {folder}"
    return None


def _show_progress(mode: str, generation: int, generations: int, best: float) -> None:
    print(f"\rsearching {mode:<13} generation {generation:>3}/{generations}  best {best:5.1f}",
          end="", file=sys.stderr, flush=True)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "balance", help="search for the best play in each mode and check the scenario's claims",
        description="Search for the best game in each mode (free, fixed policy, manager-only, "
                    "leader-only); play those and the scripted personas over the same seeds; "
                    "report each metric's mean and spread, the best game's lead over each "
                    "searched extreme, par, and the claims. Exits 1 if a claim fails.")
    add_scenario_argument(parser)
    parser.add_argument("--runs", type=_runs, default=200,
                        help=f"seeds per player, 1 to {MAX_RUNS} (default: 200)")
    parser.add_argument("--search-effort", type=_effort, default=1.0, metavar="E",
                        help="scale the search's generations (0.1 to 10, default: 1)")
    parser.add_argument("--no-search", action="store_true",
                        help="scripted players only, with the greedy player's mean as par")
    parser.add_argument("--greedy-runs", type=_positive, default=GREEDY_RUNS, metavar="N",
                        help=f"with --no-search: at most this many seeds for the slow greedy player "
                             f"(default: {GREEDY_RUNS})")
    parser.add_argument("--seed", type=seed_type, default=0, help="the first seed (default: 0)")
    parser.add_argument("--jobs", type=_jobs, default=min(2, os.cpu_count() or 1),
                        help="worker processes (default: up to 2)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--plot", metavar="FILE.png", help="also draw a chart of the results")
    parser.add_argument("--write-par", action="store_true",
                        help="store par (the best free game's mean score) as the scenario file's `par:`")
    parser.add_argument("--known", metavar="FILE.jsonl",
                        help="games known to be good (policy lines, as `evaluate` reads them: say, "
                             "a game a player or another search found) start the free search too, "
                             "so par is at least the best of them")
    parser.set_defaults(func=run)


def format_report(report: BalanceReport) -> str:
    runs = len(report.seeds)
    lines = [f"{report.title} ({report.scenario_id}): {runs} runs per player, "
             f"seeds {report.seeds[0]}..{report.seeds[-1]}"]
    greedy = report.stats.get("greedy")
    if greedy is not None and greedy.runs < runs:
        lines.append(f"  (greedy searches, so it plays only the first {greedy.runs} seeds)")
    header = f"{'player':<18}{'runs':>5}" + "".join(f"{m:>16}" for m in MEASURES) + f"{'balanced/x':>12}"
    lines += ["", header, "-" * len(header)]
    for name, stats in report.stats.items():
        cells = "".join(f"{stats.measures[m].mean:>9.1f} ±{stats.measures[m].std:>5.1f}" for m in MEASURES)
        ratio = "" if name == "balanced" or "balanced" not in report.stats \
            else f"{report.ratio(name):>11.2f}x"
        lines.append(f"{name:<18}{stats.runs:>5}{cells}{ratio}")
    lines.append("")
    if report.searched is not None:
        lines.append("searched extremes (the best game a search found in each mode, scored on these seeds):")
        for mode, found in report.searched.found.items():
            lines.append(f"  best-{mode:<14} {report.mean_score('best-' + mode):6.1f}"
                         f"   (search saw {found.search_score:.1f})")
        lines.append("  " + ", ".join(f"best-free / best-{x}: {report.best_ratio(x):.2f}x" for x in EXTREMES)
                     + f", best-free - best-fixed: "
                     f"{report.mean_score('best-free') - report.mean_score('best-fixed'):+.1f}")
        lines.append("targets:")
        lines += [f"  {t.describe()}" for t in scenario_targets(report)]
        lines.append("")
    if report.par is not None:
        source = "the best free game's" if report.searched is not None else "greedy's"
        lines.append(f"par ({source} mean score): {report.par:.1f}")
    if report.claims:
        lines.append("claims:")
        lines += [f"  {check.describe()}" for check in report.claims]
    else:
        lines.append("claims: none (add `claims:` to say what the scenario should teach)")
    return "\n".join(lines)


_PAR_LINE = re.compile(r"^par:[^\n#]*(?P<comment>#[^\n]*)?$", re.MULTILINE)


def with_par(text: str, par: float) -> str:
    """The scenario text with its top-level `par:` line set to `par`; nothing else changes.

    With no `par:` line yet, one is added after `minutes:` (or `difficulty:`), else at the end.
    """
    value = f"par: {par:.1f}"
    match = _PAR_LINE.search(text)
    if match:
        comment = f"  {match.group('comment')}" if match.group("comment") else ""
        return text[:match.start()] + value + comment + text[match.end():]
    for key in ("minutes", "difficulty"):
        after = re.search(rf"^{key}:[^\n]*\n", text, re.MULTILINE)
        if after:
            return text[:after.end()] + value + "\n" + text[after.end():]
    return text + ("" if text.endswith("\n") or not text else "\n") + value + "\n"


def write_par(path: Path, par: float) -> None:
    """Set `par:` in the scenario file, atomically, keeping its line endings and byte order mark.

    On any failure (a full disk, a read-only folder) the file is left byte for byte as it was
    and the one-line error names it.
    """
    try:
        raw = read_regular(path, MAX_BYTES)
        text = raw.decode("utf-8")
    except NotAFile as exc:
        raise CommandError(f"{path}: not writing par: {exc}") from None
    except UnicodeDecodeError:
        raise CommandError(f"{path}: not writing par: the file is not UTF-8 text") from None
    crlf = "\r\n" in text
    updated = with_par(text.replace("\r\n", "\n") if crlf else text, par)
    try:
        load_scenario_text(updated, str(path))  # never write a file that no longer loads
    except ScenarioError as exc:
        raise CommandError(f"{path}: not writing par: the result would not load:\n{exc}") from None
    if crlf:
        updated = updated.replace("\n", "\r\n")
    try:
        write_atomic(path, updated.encode("utf-8"), follow=True)
    except WriteRefused as exc:
        raise CommandError(f"not writing par: {exc}") from None


def _known_games(scenario: Scenario, name: str) -> list[DecisionSequence]:
    """The games in a policy file, or a one-line CommandError naming the file and line."""
    path = Path(name)
    try:
        with open_regular(path) as stream:
            policies = list(iter_policies(scenario, policy_lines(stream, str(path)), str(path)))
        if not policies:
            raise CommandError(f"--known {path}: no games in the file")
        return sequences_of(scenario, policies)
    except NotAFile as exc:
        raise CommandError(f"--known {path}: {exc}") from None
    except (PolicyError, OSError) as exc:
        raise CommandError(f"--known {exc}") from None


def run(args: argparse.Namespace) -> int:
    try:
        scenario = load(args.scenario)
    except CommandError as exc:
        return fail("balance", str(exc))
    problem = plot_problem(Path(args.plot)) if args.plot else None
    if problem:
        return fail("balance", problem)
    try:
        known = _known_games(scenario, args.known) if args.known else []
    except CommandError as exc:
        return fail("balance", str(exc))
    if known and args.no_search:
        return fail("balance", "--known needs the search (it starts the free search); drop --no-search")
    search = None if args.no_search else Budget.scaled(args.search_effort)
    progress = _show_progress if search is not None and sys.stderr.isatty() else None
    report = balance(scenario, args.runs, first_seed=args.seed, greedy_runs=args.greedy_runs,
                     jobs=args.jobs, search=search, progress=progress, known=known)
    if progress is not None:
        print("\r" + " " * 60 + "\r", end="", file=sys.stderr, flush=True)
    found = None if report.searched is None else \
        {mode: f.sequence for mode, f in report.searched.found.items()}
    story_lines = check_story(scenario, min(args.runs, STORY_RUNS), found, effort=None)
    try:
        if args.plot:
            from game.commands.balance_plot import draw_report  # pygame, only when asked

            draw_report(report, Path(args.plot))
        if args.write_par and report.par is not None:
            write_par(Path(scenario.source), report.par)
    except (CommandError, OSError) as exc:
        return fail("balance", str(exc))
    if args.json:
        data = report.as_dict()
        if report.searched is not None:
            data["targets"] = [{"what": t.what, "value": round(t.value, 4), "holds": t.holds}
                               for t in scenario_targets(report)]
        print_json({**data, "expect_failures": story_lines})
    else:
        print(format_report(report))
        if args.plot:
            print(f"chart: {args.plot}")
        if args.write_par and report.par is not None:
            print(f"par {report.par:.1f} written to {scenario.source}")
        for line in story_lines:
            print(line)
        if found is None and players_needed(scenario)[1]:
            print("expect: the expectations about searched games (best, best-*) and central "
                  "projects are checked only with a search (without --no-search)")
    return 0 if report.ok and not story_lines else 1
