"""A fresh install's first teacher, made on /teacher with the code `serve` prints."""

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import select

from app.db import read_session, write_session
from app.models import SetupCode, Teacher
from app.services.people import create_teacher
from app.services.setup import issue_setup_code
from app.settings import Settings
from tests.support.desk import flash_text, token


def _code(app: FastAPI, settings: Settings) -> str:
    with write_session(app.state.engine) as session:
        code = issue_setup_code(session, settings=settings)
    assert code is not None
    return code


def _set_up(client: TestClient, code: str, username: str = "juf.anja") -> object:
    body = {
        "csrf_token": token(client, "/teacher"),
        "back": "/teacher",
        "code": code,
        "username": username,
        "password": "een-lang-wachtwoord",
    }
    return client.post("/teacher/setup", data=body, follow_redirects=False)


def test_fresh_install_offers_the_first_teacher(client: TestClient) -> None:
    page = client.get("/teacher").text
    assert 'action="/teacher/setup"' in page
    assert "Inrichtcode" in page
    assert 'action="/teacher/sign-in"' not in page


def test_right_code_makes_the_teacher_and_signs_in(
    client: TestClient, app: FastAPI, settings: Settings
) -> None:
    code = _code(app, settings)
    response = _set_up(client, code.lower().replace("-", " "))  # as typed off a console
    assert response.status_code == 303
    assert response.headers["location"] == "/teacher/weeks"
    shown = client.get("/teacher/weeks")
    assert shown.status_code == 200
    assert flash_text(shown.text) == "Welkom! Je account is gemaakt en je bent aangemeld."
    with read_session(app.state.engine) as session:
        assert [t.username for t in session.exec(select(Teacher)).all()] == ["juf.anja"]
        assert session.exec(select(SetupCode)).all() == []  # the code is spent


def test_code_is_stored_only_as_a_hash(app: FastAPI, settings: Settings) -> None:
    code = _code(app, settings)
    with read_session(app.state.engine) as session:
        stored = session.exec(select(SetupCode)).one()
    assert code.replace("-", "") not in stored.code_hash
    assert len(stored.code_hash) == 64


def test_wrong_code_is_refused_and_nothing_is_made(
    client: TestClient, app: FastAPI, settings: Settings
) -> None:
    _code(app, settings)
    response = _set_up(client, "AAAAA-AAAAA")
    assert response.status_code == 403
    assert flash_text(response.text) == (
        "Die inrichtcode klopt niet. Gebruik de code die Pleinmunt het laatst in zijn venster "
        "liet zien."
    )
    assert 'value="juf.anja"' in response.text  # the form keeps what was typed
    with read_session(app.state.engine) as session:
        assert session.exec(select(Teacher)).all() == []


def test_wrong_codes_are_throttled(client: TestClient, app: FastAPI, settings: Settings) -> None:
    code = _code(app, settings)
    for _ in range(settings.throttle_per_account):
        assert _set_up(client, "AAAAA-AAAAA").status_code == 403
    throttled = _set_up(client, code)  # even the right code waits now
    assert throttled.status_code == 429
    assert int(throttled.headers["retry-after"]) > 0
    with read_session(app.state.engine) as session:
        assert session.exec(select(Teacher)).all() == []


def test_code_stops_working_once_a_teacher_exists(
    client: TestClient, app: FastAPI, settings: Settings
) -> None:
    code = _code(app, settings)
    with write_session(app.state.engine) as session:
        create_teacher(
            session, username="meester", password="nog-een-wachtwoord", settings=settings
        )
    page = client.get("/teacher").text
    assert 'action="/teacher/sign-in"' in page
    assert 'action="/teacher/setup"' not in page
    response = _set_up(client, code)
    assert response.status_code == 303
    assert response.headers["location"] == "/teacher"
    assert flash_text(client.get("/teacher").text).startswith(
        "Deze school heeft al een leerkracht."
    )
    with read_session(app.state.engine) as session:
        assert [t.username for t in session.exec(select(Teacher)).all()] == ["meester"]


def test_no_code_is_issued_once_a_teacher_exists(
    teacher: TestClient, app: FastAPI, settings: Settings
) -> None:
    with write_session(app.state.engine) as session:
        assert issue_setup_code(session, settings=settings) is None


def test_short_password_is_refused_with_its_reason(
    client: TestClient, app: FastAPI, settings: Settings
) -> None:
    code = _code(app, settings)
    body = {
        "csrf_token": token(client, "/teacher"),
        "back": "/teacher",
        "code": code,
        "username": "juf",
        "password": "kort",
    }
    response = client.post("/teacher/setup", data=body, follow_redirects=False)
    assert response.status_code == 422
    assert "minstens 10 tekens" in flash_text(response.text)
