"""Who may open a board's socket, how long, and what the logs say about it."""

import asyncio
import time
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import update
from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosed, InvalidStatus

from app.db import make_engine, write_session
from app.models import UserSession
from app.models.types import utcnow
from tests.live.conftest import Launcher, LiveSchool
from tests.support.sockets import WAIT, open_socket, receive


def _refused_status(school: LiveSchool, url: str, **kwargs: object) -> int:
    async def attempt() -> int:
        with pytest.raises(InvalidStatus) as refused:
            async with open_socket(url, **kwargs):
                pass
        return refused.value.response.status_code

    return asyncio.run(attempt())


def test_revoked_link_closes_its_socket(school: LiveSchool) -> None:
    async def scenario() -> float:
        async with open_socket(school.ws_url()) as socket:
            await receive(socket)
            started = time.monotonic()
            response = await asyncio.to_thread(
                school.teacher.delete, f"/api/v1/boards/plein/kiosk-links/{school.link_id}"
            )
            assert response.status_code == 204
            with pytest.raises(ConnectionClosed):
                await receive(socket)
            assert socket.close_code == 4403
            return time.monotonic() - started

    assert asyncio.run(scenario()) < 5
    assert _refused_status(school, school.ws_url()) == 403


def test_socket_refuses_wrong_and_foreign_tokens(school: LiveSchool) -> None:
    assert _refused_status(school, school.ws_url(token="not-a-token")) == 403
    assert _refused_status(school, school.ws_url(token="")) == 403
    other = school.teacher.post(
        "/api/v1/boards",
        json={"slug": "peuters", "title": "Peuters", "group_ids": [school.groups["Peuters"]]},
    )
    assert other.status_code == 201
    assert _refused_status(school, school.ws_url(board="peuters")) == 403


def test_socket_accepts_a_teacher_session(school: LiveSchool) -> None:
    cookie = "; ".join(f"{name}={value}" for name, value in school.teacher.cookies.items())

    async def scenario() -> dict[str, object]:
        url = f"ws://127.0.0.1:{school.server.port}/ws/boards/plein"
        async with open_socket(url, additional_headers={"Cookie": cookie}) as socket:
            return await receive(socket)

    assert asyncio.run(scenario())["type"] == "snapshot"


def test_socket_refuses_foreign_origin(school: LiveSchool) -> None:
    status = _refused_status(school, school.ws_url(), origin="https://evil.example")
    assert status == 403

    async def same_origin() -> str:
        async with open_socket(school.ws_url(), origin=school.server.url) as socket:
            return (await receive(socket))["type"]

    assert asyncio.run(same_origin()) == "snapshot"


def test_server_sends_heartbeats_when_idle(launch: Launcher) -> None:
    school = launch.school(PLEINMUNT_KIOSK_HEARTBEAT_SECONDS="1")

    async def scenario() -> dict[str, object]:
        async with open_socket(school.ws_url()) as socket:
            await receive(socket)
            return await receive(socket, skip=())

    assert asyncio.run(scenario()) == {"type": "heartbeat"}


def test_silent_kiosk_is_disconnected(launch: Launcher) -> None:
    """A kiosk that stops sending heartbeats (a half-open connection) is closed within 2.5
    heartbeat intervals; one that keeps sending them stays."""
    school = launch.school(PLEINMUNT_KIOSK_HEARTBEAT_SECONDS="1")

    async def silent() -> tuple[int | None, float]:
        async with open_socket(school.ws_url()) as socket:
            started = time.monotonic()
            with pytest.raises(ConnectionClosed):
                await _drain(socket)
            return socket.close_code, time.monotonic() - started

    async def chatty() -> bool:
        async with open_socket(school.ws_url()) as socket:
            for _ in range(12):
                await socket.send('{"type":"heartbeat"}')
                await asyncio.sleep(0.5)
            await socket.send('{"type":"heartbeat"}')
            return (await receive(socket, skip=()))["type"] in {"snapshot", "heartbeat"}

    code, after = asyncio.run(silent())
    assert code == 4408
    assert 2 <= after < 10
    assert asyncio.run(chatty())


async def _drain(socket: ClientConnection) -> None:
    while True:
        await asyncio.wait_for(socket.recv(), WAIT)


def test_kiosk_token_never_reaches_the_log(school: LiveSchool) -> None:
    page = httpx.get(f"{school.server.url}/kiosk/plein", params={"token": school.token})
    assert page.status_code == 200

    async def scenario() -> None:
        async with open_socket(school.ws_url(since=1)) as socket:
            await receive(socket)

    asyncio.run(scenario())
    assert _refused_status(school, school.ws_url(token=school.token[::-1])) == 403
    school.teacher.delete(f"/api/v1/boards/plein/kiosk-links/{school.link_id}")
    assert _refused_status(school, school.ws_url()) == 403
    time.sleep(0.5)  # let the log lines reach the file
    log = school.server.log()
    assert "WebSocket /ws/boards/plein?[hidden]" in log  # the whole query: app/logs.py
    assert "GET /kiosk/plein?[hidden]" in log
    assert school.token not in log
    assert school.token[::-1] not in log


def test_teacher_socket_closes_when_the_session_idles_out(school: LiveSchool) -> None:
    """The socket itself does not keep a session alive: two hours without a request end it,
    and its socket with it (not only at the 12-hour expiry)."""
    cookie = "; ".join(f"{name}={value}" for name, value in school.teacher.cookies.items())

    async def scenario() -> float:
        url = f"ws://127.0.0.1:{school.server.port}/ws/boards/plein"
        async with open_socket(url, additional_headers={"Cookie": cookie}) as socket:
            await receive(socket)
            started = time.monotonic()
            await asyncio.to_thread(_idle_all_sessions, school.database_url)
            with pytest.raises(ConnectionClosed):
                await receive(socket)  # skips heartbeats: nothing else comes before the close
            assert socket.close_code == 4403
            return time.monotonic() - started

    assert asyncio.run(scenario()) < 10


def _idle_all_sessions(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        with write_session(engine) as session:
            session.exec(update(UserSession).values(last_seen_at=utcnow() - timedelta(hours=3)))
            session.commit()
    finally:
        engine.dispose()
