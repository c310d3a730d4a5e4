"""The bike queue and rider: two tablets agree, and the daycare kiosk hears every change."""

import uuid

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from sqlmodel import Session, col, select

from app.models import BoardEvent
from tests.support.school import School, created


@pytest.fixture
def bikes(teacher: TestClient, school: School) -> dict[str, int]:
    peuters = school.groups["Peuters"]
    return {
        name: created(teacher.post("/api/v1/bikes", json={"name": name, "group_id": peuters}))["id"]
        for name in ("Rode fiets", "Blauwe fiets")
    }


def _join(client: TestClient, bike: int, child: int, change: str | None = None) -> Response:
    body = {"id": change or str(uuid.uuid4()), "child_id": child}
    return client.post(f"/api/v1/bikes/{bike}/queue", json=body)


def _leave(client: TestClient, bike: int, child: int, change: str | None = None) -> Response:
    params = {"id": change or str(uuid.uuid4())}
    return client.delete(f"/api/v1/bikes/{bike}/queue/{child}", params=params)


def _ride(client: TestClient, bike: int, child: int | None, change: str | None = None) -> Response:
    body = {"id": change or str(uuid.uuid4()), "child_id": child}
    return client.put(f"/api/v1/bikes/{bike}/rider", json=body)


def _bike_events(app: FastAPI, bike_id: int) -> list[dict]:
    with Session(app.state.engine) as session:
        rows = session.exec(
            select(BoardEvent).where(BoardEvent.kind == "bike").order_by(col(BoardEvent.seq))
        ).all()
    return [row.payload for row in rows if row.payload["id"] == bike_id]


def test_join_queue_keeps_arrival_order(
    logger: TestClient, school: School, bikes: dict[str, int]
) -> None:
    red = bikes["Rode fiets"]
    _join(logger, red, school.children["Saar"])
    response = _join(logger, red, school.children["Finn"])
    assert response.status_code == 201
    assert response.json()["queue"] == [school.children["Saar"], school.children["Finn"]]


def test_join_queue_twice_keeps_place(
    logger: TestClient, school: School, bikes: dict[str, int]
) -> None:
    red, saar, finn = bikes["Rode fiets"], school.children["Saar"], school.children["Finn"]
    _join(logger, red, saar)
    _join(logger, red, finn)
    again = _join(logger, red, saar)
    assert again.json()["queue"] == [saar, finn]


def test_join_queue_seen_by_another_tablet(
    logger: TestClient, teacher: TestClient, school: School, bikes: dict[str, int]
) -> None:
    red = bikes["Rode fiets"]
    _join(logger, red, school.children["Finn"])
    listed = teacher.get("/api/v1/bikes", params={"group_id": school.groups["Peuters"]}).json()
    assert next(bike for bike in listed if bike["id"] == red)["queue"] == [school.children["Finn"]]


def test_join_queue_records_bike_event(
    app: FastAPI, logger: TestClient, school: School, bikes: dict[str, int]
) -> None:
    red = bikes["Rode fiets"]
    _join(logger, red, school.children["Finn"])
    assert _bike_events(app, red)[-1]["queue"] == [school.children["Finn"]]


def test_join_other_queue_leaves_the_first(
    app: FastAPI, logger: TestClient, school: School, bikes: dict[str, int]
) -> None:
    red, blue, finn = bikes["Rode fiets"], bikes["Blauwe fiets"], school.children["Finn"]
    _join(logger, red, finn)
    _join(logger, blue, finn)
    listed = {bike["id"]: bike["queue"] for bike in logger.get("/api/v1/bikes").json()}
    assert (listed[red], listed[blue]) == ([], [finn])
    assert _bike_events(app, red)[-1]["queue"] == []


def test_join_queue_child_of_other_group_is_422(
    logger: TestClient, school: School, bikes: dict[str, int]
) -> None:
    response = _join(logger, bikes["Rode fiets"], school.children["Sam"])
    assert response.status_code == 422
    assert "not in the group" in response.json()["detail"]


def test_join_queue_inactive_child_is_422(
    logger: TestClient, teacher: TestClient, school: School, bikes: dict[str, int]
) -> None:
    teacher.patch(f"/api/v1/children/{school.children['Finn']}", json={"active": False})
    response = _join(logger, bikes["Rode fiets"], school.children["Finn"])
    assert (response.status_code, response.json()["code"]) == (422, "inactive_child")


def test_join_queue_unknown_child_is_422(logger: TestClient, bikes: dict[str, int]) -> None:
    response = _join(logger, bikes["Rode fiets"], 9999)
    assert (response.status_code, response.json()["code"]) == (422, "unknown_child")


def test_join_queue_unknown_bike_is_404(logger: TestClient, school: School) -> None:
    response = _join(logger, 9999, school.children["Finn"])
    assert response.status_code == 404
    assert "bike 9999" in response.json()["detail"]


