"""The game window: a stack of screens over one session.

The loop is process_events -> update(dt) -> draw. The app turns screen requests into
session decisions (`apply`), picks the screen for the session's phase (`advance`), and
shows any error as a readable message instead of a traceback.
"""

from __future__ import annotations

import os
import signal
import threading
import traceback
from pathlib import Path
from typing import Any, Protocol

import pygame
import pygame_gui

from game.ui import input as ui_input
from game.ui.core import Core
from game.ui.screens.base import Screen
from game.ui.settings import Settings
from game.ui.theme import PALETTES, Fonts, build_theme, effective_scale, preload_list
from game.ui.unfinished import Autosaver
from game.ui.widgets import text
from game.ui.widgets.callout import whole_text


class Driver(Protocol):
    """Something that plays the window (the autoplayer): called once per frame."""

    def before_events(self, app: App) -> None: ...
    def after_draw(self, app: App) -> None: ...


class Stopped(SystemExit):
    """SIGTERM (or SIGINT) arrived: unwind, close the window, exit with 128 + the signal."""


def _stop(signum: int, frame: object) -> None:
    raise Stopped(128 + signum)


def install_signal_handlers() -> dict[int, Any]:
    """SIGTERM and SIGINT end the window at once, whatever it is doing (loading, frozen).

    SDL would turn them into a quit event that only a running event loop ever reads; a
    Python handler runs between any two steps of Python code instead, and the `finally`
    blocks close the window and remove temporary files on the way out.
    """
    previous: dict[int, Any] = {}
    if threading.current_thread() is not threading.main_thread():
        return previous
    for name in ("SIGTERM", "SIGINT"):
        if hasattr(signal, name):
            number = getattr(signal, name)
            previous[number] = signal.signal(number, _stop)
    return previous


def restore_signal_handlers(previous: dict[int, Any]) -> None:
    for number, handler in previous.items():
        if handler is not None:
            signal.signal(number, handler)


