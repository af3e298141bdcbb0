"""Safety and forgiveness on the real session: Enter, Ctrl+Enter, confirmations, F5, undo,
"what if", clamped values said out loud, and a plan that stays visible at every scale."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.rules.decisions import EndPhase, Inspire
from game.rules.plans import starting_budget, starting_schedule
from game.ui.app import App
from game.ui.core import default_core
from game.ui.input import EnterText, Key
from tests.ui.conftest import windows


@pytest.fixture
def make() -> Iterator:
    yield from windows(lambda settings: App(default_core(), settings), seed=3, save_results=False)


def shipped(app: App) -> Path:
    return app.core.default_dir / f"{app.core.default_scenario}.yaml"


def leader(app: App, path: Path | None = None) -> None:
    app.start_game(path or shipped(app))
    app.advance()
    app.frame(1 / 60)


def test_enter_presses_the_focused_control_and_ctrl_enter_commits(make) -> None:  # type: ignore[no-untyped-def]
    app = make()
    leader(app)
    app.top.focus = "action:recognition"
    app.top.handle(Key("enter"))
    assert [a.action for a in app.session.leader.actions] == ["recognition"]
    assert app.phase() == "LEADER"                       # Enter did not commit
    app.top.focus = None
    app.top.handle(Key("enter"))
    assert app.phase() == "LEADER" and "Ctrl+Enter" in app.toast
    app.top.handle(Key("commit"))                        # 4 energy left: asked first
    assert app.top.kind == "confirm" and "4 of 5 energy" in app.top.body
    app.top.handle(Key("back"))
    assert app.top.kind == "leader" and app.phase() == "LEADER"
    app.top.handle(Key("commit"))
    app.top.handle(Key("char:y"))
    assert app.phase() == "MANAGER" and app.top.kind == "manager"


def test_undo_takes_back_the_last_choice_of_the_phase(make) -> None:  # type: ignore[no-untyped-def]
    app = make()
    leader(app)
    app.top.on_click("action:town_hall")
    app.top.on_click("action:listening")
    app.top.handle(Key("undo"))
    assert [a.action for a in app.session.leader.actions] == ["town_hall"]
    assert app.top.widgets["undo"].is_enabled
    app.top.handle(Key("undo"))
    assert app.session.leader.actions == () and not app.top.widgets["undo"].is_enabled


def test_f5_reloads_only_a_scenario_from_a_path_and_asks_first(make, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make()
    leader(app)
    app.apply(Inspire("town_hall"))
    app.dispatch(Key("reload"))
    assert app.top.kind == "leader" and "your own scenario files" in app.toast
    mine = tmp_path / "mine.yaml"
    mine.write_bytes(shipped(app).read_bytes())
    leader(app, mine)
    app.apply(Inspire("town_hall"))
    app.dispatch(Key("reload"))
    assert app.top.kind == "confirm" and "lost" in app.top.body
    app.top.handle(Key("char:y"))
    assert app.top.kind == "briefing" and app.session.log == () and "Reloaded" in app.toast


def test_restart_and_quit_ask_while_a_game_is_on(make) -> None:  # type: ignore[no-untyped-def]
    app = make()
    leader(app)
    app.quit()
    assert app.running is False                           # nothing to lose yet
    app.running = True
    app.apply(Inspire("town_hall"))
    app.quit()
    assert app.running is True and app.top.kind == "confirm"
    app.top.handle(Key("back"))
    app.open_pause()
    app.top.on_click("restart")
    assert app.top.kind == "confirm"
    app.top.on_click("yes")
    assert app.top.kind == "briefing" and app.session.log == ()


def manager(app: App) -> dict[str, float]:
    leader(app)
    app.apply(EndPhase())
    app.advance()
    assert app.top.kind == "manager"
    return dict(app.session.manager.budget)


def test_typing_an_amount_and_plus_follow_one_rule(make) -> None:  # type: ignore[no-untyped-def]
    """More than is free, typed or by "+", is taken from the reserve (then the largest other
    line) with a line that says so; the line is gone once the round has been committed."""
    pressed, typed = make(), make()
    start = manager(pressed)
    assert manager(typed) == start and start["reserve"] >= 5 and pressed.session.manager.budget_left < 1
    pressed.top.on_click("budget:innovation:+")
    typed.top.handle(EnterText("budget:innovation:field", f"{start['innovation'] + 5:g}"))
    for app in (pressed, typed):
        assert app.session.manager.budget == {**start, "innovation": start["innovation"] + 5,
                                              "reserve": start["reserve"] - 5}
        assert "5 taken from reserve" in app.toast and app.toast_good
    typed.top.handle(EnterText("budget:training:field", "50"))
    budget = typed.session.manager.budget
    assert budget["training"] == 50 and budget["reserve"] == 0
    assert sum(budget.values()) == pytest.approx(sum(start.values()))
    assert "taken from reserve" in typed.toast and "from operations" in typed.toast
    typed.top.handle(EnterText("budget:training:field", "500"))
    assert "not 500" in typed.toast and typed.session.manager.budget["training"] == \
        pytest.approx(sum(start.values()))
    typed.top.handle(EnterText("cell:platform:emea:field", "150"))
    assert "100%" in typed.toast and typed.session.manager.schedule["platform"]["emea"] == 1.0
    pressed.top.commit(ask=False)
    pressed.frame(1 / 60)
    assert pressed.top.kind != "manager" and pressed.toast_time == 0


@pytest.mark.parametrize(("size", "scale"), [((1280, 720), 1.0), ((1920, 1080), 1.75),
                                             ((2560, 1440), 1.75), ((2560, 1440), 2.0)])
def test_the_plan_stays_visible_at_every_scale(make, size, scale) -> None:  # type: ignore[no-untyped-def]
    app = make(size=size, ui_scale=scale)
    leader(app)
    for action in ("town_hall", "recognition", "listening", "celebrate"):
        app.top.on_click(f"action:{action}")
    app.frame(1 / 60)
    chips = [n for n in app.top.widgets if n.startswith("planned:")]
    assert len(chips) >= 3   # the rest, if any, are counted as "and N more"
    assert "planned:0" in chips                            # the town hall, planned first
    window = app.window.get_rect()
    assert all(window.contains(app.top.widgets[n].rect) for n in chips)


def test_what_if_replays_a_round_and_the_debrief_draws_both_lines(make) -> None:  # type: ignore[no-untyped-def]
    app = make()
    app.start_game(shipped(app))
    strategy = app.core.make_strategy("balanced", 3)
    while app.session.round < 2 or app.phase() != "REPORT":
        app.session.apply_all(strategy.decide(app.session))
    app.advance()
    first = list(app.session.history)
    app.top.handle(Key("char:w"))
    assert app.top.kind == "confirm"
    app.top.handle(Key("char:y"))
    assert app.top.kind == "leader" and app.session.round == 2
    assert app.session.branch.from_round == 2
    assert app.session.history == first[:1]
    while not app.session.over:
        app.session.apply_all(app.core.make_strategy("manager-only", 0).decide(app.session))
    app.advance()
    assert app.top.kind == "debrief" and app.top.original == first
    app.frame(1 / 60)


def test_keeping_the_offered_plan_is_not_managing(make) -> None:  # type: ignore[no-untyped-def]
    """The plan a game starts from is an offer: a player who commits both phases without
    touching anything still plays a hands-off round, as the coach must say. The window shows
    the session's own plan (the one a headless game keeps), not another."""
    app = make()
    leader(app)
    app.top.commit(ask=False)
    assert app.top.kind == "manager"
    assert app.session.manager.schedule == starting_schedule(app.session.scenario)
    assert app.session.manager.budget == starting_budget(app.session.scenario)
    app.top.commit(ask=False)
    assert app.session.history[0].activity == 0.0