def test_join_queue_of_own_bike_is_422(
    logger: TestClient, school: School, bikes: dict[str, int]
) -> None:
    red, finn = bikes["Rode fiets"], school.children["Finn"]
    _ride(logger, red, finn)
    response = _join(logger, red, finn)
    assert response.status_code == 422
    assert "riding this bike" in response.json()["detail"]


def test_leave_queue_removes_child(
    app: FastAPI, logger: TestClient, school: School, bikes: dict[str, int]
) -> None:
    red, finn = bikes["Rode fiets"], school.children["Finn"]
    _join(logger, red, finn)
    response = _leave(logger, red, finn)
    assert (response.status_code, response.json()["queue"]) == (201, [])
    assert _bike_events(app, red)[-1]["queue"] == []


def test_leave_queue_when_not_waiting_changes_nothing(
    app: FastAPI, logger: TestClient, school: School, bikes: dict[str, int]
) -> None:
    red = bikes["Rode fiets"]
    before = len(_bike_events(app, red))
    response = _leave(logger, red, school.children["Finn"])
    assert (response.status_code, len(_bike_events(app, red))) == (201, before)


def test_set_rider_starts_bike_and_leaves_queue(
    app: FastAPI, logger: TestClient, school: School, bikes: dict[str, int]
) -> None:
    red, finn = bikes["Rode fiets"], school.children["Finn"]
    _join(logger, red, finn)
    bike = _ride(logger, red, finn).json()
    assert (bike["rider_child_id"], bike["queue"]) == (finn, [])
    assert bike["rider_since"] is not None
    assert _bike_events(app, red)[-1]["rider_child_id"] == finn


def test_set_rider_gets_child_off_other_bike(
    logger: TestClient, school: School, bikes: dict[str, int]
) -> None:
    red, blue, finn = bikes["Rode fiets"], bikes["Blauwe fiets"], school.children["Finn"]
    _ride(logger, red, finn)
    _ride(logger, blue, finn)
    riders = {bike["id"]: bike["rider_child_id"] for bike in logger.get("/api/v1/bikes").json()}
    assert riders == {red: None, blue: finn}


def test_park_bike_clears_rider(logger: TestClient, school: School, bikes: dict[str, int]) -> None:
    red = bikes["Rode fiets"]
    _ride(logger, red, school.children["Finn"])
    bike = _ride(logger, red, None).json()
    assert (bike["rider_child_id"], bike["rider_since"]) == (None, None)


def test_handover_gives_bike_to_first_in_queue(
    teacher: TestClient, logger: TestClient, school: School, bikes: dict[str, int]
) -> None:
    red, finn, saar = bikes["Rode fiets"], school.children["Finn"], school.children["Saar"]
    _ride(logger, red, finn)
    _join(logger, red, saar)
    turn = {
        "id": str(uuid.uuid4()),
        "bike_id": red,
        "from_child_id": finn,
        "to_child_id": saar,
        "went_well": True,
    }
    assert len(created(logger.post("/api/v1/bike-turns", json=turn))["coin_ids"]) == 2
    bike = next(bike for bike in logger.get("/api/v1/bikes").json() if bike["id"] == red)
    assert (bike["rider_child_id"], bike["queue"]) == (saar, [])


def test_queue_needs_sign_in(client: TestClient, school: School, bikes: dict[str, int]) -> None:
    red, finn = bikes["Rode fiets"], school.children["Finn"]
    assert _join(client, red, finn).status_code == 401
    assert _leave(client, red, finn).status_code == 401
    assert _ride(client, red, finn).status_code == 401


def test_queue_refuses_kiosk(kiosk: TestClient, school: School, bikes: dict[str, int]) -> None:
    red, finn = bikes["Rode fiets"], school.children["Finn"]
    assert _join(kiosk, red, finn).status_code == 403
    assert _leave(kiosk, red, finn).status_code == 403
    assert _ride(kiosk, red, finn).status_code == 403


def test_queue_open_to_teacher(teacher: TestClient, school: School, bikes: dict[str, int]) -> None:
    red, finn = bikes["Rode fiets"], school.children["Finn"]
    response = _join(teacher, red, finn)
    assert (response.status_code, response.json()["queue"]) == (201, [finn])


def test_put_away_bike_refuses_queue(
    app: FastAPI, logger: TestClient, school: School, bikes: dict[str, int]
) -> None:
    from app.models import Bike

    with Session(app.state.engine) as session:
        bike = session.get(Bike, bikes["Rode fiets"])
        assert bike is not None
        bike.active = False
        session.add(bike)
        session.commit()
    response = _join(logger, bikes["Rode fiets"], school.children["Finn"])
    assert response.status_code == 422
    assert "put away" in response.json()["detail"]


def test_queue_bad_ids_are_422(logger: TestClient, bikes: dict[str, int]) -> None:
    red = bikes["Rode fiets"]
    for body in ({"child_id": "3"}, {"child_id": 10**30}, {"child_id": 0}, {}):
        assert logger.post(f"/api/v1/bikes/{red}/queue", json=body).status_code == 422
    assert _join(logger, 10**30, 1).status_code == 422
    assert _ride(logger, red, True).status_code == 422
