"""The one adapter from pygame / pygame_gui events to intents.

Screens never look at raw events: they receive `Click`, `Key`, `EnterText`. Keys are named
by what they mean here (`commit`, `back`, `next`, ...), so the key map lives in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame
import pygame_gui


@dataclass(frozen=True)
class Click:
    """A named control was pressed (by mouse, or by keyboard through focus)."""

    name: str


@dataclass(frozen=True)
class Key:
    """A key with a meaning: enter (press the focused control), commit (Ctrl+Enter: end the
    phase), undo, back, next, prev, up, down, left, right, activate, fullscreen, reload, or
    `char:x` for a letter/digit shortcut."""

    name: str


@dataclass(frozen=True)
class EnterText:
    """A text field was confirmed (Enter) with this text."""

    name: str
    text: str


@dataclass(frozen=True)
class Resize:
    size: tuple[int, int]


@dataclass(frozen=True)
class Quit:
    pass


Intent = Click | Key | EnterText | Resize | Quit

KEYMAP: dict[int, str] = {
    pygame.K_RETURN: "enter",
    pygame.K_KP_ENTER: "enter",
    pygame.K_ESCAPE: "back",
    pygame.K_UP: "up",
    pygame.K_DOWN: "down",
    pygame.K_LEFT: "left",
    pygame.K_RIGHT: "right",
    pygame.K_SPACE: "activate",
    pygame.K_F11: "fullscreen",
    pygame.K_F5: "reload",
    pygame.K_PLUS: "right",
    pygame.K_EQUALS: "right",
    pygame.K_MINUS: "left",
    pygame.K_KP_PLUS: "right",
    pygame.K_KP_MINUS: "left",
}


class Controls:
    """Names for the live widgets, so intents carry names, not widget objects."""

    def __init__(self) -> None:
        self._names: dict[int, str] = {}

    def add(self, element: object, name: str) -> None:
        self._names[id(element)] = name

    def name_of(self, element: object) -> str | None:
        return self._names.get(id(element))

    def clear(self) -> None:
        self._names.clear()


def text_entry_focused(manager: pygame_gui.UIManager) -> bool:
    focused = manager.get_focus_set()
    return any(isinstance(el, pygame_gui.elements.UITextEntryLine) for el in focused or ())


def typed_by_shortcut(event: pygame.event.Event, opened: object) -> bool:
    """Whether `event` is the text of the key press that just opened a screen or a box.

    SDL sends a key as KEYDOWN, then TEXTINPUT with its character, then KEYUP. When the
    KEYDOWN was a shortcut that opened a screen with a text field (P opens the name screen)
    or put the typing focus in a box (Space on a budget box), its TEXTINPUT must not be typed
    into that field. Anything but TEXTINPUT (the KEYUP, the next KEYDOWN) ends the
    shortcut's text.
    """
    return opened is not None and event.type == pygame.TEXTINPUT


def translate(
    event: pygame.event.Event, controls: Controls, manager: pygame_gui.UIManager
) -> Intent | None:
    """The intent an event carries, or None. Call after `manager.process_events(event)`."""
    if event.type == pygame.QUIT:
        return Quit()
    if event.type == pygame.VIDEORESIZE:
        return Resize((int(event.w), int(event.h)))
    if event.type == pygame_gui.UI_BUTTON_PRESSED:
        name = controls.name_of(event.ui_element)
        return Click(name) if name else None
    if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
        name = controls.name_of(event.ui_element)
        return EnterText(name, event.text) if name else None
    if event.type != pygame.KEYDOWN:
        return None
    typing = text_entry_focused(manager)
    ctrl = bool(getattr(event, "mod", 0) & pygame.KMOD_CTRL)
    if ctrl and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
        return Key("commit")
    if ctrl and event.key == pygame.K_z and not typing:
        return Key("undo")
    if event.key == pygame.K_TAB:
        return Key("prev" if event.mod & pygame.KMOD_SHIFT else "next")
    if event.key in (pygame.K_F11, pygame.K_F5):
        return Key(KEYMAP[event.key])
    if typing:
        return Key("back") if event.key == pygame.K_ESCAPE else None
    if event.key in KEYMAP:
        return Key(KEYMAP[event.key])
    char = getattr(event, "unicode", "") or ""
    if len(char) == 1 and char.isalnum():
        return Key(f"char:{char.lower()}")
    if pygame.K_0 <= event.key <= pygame.K_9:
        return Key(f"char:{event.key - pygame.K_0}")
    if pygame.K_a <= event.key <= pygame.K_z:
        return Key(f"char:{chr(event.key)}")
    return None
