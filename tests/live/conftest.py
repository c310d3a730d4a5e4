"""Live fixtures: real `pleinmunt serve` processes, a small school, and a websocket client.

A school is built over HTTP (groups, children, a board with a kiosk link) after the teacher
account is made in the database, exactly as `pleinmunt create-teacher` would.
"""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.db import make_engine, write_session
from app.services.people import create_teacher
from tests.conftest import make_settings
from tests.servers import LiveServer
from tests.support.school import TEACHER, created

# open_socket, receive...: tests import them from tests/support; kept here for branches in flight.
from tests.support.sockets import WAIT, open_socket, receive, receive_until  # noqa: F401


@dataclass
class LiveSchool:
    server: LiveServer
    database_url: str
    teacher: httpx.Client
    board: str = "plein"
    token: str = ""
    link_id: int = 0
    groups: dict[str, int] = field(default_factory=dict)
    children: dict[str, int] = field(default_factory=dict)

    def ws_url(self, *, board: str | None = None, token: str | None = None, **query: Any) -> str:
        params = {"token": self.token if token is None else token, **query}
        encoded = "&".join(f"{key}={value}" for key, value in params.items() if value != "")
        return f"ws://127.0.0.1:{self.server.port}/ws/boards/{board or self.board}?{encoded}"

    def award(self, name: str, *, via: LiveServer | None = None, **extra: Any) -> dict[str, Any]:
        """A coin for a child, given by the teacher (through another server when asked)."""
        body = {"id": str(uuid.uuid4()), "child_id": self.children[name], "reason": "helpen"}
        base = (via or self.server).url
        response = self.teacher.post(f"{base}/api/v1/coins", json={**body, **extra})
        assert response.status_code == 201, response.text
        return response.json()


def build_school(server: LiveServer, database_url: str, tmp_path: Path) -> LiveSchool:
    engine = make_engine(database_url)
    with write_session(engine) as session:
        create_teacher(
            session,
            username=TEACHER[0],
            password=TEACHER[1],
            settings=make_settings(tmp_path, database_url),
        )
    engine.dispose()
    teacher = httpx.Client(base_url=server.url, timeout=WAIT)
    signed_in = teacher.post(
        "/api/v1/session", json={"username": TEACHER[0], "password": TEACHER[1]}
    )
    assert signed_in.status_code == 204, signed_in.text
    school = LiveSchool(server=server, database_url=database_url, teacher=teacher)
    for name, kind in (("Groep 5", "class"), ("Groep 6", "class"), ("Peuters", "daycare")):
        school.groups[name] = created(
            teacher.post("/api/v1/groups", json={"name": name, "kind": kind})
        )["id"]
    for first, initial, group in (
        ("Sam", "B", "Groep 5"),
        ("Zoë", "D", "Groep 5"),
        ("Noor", "K", "Groep 6"),
        ("Finn", "D", "Peuters"),
    ):
        body = {
            "first_name": first,
            "last_initial": initial,
            "group_id": school.groups[group],
            "avatar": "fox:orange",
        }
        school.children[first] = created(teacher.post("/api/v1/children", json=body))["id"]
    board = {
        "slug": school.board,
        "title": "Schoolplein",
        "group_ids": [school.groups["Groep 5"], school.groups["Groep 6"]],
        "name_display": "first_name_initial",
    }
    created(teacher.post("/api/v1/boards", json=board))
    link = created(teacher.post(f"/api/v1/boards/{school.board}/kiosk-links"))
    school.token, school.link_id = link["token"], link["id"]
    return school


class Launcher:
    """Starts servers on one database (stopped at the end of the test) and builds the school."""

    def __init__(self, database_url: str, tmp_path: Path) -> None:
        self.database_url = database_url
        self.tmp_path = tmp_path
        self.servers: list[LiveServer] = []
        self.clients: list[httpx.Client] = []

    def server(self, **env: str) -> LiveServer:
        data = self.tmp_path / f"server{len(self.servers)}"
        data.mkdir()
        # One secret for every process, as processes behind a load balancer share it.
        env = {"PLEINMUNT_SECRET_KEY": "live-test-secret", "PLEINMUNT_DAILY_CAP": "1000", **env}
        started = LiveServer(data, self.database_url, **env)
        self.servers.append(started)
        return started.start()

    def school(self, **env: str) -> LiveSchool:
        school = build_school(self.server(**env), self.database_url, self.tmp_path)
        self.clients.append(school.teacher)
        return school

    def close(self) -> None:
        for client in self.clients:
            client.close()
        for server in self.servers:
            server.stop()


@pytest.fixture
def launch(database_url: str, tmp_path: Path) -> Iterator[Launcher]:
    launcher = Launcher(database_url, tmp_path)
    yield launcher
    launcher.close()


@pytest.fixture
def school(launch: Launcher) -> LiveSchool:
    return launch.school()
