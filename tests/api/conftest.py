"""API fixtures: signed-in clients for each role and a small school built through the API."""

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.settings import Settings

# TEACHER and coin_body: tests import them from tests/support; kept here for branches in flight.
from tests.support.school import (  # noqa: F401
    LOGGER_PIN,
    TEACHER,
    School,
    coin_body,
    created,
    sign_in_teacher,
)


@pytest.fixture
def teacher(app: FastAPI, settings: Settings) -> Iterator[TestClient]:
    with sign_in_teacher(app, settings) as client:
        yield client


@pytest.fixture
def school(teacher: TestClient) -> School:
    """Groep 5 (Sam B., Zoë D.), Groep 6 (Noor K.), Peuters (Finn D., Saar M.); board "plein"
    with both classes; logger Kas; a kiosk link for "plein"."""
    built = School()
    for name, kind in (("Groep 5", "class"), ("Groep 6", "class"), ("Peuters", "daycare")):
        built.groups[name] = created(
            teacher.post("/api/v1/groups", json={"name": name, "kind": kind})
        )["id"]
    for first, initial, group in (
        ("Sam", "B", "Groep 5"),
        ("Zoë", "D", "Groep 5"),
        ("Noor", "K", "Groep 6"),
        ("Finn", "D", "Peuters"),
        ("Saar", "M", "Peuters"),
    ):
        body = {"first_name": first, "last_initial": initial, "group_id": built.groups[group]}
        built.children[first] = created(teacher.post("/api/v1/children", json=body))["id"]
    built.logger_id = created(
        teacher.post("/api/v1/loggers", json={"name": "Kas", "pin": LOGGER_PIN})
    )["id"]
    created(
        teacher.post(
            "/api/v1/boards",
            json={
                "slug": built.board,
                "title": "Schoolplein",
                "group_ids": [built.groups["Groep 5"], built.groups["Groep 6"]],
                "name_display": "first_name_initial",
            },
        )
    )
    built.kiosk_token = created(teacher.post(f"/api/v1/boards/{built.board}/kiosk-links"))["token"]
    return built


@pytest.fixture
def logger(app: FastAPI, school: School) -> Iterator[TestClient]:
    with TestClient(app) as client:
        response = client.post(
            "/api/v1/session/pin", json={"logger_id": school.logger_id, "pin": LOGGER_PIN}
        )
        assert response.status_code == 204, response.text
        yield client


@pytest.fixture
def kiosk(app: FastAPI, school: School) -> Iterator[TestClient]:
    """A client that only has the board's kiosk link token (sent as ?token=)."""
    with TestClient(app) as client:
        client.params = {"token": school.kiosk_token}  # type: ignore[assignment]
        yield client
