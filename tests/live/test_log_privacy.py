"""No child's name, no PIN, no password and no kiosk token ever reaches a log line."""

import uuid
from pathlib import Path

import httpx

from tests.live.conftest import LiveSchool
from tests.servers import LiveServer

CHILD_NAMES = ("Xandrijn", "Quirina")
PIN = "73915284"
PASSWORD = "geheim-wachtwoord-91"


def test_server_logs_hold_no_names_pins_passwords_or_tokens(tmp_path: Path) -> None:
    server = LiveServer(tmp_path / "school").start()
    try:
        server.command("create-teacher", "juf", "--password-stdin", input_text=PASSWORD + "\n")
        teacher = httpx.Client(base_url=server.url, timeout=30)
        assert (
            teacher.post(
                "/api/v1/session", json={"username": "juf", "password": "fout"}
            ).status_code
            == 401
        )
        teacher.post("/api/v1/session", json={"username": "juf", "password": PASSWORD})
        group = teacher.post("/api/v1/groups", json={"name": "Groep 5"}).json()["id"]
        children = [
            teacher.post(
                "/api/v1/children",
                json={"first_name": name, "last_initial": "W", "group_id": group},
            ).json()["id"]
            for name in CHILD_NAMES
        ]
        teacher.post(
            "/api/v1/boards", json={"slug": "plein", "title": "Plein", "group_ids": [group]}
        )
        token = teacher.post("/api/v1/boards/plein/kiosk-links").json()["token"]
        logger = teacher.post("/api/v1/loggers", json={"name": "Kas", "pin": PIN}).json()["id"]
        tablet = httpx.Client(base_url=server.url, timeout=30)
        assert (
            tablet.post(
                "/api/v1/session/pin", json={"logger_id": logger, "pin": "00000000"}
            ).status_code
            == 401
        )
        tablet.post("/api/v1/session/pin", json={"logger_id": logger, "pin": PIN})
        for child in children:
            coin = {"id": str(uuid.uuid4()), "child_id": child, "reason": "helpen"}
            assert tablet.post("/api/v1/coins", json=coin).status_code == 201
        tablet.post(
            "/api/v1/coins",
            json={
                "id": str(uuid.uuid4()),
                "child_id": children[0],
                "reason": "helpen",
                "amount": 9,
            },
        )  # refused: 422
        kiosk = httpx.Client(base_url=server.url, timeout=30)
        assert (
            kiosk.get("/api/v1/boards/plein/standings", params={"token": token}).status_code == 200
        )
        assert kiosk.get("/kiosk/plein", params={"token": token}).status_code == 200
        kiosk.get("/api/v1/boards/plein/standings", params={"token": token + "x"})  # a wrong one
        teacher.delete(f"/api/v1/children/{children[1]}")
    finally:
        server.stop()
    log = server.log()
    assert "POST /api/v1/coins" in log  # the access log is there, and was read
    for secret in (*CHILD_NAMES, PIN, PASSWORD, token, token[:20]):
        assert secret not in log, f"{secret!r} appears in the server log"


def test_kiosk_token_is_hidden_however_the_query_spells_it(school: LiveSchool) -> None:
    token = school.token
    kiosk = httpx.Client(base_url=school.server.url, timeout=30)
    spellings = [
        f"%74oken={token}",
        f"TOKEN={token}",
        f"token=nope&token={token}",
        f"week=1&to%6Ben={token}",
        f"%54%4F%4B%45%4E={token}",
        f"since=0&token%3D{token}",
    ]
    for query in spellings:
        kiosk.get(f"/api/v1/boards/plein/standings?{query}")
    assert kiosk.get(f"/api/v1/boards/plein/standings?%74oken={token}").status_code == 200
    log = school.server.log()
    assert "GET /api/v1/boards/plein/standings" in log  # the access log is there, and was read
    for secret in (token, token[:16], token[-16:]):
        assert secret not in log, f"{secret!r} appears in the server log"
