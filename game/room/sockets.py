"""The room's two WebSockets: participants' games on `/ws/play`, the dashboard on `/ws/dashboard`.

Everything a participant sends is checked (`protocol`) before the room sees it; a refusal
goes back to that participant only. A WebSocket a page on another site opened is refused.
"""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING, Any

from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from game.room import protocol
from game.room.limits import PENDING
from game.room.moderation import REMOVED
from game.room.protocol import Refused
from game.room.site import allowed_origin

if TYPE_CHECKING:
    from game.room.room import Player
    from game.room.server import RoomServer

GUESSES = ("unknown join code", "unknown participant token")   # the refusals that count as guesses
MAX_FIRST = 16 * 1024          # the dashboard's first message: its secret


async def refuse_origin(server: RoomServer, ws: WebSocket) -> bool:
    """Close a WebSocket a page on another site opened (a browser always sends its Origin;
    the game's window sends none). True if it was closed."""
    if allowed_origin(ws.headers.get("origin"), ws.headers.get("host"), server.site.origins):
        return False
    await ws.close(code=4003, reason="this room takes connections only from its own pages")
    return True

async def play_socket(server: RoomServer, ws: WebSocket) -> None:
    if await refuse_origin(server, ws):
        return
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
                    if kind == "join":
                        limited = await hold_guesses(server, address, protocol.join(data).code)
                    async with server.lock:
                        if kind == "join":
                            player, token = server.room.join(protocol.join(data))
                            welcome = server.room.welcome(player) | {"token": token}
                        else:
                            message = protocol.resume(data)
                            player = server.room.player_for(message.token)
                            welcome = server.room.welcome(player, message.since)
                        player.online += 1
                        server.room.version += 1
                    server.players.setdefault(player.id, set()).add(ws)
                    await ws.send_json(welcome)
                else:
                    if player is None:
                        raise Refused("join the room first")
                    if player.id in server.room.removed:
                        raise Refused(REMOVED)
                    sub = protocol.round_submission(data, server.room.scenario.rounds)
                    async with server.lock:
                        answer = server.room.submit(player, sub)
                    await ws.send_json(answer)
            except Refused as exc:
                refusal: dict[str, Any] = {"type": "refused", "reason": str(exc)}
                if isinstance(data.get("round"), int):
                    refusal["round"] = data["round"]
                if exc.retry is not None:
                    refusal["retry"] = exc.retry
                await ws.send_json(refusal)
                if player is None and data.get("type") in ("join", "resume"):
                    if not limited and str(exc) in GUESSES:
                        server.failed_joins.failed(address)
                    await ws.close(code=4003, reason=str(exc)[:100])
                    return
    except WebSocketDisconnect:
        pass
    finally:
        if player is not None:
            server.players.get(player.id, set()).discard(ws)
            player.online = max(0, player.online - 1)
            server.room.version += 1

async def hold_guesses(server: RoomServer, address: str, code: str) -> bool:
    """A wrong code from an address that failed too often is answered late, and only a few
    at a time; the right code is never held up. True if the attempt was held (then it is
    not counted again)."""
    wait = server.failed_joins.wait(address)
    if not wait or server.room.code_matches(code):
        return False
    pending = server.failed_joins.pending
    if pending.get(address, 0) >= PENDING:
        raise Refused(f"too many failed attempts to join from your address; try again in {wait} s")
    pending[address] = pending.get(address, 0) + 1
    try:
        await asyncio.sleep(wait)
    finally:
        pending[address] -= 1
        if not pending[address]:
            del pending[address]
    server.failed_joins.failed(address)
    raise Refused(f"too many failed attempts to join from your address; try again in {wait} s")

async def dashboard_socket(server: RoomServer, ws: WebSocket) -> None:
    if await refuse_origin(server, ws):
        return
    await ws.accept()
    try:
        raw = await asyncio.wait_for(_receive(ws), timeout=10)
        try:
            data = protocol.loads(raw or "null") if len(raw or "") <= MAX_FIRST else None
        except Refused:
            data = None
        if not isinstance(data, dict) or not server.facilitator(
                data.get("secret") if isinstance(data.get("secret"), str) else None):
            await ws.send_json({"type": "refused", "reason": "the facilitator's secret is needed"})
            await ws.close(code=4003)
            return
        await ws.send_text(json.dumps(server.snapshot(ws)))
        server.dashboards.add(ws)
        while await _receive(ws) is not None:
            pass
    except (TimeoutError, WebSocketDisconnect):
        pass
    finally:
        server.dashboards.discard(ws)


async def _receive(ws: WebSocket) -> str | bytes | None:
    if ws.client_state is not WebSocketState.CONNECTED:
        return None
    message = await ws.receive()
    if message["type"] == "websocket.disconnect":
        return None
    return message.get("text") if message.get("text") is not None else message.get("bytes", b"")
