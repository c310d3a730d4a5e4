"""Signing in to the teacher desk and who may see it: teachers only; others are sent to sign
in (anonymous) or refused (interns, kiosk links)."""

import base64
import json
import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.db import write_session
from app.services.people import create_teacher
from app.settings import Settings
from tests.support.desk import flash_text, token
from tests.support.school import TEACHER, School

DESK_PAGES = [
    "/teacher/weeks",
    "/teacher/dashboard",
    "/teacher/roster",
    "/teacher/roster/import",
    "/teacher/loggers",
    "/teacher/boards",
    "/teacher/reasons",
    "/teacher/audit",
    "/teacher/year-end",
]


def _teacher_account(app: FastAPI, settings: Settings) -> None:
    with write_session(app.state.engine) as session:
        create_teacher(session, username=TEACHER[0], password=TEACHER[1], settings=settings)


def _sign_in(client: TestClient, username: str, password: str):  # type: ignore[no-untyped-def]
    data = {"csrf_token": token(client, "/teacher"), "username": username, "password": password}
    return client.post("/teacher/sign-in", data=data, follow_redirects=False)


def test_sign_in_page_is_shown_to_anonymous_visitors(
    client: TestClient, app: FastAPI, settings: Settings
) -> None:
    _teacher_account(app, settings)  # a school without one offers to make it (first teacher)
    response = client.get("/teacher")
    assert response.status_code == 200
    assert 'action="/teacher/sign-in"' in response.text
    assert "pleinmunt_csrf" in response.headers["set-cookie"]


def test_sign_in_opens_the_week_overview(
    client: TestClient, app: FastAPI, settings: Settings
) -> None:
    _teacher_account(app, settings)
    response = _sign_in(client, *TEACHER)
    assert response.status_code == 303
    assert response.headers["location"] == "/teacher/weeks"
    assert "httponly" in response.headers["set-cookie"].lower()
    page = client.get("/teacher/weeks")
    assert page.status_code == 200
    assert flash_text(page.text) == "Welkom! Je bent aangemeld."


def test_sign_in_with_a_wrong_password_says_so_with_401(
    client: TestClient, app: FastAPI, settings: Settings
) -> None:
    _teacher_account(app, settings)
    response = _sign_in(client, TEACHER[0], "niet-het-wachtwoord")
    assert response.status_code == 401
    assert "Gebruikersnaam en wachtwoord horen niet bij elkaar." in response.text
    assert client.get("/teacher/roster", follow_redirects=False).status_code == 303


def test_sign_in_is_throttled_with_429_and_retry_after(
    client: TestClient, app: FastAPI, settings: Settings
) -> None:
    _teacher_account(app, settings)
    for _ in range(5):
        assert _sign_in(client, TEACHER[0], "verkeerd-wachtwoord").status_code == 401
    response = _sign_in(client, *TEACHER)  # even the right password waits now
    assert response.status_code == 429
    assert 0 < int(response.headers["retry-after"]) <= 15 * 60
    assert re.search(r"Wacht 1[45] minuten", response.text)


def test_sign_out_ends_the_session(teacher: TestClient) -> None:
    response = teacher.post(
        "/teacher/sign-out",
        data={"csrf_token": token(teacher, "/teacher/weeks")},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert teacher.get("/teacher/weeks", follow_redirects=False).headers["location"] == "/teacher"
    assert teacher.get("/api/v1/groups").status_code == 401


def test_every_desk_page_opens_for_a_teacher(teacher: TestClient, school: School) -> None:
    for path in DESK_PAGES:
        response = teacher.get(path)
        assert response.status_code == 200, path
        assert "Traceback" not in response.text


def test_anonymous_visitors_are_sent_to_sign_in(client: TestClient) -> None:
    for path in DESK_PAGES:
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"] == "/teacher"


def test_anonymous_form_post_with_a_valid_token_is_sent_to_sign_in(client: TestClient) -> None:
    data = {"csrf_token": token(client, "/teacher"), "name": "Groep 7"}
    response = client.post("/teacher/groups", data=data, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/teacher"


def test_interns_are_refused_with_403(logger: TestClient) -> None:
    for path in ["/teacher", *DESK_PAGES]:
        response = logger.get(path, follow_redirects=False)
        assert response.status_code == 403, path
        assert "meld je aan als leerkracht" in response.text


def test_intern_form_post_is_refused_with_403(logger: TestClient, school: School) -> None:
    data = {"csrf_token": token_of_refusal_page(logger), "name": "Groep 7"}
    response = logger.post("/teacher/groups", data=data, follow_redirects=False)
    assert response.status_code == 403
    assert "Groep 7" not in [group["name"] for group in logger.get("/api/v1/groups").json()]


def token_of_refusal_page(client: TestClient) -> str:
    """An intern's browser gets a form token too (the 403 page has a sign-out form)."""
    response = client.get("/teacher/roster")
    assert response.status_code == 403
    return response.text.split('name="csrf_token" value="')[1].split('"')[0]


def test_kiosk_link_is_refused_with_403(kiosk: TestClient) -> None:
    response = kiosk.get("/teacher/roster", follow_redirects=False)
    assert response.status_code == 403


def test_desk_speaks_english_when_asked(teacher: TestClient) -> None:
    response = teacher.get("/teacher/roster?lang=en")
    assert "<h1>Groups and children</h1>" in response.text
    assert "Groepen en kinderen" not in teacher.get("/teacher/loggers").text  # it sticks


def test_a_message_cookie_that_is_not_ours_is_no_500(teacher: TestClient) -> None:
    forged = {"kind": "ok", "key": "teacher.roster.group_added", "args": {"other": 1}}
    value = base64.urlsafe_b64encode(json.dumps(forged).encode()).decode()
    teacher.cookies.set("pleinmunt_flash", value, path="/teacher")
    response = teacher.get("/teacher/roster")
    assert response.status_code == 200
    teacher.cookies.set("pleinmunt_flash", "not base64 at all", path="/teacher")
    assert teacher.get("/teacher/roster").status_code == 200


def test_signing_in_again_on_the_desk_ends_the_old_session(
    client: TestClient, app: FastAPI, settings: Settings
) -> None:
    _teacher_account(app, settings)
    assert _sign_in(client, *TEACHER).status_code == 303
    old_cookie = client.cookies["pleinmunt_session"]
    assert _sign_in(client, *TEACHER).status_code == 303
    with TestClient(app) as other:
        other.cookies.set("pleinmunt_session", old_cookie)
        assert other.get("/api/v1/groups").status_code == 401
    assert client.get("/teacher/weeks").status_code == 200
