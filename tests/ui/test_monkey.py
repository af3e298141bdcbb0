"""A monkey: random mouse and keyboard input on every screen must never raise."""

from __future__ import annotations

import random

import pygame

from game.ui.app import App
from game.ui.core import default_core
from game.ui.screens.title import TitleScreen
from game.ui.settings import Settings

KEYS = [pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_TAB, pygame.K_SPACE, pygame.K_UP,
        pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_BACKSPACE,
        *range(pygame.K_0, pygame.K_9 + 1), *range(pygame.K_a, pygame.K_z + 1)]


def random_event(rng: random.Random, size: tuple[int, int], app) -> pygame.event.Event:  # type: ignore[no-untyped-def]
    roll = rng.random()
    if roll < 0.45 and app.top.widgets and rng.random() < 0.7:   # aim at a widget mostly
        el = rng.choice(list(app.top.widgets.values()))
        pos = el.rect.center
    else:
        pos = (rng.randrange(size[0]), rng.randrange(size[1]))
    if roll < 0.45:
        return pygame.event.Event(pygame.MOUSEBUTTONDOWN if rng.random() < 0.5
                                  else pygame.MOUSEBUTTONUP, pos=pos, button=1)
    if roll < 0.55:
        return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    if roll < 0.65:
        return pygame.event.Event(pygame.TEXTINPUT, text=rng.choice(["5", "0.5", "x", "120", "-3"]))
    key = rng.choice(KEYS)
    # Ctrl+Enter commits a phase, Ctrl+Z undoes: the monkey presses them too
    mod = pygame.KMOD_CTRL if key in (pygame.K_RETURN, pygame.K_z) and rng.random() < 0.5 else 0
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, scancode=0,
                              unicode=pygame.key.name(key) if len(pygame.key.name(key)) == 1
                              else "")


def test_monkey_20000_events() -> None:
    core = default_core()
    app = App(core, Settings(seed=5))   # the real session and the shipped scenarios
    app.set_root(TitleScreen(app))
    rng = random.Random(7)
    seen: set[str] = set()
    rounds: list[int] = []
    events = 0
    while events < 20_000:
        for _ in range(8):
            pygame.event.post(random_event(rng, app.window.get_size(), app))
            events += 1
        app.frame(1 / 30)
        if events % 400 == 0 and app.session is not None:
            # jump ahead so the monkey also reaches events, later rounds and the debrief
            for _ in range(40 if events % 2000 == 0 else 6):
                if app.session.over:
                    break
                for decision in core.make_strategy("balanced", 0).decide(app.session):
                    app.apply(decision)  # the monkey may have planned some already
            app.advance()
            app.frame(1 / 30)
            seen.add(app.top.kind)
        seen.add(app.top.kind)
        rounds.append(app.session.round if app.session is not None else 0)
        if app.top.kind == "message" and "went wrong" in app.top.title:
            raise AssertionError(app.top.body)
        if not app.running:           # the monkey found Quit: start again
            app.running = True
            app.set_root(TitleScreen(app))
    app.close()
    print(sorted(seen), max(rounds))
    assert {"title", "picker", "briefing", "leader", "manager", "report", "event",
            "debrief"} <= seen, seen
