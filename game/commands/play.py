"""`play`: open the game window (or let a scripted strategy play it with --autoplay)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from game.commands.common import seed_type, whole_number

MAX_SIZE = (7680, 4320)   # an 8K screen; a bigger window only costs memory and minutes
MAX_NAME = 60             # a player's name on the hand-over screen and in saves


_rounds = whole_number("--rounds", 1, 1000)


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, got {text[:40]!r}") from None
    if w < 320 or h < 240:
        raise argparse.ArgumentTypeError("the window must be at least 320x240")
    if w > MAX_SIZE[0] or h > MAX_SIZE[1]:
        raise argparse.ArgumentTypeError(f"the window may be at most {MAX_SIZE[0]}x{MAX_SIZE[1]}")
    return w, h


def _players(text: str) -> tuple[str, str]:
    leader, _, manager = text.partition(",")
    names = (leader.strip() or "Player 1", manager.strip() or "Player 2")
    for name in names:
        if len(name) > MAX_NAME:
            raise argparse.ArgumentTypeError(f"a player's name is at most {MAX_NAME} characters, "
                                             f"not {len(name):,}")
        if not name.isprintable():
            raise argparse.ArgumentTypeError("a player's name cannot hold control characters")
    return names


def screenshots_problem(folder: Path) -> str | None:
    """Why screenshots cannot be saved in `folder`, checked before the window opens."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        return f"--screenshots {folder}: is a file, not a folder"
    except OSError as exc:
        return f"--screenshots {folder}: cannot make the folder: {exc.strerror or exc}"
    if not folder.is_dir():
        return f"--screenshots {folder}: not a folder"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"--screenshots {folder}: cannot write in this folder"
    return None


def _scale(text: str) -> float:
    value = float(text.rstrip("%")) / (100 if text.endswith("%") else 1)
    if not 1.0 <= value <= 2.0:
        raise argparse.ArgumentTypeError("UI scale must be between 1 and 2 (100%..200%)")
    return value


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("play", help="open the game window")
    p.add_argument("scenario", nargs="?", help="scenario id or YAML path (default: the "
                   "default scenario)")
    p.add_argument("--scenarios", action="append", default=[], metavar="DIR",
                   help="another folder of scenario files for the picker (repeatable)")
    p.add_argument("--autoplay", metavar="STRATEGY", help="let a scripted strategy play "
                   "through the screens")
    p.add_argument("--screenshots", metavar="DIR", type=Path, help="with --autoplay: save one "
                   "PNG per screen here")
    p.add_argument("--rounds", type=_rounds, default=None, metavar="N",
                   help="with --autoplay: stop after round N's report (its screenshot taken)")
    p.add_argument("--seed", type=seed_type, default=0, help="random seed, 0 to 2**63-1")
    p.add_argument("--size", type=_size, default=(1280, 720), metavar="WxH")
    p.add_argument("--ui-scale", type=_scale, default=1.0, metavar="S",
                   help="1..2 (or 100%%..200%%)")
    p.add_argument("--timer", type=int, default=0, metavar="SECONDS",
                   help="facilitator timer per leader/manager phase (0: off)")
    p.add_argument("--hotseat", action="store_true", help="two players: leader and manager")
    p.add_argument("--players", type=_players, default=("Player 1", "Player 2"),
                   metavar="LEADER,MANAGER", help=f"names, at most {MAX_NAME} characters each")
    p.add_argument("--fullscreen", action="store_true")
    p.add_argument("--no-save", action="store_true", help="do not keep the finished game in the "
                   "data folder ($SAIL_KEEL_HOME, or the per-user data folder)")
    p.add_argument("--colour-blind", action="store_true", help="colour-blind-safe palette")
    room = p.add_argument_group("a workshop room (sailkeel room serve)")
    room.add_argument("--room", metavar="HOST:PORT", help="join the facilitator's room")
    room.add_argument("--code", help="the room's join code")
    room.add_argument("--name", help="your name as the room shows it (a hot-seat pair: "
                      "--hotseat --players Ana,Ben)")
    p.set_defaults(func=run)


