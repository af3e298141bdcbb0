"""What `replay` and `debrief` share: finding a save's scenario and replaying it to its end."""

from __future__ import annotations

from game.commands.common import CommandError, load
from game.persistence import SavedGame, SaveError, replay_save
from game.persistence.saves import ScenarioChanged
from game.rules.session import GameSession
from game.scenario.types import Scenario


def one_line(message: str) -> str:
    """The first line of a message, saying how many more there were."""
    lines = [line for line in message.splitlines() if line.strip()] or [message]
    more = len(lines) - 1
    return lines[0] + (f" (and {more} more problem{'s' * (more > 1)})" if more else "")


def scenario_for(saved: SavedGame, override: str | None) -> Scenario:
    """The save's scenario: `override` (an id or a path) if given, else its id in scenarios/."""
    try:
        return load(override or saved.scenario_id)
    except CommandError as exc:
        raise CommandError(f"{saved.source}: cannot load its scenario: {one_line(str(exc))}") from None


def replay_to_end(saved: SavedGame, scenario: Scenario, force: bool) -> GameSession:
    """Replay a save; CommandError (one line) if it is refused or the game is unfinished."""
    try:
        session = replay_save(saved, scenario, force=force)
    except ScenarioChanged as exc:
        raise CommandError(f"{exc}; use --force to replay it anyway") from None
    except SaveError as exc:
        raise CommandError(str(exc)) from None
    if not session.over:
        raise CommandError(f"{saved.source}: the game was saved unfinished (round {session.round} "
                           f"of {scenario.rounds}, {session.phase.value} phase)")
    return session
