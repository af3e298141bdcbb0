"""The room's web server: the join page, the facilitator's dashboard, and two WebSockets.

Starlette under uvicorn. Participants speak the protocol on `/ws/play`; the dashboard
listens on `/ws/dashboard` after showing the facilitator's secret, and sends controls to
`/api/control`. Everything a participant sends is checked (`protocol`) before the room
sees it; a refusal goes back to that participant only.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
from collections.abc import AsyncIterator
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from game.room import protocol
from game.room.export import rounds_csv
from game.room.limits import FailedJoins
from game.room.protocol import Refused
from game.room.room import Player, Room
from game.seat.routes import seat_routes

STATIC = Path(str(resources.files("game.room").joinpath("static")))
MAX_CONTROL = 16 * 1024
PUSH_EVERY = 0.1           # seconds between dashboard updates while the room changes
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: blob:; "
                               "style-src 'self'; script-src 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class _Headers(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response


class RoomServer:
    """The room and who is connected to it."""

    def __init__(self, room: Room) -> None:
        self.room = room
        self.players: dict[int, set[WebSocket]] = {}
        self.dashboards: set[WebSocket] = set()
        self.sent_version = -1
        self.lock = asyncio.Lock()
        self.failed_joins = FailedJoins()

    # --- helpers ------------------------------------------------------------------------------

    def facilitator(self, given: str | None) -> bool:
        return given is not None and secrets.compare_digest(given.encode(), self.room.row.secret.encode())

    async def tell(self, to: list[int] | None, message: dict[str, Any]) -> None:
        targets = self.players.keys() if to is None else [pid for pid in to if pid in self.players]
        for pid in list(targets):
            for ws in list(self.players.get(pid, ())):
                with contextlib.suppress(Exception):
                    await ws.send_json(message)

    async def push_dashboards(self) -> None:
        while True:
            await asyncio.sleep(PUSH_EVERY)
            if self.room.version != self.sent_version and self.dashboards:
                self.sent_version = self.room.version
                text = json.dumps(self.room.snapshot())
                for ws in list(self.dashboards):
                    try:
                        await ws.send_text(text)
                    except Exception:
                        self.dashboards.discard(ws)

    # --- pages --------------------------------------------------------------------------------

    async def join_page(self, request: Request) -> Response:
        return FileResponse(STATIC / "join.html")

    async def dashboard_page(self, request: Request) -> Response:
        return FileResponse(STATIC / "dashboard.html")

    async def info(self, request: Request) -> Response:
        """What the join page shows: the scenario, how many joined; never the code or anyone's data."""
        room = self.room
        return JSONResponse({"scenario": room.scenario.title, "rounds": room.scenario.rounds,
                             "state": room.row.state, "joined": len(room.players)})

    async def state(self, request: Request) -> Response:
        if not self.facilitator(request.headers.get("x-facilitator-secret")):
            return JSONResponse({"error": "the facilitator's secret is needed"}, status_code=403)
        return JSONResponse(self.room.snapshot())

    async def export_csv(self, request: Request) -> Response:
        if not self.facilitator(request.headers.get("x-facilitator-secret")):
            return JSONResponse({"error": "the facilitator's secret is needed"}, status_code=403)
        body = rounds_csv(self.room)
        name = f"room-{self.room.row.code}-{self.room.scenario.id}.csv"
        return Response(body, media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    async def control(self, request: Request) -> Response:
        if not self.facilitator(request.headers.get("x-facilitator-secret")):
            return JSONResponse({"error": "the facilitator's secret is needed"}, status_code=403)
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_CONTROL:
                return JSONResponse({"error": f"a control is at most {MAX_CONTROL} bytes"}, status_code=413)
        try:
            command = protocol.control(json.loads(body or b"null"), self.room.event_ids)
            async with self.lock:
                to, message = self.room.control(command)
        except ValueError as exc:   # Refused, and JSON that does not parse
            reason = str(exc) if isinstance(exc, Refused) else "not a JSON control"
            return JSONResponse({"error": reason}, status_code=400)
        await self.tell(to, message)
        return JSONResponse({"ok": True, "sent": message})

    # --- sockets ------------------------------------------------------------------------------

    async def play_socket(self, ws: WebSocket) -> None:
        await ws.accept()
        player: Player | None = None
        address = ws.client.host if ws.client is not None else "unknown"
        limited = False              # refused for failing too often: not counted again
        try:
            while True:
                raw = await _receive(ws)
                if raw is None:
                    break
                data: dict[str, Any] = {}
                try:
                    data = protocol.parse(raw)
                    kind = data["type"]
                    if kind in ("join", "resume"):
                        if player is not None:
                            raise Refused("already joined on this connection")
                        wait = self.failed_joins.wait(address) if kind == "join" else 0
                        if wait:     # guessing codes; a participant's own token still resumes
                            limited = True
                            raise Refused(f"too many failed attempts to join from your address; "
                                          f"try again in {wait} s")
                        async with self.lock:
                            if kind == "join":
                                player, token = self.room.join(protocol.join(data))
                                welcome = self.room.welcome(player) | {"token": token}
                            else:
                                message = protocol.resume(data)
                                player = self.room.player_for(message.token)
                                welcome = self.room.welcome(player, message.since)
                            player.online += 1
                            self.room.version += 1
                        self.players.setdefault(player.id, set()).add(ws)
                        await ws.send_json(welcome)
                    else:
                        if player is None:
                            raise Refused("join the room first")
                        sub = protocol.round_submission(data, self.room.scenario.rounds)
                        async with self.lock:
                            answer = self.room.submit(player, sub)
                        await ws.send_json(answer)
                except Refused as exc:
                    refusal: dict[str, Any] = {"type": "refused", "reason": str(exc)}
                    if isinstance(data.get("round"), int):
                        refusal["round"] = data["round"]
                    if exc.retry is not None:
                        refusal["retry"] = exc.retry
                    await ws.send_json(refusal)
                    if player is None and data.get("type") in ("join", "resume"):
                        if not limited:
                            self.failed_joins.failed(address)
                        await ws.close(code=4003, reason=str(exc)[:100])
                        return
        except WebSocketDisconnect:
            pass
        finally:
            if player is not None:
                self.players.get(player.id, set()).discard(ws)
                player.online = max(0, player.online - 1)
                self.room.version += 1

    async def dashboard_socket(self, ws: WebSocket) -> None:
        await ws.accept()
        try:
            raw = await asyncio.wait_for(_receive(ws), timeout=10)
            try:
                data = json.loads(raw or "null")
            except ValueError:
                data = None
            if not isinstance(data, dict) or not self.facilitator(
                    data.get("secret") if isinstance(data.get("secret"), str) else None):
                await ws.send_json({"type": "refused", "reason": "the facilitator's secret is needed"})
                await ws.close(code=4003)
                return
            await ws.send_text(json.dumps(self.room.snapshot()))
            self.dashboards.add(ws)
            while await _receive(ws) is not None:
                pass
        except (TimeoutError, WebSocketDisconnect):
            pass
        finally:
            self.dashboards.discard(ws)


async def _receive(ws: WebSocket) -> str | bytes | None:
    if ws.client_state is not WebSocketState.CONNECTED:
        return None
    message = await ws.receive()
    if message["type"] == "websocket.disconnect":
        return None
    return message.get("text") if message.get("text") is not None else message.get("bytes", b"")


def build_app(room: Room) -> Starlette:
    server = RoomServer(room)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        task = asyncio.create_task(server.push_dashboards())
        yield
        task.cancel()

    app = Starlette(
        routes=[
            Route("/", server.join_page),
            Route("/dashboard", server.dashboard_page),
            Route("/api/info", server.info),
            Route("/api/state", server.state),
            Route("/api/export.csv", server.export_csv),
            Route("/api/control", server.control, methods=["POST"]),
            WebSocketRoute("/ws/play", server.play_socket),
            WebSocketRoute("/ws/dashboard", server.dashboard_socket),
            *seat_routes(server),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        middleware=[Middleware(_Headers)],
        lifespan=lifespan,
    )
    app.state.room_server = server
    return app


