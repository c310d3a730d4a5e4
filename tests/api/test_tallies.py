"""The anonymous recess tally: conflicts per recess per zone, today."""

import uuid
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from app.settings import Settings
from tests.support.school import School


def _tap(client: TestClient, zone: str = "voetbal", delta: int = 1, recess: str = "morning"):
    body = {"id": str(uuid.uuid4()), "zone": zone, "delta": delta, "recess": recess}
    return client.post("/api/v1/tallies", json=body)


def _counts(client: TestClient) -> dict[tuple[str, str], int]:
    rows = client.get("/api/v1/tallies").json()["tallies"]
    return {(row["recess"], row["zone"]): row["conflicts"] for row in rows}


def test_tally_counts_conflicts(logger: TestClient) -> None:
    assert _tap(logger).status_code == 201
    response = _tap(logger)
    assert response.status_code == 201
    assert (response.json()["zone"], response.json()["conflicts"]) == ("voetbal", 2)


def test_tally_replay_counts_once(logger: TestClient) -> None:
    body = {"id": str(uuid.uuid4()), "zone": "zandbak", "recess": "lunch"}
    assert logger.post("/api/v1/tallies", json=body).status_code == 201
    _tap(logger, zone="zandbak", recess="lunch")  # another tablet's conflict, in between
    replay = logger.post("/api/v1/tallies", json=body)
    assert replay.status_code == 200
    assert replay.json()["conflicts"] == 2  # the tally as it is now, this change counted once
    assert _counts(logger) == {("lunch", "zandbak"): 2}


def test_tally_replay_of_a_take_back_takes_one_back_once(logger: TestClient) -> None:
    _tap(logger)
    _tap(logger)
    body = {"id": str(uuid.uuid4()), "zone": "voetbal", "recess": "morning", "delta": -1}
    assert logger.post("/api/v1/tallies", json=body).status_code == 201
    assert logger.post("/api/v1/tallies", json=body).status_code == 200
    assert _counts(logger) == {("morning", "voetbal"): 1}


def test_tally_same_id_other_body_is_409(logger: TestClient) -> None:
    body = {"id": str(uuid.uuid4()), "zone": "zandbak", "recess": "lunch"}
    assert logger.post("/api/v1/tallies", json=body).status_code == 201
    response = logger.post("/api/v1/tallies", json={**body, "zone": "klimrek"})
    assert response.status_code == 409
    assert response.json()["code"] == "replay_conflict"
    assert _counts(logger) == {("lunch", "zandbak"): 1}


def test_tally_counts_on_the_day_it_was_tapped(logger: TestClient, settings: Settings) -> None:
    yesterday = datetime.now(UTC) - timedelta(days=1)
    body = {"id": str(uuid.uuid4()), "zone": "plein", "at": yesterday.isoformat()}
    assert logger.post("/api/v1/tallies", json=body).status_code == 201
    assert _counts(logger) == {}
    day = yesterday.astimezone(settings.tz).date().isoformat()
    rows = logger.get("/api/v1/tallies", params={"day": day}).json()["tallies"]
    assert [row["conflicts"] for row in rows] == [1]


def test_tally_older_than_the_backdating_window_is_422(logger: TestClient) -> None:
    long_ago = (datetime.now(UTC) - timedelta(days=60)).isoformat()
    body = {"id": str(uuid.uuid4()), "zone": "plein", "at": long_ago}
    response = logger.post("/api/v1/tallies", json=body)
    assert response.status_code == 422
    assert response.json()["code"] == "too_old"


def test_tally_take_back_one(logger: TestClient) -> None:
    _tap(logger)
    _tap(logger)
    assert _tap(logger, delta=-1).json()["conflicts"] == 1


def test_tally_never_below_zero(logger: TestClient) -> None:
    response = _tap(logger, delta=-1)
    assert response.status_code == 422
    assert "already at zero" in response.json()["detail"]


def test_tally_big_step_is_422(logger: TestClient) -> None:
    assert _tap(logger, delta=5).status_code == 422


def test_tally_unknown_zone_is_422(logger: TestClient) -> None:
    response = _tap(logger, zone="dak")
    assert response.status_code == 422
    assert "zone 'dak' is not known" in response.json()["detail"]


def test_tally_unknown_recess_is_422(logger: TestClient) -> None:
    assert _tap(logger, recess="night").status_code == 422


def test_tally_recess_defaults_by_clock(logger: TestClient) -> None:
    response = logger.post("/api/v1/tallies", json={"id": str(uuid.uuid4()), "zone": "plein"})
    assert response.json()["recess"] in ("morning", "lunch")


def test_tallies_list_today_per_recess_and_zone(logger: TestClient, teacher: TestClient) -> None:
    _tap(logger, zone="plein")
    _tap(logger, zone="zandbak", recess="lunch")
    _tap(logger, zone="zandbak", recess="lunch")
    today = teacher.get("/api/v1/tallies").json()
    counts = {(row["recess"], row["zone"]): row["conflicts"] for row in today["tallies"]}
    assert counts == {("morning", "plein"): 1, ("lunch", "zandbak"): 2}
    assert today["recess_now"] in ("morning", "lunch")


def test_tallies_of_another_day_are_empty(logger: TestClient) -> None:
    _tap(logger)
    assert logger.get("/api/v1/tallies", params={"day": "2020-01-06"}).json()["tallies"] == []


def test_tallies_need_sign_in(client: TestClient, school: School) -> None:
    assert client.get("/api/v1/tallies").status_code == 401
    assert _tap(client).status_code == 401


def test_tallies_refuse_kiosk(kiosk: TestClient) -> None:
    assert kiosk.get("/api/v1/tallies").status_code == 403
    assert _tap(kiosk).status_code == 403


def test_tallies_open_to_logger(logger: TestClient) -> None:
    assert _tap(logger).status_code == 201
    assert logger.get("/api/v1/tallies").status_code == 200


def test_tallies_open_to_teacher(teacher: TestClient) -> None:
    assert _tap(teacher).status_code == 201
    assert teacher.get("/api/v1/tallies").status_code == 200


def test_tally_bad_input_is_422(logger: TestClient) -> None:
    known = {"id": str(uuid.uuid4())}
    bodies = (
        {**known, "zone": "plein", "delta": "1"},
        {**known, "zone": ["plein"]},
        {**known, "zone": "x" * 500},
        {"zone": "plein"},  # no id: a tally must be safe to send again
        {"id": "not-a-uuid", "zone": "plein"},
        {**known, "zone": "plein", "at": "2026-12-02T10:00:00"},  # no time zone
        {},
    )
    for body in bodies:
        assert logger.post("/api/v1/tallies", json=body).status_code == 422
    assert logger.get("/api/v1/tallies", params={"day": "gisteren"}).status_code == 422
