"""Rewards: free text or one of the usual ones, pending → given, and shown on the board."""

from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.api.winners_support import drawn, events, give_coins, this_week
from tests.support.school import School


def _last_week_winner(logger: TestClient, teacher: TestClient, school: School) -> dict[str, Any]:
    give_coins(logger, school.children["Sam"], 3, weeks_ago=1)
    give_coins(logger, school.children["Noor"], 1, weeks_ago=1)
    return drawn(teacher, this_week(1))


def test_usual_rewards_lists_the_school_defaults(teacher: TestClient) -> None:
    rewards = teacher.get("/api/v1/rewards").json()
    assert "Mag het spel kiezen" in rewards
    assert "Voorop in de rij" in rewards


def test_reward_update_sets_the_text(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    winner = _last_week_winner(logger, teacher, school)
    response = teacher.patch(
        f"/api/v1/winners/{winner['id']}", json={"reward": "  Mag het spel kiezen "}
    )
    assert response.status_code == 200
    assert response.json()["reward"] == "Mag het spel kiezen"
    assert response.json()["reward_status"] == "pending"


def test_reward_given_records_when_and_pending_clears_it(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    winner = _last_week_winner(logger, teacher, school)
    url = f"/api/v1/winners/{winner['id']}"
    given = teacher.patch(url, json={"reward_status": "given"}).json()
    assert given["reward_status"] == "given"
    assert given["reward_given_at"] is not None
    again = teacher.patch(url, json={"reward_status": "given"}).json()
    assert again["reward_given_at"] == given["reward_given_at"]
    pending = teacher.patch(url, json={"reward_status": "pending"}).json()
    assert (pending["reward_status"], pending["reward_given_at"]) == ("pending", None)


def test_reward_update_refreshes_the_kiosk(
    app: FastAPI, teacher: TestClient, logger: TestClient, school: School
) -> None:
    winner = _last_week_winner(logger, teacher, school)
    before = len(events(app, "board"))
    teacher.patch(f"/api/v1/winners/{winner['id']}", json={"reward": "Extra buitenspelen"})
    board_events = events(app, "board")
    assert len(board_events) == before + 1
    assert board_events[-1].payload == {"board": "plein"}
    assert board_events[-1].board_id is not None


def test_reward_bad_input_is_422(teacher: TestClient, logger: TestClient, school: School) -> None:
    winner = _last_week_winner(logger, teacher, school)
    url = f"/api/v1/winners/{winner['id']}"
    for body in (
        {"reward": "x" * 201},
        {"reward_status": "maybe"},
        {"reward": 5},
        {"reward": "a\u0000b"},
    ):
        assert teacher.patch(url, json=body).status_code == 422, body
    assert teacher.patch(url, json={"reward": "x" * 200}).status_code == 200


def test_reward_of_an_unknown_draw_is_404(teacher: TestClient) -> None:
    response = teacher.patch("/api/v1/winners/4242", json={"reward": "Voorop in de rij"})
    assert response.status_code == 404


def test_reward_of_a_redrawn_draw_is_409(
    teacher: TestClient, logger: TestClient, school: School
) -> None:
    first = _last_week_winner(logger, teacher, school)
    drawn(teacher, this_week(1), redraw_reason="opnieuw loten")
    response = teacher.patch(f"/api/v1/winners/{first['id']}", json={"reward": "Voorop"})
    assert response.status_code == 409
    assert "redraw" in response.json()["detail"]


def test_last_weeks_winner_and_reward_stay_on_the_board(
    kiosk: TestClient, teacher: TestClient, logger: TestClient, school: School
) -> None:
    winner = _last_week_winner(logger, teacher, school)
    teacher.patch(
        f"/api/v1/winners/{winner['id']}",
        json={"reward": "Mag het spel kiezen", "reward_status": "given"},
    )
    standings = kiosk.get("/api/v1/boards/plein/standings").json()
    assert standings["week"] == this_week()
    assert standings["last_winner"] == {
        "week": this_week(1),
        "child_id": school.children["Sam"],
        "name": "Sam B.",
        "avatar": standings["last_winner"]["avatar"],
        "group": "Groep 5",  # what a board that names no child shows instead
        "reward": "Mag het spel kiezen",
        "reward_status": "given",
    }


def test_board_shows_the_redrawn_winner(
    kiosk: TestClient, teacher: TestClient, logger: TestClient, school: School
) -> None:
    first = _last_week_winner(logger, teacher, school)
    second = drawn(teacher, this_week(1), redraw_reason="opnieuw loten")
    # most_coins with one child on top always picks Sam; the board must follow the redraw row.
    teacher.patch(f"/api/v1/winners/{second['id']}", json={"reward": "Voorop in de rij"})
    last = kiosk.get("/api/v1/boards/plein/standings").json()["last_winner"]
    assert second["id"] != first["id"]
    assert last["reward"] == "Voorop in de rij"
