"""`debrief SAVE... [--scenario ID|PATH] [--force] [--json]`: one debrief for a whole room.

For facilitators: replays every participant's save and reports each one's final metrics,
score and leader/manager profile; the room's mean and spread; how many played leader-heavy,
balanced and manager-heavy and how they scored; and which of the scenario's lessons held for
how many. Unreadable saves are skipped with a one-line warning each; the exit status is 1
only when none could be read.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from game.analysis.debrief import MEASURES, Participant, RoomDebrief, debrief_room, room_json
from game.commands.common import CommandError, fail, print_json
from game.commands.savefiles import replay_to_end, scenario_for
from game.persistence import SavedGame, SaveError, load_save
from game.rules.profile import profile_words


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("debrief", help="gather a room's saved games into one debrief")
    parser.add_argument("saves", nargs="+", metavar="SAVE", help="the participants' save files")
    parser.add_argument("--scenario", default=None,
                        help="the scenario id or file the games were played on "
                             "(default: the saves' scenario id)")
    parser.add_argument("--force", action="store_true",
                        help="replay saves even if the scenario file changed since they were saved")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(func=run)


def warn(message: str) -> None:
    print(f"debrief: skipped {message}", file=sys.stderr)


def _readable(paths: list[str]) -> list[SavedGame]:
    """The saves that can be read, each game once: a copied file is one participant."""
    saves: list[SavedGame] = []
    seen: dict[tuple[object, ...], str] = {}
    for path in paths:
        try:
            saved = load_save(path)
        except SaveError as exc:
            warn(str(exc))
            continue
        game = (saved.scenario_id, saved.seed, saved.player, repr(saved.decisions))
        if game in seen:
            warn(f"{saved.source}: the same game as {seen[game]}")
            continue
        seen[game] = saved.source
        saves.append(saved)
    return saves


def _short(name: str, most: int = 40) -> str:
    """A participant's name as the table shows it (saves come from participants: any length)."""
    return name if len(name) <= most else name[:most - 1] + "…"


def _names(saves: list[SavedGame]) -> list[str]:
    """Each participant's name: the save's player, else its file name; made unique by file."""
    names = [_short(s.player or Path(s.source).stem) for s in saves]
    counts = Counter(names)
    return [f"{n} ({Path(s.source).name})" if counts[n] > 1 else n for n, s in zip(names, saves, strict=True)]


def run(args: argparse.Namespace) -> int:
    saves = _readable(args.saves)
    if not saves:
        from game.persistence.datadir import data_dir

        where = data_dir() / "saves"
        return fail("debrief", f"none of the saves could be read (games played in the window "
                    f"are saved in {where})")
    # A room plays one scenario: the one most saves are for (the first one on a tie).
    room_id = Counter(s.scenario_id for s in saves).most_common(1)[0][0]
    for s in saves:
        if s.scenario_id != room_id:
            warn(f"{s.source}: it is a game of {s.scenario_id!r}; this room played {room_id!r}")
    saves = [s for s in saves if s.scenario_id == room_id]
    try:
        scenario = scenario_for(saves[0], args.scenario)
    except CommandError as exc:
        return fail("debrief", str(exc))
    participants = []
    for name, saved in zip(_names(saves), saves, strict=True):
        try:
            session = replay_to_end(saved, scenario, args.force)
        except CommandError as exc:
            warn(str(exc))
            continue
        participants.append(Participant(name, saved.source, session.result()))
    if not participants:
        return fail("debrief", "none of the saves could be replayed")
    room = debrief_room(scenario, participants)
    if args.json:
        print_json(room_json(room))
    else:
        print_room(room)
    return 0


def print_room(room: RoomDebrief) -> None:
    n = len(room.participants)
    print(f"{room.title}: debrief of {n} game{'s' * (n != 1)}")
    width = max(11, *(len(p.name) for p in room.participants))
    print(f"\n{'participant':<{width}}  {'morale':>7} {'innovation':>10} {'delivery':>8} "
          f"{'score':>6}  profile")
    for p in sorted(room.participants, key=lambda p: -p.result.score):
        f = p.result.final
        print(f"{p.name:<{width}}  {f['morale']:7.1f} {f['innovation']:10.1f} {f['delivery']:8.1f} "
              f"{p.result.score:6.1f}  "
              + profile_words(p.result.profile, p.result.lead, p.result.manage, p.result.leader_share))
    print(f"\n{'room':<{width}}  " + " ".join(
        f"{room.spread[m].mean:{w}.1f}" for m, w in zip(MEASURES, (7, 10, 8, 6), strict=True))
        + "  mean")
    print(f"{'':<{width}}  " + " ".join(
        f"{room.spread[m].sd:{w}.1f}" for m, w in zip(MEASURES, (7, 10, 8, 6), strict=True))
        + "  spread (standard deviation)")
    if room.par is not None and room.beat_par is not None:
        print(f"par {room.par:g}: beaten by {room.beat_par} of {n}")
    print("\nprofiles:")
    for group in room.profiles:
        score = f"mean score {group.mean_score:.1f}" if group.mean_score is not None else "-"
        print(f"  {group.profile:<14} {group.count:>3}  {score}")
    print("\nlessons:")
    for lesson in room.lessons:
        print(f"  {lesson.held_for:>3} of {n}: {lesson.text}")
