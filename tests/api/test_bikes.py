"""Daycare bikes and bike turns: a good handover earns both toddlers a coin."""

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.db import read_session
from tests.support.school import School, coin_body, created


@pytest.fixture
def bike(teacher: TestClient, school: School) -> dict[str, Any]:
    body = {"name": "Rode fiets", "group_id": school.groups["Peuters"]}
    return created(teacher.post("/api/v1/bikes", json=body))


def turn_body(bike: dict[str, Any], from_id: int, to_id: int, **extra: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "bike_id": bike["id"],
        "from_child_id": from_id,
        "to_child_id": to_id,
        "went_well": True,
        **extra,
    }


def coins_of(teacher: TestClient, child_id: int) -> list[dict[str, Any]]:
    return teacher.get("/api/v1/coins", params={"child_id": child_id}).json()


def bike_reason(teacher: TestClient) -> str:
    return teacher.get("/api/v1/reasons", params={"context": "bike"}).json()[0]["slug"]


def bike_events(app: FastAPI) -> list[dict[str, Any]]:
    with read_session(app.state.engine) as session:
        rows = session.execute(
            text("SELECT payload FROM board_event WHERE kind = 'bike' ORDER BY seq")
        ).all()
    return [json.loads(row[0]) if isinstance(row[0], str) else row[0] for row in rows]


# Bikes


def test_create_bike_returns_it(teacher: TestClient, school: School) -> None:
    body = {"name": "Blauwe fiets", "group_id": school.groups["Peuters"]}
    bike = created(teacher.post("/api/v1/bikes", json=body))
    assert (bike["name"], bike["group_id"]) == ("Blauwe fiets", school.groups["Peuters"])
    assert (bike["rider_child_id"], bike["rider_since"], bike["queue"]) == (None, None, [])
    assert bike["active"] is True


def test_list_bikes_shows_every_bike(
    teacher: TestClient, bike: dict[str, Any], school: School
) -> None:
    other = {"name": "Step", "group_id": school.groups["Groep 5"]}
    created(teacher.post("/api/v1/bikes", json=other))
    assert [b["name"] for b in teacher.get("/api/v1/bikes").json()] == ["Rode fiets", "Step"]


def test_list_bikes_filters_by_group(
    teacher: TestClient, bike: dict[str, Any], school: School
) -> None:
    created(
        teacher.post("/api/v1/bikes", json={"name": "Step", "group_id": school.groups["Groep 5"]})
    )
    listed = teacher.get("/api/v1/bikes", params={"group_id": school.groups["Peuters"]}).json()
    assert [b["id"] for b in listed] == [bike["id"]]


def test_create_bike_unknown_group_is_422(teacher: TestClient, school: School) -> None:
    response = teacher.post("/api/v1/bikes", json={"name": "Fiets", "group_id": 99999})
    assert response.status_code == 422
    assert "99999" in response.json()["detail"]