def test_enter_on_a_box_lets_you_type_into_it(make) -> None:  # type: ignore[no-untyped-def]
    app = make()
    leader(app)
    app.apply(EndPhase())
    app.advance()
    app.top.focus = "budget:training"
    app.top.handle(Key("enter"))
    assert app.top.widgets["budget:training:field"].is_focused
    assert app.phase() == "MANAGER"


def test_enter_out_of_habit_answers_no_event_and_cancels_a_confirm(make_app) -> None:  # type: ignore[no-untyped-def]
    """Real keys: an event that appears where the player has been pressing Enter waits for
    a deliberate choice; a confirm's Enter is its safe choice."""
    from tests.ui.keyboard import Player

    app = make_app()
    app.start_game(app.scenario_path)
    app.advance()
    p = Player(app)
    p.press(pygame.K_t)                                   # a town hall, energy left
    p.press(pygame.K_RETURN, pygame.KMOD_LCTRL)
    assert app.top.kind == "confirm" and app.top.focus == "no"
    assert app.top.no_label == "[Esc] Cancel"
    p.press(pygame.K_RETURN)                              # Enter: the safe choice
    assert app.top.kind == "leader" and app.phase() == "LEADER"
    p.press(pygame.K_RETURN, pygame.KMOD_LCTRL)
    p.press(pygame.K_y)
    p.press(pygame.K_RETURN, pygame.KMOD_LCTRL)           # manager: the round plays
    p.press(pygame.K_y)
    p.wait_for("event")
    assert app.top.focus is None
    p.press(pygame.K_RETURN)
    p.press(pygame.K_SPACE)
    assert app.top.kind == "event" and app.phase() == "EVENT" and "number key" in app.toast
    p.press(pygame.K_TAB)                                 # to the first choice, then Enter
    assert app.top.focus == "choice:0"
    p.press(pygame.K_2)
    assert app.phase() == "REPORT" and app.session.history[0].events[0].choice == "Work through it"


