"""The hub in-process on a real database: week rollover, and fan-out from the event table."""

import asyncio
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from app.db import make_engine, write_session
from app.domain.masking import NameDisplay
from app.models import Board, BoardGroup, Group
from app.models.types import utcnow
from app.realtime import housekeeping
from app.realtime.connection import KioskConnection
from app.realtime.hub import Hub
from app.realtime.protocol import BoardRoute, next_week_start
from app.realtime.store import Viewer
from app.services.events import attach_hub, record_event
from app.settings import Settings
from tests.realtime.test_connection import FakeSocket


def make_board(settings: Settings) -> BoardRoute:
    engine = make_engine(settings.resolved_database_url)
    with write_session(engine) as session:
        group, board = Group(name="Groep 5"), Board(slug="plein", title="Plein")
        session.add_all([group, board])
        session.flush()
        session.add(BoardGroup(board_id=board.id or 0, group_id=group.id or 0))
        session.commit()
        route = BoardRoute(board.id or 0, "plein", NameDisplay.first_name, frozenset({group.id}))
    engine.dispose()
    return route


def just_before_next_week(settings: Settings, seconds: float) -> Callable[[], datetime]:
    """A clock that reaches the school's next Monday 00:00 after ``seconds`` of real time."""
    boundary = next_week_start(utcnow(), settings.tz)
    started = time.monotonic()
    return lambda: boundary - timedelta(seconds=seconds - (time.monotonic() - started))


async def watch(hub: Hub, route: BoardRoute) -> tuple[KioskConnection, FakeSocket]:
    socket = FakeSocket()
    connection = KioskConnection(
        viewer=Viewer(route=route, link_id=1),
        send=socket.send,
        receive=socket.receive,
        queue_size=16,
        heartbeat=10,
    )
    await hub.register(connection)
    return connection, socket


def test_new_school_week_sends_every_kiosk_a_snapshot(settings: Settings) -> None:
    route = make_board(settings)

    async def scenario() -> list[str]:
        hub = Hub(make_engine(settings.resolved_database_url), settings)
        await hub.start()
        connection, socket = await watch(hub, route)
        pump = asyncio.create_task(connection.pump(hub.snapshot))
        clock = just_before_next_week(settings, 0.3)
        rollover = asyncio.create_task(housekeeping.roll_over_weeks(hub, clock=clock))
        await asyncio.sleep(0.1)
        before = [m["type"] for m in socket.texts()]
        await asyncio.sleep(0.6)
        after = [m["type"] for m in socket.texts()]
        for task in (pump, rollover):
            task.cancel()
        await hub.stop()
        hub.engine.dispose()
        return [*before, "|", *after]

    assert asyncio.run(scenario()) == ["|", "snapshot"]


def test_hub_delivers_committed_events_in_seq_order(settings: Settings) -> None:
    route = make_board(settings)
    group = next(iter(route.group_ids))

    async def scenario() -> list[int]:
        engine = make_engine(settings.resolved_database_url)
        hub = Hub(engine, settings)
        await hub.start()
        connection, socket = await watch(hub, route)
        pump = asyncio.create_task(connection.pump(hub.snapshot))

        def commit_three() -> list[int]:
            seqs = []
            for amount in (1, 2, 3):
                with write_session(engine) as session:
                    attach_hub(session, hub)
                    seqs.append(
                        record_event(
                            session, kind="void", group_id=group, payload={"amount": amount}
                        )
                    )
                    session.commit()
            return seqs

        seqs = await asyncio.to_thread(commit_three)
        await asyncio.sleep(0.3)
        pump.cancel()
        await hub.stop()
        engine.dispose()
        assert [m["seq"] for m in socket.texts()] == seqs
        return [m["amount"] for m in socket.texts()]

    assert asyncio.run(scenario()) == [1, 2, 3]
