"""One kiosk socket: its own bounded outbox, a pump that writes it, and a heartbeat both ways.

The hub only ever calls ``offer``/``resync``/``end`` (never awaits a socket), so a slow or dead
kiosk can delay nobody but itself. An event for an idle socket is written at once (direct.py);
otherwise it waits in the outbox. A kiosk whose outbox overflows loses its backlog and gets a
fresh snapshot instead; events already covered by a snapshot are skipped, so the seq the kiosk
sees always increases.
"""

import asyncio
import contextlib
import json
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.types import Receive, Send
from starlette.websockets import WebSocketDisconnect

from app.realtime.direct import FrameWriter, text_frame
from app.realtime.protocol import CLOSE_SILENT, HEARTBEAT, SILENCE_FACTOR
from app.realtime.store import Viewer

# Builds the snapshot text for a board (shared by every kiosk of the board; see Hub.snapshot).
SnapshotSource = Callable[[int], Awaitable[tuple[int, str]]]


@dataclass(frozen=True, slots=True)
class Prepared:
    """One event as every kiosk of a board receives it."""

    seq: int
    text: str


@dataclass(frozen=True, slots=True)
class Batch:
    """Consecutive events for one board, framed back to back once for all its kiosks: an idle
    socket gets them in one write."""

    messages: tuple[Prepared, ...]
    frame: bytes

    @classmethod
    def of(cls, messages: list[Prepared]) -> "Batch":
        return cls(tuple(messages), b"".join(text_frame(m.text) for m in messages))


class KioskConnection:
    def __init__(
        self,
        *,
        viewer: Viewer,
        send: Send,
        receive: Receive,
        queue_size: int,
        heartbeat: float,
        writer: FrameWriter | None = None,
    ) -> None:
        self.viewer = viewer
        self.board_id = viewer.route.board_id
        self._send = send
        self._receive = receive
        self._queue_size = queue_size
        self._heartbeat = heartbeat
        self._writer = writer
        self._items: deque[Prepared] = deque()
        self._ready = asyncio.Event()
        self._needs_snapshot = False
        self._live = False  # set by the pump: before it runs, a greeting may still be on its way
        self._busy = False
        self._close_code: int | None = None
        self.sent_seq = 0
        self.snapshots_sent = 0
        self._last_snapshot: tuple[int, str] = (-1, "")

    # Called by the hub, on the event loop, never blocking.

    def offer(self, batch: Batch) -> None:
        first, last = batch.messages[0], batch.messages[-1]
        writer = self._writer
        fresh = first.seq > self.sent_seq
        if writer is not None and fresh and self._idle() and writer.write(batch.frame):
            self.sent_seq = last.seq
            return
        for message in batch.messages:
            self._queue(message)
        self._ready.set()

    def _queue(self, message: Prepared) -> None:
        if len(self._items) >= self._queue_size:
            # Fallen behind: the backlog is worth less than a fresh snapshot.
            self._items.clear()
            self._needs_snapshot = True
        else:
            self._items.append(message)

    def _idle(self) -> bool:
        """Nothing queued or being written: a new event may go straight to the socket."""
        return (
            self._live
            and not self._busy
            and not self._items
            and not self._needs_snapshot
            and self._close_code is None
        )

    def resync(self) -> None:
        """Send a fresh snapshot next (board changed, new school week)."""
        self._needs_snapshot = True
        self._ready.set()

    def end(self, code: int) -> None:
        self._close_code = code
        self._ready.set()

    # The socket's two loops.

    async def pump(self, snapshot_for: SnapshotSource) -> None:
        """Write the outbox in seq order; a heartbeat when there was nothing to say."""
        self._live = True
        while self._close_code is None:
            if not self._items and not self._needs_snapshot:
                self._ready.clear()
                try:
                    async with asyncio.timeout(self._heartbeat):
                        await self._ready.wait()
                except TimeoutError:
                    await self._write(HEARTBEAT)
                    continue
            if self._needs_snapshot:
                self._needs_snapshot = False
                # Busy until it is written: a coin sent meanwhile could predate the snapshot.
                self._busy = True
                try:
                    await self._send_snapshot(*await snapshot_for(self.board_id))
                finally:
                    self._busy = False
            while self._items and not self._needs_snapshot and self._close_code is None:
                message = self._items.popleft()
                if message.seq > self.sent_seq:
                    await self._write(message.text)
                    self.sent_seq = message.seq
        await self.close(self._close_code)

    async def _send_snapshot(self, seq: int, text: str) -> None:
        if seq == self._last_snapshot[0] and text == self._last_snapshot[1]:
            return  # the kiosk has exactly this already (several resyncs in a row)
        await self._write(text)
        self._last_snapshot = (seq, text)
        self.sent_seq = max(self.sent_seq, seq)
        self.snapshots_sent += 1

    async def listen(self) -> None:
        """Read the kiosk's heartbeats; end the socket when it goes silent or leaves."""
        limit = self._heartbeat * SILENCE_FACTOR
        while True:
            try:
                async with asyncio.timeout(limit):
                    message = await self._receive()
            except TimeoutError:
                self.end(CLOSE_SILENT)
                return
            if message["type"] == "websocket.disconnect":
                return

    async def send_now(self, message: dict[str, Any] | str) -> None:
        text = message if isinstance(message, str) else json.dumps(message, ensure_ascii=False)
        await self._write(text)

    async def _write(self, text: str) -> None:
        was_busy, self._busy = self._busy, True
        try:
            await self._send({"type": "websocket.send", "text": text})
        except RuntimeError as error:
            # uvicorn closed the socket itself (its keepalive ping went unanswered).
            raise WebSocketDisconnect(code=1006) from error
        finally:
            self._busy = was_busy

    @property
    def ending(self) -> bool:
        return self._close_code is not None

    async def close(self, code: int) -> None:
        with contextlib.suppress(Exception):
            await self._send({"type": "websocket.close", "code": code, "reason": ""})
