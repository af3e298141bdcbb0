"""Hot-seat with two real roles, launched as the README says and played with real keys:
Enter on the title starts what its focus says, the manager sees the leader's choices, the
leader sees the manager's last plan, and the facilitator's timer warns before it commits."""

from __future__ import annotations

import pygame

from game.persistence import decode_decision, encode_decision
from game.rules.decisions import EndPhase
from game.rules.plans import starting_budget
from game.rules.session import replay
from game.scenario.loader import load_scenario
from game.ui.app import App
from game.ui.widgets import text
from tests.ui.keyboard import Player, launch
from tests.ui.test_input_count import default_entry


def drawn(app: App) -> str:
    """Every string the screen on top draws, one a line."""
    text.RECORD = []
    try:
        app.draw()
        return "\n".join(shown for _, shown, _ in text.RECORD)
    finally:
        text.RECORD = None


def test_two_players_see_each_others_choices(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seen: dict[str, str] = {}

    def script(app: App) -> None:
        p = Player(app)
        assert app.top.kind == "title" and app.top.focus == "hotseat"
        p.press(pygame.K_RETURN)                          # what the focus says: hot-seat
        assert app.top.kind == "picker" and app.settings.hotseat
        p.press(pygame.K_1 + default_entry(app))
        p.press(pygame.K_RETURN)
        p.press(pygame.K_RETURN)                          # briefing
        assert app.top.kind == "handover" and app.top.player == "Ana"
        p.press(pygame.K_RETURN)
        for char in "2tc":                                # Ana: vision 2, town hall, coaching
            p.press(ord(char))
        p.press(pygame.K_RETURN, pygame.KMOD_LCTRL)
        p.press(pygame.K_y)                               # 1 energy left: commit anyway
        assert app.top.kind == "handover" and app.top.player == "Ben"
        p.press(pygame.K_RETURN)
        assert app.top.kind == "manager"
        seen["manager"] = drawn(app)
        p.press(pygame.K_v)                               # Ben: reviews on
        p.press(pygame.K_RETURN, pygame.KMOD_LCTRL)
        p.wait_for("event", "report")
        while app.top.kind == "event":
            p.press(pygame.K_1)
        p.press(pygame.K_RETURN)
        p.press(pygame.K_RETURN)                          # hand-over to Ana, round 2
        assert app.top.kind == "leader" and app.session.round == 2
        seen["leader"] = drawn(app)
        app.running = False

    assert launch(monkeypatch, script, "play", "--hotseat", "--players", "Ana,Ben") == 0
    assert "Ana's plan this quarter" in seen["manager"]
    assert "Vision: Win Europe first, then grow (new)" in seen["manager"]
    assert "Town hall · Coach Platform · 1 energy unspent" in seen["manager"]
    offered = starting_budget(load_scenario("scaling-new-markets"))   # Ben kept the offered split
    assert (f"Ben's plan last quarter: operations {offered['operations']:.0f}, "
            f"innovation {offered['innovation']:.0f}") in seen["leader"]
    assert "reserve 10 · reviews on\n" in seen["leader"]           # whole, not cut


def test_the_timer_warns_at_ten_seconds_and_the_report_says_what_it_left(make_real) -> None:  # type: ignore[no-untyped-def]
    app = make_real(timer=15)
    app.start_game(app.scenario_path)
    app.advance()
    p = Player(app)
    p.press(pygame.K_t)                                   # a town hall: 3 of 5 energy left
    app.update(4.0)
    assert "s left: the phase commits itself" not in drawn(app)
    app.update(2.0)                                       # 9 s left
    assert "9 s left: the phase commits itself" in drawn(app)
    app.update(9.5)
    assert app.top.kind == "manager"
    app.update(15.5)                                      # nothing unspent: nothing said
    p.wait_for("event", "report")
    while app.top.kind == "event":
        p.press(pygame.K_1)
    record = app.session.history[0]
    assert record.timed_out == ["The timer ended the leader phase with 3 of 5 energy unspent"]
    assert "Timer · The timer ended the leader phase with 3 of 5 energy unspent" in drawn(app)
    log = app.session.log
    assert sum(isinstance(d, EndPhase) and d.timed_out for d in log) == 2
    again = replay(app.scenario, app.session.seed,
                   [decode_decision(encode_decision(d), "d") for d in log])
    assert again.history == app.session.history
    assert encode_decision(EndPhase()) == {"type": "EndPhase"}      # saves as before
