"""The round report's reasons, as a player meets them: every reason explains itself under
the pointer and the focus, the smaller causes open with a click, Enter or Space and list
every cause, and in hot-seat the coach's advice names the player whose phase it is."""

from __future__ import annotations

import pygame

from game.rules.reasons import explain
from game.rules.records import Phase
from game.ui.app import App
from game.ui.theme import METRIC_NAMES
from tests.ui.audit import TIPS


def key(k: int, char: str = "", mod: int = 0) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=char, scancode=0))


def click(pos: tuple[int, int]) -> None:
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        pygame.event.post(pygame.event.Event(kind, button=1, pos=pos))


def frames(app: App, n: int = 3) -> None:
    for _ in range(n):
        app.frame(1 / 60)


def to_report(app: App, rounds: int = 2) -> None:
    app.tips_dismissed.update(TIPS)   # the tutorial's tips are another test's
    app.start_game(app.scenario_path)
    session, strategy = app.session, app.core.make_strategy("balanced", 0)
    for n in range(rounds):
        while session.phase is not Phase.REPORT:
            session.apply_all(strategy.decide(session))
        if n < rounds - 1:
            session.apply_all(strategy.decide(session))
    app.advance()
    frames(app)
    assert app.top.kind == "report"


def test_every_reason_explains_itself_and_tab_reaches_them_all(make_real) -> None:
    app = make_real(size=(1280, 720))
    to_report(app)
    record = app.session.history[-1]
    reasons = [n for n in app.top.focus_order if n.startswith(("reason:", "more:"))]
    assert {n.split(":")[1] for n in reasons} == set(METRIC_NAMES)
    for name in reasons:
        el = app.top.widgets[name]
        assert el.tool_tip_text and "Lever: " in el.tool_tip_text or name.startswith("more:")
        if name.startswith("reason:"):   # the label a player reads is the record's own
            label = el.tool_tip_text.split(": ", 1)[0]
            assert label in [lab for lab, _ in record.drivers[name.split(":")[1]]]
            assert el.tool_tip_text.endswith(explain(label))
    assert app.top.focus == "continue"
    seen = []
    for _ in reasons:   # Tab from "Next" walks the reasons top to bottom
        key(pygame.K_TAB)
        frames(app, 1)
        seen.append(app.top.focus)
    assert seen == reasons


def test_smaller_causes_open_by_keyboard_and_by_mouse_and_show_every_cause(make_real) -> None:
    app = make_real(size=(1280, 720))
    to_report(app)
    record = app.session.history[-1]
    more = next(n for n in app.top.focus_order if n.startswith("more:"))
    metric = more.split(":")[1]
    while app.top.focus != more:
        key(pygame.K_TAB)
        frames(app, 1)
    key(pygame.K_SPACE)
    frames(app)
    assert app.top.kind == "causes"
    causes = [el.text for n, el in app.top.widgets.items() if n.startswith("cause:")]
    assert len(causes) == len(record.drivers[metric])   # all of them, none left out
    assert app.top.focus == "cause:0"          # the biggest first, explained at the bottom
    assert app.top.explanation("cause:0").endswith(explain(app.top.items[0][0]))
    key(pygame.K_DOWN)
    frames(app, 1)
    assert app.top.focus == "cause:1"
    key(pygame.K_ESCAPE)
    frames(app)
    assert app.top.kind == "report" and app.top.focus == more   # back where the player was
    click(app.top.widgets[more].rect.center)
    frames(app)
    assert app.top.kind == "causes"
    click(app.top.widgets["close"].rect.center)
    frames(app)
    assert app.top.kind == "report"
    key(pygame.K_TAB, mod=pygame.KMOD_SHIFT)   # the reason just above
    frames(app, 1)
    reason = app.top.focus
    label = app.top.widgets[reason].tool_tip_text.split(": ", 1)[0]
    key(pygame.K_RETURN)   # Enter on a reason opens the causes with that reason explained
    frames(app)
    assert app.top.kind == "causes" and app.top.explanation(app.top.focus).startswith(label)


def test_hot_seat_coach_names_the_player_whose_phase_the_advice_is_for(make_real) -> None:
    app = make_real(size=(1280, 720), hotseat=True, players=("Ana", "Ben"))
    named = set()
    for rounds in (1, 2, 3, 4):
        to_report(app, rounds)
        words = app.top.coach_text()
        advice = [name for name in ("Ana", "Ben") if f"{name}, as " in words]
        assert len(advice) == 1, words
        role = "leader" if advice[0] == "Ana" else "manager"
        assert f"{advice[0]}, as {role} next" in words
        named.add(advice[0])
        assert words != app.session.history[-1].coach    # solo words name nobody
    assert named   # at least one player was addressed
