"""Settings: UI scale, full screen, colour-blind-safe palette, phase timer."""

from __future__ import annotations

import pygame

from game.ui.screens.base import Screen
from game.ui.settings import SCALES, TIMERS
from game.ui.widgets import text

ROWS = (("scale", "UI scale", "Bigger type and controls, for projectors."),
        ("fullscreen", "Full screen", "Also F11, anywhere."),
        ("palette", "Colour-blind-safe palette", "Colours told apart with colour-vision "
         "deficiencies; every colour also has a glyph or label."),
        ("timer", "Phase timer", "Facilitator: when it reaches zero the phase is committed "
         "with the choices made so far."))


def _timer_label(seconds: int) -> str:
    return "Off" if seconds == 0 else f"{seconds // 60}:{seconds % 60:02d}"


class SettingsScreen(Screen):
    kind = "settings"

    def value(self, row: str) -> str:
        st = self.app.settings
        if row == "scale":
            eff = round(self.app.scale * 100)
            chosen = round(st.ui_scale * 100)
            return f"{chosen}%" if eff == chosen else f"{chosen}% (fits as {eff}%)"
        if row == "fullscreen":
            return "On" if st.fullscreen else "Off"
        if row == "palette":
            return "On" if st.colour_blind else "Off"
        return _timer_label(st.timer)

    def rows_rect(self) -> pygame.Rect:
        w = min(self.W - self.s(80), self.s(980))
        return pygame.Rect((self.W - w) // 2, self.s(120), w, self.s(100) * len(ROWS))

    def build(self) -> None:
        area = self.rows_rect()
        for i, (row, _, _) in enumerate(ROWS):
            y = area.top + i * self.s(100) + self.s(14)
            bw = self.s(48)
            right = area.right - self.s(16)
            if row in ("scale", "timer"):
                self.button(f"{row}:+", "+", pygame.Rect(right - bw, y, bw, self.s(44)))
                self.button(f"{row}:-", "−", pygame.Rect(right - bw * 2 - self.s(190), y, bw,
                                                        self.s(44)))
                self.focus_order.remove(f"{row}:+")
                self.focus_order[-1] = row
                self.widgets[row] = self.widgets[f"{row}:-"]
            else:
                self.button(row, "Turn off" if self.value(row) == "On" else "Turn on",
                            pygame.Rect(right - self.s(200), y, self.s(200), self.s(44)))
        label = "[Esc] Back"
        w = self.button_width(label, 140)
        self.button("back", label, pygame.Rect(area.right - w, area.bottom + self.s(24), w,
                                               self.s(46)), "@primary")
        self.focus = self.focus or "scale"

    def on_click(self, name: str) -> None:
        row, _, sign = name.partition(":")
        self.change(row, -1 if sign == "-" else 1)

    def on_adjust(self, name: str, step: int) -> None:
        self.change(name, step)

    def change(self, row: str, step: int) -> None:
        st = self.app.settings
        if row == "back":
            self.app.pop()
            return
        if row == "scale":
            i = min(range(len(SCALES)), key=lambda k: abs(SCALES[k] - st.ui_scale))
            st.ui_scale = SCALES[max(0, min(len(SCALES) - 1, i + step))]
            self.app.restyle()
        elif row == "timer":
            i = TIMERS.index(st.timer) if st.timer in TIMERS else 0
            st.timer = TIMERS[max(0, min(len(TIMERS) - 1, i + step))]
        elif row == "fullscreen":
            self.app.toggle_fullscreen()
        elif row == "palette":
            st.colour_blind = not st.colour_blind
            self.app.restyle()
        self.rebuild()

    def on_commit(self) -> None:
        if self.focus:
            self.on_click(self.focus)

    def on_back(self) -> None:
        self.app.pop()

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.col("paper"))
        area = self.rows_rect()
        text.draw(surface, "Settings", self.font("h1", True), self.col("ink"),
                  (area.left, self.s(40)))
        for i, (row, label, help_text) in enumerate(ROWS):
            r = pygame.Rect(area.left, area.top + i * self.s(100), area.width, self.s(88))
            pygame.draw.rect(surface, self.col("panel"), r, border_radius=self.s(8))
            x = r.left + self.s(20)
            text_w = r.width - self.s(470)
            text.draw(surface, label, self.font("h3", True), self.col("ink"),
                      (x, r.top + self.s(12)), width=text_w)
            text.paragraph(surface, help_text, self.font("small"), self.col("ink_soft"),
                           pygame.Rect(x, r.top + self.s(40), text_w, self.s(44)), max_lines=2)
            if row in ("scale", "timer"):
                cx = r.right - self.s(16) - self.s(48) - self.s(95)
                text.draw(surface, self.value(row), self.font("h3", True), self.col("ink"),
                          (cx, r.top + self.s(36)), "center", width=self.s(180))
            else:
                text.draw(surface, self.value(row), self.font("h3", True), self.col("ink"),
                          (r.right - self.s(236), r.top + self.s(36)), "midright")
