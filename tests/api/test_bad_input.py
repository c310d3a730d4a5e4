"""Every bad input gets a clear 4xx with a detail a person can act on; nothing is half-written."""

import json
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import select

from app.db import read_session
from app.models import BoardEvent, Child, Coin, Group
from tests.support.school import School, coin_body

MALFORMED_COINS: list[Any] = [
    None,
    [],
    "a coin",
    42,
    {},
    {"id": "not-a-uuid", "child_id": 1, "reason": "helpen"},
    {"id": "7b0e4d1c-1111-4a4a-8888-000000000001", "child_id": "one", "reason": "helpen"},
    {"id": "7b0e4d1c-1111-4a4a-8888-000000000002", "child_id": 1.5, "reason": "helpen"},
    {"id": "7b0e4d1c-1111-4a4a-8888-000000000003", "child_id": 1, "reason": ["helpen"]},
    {"id": "7b0e4d1c-1111-4a4a-8888-000000000004", "child_id": 1, "reason": "x" * 500},
    {
        "id": "7b0e4d1c-1111-4a4a-8888-000000000005",
        "child_id": 1,
        "reason": "helpen",
        "amount": "3",
    },
    {
        "id": "7b0e4d1c-1111-4a4a-8888-000000000006",
        "child_id": 1,
        "reason": "helpen",
        "amount": True,
    },
    {
        "id": "7b0e4d1c-1111-4a4a-8888-000000000007",
        "child_id": 1,
        "reason": "helpen",
        "amount": 1e9,
    },
    {"id": "7b0e4d1c-1111-4a4a-8888-000000000008", "child_id": 10**30, "reason": "helpen"},
    {"id": "7b0e4d1c-1111-4a4a-8888-000000000009", "child_id": -1, "reason": "helpen"},
    {
        "id": "7b0e4d1c-1111-4a4a-8888-00000000000a",
        "child_id": 1,
        "reason": "helpen",
        "awarded_at": "gisteren",
    },
    {
        "id": "7b0e4d1c-1111-4a4a-8888-00000000000c",
        "child_id": 1,
        "reason": "helpen",
        "awarded_at": "0001-01-01T00:00:00+00:00",
    },
    {"id": "7b0e4d1c-1111-4a4a-8888-00000000000d", "child_id": 1, "reason": "\u0000"},
]

MALFORMED_ROSTER: list[tuple[str, Any]] = [
    ("/api/v1/groups", {"name": "", "kind": "class"}),
    ("/api/v1/groups", {"name": "Groep 7", "kind": "school"}),
    ("/api/v1/groups", {"name": "G" * 41}),
    ("/api/v1/groups", {"name": "Groep\u00007"}),
    ("/api/v1/children", {"first_name": "Sam", "group_id": "vijf"}),
    ("/api/v1/children", {"first_name": "   ", "group_id": 1}),
    ("/api/v1/children", {"first_name": "Sam", "last_initial": "Bakker", "group_id": 1}),
    ("/api/v1/children", {"first_name": "Sam", "last_initial": "7", "group_id": 1}),
    ("/api/v1/children", {"first_name": "Sam", "group_id": 1, "avatar": "dragon:gold"}),
    ("/api/v1/children", {"first_name": "Sam", "group_id": 999}),
    ("/api/v1/loggers", {"name": "Kas", "pin": "1234"}),
    ("/api/v1/loggers", {"name": "Kas", "pin": "123456789"}),
    ("/api/v1/loggers", {"name": "Kas", "pin": "12345a"}),
    ("/api/v1/boards", {"slug": "Plein!", "title": "x", "group_ids": [1]}),
    ("/api/v1/boards", {"slug": "plein2", "title": "x", "group_ids": []}),
    ("/api/v1/boards", {"slug": "plein2", "title": "x", "group_ids": [999]}),
    ("/api/v1/boards", {"slug": "plein2", "title": "x", "group_ids": [1], "name_display": "full"}),
    (
        "/api/v1/boards",
        {"slug": "plein2", "title": "x", "group_ids": [1], "exclude_recent_weeks": 99},
    ),
    ("/api/v1/reasons", {"slug": "x", "label_nl": "a", "label_en": "b", "icon": "i"}),
    ("/api/v1/bikes", {"name": "Groene fiets", "group_id": 999}),
    (
        "/api/v1/bike-turns",
        {"id": "nope", "bike_id": 1, "from_child_id": 1, "to_child_id": 2, "went_well": "ja"},
    ),
]


