"""The screen base: a state on the app's stack with enter/exit/handle/update/draw.

A screen owns pygame_gui widgets only while it is on top (`build`/`clear`), keeps its own
state across rebuilds (resize, UI scale), and lays everything out from scaled metrics.
`draw` only reads state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.ui.input import Click, Intent, Key
from game.ui.widgets import callout, text

if TYPE_CHECKING:
    from game.ui.app import App


class Screen:
    kind = "screen"          # the name screenshots and tests use
    opaque = True            # overlays set False: the screen below is drawn first
    tip_topics: tuple[str, ...] = ()   # the scenario's `tutorial:` tips this screen can show
    backdrop: pygame.Surface | None = None   # overlays: the window as it was when they opened

    def __init__(self, app: App) -> None:
        self.app = app
        self.widgets: dict[str, pygame_gui.core.UIElement] = {}
        self.focus_order: list[str] = []
        self.focus: str | None = None
        self.tip: callout.Tip | None = None

    # --- metrics ---------------------------------------------------------------------------
    def s(self, value: float) -> int:
        """A length at 100% scale, in window pixels."""
        return round(value * self.app.scale)

    @property
    def W(self) -> int:  # noqa: N802 - the window's width
        return self.app.window.get_width()

    @property
    def H(self) -> int:  # noqa: N802
        return self.app.window.get_height()

    def font(self, role: str, bold: bool = False) -> pygame.font.Font:
        return self.app.fonts.get(role, bold)

    def col(self, key: str) -> pygame.Color:
        return self.app.palette.rgb(key)

    # --- lifecycle -------------------------------------------------------------------------
    def enter(self) -> None:
        self.open()

    def open(self) -> None:
        """Build the widgets, then the first tutorial tip not yet dismissed, if any."""
        self.build()
        self.place_tip()

    def exit(self) -> None:
        self.clear()

    def build(self) -> None:
        """Create this screen's widgets for the current size and scale."""

    def clear(self) -> None:
        for el in self.widgets.values():
            el.kill()
        self.widgets.clear()
        self.app.controls.clear()
        self.focus_order = []
        self.tip = None

    def rebuild(self) -> None:
        self.clear()
        self.open()

    # --- tutorial tips -----------------------------------------------------------------------
    def tip_anchor(self, topic: str) -> pygame.Rect | None:
        """The rect a tip is about (a control or a drawn area), or None if not shown now."""
        return None

    def widgets_rect(self, prefix: str) -> pygame.Rect | None:
        rects = [el.rect for name, el in self.widgets.items() if name.startswith(prefix)]
        return rects[0].unionall(rects[1:]) if rects else None

    def content_rect(self) -> pygame.Rect:
        from game.ui.widgets import chrome

        top = chrome.header_height(self) + self.s(8)
        return pygame.Rect(self.s(8), top, self.W - self.s(16),
                           self.H - top - chrome.footer_height(self) - self.s(8))

    def place_tip(self) -> None:
        self.tip = None
        scenario = self.app.scenario
        tips = dict(getattr(scenario, "tutorial", ()) or ())
        for topic in self.tip_topics:
            if topic not in tips or topic in self.app.tips_dismissed:
                continue
            anchor = self.tip_anchor(topic)
            if anchor is None:
                continue
            controls = [el.rect for el in self.widgets.values() if el.visible]
            for width in (380, 320, 260):
                size = callout.card_size(self, tips[topic], self.s(width))
                card = callout.place(size, anchor, self.content_rect(), controls,
                                     gap=self.s(6), step=self.s(12))
                if card is not None:
                    break
            else:
                continue  # no free room at this size: the tip waits for another screen
            pad, bw = self.s(14), self.button_width(callout.DISMISS)
            button = pygame.Rect(card.right - pad - bw, card.bottom - pad - self.s(36), bw,
                                 self.s(36))
            self.tip = callout.Tip(topic, tips[topic], anchor, card, button)
            self.button("tip:ok", callout.DISMISS, button, "@primary")
            return

    def dismiss_tip(self) -> None:
        if self.tip is None:
            return
        self.app.tips_dismissed.add(self.tip.topic)
        el = self.widgets.pop("tip:ok", None)
        if el is not None:
            el.kill()
        self.focus_order = [n for n in self.focus_order if n != "tip:ok"]
        if self.focus == "tip:ok":
            self.focus = None
        self.place_tip()

    def draw_tip(self, surface: pygame.Surface) -> None:
        if self.tip is not None:
            callout.draw(self, surface, self.tip)

    # --- widgets ---------------------------------------------------------------------------
    def button(self, name: str, label: str, rect: pygame.Rect, style: str = "",
               focusable: bool = True, tooltip: str | None = None) -> pygame_gui.elements.UIButton:
        width = rect.width - 2 * self.s(8)
        if len(label) > 1:   # a one-glyph label (− +) is never cut to an ellipsis
            whole, label = label, text.fit(label, self.font("body", bold=True), width)
            if label != whole and not tooltip:
                tooltip = whole   # cut short: the whole label shows on hover
        el = pygame_gui.elements.UIButton(
            rect, label, manager=self.app.manager, tool_tip_text=tooltip,
            object_id=ObjectID(object_id=f"#{name.replace(':', '_')}",
                               class_id=style or None),
        )
        self._register(name, el, focusable)
        return el

    def entry(self, name: str, value: str,
              rect: pygame.Rect) -> pygame_gui.elements.UITextEntryLine:
        el = pygame_gui.elements.UITextEntryLine(rect, manager=self.app.manager, initial_text=value)
        self._register(name, el, focusable=False)
        return el

    def _register(self, name: str, el: pygame_gui.core.UIElement, focusable: bool) -> None:
        self.widgets[name] = el
        self.app.controls.add(el, name)
        if focusable:
            self.focus_order.append(name)

    def button_width(self, label: str, min_width: float = 0) -> int:
        return max(self.s(min_width), self.font("body", True).size(label)[0] + self.s(28))

    def centre_of(self, name: str) -> tuple[int, int]:
        return self.widgets[name].rect.center  # type: ignore[no-any-return]

    # --- input -----------------------------------------------------------------------------
    def handle(self, intent: Intent) -> None:
        if self.tip is not None and intent in (Click("tip:ok"), Key("enter")):
            self.dismiss_tip()
            return
        if isinstance(intent, Key):
            if intent.name == "enter":
                self.on_enter()
            elif intent.name in ("next", "down"):
                self.move_focus(+1)
            elif intent.name in ("prev", "up"):
                self.move_focus(-1)
            elif intent.name == "activate" and self.focus:
                self.on_click(self.focus)
            elif intent.name == "commit":
                self.on_commit()
            elif intent.name == "undo":
                self.on_undo()
            elif intent.name == "back":
                self.on_back()
            elif intent.name.startswith("char:"):
                self.on_char(intent.name[5:])
            elif intent.name in ("left", "right") and self.focus:
                self.on_adjust(self.focus, -1 if intent.name == "left" else +1)
        elif isinstance(intent, Click):
            self.focus = intent.name if intent.name in self.focus_order else self.focus
            self.on_click(intent.name)
        else:
            self.on_other(intent)

    def move_focus(self, step: int) -> None:
        order = [n for n in self.focus_order if n in self.widgets
                 and self.widgets[n].is_enabled]
        if not order:
            return
        i = order.index(self.focus) if self.focus in order else (-1 if step > 0 else 0)
        self.focus = order[(i + step) % len(order)]

    def focused_control(self) -> str | None:
        """The focused control if it can be pressed now (shown and enabled), else None."""
        el = self.widgets.get(self.focus or "")
        if el is None or not el.visible or not el.is_enabled:
            return None
        return self.focus

    def on_enter(self) -> None:
        """Enter presses the focused control; with none, it does the screen's main thing
        (phase screens refuse: their commit has its own key)."""
        name = self.focused_control()
        if name is not None and not name.endswith(":field"):
            self.on_click(name)
        else:
            self.on_commit()

    def on_click(self, name: str) -> None: ...
    def on_commit(self) -> None: ...
    def on_undo(self) -> None: ...
    def on_char(self, char: str) -> None: ...
    def on_adjust(self, name: str, step: int) -> None: ...
    def on_other(self, intent: Any) -> None: ...

    def on_back(self) -> None:
        self.app.open_pause()

    def update(self, dt: float) -> None: ...

    # --- drawing ---------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.col("paper"))

    def draw_backdrop(self, surface: pygame.Surface, alpha: int = 170) -> None:
        """Overlays: the screen beneath as it was, whole, under a shade."""
        if self.backdrop is not None:
            shot = self.backdrop
            if shot.get_size() != surface.get_size():
                shot = pygame.transform.smoothscale(shot, surface.get_size())
            surface.blit(shot, (0, 0))
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((20, 25, 32, alpha))
        surface.blit(shade, (0, 0))

    def draw_alerts(self, surface: pygame.Surface) -> None:
        """Drawn over everything, widgets included (the timer's last seconds)."""

    def draw_focus(self, surface: pygame.Surface) -> None:
        el = self.widgets.get(self.focus or "")
        if el is None or not el.visible:
            return
        ring = el.rect.inflate(self.s(8), self.s(8))
        pygame.draw.rect(surface, self.col("ink"), ring, max(2, self.s(3)),
                         border_radius=self.s(8))

    def panel(self, surface: pygame.Surface, rect: pygame.Rect, title: str | None = None,
              colour: str = "panel") -> pygame.Rect:
        """A card; returns the inner rect below its title."""
        pygame.draw.rect(surface, self.col(colour), rect, border_radius=self.s(8))
        pygame.draw.rect(surface, self.col("line"), rect, 1, border_radius=self.s(8))
        inner = rect.inflate(-self.s(24), -self.s(20))
        if title:
            f = self.font("h3", True)
            text.draw(surface, title, f, self.col("ink"), inner.topleft, width=inner.width)
            inner.top += f.get_linesize() + self.s(6)
            inner.height -= f.get_linesize() + self.s(6)
        return inner
