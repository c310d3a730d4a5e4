"""Signing in and out: teachers by password, loggers by PIN (throttled), sessions that last."""

from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import select

from app.db import write_session
from app.domain.credentials import MAX_PASSWORD_LENGTH
from app.domain.errors import Invalid
from app.main import create_app
from app.models import SignInFailure, UserSession
from app.models.types import utcnow
from app.services.people import create_teacher
from app.settings import Settings
from tests.support.school import LOGGER_PIN, TEACHER, School


def _pin(client: TestClient, logger_id: int, pin: str):  # type: ignore[no-untyped-def]
    return client.post("/api/v1/session/pin", json={"logger_id": logger_id, "pin": pin})


def test_teacher_sign_in_sets_a_safe_cookie(teacher: TestClient, app: FastAPI) -> None:
    with TestClient(app) as client:
        response = client.post(
            "/api/v1/session", json={"username": TEACHER[0], "password": TEACHER[1]}
        )
    assert response.status_code == 204
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert "secure" not in cookie  # plain http (a laptop on localhost)


def test_teacher_sign_in_over_https_marks_the_cookie_secure(
    teacher: TestClient, app: FastAPI
) -> None:
    with TestClient(app, base_url="https://pleinmunt.example") as client:
        response = client.post(
            "/api/v1/session", json={"username": TEACHER[0], "password": TEACHER[1]}
        )
    assert "secure" in response.headers["set-cookie"].lower()


def test_teacher_sign_in_with_wrong_password_is_401(
    teacher: TestClient, client: TestClient
) -> None:
    response = client.post("/api/v1/session", json={"username": TEACHER[0], "password": "nope"})
    assert response.status_code == 401
    assert response.json()["detail"]


def test_teacher_sign_in_unknown_user_is_401(client: TestClient) -> None:
    response = client.post("/api/v1/session", json={"username": "meester", "password": "x" * 12})
    assert response.status_code == 401


def test_logger_sign_in_with_pin(client: TestClient, school: School) -> None:
    assert _pin(client, school.logger_id, LOGGER_PIN).status_code == 204
    assert client.get("/api/v1/groups").status_code == 200


def test_logger_wrong_pin_is_401_and_names_no_secret(client: TestClient, school: School) -> None:
    response = _pin(client, school.logger_id, "000000")
    assert response.status_code == 401
    assert "000000" not in response.text


def test_logger_sixth_wrong_pin_is_throttled_even_when_right(
    client: TestClient, school: School
) -> None:
    for _ in range(5):
        assert _pin(client, school.logger_id, "111111").status_code == 401
    throttled = _pin(client, school.logger_id, LOGGER_PIN)
    assert throttled.status_code == 429
    retry_after = int(throttled.headers["retry-after"])
    assert 0 < retry_after <= 15 * 60
    assert "minutes" in throttled.json()["detail"]


def test_logger_throttle_lifts_after_the_window(
    client: TestClient, app: FastAPI, school: School
) -> None:
    for _ in range(5):
        _pin(client, school.logger_id, "111111")
    with write_session(app.state.engine) as session:
        for failure in session.exec(select(SignInFailure)).all():
            failure.at = utcnow() - timedelta(minutes=16)
            session.add(failure)
        session.commit()
    assert _pin(client, school.logger_id, LOGGER_PIN).status_code == 204


def test_logger_right_pin_clears_earlier_failures(client: TestClient, school: School) -> None:
    for _ in range(4):
        _pin(client, school.logger_id, "111111")
    assert _pin(client, school.logger_id, LOGGER_PIN).status_code == 204
    for _ in range(4):
        assert _pin(client, school.logger_id, "111111").status_code == 401
    assert _pin(client, school.logger_id, LOGGER_PIN).status_code == 204


def test_sign_in_throttles_one_address_across_accounts(
    client: TestClient, teacher: TestClient, school: School
) -> None:
    other_ids = []
    for index in range(4):
        response = teacher.post(
            "/api/v1/loggers", json={"name": f"Stagiair {index}", "pin": "13572468"}
        )
        other_ids.append(response.json()["id"])
    attempts = 0
    for logger_id in [school.logger_id, *other_ids]:
        for _ in range(4):
            assert _pin(client, logger_id, "999999").status_code == 401
            attempts += 1
    assert attempts == 20
    assert _pin(client, other_ids[0], "13572468").status_code == 429


def test_logger_unknown_id_answers_like_a_wrong_pin(client: TestClient) -> None:
    response = _pin(client, 4242, LOGGER_PIN)
    assert response.status_code == 401


def test_pin_must_be_digits(client: TestClient, school: School) -> None:
    response = client.post(
        "/api/v1/session/pin", json={"logger_id": school.logger_id, "pin": 246810}
    )
    assert response.status_code == 422


def test_sign_out_ends_the_session(logger: TestClient) -> None:
    assert logger.delete("/api/v1/session").status_code == 204
    assert logger.get("/api/v1/groups").status_code == 401


def test_sign_out_keeps_other_devices_signed_in(
    logger: TestClient, app: FastAPI, school: School
) -> None:
    with TestClient(app) as second_tablet:
        _pin(second_tablet, school.logger_id, LOGGER_PIN)
        logger.delete("/api/v1/session")
        assert second_tablet.get("/api/v1/groups").status_code == 200


def test_session_survives_a_server_restart(logger: TestClient, settings: Settings) -> None:
    restarted = create_app(settings)
    try:
        with TestClient(restarted, cookies=logger.cookies) as client:
            assert client.get("/api/v1/groups").status_code == 200
    finally:
        restarted.state.engine.dispose()