class App:
    def __init__(self, core: Core, settings: Settings, scenario_path: Path | None = None,
                 driver: Driver | None = None) -> None:
        os.environ.setdefault("SDL_NO_SIGNAL_HANDLERS", "1")   # ours, not SDL's
        self._signals = install_signal_handlers()
        pygame.display.init()
        pygame.font.init()
        pygame.key.set_repeat(350, 40)
        self.core = core
        self.settings = settings
        self.driver = driver
        self.scenario_path = scenario_path
        self.scenario: Any = None
        self.session: Any = None
        self.stack: list[Screen] = []
        self.controls = ui_input.Controls()
        self.toast = ""
        self.toast_time = 0.0
        self.toast_good = False
        self.running = True
        self.exit_code = 0
        self.frames = 0
        self.tips_dismissed: set[str] = set()   # tutorial tips the player has read
        self._kept_for: Any = None      # the session whose result was kept, and what came back
        self._kept: Any = None
        self._shortcut_screen: Screen | None = None   # opened (or typed into) by the last key
        self.autosaver = Autosaver(self)
        self.window = self._open_window()
        pygame.display.set_caption("Sail & Keel")
        self._build_look()

    # --- window and look -------------------------------------------------------------------
    def _open_window(self) -> pygame.Surface:
        if self.settings.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(self.settings.size, pygame.RESIZABLE)

    def _build_look(self) -> None:
        size = self.window.get_size()
        self.scale = effective_scale(self.settings.ui_scale, size)
        self.palette = PALETTES[self.settings.palette_name]
        self.fonts = Fonts(self.scale)
        self.manager = pygame_gui.UIManager(size, build_theme(self.scale, self.palette),
                                            enable_live_theme_updates=False)
        fonts = self.manager.get_theme().get_font_dictionary()
        self.manager.preload_fonts([
            f for f in preload_list(self.scale)
            if not fonts.check_font_preloaded(fonts.create_font_id(
                f["point_size"], f["name"], f["style"] == "bold", False))
        ])

    def restyle(self) -> None:
        """Apply changed settings (scale, palette, size) to the live screens."""
        if self.stack:
            self.stack[-1].clear()
        self._build_look()
        if self.stack:
            self.stack[-1].open()

    def toggle_fullscreen(self) -> None:
        self.settings.fullscreen = not self.settings.fullscreen
        self.window = self._open_window()
        self.restyle()

    # --- the stack -------------------------------------------------------------------------
    @property
    def top(self) -> Screen:
        return self.stack[-1]

    def set_root(self, screen: Screen) -> None:
        while self.stack:
            self.stack.pop().exit()
        self.stack.append(screen)
        screen.enter()

    def push(self, screen: Screen) -> None:
        if not screen.opaque and self.stack:
            screen.backdrop = self.window.copy()   # the screen beneath, widgets and all
        if self.stack:
            self.stack[-1].clear()
        self.stack.append(screen)
        screen.enter()

    def pop(self) -> None:
        self.stack.pop().exit()
        if self.stack:
            self.stack[-1].open()

    def replace(self, screen: Screen) -> None:
        if self.stack:
            self.stack.pop().exit()
        self.stack.append(screen)
        screen.enter()

    def open_pause(self) -> None:
        from game.ui.screens.pause import PauseScreen

        self.push(PauseScreen(self))

    def show_message(self, title: str, body: str, then_title: bool = False) -> None:
        from game.ui.screens.message import MessageScreen

        self.push(MessageScreen(self, title, body, then_title))

    def say(self, message: str, good: bool = False) -> None:
        """A one-line message in the footer: a warning (illegal decisions, problems) or,
        with `good`, news that something worked."""
        self.toast, self.toast_time, self.toast_good = message, 5.0, good

    # --- the game --------------------------------------------------------------------------
    def start_game(self, path: Path) -> bool:
        """Load a scenario, start a session on it, and show the briefing."""
        try:
            scenario = self.core.load_scenario(path)
        except self.core.scenario_error as exc:
            self.show_message("This scenario has problems", str(exc))
            return False
        self.scenario_path, self.scenario = path, scenario
        self.session = self.core.new_session(scenario, self.settings.seed)
        from game.ui.screens.briefing import BriefingScreen

        self.set_root(BriefingScreen(self))
        return True

    def in_progress(self) -> bool:
        """Whether a game has moves that a restart or a quit would lose."""
        s = self.session
        return s is not None and not s.over and bool(s.log)

    def ask(self, title: str, body: str, yes: str, then: Any) -> None:
        """Do `then` once the player confirms (at once when nothing would be lost)."""
        if not self.in_progress():
            then()
            return
        from game.ui.screens.confirm import ConfirmScreen

        self.push(ConfirmScreen(self, title, body, yes, then))

    def reloadable(self) -> bool:
        """F5 reloads only a scenario that came from a path, not a shipped one."""
        path, shipped = self.scenario_path, self.core.default_dir
        if path is None:
            return False
        return shipped is None or Path(path).resolve().parent != Path(shipped).resolve()

    def reload(self) -> None:
        if self.scenario_path is None:
            self.say("No scenario file to reload yet: pick a scenario first.")
            return
        if not self.reloadable():
            self.say("F5 reloads your own scenario files (play path/to/mine.yaml) only.")
            return
        name = Path(self.scenario_path).name

        def go() -> None:
            if self.start_game(self.scenario_path):
                self.say(f"Reloaded {name}; the session restarted.", good=True)

        self.ask(f"Reload {name}?", "Reloading starts the game again from the first round: "
                 "the choices made so far are lost.", "Reload and restart", go)

    def quit(self) -> None:
        def stop() -> None:
            self.running = False

        self.ask("Quit the game?", self.kept_or_lost(), "Quit", stop)

    def kept_or_lost(self) -> str:
        """What happens to the game in progress if the player leaves it now."""
        if self.autosaver.enabled() and not self.autosaver.blocked:
            return ("The game in progress is kept: Continue on the title screen resumes it "
                    "where you left it.")
        return "The game in progress is not finished and will be lost."

    def apply(self, decision: object) -> bool:
        """Send a decision to the session; an illegal one is shown, not raised."""
        from game.rules.decisions import IllegalDecision

        try:
            self.session.apply(decision)
        except IllegalDecision as exc:
            self.say(str(exc))
            return False
        return True

    def keep_finished_game(self) -> Any:
        """Save the finished game and add it to the play history, once per session.

        Returns the core's KeptGame (the save, earlier plays, notes), or None when saving
        is off. File trouble comes back as notes; nothing here may stop the debrief.
        """
        session = self.session
        if session is None or not session.over or self.core.keep_game is None:
            return None
        if self._kept_for is not session:
            self._kept_for, self._kept = session, None
            self.finished_tutorial(session)
            if self.settings.save_results:
                player = getattr(self.driver, "player", None) or self.settings.player_name
                try:
                    self._kept = self.core.keep_game(session, player)
                except Exception as exc:  # a bug here must not cost the player the debrief
                    traceback.print_exc()
                    from game.persistence import KeptGame

                    self._kept = KeptGame(None, [], notes=[f"The game could not be kept ({exc})."])
        return self._kept

    @staticmethod
    def finished_tutorial(session: Any) -> None:
        """A finished tutorial is remembered: the picker stops putting it first."""
        if getattr(session.scenario, "difficulty", "") == "tutorial":
            from game.ui import prefs

            remembered = prefs.load()
            if not remembered.tutorial_done:
                remembered.tutorial_done = True
                prefs.save(remembered)

    @property
    def kept_game(self) -> Any:
        """What `keep_finished_game` kept for the current session, if it ran."""
        return self._kept if self._kept_for is self.session and self.session is not None else None

    def phase(self) -> str:
        return str(self.session.phase.name) if self.session is not None else ""

    def advance(self, hand_over: bool = True) -> None:
        """Show the screen for the session's current phase."""
        from game.ui import flow

        self.set_root(flow.screen_for(self, hand_over))

    # --- loop ------------------------------------------------------------------------------
    def process_events(self) -> None:
        for event in pygame.event.get():
            if ui_input.typed_by_shortcut(event, self._shortcut_screen):
                continue   # the text of the key that opened this screen is not typed into it
            self._shortcut_screen = None
            self.manager.process_events(event)
            intent = ui_input.translate(event, self.controls, self.manager)
            if intent is None:
                continue
            before = self.stack[-1] if self.stack else None
            typing = ui_input.text_entry_focused(self.manager)
            self.guard(self.dispatch, intent)
            now = self.stack[-1] if self.stack else None
            if event.type == pygame.KEYDOWN and now is not None and (
                    now is not before or (not typing and ui_input.text_entry_focused(self.manager))):
                self._shortcut_screen = now   # the key opened a screen or a box: not typed in

    def dispatch(self, intent: ui_input.Intent) -> None:
        if isinstance(intent, ui_input.Quit):
            if self.stack and self.top.kind == "confirm":   # asked already: the window closes
                self.running = False
            else:
                self.quit()
        elif isinstance(intent, ui_input.Resize):
            if not self.settings.fullscreen:
                self.settings.size = intent.size
                self.window = pygame.display.get_surface()
                self.manager.set_window_resolution(intent.size)
                self.restyle()
        elif isinstance(intent, ui_input.Key) and intent.name == "fullscreen":
            self.toggle_fullscreen()
        elif isinstance(intent, ui_input.Key) and intent.name == "reload":
            self.reload()
        elif self.stack:
            self.top.handle(intent)

    def update(self, dt: float) -> None:
        self.toast_time = max(0.0, self.toast_time - dt)
        if self.stack:
            self.guard(self.top.update, dt)
        self.manager.update(dt)

    def draw(self) -> None:
        surface = self.window
        text.CUT.clear()
        try:
            first = max((i for i, s in enumerate(self.stack) if s.opaque or s.backdrop),
                        default=0)
            for screen in self.stack[first:]:
                screen.draw(surface)
            if self.stack:
                self.top.draw_tip(surface)
            self.manager.draw_ui(surface)
            if self.stack:
                self.top.draw_focus(surface)
                self.top.draw_alerts(surface)
            whole_text(self, surface)
        except Exception as exc:  # a broken screen must not freeze the window
            surface.fill(self.palette.rgb("paper"))
            font = self.fonts.get("body")
            surface.blit(font.render(f"Could not draw this screen: {exc}", True,
                                     self.palette.rgb("bad")), (20, 20))

    def guard(self, fn: Any, *args: Any) -> None:
        try:
            fn(*args)
        except Exception as exc:
            traceback.print_exc()
            self.show_message("Something went wrong",
                              f"{type(exc).__name__}: {exc}\n\nYou can go back to the title "
                              "screen and start again; the problem has been printed for the "
                              "developers.", then_title=True)

    def frame(self, dt: float) -> None:
        if self.driver:
            self.driver.before_events(self)
        self.process_events()
        self.update(dt)
        self.guard(self.autosaver.after_frame)
        self.draw()
        if self.driver:
            self.driver.after_draw(self)
        pygame.display.flip()
        self.frames += 1

    def run(self, fps: int = 60, fixed_dt: float | None = None) -> int:
        clock = pygame.time.Clock()
        while self.running:
            real = clock.tick(fps) / 1000.0
            self.frame(fixed_dt if fixed_dt is not None else min(real, 0.1))
        return self.exit_code

    def close(self) -> None:
        while self.stack:
            self.stack.pop().exit()
        pygame_gui.core.utility.set_default_manager(None)
        pygame.display.quit()
        restore_signal_handlers(self._signals)