def resolve(core: Any, name: str | None, dirs: list[Path]) -> Path | None:
    if name is None:
        name = core.default_scenario
        if name is None:
            return None
    path = Path(name)
    if path.is_file():
        return path
    for folder in dirs:
        for suffix in (".yaml", ".yml"):
            if (folder / f"{name}{suffix}").is_file():
                return folder / f"{name}{suffix}"
    return None


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from game.ui.app import App
    from game.ui.core import default_core
    from game.ui.screens.title import TitleScreen
    from game.ui.settings import Settings

    if args.timer < 0:
        print("play: --timer must be 0 or more seconds", file=sys.stderr)
        return 2
    core = default_core()
    if not args.no_save:  # temporary files a crash or `kill -9` left in the data folder
        from game.persistence.datadir import data_dir, tidy

        tidy(data_dir())
    client = None
    if args.room or args.code or args.name:
        joined = join_room(args)
        if isinstance(joined, int):
            return joined
        client, room_path = joined
        args.scenario, args.seed = str(room_path), client.welcome.seed if client.welcome else 0
    dirs = [Path(d) for d in args.scenarios]
    for d in dirs:
        if not d.is_dir():
            print(f"play: --scenarios {d}: not a folder", file=sys.stderr)
            return 2
    search = ([core.default_dir] if core.default_dir else []) + dirs
    path = resolve(core, args.scenario, search)
    if args.scenario and path is None:
        from game.safeio import refusal

        reason = refusal(args.scenario) if os.path.lexists(args.scenario) else None
        print(f"play: {args.scenario}: {reason}" if reason else
              f"play: no scenario {args.scenario!r} (give an id or a YAML path)", file=sys.stderr)
        return 2
    if path is not None and all(path.resolve().parent != d.resolve() for d in search):
        dirs.append(path.parent)
    settings = Settings(size=args.size, ui_scale=args.ui_scale, fullscreen=args.fullscreen,
                        colour_blind=args.colour_blind, timer=args.timer, hotseat=args.hotseat,
                        players=args.players,
                        seed=args.seed, scenario_dirs=[str(d) for d in dirs],
                        save_results=not args.no_save)
    driver = None
    if args.rounds is not None and not args.autoplay:
        print("play: --rounds goes with --autoplay (a person plays to the end)", file=sys.stderr)
        return 2
    if args.autoplay:
        from game.ui.autoplay import Autoplayer

        if path is None:
            print("play: no scenario to autoplay", file=sys.stderr)
            return 2
        problem = screenshots_problem(args.screenshots) if args.screenshots else None
        if problem:
            print(f"play: {problem}", file=sys.stderr)
            return 2
        try:
            strategy = core.make_strategy(args.autoplay, args.seed)
        except (KeyError, ValueError) as exc:
            print(f"play: unknown strategy {args.autoplay!r} ({exc})", file=sys.stderr)
            return 2
        driver = Autoplayer(strategy, path, args.screenshots, player=args.autoplay,
                            rounds=args.rounds)
    if client is not None:
        from game.ui.room_hook import RoomDriver

        settings.timer = client.timer or settings.timer
        if not args.hotseat and client.welcome is not None:   # the save names the participant
            settings.players = (client.welcome.names[0], settings.players[1])
        driver = RoomDriver(client, driver)
    # Only a scenario named on the command line is chosen for the player: with none, the
    # picker puts the tutorial first and chooses it until it has been finished.
    app = App(core, settings, scenario_path=path if args.scenario else None, driver=driver)
    code: int | None = None          # None: the window was stopped (a signal) or crashed
    try:
        app.set_root(TitleScreen(app))
        code = app.run(fps=0, fixed_dt=1 / 60) if args.autoplay else app.run()
    finally:
        app.close()
        if client is not None:
            code = leave_room(client, code)
    if args.autoplay and driver is not None and code == 0:     # a room's own driver has no score
        if getattr(driver, "stopped_after", None) is not None:
            print(f"stopped after round {driver.stopped_after}, as asked (--rounds); "
                  "the game is not finished, so it is not saved")
            return 0
        if driver.final_score is None:
            print("play: autoplay ended before the debrief", file=sys.stderr)
            return 1
        print(f"score: {driver.final_score:.1f}")
        kept = app.kept_game
        if kept is not None and kept.save is not None:
            print(f"saved: {kept.save}")
    return code


def join_room(args: argparse.Namespace) -> Any:
    """Join the room named on the command line: (client, scenario file), or an exit code."""
    from game.room.client import RoomClient, RoomError
    from game.scenario import ScenarioError

    if not (args.room and args.code):
        print("play: a room needs --room HOST:PORT and --code CODE", file=sys.stderr)
        return 2
    if args.hotseat:
        names = [n.strip() for n in args.players if n.strip()][:2]
    else:
        names = [args.name.strip()] if args.name and args.name.strip() else []
    if not names:
        print("play: give your name with --name (or --hotseat --players Ana,Ben)", file=sys.stderr)
        return 2
    try:
        client = RoomClient(args.room, args.code, names)
        client.join()
        _, path = client.scenario()
    except RoomError as exc:
        print(f"play: {exc}", file=sys.stderr)
        return 2
    except ScenarioError as exc:
        print(f"play: the room's scenario has problems:\n{exc}", file=sys.stderr)
        return 2
    number = client.welcome.participant if client.welcome else "?"
    print(f"Joined the room as {' & '.join(names)} (participant {number})")
    return client, path


def leave_room(client: Any, code: int | None) -> int:
    """Send what is left before the window's process ends; say what waits if the room did not
    take it (the outbox is on disk: the same command sends it on the next start). A window
    stopped by a signal (`code` None) does not wait."""
    paused = client.state in ("lobby", "paused")       # waiting would not help
    if client.pending and (paused or code is None or not client.wait_sent(timeout=20)):
        rounds = ", ".join(str(n) for n in client.pending)
        why = ("the room is paused" if paused else "the window was stopped" if code is None
               else "the room is out of reach")
        print(f"play: {why}, so it has not received round(s) {rounds}. They are kept on this "
              "laptop: run the same command again (same --room, --code and name) to send them.",
              file=sys.stderr)
        code = code or 1
    client.close()
    return 1 if code is None else code