def test_session_ends_after_idle_time(logger: TestClient, app: FastAPI) -> None:
    with write_session(app.state.engine) as session:
        for row in session.exec(select(UserSession).where(UserSession.role == "logger")).all():
            row.last_seen_at = utcnow() - timedelta(hours=7)
            session.add(row)
        session.commit()
    assert logger.get("/api/v1/groups").status_code == 401


def test_session_ends_at_its_absolute_expiry(logger: TestClient, app: FastAPI) -> None:
    with write_session(app.state.engine) as session:
        for row in session.exec(select(UserSession).where(UserSession.role == "logger")).all():
            row.expires_at = utcnow() - timedelta(seconds=1)
            session.add(row)
        session.commit()
    assert logger.get("/api/v1/groups").status_code == 401


def test_active_session_is_touched_at_most_every_few_minutes(
    logger: TestClient, app: FastAPI
) -> None:
    long_ago = utcnow() - timedelta(minutes=30)
    with write_session(app.state.engine) as session:
        row = session.exec(select(UserSession).where(UserSession.role == "logger")).one()
        row.last_seen_at = long_ago
        session.add(row)
        session.commit()
    logger.get("/api/v1/groups")
    with write_session(app.state.engine) as session:
        touched = session.exec(select(UserSession).where(UserSession.role == "logger")).one()
    assert touched.last_seen_at > long_ago + timedelta(minutes=25)


def test_new_pin_signs_the_logger_out(
    logger: TestClient, teacher: TestClient, school: School
) -> None:
    teacher.patch(f"/api/v1/loggers/{school.logger_id}", json={"pin": "97531086"})
    assert logger.get("/api/v1/groups").status_code == 401
    with TestClient(logger.app) as client:
        assert _pin(client, school.logger_id, "97531086").status_code == 204


def test_deactivated_logger_cannot_sign_in(
    logger: TestClient, teacher: TestClient, client: TestClient, school: School
) -> None:
    teacher.patch(f"/api/v1/loggers/{school.logger_id}", json={"active": False})
    assert logger.get("/api/v1/groups").status_code == 401
    assert _pin(client, school.logger_id, LOGGER_PIN).status_code == 401


def test_only_the_hash_of_a_session_token_is_stored(logger: TestClient, app: FastAPI) -> None:
    token = logger.cookies["pleinmunt_session"]
    with write_session(app.state.engine) as session:
        ids = session.exec(select(UserSession.id)).all()
    assert token not in ids
    assert all(len(session_id) == 64 for session_id in ids)


@pytest.mark.parametrize("extra", [{"pin": "518273"}, {"active": False}])
def test_logger_rename_to_a_taken_name_with_other_fields_is_409(
    teacher: TestClient, school: School, extra: dict[str, object]
) -> None:
    other = teacher.post("/api/v1/loggers", json={"name": "Bo", "pin": "518274"})
    assert other.status_code == 201, other.text
    response = teacher.patch(f"/api/v1/loggers/{school.logger_id}", json={"name": "Bo", **extra})
    assert response.status_code == 409, response.text
    assert "already exists" in response.json()["detail"]


def _session_ids(app: FastAPI) -> set[str]:
    with write_session(app.state.engine) as session:
        return set(session.exec(select(UserSession.id)).all())


def test_signing_in_again_ends_the_session_the_browser_sent(
    logger: TestClient, app: FastAPI, school: School
) -> None:
    old_cookie = logger.cookies["pleinmunt_session"]
    before = _session_ids(app)
    assert _pin(logger, school.logger_id, LOGGER_PIN).status_code == 204
    after = _session_ids(app)
    assert len(after) == len(before)  # replaced, not added
    with TestClient(app) as thief:  # someone who copied the old cookie
        thief.cookies.set("pleinmunt_session", old_cookie)
        assert thief.get("/api/v1/groups").status_code == 401
    assert logger.get("/api/v1/groups").status_code == 200


def test_teacher_signing_in_again_ends_the_old_session(teacher: TestClient, app: FastAPI) -> None:
    old_cookie = teacher.cookies["pleinmunt_session"]
    response = teacher.post(
        "/api/v1/session", json={"username": TEACHER[0], "password": TEACHER[1]}
    )
    assert response.status_code == 204
    with TestClient(app) as thief:
        thief.cookies.set("pleinmunt_session", old_cookie)
        assert thief.get("/api/v1/groups").status_code == 401


@pytest.mark.parametrize("pin", ["000000", "123456", "654321", "12345678"])
def test_trivial_pin_is_refused_with_its_code(
    teacher: TestClient, school: School, pin: str
) -> None:
    created = teacher.post("/api/v1/loggers", json={"name": "Mo", "pin": pin})
    assert created.status_code == 422
    assert created.json()["code"] == "pin_too_simple"
    changed = teacher.patch(f"/api/v1/loggers/{school.logger_id}", json={"pin": pin})
    assert changed.status_code == 422
    assert changed.json()["code"] == "pin_too_simple"
    assert "Mo" not in {row["name"] for row in teacher.get("/api/v1/loggers").json()}


def test_teacher_password_has_one_maximum_for_setting_and_signing_in(
    client: TestClient, app: FastAPI, settings: Settings
) -> None:
    longest = "lang-wachtwoord-" + "x" * (MAX_PASSWORD_LENGTH - 16)
    with write_session(app.state.engine) as session:
        create_teacher(session, username="meester", password=longest, settings=settings)
        with pytest.raises(Invalid) as refused:
            create_teacher(session, username="meester", password=longest + "x", settings=settings)
    assert refused.value.code == "password_too_long"
    signed_in = client.post("/api/v1/session", json={"username": "meester", "password": longest})
    assert signed_in.status_code == 204
