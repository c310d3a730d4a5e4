"""One kiosk connection's outbox and heartbeats, driven through a fake socket (no server)."""

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

from app.domain.masking import NameDisplay
from app.realtime.connection import Batch, KioskConnection, Prepared
from app.realtime.protocol import CLOSE_REVOKED, CLOSE_SILENT, BoardRoute
from app.realtime.store import Viewer

VIEWER = Viewer(route=BoardRoute(1, "plein", NameDisplay.first_name, frozenset({3})), link_id=5)


class FakeSocket:
    """Records what the connection sends; ``stall`` makes sending block, like a full network."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []
        self.incoming: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.flowing = asyncio.Event()
        self.flowing.set()

    async def send(self, message: dict[str, Any]) -> None:
        await self.flowing.wait()
        self.sent.append(message)

    async def receive(self) -> dict[str, Any]:
        return await self.incoming.get()

    def texts(self) -> list[dict[str, Any]]:
        return [json.loads(m["text"]) for m in self.sent if m["type"] == "websocket.send"]


def connection(
    socket: FakeSocket, *, queue_size: int = 4, heartbeat: float = 10, writer: Any = None
) -> KioskConnection:
    return KioskConnection(
        viewer=VIEWER,
        send=socket.send,
        receive=socket.receive,
        queue_size=queue_size,
        heartbeat=heartbeat,
        writer=writer,
    )


def snapshots(seq: list[int]) -> Callable[[int], Awaitable[tuple[int, str]]]:
    async def snapshot_for(_board_id: int) -> tuple[int, str]:
        return seq[0], json.dumps({"type": "snapshot", "seq": seq[0]})

    return snapshot_for


def coin(seq: int) -> Batch:
    return Batch.of([Prepared(seq, json.dumps({"type": "coin", "seq": seq}))])


async def settle() -> None:
    for _ in range(20):
        await asyncio.sleep(0)


def test_outbox_sends_in_order_and_skips_what_was_sent() -> None:
    async def scenario() -> list[dict[str, Any]]:
        socket = FakeSocket()
        kiosk = connection(socket)
        kiosk.sent_seq = 2  # a replay already brought the kiosk to seq 2
        pump = asyncio.create_task(kiosk.pump(snapshots([0])))
        for seq in (1, 2, 3, 4):
            kiosk.offer(coin(seq))
        await settle()
        pump.cancel()
        return socket.texts()

    assert [m["seq"] for m in asyncio.run(scenario())] == [3, 4]


def test_outbox_overflow_sends_snapshot_instead_of_backlog() -> None:
    async def scenario() -> list[dict[str, Any]]:
        socket = FakeSocket()
        kiosk = connection(socket, queue_size=4)
        latest = [0]
        pump = asyncio.create_task(kiosk.pump(snapshots(latest)))
        kiosk.offer(coin(1))
        await settle()
        socket.flowing.clear()  # the kiosk stops reading: sending seq 2 blocks
        kiosk.offer(coin(2))
        await settle()
        for seq in range(3, 12):
            kiosk.offer(coin(seq))
        latest[0] = 11  # what a snapshot read now would contain
        socket.flowing.set()
        await settle()
        kiosk.offer(coin(12))
        await settle()
        pump.cancel()
        return socket.texts()

    sent = asyncio.run(scenario())
    # 3..11 overflowed the outbox of 4 while seq 2 hung: one snapshot replaces them.
    assert [(m["type"], m["seq"]) for m in sent] == [
        ("coin", 1),
        ("coin", 2),
        ("snapshot", 11),
        ("coin", 12),
    ]


def test_resync_sends_snapshot_then_only_newer_events() -> None:
    async def scenario() -> list[dict[str, Any]]:
        socket = FakeSocket()
        kiosk = connection(socket)
        pump = asyncio.create_task(kiosk.pump(snapshots([7])))
        kiosk.offer(coin(6))
        kiosk.offer(coin(7))
        kiosk.offer(coin(8))
        kiosk.resync()
        await settle()
        kiosk.resync()  # nothing new since: the same snapshot is not sent twice
        await settle()
        pump.cancel()
        return socket.texts()

    assert [(m["type"], m["seq"]) for m in asyncio.run(scenario())] == [
        ("snapshot", 7),
        ("coin", 8),
    ]


def test_idle_connection_sends_heartbeats() -> None:
    async def scenario() -> list[dict[str, Any]]:
        socket = FakeSocket()
        pump = asyncio.create_task(connection(socket, heartbeat=0.05).pump(snapshots([0])))
        await asyncio.sleep(0.18)
        pump.cancel()
        return socket.texts()

    beats = asyncio.run(scenario())
    assert 2 <= len(beats) <= 4
    assert all(m == {"type": "heartbeat"} for m in beats)


def test_silent_kiosk_is_closed_and_a_chatty_one_is_not() -> None:
    async def scenario(chatty: bool) -> int | None:
        socket = FakeSocket()
        kiosk = connection(socket, heartbeat=0.05)
        pump = asyncio.create_task(kiosk.pump(snapshots([0])))
        listen = asyncio.create_task(kiosk.listen())
        for _ in range(8):  # 0.32 s: more than twice the 0.125 s of silence allowed
            if chatty:
                socket.incoming.put_nowait({"type": "websocket.receive", "text": "{}"})
            await asyncio.sleep(0.04)
        if not chatty:
            await asyncio.wait({pump}, timeout=0.5)  # it is closing: let it finish
        for task in (pump, listen):
            task.cancel()
        closes = [m["code"] for m in socket.sent if m["type"] == "websocket.close"]
        return closes[0] if closes else None

    assert asyncio.run(scenario(chatty=False)) == CLOSE_SILENT
    assert asyncio.run(scenario(chatty=True)) is None


def test_end_closes_with_the_given_code() -> None:
    async def scenario() -> list[dict[str, Any]]:
        socket = FakeSocket()
        kiosk = connection(socket)
        pump = asyncio.create_task(kiosk.pump(snapshots([0])))
        await settle()
        kiosk.end(CLOSE_REVOKED)
        await asyncio.wait_for(pump, 1)
        return socket.sent

    assert asyncio.run(scenario())[-1] == {
        "type": "websocket.close",
        "code": CLOSE_REVOKED,
        "reason": "",
    }


def unframe(frame: bytes) -> list[str]:
    """The texts in back-to-back unmasked server frames."""
    texts = []
    while frame:
        size, start = frame[1], 2
        if size == 126:
            size, start = int.from_bytes(frame[2:4], "big"), 4
        texts.append(frame[start : start + size].decode())
        frame = frame[start + size :]
    return texts


class FakeWriter:
    """Stands in for direct.FrameWriter: frames written straight to the socket."""

    def __init__(self, socket: FakeSocket) -> None:
        self.socket = socket
        self.writes = 0

    def write(self, frame: bytes) -> bool:
        self.writes += 1
        for text in unframe(frame):
            self.socket.sent.append({"type": "websocket.send", "text": text, "direct": True})
        return True


def test_idle_socket_gets_events_directly_and_never_before_a_pending_snapshot() -> None:
    async def scenario() -> list[tuple[str, int, bool]]:
        socket = FakeSocket()
        kiosk = KioskConnection(
            viewer=VIEWER,
            send=socket.send,
            receive=socket.receive,
            queue_size=4,
            heartbeat=10,
            writer=FakeWriter(socket),  # type: ignore[arg-type]
        )
        gate = asyncio.Event()

        async def slow_snapshot(_board_id: int) -> tuple[int, str]:
            await gate.wait()  # read before coin 6 committed
            return 5, json.dumps({"type": "snapshot", "seq": 5})

        kiosk.resync()
        pump = asyncio.create_task(kiosk.pump(slow_snapshot))
        await settle()
        kiosk.offer(coin(6))  # arrives while the snapshot is being read
        gate.set()
        await settle()
        kiosk.offer(coin(7))  # idle now: straight to the socket
        await settle()
        pump.cancel()
        sent = [(json.loads(m["text"]), "direct" in m) for m in socket.sent]
        return [(message["type"], message["seq"], direct) for message, direct in sent]

    assert asyncio.run(scenario()) == [
        ("snapshot", 5, False),
        ("coin", 6, False),
        ("coin", 7, True),
    ]
