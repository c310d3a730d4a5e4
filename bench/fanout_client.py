"""The two load generators of bench_fanout.py, each run as its own process.

``kiosks``: many kiosk sockets in one asyncio process. A lean client (handshake and frame
parsing by hand, no JSON decoding) so that 1000 sockets at 50 coins/s measure the server, not
the client. It answers pings, sends the application heartbeat, and notes when each coin lands.

``poster``: gives coins at a steady rate through the HTTP API and notes when each 201 came back.

Times are ``time.monotonic()`` (CLOCK_MONOTONIC: one clock for every process on the machine).
"""

import argparse
import asyncio
import base64
import json
import os
import sys
import time
import uuid
from array import array
from pathlib import Path

HEARTBEAT_EVERY = 5.0
COIN_ID = b'"coin_id":"'


def frame(opcode: int, payload: bytes) -> bytes:
    """A masked client frame (RFC 6455 requires clients to mask)."""
    mask = os.urandom(4)
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    size = len(payload)
    head = bytes([0x80 | opcode]) + (
        bytes([0x80 | size]) if size < 126 else bytes([0x80 | 126]) + size.to_bytes(2, "big")
    )
    return head + mask + masked


class Kiosk(asyncio.Protocol):
    def __init__(self, request: bytes, arrivals: dict[bytes, array], ready: asyncio.Future) -> None:
        self.request = request
        self.arrivals = arrivals
        self.ready = ready
        self.buffer = bytearray()
        self.open = False
        self.coins = 0
        self.snapshots = 0
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self.transport.write(self.request)

    def data_received(self, data: bytes) -> None:
        now = time.monotonic()
        self.buffer += data
        if not self.open:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            if b" 101 " not in self.buffer[:end]:
                self.ready.set_exception(RuntimeError(bytes(self.buffer[:end]).decode()))
                return
            del self.buffer[: end + 4]
            self.open = True
        while self._one_frame(now):
            pass

    def _one_frame(self, now: float) -> bool:
        buffer = self.buffer
        if len(buffer) < 2:
            return False
        opcode, size, start = buffer[0] & 0x0F, buffer[1] & 0x7F, 2
        if size == 126:
            size, start = int.from_bytes(buffer[2:4], "big"), 4
        elif size == 127:
            size, start = int.from_bytes(buffer[2:10], "big"), 10
        if len(buffer) < start + size:
            return False
        payload = bytes(buffer[start : start + size])
        del buffer[: start + size]
        if opcode == 0x1:
            self._text(payload, now)
        elif opcode == 0x9 and self.transport is not None:
            self.transport.write(frame(0xA, payload))  # pong
        return True

    def _text(self, payload: bytes, now: float) -> None:
        if payload.startswith(b'{"type":"coin"'):
            at = payload.find(COIN_ID) + len(COIN_ID)
            self.arrivals.setdefault(payload[at : at + 36], array("d")).append(now)
            self.coins += 1
        elif payload.startswith(b'{"type":"snapshot"'):
            self.snapshots += 1
            if not self.ready.done():
                self.ready.set_result(None)

    def beat(self) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(frame(0x1, b'{"type":"heartbeat"}'))


async def run_kiosks(args: argparse.Namespace) -> None:
    import uvloop  # noqa: F401  (installed with uvicorn[standard])

    loop = asyncio.get_running_loop()
    arrivals: dict[bytes, array] = {}
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        f"GET /ws/boards/{args.board}?token={args.token} HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{args.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\n"
        "Sec-WebSocket-Version: 13\r\n\r\n"
    ).encode()
    kiosks: list[Kiosk] = []
    for batch in range(0, args.count, 50):  # connect in waves, as screens switching on would
        waves = []
        for _ in range(min(50, args.count - batch)):
            ready = loop.create_future()
            _transport, kiosk = await loop.create_connection(
                lambda ready=ready: Kiosk(request, arrivals, ready), "127.0.0.1", args.port
            )
            kiosks.append(kiosk)
            waves.append(ready)
        await asyncio.gather(*waves)
    print("ready", flush=True)
    beats = asyncio.create_task(_beat(kiosks))
    await loop.run_in_executor(None, sys.stdin.readline)  # "go": coins start flowing now
    started = time.process_time()
    await loop.run_in_executor(None, sys.stdin.readline)  # "stop" from the bench
    beats.cancel()
    _report(args, kiosks, arrivals, time.process_time() - started)
    for kiosk in kiosks:
        if kiosk.transport is not None:
            kiosk.transport.close()


async def _beat(kiosks: list[Kiosk]) -> None:
    while True:
        await asyncio.sleep(HEARTBEAT_EVERY)
        for kiosk in kiosks:
            kiosk.beat()


def _report(
    args: argparse.Namespace, kiosks: list[Kiosk], arrivals: dict[bytes, array], cpu: float
) -> None:
    """Latencies (ms) from each coin's 201 and from its POST, for every kiosk that got it."""
    posted = json.loads(Path(args.posted).read_text())
    from_201, from_post = array("d"), array("d")
    for coin_id, (sent, answered) in posted.items():
        for landed in arrivals.get(coin_id.encode(), ()):
            from_201.append((landed - answered) * 1000)
            from_post.append((landed - sent) * 1000)
    out = Path(args.out)
    with (out.with_suffix(".201")).open("wb") as handle:
        from_201.tofile(handle)
    with (out.with_suffix(".post")).open("wb") as handle:
        from_post.tofile(handle)
    counts = [k.coins for k in kiosks]
    out.write_text(
        json.dumps(
            {
                "min_coins": min(counts),
                "max_coins": max(counts),
                "extra_snapshots": sum(k.snapshots - 1 for k in kiosks),
                "cpu_seconds": cpu,
            }
        )
    )


async def run_poster(args: argparse.Namespace) -> None:
    import httpx

    posted: dict[str, tuple[float, float]] = {}
    children = [int(child) for child in args.children.split(",")]
    async with httpx.AsyncClient(
        base_url=f"http://127.0.0.1:{args.port}", cookies={"pleinmunt_session": args.cookie}
    ) as client:

        async def give(number: int) -> None:
            coin_id = str(uuid.uuid4())
            body = {"id": coin_id, "child_id": children[number % len(children)], "reason": "helpen"}
            sent = time.monotonic()
            response = await client.post("/api/v1/coins", json=body, timeout=30)
            if response.status_code == 201:
                posted[coin_id] = (sent, time.monotonic())

        started, total = time.monotonic(), int(args.rate * args.seconds)
        tasks = []
        for number in range(total):
            await asyncio.sleep(max(0.0, started + number / args.rate - time.monotonic()))
            tasks.append(asyncio.create_task(give(number)))
        await asyncio.gather(*tasks)
    Path(args.out).write_text(json.dumps(posted))
    print(json.dumps({"posted": len(posted), "wanted": total}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("role", choices=["kiosks", "poster"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--board", default="bench")
    parser.add_argument("--token", default="")
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--posted", default="")
    parser.add_argument("--cookie", default="")
    parser.add_argument("--children", default="")
    parser.add_argument("--rate", type=float, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    import uvloop

    uvloop.run(run_kiosks(args) if args.role == "kiosks" else run_poster(args))


if __name__ == "__main__":
    main()
