"""Driving the real window as a person does: real key and text events, launched the way the
README says.

A key on a real keyboard reaches pygame (SDL) as KEYDOWN (its key, modifiers and character),
then TEXTINPUT with the character when it types one, then KEYUP; a capital letter comes
inside Shift's own KEYDOWN/KEYUP. `keystroke` and `keystrokes` build exactly that, so a
test that types sees what a player would: a shortcut's letter landing in a text field, or
Enter pressing what has the focus.

`launch(monkeypatch, script, *argv)` starts the game through `game.cli.main` (what
`python -m game` runs) and lets `script` play the window that command opens: the script
runs each frame with `App.frame`, which is all `App.run`'s loop does.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game import cli
from game.ui.app import App

NAMED = {pygame.K_RETURN: "\r", pygame.K_KP_ENTER: "\r", pygame.K_TAB: "\t",
         pygame.K_ESCAPE: "\x1b", pygame.K_BACKSPACE: "\x08", pygame.K_DELETE: "\x7f"}


def _event(kind: int, key: int, mod: int, char: str) -> pygame.event.Event:
    return pygame.event.Event(kind, key=key, mod=mod, unicode=char, scancode=0)


def keystroke(key: int, mod: int = 0, char: str | None = None) -> list[pygame.event.Event]:
    """One key press as SDL sends it. `char` is what it types (default: the key's own
    character); Ctrl combinations and keys like Enter, Tab or the arrows type nothing."""
    if char is None:
        char = NAMED.get(key, chr(key) if 32 <= key < 127 else "")
        if mod & pygame.KMOD_SHIFT and char.isalpha():
            char = char.upper()
    ctrl = bool(mod & pygame.KMOD_CTRL)
    shown = chr(ord(char.lower()) - 96) if ctrl and len(char) == 1 and char.isalpha() else char
    events = [_event(pygame.KEYDOWN, key, mod, shown)]
    if char and char.isprintable() and not ctrl:
        events.append(pygame.event.Event(pygame.TEXTINPUT, text=char))
    events.append(_event(pygame.KEYUP, key, mod, ""))
    if mod & pygame.KMOD_SHIFT:
        shift = [_event(pygame.KEYDOWN, pygame.K_LSHIFT, pygame.KMOD_LSHIFT, "")]
        return shift + events + [_event(pygame.KEYUP, pygame.K_LSHIFT, 0, "")]
    return events


def keystrokes(words: str) -> list[list[pygame.event.Event]]:
    """Typing `words` on a keyboard: one key press (Shift for capitals) per character."""
    presses = []
    for char in words:
        if char.isupper():
            presses.append(keystroke(ord(char.lower()), pygame.KMOD_LSHIFT, char))
        else:
            presses.append(keystroke(ord(char) if ord(char) < 127 else 0, 0, char))
    return presses


class Player:
    """Someone at the window: clicks, key presses and typed characters, each counted, with
    frames in between."""

    def __init__(self, app: App) -> None:
        self.app, self.clicks, self.keys, self.typed = app, 0, 0, 0
        self.frames()

    def frames(self, n: int = 3) -> None:
        for _ in range(n):
            self.app.frame(1 / 60)

    def click(self, name: str) -> None:
        pos = self.app.top.centre_of(name)
        for kind in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            extra = {"rel": (0, 0), "buttons": (0, 0, 0)} if kind == pygame.MOUSEMOTION \
                else {"button": 1}
            pygame.event.post(pygame.event.Event(kind, pos=pos, **extra))
        self.clicks += 1
        self.frames()

    def press(self, key: int, mod: int = 0) -> None:
        for event in keystroke(key, mod):
            pygame.event.post(event)
        self.keys += 1
        self.frames()

    def type(self, words: str) -> None:
        for press in keystrokes(words):
            for event in press:
                pygame.event.post(event)
            self.typed += 1
            self.frames(1)
        self.frames()

    def close_window(self) -> None:
        """The window's close button (a QUIT event), answering yes if it asks."""
        pygame.event.post(pygame.event.Event(pygame.QUIT))
        self.frames()
        if self.app.running and self.app.top.kind == "confirm":
            self.press(pygame.K_y)

    def wait_for(self, *kinds: str) -> None:
        for _ in range(300):
            if self.app.top.kind in kinds:
                return
            self.frames(1)
        raise AssertionError(f"stuck on {self.app.top.kind}")


def launch(monkeypatch: object, script: Callable[[App], None], *argv: str) -> int:
    """`python -m game ARGV...`, with `script` playing the window it opens; the exit code."""
    def run(app: App, fps: int = 60, fixed_dt: float | None = None) -> int:
        script(app)
        return app.exit_code

    monkeypatch.setattr(App, "run", run)  # type: ignore[attr-defined]
    return cli.main(list(argv))
