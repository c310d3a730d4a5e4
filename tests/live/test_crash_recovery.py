"""kill -9 right after a run of 201s: after a restart every acknowledged coin is there."""

import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from app.db import make_engine
from app.models import Coin
from tests.conftest import create_pg_database, drop_pg_database, pg_url
from tests.servers import LiveServer

PASSWORD = "een-lang-wachtwoord"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | None]:
    if request.param == "sqlite":
        yield None
        return
    name = create_pg_database()
    yield pg_url(name)
    drop_pg_database(name)


def _school(server: LiveServer) -> tuple[dict[str, str], list[int]]:
    server.command("create-teacher", "juf", "--password-stdin", input_text=PASSWORD + "\n")
    teacher = httpx.Client(base_url=server.url, timeout=30)
    teacher.post("/api/v1/session", json={"username": "juf", "password": PASSWORD})
    group = teacher.post("/api/v1/groups", json={"name": "Groep 5"}).json()["id"]
    children = [
        teacher.post("/api/v1/children", json={"first_name": f"K{i}", "group_id": group}).json()[
            "id"
        ]
        for i in range(40)
    ]
    return dict(teacher.cookies), children


def _tap(url: str, cookies: dict[str, str], children: list[int], acked: list[uuid.UUID]) -> None:
    with httpx.Client(base_url=url, cookies=cookies, timeout=30) as client:
        for child in children:
            coin = {"id": str(uuid.uuid4()), "child_id": child, "reason": "helpen"}
            try:
                response = client.post("/api/v1/coins", json=coin)
            except httpx.HTTPError:
                return  # the server is gone: this coin was never acknowledged
            if response.status_code == 201:
                acked.append(uuid.UUID(coin["id"]))


def test_kill_9_keeps_every_acknowledged_coin(tmp_path: Path, database: str | None) -> None:
    server = LiveServer(tmp_path / "school", database, PLEINMUNT_DAILY_CAP="1000").start()
    try:
        cookies, children = _school(server)
        acked: list[uuid.UUID] = []
        tappers = [
            threading.Thread(target=_tap, args=(server.url, cookies, children * 5, acked))
            for _ in range(8)
        ]
        for tapper in tappers:
            tapper.start()
        while len(acked) < 150:
            threading.Event().wait(0.01)
        server.kill()  # SIGKILL while taps are still in flight
        for tapper in tappers:
            tapper.join()
        server.start()
        engine = make_engine(
            server.env.get("PLEINMUNT_DATABASE_URL")
            or f"sqlite:///{server.data_dir / 'pleinmunt.sqlite3'}"
        )
        try:
            with engine.connect() as connection:
                stored = set(connection.execute(select(Coin.id)).scalars())
                total = connection.execute(select(func.count()).select_from(Coin)).scalar_one()
        finally:
            engine.dispose()
        assert len(acked) >= 150
        assert set(acked) <= stored
        assert total == len(stored)  # and nothing doubled
        # The restarted server takes taps again.
        with httpx.Client(base_url=server.url, cookies=cookies, timeout=30) as client:
            again = {"id": str(acked[0]), "child_id": children[0], "reason": "helpen"}
            assert client.post("/api/v1/coins", json=again).status_code in (200, 409)
    finally:
        server.stop()
