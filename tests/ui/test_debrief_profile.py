"""The window's debrief tells the game played: a hands-off game is drawn as hands-off (no
50/50 bar), and each objective is drawn met or missed as the rules scored it."""

from __future__ import annotations

from game.analysis.strategies import make_strategy
from game.ui.widgets import text
from tests.library.debrief_truth import HandsOff


def debrief_texts(app, strategy) -> list[str]:  # type: ignore[no-untyped-def]
    app.start_game(app.scenario_path)
    while not app.session.over:
        app.session.apply_all(strategy.decide(app.session))
    app.advance()
    app.frame(1 / 60)
    assert app.top.kind == "debrief"
    text.RECORD = []
    try:
        app.update(0.0)
        app.draw()
        return [shown for _, shown, _ in text.RECORD]
    finally:
        text.RECORD = None


def test_a_hands_off_game_is_drawn_hands_off(make_real) -> None:
    app = make_real(size=(1280, 720))
    drawn = debrief_texts(app, HandsOff())
    assert "Hands-off: nobody led, nobody managed" in drawn
    assert any(t.startswith("Hands-off: leading 0%, managing 0%") for t in drawn)
    assert not any(t.startswith(("Leader ", "Manager ")) for t in drawn)
    result = app.top.result
    met = sum(o.status == "met" for o in result.objectives)
    scored = sum(bool(o.status) for o in result.objectives)
    assert f"Objectives: {met} of {scored} met" in drawn   # as the rules scored this game


def test_objectives_are_drawn_as_the_rules_scored_them(make_real) -> None:
    app = make_real(size=(1280, 720))
    drawn = debrief_texts(app, make_strategy("balanced", 3))
    result = app.top.result
    scored = [o for o in result.objectives if o.scored]
    assert scored and f"Objectives: {sum(o.status == 'met' for o in scored)} of {len(scored)} met" in drawn
    words = [t for t in drawn if t in ("Met", "Missed")]
    assert words == [o.status.capitalize() for o in scored]
    assert any(t.startswith("Leader ") for t in drawn)
