"""A first-time player who reads the board does well: the plan a game starts from can be kept,
and the needs and gets the board shows are enough to put the nearest date on track.

`Newcomer` plays as a workshop participant would on their first game: it leads as the
balanced persona does (a vision that fits, kept; all the energy spent on people), leaves the
budget as offered, and in each manager phase it reads the board (the forecast's needs and
gets) and gives the nearest-due project that gets less than it needs a step more of a team's
capacity: from work on a project already shipped first (the model counts it as idle), then
slack, else from the latest-due work, until the board says it is on track or nothing more
can be moved.
"""

from __future__ import annotations

import numpy as np
import pytest

from game.analysis.strategies import Balanced, play
from game.rules.decisions import ChooseOption, Continue, Decision, EndPhase, Schedule
from game.rules.forecast import forecast
from game.rules.records import Phase
from game.rules.session import GameSession
from game.scenario import load_scenario

STEP = 0.05        # one click of the board's "+"
CLICKS = 30        # a newcomer's patience per round


class Newcomer:
    name = "newcomer"

    def __init__(self, read_board: bool = True) -> None:
        self.read_board = read_board
        self.balanced = Balanced()   # its leadership and its reading of an event's effects

    def decide(self, session: GameSession) -> list[Decision]:
        if session.phase is Phase.LEADER:   # leads as the balanced persona does
            return self.balanced.decide(session)
        if session.phase is Phase.MANAGER:
            return ([Schedule(self.plan(session))] if self.read_board else []) + [EndPhase()]
        if session.phase is Phase.EVENT:
            return [d for d in self.balanced.decide(session) if isinstance(d, ChooseOption)]
        return [Continue()]

    def plan(self, session: GameSession) -> dict[str, dict[str, float]]:
        """Click "+" on the nearest-due project short of what it needs, as the board says."""
        trial = session.fork(seed=0)
        schedule = {t: dict(row) for t, row in trial.manager.schedule.items()}
        teams = [t for t in session.teams if not t.absent(session.round)]
        shipped = [p.id for p in session.projects if p.state.startswith("shipped")]   # idle work
        for _ in range(CLICKS):
            board = forecast(trial).projects
            short = sorted((o for o in board.values() if o.gets < o.needs and o.verdict != "on track"
                            and not next(p for p in session.projects if p.id == o.id).waiting),
                           key=lambda o: o.due)
            if not short:
                break
            target = short[0].id
            load = {t.id: sum(s for p, s in schedule[t.id].items() if p not in shipped) for t in teams}
            team = max(teams, key=lambda t: (1.0 - load[t.id], t.capacity))
            done = [p for p in shipped if schedule[team.id].get(p, 0.0) >= STEP]
            if done:   # its people come off the shipped work first
                schedule[team.id][done[0]] = round(schedule[team.id][done[0]] - STEP, 6)
            elif load[team.id] > 1.0 - STEP + 1e-9:   # no slack: move work from the latest date
                donors = sorted(((board[p].due, t.id, p) for t in teams for p, s in schedule[t.id].items()
                                 if s >= STEP and p != target and p in board
                                 and board[p].due > board[target].due), reverse=True)
                if not donors:
                    break
                _, team_id, donor = donors[0]
                schedule[team_id][donor] = round(schedule[team_id][donor] - STEP, 6)
                team = next(t for t in teams if t.id == team_id)
            schedule[team.id][target] = round(min(schedule[team.id][target] + STEP, 1.0), 6)
            trial.apply(Schedule(schedule))
        return schedule


def score(scenario_id: str, make: type, seeds: range) -> float:
    scenario = load_scenario(scenario_id)
    return float(np.mean([play(GameSession(scenario, seed), make()).result().score for seed in seeds]))


@pytest.mark.parametrize("scenario_id", ["scaling-new-markets", "first-voyage"])
def test_a_newcomer_who_reads_the_board_plays_near_par(scenario_id: str) -> None:
    par = load_scenario(scenario_id).par
    assert par is not None
    assert score(scenario_id, Newcomer, range(4)) >= par - 8


def test_the_starting_plan_kept_is_a_game_in_every_scenario() -> None:
    """Keeping the plan a game starts from every round, leading as the balanced persona does,
    scores within 10 of the balanced persona everywhere."""
    from game.scenario import list_scenarios

    for path in list_scenarios():
        scenario = load_scenario(path)

        def keeper() -> Newcomer:
            return Newcomer(read_board=False)

        kept = score(scenario.id, keeper, range(4))
        balanced = score(scenario.id, Balanced, range(4))
        assert kept >= balanced - 10, (scenario.id, kept, balanced)


def test_the_starting_plan_puts_the_nearest_date_on_track_in_every_scenario() -> None:
    from game.scenario import list_scenarios

    for path in list_scenarios():
        session = GameSession(load_scenario(path), 0)
        session.apply(EndPhase())
        board = forecast(session).projects
        first = min(o.due for o in board.values())
        nearest = [o for o in board.values() if o.due == first]
        assert all(o.verdict == "on track" and o.gets >= o.needs * 0.95 for o in nearest), \
            (session.scenario.id, nearest)
