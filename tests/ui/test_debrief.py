"""The debrief keeps the game once, shows the score against par and the player's progress,
and never fails because of the files."""

from __future__ import annotations

import pytest

from game.ui.screens.debrief import par_words
from tests.ui import fakes


def finish(app) -> None:  # type: ignore[no-untyped-def]
    app.start_game(app.scenario_path)
    strategy = fakes.FakeStrategy(1)
    while not app.session.over:
        for decision in strategy.decide(app.session):
            assert app.apply(decision)
    app.advance()
    app.frame(1 / 60)
    assert app.top.kind == "debrief"


def test_the_game_is_kept_once_and_progress_grows(make_app) -> None:
    app = make_app()
    keeper = app.core.keep_game
    finish(app)
    app.advance()                       # a second debrief of the same game keeps nothing more
    app.frame(1 / 60)
    assert len(keeper.scores) == 1 and keeper.players == ["Player 1"]
    first = app.top.progress
    assert first.plays == 1 and first.previous_best is None and first.par == 55.0
    finish(app)
    second = app.top.progress
    assert second.plays == 2 and second.previous_best == keeper.scores[0]
    assert "fake-2.json" in app.top.footer_text()


def test_hot_seat_games_are_kept_under_both_names(make_app) -> None:
    app = make_app(hotseat=True, players=("Ana", "Ben"))
    finish(app)
    assert app.core.keep_game.players == ["Ana & Ben"]


def test_no_save_keeps_nothing(make_app) -> None:
    app = make_app(save_results=False)
    finish(app)
    assert app.core.keep_game.scores == [] and app.top.kept is None
    assert "not saved" in app.top.footer_text()


def test_notes_and_a_failing_keeper_never_stop_the_debrief(make_app) -> None:
    app = make_app()
    app.core.keep_game.notes.append("2 damaged lines of your play history skipped.")
    finish(app)
    assert app.top.kind == "debrief" and app.top.kept.notes

    def broken(session: object, player: str) -> object:
        raise RuntimeError("disk on fire")

    app = make_app()
    object.__setattr__(app.core, "keep_game", broken)
    finish(app)
    assert app.top.kind == "debrief"
    assert any("disk on fire" in note for note in app.top.kept.notes)


@pytest.mark.parametrize(("score", "par", "words", "sign"), [
    (68.3, 70.0, "Par 70.0 — 1.7 below par", -1),
    (72.04, 70.0, "Par 70.0 — 2.0 above par", 1),
    (70.02, 70.0, "Par 70.0 — on par", 0),
])
def test_par_in_words(score: float, par: float, words: str, sign: int) -> None:
    assert par_words(score, par) == (words, sign)


def test_every_lesson_can_be_reached_page_by_page(make_app) -> None:
    from dataclasses import replace

    app = make_app()
    finish(app)
    screen = app.top
    many = [f"Lesson {i}: " + "a sentence long enough to wrap onto a second line. " * 2
            for i in range(14)]
    screen.result = replace(screen.result, lessons=many)
    pages = screen.pages()
    assert len(pages) > 1 and [lesson for page in pages for lesson in page] == many
    seen = []
    for _ in pages:
        app.frame(1 / 60)                       # draws the page shown
        seen.append(screen.lesson_page)
        screen.on_char("l")
    assert seen == list(range(len(pages))) and screen.lesson_page == 0


class _InRoom:
    """A driver standing in for the workshop room's (game/ui/room_hook.py)."""

    in_room = True
    player = None

    def before_events(self, app) -> None:  # type: ignore[no-untyped-def]
        pass

    def after_draw(self, app) -> None:  # type: ignore[no-untyped-def]
        pass


def test_in_a_room_the_debrief_offers_no_second_game(make_app) -> None:
    app = make_app()
    app.driver = _InRoom()
    finish(app)
    assert "again" not in app.top.widgets
    app.top.on_char("r")
    assert app.top.kind == "debrief"             # the room counts one game: R does nothing
    app = make_app()
    finish(app)
    assert "again" in app.top.widgets
