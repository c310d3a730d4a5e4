"""Only teachers draw, verify, reward and export: anonymous 401, interns and kiosks 403."""

import pytest
from fastapi.testclient import TestClient

from tests.api.winners_support import drawn, give_coins, this_week
from tests.support.school import School

WEEK = "2026-W48"
CALLS = [
    ("POST", f"/api/v1/boards/plein/weeks/{WEEK}/winner"),
    ("GET", f"/api/v1/boards/plein/weeks/{WEEK}/winner"),
    ("GET", f"/api/v1/boards/plein/weeks/{WEEK}/draws"),
    ("GET", f"/api/v1/boards/plein/weeks/{WEEK}/winner/verify"),
    ("GET", "/api/v1/winners"),
    ("GET", "/api/v1/winners.csv"),
    ("GET", "/api/v1/winners.xlsx"),
    ("PATCH", "/api/v1/winners/1"),
    ("GET", "/api/v1/rewards"),
]


@pytest.mark.parametrize(("method", "url"), CALLS)
def test_winners_anonymous_is_401(client: TestClient, method: str, url: str) -> None:
    response = client.request(method, url, json={} if method != "GET" else None)
    assert response.status_code == 401
    assert response.json()["detail"]


def test_winners_intern_and_kiosk_are_403(
    logger: TestClient, kiosk: TestClient, teacher: TestClient, school: School
) -> None:
    give_coins(logger, school.children["Sam"], 1)
    draw_id = drawn(teacher, this_week())["id"]
    for method, url in CALLS:
        url = url.replace(WEEK, this_week()).replace("/winners/1", f"/winners/{draw_id}")
        for who in (logger, kiosk):
            response = who.request(method, url, json={} if method != "GET" else None)
            assert response.status_code == 403, (method, url)
    # Nothing changed: still the one draw, with no reward.
    assert teacher.get("/api/v1/winners").json()[0]["reward"] == ""


def test_certificate_anonymous_is_sent_to_the_teacher_sign_in(client: TestClient) -> None:
    response = client.get("/teacher/winners/1/certificate", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/teacher"


def test_certificate_intern_and_kiosk_are_403(
    logger: TestClient, kiosk: TestClient, teacher: TestClient, school: School
) -> None:
    give_coins(logger, school.children["Sam"], 1)
    draw_id = drawn(teacher, this_week())["id"]
    for who in (logger, kiosk):
        response = who.get(f"/teacher/winners/{draw_id}/certificate", follow_redirects=False)
        assert response.status_code == 403
        assert "Sam" not in response.text
