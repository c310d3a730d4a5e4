"""The teacher, the intern PIN and the small school the API and live tests build, and the body
of a coin tap."""

import uuid
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.db import write_session
from app.services.people import create_teacher
from app.settings import Settings

TEACHER = ("juf", "een-lang-wachtwoord")
LOGGER_PIN = "246810"


@dataclass
class School:
    groups: dict[str, int] = field(default_factory=dict)
    children: dict[str, int] = field(default_factory=dict)
    logger_id: int = 0
    board: str = "plein"
    kiosk_token: str = ""


def sign_in_teacher(app: FastAPI, settings: Settings) -> TestClient:
    with write_session(app.state.engine) as session:
        create_teacher(session, username=TEACHER[0], password=TEACHER[1], settings=settings)
    client = TestClient(app)
    response = client.post("/api/v1/session", json={"username": TEACHER[0], "password": TEACHER[1]})
    assert response.status_code == 204, response.text
    return client


def created(response: Any) -> dict[str, Any]:
    """The JSON of a 201 answer (httpx or TestClient)."""
    assert response.status_code == 201, response.text
    return response.json()


def coin_body(child_id: int, **extra: Any) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "child_id": child_id, "reason": "helpen", **extra}
