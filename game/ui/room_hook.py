"""The window's hook into a workshop room: a driver that keeps the session in step with the room.

Each frame it syncs the session with the room (injected events go into the round being
planned; finished rounds go out), shows the facilitator's news in the footer, takes the
room's phase timer for the next phase, and opens the pause overlay when the room pauses.
It wraps another driver (the autoplayer) when one is given.
"""

from __future__ import annotations

from typing import Any

from game.room.client import RoomClient, RoomLink

ROOM_STATES = {"lobby": "Waiting for the facilitator to start the room.",
               "paused": "The facilitator paused the room.",
               "running": "The room is running.",
               "ended": "The facilitator ended the game: finish this round and see your debrief."}


class RoomDriver:
    in_room = True   # the debrief offers no "Play again": the room counts one game

    def __init__(self, client: RoomClient, inner: Any = None) -> None:
        self.client = client
        self.inner = inner
        self.link: RoomLink | None = None
        self.player = getattr(inner, "player", None)
        self._pause: Any = None               # the pause screen the room opened, if still up

    def before_events(self, app: Any) -> None:
        session = app.session
        back = ""
        if session is not None and (self.link is None or self.link.session is not session):
            if self.link is None or not session.log:
                first = self.link is None
                welcome = self.client.welcome
                if first and welcome is not None and welcome.rounds:
                    session = app.session = self.client.session(session.scenario)  # rejoined: go on
                    app.advance()
                    waiting = len(self.client.pending)
                    back = f"Welcome back: the room has your {self.client.recorded} round(s)" + (
                        f"; {waiting} more will be sent." if waiting else ".")
                self.link = RoomLink(self.client, session)   # a game restarted at round 1 is sent anew
                if first and self.client.state in ("lobby", "paused"):
                    app.say(ROOM_STATES[self.client.state])
                    self._open_pause(app)
        if self.link is not None:
            for item in self.link.sync():
                if item.get("kind") == "room":
                    app.settings.timer = int(item.get("timer") or 0)
                    app.say(ROOM_STATES.get(str(item.get("state")), ""), good=item.get("state") == "running")
                    if item.get("state") == "paused":
                        self._open_pause(app)
                    elif self._pause is not None and app.top is self._pause:
                        app.pop()                   # the room runs again: close the room's pause
                        self._pause = None
            while self.link.messages:
                app.say(self.link.messages.pop(0))
            if back:
                app.say(back, good=True)
        if self.inner is not None:
            self.inner.before_events(app)

    def _open_pause(self, app: Any) -> None:
        if self.inner is None:                     # an autoplayer never waits
            app.open_pause()
            self._pause = app.top

    def after_draw(self, app: Any) -> None:
        if self.inner is not None:
            self.inner.after_draw(app)

    def __getattr__(self, name: str) -> Any:      # final_score and the like, from the autoplayer
        if self.inner is None:
            raise AttributeError(name)
        return getattr(self.inner, name)