def test_what_if_says_replay_beside_cancel(make) -> None:  # type: ignore[no-untyped-def]
    app = make()
    app.start_game(shipped(app))
    strategy = app.core.make_strategy("balanced", 3)
    while app.phase() != "REPORT":
        app.session.apply_all(strategy.decide(app.session))
    app.advance()
    app.top.handle(Key("char:w"))
    assert (app.top.yes_label, app.top.no_label) == ("[Y] Replay from quarter 1", "[Esc] Cancel")
    app.top.handle(Key("enter"))
    assert app.top.kind == "report" and app.session.branch is None


@pytest.mark.parametrize("opener", [pygame.K_SPACE, pygame.K_RETURN])
def test_the_key_that_opens_a_box_is_not_typed_into_it(make, opener) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.keyboard import Player

    app = make()
    leader(app)
    app.apply(EndPhase())
    app.advance()
    p = Player(app)
    app.top.focus = "budget:training"
    field = app.top.widgets["budget:training:field"]
    shown = field.get_text()                              # the starting plan's training money
    assert shown and shown.strip() == shown
    p.press(opener)                                       # into the box
    assert field.is_focused and field.get_text() == shown   # no space typed into it
    p.press(pygame.K_a, pygame.KMOD_LCTRL)                 # select all, then type over it
    p.type("10")
    p.press(pygame.K_RETURN)
    assert app.session.manager.budget["training"] == pytest.approx(10)


@pytest.mark.parametrize(("left", "hired", "said"), [
    (3, 0, "People · 3 left"), (0, 2, "People · 2 joined (the new ones start unskilled"),
    (1, 2, "People · 1 left, 2 joined (the new ones"), (0, 0, None)])
def test_the_report_mentions_new_people_only_when_someone_joined(make, left, hired, said) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from tests.ui.test_hotseat import drawn

    app = make()
    app.start_game(shipped(app))
    strategy = app.core.make_strategy("balanced", 3)
    while app.phase() != "REPORT":
        app.session.apply_all(strategy.decide(app.session))
    app.session.history[-1] = replace(app.session.history[-1], left=left, hired=hired)
    app.advance()
    lines = [line for line in drawn(app).split("\n") if line.startswith("People")]
    if said is None:
        assert lines == []
    else:
        assert len(lines) == 1 and lines[0].startswith(said) and " 0 " not in lines[0]