def _counts(app: FastAPI) -> tuple[int, ...]:
    with read_session(app.state.engine) as session:
        return tuple(
            session.exec(select(func.count()).select_from(model)).one()
            for model in (Coin, BoardEvent, Child, Group)
        )


def _assert_clear_4xx(response: Any) -> None:
    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    detail = response.json()["detail"]
    assert isinstance(detail, str)
    assert len(detail) > 5


@pytest.mark.parametrize("body", MALFORMED_COINS, ids=range(len(MALFORMED_COINS)))
def test_award_malformed_body_is_a_clear_4xx(
    logger: TestClient, app: FastAPI, school: School, body: Any
) -> None:
    before = _counts(app)
    _assert_clear_4xx(logger.post("/api/v1/coins", json=body))
    assert _counts(app) == before


@pytest.mark.parametrize(("path", "body"), MALFORMED_ROSTER, ids=range(len(MALFORMED_ROSTER)))
def test_roster_malformed_body_is_a_clear_4xx(
    teacher: TestClient, app: FastAPI, school: School, path: str, body: Any
) -> None:
    before = _counts(app)
    _assert_clear_4xx(teacher.post(path, json=body))
    assert _counts(app) == before


def test_award_body_over_64_kib_is_413(logger: TestClient, school: School) -> None:
    body = json.dumps({**coin_body(school.children["Sam"]), "padding": "x" * 70_000})
    response = logger.post(
        "/api/v1/coins", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert "64 KiB" in response.json()["detail"]


def test_award_streamed_body_over_64_kib_is_413(logger: TestClient, school: School) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        yield b'{"padding": "'
        for _ in range(100):
            yield b"x" * 1024
        yield b'"}'

    response = logger.post(
        "/api/v1/coins", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["detail"]


def test_award_invalid_json_is_422(logger: TestClient) -> None:
    response = logger.post(
        "/api/v1/coins", content=b'{"id": ', headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "body: is not valid JSON"


def test_award_without_json_content_type_is_refused(logger: TestClient, school: School) -> None:
    # A cross-site form could send text/plain; such a body is never read as JSON.
    body = json.dumps(coin_body(school.children["Sam"]))
    response = logger.post("/api/v1/coins", content=body, headers={"content-type": "text/plain"})
    _assert_clear_4xx(response)


def test_state_change_from_another_site_is_403(logger: TestClient, school: School) -> None:
    response = logger.post(
        "/api/v1/coins",
        json=coin_body(school.children["Sam"]),
        headers={"origin": "https://evil.example"},
    )
    assert response.status_code == 403


def test_state_change_from_the_same_site_is_allowed(logger: TestClient, school: School) -> None:
    response = logger.post(
        "/api/v1/coins",
        json=coin_body(school.children["Sam"]),
        headers={"origin": "http://testserver"},
    )
    assert response.status_code == 201


def test_unknown_address_is_a_json_404(client: TestClient) -> None:
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_wrong_method_is_a_json_405(teacher: TestClient) -> None:
    response = teacher.put("/api/v1/coins")
    assert response.status_code == 405
    assert response.json()["detail"]


def test_bad_path_parameter_is_422(teacher: TestClient) -> None:
    response = teacher.patch("/api/v1/children/abc", json={"active": False})
    assert response.status_code == 422
    assert "child_id" in response.json()["detail"]
