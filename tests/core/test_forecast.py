"""The forecast runs the model on a copy: it never changes the game, and its numbers move
with the plan the way the model says they should."""

from __future__ import annotations

from game.rules.decisions import EndPhase, Schedule
from game.rules.forecast import fatigue_known, forecast, people, team_fatigue
from game.rules.session import GameSession
from game.scenario import load_scenario, resolve_scenario


def session() -> GameSession:
    return GameSession(load_scenario(resolve_scenario("scaling-new-markets")), 4)


def test_forecast_leaves_the_game_alone_and_is_repeatable() -> None:
    s = session()
    before = (s.metrics, s.log, s.round)
    first = forecast(s)
    assert forecast(s) == first
    assert (s.metrics, s.log, s.round) == before
    assert set(first.projects) == {p.id for p in s.scenario.projects}
    assert all(0.0 <= o.chance <= 1.0 for o in first.projects.values())


def test_focus_puts_a_project_on_track_and_overload_tires_people() -> None:
    s = session()
    s.apply(EndPhase())
    projects = [p.id for p in s.scenario.projects]
    everyone_on_emea = {t.id: {p: (0.9 if p == "emea" else 0.0) for p in projects}
                        for t in s.teams}
    s.apply(Schedule(everyone_on_emea))
    calm = forecast(s)
    assert calm.projects["emea"].verdict == "on track"
    assert calm.projects["apac"].verdict == "off track"
    overloaded = {t.id: {p: (0.3 if p == "emea" else 0.25) for p in projects} for t in s.teams}
    s.apply(Schedule(overloaded))
    busy = forecast(s)
    assert busy.teams["platform"].load > 1.0
    assert busy.teams["platform"].fatigue_change > calm.teams["platform"].fatigue_change + 1


def test_each_project_says_what_it_needs_and_what_the_plan_gives_it() -> None:
    """Needs: the scope left over the rounds left to its date. Gets: the work the model does on
    it a round under the plan as it stands. The starting plan meets the first date; a plan
    that leaves a project out gives it nothing, and says so."""
    s = session()
    s.apply(EndPhase())
    start = forecast(s).projects
    emea = start["emea"]
    assert emea.needs == 50 / 4 and emea.gets >= emea.needs and emea.verdict == "on track"
    assert {p.id for p in s.scenario.projects if start[p.id].gets < start[p.id].needs} <= \
        {"payments", "apac", "auto-localise", "partner-market"}
    projects = [p.id for p in s.scenario.projects]
    s.apply(Schedule({t.id: {p: (0.0 if p == "emea" else 0.2) for p in projects} for t in s.teams}))
    left_out = forecast(s).projects
    assert left_out["emea"].gets == 0 and left_out["emea"].verdict == "off track"
    assert left_out["emea"].needs == emea.needs
    assert left_out["apac"].gets > start["apac"].gets   # its share went up from the start


def test_people_one_per_employee_and_fatigue_hidden_until_listening() -> None:
    s = session()
    folks = people(s)
    assert len(folks) == sum(t.headcount for t in s.teams)
    assert all(p.fatigue is None and not p.new for p in folks)
    assert not fatigue_known(s) and team_fatigue(s) is None


def test_work_that_cannot_count_yet_is_not_forecast_and_arriving_teams_are() -> None:
    """As in the game: work on a project counts once the projects it requires have shipped
    and once it has arrived; a team works from the round it arrives."""
    s = GameSession(load_scenario(resolve_scenario("the-ward-merger")), 1)
    s.apply(EndPhase())
    projects = [p.id for p in s.scenario.projects]
    only = {t.id: {p: (1.0 if p == "records" else 0.0) for p in projects} for t in s.teams}
    s.apply(Schedule(only))   # the servers it needs are never installed
    blocked = forecast(s).projects["records"]
    assert blocked.gets == 0 and blocked.verdict == "off track"
    first = {t.id: {p: (1.0 if p == "servers" else 0.0) for p in projects} for t in s.teams}
    first["theatre"] = {p: (1.0 if p == "records" else 0.0) for p in projects}   # arrives in 3
    s.apply(Schedule(first))
    after_servers = forecast(s).projects["records"]
    assert after_servers.gets > 0 and after_servers.progress > 0.2
