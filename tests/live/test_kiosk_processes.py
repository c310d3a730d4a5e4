"""Several `pleinmunt serve` processes on one PostgreSQL database: events cross processes."""

import asyncio
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from websockets.exceptions import ConnectionClosed

from app.realtime.listener import APPLICATION_NAME
from tests.conftest import PG_SERVER, create_pg_database, drop_pg_database, pg_url
from tests.live.conftest import Launcher
from tests.servers import PLEINMUNT, LiveServer
from tests.support.sockets import WAIT, open_socket, receive


@pytest.fixture
def pg_launch(pg_template: str, tmp_path: Path) -> Iterator[tuple[Launcher, str]]:
    name = create_pg_database(template=pg_template)
    launcher = Launcher(pg_url(name), tmp_path)
    yield launcher, name
    launcher.close()
    drop_pg_database(name)


def _listeners(database: str) -> list[int]:
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
        rows = admin.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND application_name = %s",
            (database, APPLICATION_NAME),
        ).fetchall()
    return [row[0] for row in rows]


def _terminate(pids: list[int]) -> None:
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
        for pid in pids:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))


@pytest.mark.postgres
def test_coin_posted_to_one_process_reaches_kiosk_on_another(
    pg_launch: tuple[Launcher, str],
) -> None:
    launch, _name = pg_launch
    school = launch.school()
    other = launch.server()

    async def scenario() -> None:
        async with open_socket(school.ws_url()) as socket:
            snapshot = await receive(socket)
            coin = await asyncio.to_thread(school.award, "Noor", via=other)
            event = await receive(socket)
            assert (event["type"], event["coin_id"]) == ("coin", coin["id"])
            assert event["name"] == "Noor K."
            assert event["seq"] > snapshot["seq"]

    asyncio.run(scenario())


@pytest.mark.postgres
def test_listener_resyncs_after_its_connection_drops(pg_launch: tuple[Launcher, str]) -> None:
    launch, name = pg_launch
    school = launch.school()
    other = launch.server()

    async def scenario() -> None:
        async with open_socket(school.ws_url()) as socket:
            await receive(socket)
            dropped = await _wait_for_listeners(name, 1)
            await asyncio.to_thread(_terminate, dropped)
            # Committed while the listener is away: the resync after reconnecting brings it.
            missed = await asyncio.to_thread(school.award, "Sam", via=other)
            assert (await receive(socket))["coin_id"] == missed["id"]
            again = await _wait_for_listeners(name, 1)
            assert set(again).isdisjoint(dropped)
            started = time.monotonic()
            live = await asyncio.to_thread(school.award, "Zoë", via=other)
            assert (await receive(socket))["coin_id"] == live["id"]
            assert time.monotonic() - started < 5  # by NOTIFY again, not by a slow safety net

    asyncio.run(scenario())


async def _wait_for_listeners(database: str, count: int) -> list[int]:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        pids = await asyncio.to_thread(_listeners, database)
        if len(pids) >= count:
            return pids
        await asyncio.sleep(0.2)
    raise AssertionError("the hub's LISTEN connection did not appear")


@pytest.mark.postgres
def test_revoke_in_another_process_closes_the_socket(pg_launch: tuple[Launcher, str]) -> None:
    launch, _name = pg_launch
    school = launch.school()
    other = launch.server()

    async def scenario() -> float:
        async with open_socket(school.ws_url()) as socket:
            await receive(socket)
            started = time.monotonic()
            response = await asyncio.to_thread(
                school.teacher.delete,
                f"{other.url}/api/v1/boards/plein/kiosk-links/{school.link_id}",
            )
            assert response.status_code == 204
            with pytest.raises(ConnectionClosed):
                await receive(socket)
            assert socket.close_code == 4403
            return time.monotonic() - started

    assert asyncio.run(scenario()) < 10


def test_sqlite_refuses_several_workers(tmp_path: Path) -> None:
    server = LiveServer(tmp_path)
    done = subprocess.run(
        [PLEINMUNT, "serve", "--port", str(server.port), "--workers", "2"],
        env=server.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "SQLite serves from one process only" in done.stderr
    assert "PostgreSQL" in done.stderr
