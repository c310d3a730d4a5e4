"""Group goals (the coin tube): the coin that fills it is announced once."""

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.db import read_session
from tests.support.school import School, coin_body, created


@pytest.fixture
def goal(teacher: TestClient, school: School) -> int:
    """Groep 5 (Sam, Zoë) saves for 5 coins a week."""
    teacher.patch(f"/api/v1/groups/{school.groups['Groep 5']}", json={"weekly_goal": 5})
    return 5


def goal_events(app: FastAPI) -> list[dict[str, Any]]:
    with read_session(app.state.engine) as session:
        rows = session.execute(
            text("SELECT payload FROM board_event WHERE kind = 'goal' ORDER BY seq")
        ).all()
    return [json.loads(row[0]) if isinstance(row[0], str) else row[0] for row in rows]


def give(logger: TestClient, child_id: int, amount: int = 1, **extra: Any) -> dict[str, Any]:
    return created(logger.post("/api/v1/coins", json=coin_body(child_id, amount=amount, **extra)))


def test_goal_not_reached_records_no_goal_event(
    app: FastAPI, logger: TestClient, school: School, goal: int
) -> None:
    give(logger, school.children["Sam"], amount=2)
    give(logger, school.children["Zoë"], amount=2)
    assert goal_events(app) == []


def test_goal_coin_that_fills_the_tube_records_one_goal_event(
    app: FastAPI, logger: TestClient, school: School, goal: int
) -> None:
    give(logger, school.children["Sam"], amount=2)
    give(logger, school.children["Zoë"], amount=2)
    coin = give(logger, school.children["Sam"])
    assert goal_events(app) == [
        {
            "group_id": school.groups["Groep 5"],
            "name": "Groep 5",
            "goal": 5,
            "coins": 5,
            "week": coin["week"],
        }
    ]


def test_goal_overshooting_coin_fills_the_tube(
    app: FastAPI, logger: TestClient, school: School, goal: int
) -> None:
    give(logger, school.children["Sam"], amount=3)
    give(logger, school.children["Zoë"], amount=3)
    assert [event["coins"] for event in goal_events(app)] == [6]


def test_goal_coins_after_the_tube_is_full_record_no_more(
    app: FastAPI, logger: TestClient, school: School, goal: int
) -> None:
    give(logger, school.children["Sam"], amount=3)
    give(logger, school.children["Zoë"], amount=2)
    give(logger, school.children["Zoë"])
    give(logger, school.children["Sam"], amount=3)
    assert len(goal_events(app)) == 1


def test_goal_refilled_after_an_undone_coin_is_not_announced_again(
    app: FastAPI, logger: TestClient, school: School, goal: int
) -> None:
    give(logger, school.children["Sam"], amount=3)
    filling = give(logger, school.children["Zoë"], amount=2)
    logger.post(f"/api/v1/coins/{filling['id']}/void")
    give(logger, school.children["Zoë"], amount=3)
    assert len(goal_events(app)) == 1


def test_goal_raised_after_it_was_reached_is_announced_when_reached_again(
    app: FastAPI, teacher: TestClient, logger: TestClient, school: School, goal: int
) -> None:
    give(logger, school.children["Sam"], amount=3)
    give(logger, school.children["Zoë"], amount=2)
    teacher.patch(f"/api/v1/groups/{school.groups['Groep 5']}", json={"weekly_goal": 8})
    give(logger, school.children["Zoë"], amount=3)
    assert [(event["goal"], event["coins"]) for event in goal_events(app)] == [(5, 5), (8, 8)]


def test_goal_replayed_coin_does_not_announce_again(
    app: FastAPI, logger: TestClient, school: School, goal: int
) -> None:
    give(logger, school.children["Sam"], amount=2)
    body = coin_body(school.children["Zoë"], amount=3)
    assert logger.post("/api/v1/coins", json=body).status_code == 201
    assert logger.post("/api/v1/coins", json=body).status_code == 200
    assert len(goal_events(app)) == 1


def test_goal_event_comes_after_the_coin_that_filled_it(
    app: FastAPI, logger: TestClient, school: School, goal: int
) -> None:
    give(logger, school.children["Sam"], amount=3)
    coin = give(logger, school.children["Zoë"], amount=2)
    with read_session(app.state.engine) as session:
        kinds = session.execute(text("SELECT kind, payload FROM board_event ORDER BY seq")).all()
    last_two = [(kind, json.loads(p) if isinstance(p, str) else p) for kind, p in kinds[-2:]]
    assert [kind for kind, _ in last_two] == ["coin", "goal"]
    assert last_two[0][1]["coin_id"] == coin["id"]


def test_goal_other_groups_coins_do_not_fill_the_tube(
    app: FastAPI, logger: TestClient, school: School, goal: int
) -> None:
    give(logger, school.children["Noor"], amount=3)
    give(logger, school.children["Noor"], amount=3)
    give(logger, school.children["Sam"], amount=3)
    assert goal_events(app) == []


def test_goal_voided_coins_do_not_fill_the_tube(
    app: FastAPI, logger: TestClient, school: School, goal: int
) -> None:
    undone = give(logger, school.children["Sam"], amount=3)
    logger.post(f"/api/v1/coins/{undone['id']}/void")
    give(logger, school.children["Zoë"], amount=3)
    assert goal_events(app) == []


def test_goal_last_weeks_coins_fill_last_weeks_tube(
    app: FastAPI, logger: TestClient, school: School, goal: int
) -> None:
    last_week = (datetime.now(UTC) - timedelta(days=8)).isoformat()
    give(logger, school.children["Sam"], amount=3, awarded_at=last_week)
    give(logger, school.children["Zoë"], amount=3)
    assert goal_events(app) == []
    old = give(logger, school.children["Zoë"], amount=3, awarded_at=last_week)
    assert [event["week"] for event in goal_events(app)] == [old["week"]]


def test_goal_group_without_goal_records_no_goal_event(
    app: FastAPI, logger: TestClient, school: School
) -> None:
    for _ in range(3):
        give(logger, school.children["Sam"], amount=3)
    assert goal_events(app) == []


def test_goal_bike_coins_fill_a_daycare_tube(
    app: FastAPI, teacher: TestClient, logger: TestClient, school: School
) -> None:
    teacher.patch(f"/api/v1/groups/{school.groups['Peuters']}", json={"weekly_goal": 2})
    bike = created(
        teacher.post("/api/v1/bikes", json={"name": "Fiets", "group_id": school.groups["Peuters"]})
    )
    turn = {
        "id": "0b9d2c36-6f2e-4c55-9a56-1b7a4f0e2d11",
        "bike_id": bike["id"],
        "from_child_id": school.children["Finn"],
        "to_child_id": school.children["Saar"],
        "went_well": True,
    }
    created(logger.post("/api/v1/bike-turns", json=turn))
    assert [(event["name"], event["coins"]) for event in goal_events(app)] == [("Peuters", 2)]
