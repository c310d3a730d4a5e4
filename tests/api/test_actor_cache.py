"""The few-second memory of who a session belongs to never outlives a sign-out here."""

import time
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import delete

from app.db import write_session
from app.main import create_app
from app.models import UserSession
from tests.api.conftest import LOGGER_PIN, School
from tests.conftest import make_settings


def _logger_client(app, school: School) -> TestClient:  # type: ignore[no-untyped-def]
    client = TestClient(app)
    response = client.post(
        "/api/v1/session/pin", json={"logger_id": school.logger_id, "pin": LOGGER_PIN}
    )
    assert response.status_code == 204
    return client


def test_sign_out_is_immediate_even_when_remembered(logger: TestClient) -> None:
    assert logger.get("/api/v1/groups").status_code == 200  # now remembered
    logger.delete("/api/v1/session")
    assert logger.get("/api/v1/groups").status_code == 401


def test_new_pin_is_immediate_even_when_remembered(
    logger: TestClient, teacher: TestClient, school: School
) -> None:
    assert logger.get("/api/v1/groups").status_code == 200
    teacher.patch(f"/api/v1/loggers/{school.logger_id}", json={"pin": "86420864"})
    assert logger.get("/api/v1/groups").status_code == 401


def test_session_ended_elsewhere_is_forgotten_within_the_cache_time(
    tmp_path: Path, database_url: str, school: School
) -> None:
    """Another process (or the database) ends the session: this process notices within
    auth_cache_seconds."""
    settings = make_settings(tmp_path, database_url, auth_cache_seconds=0.5)
    app = create_app(settings)
    try:
        with _logger_client(app, school) as client:
            assert client.get("/api/v1/groups").status_code == 200
            with write_session(app.state.engine) as session:
                session.exec(delete(UserSession))
                session.commit()
            assert client.get("/api/v1/groups").status_code == 200  # still remembered
            time.sleep(0.6)
            assert client.get("/api/v1/groups").status_code == 401
    finally:
        app.state.engine.dispose()


def test_cache_off_checks_every_request(tmp_path: Path, database_url: str, school: School) -> None:
    settings = make_settings(tmp_path, database_url, auth_cache_seconds=0)
    app = create_app(settings)
    try:
        with _logger_client(app, school) as client:
            assert client.get("/api/v1/groups").status_code == 200
            with write_session(app.state.engine) as session:
                session.exec(delete(UserSession))
                session.commit()
            assert client.get("/api/v1/groups").status_code == 401
    finally:
        app.state.engine.dispose()
