"""The OpenAPI schema and the HTTP answers tell the truth: how to sign in, which methods an
address takes, what a date is."""

import re
from typing import Any

from fastapi.testclient import TestClient

from tests.support.school import School


def _operations(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        f"{method.upper()} {path}": operation
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    }


def test_schema_declares_the_session_cookie_and_the_kiosk_token(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["session"] == {
        "type": "apiKey",
        "in": "cookie",
        "name": "pleinmunt_session",
        "description": schemes["session"]["description"],
    }
    assert (schemes["kioskLink"]["in"], schemes["kioskLink"]["name"]) == ("query", "token")
    operations = _operations(schema)
    assert operations["POST /api/v1/coins"]["security"] == [{"session": []}]
    assert operations["GET /api/v1/groups"]["security"] == [{"session": []}]
    assert {"kioskLink": []} in operations["GET /api/v1/boards/{slug}/standings"]["security"]
    for open_to_all in ("GET /healthz", "POST /api/v1/session", "POST /api/v1/session/pin"):
        assert "security" not in operations[open_to_all], open_to_all


def test_method_not_allowed_names_every_method_of_the_address(
    teacher: TestClient,
) -> None:
    for path, allowed in (
        ("/api/v1/coins", "GET, POST"),
        ("/api/v1/session", "POST, DELETE"),
        ("/healthz", "GET"),
        ("/teacher/loggers", "GET, POST"),
    ):
        response = teacher.options(path)
        assert response.status_code == 405, path
        assert response.headers["allow"] == allowed, path


def test_tallies_day_must_be_a_written_date(logger: TestClient) -> None:
    for day in ("0", "1764633600", "2026-12-2", "2026-12-02T00:00"):
        response = logger.get("/api/v1/tallies", params={"day": day})
        assert response.status_code == 422, day
        assert response.json()["code"] == "invalid"
    assert logger.get("/api/v1/tallies", params={"day": "2026-12-02"}).status_code == 200


def test_body_that_is_not_utf8_is_a_documented_422(
    logger: TestClient, teacher: TestClient, school: School
) -> None:
    body = b'{"child_id": "\xff\xfe"}'
    for client, method, path in (
        (logger, "POST", "/api/v1/coins"),
        (teacher, "PATCH", f"/api/v1/loggers/{school.logger_id}"),
    ):
        response = client.request(
            method, path, content=body, headers={"content-type": "application/json"}
        )
        assert response.status_code == 422, (path, response.text)
        assert response.json()["code"] == "invalid"


def test_schema_says_which_characters_text_may_hold(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    pattern = re.compile(schemas["GroupCreate"]["properties"]["name"]["pattern"])
    assert schemas["ReasonCreate"]["properties"]["icon"]["pattern"] == pattern.pattern
    assert pattern.match("Groep 5 👩\u200d🏫")
    for invisible in ("\u200b", "\u202e", "\u2066", "\u0007"):
        assert not pattern.match(f"Groep{invisible}5")
