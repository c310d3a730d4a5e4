"""Drawing the weekly winner over HTTP: policies, exclusions, refusals and the kiosk event."""

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.settings import Settings
from tests.api.winners_support import draw, drawn, events, give_coins, this_week
from tests.conftest import make_settings
from tests.support.school import School


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    # Coins three weeks back, so "won in the last weeks" can be set up through the API.
    return make_settings(tmp_path, database_url, backdate_days=30)


def test_draw_most_coins_returns_201_with_the_winner(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    sam, zoe = school.children["Sam"], school.children["Zoë"]
    give_coins(logger, sam, 3)
    give_coins(logger, zoe, 1)
    result = drawn(teacher, this_week())
    assert result["winner_child_id"] == sam
    assert (result["winner_name"], result["winner_group"], result["winner_coins"]) == (
        "Sam B.",
        "Groep 5",
        3,
    )
    assert result["policy"] == "most_coins"
    assert len(result["seed"]) == 32
    assert result["candidates"] == [
        {"child_id": sam, "name": "Sam B.", "group": "Groep 5", "coins": 3, "tickets": 1},
        {"child_id": zoe, "name": "Zoë D.", "group": "Groep 5", "coins": 1, "tickets": 0},
    ]
    assert result["drawn_by"].startswith("teacher:")
    assert (result["reward"], result["reward_status"]) == ("", "pending")
    assert teacher.get(f"/api/v1/boards/plein/weeks/{this_week()}/winner").json() == result


def test_draw_weighted_gives_one_ticket_per_coin(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    teacher.patch("/api/v1/boards/plein", json={"winner_policy": "weighted_draw"})
    give_coins(logger, school.children["Sam"], 4)
    give_coins(logger, school.children["Noor"], 2)
    result = drawn(teacher, this_week())
    assert result["policy"] == "weighted_draw"
    assert [(c["coins"], c["tickets"]) for c in result["candidates"]] == [(4, 4), (2, 2)]
    assert result["winner_child_id"] in {school.children["Sam"], school.children["Noor"]}


def test_draw_twice_is_409_and_keeps_the_first(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    give_coins(logger, school.children["Sam"], 1)
    first = drawn(teacher, this_week())
    again = draw(teacher, this_week())
    assert again.status_code == 409
    assert again.json()["code"] == "already_drawn"
    assert "redraw_reason" in again.json()["detail"]
    assert teacher.get(f"/api/v1/boards/plein/weeks/{this_week()}/winner").json() == first


def test_draw_without_coins_is_422_with_the_reason(teacher: TestClient, school: School) -> None:
    response = draw(teacher, this_week())
    assert response.status_code == 422
    # The precise reason, so the desk and the tablet can say it in the reader's language.
    assert response.json()["code"] == "no_coins_this_week"
    assert "no child on this board has a coin" in response.json()["detail"]


def test_draw_only_counts_children_and_coins_of_the_board(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    give_coins(logger, school.children["Finn"], 9)  # a toddler: not on board "plein"
    give_coins(logger, school.children["Noor"], 2)
    give_coins(logger, school.children["Sam"], 5, weeks_ago=1)  # last week's coins
    result = drawn(teacher, this_week())
    assert [c["child_id"] for c in result["candidates"]] == [school.children["Noor"]]


def test_draw_leaves_out_recent_winners(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    sam, zoe = school.children["Sam"], school.children["Zoë"]
    give_coins(logger, sam, 2, weeks_ago=2)
    assert drawn(teacher, this_week(2))["winner_child_id"] == sam
    give_coins(logger, sam, 6)
    give_coins(logger, zoe, 1)
    result = drawn(teacher, this_week())  # the board leaves out the last 2 weeks' winners
    assert result["winner_child_id"] == zoe
    assert result["excluded_child_ids"] == [sam]
    assert [c["child_id"] for c in result["candidates"]] == [zoe]


def test_draw_recent_winner_can_win_once_the_weeks_have_passed(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    sam, zoe = school.children["Sam"], school.children["Zoë"]
    give_coins(logger, sam, 2, weeks_ago=3)
    drawn(teacher, this_week(3))
    give_coins(logger, sam, 6)
    give_coins(logger, zoe, 1)
    result = drawn(teacher, this_week())  # three weeks ago is outside the two-week window
    assert result["winner_child_id"] == sam
    assert result["excluded_child_ids"] == []


def test_draw_when_only_recent_winners_have_coins_is_422(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    sam = school.children["Sam"]
    give_coins(logger, sam, 1, weeks_ago=1)
    drawn(teacher, this_week(1))
    give_coins(logger, sam, 4)
    response = draw(teacher, this_week())
    assert response.status_code == 422
    assert "won recently" in response.json()["detail"]


def test_draw_unknown_board_is_404_and_bad_week_is_422(teacher: TestClient, school: School) -> None:
    assert draw(teacher, this_week(), board="nergens").status_code == 404
    for week in ("2026-W60", "2026-48", "volgende"):
        response = draw(teacher, week)
        assert response.status_code == 422, week
        assert "week" in response.json()["detail"]


def test_draw_records_a_winner_event_for_the_kiosk(
    app: FastAPI, teacher: TestClient, logger: TestClient, school: School
) -> None:
    sam = school.children["Sam"]
    give_coins(logger, sam, 3)
    result = drawn(teacher, this_week(), reward="Voorop in de rij")
    [event] = events(app, "winner")
    child = teacher.get(f"/api/v1/children/{sam}").json()
    assert event.payload == {
        "board": "plein",
        "week": this_week(),
        "draw_id": result["id"],
        "child_id": sam,
        "first_name": "Sam",
        "last_initial": "B",
        "avatar": child["avatar"],
        "group": "Groep 5",
        "coins": 3,
        "reward": "Voorop in de rij",
        "policy": "most_coins",
    }
    assert event.board_id is not None
    assert event.child_id == sam  # so that erasing Sam scrubs the event


def test_draw_that_fails_records_no_event(
    app: FastAPI, teacher: TestClient, school: School
) -> None:
    assert draw(teacher, this_week()).status_code == 422
    assert events(app, "winner") == []


def test_keeping_the_winner_without_a_draw_time_is_refused(
    app: FastAPI, teacher: TestClient, school: School
) -> None:
    give_coins(teacher, school.children["Sam"], 1)
    response = draw(teacher, this_week(), reveal="at_draw_time")
    assert response.status_code == 422
    assert response.json()["code"] == "no_draw_time"
    assert draw(teacher, this_week()).status_code == 201  # nothing half-written before
    give_coins(teacher, school.children["Sam"], 1, weeks_ago=1)
    html = teacher.get(f"/teacher/weeks/plein/{this_week(1)}/draw").text
    assert "Er is geen vaste trekkingstijd ingesteld" in html
    assert 'value="at_draw_time"' not in html
