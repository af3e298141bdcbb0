"""`/play` on the room server: the page, its static files, and its WebSocket.

The page speaks JSON on `/play/ws`. First `{"type": "join", "code", "name"}` (a new
participant, or `"names": [leader, manager]` for a pair at one device; the answer carries
the token the page keeps) or `{"type": "resume", "token"}`.
Then `{"type": "act", "decision": {...}}` with a decision in the save format,
`{"type": "undo"}` or `{"type": "view"}`; each answer is `{"type": "view", "view": {...}}`,
with `"illegal": reason` when the rules refused the decision. `{"type": "forecast"}` asks
the model's forecast of the manager's plan as it stands (`{"type": "forecast", "forecast"}`).
The room's own messages to its participants (`room`, `inbox`) reach the page on the same
socket, which asks for a new view; when a phase's timer runs out the server commits the phase
and sends the new view unasked (seat/clock.py). Refusals are `{"type": "refused", "reason"}`,
as on the window's socket.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from game.persistence.codec import BadValue, decode_decision
from game.room import sockets
from game.room.moderation import REMOVED
from game.room.protocol import MAX_MESSAGE, Refused, loads
from game.rules.decisions import IllegalDecision
from game.seat.store import Seat, Seats
from game.seat.views import outlook, view

if TYPE_CHECKING:
    from game.room.server import RoomServer

STATIC = Path(str(resources.files("game.seat").joinpath("static")))
KINDS = ("join", "resume", "act", "undo", "view", "forecast")
WATCH_EVERY = 0.5      # seconds between looks at the room's state and the seats' clocks
log = logging.getLogger("game.seat")


class SeatServer:
    def __init__(self, server: RoomServer) -> None:
        self.server = server
        self.seats = Seats(server.room)
        self._watch: asyncio.Task[None] | None = None

    async def page(self, request: Request) -> Response:
        return FileResponse(STATIC / "play.html")

    def start(self) -> None:
        """Watch the room and the seats' clocks from now on (once)."""
        if self._watch is None:
            self._watch = asyncio.get_running_loop().create_task(self.watch())

    async def watch(self) -> None:
        """Every seat's phase clock follows the room (it stands still while the room waits) and
        commits a phase whose time ran out; when the room starts (again), the rounds seats held
        while it waited go in."""
        room, server = self.server.room, self.server
        async with server.lock:
            self.seats.load_all()
        state, timer = room.row.state, room.row.timer
        while True:
            await asyncio.sleep(WATCH_EVERY)
            try:
                async with server.lock:
                    if (room.row.state, room.row.timer) != (state, timer):
                        state, timer = room.row.state, room.row.timer
                        self.seats.room_changed()
                        if state in ("running", "ended"):
                            self.seats.flush_held()
                    moved = self.seats.time_up()
                    replies = [(seat.player.id, self.answer(seat)) for seat in moved    # a page open
                               if server.players.get(seat.player.id)]                    # is told now
                for pid, reply in replies:
                    for ws in list(server.players.get(pid, ())):
                        with contextlib.suppress(Exception):
                            await ws.send_json(reply)
            except Exception as exc:     # a bug: logged in one line; the watch goes on
                log.error("seat watch: %s: %s", type(exc).__name__, exc)

    def answer(self, seat: Seat, **extra: Any) -> dict[str, Any]:
        row = self.server.room.row
        return {"type": "view", **extra, "view": view(seat, row.state, row.timer)}

    async def socket(self, ws: WebSocket) -> None:
        if await sockets.refuse_origin(self.server, ws):
            return
        await ws.accept()
        self.start()
        server, seat = self.server, None
        address = ws.client.host if ws.client is not None else "unknown"
        limited = False          # held for failing too often: not counted again
        try:
            while (raw := await _receive(ws)) is not None:
                data: dict[str, Any] = {}
                try:
                    data = _parse(raw)
                    kind, seq = data["type"], data.get("seq")
                    if kind in ("join", "resume"):
                        if seat is not None:
                            raise Refused("already joined on this connection")
                        if kind == "join":      # a wrong code from a guessing address waits; the right
                            code = data.get("code")     # code goes straight in (a class behind one router)
                            limited = await sockets.hold_guesses(server, address,
                                                                 code if isinstance(code, str) else "")
                        async with server.lock:
                            if kind == "join":
                                names = data["names"] if "names" in data else [data.get("name")]
                                seat, token = self.seats.join(data.get("code"), names)
                            else:
                                seat, token = self.seats.resume(data.get("token")), str(data.get("token"))
                                if seat.player.id in server.room.removed:
                                    seat = None
                                    raise Refused(REMOVED)
                            seat.player.online += 1
                            server.room.version += 1
                        server.players.setdefault(seat.player.id, set()).add(ws)
                        await ws.send_json(self.answer(seat, token=token, welcome=True))
                        continue
                    if seat is None:
                        raise Refused("join the room first")
                    if kind == "forecast":
                        await ws.send_json({"type": "forecast", "seq": seq, "forecast": outlook(seat.game)})
                        continue
                    illegal = ""
                    async with server.lock:
                        try:
                            if kind == "act":
                                self.seats.act(seat, _decision(data.get("decision")))
                            elif kind == "undo":
                                self.seats.undo(seat)
                            else:
                                self.seats.refresh(seat)
                        except IllegalDecision as exc:
                            illegal = str(exc)
                            self.seats.refresh(seat)
                        reply = self.answer(seat, seq=seq, **({"illegal": illegal} if illegal else {}))
                    await ws.send_json(reply)
                except Refused as exc:
                    await ws.send_json({"type": "refused", "reason": str(exc), "seq": data.get("seq")})
                    if seat is None and data.get("type") in ("join", "resume"):
                        if not limited and str(exc) in sockets.GUESSES:   # not "the room is busy"
                            server.failed_joins.failed(address)
                        await ws.close(code=4003, reason=str(exc)[:100])
                        return
        except WebSocketDisconnect:
            pass
        finally:
            if seat is not None:
                server.players.get(seat.player.id, set()).discard(ws)
                seat.player.online = max(0, seat.player.online - 1)
                server.room.version += 1


def _parse(raw: str | bytes) -> dict[str, Any]:
    if len(raw) > MAX_MESSAGE:
        raise Refused(f"message too big ({len(raw)} bytes; at most {MAX_MESSAGE})")
    data = loads(raw)
    if not isinstance(data, dict) or data.get("type") not in KINDS:
        raise Refused(f"a message is a JSON object whose type is one of: {', '.join(KINDS)}")
    return data


def _decision(value: object) -> Any:
    try:
        return decode_decision(value, "decision")
    except BadValue as exc:
        raise IllegalDecision(str(exc)[:200]) from None


async def _receive(ws: WebSocket) -> str | bytes | None:
    if ws.client_state is not WebSocketState.CONNECTED:
        return None
    message = await ws.receive()
    if message["type"] == "websocket.disconnect":
        return None
    return message.get("text") if message.get("text") is not None else message.get("bytes", b"")


def seat_routes(server: RoomServer) -> list[BaseRoute]:
    """The browser seat's routes, to put among the room server's."""
    seats = SeatServer(server)
    server.seat_server = seats
    return [Route("/play", seats.page), WebSocketRoute("/play/ws", seats.socket),
            Mount("/play/static", StaticFiles(directory=STATIC), name="seat-static")]
