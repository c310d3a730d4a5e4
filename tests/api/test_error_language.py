"""A refusal speaks the page's language once: the desk translates the error's code with its
values, never adding the API's English sentence; the API keeps that sentence and the code."""

import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.db import write_session
from app.i18n import LANGUAGES, catalog_keys
from app.services.people import create_teacher
from app.settings import Settings
from tests.support.desk import submit, token
from tests.support.school import LOGGER_PIN, TEACHER, School

ROOT = Path(__file__).resolve().parents[2]
WRONG_PASSWORD_EN = "That username and password do not match."
DUPLICATE_INTERN_EN = "a logger named 'Kas' already exists"
_CODE = re.compile(r"""\bcode="([a-z_]+)\"""")
_ERROR_BOX = re.compile(r'<div class="flash flash--error".*?</div>', re.S)


def _error_box(html: str) -> str:
    found = _ERROR_BOX.search(html)
    assert found, "the page shows no error"
    return re.sub(r"<[^>]+>", " ", found.group(0)).split()


def _wrong_password(client: TestClient, app: FastAPI, settings: Settings) -> str:
    with write_session(app.state.engine) as session:
        create_teacher(session, username=TEACHER[0], password=TEACHER[1], settings=settings)
    data = {"csrf_token": token(client, "/teacher"), "username": TEACHER[0], "password": "nee"}
    response = client.post("/teacher/sign-in", data=data, follow_redirects=False)
    assert response.status_code == 401
    return " ".join(_error_box(response.text))


def test_wrong_password_in_dutch_shows_only_dutch(
    client: TestClient, app: FastAPI, settings: Settings
) -> None:
    shown = _wrong_password(client, app, settings)
    assert shown == "Gebruikersnaam en wachtwoord horen niet bij elkaar."
    assert WRONG_PASSWORD_EN not in shown


def test_wrong_password_in_english_shows_the_sentence_once(
    client: TestClient, app: FastAPI, settings: Settings
) -> None:
    client.cookies.set("pleinmunt_lang", "en")
    shown = _wrong_password(client, app, settings)
    assert shown == WRONG_PASSWORD_EN


def test_duplicate_intern_in_dutch_names_the_intern_in_dutch(
    teacher: TestClient, school: School
) -> None:
    data = {"name": "Kas", "pin": LOGGER_PIN}
    shown = submit(teacher, "/teacher/loggers", data, page="/teacher/loggers")
    assert shown == "Er is al een stagiair met de naam ‘Kas’."
    assert "already exists" not in teacher.get("/teacher/loggers").text


def test_duplicate_intern_in_english_says_it_once(teacher: TestClient, school: School) -> None:
    teacher.cookies.set("pleinmunt_lang", "en")
    data = {"name": "Kas", "pin": LOGGER_PIN}
    response = teacher.post(
        "/teacher/loggers",
        data={"csrf_token": token(teacher, "/teacher/loggers"), "back": "/teacher/loggers", **data},
        follow_redirects=False,
    )
    page = teacher.get(response.headers["location"]).text
    assert " ".join(_error_box(page)) == "There is already an intern named ‘Kas’."
    assert page.count("already an intern named") == 1
    assert DUPLICATE_INTERN_EN not in page


def test_the_api_keeps_the_english_detail_and_gives_code_and_params(
    teacher: TestClient, school: School
) -> None:
    response = teacher.post("/api/v1/loggers", json={"name": "Kas", "pin": LOGGER_PIN})
    assert response.status_code == 409
    assert response.json() == {
        "detail": DUPLICATE_INTERN_EN,
        "code": "logger_name_taken",
        "params": {"name": "Kas"},
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_error_code_raised_has_a_text(language: str) -> None:
    raised = {
        code
        for path in (ROOT / "app").rglob("*.py")
        for code in _CODE.findall(path.read_text(encoding="utf-8"))
    }
    assert "logger_name_taken" in raised
    keys = catalog_keys(language)
    assert sorted(c for c in raised if f"error.{c}" not in keys) == []
