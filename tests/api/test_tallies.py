"""The anonymous recess tally: conflicts per recess per zone, today."""

from fastapi.testclient import TestClient

from tests.api.conftest import School


def _tap(client: TestClient, zone: str = "voetbal", delta: int = 1, recess: str = "morning"):
    return client.post("/api/v1/tallies", json={"zone": zone, "delta": delta, "recess": recess})


def test_tally_counts_conflicts(logger: TestClient) -> None:
    _tap(logger)
    response = _tap(logger)
    assert response.status_code == 200
    assert (response.json()["zone"], response.json()["conflicts"]) == ("voetbal", 2)


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
    response = logger.post("/api/v1/tallies", json={"zone": "plein"})
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
    assert _tap(logger).status_code == 200
    assert logger.get("/api/v1/tallies").status_code == 200


def test_tallies_open_to_teacher(teacher: TestClient) -> None:
    assert _tap(teacher).status_code == 200
    assert teacher.get("/api/v1/tallies").status_code == 200


def test_tally_bad_input_is_422(logger: TestClient) -> None:
    for body in ({"zone": "plein", "delta": "1"}, {"zone": ["plein"]}, {"zone": "x" * 500}, {}):
        assert logger.post("/api/v1/tallies", json=body).status_code == 422
    assert logger.get("/api/v1/tallies", params={"day": "gisteren"}).status_code == 422
