"""Giving, replaying, refusing, undoing and listing coins."""

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient

from tests.support.school import School, coin_body


def test_award_returns_created_coin(logger: TestClient, school: School) -> None:
    body = coin_body(school.children["Sam"], amount=2)
    response = logger.post("/api/v1/coins", json=body)
    assert response.status_code == 201
    coin = response.json()
    assert coin["id"] == body["id"]
    assert coin["amount"] == 2
    assert coin["logged_by"] == f"logger:{school.logger_id}"
    assert coin["voided_at"] is None


def test_award_replay_returns_stored_coin(
    logger: TestClient, teacher: TestClient, school: School
) -> None:
    body = coin_body(school.children["Sam"])
    first = logger.post("/api/v1/coins", json=body)
    again = logger.post("/api/v1/coins", json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    coins = teacher.get("/api/v1/coins", params={"child_id": school.children["Sam"]}).json()
    assert [coin["id"] for coin in coins] == [body["id"]]


def test_award_same_id_other_body_conflicts(logger: TestClient, school: School) -> None:
    body = coin_body(school.children["Sam"])
    assert logger.post("/api/v1/coins", json=body).status_code == 201
    response = logger.post("/api/v1/coins", json={**body, "amount": 3})
    assert response.status_code == 409
    assert "new id" in response.json()["detail"]


def test_award_replay_of_voided_coin_stays_voided(logger: TestClient, school: School) -> None:
    body = coin_body(school.children["Sam"])
    logger.post("/api/v1/coins", json=body)
    assert logger.post(f"/api/v1/coins/{body['id']}/void").status_code == 200
    replay = logger.post("/api/v1/coins", json=body)
    assert replay.status_code == 200
    assert replay.json()["voided_at"] is not None


def test_award_unknown_child_is_422(logger: TestClient) -> None:
    response = logger.post("/api/v1/coins", json=coin_body(99_999))
    assert response.status_code == 422
    assert response.json()["code"] == "unknown_child"


def test_award_unknown_reason_is_422(logger: TestClient, school: School) -> None:
    response = logger.post(
        "/api/v1/coins", json=coin_body(school.children["Sam"], reason="hard-rennen")
    )
    assert response.status_code == 422
    assert response.json()["code"] == "unknown_reason"


def test_award_inactive_child_is_422(
    logger: TestClient, teacher: TestClient, school: School
) -> None:
    teacher.patch(f"/api/v1/children/{school.children['Sam']}", json={"active": False})
    response = logger.post("/api/v1/coins", json=coin_body(school.children["Sam"]))
    assert response.status_code == 422
    assert response.json()["code"] == "inactive_child"


def test_award_amount_out_of_range_is_422(logger: TestClient, school: School) -> None:
    for amount in (0, 4, -1):
        response = logger.post(
            "/api/v1/coins", json=coin_body(school.children["Sam"], amount=amount)
        )
        assert response.status_code == 422
        assert response.json()["detail"].startswith("amount")


def test_award_past_daily_cap_is_422_and_writes_nothing(
    logger: TestClient, teacher: TestClient, school: School
) -> None:
    sam = school.children["Sam"]
    for _ in range(3):
        assert logger.post("/api/v1/coins", json=coin_body(sam, amount=3)).status_code == 201
    response = logger.post("/api/v1/coins", json=coin_body(sam, amount=2))
    assert response.status_code == 422
    assert response.json()["code"] == "cap_reached"
    assert "1 more" in response.json()["detail"]
    assert logger.post("/api/v1/coins", json=coin_body(sam, amount=1)).status_code == 201
    assert len(teacher.get("/api/v1/coins", params={"child_id": sam}).json()) == 4


def test_award_cap_counts_the_tap_day_not_today(logger: TestClient, school: School) -> None:
    sam = school.children["Sam"]
    yesterday = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    for _ in range(3):
        logger.post("/api/v1/coins", json=coin_body(sam, amount=3, awarded_at=yesterday))
    assert logger.post("/api/v1/coins", json=coin_body(sam, amount=3)).status_code == 201


def test_award_voided_coins_free_the_cap(logger: TestClient, school: School) -> None:
    sam = school.children["Sam"]
    bodies = [coin_body(sam, amount=3) for _ in range(3)]
    for body in bodies:
        logger.post("/api/v1/coins", json=body)
    logger.post(f"/api/v1/coins/{bodies[0]['id']}/void")
    assert logger.post("/api/v1/coins", json=coin_body(sam, amount=3)).status_code == 201


def test_award_future_time_is_clamped_to_server_clock(logger: TestClient, school: School) -> None:
    future = datetime.now(UTC) + timedelta(hours=3)
    response = logger.post(
        "/api/v1/coins", json=coin_body(school.children["Sam"], awarded_at=future.isoformat())
    )
    assert response.status_code == 201
    awarded_at = datetime.fromisoformat(response.json()["awarded_at"])
    assert abs(awarded_at - datetime.now(UTC)) < timedelta(minutes=1)


def test_award_slightly_fast_clock_is_kept(logger: TestClient, school: School) -> None:
    soon = datetime.now(UTC) + timedelta(minutes=3)
    response = logger.post(
        "/api/v1/coins", json=coin_body(school.children["Sam"], awarded_at=soon.isoformat())
    )
    assert datetime.fromisoformat(response.json()["awarded_at"]) == soon


def test_award_older_than_backdating_window_is_422(logger: TestClient, school: School) -> None:
    old = datetime.now(UTC) - timedelta(days=15)
    response = logger.post(
        "/api/v1/coins", json=coin_body(school.children["Sam"], awarded_at=old.isoformat())
    )
    assert response.status_code == 422
    assert response.json()["code"] == "too_old"


def test_award_days_late_keeps_its_week(logger: TestClient, school: School) -> None:
    tapped = datetime.now(UTC) - timedelta(days=8)
    response = logger.post(
        "/api/v1/coins", json=coin_body(school.children["Sam"], awarded_at=tapped.isoformat())
    )
    assert response.status_code == 201
    year, week, _ = tapped.astimezone(ZoneInfo("Europe/Amsterdam")).isocalendar()
    assert response.json()["week"] == f"{year}-W{week:02d}"


def test_award_naive_time_is_422(logger: TestClient, school: School) -> None:
    response = logger.post(
        "/api/v1/coins", json=coin_body(school.children["Sam"], awarded_at="2026-11-27T10:15:00")
    )
    assert response.status_code == 422
    assert "awarded_at" in response.json()["detail"]


def test_void_is_idempotent(logger: TestClient, school: School) -> None:
    body = coin_body(school.children["Sam"])
    logger.post("/api/v1/coins", json=body)
    first = logger.post(f"/api/v1/coins/{body['id']}/void")
    second = logger.post(f"/api/v1/coins/{body['id']}/void")
    assert (first.status_code, second.status_code) == (200, 200)
    assert first.json()["voided_at"] == second.json()["voided_at"]
    assert first.json()["voided_by"] == f"logger:{school.logger_id}"


def test_void_unknown_coin_is_404(logger: TestClient) -> None:
    assert logger.post(f"/api/v1/coins/{uuid.uuid4()}/void").status_code == 404


def test_void_by_other_logger_is_403(
    logger: TestClient, teacher: TestClient, app, school: School
) -> None:
    body = coin_body(school.children["Sam"])
    teacher.post("/api/v1/coins", json=body)
    response = logger.post(f"/api/v1/coins/{body['id']}/void")
    assert response.status_code == 403
    assert teacher.post(f"/api/v1/coins/{body['id']}/void").status_code == 200


def test_list_coins_filters_by_week_and_board(
    logger: TestClient, teacher: TestClient, school: School
) -> None:
    sam, finn = school.children["Sam"], school.children["Finn"]
    logger.post("/api/v1/coins", json=coin_body(sam))
    logger.post("/api/v1/coins", json=coin_body(finn, reason="fiets-wisselen"))
    week = logger.post("/api/v1/coins", json=coin_body(sam)).json()["week"]
    on_board = teacher.get("/api/v1/coins", params={"board": school.board, "week": week}).json()
    assert {coin["child_id"] for coin in on_board} == {sam}
    assert len(on_board) == 2
    assert teacher.get("/api/v1/coins", params={"week": "2020-W01"}).json() == []


def test_list_coins_rejects_bad_week(teacher: TestClient) -> None:
    response = teacher.get("/api/v1/coins", params={"week": "2026-W60"})
    assert response.status_code == 422
    assert "2026-W60" in response.json()["detail"]


def test_list_coins_is_for_teachers_only(logger: TestClient) -> None:
    assert logger.get("/api/v1/coins").status_code == 403


def test_award_needs_sign_in(client: TestClient, school: School) -> None:
    response = client.post("/api/v1/coins", json=coin_body(school.children["Sam"]))
    assert response.status_code == 401


def test_kiosk_cannot_award(kiosk: TestClient, school: School) -> None:
    response = kiosk.post("/api/v1/coins", json=coin_body(school.children["Sam"]))
    assert response.status_code == 403
