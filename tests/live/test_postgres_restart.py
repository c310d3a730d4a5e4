"""PostgreSQL restarted under load: 503 with Retry-After meanwhile (never a 500, never a lost
acknowledged coin), then the service recovers by itself, its LISTEN included."""

import asyncio
import os
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from app.db import make_engine
from app.models import Coin
from tests.live.conftest import Launcher, LiveSchool
from tests.live.private_postgres import PrivatePostgres
from tests.servers import LiveServer
from tests.support.sockets import open_socket, receive

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture
def private_postgres() -> Iterator[PrivatePostgres]:
    if os.geteuid() != 0:
        pytest.fail("this test starts its own PostgreSQL as the postgres user: run it as root")
    server = PrivatePostgres()
    server.start()
    server.create_database()
    yield server
    server.remove()


@pytest.fixture
def launch(private_postgres: PrivatePostgres, tmp_path: Path) -> Iterator[Launcher]:
    launcher = Launcher(private_postgres.url, tmp_path)
    yield launcher
    launcher.close()


@pytest.fixture
def school(launch: Launcher) -> LiveSchool:
    return launch.school()


def _tap_forever(school: LiveSchool, stop: threading.Event, log: list[tuple[str, int]]) -> None:
    client = httpx.Client(base_url=school.server.url, cookies=school.teacher.cookies, timeout=30)
    names = list(school.children)
    index = 0
    while not stop.is_set():
        coin_id = str(uuid.uuid4())
        body = {"id": coin_id, "child_id": school.children[names[index % 3]], "reason": "helpen"}
        try:
            response = client.post("/api/v1/coins", json=body)
            log.append((coin_id, response.status_code))
            if response.status_code == 503:
                assert int(response.headers["retry-after"]) > 0
                assert response.json()["detail"]
        except httpx.HTTPError:
            log.append((coin_id, 0))
        index += 1
        time.sleep(0.01)


def test_postgres_restart_answers_503_then_recovers(
    school: LiveSchool, launch: Launcher, private_postgres: PrivatePostgres
) -> None:
    other = launch.server()  # a second process: its kiosks hear of coins only through LISTEN
    stop, log = threading.Event(), []
    tapper = threading.Thread(target=_tap_forever, args=(school, stop, log))
    tapper.start()
    try:
        _wait_for(lambda: sum(1 for _, status in log if status == 201) >= 20)
        private_postgres.stop("fast")
        outage_start = len(log)
        _wait_for(lambda: sum(1 for _, status in log[outage_start:] if status == 503) >= 5)
        health = httpx.get(f"{school.server.url}/healthz", timeout=10)
        assert health.status_code == 503
        private_postgres.start()
        restart = len(log)
        _wait_for(lambda: sum(1 for _, status in log[restart:] if status == 201) >= 20, 60)
    finally:
        stop.set()
        tapper.join()
    statuses = {status for _, status in log}
    assert 500 not in statuses
    assert statuses <= {201, 503}
    acknowledged = {uuid.UUID(coin_id) for coin_id, status in log if status == 201}
    engine = make_engine(private_postgres.url)
    try:
        with engine.connect() as connection:
            stored = set(connection.execute(select(Coin.id)).scalars())
    finally:
        engine.dispose()
    assert acknowledged <= stored
    asyncio.run(_other_kiosk_sees_a_coin_after_the_restart(school, other))


async def _other_kiosk_sees_a_coin_after_the_restart(school: LiveSchool, other: LiveServer) -> None:
    """The other process's listener reconnected by itself: a coin given through the first
    process still reaches a kiosk socket on the second."""
    url = school.ws_url().replace(f":{school.server.port}/", f":{other.port}/")
    async with open_socket(url) as socket:
        await receive(socket)  # the snapshot
        coin = await asyncio.to_thread(school.award, "Noor")
        event = await receive(socket)
        assert event["type"] == "coin"
        assert event["coin_id"] == coin["id"]


def _wait_for(condition, seconds: float = 30) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)
