"""What the window needs from the rest of the game, in one place.

The UI reads a session and sends it decisions; it never computes outcomes. Tests swap in a
stand-in `Core`; the game uses `default_core()`, which imports the real session lazily.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Core:
    load_scenario: Callable[[Path], Any]       # path -> Scenario (raises scenario_error)
    new_session: Callable[[Any, int], Any]     # (scenario, seed) -> session
    make_strategy: Callable[[str, int], Any]   # (name, seed) -> strategy with .decide(session)
    scenario_error: type[Exception]
    default_dir: Path | None = None            # the shipped scenarios folder
    default_scenario: str | None = None        # id of the scenario `play` starts by default
    # (finished session, player) -> KeptGame: save it and add it to the play history
    keep_game: Callable[[Any, str], Any] | None = None
    # the headless session features the window offers when the core has them
    can_undo: Callable[[Any], bool] | None = None      # session -> anything to undo?
    undo: Callable[[Any], Any] | None = None           # session -> session minus its last decision
    rewind: Callable[[Any, int], Any] | None = None    # (session, round) -> a "what if" branch
    original_line: Callable[[Any], Any] | None = None  # session -> the rounds of the line it left
    forecast: Callable[[Any], Any] | None = None       # session -> Forecast (rules/forecast.py)
    people: Callable[[Any], Any] | None = None         # session -> [Person]
    team_fatigue: Callable[[Any], Any] | None = None   # session -> {team: fatigue} or None
    autosave: Any = None   # the unfinished game kept after every move (persistence/autosave.py)


def default_core() -> Core:
    from game.analysis.strategies import make_strategy
    from game.persistence import autosave, keep_game
    from game.rules import branching, forecast
    from game.rules.session import GameSession
    from game.scenario import DEFAULT_SCENARIO_ID, ScenarioError, load_scenario, scenarios_dir

    return Core(
        load_scenario=lambda path: load_scenario(path),
        new_session=lambda scenario, seed: GameSession(scenario, seed=seed),
        make_strategy=make_strategy,
        scenario_error=ScenarioError,
        default_dir=Path(scenarios_dir()),
        default_scenario=DEFAULT_SCENARIO_ID,
        keep_game=lambda session, player: keep_game(session, player),
        can_undo=branching.can_undo, undo=branching.undo, rewind=branching.rewind,
        original_line=branching.original_line, forecast=forecast.forecast,
        people=forecast.people, team_fatigue=forecast.team_fatigue, autosave=autosave,
    )


def scenario_files(folders: list[Path]) -> list[Path]:
    seen: list[Path] = []
    for folder in folders:
        if folder.is_file():
            seen.append(folder)
            continue
        if folder.is_dir():
            seen.extend(sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml")))
    return seen
