"""/healthz tells the truth: 503 when the database or a background worker is down or stuck, so an
orchestrator or systemd watchdog restarts the process."""

import asyncio
import contextlib
import time

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.realtime import hub as hub_module
from app.services.coins import writer as coin_writer
from tests.support.school import School


def _with_live_reader(client: TestClient, school: School) -> None:
    """The reader starts with the first kiosk socket; open one and leave it."""
    with client.websocket_connect(f"/ws/boards/{school.board}?token={school.kiosk_token}") as ws:
        assert ws.receive_json()["type"] == "snapshot"


def test_healthz_is_ok_while_the_workers_run(teacher: TestClient, school: School) -> None:
    _with_live_reader(teacher, school)
    response = teacher.get("/healthz")
    assert response.status_code == 200, response.text
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_the_hub_reader_died(
    app: FastAPI, teacher: TestClient, school: School
) -> None:
    _with_live_reader(teacher, school)
    reader = app.state.hub._reader
    teacher.portal.call(_cancel, reader)  # type: ignore[union-attr]
    response = teacher.get("/healthz")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert "hub_reader" in response.json()["stopped"]


def test_healthz_is_503_when_the_hub_reader_is_stuck(
    app: FastAPI, teacher: TestClient, school: School
) -> None:
    _with_live_reader(teacher, school)
    app.state.hub.reader_beat = time.monotonic() - hub_module.STUCK_SECONDS - 1
    response = teacher.get("/healthz")
    assert response.status_code == 503
    assert response.json()["stopped"] == ["hub_reader"]


@pytest.mark.postgres
def test_healthz_is_503_when_the_listener_died(
    app: FastAPI, teacher: TestClient, school: School, database_url: str
) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite has no listener")
    _with_live_reader(teacher, school)
    teacher.portal.call(_cancel, app.state.hub._listener)
    response = teacher.get("/healthz")
    assert response.status_code == 503
    assert response.json()["stopped"] == ["listener"]


async def _cancel(task: "asyncio.Task[None]") -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


def test_healthz_is_503_when_the_coin_writer_is_stuck(
    app: FastAPI, teacher: TestClient, school: School
) -> None:
    app.state.coin_writer.batch_started = time.monotonic() - coin_writer.STUCK_SECONDS - 1
    response = teacher.get("/healthz")
    assert response.status_code == 503
    assert response.json()["stopped"] == ["coin_writer"]
