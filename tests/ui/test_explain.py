"""The manager board says what each project needs and gets, and every budget line, project
and leader action explains itself on hover and on keyboard focus, at every UI scale."""

from __future__ import annotations

from collections.abc import Iterator

import pygame
import pytest

from game.rules.decisions import EndPhase
from game.rules.prices import PRICES, plain
from game.ui.app import App
from game.ui.core import default_core
from game.ui.screens.board_words import lever_of
from game.ui.widgets import explain, text
from tests.ui.conftest import windows
from tests.ui.test_safety import leader, manager


@pytest.fixture
def make() -> Iterator:
    yield from windows(lambda settings: App(default_core(), settings), seed=3, save_results=False)


def drawn(app: App) -> list[tuple[pygame.Rect, str, bool]]:
    text.RECORD = []
    try:
        app.update(0.0)
        app.draw()
        return list(text.RECORD)
    finally:
        text.RECORD = None


def test_round_one_board_shows_the_first_date_on_track_with_its_needs_and_gets(make) -> None:  # type: ignore[no-untyped-def]
    app = make(size=(1280, 720))
    manager(app)
    seen = app.top.outlook().projects["emea"]
    assert seen.verdict == "on track" and seen.gets >= seen.needs
    lines = {shown: cut for _, shown, cut in drawn(app)}
    for figure in (f"needs {seen.needs:.0f}", f"gets {seen.gets:.0f}", "on track", "off track"):
        assert figure in lines and not lines[figure], figure   # drawn whole at 1280x720
    assert not any("%" in shown and "track" in shown for shown in lines)   # one figure, no %
    legend = next(shown for shown in lines if shown.startswith("delivery. On track"))
    assert "ships by its due" in legend and "Needs, gets" in legend.replace("\n", " ")


def test_budget_lines_overtime_and_reviews_explain_what_they_buy_and_cost(make) -> None:  # type: ignore[no-untyped-def]
    app = make()
    budget = manager(app)
    spots = app.top.spots()
    for name in [*budget, "overtime", "reviews"]:
        control = f"budget:{name}" if name in budget else name
        by_focus = explain.pick(spots, control, None)
        assert by_focus is not None, name
        price, payoff = PRICES[lever_of(name)]
        assert plain(price) in by_focus.body and plain(payoff) in by_focus.body
        assert explain.pick(spots, None, by_focus.rect.center) == by_focus   # and on hover


def test_projects_show_their_description_and_what_would_put_them_on_track(make) -> None:  # type: ignore[no-untyped-def]
    app = make()
    manager(app)
    spots = app.top.spots()
    for proj in app.session.scenario.projects:
        head = next(s for s in spots if s.title == proj.title and s.control is None)
        assert explain.pick(spots, None, head.rect.center) == head
        assert proj.description and proj.description in head.body
    payments = next(s for s in spots if s.title == "Local payment methods" and s.control is None)
    assert "needs about 6 work points a quarter" in payments.body
    assert "Give it more of a team's capacity" in payments.body   # the starting plan gives 0
    cell = explain.pick(spots, "cell:growth:payments", None)
    assert cell is not None and "needs about 6" in cell.body


def test_leader_actions_and_visions_explain_themselves(make) -> None:  # type: ignore[no-untyped-def]
    app = make()
    leader(app)
    spots = app.top.spots()
    for title, lever in (("Coach a team", "coach a team"), ("Town hall", "town hall")):
        aid = "coaching" if lever == "coach a team" else "town_hall"
        spot = explain.pick(spots, f"action:{aid}", None)
        assert spot is not None and spot.title.startswith(title)
        assert plain(PRICES[lever][0]) in spot.body and plain(PRICES[lever][1]) in spot.body
    vision = app.session.scenario.visions[0]
    spot = explain.pick(spots, f"vision:{vision.id}", None)
    assert spot is not None and vision.description in spot.body


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_a_leader_explanation_never_hides_the_other_choices(make, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = make(size=size)
    leader(app)
    spots = app.top.spots()
    window = app.window.get_rect()
    for spot in spots:   # each action and vision, as the keyboard focus reaches it
        box, head, body = explain.card(app.top, spot, window)
        assert window.contains(box) and head and body
        hidden = [other.title for other in spots if other is not spot and box.colliderect(other.rect)]
        assert not hidden, (spot.title, hidden)


@pytest.mark.parametrize("scale", [1.5, 2.0])
def test_explanations_and_tooltips_grow_with_the_ui_scale(make, scale: float) -> None:  # type: ignore[no-untyped-def]
    small, big = make(size=(1280, 720)), make(size=(2560, 1440), ui_scale=scale)
    cards = []
    for app in (small, big):
        leader(app)
        app.apply(EndPhase())
        app.advance()
        spot = explain.pick(app.top.spots(), "budget:operations", None)
        box, _, _ = explain.card(app.top, spot, app.window.get_rect())
        assert app.window.get_rect().contains(box)
        tip = app.manager.create_tool_tip("What this control buys, and its price.", (10, 10),
                                          (0, 0), None, None)
        cards.append((box, tip.rect.copy()))
        tip.kill()
    (box1, tip1), (box2, tip2) = cards
    assert box2.width == pytest.approx(box1.width * scale, rel=0.1)
    assert box2.height >= box1.height * scale * 0.8
    assert tip2.width == pytest.approx(tip1.width * scale, rel=0.1)
    assert tip2.height >= tip1.height * 1.4   # larger type (its padding does not grow)
