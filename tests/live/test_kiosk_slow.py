"""A kiosk that stops reading delays nobody, and catches up with a snapshot, not a backlog."""

import asyncio
import json
import time
from typing import Any

from app.db import make_engine, write_session
from app.models import Child
from app.realtime.store import current_seq
from tests.live.conftest import Launcher, LiveSchool
from tests.support.sockets import WAIT, open_socket, receive

# The kernel buffers megabytes for a socket nobody reads; big snapshots (a board with a few
# hundred children) fill that quickly, so the server really has to stop writing to it.
EXTRA_CHILDREN = 500
BOARD_CHANGES = 150
COINS = 30


def _crowd_the_board(school: LiveSchool) -> None:
    engine = make_engine(school.database_url)
    with write_session(engine) as session:
        session.add_all(
            Child(first_name=f"Kind{n}", group_id=school.groups["Groep 6"], avatar="owl:blue")
            for n in range(EXTRA_CHILDREN)
        )
        session.commit()
    engine.dispose()


class Kiosk:
    """The board as a kiosk would hold it: coins per child after every message applied."""

    def __init__(self) -> None:
        self.seq = 0
        self.coins: dict[int, int] = {}
        self.seqs: list[int] = []
        self.kinds: list[str] = []

    def in_order(self) -> bool:
        """Events strictly increase; a snapshot may repeat a seq (it replaces the board)."""
        steps = zip(self.seqs, self.seqs[1:], self.kinds[1:], strict=False)
        return all(b > a or (b == a and kind == "snapshot") for a, b, kind in steps)

    def apply(self, message: dict[str, Any]) -> None:
        self.kinds.append(message["type"])
        self.seqs.append(message["seq"])
        if message["type"] == "snapshot":
            self.coins = {row["child_id"]: row["coins"] for row in message["children"]}
        elif message["type"] == "coin" and message["seq"] > self.seq:
            self.coins[message["child_id"]] += message["amount"]
        self.seq = max(self.seq, message["seq"])


async def _read_all(socket: Any, kiosk: Kiosk) -> None:
    while True:
        kiosk.apply(await receive(socket))


async def _stalled_socket(school: LiveSchool) -> Any:
    # No protocol pings either: it could not read the pongs.
    stalled = await open_socket(school.ws_url(), max_queue=1, ping_interval=None)
    await receive(stalled)
    stalled.transport.pause_reading()  # it still sends heartbeats, it just never reads
    return stalled


def test_stalled_kiosk_neither_delays_others_nor_gets_a_backlog(launch: Launcher) -> None:
    school = launch.school(PLEINMUNT_KIOSK_QUEUE_SIZE="8")
    _crowd_the_board(school)
    engine = make_engine(school.database_url)

    def change_board() -> None:
        assert school.teacher.patch("/api/v1/boards/plein", json={"title": "Plein"}).is_success

    def coins() -> tuple[float, int]:
        for _ in range(COINS):
            school.award("Sam")
        return time.monotonic(), current_seq(engine)

    async def scenario() -> tuple[Kiosk, Kiosk, float]:
        stalled = await _stalled_socket(school)
        fast_kiosk, slow_kiosk = Kiosk(), Kiosk()
        async with open_socket(school.ws_url(), max_size=None) as fast:
            reader = asyncio.create_task(_read_all(fast, fast_kiosk))
            beats = asyncio.create_task(_beat(stalled, fast))
            await _until(lambda: fast_kiosk.kinds)
            for change in range(BOARD_CHANGES):
                # One at a time, so each becomes a snapshot (in a burst they would merge).
                await asyncio.to_thread(change_board)
                await _until(lambda n=change: fast_kiosk.kinds.count("snapshot") > n + 1)
            last_coin_at, final = await asyncio.to_thread(coins)
            await _until(lambda: fast_kiosk.seq >= final)
            fast_after = time.monotonic() - last_coin_at
            stalled.transport.resume_reading()
            await _until(lambda: slow_kiosk.seq >= final, slow_kiosk, stalled)
            for task in (reader, beats):
                task.cancel()
        await stalled.close()
        return fast_kiosk, slow_kiosk, fast_after

    fast, slow, fast_after = asyncio.run(scenario())
    engine.dispose()
    assert fast_after < 5  # the stalled kiosk held nobody up
    assert fast.coins[school.children["Sam"]] == COINS
    assert slow.kinds.count("coin") < COINS  # the stalled kiosk's backlog was dropped ...
    assert slow.coins == fast.coins  # ... and the snapshot that replaced it is just as right
    for kiosk in (fast, slow):
        assert kiosk.in_order()


async def _beat(*sockets: Any) -> None:
    while True:
        for socket in sockets:
            await socket.send(json.dumps({"type": "heartbeat"}))
        await asyncio.sleep(2)


async def _until(done: Any, kiosk: Kiosk | None = None, socket: Any = None) -> None:
    deadline = time.monotonic() + 3 * WAIT
    while not done():
        assert time.monotonic() < deadline, "timed out"
        if socket is not None and kiosk is not None:
            kiosk.apply(await receive(socket))
        else:
            await asyncio.sleep(0.05)