def test_create_bike_without_name_is_422(teacher: TestClient, school: School) -> None:
    response = teacher.post(
        "/api/v1/bikes", json={"name": "", "group_id": school.groups["Peuters"]}
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith("name")


def test_create_bike_records_a_bike_event(app: FastAPI, bike: dict[str, Any]) -> None:
    assert [event["id"] for event in bike_events(app)] == [bike["id"]]


def test_logger_lists_bikes_but_cannot_add_one(
    logger: TestClient, bike: dict[str, Any], school: School
) -> None:
    assert [b["id"] for b in logger.get("/api/v1/bikes").json()] == [bike["id"]]
    body = {"name": "Blauwe fiets", "group_id": school.groups["Peuters"]}
    assert logger.post("/api/v1/bikes", json=body).status_code == 403


def test_kiosk_and_anonymous_cannot_use_bikes(
    kiosk: TestClient, client: TestClient, bike: dict[str, Any], school: School
) -> None:
    body = turn_body(bike, school.children["Finn"], school.children["Saar"])
    assert kiosk.get("/api/v1/bikes").status_code == 403
    assert kiosk.post("/api/v1/bike-turns", json=body).status_code == 403
    assert client.get("/api/v1/bikes").status_code == 401
    assert client.post("/api/v1/bike-turns", json=body).status_code == 401


# Bike turns


def test_bike_turn_went_well_gives_both_toddlers_a_coin(
    logger: TestClient, teacher: TestClient, bike: dict[str, Any], school: School
) -> None:
    finn, saar = school.children["Finn"], school.children["Saar"]
    response = logger.post("/api/v1/bike-turns", json=turn_body(bike, finn, saar))
    assert response.status_code == 201
    turn = response.json()
    assert len(turn["coin_ids"]) == 2
    reason = bike_reason(teacher)
    for child_id in (finn, saar):
        coins = coins_of(teacher, child_id)
        assert [(coin["reason"], coin["amount"]) for coin in coins] == [(reason, 1)]
        assert coins[0]["id"] in turn["coin_ids"]


def test_bike_turn_returns_what_was_recorded(
    logger: TestClient, bike: dict[str, Any], school: School
) -> None:
    finn, saar = school.children["Finn"], school.children["Saar"]
    body = turn_body(bike, finn, saar)
    turn = created(logger.post("/api/v1/bike-turns", json=body))
    assert (turn["id"], turn["bike_id"]) == (body["id"], bike["id"])
    assert (turn["from_child_id"], turn["to_child_id"], turn["went_well"]) == (finn, saar, True)
    assert turn["logged_by"] == f"logger:{school.logger_id}"


def test_bike_turn_coins_belong_to_the_turns_time(
    logger: TestClient, teacher: TestClient, bike: dict[str, Any], school: School
) -> None:
    at = (datetime.now(UTC) - timedelta(days=2)).replace(microsecond=0)
    body = turn_body(bike, school.children["Finn"], school.children["Saar"], at=at.isoformat())
    created(logger.post("/api/v1/bike-turns", json=body))
    coin = coins_of(teacher, school.children["Finn"])[0]
    assert datetime.fromisoformat(coin["awarded_at"]) == at


def test_bike_turn_replay_returns_the_same_turn(
    logger: TestClient, teacher: TestClient, bike: dict[str, Any], school: School
) -> None:
    body = turn_body(bike, school.children["Finn"], school.children["Saar"])
    first = logger.post("/api/v1/bike-turns", json=body)
    again = logger.post("/api/v1/bike-turns", json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert len(coins_of(teacher, school.children["Finn"])) == 1


def test_bike_turn_same_id_other_body_is_409(
    logger: TestClient, teacher: TestClient, bike: dict[str, Any], school: School
) -> None:
    body = turn_body(bike, school.children["Finn"], school.children["Saar"])
    created(logger.post("/api/v1/bike-turns", json=body))
    response = logger.post("/api/v1/bike-turns", json={**body, "went_well": False})
    assert response.status_code == 409
    assert body["id"] in response.json()["detail"]
    assert len(coins_of(teacher, school.children["Saar"])) == 1


def test_bike_turn_not_went_well_gives_no_coins(
    logger: TestClient, teacher: TestClient, bike: dict[str, Any], school: School
) -> None:
    finn, saar = school.children["Finn"], school.children["Saar"]
    body = turn_body(bike, finn, saar, went_well=False)
    turn = created(logger.post("/api/v1/bike-turns", json=body))
    assert turn["coin_ids"] == []
    assert coins_of(teacher, finn) == []
    assert coins_of(teacher, saar) == []


def test_bike_turn_rider_becomes_the_to_child(
    logger: TestClient, bike: dict[str, Any], school: School
) -> None:
    finn, saar = school.children["Finn"], school.children["Saar"]
    turn = created(logger.post("/api/v1/bike-turns", json=turn_body(bike, finn, saar)))
    listed = logger.get("/api/v1/bikes").json()[0]
    assert listed["rider_child_id"] == saar
    assert listed["rider_since"] == turn["at"]


def test_bike_turn_not_went_well_still_hands_the_bike_over(
    logger: TestClient, bike: dict[str, Any], school: School
) -> None:
    body = turn_body(bike, school.children["Finn"], school.children["Saar"], went_well=False)
    created(logger.post("/api/v1/bike-turns", json=body))
    assert logger.get("/api/v1/bikes").json()[0]["rider_child_id"] == school.children["Saar"]


def test_bike_turn_records_a_bike_event_with_the_new_rider(
    app: FastAPI, logger: TestClient, bike: dict[str, Any], school: School
) -> None:
    saar = school.children["Saar"]
    created(logger.post("/api/v1/bike-turns", json=turn_body(bike, school.children["Finn"], saar)))
    events = bike_events(app)
    assert len(events) == 2  # the bike was added, then handed over
    assert (events[-1]["id"], events[-1]["rider_child_id"]) == (bike["id"], saar)
    assert "Saar" not in json.dumps(events)


def test_bike_turn_toddler_at_the_daily_cap_gets_no_coin(
    logger: TestClient, teacher: TestClient, bike: dict[str, Any], school: School
) -> None:
    finn, saar = school.children["Finn"], school.children["Saar"]
    for amount in (3, 3, 3, 1):
        created(logger.post("/api/v1/coins", json=coin_body(finn, amount=amount)))
    body = turn_body(bike, finn, saar)
    response = logger.post("/api/v1/bike-turns", json=body)
    assert response.status_code == 201
    saar_coins = coins_of(teacher, saar)
    assert response.json()["coin_ids"] == [saar_coins[0]["id"]]
    assert sum(coin["amount"] for coin in coins_of(teacher, finn)) == 10
    assert logger.post("/api/v1/bike-turns", json=body).status_code == 200


def test_bike_turn_same_child_twice_is_422(
    logger: TestClient, teacher: TestClient, bike: dict[str, Any], school: School
) -> None:
    finn = school.children["Finn"]
    response = logger.post("/api/v1/bike-turns", json=turn_body(bike, finn, finn))
    assert response.status_code == 422
    assert "two different children" in response.json()["detail"]
    assert coins_of(teacher, finn) == []


def test_bike_turn_child_from_another_group_is_422(
    logger: TestClient, teacher: TestClient, bike: dict[str, Any], school: School
) -> None:
    finn, sam = school.children["Finn"], school.children["Sam"]
    response = logger.post("/api/v1/bike-turns", json=turn_body(bike, finn, sam))
    assert response.status_code == 422
    assert "group" in response.json()["detail"]
    assert coins_of(teacher, finn) == []
    assert logger.get("/api/v1/bikes").json()[0]["rider_child_id"] is None


def test_bike_turn_unknown_bike_is_422(logger: TestClient, school: School) -> None:
    body = turn_body({"id": 99999}, school.children["Finn"], school.children["Saar"])
    response = logger.post("/api/v1/bike-turns", json=body)
    assert response.status_code == 422
    assert "99999" in response.json()["detail"]


def test_bike_turn_unknown_child_is_422(
    logger: TestClient, bike: dict[str, Any], school: School
) -> None:
    response = logger.post(
        "/api/v1/bike-turns", json=turn_body(bike, school.children["Finn"], 99999)
    )
    assert response.status_code == 422
    assert response.json()["code"] == "unknown_child"


def test_bike_turn_inactive_child_is_422(
    logger: TestClient, teacher: TestClient, bike: dict[str, Any], school: School
) -> None:
    saar = school.children["Saar"]
    teacher.patch(f"/api/v1/children/{saar}", json={"active": False})
    response = logger.post(
        "/api/v1/bike-turns", json=turn_body(bike, school.children["Finn"], saar)
    )
    assert response.status_code == 422
    assert response.json()["code"] == "inactive_child"


def test_bike_turn_too_long_ago_is_422(
    logger: TestClient, bike: dict[str, Any], school: School
) -> None:
    at = (datetime.now(UTC) - timedelta(days=30)).isoformat()
    body = turn_body(bike, school.children["Finn"], school.children["Saar"], at=at)
    response = logger.post("/api/v1/bike-turns", json=body)
    assert response.status_code == 422
    assert response.json()["code"] == "too_old"


def test_bike_turn_by_teacher_is_fine(
    teacher: TestClient, bike: dict[str, Any], school: School
) -> None:
    body = turn_body(bike, school.children["Finn"], school.children["Saar"])
    assert created(teacher.post("/api/v1/bike-turns", json=body))["logged_by"].startswith(
        "teacher:"
    )
