"""The window's side of the autosave: keep the game after every move, offer it back on the
title ("Continue"), and clear it once the game is finished (it is then kept as a save).

The file itself is the persistence layer's (game/persistence/autosave.py, through the core):
this only decides when to write, read, clear or set it aside, and says what went wrong in
one line. A damaged file is moved aside before anything else is written in its place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.ui.app import App


@dataclass(frozen=True)
class Offer:
    """An unfinished game that Continue resumes."""

    session: Any
    scenario_file: Path
    hotseat: bool
    players: tuple[str, str]
    saved_sha: str | None = None   # the scenario file's SHA-256 the game was played on

    def describe(self) -> str:
        """"First voyage · Quarter 3, manager phase"."""
        s = self.session
        label = s.scenario.round_label
        step = {"LEADER": "leader phase", "MANAGER": "manager phase", "EVENT": "an event",
                "REPORT": "its report"}.get(s.phase.name, s.phase.name.lower())
        who = f" · {' & '.join(self.players)}" if self.hotseat else ""
        return f"{s.scenario.title} · {label} {s.round}, {step}{who}"


class Autosaver:
    def __init__(self, app: App) -> None:
        self.app = app
        self.offer: Offer | None = None
        self.problem = ""            # one line for the title: why a kept game was not offered
        self.blocked = False         # a damaged file could not be moved aside: write nothing
        self._written: tuple[int, int] | None = None
        self._said = ""
        self._sha: tuple[Any, str | None] = (None, None)   # a scenario and its file's SHA-256

    @property
    def store(self) -> Any:
        return self.app.core.autosave

    def enabled(self) -> bool:
        """Kept for a player's own window; not for autoplay, a room (its own outbox) or
        --no-save."""
        app = self.app
        return self.store is not None and app.settings.save_results and app.driver is None

    def check(self) -> Offer | None:
        """Read the kept game (on the title): the offer, or None with `problem` said."""
        self.offer = None
        if not self.enabled() or self.blocked:
            return None
        from game.persistence import SaveError

        try:
            kept = self.store.read_autosave()
            if kept is None:
                return None
            session = self.store.resume(kept, self.app.core.load_scenario)
        except (SaveError, self.app.core.scenario_error) as exc:
            self._set_aside(" ".join(str(exc).split()))
            return None
        except Exception as exc:  # noqa: BLE001 - whatever it is, the window still starts
            self._set_aside(" ".join(f"{type(exc).__name__}: {exc}".split()))
            return None
        self.offer = Offer(session, kept.scenario_file, kept.hotseat, kept.players,
                           kept.saved.scenario_sha256)
        return self.offer

    def _set_aside(self, why: str) -> None:
        moved = self.store.set_aside()
        if moved is None:
            self.blocked = True
            self.problem = f"A game in progress could not be resumed ({why}); it is left as it was."
        else:
            self.problem = (f"A game in progress could not be resumed ({why}); "
                            f"it was moved to {moved.name}.")

    def resume(self) -> bool:
        """Continue the offered game where it was (same round and phase, branches kept)."""
        offer, app = self.offer, self.app
        if offer is None:
            return False
        app.scenario_path, app.scenario, app.session = offer.scenario_file, offer.session.scenario, \
            offer.session
        app.settings.hotseat, app.settings.players = offer.hotseat, offer.players
        self._written = (id(offer.session), len(offer.session.log))
        self._sha = (offer.session.scenario, offer.saved_sha)
        self.offer, self.problem = None, ""
        app.advance()
        return True

    def after_frame(self) -> None:
        """Keep the game when a move changed it; clear the file once it is finished."""
        session = self.app.session
        if session is None or not self.enabled() or self.blocked:
            return
        from game.persistence import SaveError

        if self._sha[0] is not session.scenario:   # the file as it was loaded, not as edited later
            try:
                self._sha = (session.scenario, self.store.scenario_sha256(session.scenario))
            except SaveError:
                self._sha = (session.scenario, None)
        mark = (id(session), len(session.log))
        if mark == self._written:
            return
        self._written = mark
        if session.over:
            self.store.clear_autosave()
            return
        if not session.log:
            return   # nothing played yet: an earlier unfinished game stays on offer
        try:
            self.store.write_autosave(session, self.app.scenario_path, self.app.settings.players,
                                      self.app.settings.hotseat, scenario_sha=self._sha[1])
        except SaveError as exc:
            if str(exc) != self._said:   # once, not every move
                self._said = str(exc)
                self.app.say(f"The game could not be kept for later: {exc}")
