"""``WS /ws/boards/{slug}?token=…&since=SEQ``: a board, live (kiosk link or teacher session).

The handshake is refused (HTTP 403) for a foreign ``Origin`` and for anyone but a teacher or
this board's kiosk link. Then: the events missed since ``since`` when few are missing, else a
snapshot; then live events in seq order; heartbeats both ways (app/realtime/connection.py).
"""

import asyncio
import logging

from fastapi import APIRouter, WebSocket
from starlette.websockets import WebSocketDisconnect

from app.api.http import SESSION_COOKIE
from app.realtime import store
from app.realtime.connection import KioskConnection
from app.realtime.direct import FrameWriter
from app.realtime.hub import Hub
from app.realtime.protocol import encode, kiosk_message, origin_allowed

router = APIRouter()
log = logging.getLogger("pleinmunt.hub")

POLICY_VIOLATION = 1008
INTERNAL_ERROR = 1011


@router.websocket("/ws/boards/{slug}")
async def board_socket(websocket: WebSocket, slug: str) -> None:
    hub: Hub = websocket.app.state.hub
    viewer = await _admit(websocket, hub, slug)
    if viewer is None:
        await websocket.close(code=POLICY_VIOLATION)  # before accept: the handshake gets 403
        return
    await websocket.accept()
    connection = KioskConnection(
        viewer=viewer,
        send=websocket.send,
        receive=websocket.receive,
        queue_size=hub.settings.kiosk_queue_size,
        heartbeat=hub.settings.kiosk_heartbeat_seconds,
        writer=FrameWriter.for_scope(websocket.scope),
    )
    await hub.register(connection)
    try:
        await _greet(hub, connection, since=_since(websocket))
        await _serve(hub, connection)
    except (WebSocketDisconnect, OSError):
        pass  # the kiosk left; it reconnects by itself
    finally:
        hub.unregister(connection)


async def _admit(websocket: WebSocket, hub: Hub, slug: str) -> store.Viewer | None:
    headers = websocket.headers
    if not origin_allowed(headers.get("origin"), headers.get("host"), hub.settings.base_url):
        return None
    return await asyncio.to_thread(
        store.authorize,
        hub.engine,
        slug=slug,
        token=websocket.query_params.get("token"),
        cookie=websocket.cookies.get(SESSION_COOKIE),
        settings=hub.settings,
    )


def _since(websocket: WebSocket) -> int:
    text = websocket.query_params.get("since", "")
    return int(text) if text.isdigit() and len(text) < 19 else 0


async def _greet(hub: Hub, connection: KioskConnection, *, since: int) -> None:
    """Replay what the kiosk missed when that is possible; otherwise its first message is a
    snapshot (the pump sends it)."""
    route = connection.viewer.route
    missed = (
        await asyncio.to_thread(
            store.replay, hub.engine, route=route, since=since, settings=hub.settings
        )
        if since
        else None
    )
    if missed is None:
        connection.resync()
        return
    connection.sent_seq = since
    for event in missed:
        await connection.send_now(encode(kiosk_message(event, route)))
        connection.sent_seq = event.seq


async def _serve(hub: Hub, connection: KioskConnection) -> None:
    pump = asyncio.create_task(connection.pump(hub.snapshot))
    listen = asyncio.create_task(connection.listen())
    try:
        done, _pending = await asyncio.wait({pump, listen}, return_when=asyncio.FIRST_COMPLETED)
        if listen in done and connection.ending:
            await asyncio.wait({pump}, timeout=2)  # the kiosk went silent: the pump says goodbye
        if pump.done() and not pump.cancelled() and pump.exception() is not None:
            await _failed(connection, pump.exception())
    finally:
        for task in (pump, listen):
            task.cancel()


async def _failed(connection: KioskConnection, error: BaseException | None) -> None:
    if isinstance(error, WebSocketDisconnect | OSError):
        return
    log.warning("kiosk socket for board %s failed: %r", connection.board_id, error)
    await connection.close(INTERNAL_ERROR)
