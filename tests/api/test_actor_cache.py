"""The few-second memory of who a session belongs to never outlives a sign-out here."""

import time
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import delete

from app.api.http import SESSION_COOKIE
from app.db import write_session
from app.main import create_app
from app.models import UserSession
from app.services import auth, people
from app.services.auth_cache import attach_cache
from app.settings import Settings
from tests.conftest import make_settings
from tests.support.school import LOGGER_PIN, TEACHER, School


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


def test_ended_sessions_are_forgotten_when_the_change_commits(
    app: FastAPI, logger: TestClient, school: School
) -> None:
    """The service that ends a session queues the forgetting on its database session: nothing
    is forgotten before the commit, nothing for a change that rolled back."""
    assert logger.get("/api/v1/groups").status_code == 200  # now remembered
    cache = app.state.actor_cache
    token = auth.token_hash(logger.cookies[SESSION_COOKIE])
    with write_session(app.state.engine) as session:
        attach_cache(session, cache)
        people.end_sessions(session, logger_id=school.logger_id)
        session.rollback()
    assert cache.get(token) is not None
    with write_session(app.state.engine) as session:
        attach_cache(session, cache)
        people.end_sessions(session, logger_id=school.logger_id)
        assert cache.get(token) is not None  # not yet committed
        session.commit()
    assert cache.get(token) is None
    assert logger.get("/api/v1/groups").status_code == 401


def test_new_teacher_password_signs_the_teacher_out(
    app: FastAPI, teacher: TestClient, settings: Settings
) -> None:
    assert teacher.get("/api/v1/groups").status_code == 200  # now remembered
    with write_session(app.state.engine) as session:
        attach_cache(session, app.state.actor_cache)
        people.create_teacher(
            session, username=TEACHER[0], password="een-nieuw-wachtwoord", settings=settings
        )
    assert teacher.get("/api/v1/groups").status_code == 401
