"""The command line: `python -m game [COMMAND] ...` and the `sailkeel` script.

Each subcommand lives in `game/commands/<name>.py` with `register(subparsers)`, which adds
its parser and sets `func(args) -> int`. Bad input gives one line on stderr and a non-zero
exit, never a traceback. Control characters in anything printed (a title, a player's
name, a key name) are shown escaped, never sent to the terminal as they are.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from game.safeio import SafeStream

COMMANDS = ("play", "validate", "simulate", "schema", "balance", "evaluate", "replay", "debrief",
            "room", "story")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, as argparse does, minus usage
        self.exit(2, f"{self.prog}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sailkeel",
        description="Sail & Keel: lead and manage an organisation, round by round.",
    )
    subparsers = parser.add_subparsers(dest="command", parser_class=_Parser)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"game.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"game.commands.{name}":
                continue  # not built yet
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; everything it prints has its control characters escaped (see safeio)."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)  # type: ignore[assignment]
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = out, err


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    words = list(sys.argv[1:] if argv is None else argv)
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    if "play" in commands and (not words or (words[0] not in commands
                                             and words[0] not in ("-h", "--help"))):
        words.insert(0, "play")  # `sailkeel [SCENARIO] [--size ...]` starts the game
    args = parser.parse_args(words)
    if args.command is None:
        print("sailkeel: the game window is not installed; try `sailkeel simulate`.")
        return 0
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
