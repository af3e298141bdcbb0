"""The room's web server: the join page, the projector, the facilitator's dashboard, two WebSockets.

Starlette under uvicorn. Participants speak the protocol on `/ws/play`; the dashboard
listens on `/ws/dashboard` after showing the facilitator's secret (both in `sockets`), and
sends controls to `/api/control`. The projector reads `/api/projector`, which needs no secret.

The route table is `routes(server)`; another seat adds its own routes with
`build_app(room, site, extra=[Route(...), Mount(...)])`, each handler reaching the room
through `request.app.state.room_server`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import AsyncIterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket

from game.room import protocol, sockets
from game.room.export import rounds_csv
from game.room.limits import FailedJoins
from game.room.protocol import Refused
from game.room.room import Room
from game.room.site import Site, qr_svg
from game.seat.routes import SeatServer, seat_routes

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


log = logging.getLogger("game.room")


class _Headers(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        try:
            response = await call_next(request)
        except Exception as exc:     # a bug: one line in the log and to the browser, no traceback
            log.error("%s %s failed: %s: %s", request.method, request.url.path, type(exc).__name__,
                      str(exc).splitlines()[0] if str(exc) else "")
            response = JSONResponse({"error": "the room could not do that; see the server's log"},
                                    status_code=500)
        response.headers.update(SECURITY_HEADERS)
        return response


def _refused(reason: str, status: int = 400) -> Response:
    return JSONResponse({"error": reason}, status_code=status)


class RoomServer:
    """The room and who is connected to it."""

    def __init__(self, room: Room, site: Site) -> None:
        self.room = room
        self.site = site
        self.players: dict[int, set[WebSocket]] = {}
        self.dashboards: set[WebSocket] = set()
        self.sent_version = -1
        self.lock = asyncio.Lock()
        self.failed_joins = FailedJoins()
        self.seat_server: SeatServer | None = None     # the browser seats (seat_routes)

    # --- helpers ------------------------------------------------------------------------------

    def facilitator(self, given: str | None) -> bool:
        return self.room.is_facilitator(given)

    def join_address(self, request: Request | WebSocket) -> str:
        """HOST:PORT as participants reach this room (the LAN address, not 127.0.0.1)."""
        return self.site.address or request.headers.get("host", "")

    def join_info(self, request: Request | WebSocket) -> dict[str, str]:
        address = self.join_address(request)
        return {"address": address, "url": f"{self.site.scheme}://{address}",
                "play": f"{self.site.scheme}://{address}/play?code={self.room.row.code}"}

    async def read_json(self, request: Request, limit: int) -> Any:
        """The request's JSON body: at most `limit` bytes, nested at most protocol.MAX_DEPTH deep."""
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise Refused(f"a request is at most {limit} bytes")
        return protocol.loads(body or b"null", "request")

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
                text = json.dumps(self.snapshot(self.dashboard_any()))
                for ws in list(self.dashboards):
                    try:
                        await ws.send_text(text)
                    except Exception:
                        self.dashboards.discard(ws)

    def dashboard_any(self) -> WebSocket:
        return next(iter(self.dashboards))

    # --- pages --------------------------------------------------------------------------------

    async def join_page(self, request: Request) -> Response:
        return FileResponse(STATIC / "join.html")

    async def dashboard_page(self, request: Request) -> Response:
        return FileResponse(STATIC / "dashboard.html")

    async def projector_page(self, request: Request) -> Response:
        return FileResponse(STATIC / "projector.html")

    async def info(self, request: Request) -> Response:
        """What the join page shows: the scenario, how many joined, the address to join at;
        never the code or anyone's data."""
        room = self.room
        return JSONResponse({"scenario": room.scenario.title, "rounds": room.scenario.rounds,
                             "round_label": room.scenario.round_label, "state": room.row.state,
                             "joined": len(room.players), "address": self.join_address(request),
                             "scheme": self.site.scheme})

    async def projector(self, request: Request) -> Response:
        """What the projector shows the whole room: the code, the leaderboard, the room's charts."""
        return JSONResponse(self.room.projector() | {"join": self.join_info(request),
                                                     "countdown": self.countdown()})

    async def qr(self, request: Request) -> Response:
        return Response(qr_svg(self.join_info(request)["play"]), media_type="image/svg+xml")

    def countdown(self) -> float | None:
        """Seconds left on the projector's countdown (kept in the database: a restarted server
        goes on counting to the same end), or None."""
        ends = self.room.row.countdown
        return None if ends is None else max(0.0, ends - time.time())

    def snapshot(self, request: Request | WebSocket) -> dict[str, Any]:
        return self.room.snapshot() | {"join": self.join_info(request), "countdown": self.countdown()}

    async def state(self, request: Request) -> Response:
        if not self.facilitator(request.headers.get("x-facilitator-secret")):
            return JSONResponse({"error": "the facilitator's secret is needed"}, status_code=403)
        return JSONResponse(self.snapshot(request))

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
        try:
            data = await self.read_json(request, MAX_CONTROL)
        except Refused as exc:
            return _refused(str(exc), 413 if "bytes" in str(exc) else 400)
        try:
            if isinstance(data, dict) and data.get("action") == "countdown":
                return self.set_countdown(data)
            command = protocol.control(data, self.room.event_ids)
            async with self.lock:
                to, message = self.room.control(command)
        except Refused as exc:
            return _refused(str(exc))
        await self.tell(to, message)
        if message.get("type") == "removed":      # their connections close: the token is void
            for ws in [w for pid in to or () for w in self.players.pop(pid, set())]:
                with contextlib.suppress(Exception):
                    await ws.close(code=4003, reason=message["reason"])
        return JSONResponse({"ok": True, "sent": message})

    def set_countdown(self, data: dict[str, Any]) -> Response:
        """The projector's countdown (0 clears it); its end time is kept in the room's database."""
        if set(data) != {"action", "seconds"}:
            raise Refused("countdown: give seconds, and nothing else")
        seconds = data["seconds"]
        if isinstance(seconds, bool) or not isinstance(seconds, int) or not 0 <= seconds <= 7200:
            raise Refused("seconds must be a whole number from 0 to 7200")
        self.room.set_countdown(time.time() + seconds if seconds else None)
        return JSONResponse({"ok": True, "countdown": seconds})

    # --- sockets ------------------------------------------------------------------------------

    async def play_socket(self, ws: WebSocket) -> None:
        await sockets.play_socket(self, ws)

    async def dashboard_socket(self, ws: WebSocket) -> None:
        await sockets.dashboard_socket(self, ws)


def routes(server: RoomServer) -> list[BaseRoute]:
    """The room's pages, its API and its sockets."""
    return [
        Route("/", server.join_page),
        Route("/dashboard", server.dashboard_page),
        Route("/projector", server.projector_page),
        Route("/api/info", server.info),
        Route("/api/projector", server.projector),
        Route("/api/qr.svg", server.qr),
        Route("/api/state", server.state),
        Route("/api/export.csv", server.export_csv),
        Route("/api/control", server.control, methods=["POST"]),
        WebSocketRoute("/ws/play", server.play_socket),
        WebSocketRoute("/ws/dashboard", server.dashboard_socket),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]


def build_app(room: Room, site: Site | None = None, extra: Sequence[BaseRoute] = ()) -> Starlette:
    """The room's app; `extra` routes (another seat's pages) come before the room's own."""
    server = RoomServer(room, site or Site())

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        task = asyncio.create_task(server.push_dashboards())
        if server.seat_server is not None:
            server.seat_server.start()      # the seats' clocks run with no page open
        yield
        task.cancel()

    app = Starlette(routes=[*extra, *seat_routes(server), *routes(server)], middleware=[Middleware(_Headers)],
                    lifespan=lifespan)
    app.state.room_server = server
    return app
